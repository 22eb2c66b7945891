//! Copies of the database: the officer's own (`tre backup`), the daily rolling one, and the
//! safety copies taken before a migration or a restore. All live in `backups/` beside the
//! database, except the officer's own.
//!
//! A copy is written to a temporary name, flushed to disk, then renamed, so a copy cut short
//! by a full disk or a power cut never looks like a good backup.

use std::fs;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rusqlite::Connection;

use super::sqlerr::SqlResultExt;
use super::{paths, schema};
use crate::error::{Error, Result};

/// How many copies of each automatic kind are kept.
pub(crate) const KEEP: usize = 7;

/// The automatic kinds, told apart by file name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// `tre-YYYY-MM-DD.db`
    Daily,
    /// `tre-before-v{N}-{timestamp}.db`
    BeforeMigration,
    /// `tre-before-restore-{timestamp}.db`
    BeforeRestore,
}

/// The kind of an automatic backup file and a key that sorts it by age (oldest first).
pub(crate) fn classify(name: &str) -> Option<(Kind, String)> {
    let stem = name.strip_prefix("tre-")?.strip_suffix(".db")?;
    if let Some(rest) = stem.strip_prefix("before-restore-") {
        return Some((Kind::BeforeRestore, rest.to_string()));
    }
    if let Some(rest) = stem.strip_prefix("before-v") {
        // "2-20260302-081500": sort by the timestamp, not the version.
        let (version, ts) = rest.split_once('-')?;
        version.parse::<u32>().ok()?;
        return Some((Kind::BeforeMigration, format!("{ts}-{version:0>6}")));
    }
    NaiveDate::parse_from_str(stem, "%Y-%m-%d").ok()?;
    Some((Kind::Daily, stem.to_string()))
}

/// Local time for file names: sortable, and legal on Windows (no colons).
pub(crate) fn file_timestamp() -> String {
    chrono::Local::now().format("%Y%m%d-%H%M%S").to_string()
}

/// `dir/{prefix}{timestamp}.db`, with `-2`, `-3`… if that name is taken (two copies in a second).
pub(crate) fn unique_name(dir: &Path, prefix: &str, timestamp: &str) -> PathBuf {
    let mut candidate = dir.join(format!("{prefix}{timestamp}.db"));
    let mut n = 2;
    while candidate.exists() {
        candidate = dir.join(format!("{prefix}{timestamp}-{n}.db"));
        n += 1;
    }
    candidate
}

/// Writes a consistent copy of `conn`'s main database to `out` with `VACUUM INTO` (a snapshot
/// even while another window writes; the copy is compact and in rollback-journal mode, so
/// opening it later leaves no side files). Replaces `out` only once the copy is complete.
pub(crate) fn write_copy(conn: &Connection, out: &Path) -> Result<()> {
    paths::create_parent(out)?;
    let tmp = paths::side_file(out, &format!(".tmp-{}", std::process::id()));
    let result = write_copy_via(conn, out, &tmp);
    if result.is_err() {
        let _ = fs::remove_file(&tmp); // best effort: a stray temporary file is harmless
    }
    result
}

fn write_copy_via(conn: &Connection, out: &Path, tmp: &Path) -> Result<()> {
    // VACUUM INTO refuses an existing non-empty file; a leftover from a crash is garbage.
    match fs::remove_file(tmp) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(Error::io(tmp, e)),
    }
    let tmp_text = tmp.to_str().ok_or_else(|| Error::Io {
        path: tmp.to_path_buf(),
        detail: "đường dẫn có ký tự không đọc được".to_string(),
    })?;
    conn.execute("VACUUM INTO ?1", [tmp_text]).db(out)?;
    // SQLite does not fsync the result of VACUUM INTO; do it before the rename makes it count.
    // (Write access is needed for FlushFileBuffers on Windows.)
    fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(tmp)
        .and_then(|f| f.sync_all())
        .map_err(|e| Error::io(out, e))?;
    fs::rename(tmp, out).map_err(|e| Error::io(out, e))?;
    sync_dir(out);
    Ok(())
}

/// Makes a rename durable on Unix (the directory entry is data too). Best effort elsewhere.
pub(crate) fn sync_dir(file: &Path) {
    #[cfg(unix)]
    if let Some(dir) = file.parent().filter(|d| !d.as_os_str().is_empty()) {
        if let Ok(d) = fs::File::open(dir) {
            let _ = d.sync_all();
        }
    }
    #[cfg(not(unix))]
    let _ = file;
}

