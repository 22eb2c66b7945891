//! The yearly self-assessment (one row per year, the model's JSON) and the criteria
//! catalogues imported from the province. Writes go with their history row, as for plans.

use std::path::Path;

use rusqlite::{params, OptionalExtension, Transaction, TransactionBehavior};
use serde::Serialize;

use super::history::{self, Change};
use super::sqlerr::SqlResultExt;
use super::Store;
use crate::assess::Assessment;
use crate::catalog::Catalog;
use crate::error::{Error, Result};

fn parse(path: &Path, year: i64, json: &str) -> Result<Assessment> {
    serde_json::from_str(json).map_err(|e| Error::CorruptDatabase {
        path: path.to_path_buf(),
        detail: format!(
            "dữ liệu tự đánh giá năm {year} không đọc được: {}",
            crate::error::json_detail(&e)
        ),
    })
}

fn load(tx: &Transaction, path: &Path, year: i64) -> Result<Option<String>> {
    tx.query_row(
        "SELECT data FROM assessments WHERE year = ?1",
        [year],
        |r| r.get(0),
    )
    .optional()
    .db(path)
}

fn write(tx: &Transaction, path: &Path, year: i64, json: &str) -> Result<()> {
    let now = history::now();
    tx.execute(
        "INSERT INTO assessments (year, data, created, updated) VALUES (?1, ?2, ?3, ?3)
         ON CONFLICT (year) DO UPDATE SET data = excluded.data, updated = excluded.updated",
        params![year, json, now],
    )
    .db(path)?;
    Ok(())
}

/// Year `year`'s assessment as a history snapshot now (`None` if absent).
pub(crate) fn current_snapshot(tx: &Transaction, path: &Path, year: i64) -> Result<Option<String>> {
    load(tx, path, year)
}

/// Puts year `year`'s assessment into a history snapshot's state. Used by undo/redo.
pub(crate) fn apply_snapshot(
    tx: &Transaction,
    path: &Path,
    year: i64,
    snapshot: Option<&str>,
) -> Result<()> {
    match snapshot {
        None => {
            tx.execute("DELETE FROM assessments WHERE year = ?1", [year])
                .db(path)?;
            Ok(())
        }
        Some(json) => {
            parse(path, year, json)?;
            write(tx, path, year, json)
        }
    }
}

/// One imported catalogue, for the list of catalogues.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CatalogRecord {
    pub id: i64,
    /// "qd06-2019 2019.2".
    pub label: String,
    /// The file it came from.
    pub source: String,
    pub imported: String,
}

impl Store {
    /// The assessment of `year`, `None` until something is entered.
    pub fn assessment(&self, year: i32) -> Result<Option<Assessment>> {
        let json: Option<String> = self
            .conn
            .query_row(
                "SELECT data FROM assessments WHERE year = ?1",
                [year],
                |r| r.get(0),
            )
            .optional()
            .db(&self.path)?;
        json.map(|j| parse(&self.path, year.into(), &j)).transpose()
    }

    /// Every stored year's assessment, oldest first, for the trends across years.
    pub fn assessments(&self) -> Result<Vec<Assessment>> {
        let mut st = self
            .conn
            .prepare("SELECT year, data FROM assessments ORDER BY year")
            .db(&self.path)?;
        let rows = st
            .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))
            .db(&self.path)?
            .collect::<rusqlite::Result<Vec<_>>>()
            .db(&self.path)?;
        rows.iter()
            .map(|(year, json)| parse(&self.path, *year, json))
            .collect()
    }

    /// Saves `a` (its `year` is the key) with a history entry; `summary` says what changed,
    /// in Vietnamese. Saving an unchanged assessment writes nothing.
    pub fn save_assessment(&mut self, a: &Assessment, summary: &str) -> Result<()> {
        crate::model::date::check_year(a.year)?;
        let json = serde_json::to_string(a).map_err(|e| {
            Error::Database(format!(
                "không chuyển được dữ liệu sang JSON: {}",
                crate::error::json_detail(&e)
            ))
        })?;
        self.ensure_in_place()?;
        let path = self.path.as_path();
        let year = i64::from(a.year);
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .db(path)?;
        let old = load(&tx, path, year)?;
        if let Some(old_json) = &old {
            if &parse(path, year, old_json)? == a {
                return Ok(());
            }
        }
        write(&tx, path, year, &json)?;
        history::record(
            &tx,
            path,
            &Change {
                entity: "assessment",
                entity_id: Some(year),
                action: if old.is_some() { "update" } else { "insert" },
                old,
                new: Some(json),
                summary: format!("Tự đánh giá năm {}: {}", a.year, history::short(summary)),
            },
        )?;
        tx.commit().db(path)
    }

    /// The catalogue in use: the newest imported one, else the one shipped with Tre.
    pub fn catalog(&self) -> Result<Catalog> {
        let json: Option<String> = self
            .conn
            .query_row(
                "SELECT data FROM catalogs ORDER BY id DESC LIMIT 1",
                [],
                |r| r.get(0),
            )
            .optional()
            .db(&self.path)?;
        match json {
            None => Catalog::builtin(),
            Some(j) => crate::catalog::parse_json(&j, "Danh mục tiêu chí đã nhập").map_err(|e| {
                Error::CorruptDatabase {
                    path: self.path.clone(),
                    detail: e.to_string(),
                }
            }),
        }
    }

    /// Makes `cat` (already validated) the catalogue in use; the previous ones stay in the
    /// table. Returns the new record's id.
    pub fn import_catalog(&mut self, cat: &Catalog, source: &str) -> Result<i64> {
        crate::catalog::validate(cat).map_err(Error::Invalid)?;
        let json = serde_json::to_string(cat).map_err(|e| {
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
        tx.execute(
            "INSERT INTO catalogs (data, source, imported) VALUES (?1, ?2, ?3)",
            params![json, source, history::now()],
        )
        .db(path)?;
        let id = tx.last_insert_rowid();
        tx.commit().db(path)?;
        Ok(id)
    }

    /// Imported catalogues, newest first.
    pub fn catalogs(&self) -> Result<Vec<CatalogRecord>> {
        let mut st = self
            .conn
            .prepare("SELECT id, data, source, imported FROM catalogs ORDER BY id DESC")
            .db(&self.path)?;
        let rows = st
            .query_map([], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                ))
            })
            .db(&self.path)?
            .collect::<rusqlite::Result<Vec<_>>>()
            .db(&self.path)?;
        Ok(rows
            .into_iter()
            .map(|(id, data, source, imported)| CatalogRecord {
                id,
                label: serde_json::from_str::<Catalog>(&data)
                    .map(|c| c.label())
                    .unwrap_or_else(|_| "?".into()),
                source,
                imported,
            })
            .collect())
    }
}
