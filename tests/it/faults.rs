//! Faults of the disk under the database (issue 13, part 4b): a full disk, a read-only folder,
//! the file deleted while the app has it open. In each, an edit is either saved or refused
//! with a Vietnamese message (never SQLite's English), nothing panics, and what was saved
//! before is still there afterwards.
//!
//! A full disk and a read-only folder are real: a small tmpfs mounted for the test (remounted
//! read-only for the second), unmounted by a guard. Root ignores chmod, so permissions alone
//! would prove nothing here. Mounting needs root with CAP_SYS_ADMIN; where it is impossible
//! the test says so and skips.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use rusqlite::Connection;
use tre::model::{Commune, Plan};
use tre::session::Session;

use crate::support::{is_vietnamese, sqlite_english};

/// A message shown to the officer: Vietnamese, with none of SQLite's English.
fn assert_officer_message(what: &str, msg: &str) {
    assert!(is_vietnamese(msg), "{what}: not Vietnamese: {msg}");
    if let Some(english) = sqlite_english(msg) {
        panic!("{what}: SQLite's English text {english:?} reaches the officer: {msg}");
    }
}

/// A tmpfs mounted on a fresh folder, unmounted (and the folder removed) when dropped, also
/// when the test fails.
struct Tmpfs {
    dir: tempfile::TempDir,
}

