//! Keeping history from growing without end.
//!
//! The rule, one the officer can be told in a sentence: every change of the last 30 days is
//! kept; older changes are kept one per document and day (the day's changes of one plan
//! become one entry that undoes the whole day). A document created and deleted on the same
//! old day leaves nothing. Rows kept as two whole snapshots (before version 7) are rewritten
//! as patches on the way.
//!
//! Run once a day, before the daily backup (so the copy is compact too). Merging needs the
//! state before and after each day: it is rebuilt by walking one document's rows from its
//! current content backwards, holding only the state being walked, so memory stays that of one
//! document however long its history.

use std::path::Path;

use chrono::NaiveDate;
use rusqlite::{params, Connection, TransactionBehavior};

use super::form::{self, Target};
use crate::error::Result;
use crate::store::sqlerr::SqlResultExt;

/// Every change younger than this many days is kept as it was made.
pub(crate) const KEEP_ALL_DAYS: i64 = 30;

/// What a pruning did, for tests and the benchmark.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Pruned {
    /// Rows removed (merged into another, or dropped with their day).
    pub removed: usize,
    /// Rows rewritten (a merged day, or a snapshot row turned into patches).
    pub rewritten: usize,
}

/// One row as read for the walk.
struct Row {
    id: i64,
    day: String,
    action: String,
    form: String,
    old: Option<String>,
    new: Option<String>,
    summary: String,
}

/// What to do with one day's rows of one document, decided during the walk.
struct Plan {
    keep: i64,
    drop: Vec<i64>,
    /// `None`: the day created and deleted the document; all its rows go.
    row: Option<(&'static str, form::Stored, String)>,
}

/// Applies the rule to the history of `conn`'s database as of `today`, in one transaction.
pub(crate) fn prune(conn: &mut Connection, path: &Path, today: NaiveDate) -> Result<Pruned> {
    let cutoff = (today - chrono::Duration::days(KEEP_ALL_DAYS))
        .format("%Y-%m-%d")
        .to_string();
    let tx = conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .db(path)?;
    // Only documents with something to do: an old day with several rows, or an old-style row.
    let targets: Vec<(String, Option<i64>)> = {
        let mut st = tx
            .prepare(
                "SELECT DISTINCT entity, entity_id FROM (
                     SELECT entity, entity_id FROM history
                      WHERE undone = 0 AND substr(at, 1, 10) < ?1
                      GROUP BY entity, entity_id, substr(at, 1, 10) HAVING count(*) > 1
                     UNION ALL
                     SELECT entity, entity_id FROM history
                      WHERE undone = 0 AND form = 'snapshot' AND action = 'update')",
            )
            .db(path)?;
        let rows = st
            .query_map([&cutoff], |r| Ok((r.get(0)?, r.get(1)?)))
            .db(path)?;
        rows.collect::<rusqlite::Result<_>>().db(path)?
    };
    let mut done = Pruned::default();
    for (entity, entity_id) in &targets {
        let target = Target {
            entity,
            entity_id: *entity_id,
        };
        let rows = read_rows(&tx, path, target)?;
        let current = form::current(&tx, path, target)?;
        // A history that does not fit its document is left exactly as it is: undo will say so
        // when it gets there; pruning must never make it worse.
        let Ok(plans) = plan(path, &rows, current, &cutoff) else {
            continue;
        };
        for p in plans {
            match p.row {
                Some((action, stored, summary)) => {
                    tx.execute(
                        "UPDATE history SET action = ?1, form = ?2, old = ?3, new = ?4, summary = ?5
                         WHERE id = ?6",
                        params![action, stored.form, stored.old, stored.new, summary, p.keep],
                    )
                    .db(path)?;
                    done.rewritten += 1;
                }
                None => {
                    tx.execute("DELETE FROM history WHERE id = ?1", [p.keep])
                        .db(path)?;
                    done.removed += 1;
                }
            }
            for id in p.drop {
                tx.execute("DELETE FROM history WHERE id = ?1", [id])
                    .db(path)?;
                done.removed += 1;
            }
        }
    }
    tx.commit().db(path)?;
    Ok(done)
}

fn read_rows(conn: &Connection, path: &Path, t: Target) -> Result<Vec<Row>> {
    let mut st = conn
        .prepare(
            "SELECT id, substr(at, 1, 10), action, form, old, new, summary FROM history
              WHERE entity = ?1 AND entity_id IS ?2 AND undone = 0 ORDER BY id DESC",
        )
        .db(path)?;
    let rows = st
        .query_map(params![t.entity, t.entity_id], |r| {
            Ok(Row {
                id: r.get(0)?,
                day: r.get(1)?,
                action: r.get(2)?,
                form: r.get(3)?,
                old: r.get(4)?,
                new: r.get(5)?,
                summary: r.get(6)?,
            })
        })
        .db(path)?;
    rows.collect::<rusqlite::Result<_>>().db(path)
}

/// Walks `rows` (one document's, newest first) back from `current` and decides the rewrites.
fn plan(path: &Path, rows: &[Row], current: Option<String>, cutoff: &str) -> Result<Vec<Plan>> {
    let mut plans = Vec::new();
    let mut state = current; // the state after the row being looked at
    let mut i = 0;
    while i < rows.len() {
        // The run of rows of one day; only old days are merged.
        let day = &rows[i].day;
        let mut j = i + 1;
        if day.as_str() < cutoff {
            while j < rows.len() && &rows[j].day == day {
                j += 1;
            }
        }
        let group = &rows[i..j];
        let after = match group[0].form.as_str() {
            // An old-style row carries its own "after"; trust it over the walk.
            "snapshot" => group[0].new.clone(),
            _ => state.clone(),
        };
        let mut before = after.clone();
        for row in group {
            before = form::other_side(
                path,
                row.id,
                &row.form,
                row.old.as_deref(),
                before.as_deref(),
            )?;
        }
        let merged = group.len() > 1;
        let old_style = group[0].form == "snapshot" && group[0].action == "update";
        if merged || old_style {
            let row = match (&before, &after) {
                (None, None) => None,
                (b, a) => {
                    let action = match (b, a) {
                        (None, _) => "insert",
                        (_, None) => "delete",
                        _ => "update",
                    };
                    let stored = form::encode(b.as_deref(), a.as_deref())?;
                    let summary = if merged {
                        format!(
                            "{} (gộp {} thay đổi trong ngày)",
                            group[0].summary,
                            group.len()
                        )
                    } else {
                        group[0].summary.clone()
                    };
                    Some((action, stored, summary))
                }
            };
            plans.push(Plan {
                keep: group[0].id,
                drop: group[1..].iter().map(|r| r.id).collect(),
                row,
            });
        }
        state = before;
        i = j;
    }
    Ok(plans)
}
