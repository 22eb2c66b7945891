//! The backups Tre can offer to restore: the automatic ones beside the database, the ones in
//! the off-laptop folder, and any folder or file the officer points at.
//!
//! Each candidate is copied to a temporary file and checked there (`integrity_check`, a Tre
//! file this build can read), so checking never writes beside a file on a USB stick or in a
//! synced folder, and a file a sync client is still writing is judged by one consistent copy.
//! A candidate that fails its check is never offered: it is only counted.

use std::fs;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;

use super::backup::{self, Kind};
use super::{paths, restore};
use crate::error::{Error, Result};

/// Where a backup came from, for the officer's list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum BackupKind {
    /// The daily copy in `backups/`.
    Daily,
    /// Taken before Tre upgraded the file.
    BeforeMigration,
    /// What was there before a restore.
    BeforeRestore,
    /// Written to the off-laptop folder ("Sao lưu ra USB/thư mục khác").
    OffLaptop,
    /// Any other Tre file the officer chose.
    Other,
}

/// A backup that passed its check, described by what is inside.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct BackupInfo {
    #[cfg_attr(test, ts(type = "string"))]
    pub path: PathBuf,
    pub kind: BackupKind,
    /// When the file was written (its modification time), RFC 3339 local.
    pub written: String,
    /// The newest change recorded inside, RFC 3339: how recent the data is.
    pub last_change: Option<String>,
    #[cfg_attr(test, ts(type = "number"))]
    pub size: u64,
    /// "xã Quan Sơn, tỉnh Lạng Sơn", when the profile is there.
    pub commune: Option<String>,
    #[cfg_attr(test, ts(type = "number"))]
    pub plans: u64,
    /// Years with a plan or a self-assessment, newest first.
    pub years: Vec<i32>,
}

/// The offer: good backups, newest data first, and how many candidates were refused.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct BackupList {
    pub backups: Vec<BackupInfo>,
    /// Files that looked like backups but failed their check (never offered).
    #[cfg_attr(test, ts(type = "number"))]
    pub refused: u64,
}

/// Checks one file (through a temporary copy) and describes it; `InvalidBackup` (or
/// `NewerDatabase`) with a Vietnamese reason when it cannot be restored.
pub fn inspect(file: &Path) -> Result<BackupInfo> {
    let meta = fs::metadata(file).map_err(|e| Error::io(file, e))?;
    let copy = TempCopy::of(file)?;
    let conn = restore::open_backup(&copy.0).map_err(|e| rename(e, &copy.0, file))?;
    let written = meta
        .modified()
        .ok()
        .map(|t| {
            chrono::DateTime::<chrono::Local>::from(t)
                .to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
        })
        .unwrap_or_default();
    let name = file.file_name().and_then(|n| n.to_str()).unwrap_or("");
    Ok(BackupInfo {
        path: file.to_path_buf(),
        kind: kind_of(name),
        written,
        last_change: last_change(&conn),
        size: meta.len(),
        commune: commune(&conn),
        plans: conn
            .query_row("SELECT count(*) FROM plans", [], |r| r.get(0))
            .unwrap_or(0),
        years: years(&conn),
    })
}

/// Every good backup in `backups/` beside `db_path` and in `dirs` (missing folders are
/// skipped: a USB stick that is not plugged in is not an error).
pub fn list(db_path: &Path, dirs: &[PathBuf]) -> BackupList {
    let mut candidates = Vec::new();
    let mut folders = vec![paths::backups_dir(db_path)];
    folders.extend(dirs.iter().cloned());
    for dir in &folders {
        let Ok(entries) = fs::read_dir(dir) else {
            continue;
        };
        for e in entries.filter_map(|e| e.ok()) {
            let path = e.path();
            let is_db = path
                .extension()
                .is_some_and(|x| x.eq_ignore_ascii_case("db"));
            if is_db
                && path.is_file()
                && !candidates.contains(&path)
                && !paths::same_file(&path, db_path)
            {
                candidates.push(path);
            }
        }
    }
    let mut out = BackupList {
        backups: Vec::new(),
        refused: 0,
    };
    for path in candidates {
        match inspect(&path) {
            Ok(info) => out.backups.push(info),
            Err(_) => out.refused += 1,
        }
    }
    // Newest data first; a file with no history (an empty profile) by its own time.
    out.backups.sort_by(|a, b| {
        let key = |i: &BackupInfo| i.last_change.clone().unwrap_or_else(|| i.written.clone());
        key(b).cmp(&key(a)).then(b.written.cmp(&a.written))
    });
    out
}

fn kind_of(name: &str) -> BackupKind {
    if name.starts_with(super::offsite::FILE_PREFIX) {
        return BackupKind::OffLaptop;
    }
    match backup::classify(name) {
        Some((Kind::Daily, _)) => BackupKind::Daily,
        Some((Kind::BeforeMigration, _)) => BackupKind::BeforeMigration,
        Some((Kind::BeforeRestore, _)) => BackupKind::BeforeRestore,
        None => BackupKind::Other,
    }
}

fn last_change(conn: &Connection) -> Option<String> {
    conn.query_row("SELECT max(at) FROM history", [], |r| r.get(0))
        .optional()
        .ok()
        .flatten()
        .flatten()
}

fn commune(conn: &Connection) -> Option<String> {
    let json: String = conn
        .query_row("SELECT data FROM commune WHERE id = 1", [], |r| r.get(0))
        .ok()?;
    let c: crate::model::Commune = serde_json::from_str(&json).ok()?;
    Some(c.full_name())
}

fn years(conn: &Connection) -> Vec<i32> {
    // The assessments table exists from version 2; a version-1 backup has plans only.
    let sql = "SELECT year FROM plans UNION SELECT year FROM assessments ORDER BY 1 DESC";
    let run = |sql: &str| -> rusqlite::Result<Vec<i32>> {
        let mut st = conn.prepare(sql)?;
        let rows = st.query_map([], |r| r.get(0))?;
        rows.collect()
    };
    run(sql)
        .or_else(|_| run("SELECT DISTINCT year FROM plans ORDER BY 1 DESC"))
        .unwrap_or_default()
}

/// An error about the temporary copy, told about the officer's file instead.
fn rename(e: Error, copy: &Path, file: &Path) -> Error {
    match e {
        Error::InvalidBackup { detail, .. } => Error::InvalidBackup {
            path: file.to_path_buf(),
            detail,
        },
        Error::NewerDatabase {
            found, supported, ..
        } => Error::NewerDatabase {
            path: file.to_path_buf(),
            found,
            supported,
        },
        Error::CorruptDatabase { detail, .. } => Error::InvalidBackup {
            path: file.to_path_buf(),
            detail,
        },
        Error::Io { path, detail } if path == copy => Error::Io {
            path: file.to_path_buf(),
            detail,
        },
        other => other,
    }
}

/// A copy in the system's temporary folder, removed when dropped.
struct TempCopy(PathBuf);

impl TempCopy {
    fn of(file: &Path) -> Result<TempCopy> {
        use std::sync::atomic::{AtomicU64, Ordering};
        static N: AtomicU64 = AtomicU64::new(0);
        let n = N.fetch_add(1, Ordering::Relaxed);
        let path = std::env::temp_dir().join(format!("tre-check-{}-{n}.db", std::process::id()));
        let copy = TempCopy(path);
        fs::copy(file, &copy.0).map_err(|e| Error::io(file, e))?;
        Ok(copy)
    }
}

impl Drop for TempCopy {
    fn drop(&mut self) {
        // Best effort: a leftover in the temporary folder is harmless and the OS clears it.
        let _ = fs::remove_file(&self.0);
    }
}
