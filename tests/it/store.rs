//! The store against real files: round trips, migrations, refusing damaged or newer files
//! without changing a byte, history with undo/redo, backups and restore.

use std::fs;
use std::path::{Path, PathBuf};

use rusqlite::Connection;
use sha2::{Digest, Sha256};
use tre::model::{Commune, Deadline, DocDate, Leader, Plan, Reference, Section, Signer, Unit};
use tre::store::{Store, SCHEMA_VERSION};
use tre::Error;

// ---------------------------------------------------------------------------------------------
// Fixtures

fn commune() -> Commune {
    let mut c = Commune::new("Quan Sơn", "Lạng Sơn");
    c.leaders = vec![
        Leader {
            name: "Lường Văn Hùng".into(),
            position: "Chủ tịch".into(),
        },
        Leader {
            name: "Hoàng Đức Bình".into(),
            position: "Phó Chủ tịch".into(),
        },
    ];
    c.units = vec![
        Unit {
            name: "Trạm Y tế xã".into(),
            kind: "trạm y tế".into(),
        },
        Unit {
            name: "Trường Tiểu học Quan Sơn".into(),
            kind: "trường".into(),
        },
        Unit {
            name: "Thôn Bản Nầng".into(),
            kind: "thôn".into(),
        },
    ];
    c.recipients = vec!["TT Đảng ủy".into(), "TT HĐND xã".into(), "Lưu: VT".into()];
    c
}

fn section(label: &str, title: &str, paragraphs: &[&str], children: Vec<Section>) -> Section {
    Section {
        label: label.into(),
        title: title.into(),
        paragraphs: paragraphs.iter().map(|p| p.to_string()).collect(),
        children,
    }
}

/// A plan like the seeds: diacritics everywhere, a section tree, deadlines.
fn plan(year: i32) -> Plan {
    Plan {
        doc_type: "KẾ HOẠCH".into(),
        authority: None,
        number: None,
        symbol: "KH-UBND".into(),
        place: "Quan Sơn".into(),
        date: DocDate { day: None, month: 4, year },
        title: format!(
            "Thực hiện Quyết định số 06/QĐ-TTg ngày 03/01/2019 của Thủ tướng Chính phủ về xây dựng xã, phường, thị trấn phù hợp với trẻ em năm {year} trên địa bàn xã Quan Sơn"
        ),
        bases: vec![format!(
            "Thực hiện Kế hoạch số 23/KH-SYT ngày 15/01/{year} của Sở Y tế tỉnh Lạng Sơn về xây dựng xã phù hợp với trẻ em;"
        )],
        intro: "Ủy ban nhân dân xã Quan Sơn xây dựng Kế hoạch thực hiện như sau:".into(),
        sections: vec![
            section(
                "I",
                "MỤC ĐÍCH, YÊU CẦU",
                &[],
                vec![
                    section("1", "Mục đích", &["- Nâng cao nhận thức của gia đình, cộng đồng về quyền trẻ em."], vec![]),
                    section("2", "Yêu cầu", &["- Các ban, ngành, đoàn thể phối hợp chặt chẽ."], vec![]),
                ],
            ),
            section(
                "IV",
                "TỔ CHỨC THỰC HIỆN",
                &[],
                vec![
                    section("1", "Công chức Văn hóa - Xã hội", &["Tổng hợp hồ sơ gửi Sở Y tế."], vec![]),
                    section(
                        "3",
                        "Các thôn",
                        &[],
                        vec![section("a", "Trưởng thôn", &["Rà soát trẻ em có hoàn cảnh đặc biệt."], vec![])],
                    ),
                ],
            ),
        ],
        closing: "Trên đây là Kế hoạch thực hiện xây dựng xã phù hợp với trẻ em trên địa bàn xã Quan Sơn./.".into(),
        recipients: vec!["TT Đảng ủy".into(), "TT HĐND xã".into(), "Lưu: VT, VHXH".into()],
        signer: Signer {
            titles: vec!["KT. CHỦ TỊCH".into(), "PHÓ CHỦ TỊCH".into()],
            name: "Hoàng Đức Bình".into(),
        },
        deadlines: vec![
            Deadline {
                date: format!("{year}-11-10"),
                text: "Tổng hợp hồ sơ đánh giá gửi về UBND xã".into(),
                section: "IV.3".into(),
                unit: Some("Các thôn".into()),
            },
            Deadline {
                date: format!("{year}-11-15"),
                text: "Hoàn thiện hồ sơ gửi về Sở Y tế".into(),
                section: "IV.1".into(),
                unit: None,
            },
        ],
        events: vec![],
        references: vec![Reference {
            kind: "Quyết định".into(),
            number: "06/QĐ-TTg".into(),
            date: Some("2019-01-03".into()),
            issuer: "Thủ tướng Chính phủ".into(),
        }],
    }
}