/// The daily copy: `backups/tre-{today}.db` unless it exists. Never fails the open: problems
/// come back as Vietnamese warnings for the caller to show.
///
/// On any other open this costs one `stat`. Once a day, before copying, the database gets the
/// full integrity check that `Store::open` leaves out (it only runs the quick one): a file
/// whose indexes no longer match its tables gets a warning instead of a copy, so the rotation
/// never pushes the last good daily copies out with damaged ones.
pub(crate) fn daily(conn: &Connection, db_path: &Path, today: NaiveDate) -> Vec<String> {
    let out = daily_path(db_path, today);
    if out.exists() {
        return Vec::new();
    }
    let dir = paths::backups_dir(db_path);
    match schema::problems(conn, schema::Check::Full) {
        Ok(problems) if problems == ["ok"] => {}
        Ok(problems) => return vec![damaged(&schema::failed_check(&problems))],
        Err(e) => return vec![damaged(&super::sqlerr::describe(&e))],
    }
    if let Err(e) = write_copy(conn, &out) {
        return vec![format!(
            "Chưa tạo được bản sao lưu hằng ngày. {e} Dữ liệu vẫn được lưu bình thường; hãy tự sao lưu ra một tệp khác khi có thể."
        )];
    }
    rotate(&dir, Kind::Daily, KEEP, Some(&out))
}

/// `backups/tre-{today}.db`: once it exists, the day's housekeeping is done.
pub(crate) fn daily_path(db_path: &Path, today: NaiveDate) -> PathBuf {
    paths::backups_dir(db_path).join(format!("tre-{}.db", today.format("%Y-%m-%d")))
}

/// The warning for a database the daily integrity check finds damaged.
fn damaged(detail: &str) -> String {
    format!(
        "Kiểm tra toàn vẹn hằng ngày phát hiện tệp dữ liệu bị hỏng ({detail}). Chưa tạo bản sao lưu hôm nay, để giữ các bản sao lưu tốt trước đó; hãy sao lưu tệp hiện tại ra một tệp khác rồi khôi phục bản sao lưu tốt gần nhất (trong thư mục backups cạnh tệp dữ liệu)."
    )
}

/// Copy taken before migrating an existing database to `target`. Unlike the daily copy, a
/// failure stops the open: no migration runs without a way back.
pub(crate) fn before_migration(
    conn: &Connection,
    db_path: &Path,
    target: i64,
) -> Result<(PathBuf, Vec<String>)> {
    let dir = paths::backups_dir(db_path);
    let out = unique_name(&dir, &format!("tre-before-v{target}-"), &file_timestamp());
    write_copy(conn, &out)?;
    let warnings = rotate(&dir, Kind::BeforeMigration, KEEP, Some(&out));
    Ok((out, warnings))
}

/// A copy cut short by a crash or a kill leaves `{name}.tmp-{pid}` (up to the database's
/// size), and no later copy has the same pid to reuse it. Those older than an hour (no copy
/// takes that long, so none is being written) are removed. Best effort.
pub(crate) fn sweep_leftovers(dir: &Path) {
    const AGE: std::time::Duration = std::time::Duration::from_secs(3600);
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for e in entries.filter_map(|e| e.ok()) {
        let leftover = e
            .file_name()
            .to_str()
            .is_some_and(|n| n.starts_with("tre-") && n.contains(".db.tmp-"));
        let old = e
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > AGE);
        if leftover && old {
            let _ = fs::remove_file(e.path());
        }
    }
}

