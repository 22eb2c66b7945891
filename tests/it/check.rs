//! The linter on the five real plans of `tests/fixtures/seeds/`, kept as they were found.
//!
//! Each seed is checked twice: as raw text (`check_text`, the file as it is) and as its plan
//! model (`check_plan` on `tests/fixtures/check/NNN.json`, written by hand from the seed,
//! mistakes included, the way docs/model.md describes the model: Markdown removed, broken lines
//! joined, recipients without "- " and final punctuation, numbered sentences of a part kept
//! as its paragraphs as the qd06 template does). The expected findings in
//! `tests/golden/check/` were written by reading the seeds: every real mistake, and nothing
//! on the correct text around it. A golden lists every field of a finding except the
//! message, which must only be there.

use std::path::{Path, PathBuf};

use serde_json::Value;
use tre::check::{check_plan, check_text, CheckContext, Finding, Severity};
use tre::model::Plan;

const SEEDS: [&str; 5] = ["000", "001", "002", "003", "004"];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests")
}

fn seed_text(n: &str) -> String {
    let dir = root().join("fixtures/seeds");
    let file = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(n))
        .unwrap_or_else(|| panic!("seed {n} in {}", dir.display()));
    std::fs::read_to_string(file).unwrap()
}

fn fixture(n: &str) -> Plan {
    let path = root().join(format!("fixtures/check/{n}.json"));
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap())
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Compares findings with a golden file; on a difference prints the findings as a golden.
fn assert_golden(found: &[Finding], golden: &Path) {
    let expected: Vec<Value> =
        serde_json::from_str(&std::fs::read_to_string(golden).unwrap()).unwrap();
    let actual: Vec<Value> = found
        .iter()
        .map(|f| {
            assert!(!f.message.trim().is_empty(), "{} has no message", f.code);
            let mut v = serde_json::to_value(f).unwrap();
            v.as_object_mut().unwrap().remove("message");
            v
        })
        .collect();
    if actual != expected {
        let lines: Vec<String> = actual.iter().map(|v| format!("  {v}")).collect();
        panic!(
            "{} differs. Found:\n[\n{}\n]\nwith messages:\n{}",
            golden.display(),
            lines.join(",\n"),
            found
                .iter()
                .map(tre::check::human_line)
                .collect::<Vec<_>>()
                .join("\n")
        );
    }
}

#[test]
fn each_seeds_plan_model_gives_its_golden_findings() {
    for n in SEEDS {
        let found = check_plan(&fixture(n), &CheckContext::default());
        assert_golden(&found, &root().join(format!("golden/check/{n}.json")));
    }
}

#[test]
fn each_raw_seed_gives_its_golden_findings() {
    for n in SEEDS {
        let found = check_text(&seed_text(n), &CheckContext::default());
        assert_golden(&found, &root().join(format!("golden/check/{n}.text.json")));
    }
}

#[test]
fn the_wrong_decision_date_of_seed_000_is_reported_as_cli_md_shows() {
    let found = check_plan(&fixture("000"), &CheckContext::default());
    let errors: Vec<&Finding> = found
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .collect();
    assert_eq!(errors.len(), 1);
    let v = serde_json::to_value(errors[0]).unwrap();
    for (key, want) in [
        ("severity", "error"),
        ("code", "date-future-reference"),
        ("excerpt", "03/01/2029"),
        ("suggestion", "03/01/2019"),
        ("section", "preamble"),
    ] {
        assert_eq!(v[key], want, "{key}");
    }
    assert!(v["message"].as_str().unwrap().contains("06/QĐ-TTg"));
}

