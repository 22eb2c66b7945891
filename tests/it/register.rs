//! The document register (`tre register`), as the officer uses it: the year's documents and
//! their states, a number and date recorded as the văn thư gives them, a sending recorded,
//! a mistake undone; and the bad cases, each refused with nothing saved.

use crate::common::*;

fn list(tre: &Tre) -> Vec<serde_json::Value> {
    let out = tre.ok(&["register", "list", "--year", "2026", "--json"]);
    serde_json::from_str::<serde_json::Value>(&out)
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

fn entry(tre: &Tre, key: &str) -> serde_json::Value {
    list(tre)
        .into_iter()
        .find(|e| e["key"] == key)
        .unwrap_or_else(|| panic!("{key} not in the register"))
}

#[test]
fn the_register_lists_plans_and_assessment_documents_with_their_states() {
    let tre = Tre::new();
    let ids = tre.demo_ids("2026");
    let entries = list(&tre);
    let keys: Vec<&str> = entries.iter().map(|e| e["key"].as_str().unwrap()).collect();
    let mut expected: Vec<String> = ids.iter().map(|id| format!("plan:{id}")).collect();
    expected.extend(
        ["report-6m", "minutes", "notice", "report", "proposal"]
            .map(|k| format!("assessment:2026:{k}")),
    );
    assert_eq!(keys, expected);
    // The demo's qd06 plan is numbered and dated: signed. The others are drafts.
    let first = &entries[0];
    assert_eq!(
        (first["state"].as_str(), first["number_line"].as_str()),
        (Some("signed"), Some("15/KH-UBND"))
    );
    assert_eq!(first["state_label"], "Đã ký");
    assert!(entries[1..]
        .iter()
        .all(|e| e["state"] == "draft" && e["state_label"] == "Dự thảo"));
    assert_eq!(
        entries[7]["title"],
        "Kết quả thực hiện xây dựng xã phù hợp với trẻ em năm 2026"
    );
    assert_eq!(entries[4]["doc_type"], "BÁO CÁO");
}

#[test]
fn signing_writes_the_number_where_the_document_keeps_it_and_sending_follows() {
    let tre = Tre::new();
    let ids = tre.demo_ids("2026");
    let key = format!("plan:{}", ids[1]);
    // A draft cannot be recorded as sent.
    let e = tre.fails(&[
        "register",
        "send",
        &key,
        "--to",
        "Sở Y tế tỉnh Phú Thọ",
        "--how",
        "email",
    ]);
    assert!(e.contains("chưa có số và ngày ký"), "{e}");
    let out = tre.ok(&[
        "register",
        "sign",
        &key,
        "--number",
        "7",
        "--date",
        "20/04/2026",
    ]);
    assert!(
        out.contains("số 07/KH-UBND ngày 20/04/2026 — Đã ký"),
        "{out}"
    );
    // The number and date are the plan's own: the exported document prints them.
    let plan: serde_json::Value =
        serde_json::from_str(&tre.ok(&["plan", "show", &ids[1], "--json"])).unwrap();
    assert_eq!(
        (plan["number"].as_str(), &plan["date"]),
        (
            Some("7"),
            &serde_json::json!({"day": 20, "month": 4, "year": 2026})
        )
    );
    tre.ok(&[
        "register",
        "send",
        &key,
        "--to",
        "Sở Y tế tỉnh Phú Thọ",
        "--how",
        "e-office",
        "--date",
        "21/04/2026",
        "--note",
        "Số đến 123",
    ]);
    let sent = entry(&tre, &key);
    assert_eq!(sent["state"], "sent");
    assert_eq!(
        sent["sendings"],
        serde_json::json!([{"on": "2026-04-21", "to": "Sở Y tế tỉnh Phú Thọ", "how": "e-office", "note": "Số đến 123"}])
    );
    // A sending recorded by mistake is taken back by undo.
    assert!(tre.ok(&["undo"]).contains("Sổ văn bản"));
    assert_eq!(entry(&tre, &key)["state"], "signed");
    tre.ok(&["redo"]);
    assert_eq!(entry(&tre, &key)["state"], "sent");
    let text = tre.ok(&["register", "list", "--year", "2026"]);
    assert!(
        text.contains(
            "gửi Sở Y tế tỉnh Phú Thọ ngày 21/04/2026 (hệ thống quản lý văn bản): Số đến 123"
        ),
        "{text}"
    );
}

#[test]
fn an_assessment_document_is_signed_in_the_assessment() {
    let tre = Tre::new();
    tre.demo_ids("2026");
    tre.ok(&[
        "register",
        "sign",
        "assessment:2026:minutes",
        "--number",
        "3",
        "--date",
        "12/11/2026",
    ]);
    let minutes = entry(&tre, "assessment:2026:minutes");
    assert_eq!(
        (minutes["number_line"].as_str(), minutes["date"].as_str()),
        (Some("03/BB-UBND"), Some("2026-11-12"))
    );
    // The score table is the report's annex and has no number of its own.
    let e = tre.fails(&[
        "register",
        "sign",
        "assessment:2026:assessment",
        "--number",
        "4",
        "--date",
        "12/11/2026",
    ]);
    assert!(e.contains("phụ lục của báo cáo"), "{e}");
}

#[test]
fn bad_input_is_refused_and_nothing_is_saved() {
    let tre = Tre::new();
    let ids = tre.demo_ids("2026");
    let key = format!("plan:{}", ids[1]);
    let before = list(&tre);
    for (args, says) in [
        (
            vec![
                "register",
                "sign",
                &key,
                "--number",
                "7",
                "--date",
                "31/02/2026",
            ],
            "không hợp lệ",
        ),
        (
            vec![
                "register", "sign", &key, "--number", "7", "--date", "4/2026",
            ],
            "ngày/tháng/năm",
        ),
        (
            vec![
                "register",
                "sign",
                &key,
                "--number",
                "bảy",
                "--date",
                "20/04/2026",
            ],
            "chỉ gồm chữ số",
        ),
        (
            vec![
                "register",
                "sign",
                &key,
                "--number",
                " ",
                "--date",
                "20/04/2026",
            ],
            "Chưa ghi số",
        ),
        (
            vec![
                "register",
                "sign",
                "plan:999",
                "--number",
                "7",
                "--date",
                "20/04/2026",
            ],
            "Không tìm thấy kế hoạch số 999",
        ),
        (
            vec![
                "register",
                "sign",
                "kehoach:2",
                "--number",
                "7",
                "--date",
                "20/04/2026",
            ],
            "plan:3",
        ),
        (
            vec![
                "register",
                "send",
                "plan:1",
                "--to",
                "Sở Y tế",
                "--how",
                "fax",
            ],
            "email (thư điện tử)",
        ),
        (
            vec!["register", "send", "plan:1", "--to", " ", "--how", "post"],
            "nơi nhận",
        ),
        (
            vec![
                "register",
                "send",
                "plan:1",
                "--to",
                "Sở Y tế",
                "--how",
                "post",
                "--date",
                "32/01/2026",
            ],
            "không hợp lệ",
        ),
        (vec!["register", "list", "--year", "20266"], "Năm 20266"),
    ] {
        let e = tre.fails(&args);
        assert!(e.contains(says), "{args:?}: {e}");
    }
    assert_eq!(list(&tre), before);
}
