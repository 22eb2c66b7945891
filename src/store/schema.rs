//! The schema, its migrations, and the read-only inspection done before anything is written.
//!
//! A file is only ever written after [`inspect`] and [`check_openable`] have accepted it, so a
//! damaged file or one from a newer Tre keeps its exact bytes (the officer can still take it to
//! someone who can help, or update Tre).

use std::path::Path;

use rusqlite::{Connection, TransactionBehavior};

use super::sqlerr::SqlResultExt;
use crate::error::{Error, Result};

/// Marks a SQLite file as Tre's (`PRAGMA application_id`, the bytes "Tre1"), so a stranger's
/// database is never migrated into ours and a non-Tre file is never restored over our data.
pub(crate) const APPLICATION_ID: i32 = 0x5472_6531;

/// The tables every Tre database has from version 1 on; a backup lacking one is refused.
pub(crate) const REQUIRED_TABLES: &[&str] = &["commune", "plans", "history"];

/// Migration `i` brings the database from `user_version` i to i+1. Append only: a released
/// migration is never edited, because databases in the field have already run it.
pub(crate) const MIGRATIONS: &[&str] = &[V1, V2, V3, V4, V5, V6, V7, V8];

/// The newest `user_version` this build understands.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// Version 1. The model's JSON is the truth (`data`); the other columns are copies of model
/// fields kept only so a list can be shown without parsing every plan.
const V1: &str = "
PRAGMA application_id = 1416783153;

-- The single commune profile (id is always 1).
CREATE TABLE commune (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    data    TEXT NOT NULL CHECK (json_valid(data)),
    updated TEXT NOT NULL
);

-- AUTOINCREMENT so a deleted plan's id is never given to another plan: ids are what the
-- officer types (`tre plan show 3`) and what history summaries name.
CREATE TABLE plans (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    year     INTEGER NOT NULL,
    template TEXT NOT NULL,
    doc_type TEXT NOT NULL,
    title    TEXT NOT NULL,
    number   TEXT,
    data     TEXT NOT NULL CHECK (json_valid(data)),
    created  TEXT NOT NULL,
    updated  TEXT NOT NULL
);
CREATE INDEX plans_by_year ON plans (year DESC, id);

-- Every change, with the state before and after, so it can be shown, undone and redone.
-- old/new are JSON snapshots (NULL for the side that did not exist).
CREATE TABLE history (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    at        TEXT NOT NULL,
    entity    TEXT NOT NULL CHECK (entity IN ('commune', 'plan')),
    entity_id INTEGER,
    action    TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete')),
    old       TEXT CHECK (old IS NULL OR json_valid(old)),
    new       TEXT CHECK (new IS NULL OR json_valid(new)),
    summary   TEXT NOT NULL,
    undone    INTEGER NOT NULL DEFAULT 0 CHECK (undone IN (0, 1))
);
";

/// Version 2 (issue 5): the yearly self-assessment and the criteria catalogues. History learns
/// a third entity; SQLite cannot change a CHECK in place, so the table is rebuilt with its rows.
const V2: &str = "
-- One self-assessment per year; the JSON of `assess::Assessment` is the truth.
CREATE TABLE assessments (
    year    INTEGER PRIMARY KEY,
    data    TEXT NOT NULL CHECK (json_valid(data)),
    created TEXT NOT NULL,
    updated TEXT NOT NULL
);

-- Criteria catalogues imported from the province. The newest row is the one in use; older
-- ones are kept so a wrong import can be looked at and undone. None = the built-in one.
CREATE TABLE catalogs (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    data     TEXT NOT NULL CHECK (json_valid(data)),
    source   TEXT NOT NULL,
    imported TEXT NOT NULL
);

