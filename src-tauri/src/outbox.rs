//! The outbox's runner: a thread that sends what is due every 20 seconds, or at once when
//! woken (a dossier queued, "Gửi lại"). The session is held only to claim a message and to
//! record its outcome; the network attempt runs without it, so the window never waits on a
//! slow line. Each outcome is announced to the window as "outbox-changed".

use std::sync::mpsc::{channel, RecvTimeoutError, Sender};
use std::sync::Mutex;
use std::time::Duration;

use tauri::{AppHandle, Emitter, Manager};
use tre::session::{outbox_attempt, unix_now, OUTBOX_TIMEOUT};

use crate::commands::{with_session, AppState};

/// How often the queue is looked at when nothing wakes the runner.
const TICK: Duration = Duration::from_secs(20);

pub struct Runner(Mutex<Sender<()>>);

impl Runner {
    pub fn start(app: AppHandle) -> Runner {
        let (tx, rx) = channel::<()>();
        std::thread::spawn(move || loop {
            match rx.recv_timeout(TICK) {
                Ok(()) | Err(RecvTimeoutError::Timeout) => drain(&app),
                Err(RecvTimeoutError::Disconnected) => return,
            }
        });
        Runner(Mutex::new(tx))
    }

    /// Looks at the queue now.
    pub fn wake(&self) {
        if let Ok(tx) = self.0.lock() {
            let _ = tx.send(());
        }
    }
}

/// Sends every message due now, one after the other.
fn drain(app: &AppHandle) {
    let state = app.state::<AppState>();
    loop {
        // A database error (busy, a file being restored) waits for the next tick.
        let Ok(Some(claimed)) = with_session(&state, |s| s.outbox_claim(unix_now())) else {
            return;
        };
        let result = outbox_attempt(&claimed, OUTBOX_TIMEOUT);
        let _ = with_session(&state, |s| {
            s.outbox_finish(&claimed, &result, unix_now(), None)
        });
        let _ = app.emit("outbox-changed", claimed.message.id);
    }
}
