//! The `tre` command as a user runs it: the happy path and every kind of bad input named in
//! the issue, each with a one-line Vietnamese message and exit code 2.

use crate::common::*;

fn with_commune() -> Tre {
    let tre = Tre::new();
    tre.ok(&[
        "commune",
        "set",
        "--name",
        "Tân Lập",
        "--province",
        "Tuyên Quang",
        "--vice-chair",
        "Đỗ Minh Khoa",
    ]);
    tre
}

#[test]
fn demo_then_list_show_copy_export() {
    let tre = Tre::new();
    let ids = tre.demo_ids("2026");
    assert_eq!(ids.len(), 4);
    let list: serde_json::Value =
        serde_json::from_str(&tre.ok(&["plan", "list", "--json"])).unwrap();
    let rows = list.as_array().unwrap();
    assert_eq!(rows.len(), 4);
    for key in [
        "id", "year", "template", "doc_type", "title", "number", "updated",
    ] {
        assert!(rows[0].get(key).is_some(), "plan list --json lacks {key}");
    }
    let show: serde_json::Value =
        serde_json::from_str(&tre.ok(&["plan", "show", &ids[0], "--json"])).unwrap();
    assert_eq!(show["doc_type"], "KẾ HOẠCH");
    assert_eq!(show["date"]["year"], 2026);

    let new_id = tre.ok(&["plan", "copy", &ids[0], "--year", "2027"]);
    let copied: serde_json::Value =
        serde_json::from_str(&tre.ok(&["plan", "show", new_id.trim(), "--json"])).unwrap();
    assert_eq!(copied["date"]["year"], 2027);
    assert!(
        copied["number"].is_null(),
        "a rolled-over plan is numbered again when signed"
    );
    let text = copied.to_string();
    assert!(
        !text.contains("2026") && text.contains("15/11/2027"),
        "{text}"
    );
    assert!(
        text.contains("03/01/2019"),
        "the cited decision keeps its date"
    );

    let txt = tre.ok(&["export", "plan", &ids[0], "--format", "txt"]);
    assert!(
        txt.contains("Số: 15/KH-UBND") && txt.contains("Minh Hòa, ngày 08 tháng 4 năm 2026"),
        "{txt}"
    );
    let json_path = tre.path("p.json");
    tre.ok(&[
        "export",
        "plan",
        &ids[0],
        "--format",
        "json",
        "--out",
        json_path.to_str().unwrap(),
    ]);
    let exported: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&json_path).unwrap()).unwrap();
    assert_eq!(exported["symbol"], "KH-UBND");
}

#[test]
fn demo_refuses_to_overwrite_a_real_commune() {
    let tre = with_commune();
    let err = tre.fails(&["demo"]);
    assert!(err.contains("Tân Lập") && err.contains("--db"), "{err}");
    assert!(tre.ok(&["commune", "show"]).contains("xã Tân Lập"));
}

#[test]
fn a_damaged_file_says_which_command_restores_it() {
    let tre = Tre::new();
    std::fs::write(&tre.db, vec![0x5a; 8192]).unwrap();
    let err = tre.fails(&["plan", "list"]);
    assert!(
        err.contains("bị hỏng") && err.contains("`tre restore"),
        "{err}"
    );
}

#[test]
fn plan_set_number_and_date() {
    let tre = with_commune();
    let id = tre.ok(&["plan", "new", "--year", "2027", "--template", "qd06"]);
    let id = id.trim();
    tre.ok(&["plan", "set", id, "--number", "7", "--date", "05/02/2027"]);
    let txt = tre.ok(&["export", "plan", id, "--format", "txt"]);
    assert!(
        txt.contains("Số: 07/KH-UBND") && txt.contains("Tân Lập, ngày 05 tháng 02 năm 2027"),
        "{txt}"
    );
    tre.ok(&["plan", "set", id, "--number", "", "--date", "4/2027"]);
    let txt = tre.ok(&["export", "plan", id, "--format", "txt"]);
    assert!(
        txt.contains("Số:      /KH-UBND") && txt.contains("ngày      tháng 4 năm 2027"),
        "{txt}"
    );
}

#[test]
fn bad_input_gets_one_vietnamese_line_and_exit_2() {
    let tre = with_commune();
    let id = tre.ok(&["plan", "new", "--year", "2027", "--template", "qd06"]);
    let id = id.trim();
    let before = tre.ok(&["plan", "show", id, "--json"]);

    assert!(tre
        .fails(&["plan", "show", "999"])
        .contains("Không tìm thấy kế hoạch số 999"));
    assert!(tre
        .fails(&["export", "plan", "999", "--format", "pdf", "--out", "x.pdf"])
        .contains("999"));
    assert!(tre
        .fails(&["plan", "set", id, "--date", "31/02/2027"])
        .contains("không có trong lịch"));
    assert!(tre
        .fails(&["plan", "set", id, "--date", "hôm qua"])
        .contains("ngày/tháng/năm"));
    assert!(tre
        .fails(&["plan", "new", "--year", "20266", "--template", "qd06"])
        .contains("20266"));
    assert!(tre
        .fails(&["plan", "set", id, "--title", "  "])
        .contains("Thiếu trích yếu"));
    assert!(tre
        .fails(&["plan", "new", "--year", "2027", "--template", "nope"])
        .contains("không hợp lệ"));
    assert!(tre.fails(&["plan", "frobnicate"]).contains("tre --help"));
    // Nothing half-written: the plan is exactly as before the refused edits.
    assert_eq!(tre.ok(&["plan", "show", id, "--json"]), before);
}