CREATE TABLE history_v2 (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    at        TEXT NOT NULL,
    entity    TEXT NOT NULL CHECK (entity IN ('commune', 'plan', 'assessment')),
    entity_id INTEGER,
    action    TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete')),
    old       TEXT CHECK (old IS NULL OR json_valid(old)),
    new       TEXT CHECK (new IS NULL OR json_valid(new)),
    summary   TEXT NOT NULL,
    undone    INTEGER NOT NULL DEFAULT 0 CHECK (undone IN (0, 1))
);
INSERT INTO history_v2 SELECT id, at, entity, entity_id, action, old, new, summary, undone FROM history;
DROP TABLE history;
ALTER TABLE history_v2 RENAME TO history;
";

/// Version 3 (issue 12): the document register. The number and date of a document stay in
/// the plan or the assessment; the register keeps what is new (the sendings) per document,
/// named by its key ("plan:3", "assessment:2026:report"). History learns a fourth entity.
const V3: &str = "
CREATE TABLE register (
    id      INTEGER PRIMARY KEY AUTOINCREMENT,
    doc     TEXT NOT NULL UNIQUE,
    data    TEXT NOT NULL CHECK (json_valid(data)),
    updated TEXT NOT NULL
);

CREATE TABLE history_v3 (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    at        TEXT NOT NULL,
    entity    TEXT NOT NULL CHECK (entity IN ('commune', 'plan', 'assessment', 'register')),
    entity_id INTEGER,
    action    TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete')),
    old       TEXT CHECK (old IS NULL OR json_valid(old)),
    new       TEXT CHECK (new IS NULL OR json_valid(new)),
    summary   TEXT NOT NULL,
    undone    INTEGER NOT NULL DEFAULT 0 CHECK (undone IN (0, 1))
);
INSERT INTO history_v3 SELECT id, at, entity, entity_id, action, old, new, summary, undone FROM history;
DROP TABLE history;
ALTER TABLE history_v3 RENAME TO history;
";

/// Version 4 (issue 12): the signed copies' bytes, by their SHA-256. The register's record
/// names the copy by its hash, so history snapshots stay small and undoing an attachment
/// only takes the name away; a copy is kept byte for byte (an e-signed PDF must not change).
const V4: &str = "
CREATE TABLE signed_copies (
    sha256 TEXT PRIMARY KEY,
    data   BLOB NOT NULL,
    added  TEXT NOT NULL
);
";

/// Version 5 (issue 12): the roots the officer or the province trusts for digital
/// signatures, as imported (DER, by SHA-256). Tre ships none: which CAs count is theirs to
/// decide. Certificates are public, so keeping them in the database keeps no secret.
const V5: &str = "
CREATE TABLE trust_roots (
    sha256  TEXT PRIMARY KEY,
    der     BLOB NOT NULL,
    subject TEXT NOT NULL,
    added   TEXT NOT NULL
);
";

/// Version 6 (issue 12): the outbox. The mail account's settings (no password: that is in
/// the OS credential store) and each queued message with its exact bytes, state and
/// attempts; times to compare are Unix seconds.
const V6: &str = "
CREATE TABLE outbox_settings (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    data TEXT NOT NULL CHECK (json_valid(data))
);
CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY,
    created         TEXT NOT NULL,
    year            INTEGER NOT NULL,
    part            INTEGER NOT NULL,
    parts           INTEGER NOT NULL,
    subject         TEXT NOT NULL,
    recipients      TEXT NOT NULL CHECK (json_valid(recipients)),
    message_id      TEXT NOT NULL,
    manifest_sha256 TEXT NOT NULL,
    documents       TEXT NOT NULL CHECK (json_valid(documents)),
    eml             BLOB NOT NULL,
    state           TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'sent', 'failed')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt    INTEGER,
    claimed_at      INTEGER,
    last_error      TEXT,
    sent_at         TEXT,
    server_reply    TEXT
);
";

/// Version 7 (issue 13): history keeps an update as two JSON Patches instead of two whole
/// snapshots (`form`, see store/history/form.rs); older rows stay snapshots until the daily
/// pruning rewrites them. An index to walk one document's history without reading the rest.
/// And a few settings of this installation's own (the folder of off-laptop backups and when
/// the last one was made), as key/value text so a new one needs no migration.
const V7: &str = "
ALTER TABLE history ADD COLUMN form TEXT NOT NULL DEFAULT 'snapshot'
    CHECK (form IN ('snapshot', 'patch'));
