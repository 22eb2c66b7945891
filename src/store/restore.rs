//! Restoring a backup over the current database.
//!
//! Order: (1) check the backup without changing anything; (2) keep a copy of what is there now
//! in `backups/tre-before-restore-{timestamp}.db`; (3) replace the content. Each step only
//! starts if the one before succeeded, so a refused or failed restore leaves the current data
//! as it was, and a successful one can itself be undone by restoring the pre-restore copy.

use std::fs;
use std::path::{Path, PathBuf};

use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags};

use super::sqlerr::SqlResultExt;
use super::{backup, paths, schema, BUSY_TIMEOUT};
use crate::error::{Error, Result};

/// SQLite's side files that belong to one specific database file's content.
const SIDE_FILES: &[&str] = &["-wal", "-journal"];

/// Opens `backup` read-only and checks it is a whole Tre database this build can read.
pub(crate) fn open_backup(backup: &Path) -> Result<Connection> {
    let invalid = |detail: String| Error::InvalidBackup {
        path: backup.to_path_buf(),
        detail,
    };
    let meta = fs::metadata(backup).map_err(|e| Error::io(backup, e))?;
    if !meta.is_file() {
        return Err(invalid("không phải một tệp".into()));
    }
    if meta.len() == 0 {
        return Err(invalid("tệp rỗng".into()));
    }
    let conn = Connection::open_with_flags(
        backup,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .db(backup)?;
    let ins = schema::inspect(&conn, backup, schema::Check::Full).map_err(|e| match e {
        Error::CorruptDatabase { detail, .. } => invalid(detail),
        other => other,
    })?;
    schema::check_backup(&ins, backup)?;
    Ok(conn)
}

/// A connection to the current database if SQLite can read it and finds it intact.
fn open_healthy(db_path: &Path) -> Option<Connection> {
    let conn = Connection::open_with_flags(
        db_path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .ok()?;
    conn.busy_timeout(BUSY_TIMEOUT).ok()?;
    schema::inspect(&conn, db_path, schema::Check::Full).ok()?;
    Some(conn)
}

/// Byte copy of a file the database engine cannot read (kept as evidence, and in case a
/// specialist can still recover something), through a temporary name like every backup.
fn raw_copy(from: &Path, to: &Path) -> Result<()> {
    let tmp = paths::side_file(to, &format!(".tmp-{}", std::process::id()));
    let result = fs::copy(from, &tmp)
        .and_then(|_| {
            fs::OpenOptions::new()
                .read(true)
                .write(true)
                .open(&tmp)?
                .sync_all()
        })
        .and_then(|_| fs::rename(&tmp, to));
    if let Err(e) = result {
        let _ = fs::remove_file(&tmp);
        return Err(Error::io(to, e));
    }
    backup::sync_dir(to);
    Ok(())
}

/// Keeps what is there now. A readable database is copied consistently (its WAL included);
/// an unreadable one is copied byte for byte with its side files.
fn save_current(db_path: &Path, healthy: Option<&Connection>) -> Result<Option<PathBuf>> {
    let has_content = fs::metadata(db_path).map(|m| m.len() > 0).unwrap_or(false)
        || SIDE_FILES
            .iter()
            .any(|s| paths::side_file(db_path, s).exists());
    if !has_content {
        return Ok(None);
    }
    let dir = paths::backups_dir(db_path);
    let out = backup::unique_name(&dir, "tre-before-restore-", &backup::file_timestamp());
    match healthy {
        Some(conn) => backup::write_copy(conn, &out)?,
        None => {
            fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
            raw_copy(db_path, &out)?;
            for suffix in SIDE_FILES {
                let side = paths::side_file(db_path, suffix);
                if side.exists() {
                    raw_copy(&side, &paths::side_file(&out, suffix))?;
                }
            }
        }
    }
    Ok(Some(out))
}

/// Copies every page of `src` into the open database with SQLite's backup API: one write
/// transaction, so other readers see the old or the new content, never a mix, and the
/// destination's WAL is handled by SQLite itself.
fn restore_live(src: &Connection, mut dst: Connection, db_path: &Path) -> Result<()> {
    let step = {
        let b = Backup::new(src, &mut dst).db(db_path)?;
        b.step(-1).db(db_path)?
    };
    match step {
        StepResult::Done => dst.close().map_err(|(_, e)| e).db(db_path),
        StepResult::Busy | StepResult::Locked => Err(Error::DatabaseBusy {
            path: db_path.to_path_buf(),
        }),
        // step(-1) copies everything at once; "more" would mean SQLite changed its contract.
        _ => Err(Error::Database("sao chép bản sao lưu chưa hoàn tất".into())),
    }
}

/// Replaces a file SQLite cannot open: the new content is written beside it, the old side
/// files (which belong to the old content and would corrupt the new one) are removed, then the
/// new file is renamed over the old one. The old content is already safe in the pre-restore copy.
fn restore_file(src: &Connection, db_path: &Path) -> Result<()> {
    paths::create_parent(db_path)?;
    let staged = paths::side_file(db_path, ".restore");
    backup::write_copy(src, &staged)?;
    for suffix in SIDE_FILES.iter().chain(&["-shm"]) {
        let side = paths::side_file(db_path, suffix);
        match fs::remove_file(&side) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => {
                let _ = fs::remove_file(&staged);
                return Err(Error::io(&side, e));
            }
        }
    }
    if let Err(e) = fs::rename(&staged, db_path) {
        let _ = fs::remove_file(&staged);
        return Err(Error::io(db_path, e));
    }
    backup::sync_dir(db_path);
    Ok(())
}

/// See [`super::Store::restore`].
pub(crate) fn restore(db_path: &Path, backup_path: &Path) -> Result<Option<PathBuf>> {
    if paths::same_file(db_path, backup_path) {
        return Err(Error::Invalid(
            "Tệp sao lưu chính là tệp dữ liệu đang dùng. Hãy chọn một tệp sao lưu khác, ví dụ trong thư mục backups.".into(),
        ));
    }
    let src = open_backup(backup_path)?;
    let healthy = if db_path.exists() {
        open_healthy(db_path)
    } else {
        None
    };
    let kept = save_current(db_path, healthy.as_ref())?;
    match healthy {
        Some(dst) => restore_live(&src, dst, db_path)?,
        None => restore_file(&src, db_path)?,
    }
    Ok(kept)
}
