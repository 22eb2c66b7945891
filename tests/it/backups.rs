//! Backups as the officer meets them (issue 13): a verified copy off the laptop, remembered
//! and rotated; the reminder after 7 days; the list of good backups (a bad one is never
//! offered), found even when the database is damaged; restoring on a fresh install.

use std::fs;
use std::path::{Path, PathBuf};

use tre::session::Session;
use tre::store::{BackupKind, Store, REMIND_AFTER_DAYS};

use crate::common::Tre;
use crate::support::{is_vietnamese, sqlite_english};

/// A database with the demo commune and its plans of `year`, in its own folder.
fn demo(root: &Path, year: i32) -> PathBuf {
    let db = root.join("data").join("tre.db");
    let mut s = Session::open(&db).unwrap();
    s.demo_load(year).unwrap();
    db
}

fn usb(root: &Path) -> PathBuf {
    let dir = root.join("usb");
    fs::create_dir_all(&dir).unwrap();
    dir
}

fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    v.sort();
    v
}

#[test]
fn an_off_laptop_copy_is_verified_remembered_and_rotated() {
    let root = tempfile::tempdir().unwrap();
    let db = demo(root.path(), 2026);
    let usb = usb(root.path());
    let mut s = Session::open(&db).unwrap();
    assert!(
        s.backup_status().unwrap().due,
        "never copied off the laptop"
    );

    let info = s.backup_offsite(Some(&usb)).unwrap();
    assert_eq!(info.kind, BackupKind::OffLaptop);
    assert!(info.path.starts_with(&usb));
    assert_eq!(info.plans, 4);
    assert_eq!(info.years, [2026]);
    assert!(info.commune.as_deref().unwrap().contains("Minh Hòa"));
    let status = s.backup_status().unwrap();
    assert!(!status.due);
    assert_eq!(status.days_since, Some(0));
    assert_eq!(status.folder.as_deref(), usb.to_str());

    // The folder is remembered, and only the newest copies stay on the stick.
    for _ in 0..12 {
        s.backup_offsite(None).unwrap();
    }
    let copies = names(&usb);
    assert_eq!(copies.len(), 10, "{copies:?}");
    assert!(copies.iter().all(|n| n.starts_with("tre-sao-luu-")));
    // A file of the officer's own on the stick is never touched.
    fs::write(usb.join("ghi-chu.txt"), "của tôi").unwrap();
    s.backup_offsite(None).unwrap();
    assert!(usb.join("ghi-chu.txt").exists());
}

#[test]
fn the_reminder_comes_after_seven_days() {
    let root = tempfile::tempdir().unwrap();
    let db = demo(root.path(), 2026);
    let usb = usb(root.path());
    let mut store = Store::open(&db).unwrap();
    store.backup_offsite(Some(&usb)).unwrap();
    let now = chrono::Local::now().fixed_offset();
    let later = |days: i64| now + chrono::Duration::days(days);
    assert!(
        !store
            .backup_status(later(REMIND_AFTER_DAYS - 1))
            .unwrap()
            .due
    );
    let st = store.backup_status(later(REMIND_AFTER_DAYS)).unwrap();
    assert!(st.due);
    assert_eq!(st.days_since, Some(REMIND_AFTER_DAYS));
    // An empty file has nothing to protect: no reminder.
    let empty = Store::open(&root.path().join("khac").join("tre.db")).unwrap();
    assert!(!empty.backup_status(now).unwrap().due);
}

#[test]
fn an_off_laptop_copy_refuses_the_wrong_places_in_vietnamese() {
    let root = tempfile::tempdir().unwrap();
    let db = demo(root.path(), 2026);
    let mut s = Session::open(&db).unwrap();
    let none = s.backup_offsite(None).unwrap_err().to_string();
    assert!(none.contains("Chưa chọn thư mục"), "{none}");
    let unplugged = s
        .backup_offsite(Some(&root.path().join("usb-chua-cam")))
        .unwrap_err()
        .to_string();
    assert!(unplugged.contains("hãy cắm USB"), "{unplugged}");
    let beside = s
        .backup_offsite(Some(db.parent().unwrap()))
        .unwrap_err()
        .to_string();
    assert!(beside.contains("cùng chỗ với tệp dữ liệu"), "{beside}");
    assert!(s.backup_status().unwrap().due, "nothing was copied");
}

