//! `tre assess import-scores`: a score table exported by Tre seeds a fresh database's year
//! with the same points, and the bad cases are refused with nothing saved.

use crate::common::oracles::python_with;
use crate::common::Tre;
use serde_json::Value;
use std::process::Command;

/// The demo's 2026 with criterion 3 scored as a whole, exported as its score table.
fn exported() -> (Tre, std::path::PathBuf) {
    let t = Tre::new();
    t.ok(&["demo", "--year", "2026"]);
    t.ok(&[
        "assess",
        "set",
        "--year",
        "2026",
        "3",
        "60",
        "--reason",
        "Theo hướng dẫn của tỉnh",
    ]);
    let xlsx = t.path("bang-diem-2026.xlsx");
    t.ok(&[
        "export",
        "assessment",
        "--year",
        "2026",
        "--format",
        "xlsx",
        "--out",
        xlsx.to_str().unwrap(),
    ]);
    (t, xlsx)
}

/// A database with only the demo's commune profile.
fn fresh_like(t: &Tre) -> Tre {
    let profile = t.path("xa.json");
    std::fs::write(&profile, t.ok(&["commune", "show", "--json"])).unwrap();
    let f = Tre::new();
    f.ok(&["commune", "set", "--from-json", profile.to_str().unwrap()]);
    f
}

fn trends(t: &Tre) -> Value {
    serde_json::from_str(&t.ok(&["assess", "trends", "--json"])).unwrap()
}

/// Every criterion's and sub-item's (year, points, display) of `year`.
fn year_points(v: &Value, year: i64) -> Vec<(String, Value, Value)> {
    let mut out = Vec::new();
    for c in v["criteria"].as_array().unwrap() {
        for p in c["points"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|p| p["year"] == year)
        {
            out.push((
                c["code"].as_str().unwrap().to_string(),
                p["points"].clone(),
                Value::Null,
            ));
        }
        for i in c["items"].as_array().unwrap() {
            for p in i["points"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|p| p["year"] == year)
            {
                out.push((
                    i["code"].as_str().unwrap().to_string(),
                    p["points"].clone(),
                    p["display"].clone(),
                ));
            }
        }
    }
    out
}

#[test]
fn a_score_table_exported_by_tre_seeds_a_fresh_year_with_the_same_points() {
    let (t, xlsx) = exported();
    let f = fresh_like(&t);
    let out = f.ok(&["assess", "import-scores", xlsx.to_str().unwrap()]);
    assert!(out.contains("Đã nhập bảng điểm năm 2026"), "{out}");
    let (before, after) = (trends(&t), trends(&f));
    assert_eq!(after["years"], serde_json::json!([2026]));
    let want = year_points(&before, 2026);
    assert!(want.len() > 10, "{want:?}");
    assert_eq!(year_points(&after, 2026), want);
    assert_eq!(after["totals"], before["totals"]);
    // One save: one undo takes the whole table back.
    f.ok(&["undo"]);
    assert_eq!(trends(&f)["years"], serde_json::json!([]));
    // The same table as an earlier year, by choice.
    f.ok(&[
        "assess",
        "import-scores",
        xlsx.to_str().unwrap(),
        "--year",
        "2024",
    ]);
    assert_eq!(year_points(&trends(&f), 2024), want);
}

#[test]
fn a_year_with_figures_is_kept_unless_replacing() {
    let (t, xlsx) = exported();
    let path = xlsx.to_str().unwrap();
    t.ok(&["assess", "set", "--year", "2026", "7.1", "400/415"]);
    let before = trends(&t);
    let err = t.fails(&["assess", "import-scores", path]);
    assert!(
        err.contains("Năm 2026 đã có số liệu") && err.contains("--replace"),
        "{err}"
    );
    assert_eq!(trends(&t), before);
    t.ok(&["assess", "import-scores", path, "--replace"]);
    let v: Value =
        serde_json::from_str(&t.ok(&["assess", "show", "--year", "2026", "--json"])).unwrap();
    // The table's 412/415 is back, and the meeting and documents of the year stay.
    let vacc = v["criteria"][6]["items"][0]["display"].as_str().unwrap();
    assert_eq!(vacc, "412/415 (99,28 %)");
    t.ok(&["undo"]);
    assert_eq!(trends(&t), before);
}

#[test]
fn wrong_files_years_and_cells_are_refused_in_vietnamese() {
    let (t, xlsx) = exported();
    let f = fresh_like(&t);
    let path = xlsx.to_str().unwrap();
    // Not a workbook.
    let pdf = t.path("bc.pdf");
    t.ok(&[
        "export",
        "report",
        "--year",
        "2026",
        "--format",
        "pdf",
        "--out",
        pdf.to_str().unwrap(),
    ]);
    let err = f.fails(&["assess", "import-scores", pdf.to_str().unwrap()]);
    assert!(err.contains("không phải tệp Excel .xlsx"), "{err}");
    // A unit's fill-in workbook is not a score table.
    let unit = t.path("tram-y-te.xlsx");
    t.ok(&[
        "assess",
        "sheet",
        "--year",
        "2026",
        "--unit",
        "Trạm Y tế xã",
        "--out",
        unit.to_str().unwrap(),
    ]);
    let err = f.fails(&["assess", "import-scores", unit.to_str().unwrap()]);
    assert!(err.contains("không có trang “Bảng điểm”"), "{err}");
    // A year to come.
    let err = f.fails(&["assess", "import-scores", path, "--year", "2099"]);
    assert!(err.contains("Năm 2099 chưa đến"), "{err}");
    // A title without its year, then text where points belong.
    let script = r#"
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb["Bảng điểm"]
for row in ws.iter_rows():
    for c in row:
        if sys.argv[3] == "text" and c.value == "7.1":
            ws.cell(row=c.row, column=8).value = "năm mươi"
        if isinstance(c.value, str) and c.value.startswith("BẢNG CHẤM ĐIỂM"):
            c.value = "BẢNG CHẤM ĐIỂM"
wb.save(sys.argv[2])
"#;
    let edit = |mode: &str| {
        let edited = t.path(&format!("sua-{mode}.xlsx"));
        let out = Command::new(python_with("openpyxl"))
            .args(["-c", script, path, edited.to_str().unwrap(), mode])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        edited
    };
    let no_year = edit("title");
    let err = f.fails(&["assess", "import-scores", no_year.to_str().unwrap()]);
    assert!(err.contains("là của năm nào"), "{err}");
    let text = edit("text");
    let err = f.fails(&[
        "assess",
        "import-scores",
        text.to_str().unwrap(),
        "--year",
        "2025",
    ]);
    assert!(err.contains("“năm mươi” không phải số"), "{err}");
    assert_eq!(trends(&f)["years"], serde_json::json!([]));
    // Another commune's table.
    let other = Tre::new();
    other.ok(&[
        "commune",
        "set",
        "--name",
        "Quan Sơn",
        "--province",
        "Lạng Sơn",
    ]);
    let err = other.fails(&["assess", "import-scores", path]);
    assert!(
        err.contains("là của xã Minh Hòa, không phải của xã Quan Sơn"),
        "{err}"
    );
}
