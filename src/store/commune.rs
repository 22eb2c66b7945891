//! The commune profile: a single row (id 1) holding the model's JSON.

use std::path::Path;

use rusqlite::{params, OptionalExtension, Transaction, TransactionBehavior};

use super::history::{self, Change};
use super::sqlerr::SqlResultExt;
use super::Store;
use crate::error::{Error, Result};
use crate::model::Commune;

fn parse(path: &Path, json: &str) -> Result<Commune> {
    serde_json::from_str(json).map_err(|e| Error::CorruptDatabase {
        path: path.to_path_buf(),
        detail: format!(
            "thông tin xã không đọc được: {}",
            crate::error::json_detail(&e)
        ),
    })
}

fn load(tx: &Transaction, path: &Path) -> Result<Option<String>> {
    tx.query_row("SELECT data FROM commune WHERE id = 1", [], |r| r.get(0))
        .optional()
        .db(path)
}

fn write(tx: &Transaction, path: &Path, json: &str) -> Result<()> {
    tx.execute(
        "INSERT INTO commune (id, data, updated) VALUES (1, ?1, ?2)
         ON CONFLICT (id) DO UPDATE SET data = excluded.data, updated = excluded.updated",
        params![json, history::now()],
    )
    .db(path)?;
    Ok(())
}

/// The profile as a history snapshot now (`None` if absent): what undo's patches apply to.
pub(crate) fn current_snapshot(tx: &Transaction, path: &Path) -> Result<Option<String>> {
    load(tx, path)
}

/// Puts the commune into the state of a history snapshot (`None` = no profile). Used by undo/redo.
pub(crate) fn apply_snapshot(tx: &Transaction, path: &Path, snapshot: Option<&str>) -> Result<()> {
    match snapshot {
        None => {
            tx.execute("DELETE FROM commune WHERE id = 1", [])
                .db(path)?;
            Ok(())
        }
        Some(json) => {
            parse(path, json)?; // never write a snapshot the model cannot read back
            write(tx, path, json)
        }
    }
}

impl Store {
    /// The commune profile, `None` until it is first set.
    pub fn commune(&self) -> Result<Option<Commune>> {
        let json: Option<String> = self
            .conn
            .query_row("SELECT data FROM commune WHERE id = 1", [], |r| r.get(0))
            .optional()
            .db(&self.path)?;
        json.map(|j| parse(&self.path, &j)).transpose()
    }

    /// Saves the profile (validated first; nothing is written if it is refused). Saving the
    /// same profile again writes nothing.
    pub fn set_commune(&mut self, c: &Commune) -> Result<()> {
        c.validate()?;
        let json = serde_json::to_string(c).map_err(|e| {
            Error::Database(format!(
                "không chuyển được dữ liệu sang JSON: {}",
                crate::error::json_detail(&e)
            ))
        })?;
        self.ensure_in_place()?;
        let path = self.path.as_path();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .db(path)?;
        let old = load(&tx, path)?;
        if let Some(old_json) = &old {
            if &parse(path, old_json)? == c {
                return Ok(());
            }
        }
        write(&tx, path, &json)?;
        let (action, verb) = if old.is_some() {
            ("update", "Sửa")
        } else {
            ("insert", "Nhập")
        };
        history::record(
            &tx,
            path,
            &Change {
                entity: "commune",
                entity_id: None,
                action,
                old,
                new: Some(json),
                summary: format!("{verb} thông tin {}", history::short(&c.full_name())),
            },
        )?;
        tx.commit().db(path)
    }
}
