//! Plans: list, load, insert, update, delete. Each write is one transaction holding the row
//! and its history entry, so the file never has a change that history does not know about.

use std::path::Path;

use rusqlite::{params, OptionalExtension, Transaction, TransactionBehavior};
use serde::{Deserialize, Serialize};

use super::history::{self, Change};
use super::sqlerr::SqlResultExt;
use super::{to_json, Store};
use crate::error::{Error, Result};
use crate::model::Plan;

/// A plan as stored: the model plus what the store knows about it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct StoredPlan {
    pub id: i64,
    /// The template it was created from ("qd06", "program", …).
    pub template: String,
    pub plan: Plan,
    /// RFC 3339 local time with offset.
    pub created: String,
    pub updated: String,
}

/// One line of `tre plan list --json` (field names are a contract, docs/model.md).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct PlanSummary {
    pub id: i64,
    pub year: i32,
    pub template: String,
    pub doc_type: String,
    pub title: String,
    pub number: Option<String>,
    pub updated: String,
}

/// What history keeps of a plan: enough to put the row back exactly (same id, template,
/// creation time). The `updated` time is not kept: putting a plan back is itself an update.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct PlanSnapshot {
    pub template: String,
    pub created: String,
    pub plan: Plan,
}

fn damaged(path: &Path, id: i64, e: serde_json::Error) -> Error {
    Error::CorruptDatabase {
        path: path.to_path_buf(),
        detail: format!(
            "dữ liệu kế hoạch số {id} không đọc được: {}",
            crate::error::json_detail(&e)
        ),
    }
}

/// Plan `id` as stored, or `None`: one reader for the history's snapshots and for `plan()`.
fn read_row(conn: &rusqlite::Connection, path: &Path, id: i64) -> Result<Option<StoredPlan>> {
    let row = conn
        .query_row(
            "SELECT template, data, created, updated FROM plans WHERE id = ?1",
            [id],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get(2)?,
                    r.get(3)?,
                ))
            },
        )
        .optional()
        .db(path)?;
    let Some((template, data, created, updated)) = row else {
        return Ok(None);
    };
    let plan = serde_json::from_str(&data).map_err(|e| damaged(path, id, e))?;
    Ok(Some(StoredPlan {
        id,
        template,
        plan,
        created,
        updated,
    }))
}

/// Reads the snapshot of plan `id` inside a transaction; `None` if it does not exist.
fn load_snapshot(tx: &Transaction, path: &Path, id: i64) -> Result<Option<PlanSnapshot>> {
    Ok(read_row(tx, path, id)?.map(|p| PlanSnapshot {
        template: p.template,
        created: p.created,
        plan: p.plan,
    }))
}

/// Writes plan `id` as `snap` (insert with that id, or overwrite), with `updated` = now.
fn write_row(tx: &Transaction, path: &Path, id: i64, snap: &PlanSnapshot) -> Result<()> {
    let p = &snap.plan;
    tx.execute(
        "INSERT INTO plans (id, year, template, doc_type, title, number, data, created, updated)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
         ON CONFLICT (id) DO UPDATE SET
           year = excluded.year, template = excluded.template, doc_type = excluded.doc_type,
           title = excluded.title, number = excluded.number, data = excluded.data,
           created = excluded.created, updated = excluded.updated",
        params![
            id,
            p.year(),
            snap.template,
            p.doc_type,
            p.title,
            p.number,
            to_json(p)?,
            snap.created,
            history::now()
        ],
    )
    .db(path)?;
    Ok(())
}

/// Plan `id` as a history snapshot now (`None` if absent): what undo's patches apply to.
pub(crate) fn current_snapshot(tx: &Transaction, path: &Path, id: i64) -> Result<Option<String>> {
    load_snapshot(tx, path, id)?
        .map(|s| to_json(&s))
        .transpose()
}

/// Puts plan `id` into the state of a history snapshot (`None` = absent). Used by undo/redo.
pub(crate) fn apply_snapshot(
    tx: &Transaction,
    path: &Path,
    id: i64,
    snapshot: Option<&str>,
) -> Result<()> {
    match snapshot {
        None => {
            tx.execute("DELETE FROM plans WHERE id = ?1", [id])
                .db(path)?;
        }
        Some(json) => {
            let snap: PlanSnapshot =
                serde_json::from_str(json).map_err(|e| damaged(path, id, e))?;
            write_row(tx, path, id, &snap)?;
        }
    }
    Ok(())
}

