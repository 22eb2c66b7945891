//! The SQLite file: open, migrate, save, load, history, backup, restore.
//!
//! "Nothing typed is lost" (docs/architecture.md, storage) drives every choice here:
//! - a file is inspected read-only before anything is written, and refused untouched if it is
//!   damaged or from a newer Tre;
//! - WAL + `synchronous=FULL`, and every change is one transaction with its history row;
//! - a copy is taken before each migration, daily, and before a restore.
//!
//! Modules, one job each: `paths` (where), `schema` (tables, migrations, inspection),
//! `backup` (copies and rotation), `backup_list` (which backups can be offered),
//! `offsite` (copies off the laptop), `restore`, `plans`, `commune`, `history` (undo/redo,
//! pruning), `sqlerr` (SQLite errors → Vietnamese messages).

mod assessments;
mod backup;
mod backup_list;
mod commune;
mod history;
mod offsite;
mod outbox;
mod paths;
mod plans;
mod presence;
mod province;
mod register;
mod restore;
mod schema;
mod sqlerr;
mod trust;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::Connection;

pub use assessments::CatalogRecord;
pub use backup_list::{
    inspect as inspect_backup, list as list_backups, BackupInfo, BackupKind, BackupList,
};
pub use history::{now, HistoryEntry};
pub use offsite::{BackupStatus, REMIND_AFTER_DAYS};

/// The off-laptop folder the database at `db_path` remembers (read-only; the file may be the
/// damaged one), else the one noted beside it.
pub fn remembered_offsite_folder(db_path: &Path) -> Option<PathBuf> {
    offsite::remembered(db_path).map(|r| PathBuf::from(r.folder))
}
pub use outbox::{NewMessage, Outcome};
pub use paths::{default_db_path, resolve_db_path, DB_ENV_VAR, DB_FILE_NAME};
pub use plans::{PlanSummary, StoredPlan};
pub use schema::SCHEMA_VERSION;

use crate::error::Result;
use sqlerr::SqlResultExt;

/// How long a write waits for another Tre window to finish its own, before `DatabaseBusy`.
pub(crate) const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// An open Tre database. Every method that changes data commits before returning.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    warnings: Vec<String>,
}

impl Store {
    /// Opens (or creates) the database at `path`, creating its folder. See the module doc for
    /// the order of checks; a refused file is returned as an error with its bytes unchanged.
    pub fn open(path: &Path) -> Result<Store> {
        Self::open_with(path, schema::MIGRATIONS, chrono::Local::now().date_naive())
    }

    /// `open` with the migrations and "today" given, so tests can add a migration or move the clock.
    pub(crate) fn open_with(
        path: &Path,
        migrations: &[&str],
        today: chrono::NaiveDate,
    ) -> Result<Store> {
        paths::create_parent(path)?;
        let mut conn = Connection::open(path).db(path)?;
        conn.busy_timeout(BUSY_TIMEOUT).db(path)?;

        // 1. Read only: is this a Tre file we may write to? (The quick check on every open;
        //    the full one, which also compares indexes with tables, runs with the daily copy.)
        let ins = schema::inspect(&conn, path, schema::Check::Quick)?;
        let newest = migrations.len() as i64;
        schema::check_openable(&ins, path, newest)?;

        // 2. A copy before migrating existing data (version 0 is an empty file: nothing to keep).
        //    Taken before the switch to WAL so a failure leaves the file exactly as it was.
        let mut warnings = Vec::new();
        if ins.version > 0 && ins.version < newest {
            let (_, w) = backup::before_migration(&conn, path, newest)?;
            warnings.extend(w);
        }

        // 3. Only now: settings that write, then the migrations.
        schema::configure(&conn, path)?;
        if ins.version < newest {
            schema::migrate(&mut conn, path, migrations)?;
        }

        let mut store = Store {
            conn,
            path: path.to_path_buf(),
            warnings,
        };
        // 4. Once a day, when there is something to protect: prune history, then the copy.
        if store.has_data()? && !backup::daily_path(&store.path, today).exists() {
            // (Pruning reads this build's history table: not on a file a test left older.)
            if newest == SCHEMA_VERSION {
                store.prune_history(today);
            }
            let w = backup::daily(&store.conn, &store.path, today);
            store.warnings.extend(w);
        }
        Ok(store)
    }