CREATE INDEX history_by_entity ON history (entity, entity_id, id);

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
";

/// Version 8 (issue 14): the province's side. The summary of each commune's dossier
/// imported (`province::CommuneResult` as JSON: points per criterion, total, verdict,
/// documents' states), one row per commune and year, so the trends across years come from
/// every year imported; and the problems of dossiers that could not be counted, by the
/// files they came in, until those files are imported intact. Received data, not the
/// officer's own writing: not tracked by undo, and importing again is harmless.
const V8: &str = "
CREATE TABLE province_dossiers (
    year            INTEGER NOT NULL,
    commune_key     TEXT NOT NULL,
    commune         TEXT NOT NULL,
    manifest_sha256 TEXT NOT NULL,
    created         TEXT NOT NULL,
    imported        TEXT NOT NULL,
    data            TEXT NOT NULL CHECK (json_valid(data)),
    PRIMARY KEY (year, commune_key)
);
CREATE TABLE province_problems (
    year     INTEGER NOT NULL,
    source   TEXT NOT NULL,
    state    TEXT NOT NULL,
    imported TEXT NOT NULL,
    data     TEXT NOT NULL CHECK (json_valid(data)),
    PRIMARY KEY (year, source)
);
";

/// What a file is, learnt by reading only.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Inspection {
    pub version: i64,
    pub application_id: i32,
    /// Names of the tables in the file (no SQLite internals).
    pub tables: Vec<String>,
}

/// The tables read and written on every use, checked at every open. The others grow with use
/// and are mostly appended to (history, the signed copies' bytes, the outbox's messages):
/// checking them at every open made opening cost grow with the history (20,000 edits: 80 ms
/// against 1 ms), so they are checked once a day with the full check, and at backup time.
pub(crate) const HOT_TABLES: &[&str] = &[
    "commune",
    "plans",
    "assessments",
    "catalogs",
    "register",
    "trust_roots",
    "outbox_settings",
    "settings",
];

/// How thoroughly [`inspect`] reads the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Check {
    /// `PRAGMA quick_check(table)` of each of [`HOT_TABLES`]: every page, b-tree and record of
    /// those tables and their indexes, not that each index matches its table. Run on every
    /// open, at a cost that does not grow with history.
    Quick,
    /// `PRAGMA integrity_check`: the whole file, indexes compared with their tables. Run on a
    /// file about to be restored or offered as a backup, and once a day before the daily copy
    /// (`backup::daily`).
    Full,
}

/// The problems `check` finds in the main database (`["ok"]` when there are none), at most
/// 5 lines: enough to tell what is wrong without flooding the message.
pub(crate) fn problems(conn: &Connection, check: Check) -> rusqlite::Result<Vec<String>> {
    let lines = |sql: &str| -> rusqlite::Result<Vec<String>> {
        let mut st = conn.prepare(sql)?;
        let rows = st.query_map([], |r| r.get::<_, String>(0))?;
        rows.collect()
    };
    match check {
        Check::Full => lines("PRAGMA integrity_check(5)"),
        Check::Quick => {
            // The schema's own page first: listing the tables reads it.
            let present: Vec<String> = {
                let mut st = conn.prepare(
                    "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
                )?;
                let rows = st.query_map([], |r| r.get::<_, String>(0))?;
                rows.collect::<rusqlite::Result<_>>()?
            };
            let mut found = Vec::new();
            for table in HOT_TABLES
                .iter()
                .filter(|t| present.iter().any(|p| p == *t))
            {
                // A table name cannot be a bound parameter; these are our own constants.
                let problems = lines(&format!("PRAGMA quick_check(\"{table}\")"))?;
                found.extend(problems.into_iter().filter(|p| p != "ok"));
            }
            found.truncate(5);
            Ok(if found.is_empty() {
                vec!["ok".to_string()]
            } else {
                found
            })
        }
    }
}

