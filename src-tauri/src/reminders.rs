//! The deadline reminder as a desktop notification: once at start (when the session opens)
//! and then once a day while the app stays open, checked every hour. Which reminder, and
//! whether one was already given today from this database, is the core's
//! (`Session::reminder_take`); this only shows it and tells the window ("reminder").
//!
//! A desktop with no notification server (a bare window manager, a test's virtual screen)
//! must cost nothing: the plugin sends on a background task and a failure is only logged.

use std::time::Duration;

use chrono::NaiveDate;

use tauri::{AppHandle, Emitter, Manager};
use tauri_plugin_notification::NotificationExt;
use tre::deadlines::reminders::Reminder;

use crate::commands::{with_session, AppState};

/// How often the day is looked at: a laptop left open overnight reminds within the hour.
const TICK: Duration = Duration::from_secs(60 * 60);

/// Before the first look, so the window's own first commands open the database (and show its
/// errors) without waiting on this thread.
const FIRST_LOOK: Duration = Duration::from_secs(2);

pub fn start(app: AppHandle) {
    let spawned = std::thread::Builder::new()
        .name("reminders".into())
        .spawn(move || {
            std::thread::sleep(FIRST_LOOK);
            let mut looked_on = None;
            loop {
                let today = tre::session::today();
                if looked_on != Some(today) && look(&app, today) {
                    looked_on = Some(today);
                }
                std::thread::sleep(TICK);
            }
        });
    if let Err(e) = spawned {
        eprintln!("reminder: not started ({e})");
    }
}

/// Gives today's reminder if it is due; false when the database could not be read (a
/// damaged file, a restore under way), so the next tick tries again.
fn look(app: &AppHandle, today: NaiveDate) -> bool {
    let state = app.state::<AppState>();
    match with_session(&state, |s| s.reminder_take(today)) {
        Ok(Some(r)) => {
            notify(app, &r);
            true
        }
        Ok(None) => true,
        Err(e) => {
            eprintln!("reminder: not read ({e:?})");
            false
        }
    }
}

/// The desktop notification, and the same reminder to the window (the home page shows it,
/// for a desktop that shows no notifications). On Linux the plugin hands the notification to
/// the session bus on a background task and reports no failure of its own, so "sent" means
/// handed over; the e2e test reads what the notification server received.
fn notify(app: &AppHandle, r: &Reminder) {
    match app
        .notification()
        .builder()
        .title(&r.title)
        .body(&r.body)
        .show()
    {
        Ok(()) => eprintln!("reminder sent: {}", r.title),
        Err(e) => eprintln!("reminder: notification not shown ({e}): {}", r.title),
    }
    let _ = app.emit("reminder", r);
}
