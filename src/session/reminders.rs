//! The deadline reminder (`deadlines::reminders`), and the note of the day it was last given,
//! kept in the database's `settings`: the app reminds at start and once a day while open, and
//! a restart on the same day must not give the same desktop notification twice.

use chrono::NaiveDate;

use super::Session;
use crate::deadlines::reminders::{self, Reminder};
use crate::error::Result;

/// The `settings` key holding the ISO day of the last reminder given.
const LAST_KEY: &str = "reminders.last";

impl Session {
    /// What to remind the officer of on `today` (default: today), with the day the last
    /// reminder was given; `None` when nothing is overdue or due within 7 days. Reads only.
    pub fn reminder(&self, today: Option<NaiveDate>) -> Result<Option<Reminder>> {
        let today = today.unwrap_or_else(super::today);
        let last = self.store.setting(LAST_KEY)?;
        Ok(reminders::for_today(&self.store, today)?.map(|r| Reminder {
            last_reminded: last,
            ..r
        }))
    }

    /// The reminder to give now: today's, unless one was already given today from this
    /// database. Notes today as reminded when it returns one; a day with nothing due notes
    /// nothing, so a deadline added later that day is still reminded of at the next start.
    pub fn reminder_take(&mut self, today: NaiveDate) -> Result<Option<Reminder>> {
        let Some(r) = self.reminder(Some(today))? else {
            return Ok(None);
        };
        if r.last_reminded.as_deref() == Some(r.today.as_str()) {
            return Ok(None);
        }
        self.store.set_setting(LAST_KEY, &r.today)?;
        Ok(Some(r))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn given_once_a_day_and_remembered_across_a_restart() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("t.db");
        let mut s = Session::open(&db).unwrap();
        // Nothing to remind in an empty database, and nothing is noted.
        assert_eq!(s.reminder_take(day("2026-11-12")).unwrap(), None);
        s.demo_load(2026).unwrap();
        let first = s.reminder_take(day("2026-11-12")).unwrap().unwrap();
        assert!(first.title.starts_with("Tre: "), "{}", first.title);
        assert_eq!(first.last_reminded, None);
        assert_eq!(s.reminder_take(day("2026-11-12")).unwrap(), None);
        drop(s);
        // The app started again the same day: still nothing; the reminder itself is there
        // for the home page, saying when it was given.
        let mut s = Session::open(&db).unwrap();
        assert_eq!(s.reminder_take(day("2026-11-12")).unwrap(), None);
        let shown = s.reminder(Some(day("2026-11-12"))).unwrap().unwrap();
        assert_eq!(shown.title, first.title);
        assert_eq!(shown.last_reminded.as_deref(), Some("2026-11-12"));
        // The next day it is given again.
        let next = s.reminder_take(day("2026-11-13")).unwrap().unwrap();
        assert_eq!(next.today, "2026-11-13");
        assert_eq!(next.last_reminded.as_deref(), Some("2026-11-12"));
        assert_eq!(s.reminder_take(day("2026-11-13")).unwrap(), None);
    }
}
