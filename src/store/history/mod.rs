//! The history table: every change, what it changed, and undo/redo on top of it.
//!
//! A classic undo stack: undo reverts the newest change not yet undone, redo re-applies the
//! oldest undone one, and any new change forgets the undone ones. The undone rows are thus
//! always the newest rows, which is what lets undo and redo pick by id alone.
//!
//! `form` says how a change is kept (snapshots or patches); `prune` keeps the table from
//! growing without end (every change for a month, then one per document and day).

mod form;
mod prune;
#[cfg(test)]
mod prune_tests;

pub(crate) use prune::prune;

use std::path::Path;

use rusqlite::{params, OptionalExtension, Transaction, TransactionBehavior};
use serde::Serialize;

use super::sqlerr::SqlResultExt;
use super::Store;
use crate::error::{Error, Result};
use form::Target;

/// One recorded change, newest first in [`Store::history`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct HistoryEntry {
    pub id: i64,
    /// RFC 3339 local time with offset.
    pub at: String,
    /// "commune", "plan", "assessment" or "register".
    pub entity: String,
    /// The plan's id, the assessment's year, the register row's id; `None` for the commune
    /// (there is only one).
    pub entity_id: Option<i64>,
    /// "insert", "update" or "delete".
    pub action: String,
    /// Vietnamese, for the officer: "Sửa kế hoạch số 3: …".
    pub summary: String,
    /// True once undone (and until redone).
    pub undone: bool,
}

/// A change about to be recorded, in the same transaction as the data it describes.
pub(crate) struct Change {
    pub entity: &'static str,
    pub entity_id: Option<i64>,
    pub action: &'static str,
    /// JSON snapshot before the change; `None` for an insert.
    pub old: Option<String>,
    /// JSON snapshot after the change; `None` for a delete. (Both are whole snapshots here;
    /// `form::encode` decides how little of them is stored.)
    pub new: Option<String>,
    pub summary: String,
}

/// Now, local time with offset, second precision: "2026-03-02T08:15:00+07:00".
pub fn now() -> String {
    chrono::Local::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
}

/// Shortens a title for a one-line summary, on a character boundary.
pub(crate) fn short(text: &str) -> String {
    const MAX: usize = 60;
    let text = text.trim();
    if text.chars().count() <= MAX {
        text.to_string()
    } else {
        let cut: String = text.chars().take(MAX).collect();
        format!("{}…", cut.trim_end())
    }
}

/// Records `change` inside `tx`; the caller commits data and history together.
pub(crate) fn record(tx: &Transaction, path: &Path, change: &Change) -> Result<()> {
    // A new change makes the undone ones unreachable (classic undo stack).
    tx.execute("DELETE FROM history WHERE undone = 1", [])
        .db(path)?;
    let stored = form::encode(change.old.as_deref(), change.new.as_deref())?;
    tx.execute(
        "INSERT INTO history (at, entity, entity_id, action, form, old, new, summary)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            now(),
            change.entity,
            change.entity_id,
            change.action,
            stored.form,
            stored.old,
            stored.new,
            change.summary
        ],
    )
    .db(path)?;
    Ok(())
}

const ENTRY_COLUMNS: &str = "id, at, entity, entity_id, action, summary, undone";

fn entry_from_row(r: &rusqlite::Row) -> rusqlite::Result<HistoryEntry> {
    Ok(HistoryEntry {
        id: r.get(0)?,
        at: r.get(1)?,
        entity: r.get(2)?,
        entity_id: r.get(3)?,
        action: r.get(4)?,
        summary: r.get(5)?,
        undone: r.get(6)?,
    })
}

/// Which way to move along the stack.
#[derive(Clone, Copy)]
enum Direction {
    Undo,
    Redo,
}

impl Store {
    /// The newest `limit` changes, newest first, undone ones included (flagged).
    pub fn history(&self, limit: usize) -> Result<Vec<HistoryEntry>> {
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let mut st = self
            .conn
            .prepare(&format!(
                "SELECT {ENTRY_COLUMNS} FROM history ORDER BY id DESC LIMIT ?1"
            ))
            .db(&self.path)?;
        let rows = st.query_map([limit], entry_from_row).db(&self.path)?;
        rows.collect::<rusqlite::Result<Vec<_>>>().db(&self.path)
    }