fn sha(path: &Path) -> Vec<u8> {
    Sha256::digest(fs::read(path).unwrap()).to_vec()
}

fn wal(path: &Path) -> PathBuf {
    PathBuf::from(format!("{}-wal", path.display()))
}

fn backups(db: &Path) -> PathBuf {
    db.parent().unwrap().join("backups")
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

/// Deterministic junk (a small LCG), so a failure can be reproduced.
fn junk(len: usize, seed: u64) -> Vec<u8> {
    let mut x = seed;
    (0..len)
        .map(|_| {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (x >> 33) as u8
        })
        .collect()
}

/// A database with a commune and `n` plans, closed (so everything is in the main file).
fn filled_db(dir: &Path, n: usize) -> (PathBuf, Vec<i64>) {
    let db = dir.join("tre.db");
    let mut s = Store::open(&db).unwrap();
    s.set_commune(&commune()).unwrap();
    let ids = (0..n)
        .map(|i| s.insert_plan("qd06", &plan(2020 + (i % 7) as i32)).unwrap())
        .collect();
    (db, ids)
}

/// The commune and the number of plans in a copy, read without opening it as a Store (which
/// would write to it: WAL, its own daily backup).
fn peek(path: &Path) -> (Option<Commune>, i64) {
    let c = Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let commune: Option<String> = c
        .query_row("SELECT data FROM commune", [], |r| r.get(0))
        .ok();
    let plans: i64 = c
        .query_row("SELECT count(*) FROM plans", [], |r| r.get(0))
        .unwrap();
    (commune.map(|j| serde_json::from_str(&j).unwrap()), plans)
}

fn user_version(path: &Path) -> i64 {
    let c = Connection::open(path).unwrap();
    c.pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap()
}

// ---------------------------------------------------------------------------------------------
// Round trips and migrations

#[test]
fn commune_and_plan_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("a").join("b").join("tre.db"); // folders do not exist yet
    let p = plan(2026);
    let id = {
        let mut s = Store::open(&db).unwrap();
        assert_eq!(s.path(), db);
        assert_eq!(s.commune().unwrap(), None);
        s.set_commune(&commune()).unwrap();
        s.insert_plan("qd06", &p).unwrap()
    };
    let s = Store::open(&db).unwrap();
    assert_eq!(s.commune().unwrap(), Some(commune()));
    let stored = s.plan(id).unwrap();
    assert_eq!(stored.id, id);
    assert_eq!(stored.template, "qd06");
    assert_eq!(stored.plan, p);
    assert_eq!(
        stored.plan.title, p.title,
        "text kept exactly (NFC as given)"
    );
    for t in [&stored.created, &stored.updated] {
        let parsed = chrono::DateTime::parse_from_rfc3339(t).unwrap();
        assert_eq!(t.len(), "2026-03-02T08:15:00+07:00".len(), "{t}");
        assert_eq!(
            parsed.to_rfc3339_opts(chrono::SecondsFormat::Secs, false),
            *t
        );
    }
}

#[test]
fn plan_list_is_ordered_and_shaped_like_the_cli_contract() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(&dir.path().join("tre.db")).unwrap();
    let a = s.insert_plan("qd06", &plan(2025)).unwrap();
    let mut numbered = plan(2026);
    numbered.number = Some("09".into());
    let b = s.insert_plan("program", &numbered).unwrap();
    let c = s.insert_plan("blank", &plan(2026)).unwrap();

    let all = s.plans(None).unwrap();
    assert_eq!(all.iter().map(|p| p.id).collect::<Vec<_>>(), [b, c, a]);
    assert_eq!(s.plans(Some(2026)).unwrap().len(), 2);
    assert_eq!(s.plans(Some(2024)).unwrap(), []);

    let json = serde_json::to_value(&all[0]).unwrap();
    let keys: Vec<&String> = json.as_object().unwrap().keys().collect();
    let mut expected = [
        "id", "year", "template", "doc_type", "title", "number", "updated",
    ];
    expected.sort();
    let mut keys: Vec<&str> = keys.into_iter().map(|k| k.as_str()).collect();
    keys.sort();
    assert_eq!(keys, expected);
    assert_eq!(json["year"], 2026);
    assert_eq!(json["template"], "program");
    assert_eq!(json["doc_type"], "KẾ HOẠCH");
    assert_eq!(json["number"], "09");
    assert_eq!(
        serde_json::to_value(&all[1]).unwrap()["number"],
        serde_json::Value::Null
    );
}

