//! Unit tests of the open sequence that need a fake clock or an extra migration
//! (the public behaviour is tested in tests/it/store.rs).

use super::*;
use crate::model::Commune;
use chrono::NaiveDate;

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, d).unwrap()
}

fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.map(|e| e.unwrap().file_name().into_string().unwrap())
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

fn version(path: &Path) -> i64 {
    let c = Connection::open(path).unwrap();
    c.pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap()
}

#[test]
fn daily_backup_once_a_day_and_only_with_data() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("tre.db");
    let backups = dir.path().join("backups");
    let mut s = Store::open_with(&db, schema::MIGRATIONS, day(1)).unwrap();
    assert!(
        names(&backups).is_empty(),
        "nothing to protect in a new file"
    );
    s.set_commune(&Commune::new("Quan Sơn", "Lạng Sơn"))
        .unwrap();
    drop(s);
    for d in 2..=10 {
        let s = Store::open_with(&db, schema::MIGRATIONS, day(d)).unwrap();
        assert!(s.warnings().is_empty(), "{:?}", s.warnings());
        // A second open the same day does not take another copy.
        drop(s);
        Store::open_with(&db, schema::MIGRATIONS, day(d)).unwrap();
    }
    assert_eq!(
        names(&backups),
        (4..=10)
            .map(|d| format!("tre-2026-01-{d:02}.db"))
            .collect::<Vec<_>>()
    );
    // The copy is a readable Tre database.
    assert_eq!(version(&backups.join("tre-2026-01-10.db")), SCHEMA_VERSION);
}

#[test]
fn migrating_existing_data_takes_a_copy_first() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("tre.db");
    let mut s = Store::open_with(&db, schema::MIGRATIONS, day(1)).unwrap();
    s.set_commune(&Commune::new("Quan Sơn", "Lạng Sơn"))
        .unwrap();
    drop(s);

    let mut v2: Vec<&str> = schema::MIGRATIONS.to_vec();
    v2.push("CREATE TABLE extra (x TEXT);");
    let target = v2.len() as i64;
    let s = Store::open_with(&db, &v2, day(1)).unwrap();
    assert_eq!(s.commune().unwrap().unwrap().name, "Quan Sơn");
    drop(s);
    assert_eq!(version(&db), target);

    let backups = dir.path().join("backups");
    let pre: Vec<String> = names(&backups)
        .into_iter()
        .filter(|n| n.starts_with(&format!("tre-before-v{target}-")))
        .collect();
    assert_eq!(pre.len(), 1, "{:?}", names(&backups));
    assert_eq!(
        version(&backups.join(&pre[0])),
        target - 1,
        "the copy is the old version"
    );

    // Opening again: nothing pending, no new pre-migration copy.
    Store::open_with(&db, &v2, day(1)).unwrap();
    assert_eq!(
        names(&backups)
            .iter()
            .filter(|n| n.starts_with("tre-before-v"))
            .count(),
        1
    );
}

#[test]
fn a_failed_daily_backup_does_not_stop_the_open() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("tre.db");
    let mut s = Store::open_with(&db, schema::MIGRATIONS, day(1)).unwrap();
    s.set_commune(&Commune::new("Quan Sơn", "Lạng Sơn"))
        .unwrap();
    drop(s);
    std::fs::write(
        dir.path().join("backups"),
        b"a file where the folder should be",
    )
    .unwrap();
    let s = Store::open_with(&db, schema::MIGRATIONS, day(2)).unwrap();
    assert_eq!(s.warnings().len(), 1);
    assert!(s.warnings()[0].contains("sao lưu"), "{}", s.warnings()[0]);
    assert!(s.commune().unwrap().is_some());
}

