//! The province's imported dossiers (schema V8): one summary per commune and year, and the
//! problems of dossiers that could not be counted. Received data, not the officer's own
//! writing, so no history: importing the same dossier again changes nothing.

use rusqlite::{params, OptionalExtension, Params};
use serde::de::DeserializeOwned;

use super::sqlerr::SqlResultExt;
use super::{history, to_json, Store};
use crate::error::Result;
use crate::province::{commune_key, CommuneResult, ImportedDossier, Stored};

impl Store {
    /// What is stored for the commune `key` (see `province::commune_key`) in `year`.
    pub fn province_stored(&self, year: i32, key: &str) -> Result<Option<Stored>> {
        self.conn
            .query_row(
                "SELECT manifest_sha256, created FROM province_dossiers WHERE year = ?1 AND commune_key = ?2",
                params![year, key],
                |r| {
                    Ok(Stored {
                        manifest_sha256: r.get(0)?,
                        created: r.get(1)?,
                    })
                },
            )
            .optional()
            .db(&self.path)
    }

    /// Saves one import in one transaction: each accepted summary (replacing an older one
    /// of its commune and year), each problem by its files; a dossier accepted clears the
    /// problems its files had before.
    pub fn province_save(&mut self, dossiers: &[ImportedDossier], year: i32) -> Result<()> {
        self.ensure_in_place()?;
        let path = self.path.clone();
        let now = history::now();
        let tx = self.conn.transaction().db(&path)?;
        for d in dossiers {
            let source = d.files.join(", ");
            match &d.result {
                Some(r) => {
                    let data = to_json(r)?;
                    tx.execute(
                        "INSERT INTO province_dossiers (year, commune_key, commune, manifest_sha256, created, imported, data)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                         ON CONFLICT (year, commune_key) DO UPDATE SET commune = excluded.commune,
                           manifest_sha256 = excluded.manifest_sha256, created = excluded.created,
                           imported = excluded.imported, data = excluded.data
                         WHERE province_dossiers.manifest_sha256 <> excluded.manifest_sha256",
                        params![r.year, commune_key(&r.province, &r.commune), r.commune, r.manifest_sha256, r.created, now, data],
                    )
                    .db(&path)?;
                    tx.execute(
                        "DELETE FROM province_problems WHERE year = ?1 AND source = ?2",
                        params![year, source],
                    )
                    .db(&path)?;
                }
                None => {
                    let mut shown = d.clone();
                    shown.result = None;
                    tx.execute(
                        "INSERT INTO province_problems (year, source, state, imported, data) VALUES (?1, ?2, ?3, ?4, ?5)
                         ON CONFLICT (year, source) DO UPDATE SET state = excluded.state,
                           imported = excluded.imported, data = excluded.data",
                        params![year, source, d.state.as_str(), now, to_json(&shown)?],
                    )
                    .db(&path)?;
                }
            }
        }
        tx.commit().db(&path)
    }

    /// The summaries of `year` (every year when `None`), by commune then year.
    pub fn province_results(&self, year: Option<i32>) -> Result<Vec<CommuneResult>> {
        self.json_rows(
            "SELECT data FROM province_dossiers WHERE ?1 IS NULL OR year = ?1
             ORDER BY commune_key, year",
            [year],
        )
    }

    /// The dossiers of `year` that could not be counted, by their files.
    pub fn province_problems(&self, year: i32) -> Result<Vec<ImportedDossier>> {
        self.json_rows(
            "SELECT data FROM province_problems WHERE year = ?1 ORDER BY source",
            [year],
        )
    }

    /// The `data` column of the rows `sql` selects, each parsed. Received data: a row that
    /// no longer parses is skipped rather than failing the whole table.
    fn json_rows<T: DeserializeOwned>(&self, sql: &str, params: impl Params) -> Result<Vec<T>> {
        let mut st = self.conn.prepare(sql).db(&self.path)?;
        let rows = st
            .query_map(params, |r| r.get::<_, String>(0))
            .db(&self.path)?
            .collect::<rusqlite::Result<Vec<_>>>()
            .db(&self.path)?;
        Ok(rows
            .iter()
            .filter_map(|d| serde_json::from_str(d).ok())
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::super::schema;
    use super::*;
    use crate::province::DossierState;

    fn result(year: i32, sha: &str, total: f64) -> CommuneResult {
        CommuneResult {
            commune: "xã Minh Hòa".into(),
            province: "Phú Thọ".into(),
            year,
            created: "2026-11-12T09:00:00+07:00".into(),
            manifest_sha256: sha.into(),
            files: 3,
            parts: 1,
            criteria: Vec::new(),
            total: Some(total),
            verdict: None,
            recognised: Some(true),
            documents: Vec::new(),
        }
    }

    fn dossier(files: &str, state: DossierState, r: Option<CommuneResult>) -> ImportedDossier {
        ImportedDossier {
            files: vec![files.into()],
            commune: Some("xã Minh Hòa".into()),
            province: Some("Phú Thọ".into()),
            year: Some(2026),
            state,
            state_label: state.label().into(),
            message: String::new(),
            problems: Vec::new(),
            result: r,
        }
    }

    #[test]
    fn a_version_7_file_migrates_and_keeps_its_data() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("tre.db");
        let day = chrono::NaiveDate::from_ymd_opt(2026, 12, 7).unwrap();
        {
            let mut s = Store::open_with(&db, &schema::MIGRATIONS[..7], day).unwrap();
            s.set_setting("k", "v").unwrap();
        }
        let mut s = Store::open_with(&db, schema::MIGRATIONS, day).unwrap();
        assert_eq!(s.setting("k").unwrap().as_deref(), Some("v"));
        assert_eq!(schema::SCHEMA_VERSION, 8);
        let version: i64 = s
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(version, 8);
        // Saving, again (idempotent), then a newer dossier and a problem.
        let first = dossier(
            "a.zip",
            DossierState::Intact,
            Some(result(2026, "a", 900.0)),
        );
        s.province_save(std::slice::from_ref(&first), 2026).unwrap();
        s.province_save(&[first], 2026).unwrap();
        assert_eq!(s.province_results(Some(2026)).unwrap().len(), 1);
        let key = commune_key("Phú Thọ", "xã Minh Hòa");
        assert_eq!(
            s.province_stored(2026, &key)
                .unwrap()
                .unwrap()
                .manifest_sha256,
            "a"
        );
        let newer = dossier(
            "b.zip",
            DossierState::Intact,
            Some(result(2026, "b", 910.0)),
        );
        let bad = dossier("c.zip", DossierState::Tampered, None);
        s.province_save(&[newer, bad], 2026).unwrap();
        let rows = s.province_results(Some(2026)).unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].total, Some(910.0));
        let problems = s.province_problems(2026).unwrap();
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].state, DossierState::Tampered);
        // The same files later imported intact clear their problem.
        let fixed = dossier(
            "c.zip",
            DossierState::Intact,
            Some(result(2025, "c", 800.0)),
        );
        s.province_save(&[fixed], 2026).unwrap();
        assert!(s.province_problems(2026).unwrap().is_empty());
        assert_eq!(s.province_results(None).unwrap().len(), 2);
    }
}