    /// A read-only snapshot of a database that a writing `Store` has already opened (checked,
    /// migrated): every read sees the data as it was when this returned, while the writer
    /// goes on committing (WAL). For long reads, like building a dossier, that must not stop
    /// autosave. Nothing is checked or written; drop it when done, as it holds the snapshot.
    pub fn open_snapshot(path: &Path) -> Result<Store> {
        let conn = Connection::open_with_flags(
            path,
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .db(path)?;
        conn.busy_timeout(BUSY_TIMEOUT).db(path)?;
        // A read transaction starts at its first read and lasts until COMMIT: the snapshot.
        conn.execute_batch("BEGIN; SELECT count(*) FROM sqlite_schema;")
            .db(path)?;
        let version: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .db(path)?;
        if version != SCHEMA_VERSION {
            return Err(crate::Error::Database(format!(
                "tệp dữ liệu chưa được mở để ghi (phiên bản dữ liệu {version})"
            )));
        }
        Ok(Store {
            conn,
            path: path.to_path_buf(),
            warnings: Vec::new(),
        })
    }

    /// The database file this store reads and writes.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Problems met while opening that did not stop it (e.g. the daily backup could not be
    /// written because the disk is full), in Vietnamese, for the caller to show.
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    /// Writes a consistent copy of the database to `out` (replacing `out` if it exists).
    pub fn backup_to(&self, out: &Path) -> Result<()> {
        if paths::same_file(out, &self.path) {
            return Err(crate::Error::Invalid(
                "Không thể sao lưu đè lên chính tệp dữ liệu đang dùng. Hãy chọn một đường dẫn khác.".into(),
            ));
        }
        backup::write_copy(&self.conn, out)
    }

    /// Replaces the database at `db_path` with the content of `backup`, after checking that
    /// `backup` is a Tre database this build can read and copying the current content to
    /// `backups/tre-before-restore-{timestamp}.db`. On any error the current data is unchanged.
    /// Works even if the current file is damaged or missing. Open stores on `db_path` see the
    /// restored content (SQLite's backup API), but should be reopened to run migrations.
    /// Returns where the previous content was kept (`None` if there was none).
    pub fn restore(db_path: &Path, backup: &Path) -> Result<Option<PathBuf>> {
        let remembered = offsite::remembered(db_path);
        let kept = restore::restore(db_path, backup)?;
        offsite::carry_over(db_path, remembered, backup);
        Ok(kept)
    }

    /// The daily pruning of history (history/prune.rs), then giving the freed pages back to the
    /// disk when they are a good part of the file. Never fails the open: the data is intact
    /// either way, so a problem is only a warning.
    fn prune_history(&mut self, today: chrono::NaiveDate) {
        let pruned = self
            .ensure_in_place()
            .and_then(|()| history::prune(&mut self.conn, &self.path, today));
        match pruned {
            Ok(p) if p.removed > 0 => {
                if let Err(e) = self.reclaim_space() {
                    self.warnings
                        .push(format!("Chưa thu gọn được tệp dữ liệu: {e}"));
                }
            }
            Ok(_) => {}
            Err(e) => self
                .warnings
                .push(format!("Chưa dọn được lịch sử thay đổi cũ: {e}")),
        }
    }

    /// `VACUUM` when over a quarter of the file is free pages (SQLite reuses them, but a file
    /// that stays large costs every backup and every open's check).
    fn reclaim_space(&self) -> Result<()> {
        let pages: i64 = self
            .conn
            .pragma_query_value(None, "page_count", |r| r.get(0))
            .db(&self.path)?;
        let free: i64 = self
            .conn
            .pragma_query_value(None, "freelist_count", |r| r.get(0))
            .db(&self.path)?;
        if free * 4 > pages {
            self.conn.execute_batch("VACUUM").db(&self.path)?;
        }
        Ok(())
    }

    /// True if the database holds anything worth a backup.
    pub(crate) fn has_data(&self) -> Result<bool> {
        self.conn
            .query_row(
                "SELECT EXISTS (SELECT 1 FROM commune) OR EXISTS (SELECT 1 FROM plans)
                        OR EXISTS (SELECT 1 FROM history)",
                [],
                |r| r.get(0),
            )
            .db(&self.path)
    }
}

/// A row's data as JSON, for every table that stores JSON (plans, register, the province's
/// summaries). Tre's own types always serialise; were one not to, the message says so.
fn to_json<T: serde::Serialize>(value: &T) -> Result<String> {
    serde_json::to_string(value).map_err(|e| {
        crate::error::Error::Database(format!(
            "không chuyển được dữ liệu sang JSON: {}",
            crate::error::json_detail(&e)
        ))
    })
}

#[cfg(test)]
mod tests;