#[test]
fn a_new_path_and_an_empty_file_are_fresh_databases() {
    let dir = tempfile::tempdir().unwrap();
    let new_path = dir.path().join("moi").join("tre.db");
    let empty = dir.path().join("rong.db");
    fs::write(&empty, b"").unwrap();
    for db in [&new_path, &empty] {
        let s = Store::open(db).unwrap();
        assert!(s.warnings().is_empty(), "{:?}", s.warnings());
        assert_eq!(s.commune().unwrap(), None);
        assert_eq!(s.plans(None).unwrap(), []);
        assert_eq!(s.history(10).unwrap(), []);
        drop(s);
        assert_eq!(user_version(db), SCHEMA_VERSION);
        // Nothing to protect yet: no backup of an empty database.
        assert!(files_in(&backups(db)).is_empty());
    }
}

// ---------------------------------------------------------------------------------------------
// Refusing files without changing them

#[test]
fn a_database_from_a_newer_tre_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("tre.db");
    {
        let c = Connection::open(&db).unwrap();
        c.execute_batch("CREATE TABLE plans (x); INSERT INTO plans VALUES ('dữ liệu tương lai'); PRAGMA user_version = 999;")
            .unwrap();
    }
    let before = sha(&db);
    let err = Store::open(&db).err().expect("must be refused");
    match &err {
        Error::NewerDatabase {
            path,
            found,
            supported,
        } => {
            assert_eq!(path, &db);
            assert_eq!(*found, 999);
            assert_eq!(*supported, SCHEMA_VERSION);
        }
        other => panic!("expected NewerDatabase, got {other:?}"),
    }
    assert_eq!(err.code(), "db-newer");
    assert!(err.to_string().contains("phiên bản Tre mới hơn"), "{err}");
    assert!(err.to_string().contains("Hãy cập nhật Tre"), "{err}");
    assert_eq!(sha(&db), before);
    assert!(!wal(&db).exists(), "no switch to WAL");
    assert!(!backups(&db).exists(), "no backup written");
}

fn assert_corrupt_and_untouched(db: &Path) {
    let before = sha(db);
    let err = Store::open(db).err().expect("must be refused");
    assert!(matches!(err, Error::CorruptDatabase { .. }), "{err:?}");
    assert_eq!(err.code(), "db-corrupt");
    let msg = err.to_string();
    assert!(
        msg.contains("bị hỏng") && msg.contains("khôi phục từ một bản sao lưu"),
        "{msg}"
    );
    assert_eq!(sha(db), before, "file changed");
    assert!(!wal(db).exists());
}

#[test]
fn junk_bytes_are_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("tre.db");
    fs::write(&db, junk(4096, 7)).unwrap();
    assert_corrupt_and_untouched(&db);
}

#[test]
fn a_damaged_database_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let (db, _) = filled_db(dir.path(), 40);
    // Overwrite the whole root page of the plans: a table read at every open. (A page of the
    // history, checked once a day, is the daily check's to find: store::backup tests.)
    let root: usize = Connection::open_with_flags(&db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
        .unwrap()
        .query_row(
            "SELECT rootpage FROM sqlite_master WHERE type = 'table' AND name = 'plans'",
            [],
            |r| r.get::<_, i64>(0),
        )
        .unwrap() as usize;
    let mut bytes = fs::read(&db).unwrap();
    let page = 4096;
    let pages = bytes.len() / page;
    assert!(
        pages >= 5 && root > 1 && root <= pages,
        "root {root} of {pages} pages"
    );
    let at = (root - 1) * page;
    bytes[at..at + page].copy_from_slice(&junk(page, 11));
    fs::write(&db, &bytes).unwrap();
    assert_corrupt_and_untouched(&db);
}