/// Deletes all but the newest `keep` backups of `kind` in `dir`. `protect` (the copy just
/// written) is never deleted, even if a wrong clock once produced "newer" names.
pub(crate) fn rotate(dir: &Path, kind: Kind, keep: usize, protect: Option<&Path>) -> Vec<String> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            return vec![format!(
                "Không đọc được thư mục sao lưu {}: {e}.",
                dir.display()
            )]
        }
    };
    let mut found: Vec<(String, PathBuf)> = entries
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let name = e.file_name().to_str()?.to_string();
            let (k, key) = classify(&name)?;
            (k == kind).then(|| (key, e.path()))
        })
        .collect();
    found.sort_by(|a, b| b.0.cmp(&a.0)); // newest first
    let mut warnings = Vec::new();
    sweep_leftovers(dir);
    for (_, path) in found.into_iter().skip(keep) {
        if protect.is_some_and(|p| p == path) {
            continue;
        }
        if let Err(e) = fs::remove_file(&path) {
            warnings.push(format!(
                "Không xóa được bản sao lưu cũ {}: {e}. Có thể xóa tay để tiết kiệm dung lượng.",
                path.display()
            ));
        }
    }
    warnings
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_classified() {
        assert_eq!(
            classify("tre-2026-03-02.db"),
            Some((Kind::Daily, "2026-03-02".into()))
        );
        assert_eq!(classify("tre-2026-02-31.db"), None);
        assert_eq!(
            classify("tre-before-v2-20260302-081500.db").map(|c| c.0),
            Some(Kind::BeforeMigration)
        );
        assert_eq!(
            classify("tre-before-restore-20260302-081500-2.db"),
            Some((Kind::BeforeRestore, "20260302-081500-2".into()))
        );
        assert_eq!(classify("tre.db"), None);
        assert_eq!(classify("tre-2026-03-02.db.tmp-12"), None);
        assert_eq!(classify("notes.db"), None);
    }

    #[test]
    fn a_copy_cut_short_long_ago_is_swept_away() {
        let dir = tempfile::tempdir().unwrap();
        let old = dir.path().join("tre-2026-01-01.db.tmp-4242");
        let fresh = dir.path().join("tre-2026-01-02.db.tmp-4343");
        let mine = dir.path().join("ghi-chu.db.tmp-1");
        for f in [&old, &fresh, &mine] {
            fs::write(f, b"x").unwrap();
        }
        let two_hours_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(7200);
        for f in [&old, &mine] {
            fs::File::options()
                .write(true)
                .open(f)
                .unwrap()
                .set_modified(two_hours_ago)
                .unwrap();
        }
        rotate(dir.path(), Kind::Daily, KEEP, None);
        assert!(!old.exists(), "an old leftover stays");
        assert!(fresh.exists(), "a copy may still be being written");
        assert!(mine.exists(), "not Tre's");
    }

    #[test]
    fn rotation_keeps_the_newest_of_one_kind_only() {
        let dir = tempfile::tempdir().unwrap();
        for day in 1..=9 {
            fs::write(dir.path().join(format!("tre-2026-01-{day:02}.db")), b"x").unwrap();
        }
        fs::write(dir.path().join("tre-before-v2-20200101-000000.db"), b"x").unwrap();
        fs::write(dir.path().join("keep-me.txt"), b"x").unwrap();
        let protect = dir.path().join("tre-2026-01-01.db");
        assert!(rotate(dir.path(), Kind::Daily, 3, Some(&protect)).is_empty());
        let mut left: Vec<String> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        left.sort();
        assert_eq!(
            left,
            [
                "keep-me.txt",
                "tre-2026-01-01.db",
                "tre-2026-01-07.db",
                "tre-2026-01-08.db",
                "tre-2026-01-09.db",
                "tre-before-v2-20200101-000000.db"
            ]
        );
    }

    #[test]
    fn unique_names_do_not_overwrite() {
        let dir = tempfile::tempdir().unwrap();
        let a = unique_name(dir.path(), "tre-before-restore-", "20260302-081500");
        fs::write(&a, b"x").unwrap();
        let b = unique_name(dir.path(), "tre-before-restore-", "20260302-081500");
        assert_ne!(a, b);
        assert!(b.to_string_lossy().ends_with("-081500-2.db"));
    }

    #[test]
    fn copy_is_complete_and_replaces_atomically() {
        let dir = tempfile::tempdir().unwrap();
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES ('Quan Sơn');")
            .unwrap();
        let out = dir.path().join("sub").join("copy.db");
        write_copy(&conn, &out).unwrap();
        write_copy(&conn, &out).unwrap(); // an existing copy is replaced, not refused
        let copy = Connection::open(&out).unwrap();
        let x: String = copy.query_row("SELECT x FROM t", [], |r| r.get(0)).unwrap();
        assert_eq!(x, "Quan Sơn");
        let names: Vec<_> = fs::read_dir(out.parent().unwrap()).unwrap().collect();
        assert_eq!(names.len(), 1, "no temporary file left behind");
    }

    #[test]
    fn a_damaged_index_gets_a_warning_and_no_daily_copy() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("tre.db");
        // An index whose entries no longer match its table: the schema is told it indexes
        // `y` while its entries hold `x`. Pages and records are all well formed.
        Connection::open(&db)
            .unwrap()
            .execute_batch(
                "CREATE TABLE t (x, y); CREATE INDEX i ON t (x);
                 INSERT INTO t VALUES (1, 20), (3, 40);
                 PRAGMA writable_schema = ON;
                 UPDATE sqlite_schema SET sql = 'CREATE INDEX i ON t (y)' WHERE name = 'i';",
            )
            .unwrap();
        let conn = Connection::open(&db).unwrap();
        // The quick check on open lets it through; the daily full check does not.
        assert_eq!(
            schema::problems(&conn, schema::Check::Quick).unwrap(),
            ["ok"]
        );
        let today = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
        let warnings = daily(&conn, &db, today);
        assert_eq!(warnings.len(), 1);
        assert!(warnings[0].contains("bị hỏng"), "{}", warnings[0]);
        assert!(!paths::backups_dir(&db).join("tre-2026-03-02.db").exists());
    }

    #[test]
    fn a_failed_daily_copy_is_a_warning() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("tre.db");
        // A plain file where the backups folder should be: the copy cannot be written.
        fs::write(dir.path().join("backups"), b"not a folder").unwrap();
        let conn = Connection::open_in_memory().unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
        let warnings = daily(&conn, &db, today);
        assert_eq!(warnings.len(), 1);
        assert!(
            warnings[0].contains("Chưa tạo được bản sao lưu hằng ngày"),
            "{}",
            warnings[0]
        );
    }
}