#[test]
fn a_seed_in_another_communes_profile_shows_the_copied_names() {
    // Seed 004 checked as if it were xã Minh Hòa's plan: the name and the signer are foreign.
    let mut c = tre::model::Commune::new("Minh Hòa", "Phú Thọ");
    c.leaders.push(tre::model::Leader {
        name: "Lê Thị Hương".into(),
        position: "Phó Chủ tịch".into(),
    });
    let mut plan = fixture("004");
    plan.place = "Minh Hòa".into();
    let found = check_plan(&plan, &CheckContext::from_commune(&c));
    let copied: Vec<(&str, &str)> = found
        .iter()
        .filter(|f| f.code == "foreign-commune" || f.code == "signer-not-leader")
        .map(|f| (f.code.as_str(), f.excerpt.as_str()))
        .collect();
    assert_eq!(
        copied,
        vec![
            ("foreign-commune", "xã Bằng Mạc"),
            ("foreign-commune", "xã Bằng Mạc"),
            ("foreign-commune", "xã Bằng Mạc"),
            ("signer-not-leader", "Triệu Thị Diệp"),
        ]
    );
}

/// Rolled over: everything of the plan's year moves, the cited documents keep their dates,
/// and the new plan's check asks for the superior's new plan (ref-outdated-basis).
#[test]
fn rolling_seed_plans_over_to_the_next_year() {
    let p = tre::rollover::roll_over(&fixture("001"), 2027).unwrap();
    let json = serde_json::to_string(&p).unwrap();
    assert!(!json.contains("năm 2026"), "{json}");
    assert!(json.contains("15/11/2027") && json.contains("10/11/2027"));
    assert_eq!(
        p.deadlines
            .iter()
            .map(|d| d.date.as_str())
            .collect::<Vec<_>>(),
        vec!["2027-11-10", "2027-11-15"]
    );
    // Cited documents keep their own dates.
    assert!(json.contains("Kế hoạch số 23/KH-SYT ngày 15/01/2026"));
    assert!(json.contains("06/QĐ-TTg ngày 03/01/2019"));
    assert!(json.contains("Hướng dẫn số 604/TE-PTTG ngày 20/9/2019"));
    let new: Vec<String> = check_plan(&p, &CheckContext::default())
        .into_iter()
        .map(|f| format!("{} {}", f.code, f.section))
        .collect();
    let old: Vec<String> = check_plan(&fixture("001"), &CheckContext::default())
        .into_iter()
        .map(|f| format!("{} {}", f.code, f.section))
        .collect();
    let mut expected = vec!["ref-outdated-basis preamble".to_string()];
    expected.extend(old);
    assert_eq!(new, expected);

    // Seed 000 to 2024: the 2029 date is still wrong, the district's 2023 plan is outdated.
    let p = tre::rollover::roll_over(&fixture("000"), 2024).unwrap();
    assert!(p.bases[0].contains("77/KH-UBND ngày 24/02/2023") && p.bases[0].ends_with("năm 2024"));
    assert!(p.title.ends_with("năm 2024") && p.closing.contains("năm 2024 trên địa bàn"));
    let codes: Vec<String> = check_plan(&p, &CheckContext::default())
        .into_iter()
        .filter(|f| f.severity != Severity::Info)
        .map(|f| f.code)
        .collect();
    assert_eq!(codes, vec!["ref-outdated-basis", "date-future-reference"]);

    // Seed 004 to 2026: after the reform the district and its office are gone.
    let p = tre::rollover::roll_over(&fixture("004"), 2026).unwrap();
    let abolished: Vec<(String, String)> = check_plan(&p, &CheckContext::default())
        .into_iter()
        .filter(|f| f.code == "body-abolished")
        .map(|f| (f.section, f.excerpt))
        .collect();
    assert_eq!(
        abolished,
        vec![
            (
                "IV".into(),
                "Phòng Lao động - Thương binh - Xã hội và Dân tộc huyện".into()
            ),
            (
                "V.1".into(),
                "Phòng Lao động - Thương binh - Xã hội và Dân tộc".into()
            ),
            ("VI".into(), "Ủy ban nhân dân huyện".into()),
            (
                "VI".into(),
                "Phòng Lao động - Thương binh - Xã hội và Dân tộc".into()
            ),
            ("recipients".into(), "Phòng LDTBXHDT huyện".into()),
        ]
    );
}

mod cli {
    use super::*;
    use crate::common::Tre;

    fn fixture_path(n: &str) -> String {
        root()
            .join(format!("fixtures/check/{n}.json"))
            .to_string_lossy()
            .into_owned()
    }