#[test]
fn another_programs_database_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("khac.db");
    Connection::open(&db)
        .unwrap()
        .execute_batch("CREATE TABLE users (name TEXT);")
        .unwrap();
    let before = sha(&db);
    let err = Store::open(&db).err().expect("must be refused");
    assert_eq!(err.code(), "db-corrupt");
    assert!(err.to_string().contains("chương trình khác"), "{err}");
    assert_eq!(sha(&db), before);
}

// ---------------------------------------------------------------------------------------------
// History, undo, redo

#[test]
fn undo_and_redo_insert_update_delete() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(&dir.path().join("tre.db")).unwrap();
    let e = s.undo().unwrap_err();
    assert_eq!(e.code(), "nothing-to-undo");
    assert!(e.to_string().contains("Không có thao tác nào để hoàn tác"));
    assert_eq!(s.redo().unwrap_err().code(), "nothing-to-redo");

    // Insert.
    let original = plan(2026);
    let id = s.insert_plan("qd06", &original).unwrap();
    let created = s.plan(id).unwrap().created;
    let undone = s.undo().unwrap();
    assert_eq!(
        (undone.action.as_str(), undone.entity_id, undone.undone),
        ("insert", Some(id), true)
    );
    assert!(matches!(s.plan(id), Err(Error::PlanNotFound(x)) if x == id));
    let redone = s.redo().unwrap();
    assert!(!redone.undone);
    let back = s.plan(id).unwrap();
    assert_eq!(
        (back.plan, back.created),
        (original.clone(), created.clone())
    );

    // Update.
    let mut edited = original.clone();
    edited.title = "Kế hoạch đã sửa: tuyên truyền phòng, chống đuối nước cho trẻ em".into();
    edited.sections[0].children[0]
        .paragraphs
        .push("- Thêm một đoạn mới.".into());
    s.update_plan(id, &edited).unwrap();
    s.undo().unwrap();
    assert_eq!(s.plan(id).unwrap().plan, original);
    assert_eq!(
        s.plans(None).unwrap()[0].title,
        original.title,
        "list columns follow"
    );
    s.redo().unwrap();
    assert_eq!(s.plan(id).unwrap().plan, edited);
    assert_eq!(s.plans(None).unwrap()[0].title, edited.title);

    // Delete: undo brings it back with the same id and creation time.
    s.delete_plan(id).unwrap();
    assert!(s.plan(id).is_err());
    s.undo().unwrap();
    let back = s.plan(id).unwrap();
    assert_eq!(
        (back.id, back.plan, back.template, back.created),
        (id, edited.clone(), "qd06".into(), created)
    );
    s.redo().unwrap();
    assert!(s.plan(id).is_err());

    // Several undos in a row walk back in order; a new change forgets what was undone.
    s.undo().unwrap(); // delete
    s.undo().unwrap(); // update
    assert_eq!(s.plan(id).unwrap().plan, original);
    let other = s.insert_plan("blank", &plan(2027)).unwrap();
    assert_ne!(other, id);
    assert_eq!(s.redo().unwrap_err().code(), "nothing-to-redo");
    assert!(s.history(100).unwrap().iter().all(|h| !h.undone));

    // The commune too.
    s.set_commune(&commune()).unwrap();
    let mut renamed = commune();
    renamed.superior = "UBND huyện Hữu Lũng".into();
    s.set_commune(&renamed).unwrap();
    s.undo().unwrap();
    assert_eq!(s.commune().unwrap(), Some(commune()));
    s.undo().unwrap();
    assert_eq!(s.commune().unwrap(), None);
    s.redo().unwrap();
    s.redo().unwrap();
    assert_eq!(s.commune().unwrap(), Some(renamed));
}