/// Reads `user_version`, runs `check`, and lists the tables. Writes nothing.
/// Any failure here means SQLite cannot trust the file: `CorruptDatabase`.
pub(crate) fn inspect(conn: &Connection, path: &Path, check: Check) -> Result<Inspection> {
    let corrupt = |detail: String| Error::CorruptDatabase {
        path: path.to_path_buf(),
        detail,
    };
    // The first read is where SQLite notices a file that is not a database at all.
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .map_err(|e| read_failure(path, e))?;
    let problems = problems(conn, check).map_err(|e| read_failure(path, e))?;
    if problems != ["ok"] {
        return Err(corrupt(failed_check(&problems)));
    }
    let application_id: i32 = conn
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .map_err(|e| read_failure(path, e))?;
    let tables = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        .and_then(|mut st| st.query_map([], |r| r.get::<_, String>(0))?.collect::<rusqlite::Result<Vec<_>>>())
        .map_err(|e| read_failure(path, e))?;
    Ok(Inspection {
        version,
        application_id,
        tables,
    })
}

/// Vietnamese detail for a failed integrity check. SQLite's lines ("Page 5: btreeInitPage()
/// returns error code 11") say nothing to the officer; how many places are damaged does.
pub(crate) fn failed_check(problems: &[String]) -> String {
    let n = problems.len();
    let more = if n >= 5 { " trở lên" } else { "" };
    format!("kiểm tra toàn vẹn phát hiện {n}{more} chỗ hỏng trong cấu trúc tệp")
}

/// A failed read during inspection. Only SQLite's "not a database" and "malformed" say the
/// file is damaged; a folder that is read-only (no `-shm` can be made), a missing permission or
/// a disk error say something else, and the officer must not be sent restoring a good file.
fn read_failure(path: &Path, e: rusqlite::Error) -> Error {
    super::sqlerr::map(path, e)
}

/// Decides whether `Store::open` may write to an inspected file.
pub(crate) fn check_openable(ins: &Inspection, path: &Path, supported: i64) -> Result<()> {
    let not_tre = || Error::CorruptDatabase {
        path: path.to_path_buf(),
        detail: "đây là tệp SQLite của chương trình khác".to_string(),
    };
    if ins.application_id != 0 && ins.application_id != APPLICATION_ID {
        return Err(not_tre());
    }
    if ins.version > supported {
        return Err(Error::NewerDatabase {
            path: path.to_path_buf(),
            found: ins.version,
            supported,
        });
    }
    // Version 0 is a fresh file only if it is empty; tables there belong to someone else.
    if ins.version == 0 && !ins.tables.is_empty() {
        return Err(not_tre());
    }
    if ins.version > 0 && ins.application_id != APPLICATION_ID {
        return Err(not_tre());
    }
    Ok(())
}

/// Decides whether a file may be restored over the current database.
pub(crate) fn check_backup(ins: &Inspection, path: &Path) -> Result<()> {
    let invalid = |detail: &str| Error::InvalidBackup {
        path: path.to_path_buf(),
        detail: detail.to_string(),
    };
    if ins.application_id != APPLICATION_ID {
        return Err(invalid("không phải tệp dữ liệu của Tre"));
    }
    if ins.version > SCHEMA_VERSION {
        return Err(Error::NewerDatabase {
            path: path.to_path_buf(),
            found: ins.version,
            supported: SCHEMA_VERSION,
        });
    }
    if ins.version < 1
        || REQUIRED_TABLES
            .iter()
            .any(|t| !ins.tables.iter().any(|n| n == t))
    {
        return Err(invalid("thiếu bảng dữ liệu"));
    }
    Ok(())
}