#[test]
fn empty_database_asks_for_the_commune_first() {
    let tre = Tre::new();
    assert!(tre
        .fails(&["plan", "new", "--year", "2027", "--template", "qd06"])
        .contains("tre commune set"));
    assert!(tre
        .fails(&["commune", "set", "--name", "Tân Lập"])
        .contains("--province"));
}

#[test]
fn corrupt_and_newer_databases_are_refused_untouched() {
    use sha2::{Digest, Sha256};
    let tre = Tre::new();
    std::fs::write(&tre.db, vec![0x5a; 8192]).unwrap();
    let hash = Sha256::digest(std::fs::read(&tre.db).unwrap());
    let err = tre.fails(&["plan", "list"]);
    assert!(
        err.contains("bị hỏng") && err.contains("tre restore"),
        "{err}"
    );
    assert_eq!(Sha256::digest(std::fs::read(&tre.db).unwrap()), hash);

    let newer = Tre::new();
    newer.ok(&["plan", "list"]);
    let conn = rusqlite::Connection::open(&newer.db).unwrap();
    conn.execute_batch("PRAGMA journal_mode=DELETE; PRAGMA user_version=999;")
        .unwrap();
    drop(conn);
    let hash = Sha256::digest(std::fs::read(&newer.db).unwrap());
    let err = newer.fails(&["plan", "list"]);
    assert!(err.contains("phiên bản Tre mới hơn"), "{err}");
    assert_eq!(Sha256::digest(std::fs::read(&newer.db).unwrap()), hash);
}

#[test]
fn undo_backup_and_restore_through_the_cli() {
    let tre = with_commune();
    let id = tre.ok(&["plan", "new", "--year", "2027", "--template", "program"]);
    let id = id.trim();
    tre.ok(&["plan", "set", id, "--number", "12"]);
    tre.ok(&["undo"]);
    let plan: serde_json::Value =
        serde_json::from_str(&tre.ok(&["plan", "show", id, "--json"])).unwrap();
    assert!(plan["number"].is_null(), "undo restores the blank number");

    let backup = tre.path("sao-luu.db");
    tre.ok(&["backup", "--out", backup.to_str().unwrap()]);
    let before = tre.ok(&["plan", "list", "--json"]);
    tre.ok(&["plan", "delete", id]);
    assert!(!tre
        .ok(&["plan", "list", "--json"])
        .contains(&format!("\"id\": {id}")));
    tre.ok(&["restore", backup.to_str().unwrap()]);
    assert_eq!(tre.ok(&["plan", "list", "--json"]), before);
    let junk = tre.path("junk.db");
    std::fs::write(&junk, b"not a database").unwrap();
    tre.fails(&["restore", junk.to_str().unwrap()]);
    assert_eq!(tre.ok(&["plan", "list", "--json"]), before);
}

#[test]
fn export_to_an_unwritable_place_says_so() {
    let tre = with_commune();
    let id = tre.ok(&["plan", "new", "--year", "2027", "--template", "blank"]);
    let err = tre.fails(&[
        "export",
        "plan",
        id.trim(),
        "--format",
        "txt",
        "--out",
        "/proc/tre/x.txt",
    ]);
    assert!(err.contains("/proc/tre"), "{err}");
}

#[test]
fn commune_kind_and_name_carry_the_derived_authority_line() {
    let tre = with_commune();
    let lines = |tre: &Tre| -> Vec<String> {
        let c: serde_json::Value =
            serde_json::from_str(&tre.ok(&["commune", "show", "--json"])).unwrap();
        serde_json::from_value(c["authority_lines"].clone()).unwrap()
    };
    assert_eq!(lines(&tre), ["ỦY BAN NHÂN DÂN", "XÃ TÂN LẬP"]);
    // A commune that became a ward in 2025 keeps its name: the header says so.
    tre.ok(&["commune", "set", "--kind", "phường"]);
    assert_eq!(lines(&tre), ["ỦY BAN NHÂN DÂN", "PHƯỜNG TÂN LẬP"]);
    tre.ok(&["commune", "set", "--kind", "xã", "--name", "Tân Lập Mới"]);
    assert_eq!(lines(&tre), ["ỦY BAN NHÂN DÂN", "XÃ TÂN LẬP MỚI"]);
    // A line the officer wrote differently is theirs: a new kind leaves it alone.
    tre.ok(&[
        "commune",
        "set",
        "--authority",
        "ỦY BAN NHÂN DÂN",
        "--authority",
        "XÃ TÂN LẬP (MỚI)",
    ]);
    tre.ok(&["commune", "set", "--kind", "phường"]);
    assert_eq!(lines(&tre), ["ỦY BAN NHÂN DÂN", "XÃ TÂN LẬP (MỚI)"]);
}