#[test]
fn history_records_every_change_newest_first() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("tre.db");
    let mut s = Store::open(&db).unwrap();
    s.set_commune(&commune()).unwrap();
    let id = s.insert_plan("qd06", &plan(2026)).unwrap();
    let mut edited = plan(2026);
    edited.number = Some("57".into());
    s.update_plan(id, &edited).unwrap();
    s.update_plan(id, &edited).unwrap(); // unchanged: not a change
    s.delete_plan(id).unwrap();
    s.undo().unwrap();

    let h = s.history(10).unwrap();
    let actions: Vec<(&str, Option<i64>, &str, bool)> = h
        .iter()
        .map(|e| (e.entity.as_str(), e.entity_id, e.action.as_str(), e.undone))
        .collect();
    assert_eq!(
        actions,
        [
            ("plan", Some(id), "delete", true),
            ("plan", Some(id), "update", false),
            ("plan", Some(id), "insert", false),
            ("commune", None, "insert", false),
        ]
    );
    assert!(
        h[0].summary.starts_with(&format!("Xóa kế hoạch số {id}")),
        "{}",
        h[0].summary
    );
    assert!(
        h[1].summary.starts_with(&format!("Sửa kế hoạch số {id}")),
        "{}",
        h[1].summary
    );
    assert!(
        h[2].summary.starts_with(&format!("Tạo kế hoạch số {id}")),
        "{}",
        h[2].summary
    );
    assert_eq!(h[3].summary, "Nhập thông tin xã Quan Sơn");
    assert!(h.windows(2).all(|w| w[0].id > w[1].id));
    for e in &h {
        chrono::DateTime::parse_from_rfc3339(&e.at).unwrap();
    }
    assert_eq!(s.history(2).unwrap(), h[..2]);
    let json = serde_json::to_value(&h[3]).unwrap();
    assert_eq!(json["entity_id"], serde_json::Value::Null);
    assert_eq!(json["undone"], false);

    // History survives reopening.
    drop(s);
    assert_eq!(Store::open(&db).unwrap().history(10).unwrap(), h);
}

// ---------------------------------------------------------------------------------------------
// Errors that write nothing

#[test]
fn a_missing_plan_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(&dir.path().join("tre.db")).unwrap();
    let e = s.plan(999).unwrap_err();
    assert!(matches!(e, Error::PlanNotFound(999)));
    assert!(
        e.to_string().contains("Không tìm thấy kế hoạch số 999"),
        "{e}"
    );
    assert!(matches!(
        s.update_plan(999, &plan(2026)),
        Err(Error::PlanNotFound(999))
    ));
    assert!(matches!(s.delete_plan(999), Err(Error::PlanNotFound(999))));
    assert_eq!(s.history(10).unwrap(), []);
}

#[test]
fn invalid_data_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(&dir.path().join("tre.db")).unwrap();
    let mut bad = plan(2026);
    bad.date = DocDate {
        day: Some(31),
        month: 2,
        year: 2026,
    };
    let e = s.insert_plan("qd06", &bad).unwrap_err();
    assert_eq!(e.code(), "invalid");
    assert!(e.to_string().contains("không có trong lịch"), "{e}");
    assert_eq!(s.plans(None).unwrap(), []);
    assert_eq!(s.history(10).unwrap(), []);

    let id = s.insert_plan("qd06", &plan(2026)).unwrap();
    let mut bad_deadline = plan(2026);
    bad_deadline.deadlines[0].date = "31/02/2026".into();
    assert_eq!(
        s.update_plan(id, &bad_deadline).unwrap_err().code(),
        "invalid"
    );
    assert_eq!(s.update_plan(id, &bad).unwrap_err().code(), "invalid");
    assert_eq!(s.plan(id).unwrap().plan, plan(2026));
    assert_eq!(s.history(10).unwrap().len(), 1);

    assert_eq!(
        s.insert_plan("  ", &plan(2026)).unwrap_err().code(),
        "invalid"
    );

    let mut nameless = commune();
    nameless.name = " ".into();
    let e = s.set_commune(&nameless).unwrap_err();
    assert!(e.to_string().contains("Thiếu tên xã"), "{e}");
    assert_eq!(s.commune().unwrap(), None);
    assert_eq!(s.history(10).unwrap().len(), 1);
}

// ---------------------------------------------------------------------------------------------
// Backups and restore