/// Connection settings for safe writing; only called once the file is accepted.
/// WAL + synchronous=FULL: a committed edit survives a power cut (docs/architecture.md).
pub(crate) fn configure(conn: &Connection, path: &Path) -> Result<()> {
    // On file systems without shared memory WAL is refused and the old mode is kept; FULL
    // synchronous still makes every commit durable, so that is not an error.
    let _mode: String = conn
        .pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))
        .db(path)?;
    conn.pragma_update(None, "synchronous", "FULL").db(path)?;
    conn.pragma_update(None, "foreign_keys", "ON").db(path)?;
    Ok(())
}

/// Applies the pending migrations, each in one transaction with its `user_version` bump, so a
/// crash leaves the file at either the old or the new version, never between.
pub(crate) fn migrate(conn: &mut Connection, path: &Path, migrations: &[&str]) -> Result<()> {
    for (i, sql) in migrations.iter().enumerate() {
        let target = i as i64 + 1;
        // IMMEDIATE takes the write lock first, so two Tre windows opening the same new file
        // cannot both migrate; the version is re-read under the lock.
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .db(path)?;
        let current: i64 = tx
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .db(path)?;
        if current >= target {
            continue;
        }
        tx.execute_batch(sql).db(path)?;
        tx.pragma_update(None, "user_version", target).db(path)?;
        tx.commit().db(path)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fresh() -> Connection {
        Connection::open_in_memory().unwrap()
    }

    #[test]
    fn migrations_bring_an_empty_file_to_the_newest_version() {
        let mut conn = fresh();
        let p = Path::new("mem");
        let before = inspect(&conn, p, Check::Full).unwrap();
        assert_eq!(before.version, 0);
        check_openable(&before, p, SCHEMA_VERSION).unwrap();
        migrate(&mut conn, p, MIGRATIONS).unwrap();
        let after = inspect(&conn, p, Check::Full).unwrap();
        assert_eq!(after.version, SCHEMA_VERSION);
        assert_eq!(after.application_id, APPLICATION_ID);
        for t in REQUIRED_TABLES {
            assert!(after.tables.iter().any(|n| n == t), "{t} missing");
        }
        check_openable(&after, p, SCHEMA_VERSION).unwrap();
        check_backup(&after, p).unwrap();
        // Running again is a no-op.
        migrate(&mut conn, p, MIGRATIONS).unwrap();
    }

    #[test]
    fn a_failing_migration_leaves_the_version_unchanged() {
        let mut conn = fresh();
        let p = Path::new("mem");
        let bad = [V1, "CREATE TABLE extra (x); THIS IS NOT SQL;"];
        assert!(migrate(&mut conn, p, &bad).is_err());
        let ins = inspect(&conn, p, Check::Full).unwrap();
        assert_eq!(ins.version, 1);
        assert!(!ins.tables.iter().any(|t| t == "extra"));
    }

    #[test]
    fn foreign_and_newer_files_are_refused() {
        let p = Path::new("x.db");
        let foreign = Inspection {
            version: 0,
            application_id: 0,
            tables: vec!["users".into()],
        };
        let e = check_openable(&foreign, p, 1).unwrap_err();
        assert_eq!(e.code(), "db-corrupt");
        assert!(e.to_string().contains("chương trình khác"), "{e}");
        let other_app = Inspection {
            version: 1,
            application_id: 42,
            tables: vec![],
        };
        assert_eq!(
            check_openable(&other_app, p, 1).unwrap_err().code(),
            "db-corrupt"
        );
        let newer = Inspection {
            version: 7,
            application_id: APPLICATION_ID,
            tables: vec![],
        };
        let e = check_openable(&newer, p, 1).unwrap_err();
        assert_eq!(e.code(), "db-newer");
        assert!(e.to_string().contains("Hãy cập nhật Tre"), "{e}");
        let e = check_backup(&foreign, p).unwrap_err();
        assert_eq!(e.code(), "backup-invalid");
        assert!(
            e.to_string().contains("Hãy chọn một bản sao lưu khác"),
            "{e}"
        );
    }
}