/// A small realistic plan for the write-failure tests.
fn plan() -> crate::model::Plan {
    serde_json::from_value(serde_json::json!({
        "doc_type": "KẾ HOẠCH", "symbol": "KH-UBND", "place": "Quan Sơn",
        "date": {"day": null, "month": 4, "year": 2026},
        "title": "Thực hiện xây dựng xã phù hợp với trẻ em năm 2026",
        "signer": {"titles": ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"], "name": "Hoàng Đức Bình"}
    }))
    .unwrap()
}

#[test]
fn a_full_disk_is_reported_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("tre.db");
    let mut s = Store::open_with(&db, schema::MIGRATIONS, day(1)).unwrap();
    s.insert_plan("qd06", &plan()).unwrap();
    // SQLite reports SQLITE_FULL once the file may not grow: a full disk without filling one.
    let pages: i64 = s
        .conn
        .pragma_query_value(None, "page_count", |r| r.get(0))
        .unwrap();
    s.conn.pragma_update(None, "max_page_count", pages).unwrap();
    let mut big = plan();
    big.intro = "Ủy ban nhân dân xã Quan Sơn xây dựng Kế hoạch như sau. ".repeat(2000);
    let e = s.insert_plan("qd06", &big).unwrap_err();
    assert_eq!(e.code(), "disk-full", "{e:?}");
    assert!(
        e.to_string().contains("Không còn chỗ trống trên ổ đĩa"),
        "{e}"
    );
    assert!(e.to_string().contains("tre.db"), "{e}");
    assert_eq!(s.plans(None).unwrap().len(), 1);
    assert_eq!(s.history(10).unwrap().len(), 1);
}

#[test]
fn another_writer_gives_a_busy_error_then_writes_go_through() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("tre.db");
    let mut s = Store::open_with(&db, schema::MIGRATIONS, day(1)).unwrap();
    s.conn.busy_timeout(Duration::from_millis(50)).unwrap();
    let other = Connection::open(&db).unwrap();
    other.execute_batch("BEGIN IMMEDIATE").unwrap();
    let e = s.insert_plan("qd06", &plan()).unwrap_err();
    assert_eq!(e.code(), "db-busy", "{e:?}");
    assert!(e.to_string().contains("Hãy đóng cửa sổ Tre còn lại"), "{e}");
    other.execute_batch("ROLLBACK").unwrap();
    assert_eq!(s.plans(None).unwrap().len(), 0);
    s.insert_plan("qd06", &plan()).unwrap();
}

#[test]
fn a_version_1_file_keeps_its_history_through_the_assessment_migration() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("tre.db");
    {
        // What Tre 1 wrote: the profile, and its two history rows as whole snapshots.
        drop(Store::open_with(&db, &schema::MIGRATIONS[..1], day(1)).unwrap());
        let first = serde_json::to_string(&Commune::new("Quan Sơn", "Lạng Sơn")).unwrap();
        let mut c = Commune::new("Quan Sơn", "Lạng Sơn");
        c.place = "Quan Sơn, Lạng Sơn".into();
        let second = serde_json::to_string(&c).unwrap();
        let conn = Connection::open(&db).unwrap();
        conn.execute(
            "INSERT INTO commune (id, data, updated) VALUES (1, ?1, '2026-01-01T08:00:00+07:00')",
            [&second],
        )
        .unwrap();
        conn.execute(
            "INSERT INTO history (at, entity, entity_id, action, old, new, summary) VALUES
             ('2026-01-01T08:00:00+07:00', 'commune', NULL, 'insert', NULL, ?1, 'Nhập'),
             ('2026-01-01T08:01:00+07:00', 'commune', NULL, 'update', ?1, ?2, 'Sửa')",
            [&first, &second],
        )
        .unwrap();
    }
    assert_eq!(version(&db), 1);
    let mut s = Store::open_with(&db, schema::MIGRATIONS, day(2)).unwrap();
    assert_eq!(version(&db), schema::SCHEMA_VERSION);
    assert_eq!(
        s.history(10).unwrap().len(),
        2,
        "history rows were carried over"
    );
    // The rebuilt table accepts the new entity and still undoes the old rows.
    let mut a = crate::assess::Assessment::new(2026);
    a.meeting.place = "Hội trường UBND xã".into();
    s.save_assessment(&a, "họp").unwrap();
    let h = s.history(10).unwrap();
    assert_eq!(h[0].entity, "assessment");
    assert_eq!(h[0].entity_id, Some(2026));
    s.undo().unwrap();
    assert!(s.assessment(2026).unwrap().is_none());
    s.undo().unwrap();
    assert_eq!(s.commune().unwrap().unwrap().place, "Quan Sơn");
    // New history rows never reuse an old id (AUTOINCREMENT survived the rebuild).
    s.save_assessment(&a, "họp").unwrap();
    let ids: Vec<i64> = s.history(10).unwrap().iter().map(|e| e.id).collect();
    assert!(ids[0] > ids[1], "{ids:?}");
}