#[test]
fn backup_then_restore_gives_the_same_data() {
    let dir = tempfile::tempdir().unwrap();
    let (db, ids) = filled_db(dir.path(), 3);
    let copy = dir.path().join("usb").join("sao-luu.db");
    let (plans_before, commune_before, history_before) = {
        let s = Store::open(&db).unwrap();
        s.backup_to(&copy).unwrap();
        let plans: Vec<_> = ids.iter().map(|id| s.plan(*id).unwrap()).collect();
        (plans, s.commune().unwrap(), s.history(100).unwrap())
    };
    // Change things after the backup.
    {
        let mut s = Store::open(&db).unwrap();
        s.delete_plan(ids[0]).unwrap();
        let mut c = commune();
        c.name = "Tân Thành".into();
        s.set_commune(&c).unwrap();
        s.insert_plan("blank", &plan(2030)).unwrap();
    }
    Store::restore(&db, &copy).unwrap();

    let s = Store::open(&db).unwrap();
    assert_eq!(s.commune().unwrap(), commune_before);
    assert_eq!(s.plans(None).unwrap().len(), 3);
    for p in &plans_before {
        assert_eq!(&s.plan(p.id).unwrap(), p);
    }
    assert_eq!(s.history(100).unwrap(), history_before);

    // The content replaced by the restore was kept.
    let kept: Vec<String> = files_in(&backups(&db))
        .into_iter()
        .filter(|n| n.starts_with("tre-before-restore-"))
        .collect();
    assert_eq!(kept.len(), 1, "{:?}", files_in(&backups(&db)));
    let (kept_commune, kept_plans) = peek(&backups(&db).join(&kept[0]));
    assert_eq!(kept_commune.unwrap().name, "Tân Thành");
    assert_eq!(kept_plans, 3);
}

#[test]
fn restoring_a_junk_file_is_refused_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (db, _) = filled_db(dir.path(), 2);
    let before = sha(&db);
    let backups_before = files_in(&backups(&db));
    let not_a_backup = dir.path().join("anh.jpg");
    fs::write(&not_a_backup, junk(8192, 3)).unwrap();
    let empty = dir.path().join("rong.db");
    fs::write(&empty, b"").unwrap();
    let foreign = dir.path().join("khac.db");
    Connection::open(&foreign)
        .unwrap()
        .execute_batch("CREATE TABLE t (x);")
        .unwrap();

    for bad in [&not_a_backup, &empty, &foreign] {
        let e = Store::restore(&db, bad).unwrap_err();
        assert_eq!(e.code(), "backup-invalid", "{bad:?}: {e:?}");
        assert!(
            e.to_string()
                .contains("không phải bản sao lưu hợp lệ của Tre"),
            "{e}"
        );
    }
    let missing = Store::restore(&db, &dir.path().join("khong-co.db")).unwrap_err();
    assert_eq!(missing.code(), "io");
    assert!(missing.to_string().contains("khong-co.db"), "{missing}");
    let itself = Store::restore(&db, &db).unwrap_err();
    assert_eq!(itself.code(), "invalid");

    assert_eq!(sha(&db), before);
    assert_eq!(
        files_in(&backups(&db)),
        backups_before,
        "no pre-restore copy for a refused restore"
    );
}

#[test]
fn a_backup_from_a_newer_tre_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (db, _) = filled_db(dir.path(), 1);
    let newer = dir.path().join("moi.db");
    Store::open(&db).unwrap().backup_to(&newer).unwrap();
    Connection::open(&newer)
        .unwrap()
        .pragma_update(None, "user_version", 999)
        .unwrap();
    let before = sha(&db);
    assert_eq!(Store::restore(&db, &newer).unwrap_err().code(), "db-newer");
    assert_eq!(sha(&db), before);
}

#[test]
fn restore_repairs_a_damaged_or_missing_database() {
    let dir = tempfile::tempdir().unwrap();
    let (db, ids) = filled_db(dir.path(), 2);
    let copy = dir.path().join("copy.db");
    Store::open(&db).unwrap().backup_to(&copy).unwrap();

    let damaged = junk(4096, 5);
    fs::write(&db, &damaged).unwrap();
    assert!(Store::open(&db).is_err());
    Store::restore(&db, &copy).unwrap();
    let s = Store::open(&db).unwrap();
    assert_eq!(
        s.plans(None)
            .unwrap()
            .iter()
            .map(|p| p.id)
            .collect::<Vec<_>>()
            .len(),
        ids.len()
    );
    drop(s);
    // The damaged bytes were kept, byte for byte.
    let kept: Vec<String> = files_in(&backups(&db))
        .into_iter()
        .filter(|n| n.starts_with("tre-before-restore-"))
        .collect();
    assert_eq!(kept.len(), 1);
    assert_eq!(fs::read(backups(&db).join(&kept[0])).unwrap(), damaged);

    // Restoring over an empty file (nothing to keep) and to a path with no database yet.
    let empty = dir.path().join("rong.db");
    fs::write(&empty, b"").unwrap();
    Store::restore(&empty, &copy).unwrap();
    assert_eq!(
        Store::open(&empty).unwrap().plans(None).unwrap().len(),
        ids.len()
    );
    let elsewhere = dir.path().join("may-moi").join("tre.db");
    Store::restore(&elsewhere, &copy).unwrap();
    assert_eq!(
        Store::open(&elsewhere).unwrap().commune().unwrap(),
        Some(commune())
    );
}

