//! The register's rows: one per document that has something recorded (its sendings), keyed
//! by the document's key. Writes go with their history row, so `tre undo` takes back a
//! sending recorded by mistake.

use std::path::Path;

use rusqlite::{params, OptionalExtension, Transaction, TransactionBehavior};
use serde::{Deserialize, Serialize};

use super::history::{self, Change};
use super::sqlerr::SqlResultExt;
use super::{to_json, Store};
use crate::error::{Error, Result};
use crate::register::Record;

/// What history keeps of a row: the key and the record, to put the row back exactly.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Snapshot {
    doc: String,
    record: Record,
}

fn damaged(path: &Path, what: &str, e: serde_json::Error) -> Error {
    Error::CorruptDatabase {
        path: path.to_path_buf(),
        detail: format!(
            "sổ văn bản ({what}) không đọc được: {}",
            crate::error::json_detail(&e)
        ),
    }
}

/// Register row `id` as a history snapshot now (`None` if absent).
pub(crate) fn current_snapshot(tx: &Transaction, path: &Path, id: i64) -> Result<Option<String>> {
    let row: Option<(String, String)> = tx
        .query_row("SELECT doc, data FROM register WHERE id = ?1", [id], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()
        .db(path)?;
    row.map(|(doc, data)| {
        let record: Record = serde_json::from_str(&data).map_err(|e| damaged(path, &doc, e))?;
        to_json(&Snapshot { doc, record })
    })
    .transpose()
}

/// Puts register row `id` into a history snapshot's state. Used by undo/redo.
pub(crate) fn apply_snapshot(
    tx: &Transaction,
    path: &Path,
    id: i64,
    snapshot: Option<&str>,
) -> Result<()> {
    match snapshot {
        None => {
            tx.execute("DELETE FROM register WHERE id = ?1", [id])
                .db(path)?;
        }
        Some(json) => {
            let s: Snapshot =
                serde_json::from_str(json).map_err(|e| damaged(path, "lịch sử", e))?;
            tx.execute(
                "INSERT INTO register (id, doc, data, updated) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (id) DO UPDATE SET doc = excluded.doc, data = excluded.data, updated = excluded.updated",
                params![id, s.doc, to_json(&s.record)?, history::now()],
            )
            .db(path)?;
        }
    }
    Ok(())
}

impl Store {
    /// Every document's record, by key (a document with nothing recorded has no row).
    pub fn register_records(&self) -> Result<Vec<(String, Record)>> {
        let path = self.path.as_path();
        let mut st = self
            .conn
            .prepare("SELECT doc, data FROM register ORDER BY id")
            .db(path)?;
        let rows = st
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
            .db(path)?
            .collect::<rusqlite::Result<Vec<_>>>()
            .db(path)?;
        rows.into_iter()
            .map(|(doc, json)| {
                let record = serde_json::from_str(&json).map_err(|e| damaged(path, &doc, e))?;
                Ok((doc, record))
            })
            .collect()
    }

    /// The record of document `doc` (empty when nothing was recorded yet).
    pub fn register_record(&self, doc: &str) -> Result<Record> {
        let json: Option<String> = self
            .conn
            .query_row("SELECT data FROM register WHERE doc = ?1", [doc], |r| {
                r.get(0)
            })
            .optional()
            .db(&self.path)?;
        json.map(|j| serde_json::from_str(&j).map_err(|e| damaged(&self.path, doc, e)))
            .transpose()
            .map(Option::unwrap_or_default)
    }

    /// The bytes of the signed copy whose SHA-256 is `sha256`.
    pub fn signed_copy_bytes(&self, sha256: &str) -> Result<Vec<u8>> {
        self.conn
            .query_row(
                "SELECT data FROM signed_copies WHERE sha256 = ?1",
                [sha256],
                |r| r.get(0),
            )
            .optional()
            .db(&self.path)?
            .ok_or_else(|| Error::CorruptDatabase {
                path: self.path.clone(),
                detail: format!("thiếu nội dung bản ký {sha256}"),
            })
    }

    /// Saves the record of `doc` with a history entry saying `summary`; `copy` is the bytes
    /// of a newly attached signed copy, kept in the same transaction as the record naming it.
    pub fn save_register_record(
        &mut self,
        doc: &str,
        record: &Record,
        summary: &str,
        copy: Option<&[u8]>,
    ) -> Result<()> {
        self.ensure_in_place()?;
        let path = self.path.as_path();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .db(path)?;
        if let (Some(bytes), Some(info)) = (copy, &record.copy) {
            tx.execute(
                "INSERT OR IGNORE INTO signed_copies (sha256, data, added) VALUES (?1, ?2, ?3)",
                params![info.sha256, bytes, history::now()],
            )
            .db(path)?;
        }
        let old: Option<(i64, String)> = tx
            .query_row("SELECT id, data FROM register WHERE doc = ?1", [doc], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()
            .db(path)?;
        let snapshot = |record: Record| {
            to_json(&Snapshot {
                doc: doc.to_string(),
                record,
            })
        };
        let old_snapshot = match &old {
            Some((_, json)) => {
                let before: Record =
                    serde_json::from_str(json).map_err(|e| damaged(path, doc, e))?;
                if &before == record {
                    return Ok(());
                }
                Some(snapshot(before)?)
            }
            None => None,
        };
        let now = history::now();
        let id = match old {
            Some((id, _)) => {
                tx.execute(
                    "UPDATE register SET data = ?1, updated = ?2 WHERE id = ?3",
                    params![to_json(record)?, now, id],
                )
                .db(path)?;
                id
            }
            None => {
                tx.execute(
                    "INSERT INTO register (doc, data, updated) VALUES (?1, ?2, ?3)",
                    params![doc, to_json(record)?, now],
                )
                .db(path)?;
                tx.last_insert_rowid()
            }
        };
        history::record(
            &tx,
            path,
            &Change {
                entity: "register",
                entity_id: Some(id),
                action: if old_snapshot.is_some() {
                    "update"
                } else {
                    "insert"
                },
                old: old_snapshot,
                new: Some(snapshot(record.clone())?),
                summary: format!("Sổ văn bản: {}", history::short(summary)),
            },
        )?;
        tx.commit().db(path)
    }
}