impl Tmpfs {
    /// Mounts a tmpfs of `size` (e.g. "2m"), or says why it cannot.
    fn mount(size: &str) -> Result<Tmpfs, String> {
        let uid = Command::new("id")
            .arg("-u")
            .output()
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
            .unwrap_or_default();
        if uid != "0" {
            return Err(format!("not root (uid {uid}): mounting a tmpfs needs root"));
        }
        let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
        let out = Command::new("mount")
            .args([
                "-t",
                "tmpfs",
                "-o",
                &format!("size={size},mode=0755"),
                "tre-test",
            ])
            .arg(dir.path())
            .output()
            .map_err(|e| format!("cannot run mount: {e}"))?;
        if !out.status.success() {
            return Err(format!(
                "mount -t tmpfs failed (a container without CAP_SYS_ADMIN?): {}",
                String::from_utf8_lossy(&out.stderr).trim()
            ));
        }
        Ok(Tmpfs { dir })
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    /// `mount -o remount,OPTIONS`: "ro", "rw", "size=64m"…
    fn remount(&self, options: &str) {
        let out = Command::new("mount")
            .args(["-o", &format!("remount,{options}")])
            .arg(self.path())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "remount,{options}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let ok = Command::new("umount")
            .arg(self.path())
            .status()
            .is_ok_and(|s| s.success());
        if !ok {
            // Something still holds a file there (a failed test's open session): detach it.
            let _ = Command::new("umount").arg("-l").arg(self.path()).status();
        }
    }
}

/// The tmpfs, or `None` after printing why the test is skipped.
fn tmpfs_or_skip(test: &str, size: &str) -> Option<Tmpfs> {
    match Tmpfs::mount(size) {
        Ok(m) => Some(m),
        Err(why) => {
            println!("SKIPPED {test}: {why}");
            eprintln!("SKIPPED {test}: {why}");
            None
        }
    }
}

fn commune() -> Commune {
    Commune::new("Quan Sơn", "Lạng Sơn")
}

/// Some Vietnamese prose, about `len` bytes, different for each `n`.
fn prose(n: usize, len: usize) -> String {
    let words = [
        "trẻ em",
        "được",
        "chăm sóc",
        "giáo dục",
        "bảo vệ",
        "tại thôn",
        "Bản Nầng",
        "năm 2026",
    ];
    let mut s = format!("Đoạn {n}: ");
    let mut i = n;
    while s.len() < len {
        s.push_str(words[i % words.len()]);
        s.push(' ');
        i = i.wrapping_mul(31).wrapping_add(7);
    }
    s
}

fn integrity(db: &Path) -> String {
    let c = Connection::open(db).unwrap();
    c.query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap()
}

fn side(db: &Path, suffix: &str) -> PathBuf {
    PathBuf::from(format!("{}{suffix}", db.display()))
}

/// Copies the database and its side files to `to_dir` (as the officer would, to free the
/// disk), returning the copy's path.
fn copy_out(db: &Path, to_dir: &Path) -> PathBuf {
    for suffix in ["", "-wal"] {
        let from = side(db, suffix);
        if from.exists() {
            fs::copy(&from, side(&to_dir.join("tre.db"), suffix)).unwrap();
        }
    }
    to_dir.join("tre.db")
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .map(|rd| {
            rd.map(|e| e.unwrap().file_name().into_string().unwrap())
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

// ---------------------------------------------------------------------------------------------
// A full disk

#[test]
fn a_full_disk_refuses_the_edit_in_vietnamese_and_keeps_what_was_saved() {
    let Some(fs_) = tmpfs_or_skip("full disk", "3m") else {
        return;
    };
    let db = fs_.path().join("tre.db");
    let mut s = Session::open(&db).unwrap();
    s.commune_set(&commune()).unwrap();
    let id = s.plan_new(2026, "blank").unwrap();
    let mut saved: Plan = s.plan_get(id).unwrap().plan;

    // The autosave of a plan that keeps growing, until the disk is full.
    let mut refusal = None;
    for n in 0..200 {
        let mut plan = saved.clone();
        plan.intro.push_str(&prose(n, 60_000));
        plan.title = format!("Kế hoạch lưu lần {n}");
        match s.plan_update(id, &plan) {
            Ok(()) => saved = plan,
            Err(e) => {
                refusal = Some(e);
                break;
            }
        }
    }
    let e = refusal.expect("3 MB never filled up");
    let msg = e.to_string();
    println!("full disk, the refused edit: [{}] {msg}", e.code());
    assert_eq!(e.code(), "disk-full", "{e:?}");
    assert_officer_message("full disk", &msg);
    assert!(
        msg.contains("giải phóng dung lượng"),
        "says to free space: {msg}"
    );
    assert!(saved.intro.len() > 100_000, "some edits were saved first");

    // Still full: the session reads what was saved, and refuses the next edit the same way.
    assert_eq!(s.plan_get(id).unwrap().plan, saved);
    let mut again = saved.clone();
    again.intro.push_str(&prose(999, 60_000));
    let e = s.plan_update(id, &again).unwrap_err();
    assert_eq!(e.code(), "disk-full", "{e:?}");
    drop(s);

    // Reopening on the full disk works: today's first daily copy cannot be made, which is a
    // warning (in Vietnamese), and the data is intact. No half-written copy is left.
    let s = Session::open(&db).unwrap();
    println!("full disk, reopened: warnings {:?}", s.warnings());
    assert!(
        !s.warnings().is_empty(),
        "the daily copy cannot fit: the officer should hear it"
    );
    for w in s.warnings() {
        assert_officer_message("daily copy on a full disk", w);
    }
    assert!(
        s.warnings().iter().any(|w| w.contains("sao lưu")),
        "{:?}",
        s.warnings()
    );
    assert_eq!(s.plan_get(id).unwrap().plan, saved);
    let backups = files_in(&fs_.path().join("backups"));
    assert!(
        backups.iter().all(|f| !f.contains(".tmp-")),
        "no temporary copy left behind: {backups:?}"
    );
    for f in &backups {
        let b = fs_.path().join("backups").join(f);
        assert_eq!(integrity(&b), "ok", "a backup on the full disk: {f}");
    }
    drop(s);
    assert_eq!(integrity(&db), "ok");

    // Space freed: the next edit is saved, and so is the daily copy.
    fs_.remount("size=64m");
    let mut s = Session::open(&db).unwrap();
    for w in s.warnings() {
        assert_officer_message("opening after freeing space", w);
    }
    assert_eq!(s.plan_get(id).unwrap().plan, saved);
    s.plan_update(id, &again).unwrap();
    saved = again;
    drop(s);
    let today = format!(
        "tre-{}.db",
        chrono::Local::now().date_naive().format("%Y-%m-%d")
    );
    assert!(
        files_in(&fs_.path().join("backups")).contains(&today),
        "the daily copy once there is room"
    );

    // Off the tmpfs, as the officer would carry the file away: the same plan, intact.
    let out = tempfile::tempdir().unwrap();
    let copy = copy_out(&db, out.path());
    drop(fs_);
    assert_eq!(integrity(&copy), "ok");
    let s = Session::open(&copy).unwrap();
    assert_eq!(s.plan_get(id).unwrap().plan, saved);
}

/// Version 1 of the schema, as released (a released migration is never edited, so this copy
/// stays true): the oldest file a Tre in the field can have.
const SCHEMA_V1: &str = "
PRAGMA application_id = 1416783153;
CREATE TABLE commune (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    data    TEXT NOT NULL CHECK (json_valid(data)),
    updated TEXT NOT NULL
);
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
PRAGMA user_version = 1;
";

/// Writes a version-1 Tre file at `path` holding the profile and `plan` (id 1).
fn version_1_file(path: &Path, plan: &Plan) {
    let c = Connection::open(path).unwrap();
    c.execute_batch(SCHEMA_V1).unwrap();
    let at = "2025-03-02T08:15:00+07:00";
    c.execute(
        "INSERT INTO commune (id, data, updated) VALUES (1, ?1, ?2)",
        (serde_json::to_string(&commune()).unwrap(), at),
    )
    .unwrap();
    c.execute(
        "INSERT INTO plans (year, template, doc_type, title, data, created, updated)
         VALUES (2026, 'qd06', ?1, ?2, ?3, ?4, ?4)",
        (
            &plan.doc_type,
            &plan.title,
            serde_json::to_string(plan).unwrap(),
            at,
        ),
    )
    .unwrap();
}

/// A file from an older Tre on a full disk: the copy before migrating cannot be written, so
/// the open is refused (nothing is migrated without a way back) and the file is unchanged.
#[test]
fn a_full_disk_stops_a_migration_before_it_starts() {
    let Some(fs_) = tmpfs_or_skip("full disk before a migration", "2m") else {
        return;
    };
    // A file as the first release of Tre wrote it (version 1), with a profile and a plan.
    let work = tempfile::tempdir().unwrap();
    let old = work.path().join("tre.db");
    let plan = {
        let mut s = Session::open(&work.path().join("scratch.db")).unwrap();
        s.commune_set(&commune()).unwrap();
        let id = s.plan_new(2026, "qd06").unwrap();
        s.plan_get(id).unwrap().plan
    };
    version_1_file(&old, &plan);
    let db = fs_.path().join("tre.db");
    fs::copy(&old, &db).unwrap();
    let bytes = fs::read(&db).unwrap();

    // Fill the disk, leaving less than the copy needs.
    let filler = fs_.path().join("filler");
    let free = || {
        let out = Command::new("df")
            .args(["--output=avail", "-B1"])
            .arg(fs_.path())
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .nth(1)
            .unwrap()
            .trim()
            .parse::<u64>()
            .unwrap()
    };
    let leave = (bytes.len() / 4) as u64;
    fs::write(&filler, vec![0u8; (free() - leave) as usize]).unwrap();

    let e = match Session::open(&db) {
        Ok(_) => panic!("migrated without a copy to go back to"),
        Err(e) => e,
    };
    println!("full disk before a migration: [{}] {e}", e.code());
    assert_eq!(e.code(), "disk-full", "{e:?}");
    assert_officer_message("full disk before a migration", &e.to_string());
    assert_eq!(fs::read(&db).unwrap(), bytes, "the old file is untouched");
    let backups = files_in(&fs_.path().join("backups"));
    assert!(
        backups.iter().all(|f| !f.contains(".tmp-")),
        "no half copy left: {backups:?}"
    );

    // Room again: the copy is taken, the file migrated, the plan intact.
    fs::remove_file(&filler).unwrap();
    let s = Session::open(&db).unwrap();
    assert_eq!(s.plans_list(None).unwrap().len(), 1);
    let id = s.plans_list(None).unwrap()[0].id;
    assert_eq!(s.plan_get(id).unwrap().plan, plan);
    assert!(files_in(&fs_.path().join("backups"))
        .iter()
        .any(|f| f.starts_with("tre-before-v")));
}

// ---------------------------------------------------------------------------------------------
// A read-only folder

/// The `tre` command on `db`: (exit code, stdout, stderr).
fn tre(db: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_tre"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("TRE_DB")
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A refusal at the command line: exit 2, one Vietnamese line, no panic.
fn assert_cli_refusal(what: &str, (code, _, err): &(Option<i32>, String, String)) {
    assert_eq!(*code, Some(2), "{what}: {err}");
    assert_eq!(err.trim_end().lines().count(), 1, "{what}: {err}");
    assert!(err.starts_with("Lỗi: "), "{what}: {err}");
    assert!(
        !err.contains("gặp lỗi không mong muốn"),
        "{what} panicked: {err}"
    );
    assert_officer_message(what, err);
}

#[test]
fn a_read_only_folder_reads_and_refuses_writes_in_vietnamese() {
    let Some(fs_) = tmpfs_or_skip("read-only folder", "16m") else {
        return;
    };
    let db = fs_.path().join("tre.db");
    let (id, plan) = {
        let mut s = Session::open(&db).unwrap();
        s.commune_set(&commune()).unwrap();
        let id = s.plan_new(2026, "qd06").unwrap();
        let mut plan = s.plan_get(id).unwrap().plan;
        plan.title = "Kế hoạch trước khi ổ đĩa chỉ đọc".into();
        s.plan_update(id, &plan).unwrap();
        (id, plan)
    };
    // Today's daily copy is not there yet, so opening would want to write one.
    let _ = fs::remove_dir_all(fs_.path().join("backups"));
    let bytes = fs::read(&db).unwrap();
    fs_.remount("ro");

    let opened = Session::open(&db);
    println!(
        "read-only folder, open: {:?}",
        opened.as_ref().map(|s| s.warnings().to_vec())
    );
    match opened {
        Ok(mut s) => {
            for w in s.warnings() {
                assert_officer_message("opening read-only", w);
            }
            assert_eq!(s.plan_get(id).unwrap().plan, plan, "reading works");
            let mut edit = plan.clone();
            edit.title = "Sửa trên ổ chỉ đọc".into();
            let e = s.plan_update(id, &edit).unwrap_err();
            println!("read-only folder, an edit: [{}] {e}", e.code());
            assert_officer_message("an edit on a read-only folder", &e.to_string());
            assert_eq!(e.code(), "io", "{e:?}");
            let e = s
                .commune_set(&Commune::new("Khác", "Lạng Sơn"))
                .unwrap_err();
            assert_officer_message("the profile on a read-only folder", &e.to_string());
            let e = s.undo().unwrap_err();
            assert_officer_message("undo on a read-only folder", &e.to_string());
            assert_eq!(s.plan_get(id).unwrap().plan, plan, "still readable");
        }
        Err(e) => assert_officer_message("opening read-only", &e.to_string()),
    }

    // The same through the command line.
    let shown = tre(&db, &["plan", "show", &id.to_string(), "--json"]);
    println!(
        "read-only folder, tre plan show: {:?} {}",
        shown.0,
        shown.2.trim()
    );
    if shown.0 == Some(0) {
        let got: Plan = serde_json::from_str(&shown.1).unwrap();
        assert_eq!(got, plan);
    } else {
        assert_cli_refusal("tre plan show on a read-only folder", &shown);
    }
    assert_cli_refusal(
        "tre plan set on a read-only folder",
        &tre(&db, &["plan", "set", &id.to_string(), "--title", "Sửa"]),
    );
    assert_cli_refusal("tre undo on a read-only folder", &tre(&db, &["undo"]));
    assert_eq!(fs::read(&db).unwrap(), bytes);
    fs_.remount("rw");
    assert_eq!(integrity(&db), "ok");
}

/// The file on a read-only folder is not damaged, and restoring a backup cannot help: the
/// officer should hear that the folder is read-only (or see the data), not "restore from a
/// backup". (`schema::inspect` once turned every failed first read into `db-corrupt`,
/// SQLite's CANTOPEN here included.)
#[test]
fn a_read_only_folder_is_not_called_damaged() {
    let Some(fs_) = tmpfs_or_skip("read-only folder message", "16m") else {
        return;
    };
    let db = fs_.path().join("tre.db");
    drop(session_with_plan(&db, "Kế hoạch trên ổ chỉ đọc"));
    fs_.remount("ro");
    if let Err(e) = Session::open(&db) {
        assert_ne!(e.code(), "db-corrupt", "{e}");
        assert!(!e.to_string().contains("bị hỏng"), "{e}");
    }
    let shown = tre(&db, &["plan", "list"]);
    assert!(!shown.2.contains("tre restore"), "{}", shown.2);
}

/// A file left with its WAL (the app was killed) on a folder that became read-only: SQLite
/// cannot take its shared-memory index there.
#[test]
fn a_read_only_folder_with_a_pending_wal_reads_all_or_refuses_in_vietnamese() {
    let Some(fs_) = tmpfs_or_skip("read-only folder with a WAL", "16m") else {
        return;
    };
    let db = fs_.path().join("tre.db");
    let work = tempfile::tempdir().unwrap();
    let src = work.path().join("tre.db");
    let mut s = Session::open(&src).unwrap();
    s.commune_set(&commune()).unwrap();
    let id = s.plan_new(2026, "blank").unwrap();
    let mut plan = s.plan_get(id).unwrap().plan;
    plan.title = "Kế hoạch chỉ có trong tệp WAL".into();
    s.plan_update(id, &plan).unwrap();
    // Copied while the session is open: the last edits live in the WAL only, as after a kill.
    fs::copy(&src, &db).unwrap();
    fs::copy(side(&src, "-wal"), side(&db, "-wal")).unwrap();
    drop(s);
    fs_.remount("ro");

    let opened = Session::open(&db);
    println!(
        "read-only folder with a WAL, open: {:?}",
        opened.as_ref().map(|s| s.warnings().to_vec())
    );
    match opened {
        Ok(s) => {
            for w in s.warnings() {
                assert_officer_message("opening read-only with a WAL", w);
            }
            assert_eq!(
                s.plan_get(id).unwrap().plan,
                plan,
                "the edits in the WAL are read too"
            );
        }
        Err(e) => assert_officer_message("opening read-only with a WAL", &e.to_string()),
    }
    let shown = tre(&db, &["plan", "show", &id.to_string(), "--json"]);
    println!(
        "read-only folder with a WAL, tre plan show: {:?} {}",
        shown.0,
        shown.2.trim()
    );
    if shown.0 == Some(0) {
        let got: Plan = serde_json::from_str(&shown.1).unwrap();
        assert_eq!(got, plan, "the edits in the WAL are read too");
    } else {
        assert_cli_refusal("tre plan show read-only with a WAL", &shown);
    }
    fs_.remount("rw");
    let s = Session::open(&db).unwrap();
    assert_eq!(s.plan_get(id).unwrap().plan, plan);
}

// ---------------------------------------------------------------------------------------------
// The file deleted while the app has it open

/// A session with a commune and one plan whose title is `title`; returns it, the id and the plan.
fn session_with_plan(db: &Path, title: &str) -> (Session, i64, Plan) {
    let mut s = Session::open(db).unwrap();
    s.commune_set(&commune()).unwrap();
    let id = s.plan_new(2026, "blank").unwrap();
    let mut plan = s.plan_get(id).unwrap().plan;
    plan.title = title.into();
    s.plan_update(id, &plan).unwrap();
    (s, id, plan)
}

fn delete_with_side_files(db: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let _ = fs::remove_file(side(db, suffix));
    }
}

/// Deleted while open, then edited: SQLite would go on writing into the deleted file and say
/// "saved"; the store puts the whole database back at its path first, so the edit and all
/// before it are there at the next open.
#[test]
fn deleting_the_open_database_loses_no_acknowledged_edit() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("tre.db");
    let (mut s, id, before) = session_with_plan(&db, "Kế hoạch trước khi tệp bị xóa");
    delete_with_side_files(&db);

    // Reads go on from what the session holds.
    assert_eq!(s.plan_get(id).unwrap().plan, before);
    let mut edit = before.clone();
    edit.title = "Kế hoạch sửa sau khi tệp bị xóa".into();
    s.plan_update(id, &edit).unwrap();
    assert!(db.exists(), "the file is back as soon as it is written to");
    let mut later = edit.clone();
    later.intro = "Sửa thêm lần nữa.".into();
    s.plan_update(id, &later).unwrap();
    s.undo().unwrap(); // undo and redo keep working on the file that is back
    assert_eq!(s.plan_get(id).unwrap().plan, edit);
    drop(s);

    let s = Session::open(&db).unwrap();
    assert_eq!(s.plans_list(None).unwrap().len(), 1, "silent loss");
    assert_eq!(s.plan_get(id).unwrap().plan, edit);
    assert!(s.commune_get().unwrap().is_some());
    assert_eq!(integrity(&db), "ok");
    let mut s = s;
    s.redo().unwrap();
    assert_eq!(s.plan_get(id).unwrap().plan, later, "history came back too");
}

/// Deleted while open, and the app closed without another edit: the data is put back on
/// closing rather than vanishing with the last handle.
#[test]
fn deleting_the_open_database_then_closing_puts_it_back() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("tre.db");
    let (mut s, id, before) = session_with_plan(&db, "Kế hoạch rồi đóng Tre");
    delete_with_side_files(&db);
    // An undo after the deletion: written into the deleted file, then kept on closing.
    s.undo().unwrap();
    let undone = s.plan_get(id).unwrap().plan;
    assert_ne!(undone, before);
    drop(s);
    let s = Session::open(&db).unwrap();
    assert_eq!(s.plan_get(id).unwrap().plan, undone);
}

/// Deleted while open and another database made at its path (a second window opened it):
/// the first session's edit is refused in Vietnamese instead of going nowhere, and the new
/// file is left as it is.
#[test]
fn a_database_replaced_while_open_refuses_the_edit() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("tre.db");
    let (mut s, id, before) = session_with_plan(&db, "Kế hoạch của cửa sổ thứ nhất");
    delete_with_side_files(&db);
    let mut other = Session::open(&db).unwrap();
    other
        .commune_set(&Commune::new("Minh Hòa", "Phú Thọ"))
        .unwrap();
    drop(other);

    let mut edit = before.clone();
    edit.title = "Sửa vào tệp đã bị thay".into();
    let e = s.plan_update(id, &edit).unwrap_err();
    println!("an edit on a replaced file: {e}");
    assert_eq!(e.code(), "io", "{e:?}");
    assert_officer_message("an edit on a replaced file", &e.to_string());
    assert!(e.to_string().contains("mở lại"), "{e}");
    drop(s);

    let s = Session::open(&db).unwrap();
    assert_eq!(s.commune_get().unwrap().unwrap().name, "Minh Hòa");
    assert!(
        s.plans_list(None).unwrap().is_empty(),
        "the new file is untouched"
    );
}