#[test]
fn restore_reaches_a_store_that_is_still_open() {
    let dir = tempfile::tempdir().unwrap();
    let (db, _) = filled_db(dir.path(), 2);
    let copy = dir.path().join("copy.db");
    let mut s = Store::open(&db).unwrap();
    s.backup_to(&copy).unwrap();
    s.insert_plan("blank", &plan(2031)).unwrap();
    assert_eq!(s.plans(None).unwrap().len(), 3);
    Store::restore(&db, &copy).unwrap();
    assert_eq!(
        s.plans(None).unwrap().len(),
        2,
        "the open store sees the restored content"
    );
}

#[test]
fn backup_onto_the_database_itself_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (db, _) = filled_db(dir.path(), 1);
    let s = Store::open(&db).unwrap();
    assert_eq!(s.backup_to(&db).unwrap_err().code(), "invalid");
    assert_eq!(s.plans(None).unwrap().len(), 1);
}

#[test]
fn daily_backup_on_open_keeps_seven() {
    let dir = tempfile::tempdir().unwrap();
    let (db, _) = filled_db(dir.path(), 1);
    let dir_b = backups(&db);
    // Old daily copies from earlier days, and one pre-migration copy that rotation must not touch.
    fs::create_dir_all(&dir_b).unwrap();
    for day in 1..=9 {
        fs::write(dir_b.join(format!("tre-2020-01-{day:02}.db")), b"old").unwrap();
    }
    fs::write(dir_b.join("tre-before-v1-20200101-000000.db"), b"old").unwrap();

    let s = Store::open(&db).unwrap();
    assert!(s.warnings().is_empty(), "{:?}", s.warnings());
    let today = format!("tre-{}.db", chrono::Local::now().format("%Y-%m-%d"));
    let files = files_in(&dir_b);
    assert!(files.contains(&today), "{files:?}");
    let daily: Vec<&String> = files
        .iter()
        .filter(|n| !n.starts_with("tre-before-"))
        .collect();
    assert_eq!(daily.len(), 7, "{files:?}");
    assert!(!files.contains(&"tre-2020-01-03.db".to_string()));
    assert!(files.contains(&"tre-2020-01-04.db".to_string()));
    assert!(files.contains(&"tre-before-v1-20200101-000000.db".to_string()));

    // Today's copy is a whole Tre database with the data.
    assert_eq!(peek(&dir_b.join(&today)), (Some(commune()), 1));
}

// ---------------------------------------------------------------------------------------------
// The error contract the UI relies on

#[test]
fn store_errors_have_distinct_codes_and_say_what_to_do() {
    let p = PathBuf::from("/du-lieu/tre.db");
    let errors = [
        Error::PlanNotFound(3),
        Error::NewerDatabase {
            path: p.clone(),
            found: 9,
            supported: 1,
        },
        Error::CorruptDatabase {
            path: p.clone(),
            detail: "x".into(),
        },
        Error::DiskFull { path: p.clone() },
        Error::Io {
            path: p.clone(),
            detail: "x".into(),
        },
        Error::Database("x".into()),
        Error::DatabaseBusy { path: p.clone() },
        Error::InvalidBackup {
            path: p.clone(),
            detail: "x".into(),
        },
        Error::NoDataDir,
    ];
    let mut codes: Vec<&str> = errors.iter().map(|e| e.code()).collect();
    codes.sort();
    codes.dedup();
    assert_eq!(codes.len(), errors.len());
    for e in &errors {
        let msg = e.to_string();
        assert!(!msg.contains('\n'), "one line: {msg}");
        assert!(
            msg.contains("Hãy") || msg.contains("hãy"),
            "says what to do: {msg}"
        );
    }
    assert!(Error::DatabaseBusy { path: p }
        .to_string()
        .contains("đang được một chương trình Tre khác"));
}
