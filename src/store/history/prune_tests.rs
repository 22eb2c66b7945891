//! The pruning rule on a real store with a moved clock: old days merge, undo still walks
//! back through them to the right states, recent changes stay one by one.

use chrono::NaiveDate;

use super::prune::{prune, KEEP_ALL_DAYS};
use crate::model::Plan;
use crate::store::{schema, Store};

fn date(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).unwrap()
}

fn plan(title: &str) -> Plan {
    let commune = crate::model::Commune::new("Quan Sơn", "Lạng Sơn");
    let mut p = crate::template::get("qd06")
        .unwrap()
        .instantiate(&commune, 2026)
        .unwrap();
    p.title = title.into();
    p
}

/// Moves history row `id` to `day` (the rows are written with today's clock).
fn set_day(s: &Store, id: i64, day: NaiveDate) {
    s.conn
        .execute(
            "UPDATE history SET at = ?1 WHERE id = ?2",
            rusqlite::params![format!("{}T09:00:00+07:00", day.format("%Y-%m-%d")), id],
        )
        .unwrap();
}

fn newest_id(s: &Store) -> i64 {
    s.history(1).unwrap()[0].id
}

fn open(dir: &tempfile::TempDir) -> Store {
    Store::open_with(&dir.path().join("tre.db"), schema::MIGRATIONS, date(1, 1)).unwrap()
}

#[test]
fn an_old_day_becomes_one_entry_and_undo_still_walks_back_through_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = open(&dir);
    let id = s.insert_plan("qd06", &plan("v0")).unwrap();
    set_day(&s, newest_id(&s), date(1, 2));
    // Day 3: five autosaves; day 4: two; then two recent edits.
    for (n, day) in [(1, 3), (2, 3), (3, 3), (4, 3), (5, 3), (6, 4), (7, 4)] {
        s.update_plan(id, &plan(&format!("v{n}"))).unwrap();
        set_day(&s, newest_id(&s), date(1, day));
    }
    let today = date(3, 1);
    for n in [8, 9] {
        s.update_plan(id, &plan(&format!("v{n}"))).unwrap();
        set_day(&s, newest_id(&s), today);
    }
    assert_eq!(s.history(100).unwrap().len(), 10);

    let done = prune(&mut s.conn, &s.path, today).unwrap();
    assert_eq!(done.removed, 5, "{done:?}");
    let h = s.history(100).unwrap();
    assert_eq!(h.len(), 5, "2 recent + day 4 + day 3 + the insert: {h:#?}");
    assert!(h[2].summary.contains("gộp 2 thay đổi"), "{}", h[2].summary);
    assert!(h[3].summary.contains("gộp 5 thay đổi"), "{}", h[3].summary);

    // Undo goes v9 → v8 → v7 → (day 4 undone) v5 → (day 3 undone) v0 → gone.
    for expected in ["v8", "v7", "v5", "v0"] {
        s.undo().unwrap();
        assert_eq!(s.plan(id).unwrap().plan.title, expected);
    }
    s.undo().unwrap();
    assert!(s.plan(id).is_err());
    // And redo all the way forward.
    for expected in ["v0", "v5", "v7", "v8", "v9"] {
        s.redo().unwrap();
        assert_eq!(s.plan(id).unwrap().plan.title, expected);
    }
    // A second pruning finds nothing more to do.
    let again = prune(&mut s.conn, &s.path, today).unwrap();
    assert_eq!(again.removed, 0);
}

#[test]
fn a_document_created_and_deleted_on_an_old_day_leaves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = open(&dir);
    let kept = s.insert_plan("qd06", &plan("giữ")).unwrap();
    let gone = s.insert_plan("qd06", &plan("tạm")).unwrap();
    s.update_plan(gone, &plan("tạm 2")).unwrap();
    s.delete_plan(gone).unwrap();
    for e in s.history(100).unwrap() {
        set_day(&s, e.id, date(1, 5));
    }
    let today = date(1, 5) + chrono::Duration::days(KEEP_ALL_DAYS + 1);
    prune(&mut s.conn, &s.path, today).unwrap();
    let h = s.history(100).unwrap();
    assert_eq!(h.len(), 1, "{h:#?}");
    assert_eq!(h[0].entity_id, Some(kept));
}

#[test]
fn the_last_thirty_days_are_kept_one_by_one() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = open(&dir);
    let id = s.insert_plan("qd06", &plan("v0")).unwrap();
    for n in 1..=4 {
        s.update_plan(id, &plan(&format!("v{n}"))).unwrap();
    }
    for e in s.history(100).unwrap() {
        set_day(&s, e.id, date(2, 1));
    }
    let today = date(2, 1) + chrono::Duration::days(KEEP_ALL_DAYS);
    let done = prune(&mut s.conn, &s.path, today).unwrap();
    assert_eq!(done.removed, 0);
    assert_eq!(s.history(100).unwrap().len(), 5);
}

#[test]
fn undone_changes_are_never_merged() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = open(&dir);
    let id = s.insert_plan("qd06", &plan("v0")).unwrap();
    for n in 1..=3 {
        s.update_plan(id, &plan(&format!("v{n}"))).unwrap();
    }
    s.undo().unwrap(); // v3 undone: redo must still bring it back
    for e in s.history(100).unwrap() {
        set_day(&s, e.id, date(1, 2));
    }
    prune(&mut s.conn, &s.path, date(6, 1)).unwrap();
    let h = s.history(100).unwrap();
    assert_eq!(h.len(), 2, "{h:#?}");
    assert!(h[0].undone);
    s.redo().unwrap();
    assert_eq!(s.plan(id).unwrap().plan.title, "v3");
    s.undo().unwrap();
    s.undo().unwrap();
    assert!(
        s.plan(id).is_err(),
        "the merged day began with the plan's creation"
    );
}

#[test]
fn two_thousand_autosaves_of_a_long_plan_stay_small() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = open(&dir);
    let mut p = plan("Kế hoạch");
    let id = s.insert_plan("qd06", &p).unwrap();
    let base = serde_json::to_string(&p).unwrap().len();
    for n in 0..2_000 {
        p.title = format!("Kế hoạch (lần sửa {n})");
        s.update_plan(id, &p).unwrap();
    }
    let stored: i64 = s
        .conn
        .query_row(
            "SELECT sum(length(old) + length(new)) FROM history WHERE action = 'update'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let per_edit = stored / 2_000;
    assert!(
        (per_edit as usize) < base / 10,
        "{per_edit} bytes kept per edit of a {base}-byte plan"
    );
}