    #[test]
    fn check_a_plan_file_exits_1_on_errors() {
        let tre = Tre::new();
        let out = tre.run(&["check", &fixture_path("000")]);
        assert_eq!(out.status.code(), Some(1));
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(
            text.contains("Lỗi [phần mở đầu]") && text.contains("“03/01/2029” → “03/01/2019”"),
            "{text}"
        );
        assert!(
            text.trim_end()
                .ends_with("Kết quả: 1 lỗi, 0 cảnh báo, 3 gợi ý."),
            "{text}"
        );

        let out = tre.run(&["check", &fixture_path("001"), "--json"]);
        assert_eq!(out.status.code(), Some(0), "warnings only");
        let json: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(json.len(), 4);
        for key in [
            "severity",
            "code",
            "message",
            "excerpt",
            "suggestion",
            "section",
        ] {
            assert!(json[0].get(key).is_some(), "{key}");
        }
    }

    #[test]
    fn check_a_raw_text_file() {
        let tre = Tre::new();
        let seed = tre.path("ke-hoach.txt");
        std::fs::write(&seed, seed_text("004")).unwrap();
        let out = tre.run(&["check", seed.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(0));
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(
            text.contains("Cảnh báo [Nơi nhận, dòng 81]")
                && text.contains("“- Lưu: VT,” → “- Lưu: VT.”"),
            "{text}"
        );
    }

    #[test]
    fn bad_input_to_check() {
        let tre = Tre::new();
        let docx = tre.path("ke-hoach.docx");
        std::fs::write(&docx, b"PK").unwrap();
        assert!(tre
            .fails(&["check", docx.to_str().unwrap()])
            .contains("không phải tệp Word hợp lệ"));
        let json = tre.path("hong.json");
        std::fs::write(&json, b"{\"title\": 1}").unwrap();
        assert!(tre
            .fails(&["check", json.to_str().unwrap()])
            .contains("không đúng định dạng kế hoạch"));
        assert!(tre.fails(&["check"]).contains("thiếu"));
        assert!(tre
            .fails(&["check", "--plan", "99"])
            .contains("Không tìm thấy kế hoạch số 99"));
    }

    #[test]
    fn stored_plans_are_checked_and_copies_report_on_stderr() {
        let tre = Tre::new();
        let ids = tre.demo_ids("2026");
        for id in &ids {
            let out = tre.ok(&["check", "--plan", id]);
            assert!(
                out.contains("Kết quả: không phát hiện vấn đề nào."),
                "{id}: {out}"
            );
            // Tre's own text export reads back clean as raw text too.
            let txt = tre.path(&format!("{id}.txt"));
            let txt = txt.to_str().unwrap();
            tre.ok(&["export", "plan", id, "--format", "txt", "--out", txt]);
            let out = tre.ok(&["check", txt]);
            assert!(
                out.contains("Kết quả: không phát hiện vấn đề nào."),
                "{id}: {out}"
            );
        }
        // A plan with last year's basis: the copy says so on stderr, stdout keeps the id.
        let id = &ids[0];
        let mut plan: Value =
            serde_json::from_str(&tre.ok(&["plan", "show", id, "--json"])).unwrap();
        plan["bases"][1] = Value::from(
            "Thực hiện Kế hoạch số 23/KH-SYT ngày 15/01/2026 của Sở Y tế tỉnh Phú Thọ về xây dựng xã phù hợp với trẻ em năm 2026",
        );
        let file = tre.path("p.json");
        std::fs::write(&file, plan.to_string()).unwrap();
        tre.ok(&["plan", "set", id, "--from-json", file.to_str().unwrap()]);
        let out = tre.run(&["plan", "copy", id, "--year", "2027"]);
        assert!(out.status.success());
        let new_id = String::from_utf8(out.stdout).unwrap();
        assert!(new_id.trim().parse::<i64>().is_ok(), "{new_id}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(
            err.contains("Cảnh báo [phần mở đầu]")
                && err.contains(&format!(
                    "Kiểm tra kế hoạch mới {}: 0 lỗi, 1 cảnh báo, 0 gợi ý.",
                    new_id.trim()
                )),
            "{err}"
        );
    }
}