#[test]
fn only_good_backups_are_offered_even_when_the_database_is_damaged() {
    let root = tempfile::tempdir().unwrap();
    let db = demo(root.path(), 2026);
    let usb = usb(root.path());
    let good = Session::open(&db)
        .unwrap()
        .backup_offsite(Some(&usb))
        .unwrap()
        .path;
    // Look-alikes: junk, a truncated copy, a stranger's SQLite file.
    fs::write(usb.join("tre-sao-luu-rac.db"), b"not a database at all").unwrap();
    let bytes = fs::read(&good).unwrap();
    fs::write(usb.join("tre-sao-luu-cut.db"), &bytes[..bytes.len() / 2]).unwrap();
    rusqlite::Connection::open(usb.join("khac.db"))
        .unwrap()
        .execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
        .unwrap();
    let before = Session::backups_list(&db, &[]);
    assert_eq!(before.refused, 3, "{before:#?}");
    assert!(before.backups.iter().any(|b| b.path == good));
    assert!(before.backups.iter().any(|b| b.kind == BackupKind::Daily));

    // The database is damaged: it cannot be opened, and the message has no SQLite English.
    let mut damaged = fs::read(&db).unwrap();
    for b in &mut damaged[4096..3 * 4096] {
        *b ^= 0x5a;
    }
    fs::write(&db, &damaged).unwrap();
    let e = Session::open(&db).err().expect("a damaged file is refused");
    assert_eq!(e.code(), "db-corrupt");
    let msg = e.to_string();
    assert!(
        is_vietnamese(&msg) && sqlite_english(&msg).is_none(),
        "{msg}"
    );

    // The list is the same (the off-laptop folder is still read from the damaged file,
    // or given by the officer), and restoring the newest puts the data back.
    let offered = Session::backups_list(&db, std::slice::from_ref(&usb));
    assert!(
        offered.backups.iter().any(|b| b.path == good),
        "{offered:#?}"
    );
    let newest = &offered.backups[0];
    let kept = Session::restore(&db, &newest.path)
        .unwrap()
        .expect("kept aside");
    assert_eq!(
        fs::read(&kept).unwrap(),
        damaged,
        "the damaged bytes are kept"
    );
    let s = Session::open(&db).unwrap();
    assert_eq!(s.plans_list(None).unwrap().len(), 4);
    // The damaged file kept aside fails its own check: it is never offered.
    let after = Session::backups_list(&db, &[usb]);
    assert!(after.backups.iter().all(|b| b.path != kept));
}

#[test]
fn a_fresh_install_restores_from_a_copy_on_a_stick() {
    let root = tempfile::tempdir().unwrap();
    let db = demo(root.path(), 2025);
    let usb = usb(root.path());
    let copy = Session::open(&db)
        .unwrap()
        .backup_offsite(Some(&usb))
        .unwrap()
        .path;
    // A new laptop: no data folder at all.
    let new_db = root.path().join("may-moi").join("tre").join("tre.db");
    let info = Session::backup_inspect(&copy).unwrap();
    assert_eq!(info.years, [2025]);
    assert_eq!(
        Session::restore(&new_db, &copy).unwrap(),
        None,
        "nothing to keep aside"
    );
    let s = Session::open(&new_db).unwrap();
    assert_eq!(s.plans_list(Some(2025)).unwrap().len(), 4);
    assert!(s.commune_get().unwrap().is_some());
    // The new laptop knows where its off-laptop copies are: no reminder, the folder kept.
    let status = s.backup_status().unwrap();
    assert!(!status.due, "{status:?}");
    assert_eq!(
        status.folder.map(PathBuf::from),
        Some(usb.canonicalize().unwrap())
    );
    // Checking a file never writes beside it (no -wal/-shm/-journal on the stick).
    assert!(
        names(&usb).iter().all(|n| n.ends_with(".db")),
        "{:?}",
        names(&usb)
    );
}

#[test]
fn a_database_damaged_from_its_first_page_still_finds_the_copies_on_the_stick() {
    let root = tempfile::tempdir().unwrap();
    let db = demo(root.path(), 2026);
    let usb = usb(root.path());
    let good = {
        let mut s = Session::open(&db).unwrap();
        s.backup_offsite(Some(&usb)).unwrap().path
    };
    // Page 1 (the header and the schema) overwritten: the settings cannot be read at all.
    let mut bytes = fs::read(&db).unwrap();
    for b in &mut bytes[..4096] {
        *b = 0x42;
    }
    fs::write(&db, &bytes).unwrap();
    for side in ["tre.db-wal", "tre.db-shm"] {
        let _ = fs::remove_file(db.with_file_name(side));
    }
    assert_eq!(Session::open(&db).err().unwrap().code(), "db-corrupt");
    let offered = Session::backups_list(&db, &[]);
    assert!(
        offered.backups.iter().any(|b| b.path == good),
        "{offered:#?}"
    );
}

#[test]
fn inspecting_a_bad_file_says_why_in_vietnamese() {
    let root = tempfile::tempdir().unwrap();
    let junk = root.path().join("hong.db");
    fs::write(&junk, vec![7u8; 8192]).unwrap();
    for bad in [junk, root.path().join("khong-co.db")] {
        let msg = Session::backup_inspect(&bad).unwrap_err().to_string();
        assert!(
            is_vietnamese(&msg) && sqlite_english(&msg).is_none(),
            "{msg}"
        );
        assert!(!msg.contains("os error"), "{msg}");
    }
}

#[test]
fn the_command_line_lists_copies_off_the_laptop_and_restores() {
    let t = Tre::new();
    t.demo_ids("2026");
    let stick = tempfile::tempdir().unwrap();
    let usb = stick.path().to_path_buf();
    let out = t.ok(&["backup", "--folder", usb.to_str().unwrap()]);
    assert!(out.contains("đọc lại thấy đúng"), "{out}");
    let again = t.ok(&["backup", "--folder"]);
    assert!(again.contains(usb.to_str().unwrap()), "{again}");
    let list = t.ok(&["backups"]);
    assert!(
        list.contains("ngoài máy") && list.contains("hằng ngày"),
        "{list}"
    );
    assert!(list.contains("0 ngày trước"), "{list}");
    let json: serde_json::Value = serde_json::from_str(&t.ok(&["backups", "--json"])).unwrap();
    let first = json["backups"][0]["path"].as_str().unwrap().to_string();
    let restored = t.ok(&["restore", &first]);
    assert!(restored.contains("Đã khôi phục"), "{restored}");
    let missing = t.fails(&["backup"]);
    assert!(
        missing.contains("--out") && missing.contains("--folder"),
        "{missing}"
    );
}