fn check_template(template: &str) -> Result<()> {
    if template.trim().is_empty() {
        return Err(Error::Invalid(
            "Thiếu mẫu kế hoạch. Hãy chọn một mẫu, ví dụ qd06 hoặc blank.".into(),
        ));
    }
    Ok(())
}

impl Store {
    /// Plans of `year` (or all), newest year first, then by id.
    pub fn plans(&self, year: Option<i32>) -> Result<Vec<PlanSummary>> {
        let mut st = self
            .conn
            .prepare(
                "SELECT id, year, template, doc_type, title, number, updated FROM plans
                 WHERE ?1 IS NULL OR year = ?1 ORDER BY year DESC, id",
            )
            .db(&self.path)?;
        let rows = st
            .query_map([year], |r| {
                Ok(PlanSummary {
                    id: r.get(0)?,
                    year: r.get(1)?,
                    template: r.get(2)?,
                    doc_type: r.get(3)?,
                    title: r.get(4)?,
                    number: r.get(5)?,
                    updated: r.get(6)?,
                })
            })
            .db(&self.path)?;
        rows.collect::<rusqlite::Result<Vec<_>>>().db(&self.path)
    }

    /// One plan, or `PlanNotFound`.
    pub fn plan(&self, id: i64) -> Result<StoredPlan> {
        read_row(&self.conn, &self.path, id)?.ok_or(Error::PlanNotFound(id))
    }

    /// Saves a new plan made from `template`; returns its id. Nothing is written if the plan
    /// does not validate.
    pub fn insert_plan(&mut self, template: &str, plan: &Plan) -> Result<i64> {
        check_template(template)?;
        plan.validate()?;
        self.ensure_in_place()?;
        let path = self.path.as_path();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .db(path)?;
        let now = history::now();
        tx.execute(
            "INSERT INTO plans (year, template, doc_type, title, number, data, created, updated)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
            params![
                plan.year(),
                template,
                plan.doc_type,
                plan.title,
                plan.number,
                to_json(plan)?,
                now
            ],
        )
        .db(path)?;
        let id = tx.last_insert_rowid();
        let snap = PlanSnapshot {
            template: template.to_string(),
            created: now,
            plan: plan.clone(),
        };
        history::record(
            &tx,
            path,
            &Change {
                entity: "plan",
                entity_id: Some(id),
                action: "insert",
                old: None,
                new: Some(to_json(&snap)?),
                summary: format!("Tạo kế hoạch số {id}: {}", history::short(&plan.title)),
            },
        )?;
        tx.commit().db(path)?;
        Ok(id)
    }

    /// Replaces plan `id`'s content. Saving an unchanged plan writes nothing (autosave may
    /// call this on every keystroke; history should only hold real changes).
    pub fn update_plan(&mut self, id: i64, plan: &Plan) -> Result<()> {
        plan.validate()?;
        self.ensure_in_place()?;
        let path = self.path.as_path();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .db(path)?;
        let old = load_snapshot(&tx, path, id)?.ok_or(Error::PlanNotFound(id))?;
        if &old.plan == plan {
            return Ok(());
        }
        let new = PlanSnapshot {
            plan: plan.clone(),
            ..old.clone()
        };
        write_row(&tx, path, id, &new)?;
        history::record(
            &tx,
            path,
            &Change {
                entity: "plan",
                entity_id: Some(id),
                action: "update",
                old: Some(to_json(&old)?),
                new: Some(to_json(&new)?),
                summary: format!("Sửa kế hoạch số {id}: {}", history::short(&plan.title)),
            },
        )?;
        tx.commit().db(path)
    }

    /// Deletes plan `id`; history keeps it, so undo brings it back with the same id.
    pub fn delete_plan(&mut self, id: i64) -> Result<()> {
        self.ensure_in_place()?;
        let path = self.path.as_path();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .db(path)?;
        let old = load_snapshot(&tx, path, id)?.ok_or(Error::PlanNotFound(id))?;
        tx.execute("DELETE FROM plans WHERE id = ?1", [id])
            .db(path)?;
        history::record(
            &tx,
            path,
            &Change {
                entity: "plan",
                entity_id: Some(id),
                action: "delete",
                old: Some(to_json(&old)?),
                new: None,
                summary: format!("Xóa kế hoạch số {id}: {}", history::short(&old.plan.title)),
            },
        )?;
        tx.commit().db(path)
    }
}
