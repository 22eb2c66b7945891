//! The database file deleted or replaced while Tre has it open.
//!
//! On Linux and macOS a deleted file lives on for whoever still has it open: SQLite goes on
//! reading and writing it, every edit is acknowledged, and all of it vanishes when the app
//! closes, so the next open finds a new, empty database. "Nothing typed is lost"
//! (docs/architecture.md, storage) therefore asks SQLite, before each write and when the
//! store is closed, whether its file is still the one at its path
//! (`SQLITE_FCNTL_HAS_MOVED`, one `stat`):
//! - nothing at the path (deleted, with its side files or not): everything the connection
//!   still reads is written back to the path as a whole copy (the backups' `VACUUM INTO`:
//!   temporary name, fsync, rename) and the store goes on with that file, so this edit and
//!   all before it are where the next open looks;
//! - another file at the path (restored or copied over by someone else): the edit is refused,
//!   because it was made on data that is no longer the file's; reopening shows what it holds.
//!
//! Windows refuses to delete an open database, and its VFS does not answer the question:
//! nothing happens there.

use std::os::raw::{c_int, c_void};

use rusqlite::{ffi, Connection};

use super::sqlerr::SqlResultExt;
use super::{backup, schema, Store, BUSY_TIMEOUT};
use crate::error::{Error, Result};

impl Store {
    /// Called before every write: puts a deleted file back, refuses to write over a replaced one.
    pub(crate) fn ensure_in_place(&mut self) -> Result<()> {
        if !has_moved(&self.conn) {
            return Ok(());
        }
        if std::fs::symlink_metadata(&self.path).is_ok() {
            return Err(Error::Io {
                path: self.path.clone(),
                detail: "tệp dữ liệu đã bị thay bằng một tệp khác trong lúc Tre đang mở, nên thay đổi này chưa được lưu; hãy đóng Tre rồi mở lại để xem dữ liệu trong tệp hiện tại".to_string(),
            });
        }
        backup::write_copy(&self.conn, &self.path)?;
        // The old connection names a file no one will open again. Closed, it neither
        // checkpoints nor deletes side files (SQLite skips both for a moved file).
        let old = std::mem::replace(&mut self.conn, reopen(&self.path)?);
        drop(old);
        Ok(())
    }
}

impl Drop for Store {
    /// The app closes after its file was deleted and nothing was written since: put the data
    /// back rather than let it vanish with the last handle. Best effort; the folder must
    /// still exist (a deleted folder is taken as meant).
    fn drop(&mut self) {
        let folder_exists = self
            .path
            .parent()
            .is_none_or(|d| d.as_os_str().is_empty() || d.is_dir());
        if folder_exists && has_moved(&self.conn) && std::fs::symlink_metadata(&self.path).is_err()
        {
            let _ = backup::write_copy(&self.conn, &self.path);
        }
    }
}

/// A connection on the rescued copy, set up as `Store::open` sets one up.
fn reopen(path: &std::path::Path) -> Result<Connection> {
    let conn = Connection::open(path).db(path)?;
    conn.busy_timeout(BUSY_TIMEOUT).db(path)?;
    schema::configure(&conn, path)?;
    Ok(conn)
}

/// True when the main database file of `conn` is no longer the file at its path.
fn has_moved(conn: &Connection) -> bool {
    let mut moved: c_int = 0;
    // SAFETY: `conn.handle()` is a live connection for the duration of the call, "main" is a
    // NUL-terminated name, and SQLITE_FCNTL_HAS_MOVED writes one int through the pointer,
    // which points to `moved`. No other use is made of the raw handle.
    let rc = unsafe {
        ffi::sqlite3_file_control(
            conn.handle(),
            c"main".as_ptr(),
            ffi::SQLITE_FCNTL_HAS_MOVED,
            (&mut moved as *mut c_int).cast::<c_void>(),
        )
    };
    rc == ffi::SQLITE_OK && moved != 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_in_place_has_not_moved_and_a_deleted_one_has() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("tre.db");
        let conn = Connection::open(&db).unwrap();
        conn.execute_batch("CREATE TABLE t (x)").unwrap();
        assert!(!has_moved(&conn));
        std::fs::remove_file(&db).unwrap();
        assert!(has_moved(&conn));
        assert!(!has_moved(&Connection::open_in_memory().unwrap()));
    }
}