    /// When `entity` `entity_id` last changed (a change not undone), RFC 3339.
    pub fn last_change(&self, entity: &str, entity_id: i64) -> Result<Option<String>> {
        self.conn
            .query_row(
                "SELECT at FROM history WHERE entity = ?1 AND entity_id = ?2 AND undone = 0 ORDER BY id DESC LIMIT 1",
                params![entity, entity_id],
                |r| r.get(0),
            )
            .optional()
            .db(&self.path)
    }

    /// Reverts the newest change not yet undone, in one transaction. Returns it, flagged undone.
    pub fn undo(&mut self) -> Result<HistoryEntry> {
        self.step(Direction::Undo)
    }

    /// Re-applies the oldest undone change (the one undone last). Returns it, no longer undone.
    pub fn redo(&mut self) -> Result<HistoryEntry> {
        self.step(Direction::Redo)
    }

    fn step(&mut self, dir: Direction) -> Result<HistoryEntry> {
        self.ensure_in_place()?;
        let path = self.path.as_path();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .db(path)?;
        // Undo goes to the state before the change (`old`), redo to the one after (`new`).
        let (pick, side_column, set_undone, none) = match dir {
            Direction::Undo => (
                "undone = 0 ORDER BY id DESC",
                "old",
                true,
                Error::NothingToUndo,
            ),
            Direction::Redo => (
                "undone = 1 ORDER BY id ASC",
                "new",
                false,
                Error::NothingToRedo,
            ),
        };
        let found = tx
            .query_row(
                &format!("SELECT id, entity, entity_id, form, {side_column} FROM history WHERE {pick} LIMIT 1"),
                [],
                |r| {
                    Ok((
                        r.get::<_, i64>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, Option<i64>>(2)?,
                        r.get::<_, String>(3)?,
                        r.get::<_, Option<String>>(4)?,
                    ))
                },
            )
            .optional()
            .db(path)?;
        let Some((history_id, entity, entity_id, stored_form, side)) = found else {
            return Err(none);
        };
        let target = Target {
            entity: &entity,
            entity_id,
        };
        let now = form::current(&tx, path, target)?;
        let goal = form::other_side(
            path,
            history_id,
            &stored_form,
            side.as_deref(),
            now.as_deref(),
        )?;
        form::apply(&tx, path, target, goal.as_deref())?;
        tx.execute(
            "UPDATE history SET undone = ?1 WHERE id = ?2",
            params![set_undone, history_id],
        )
        .db(path)?;
        let entry = tx
            .query_row(
                &format!("SELECT {ENTRY_COLUMNS} FROM history WHERE id = ?1"),
                [history_id],
                entry_from_row,
            )
            .db(path)?;
        tx.commit().db(path)?;
        Ok(entry)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_are_rfc3339_with_offset() {
        let t = now();
        let parsed = chrono::DateTime::parse_from_rfc3339(&t).unwrap();
        assert_eq!(
            parsed.to_rfc3339_opts(chrono::SecondsFormat::Secs, false),
            t
        );
        assert!(!t.ends_with('Z'));
    }

    #[test]
    fn short_cuts_on_characters() {
        assert_eq!(short("  Kế hoạch  "), "Kế hoạch");
        let long =
            "Thực hiện xây dựng xã, phường phù hợp với trẻ em năm 2026 trên địa bàn xã Quan Sơn";
        let s = short(long);
        assert!(s.ends_with('…'));
        assert!(s.chars().count() <= 61);
    }

    #[test]
    fn nothing_to_undo_or_redo_messages() {
        assert!(Error::NothingToUndo.to_string().contains("hoàn tác"));
        assert!(Error::NothingToRedo.to_string().contains("làm lại"));
        assert_eq!(Error::NothingToRedo.code(), "nothing-to-redo");
    }
}
