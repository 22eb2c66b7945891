//! `tre assess trends` through the real binary: every stored year scored with the catalogue,
//! years without data absent.

use crate::common::Tre;
use serde_json::Value;

fn demo() -> Tre {
    let t = Tre::new();
    t.ok(&["demo", "--year", "2026"]);
    t
}

fn trends(t: &Tre) -> Value {
    serde_json::from_str(&t.ok(&["assess", "trends", "--json"])).unwrap()
}

fn series<'a>(v: &'a Value, code: &str) -> &'a Vec<Value> {
    v["criteria"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["code"] == code)
        .unwrap()["points"]
        .as_array()
        .unwrap()
}

#[test]
fn trends_list_every_year_with_data() {
    let t = demo();
    t.ok(&["assess", "set", "--year", "2024", "7.1", "900/1000"]);
    t.ok(&["assess", "set", "--year", "2025", "7.1", "98/100"]);
    let v = trends(&t);
    assert_eq!(v["years"], serde_json::json!([2024, 2025, 2026]));
    let c7: Vec<(i64, f64)> = series(&v, "7")
        .iter()
        .map(|p| (p["year"].as_i64().unwrap(), p["points"].as_f64().unwrap()))
        .collect();
    assert_eq!(c7, vec![(2024, 0.0), (2025, 50.0), (2026, 50.0)]);
    // Criterion 1 has figures only in the demo's year: the others are absent, not 0.
    assert_eq!(series(&v, "1").len(), 1);
    let text = t.ok(&["assess", "trends"]);
    assert!(text.contains("qua các năm"), "{text}");
    assert!(text.contains("2024: 900/1000 (90 %) → chưa chấm"), "{text}");
    assert!(text.contains("2025: 98/100 (98 %) → 50 điểm"), "{text}");
}

#[test]
fn trends_of_an_empty_file_say_so() {
    let t = Tre::new();
    let text = t.ok(&["assess", "trends"]);
    assert!(text.contains("Chưa có năm nào"), "{text}");
}

const DOCX_TABLES: &str = r#"
import sys, json, docx
d = docx.Document(sys.argv[1])
print(json.dumps([[[c.text for c in r.cells] for r in t.rows] for t in d.tables], ensure_ascii=False))
"#;

/// The yearly report of 2026 with 2024 and 2025 stored: the table of past years prints in
/// the PDF and is a real table in Word; the report of a year alone has none.
#[test]
fn yearly_report_prints_the_years_in_pdf_and_word() {
    let t = demo();
    let pdf = t.path("bc.pdf");
    let out = pdf.to_str().unwrap();
    t.ok(&[
        "export", "report", "--year", "2026", "--format", "pdf", "--out", out,
    ]);
    assert!(!crate::common::pdf_text(&pdf).contains("qua các năm"));
    t.ok(&["assess", "set", "--year", "2024", "7.1", "900/1000"]);
    t.ok(&["assess", "set", "--year", "2025", "7.1", "98/100"]);
    t.ok(&[
        "export", "report", "--year", "2026", "--format", "pdf", "--out", out,
    ]);
    let text = crate::common::pdf_layout_text(&pdf);
    assert!(text.contains("Kết quả qua các năm"), "{text}");
    let row7 = text
        .lines()
        .find(|l| l.contains("Trẻ em dưới 1 tuổi được tiêm chủng đầy đủ") && l.contains("50"))
        .unwrap_or_else(|| panic!("{text}"));
    let numbers: Vec<&str> = row7.split_whitespace().rev().take(3).collect();
    assert_eq!(numbers, ["50", "50", "0"], "{row7}");
    // The report of 2025 shows 2024 and 2025, not the later year.
    let docx = t.path("bc.docx");
    let dout = docx.to_str().unwrap();
    t.ok(&[
        "export", "report", "--year", "2025", "--format", "docx", "--out", dout,
    ]);
    let tables = crate::common::oracles::python_json("docx", DOCX_TABLES, [docx.as_os_str()]);
    let years = tables
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t[0][1] == "Tiêu chí")
        .unwrap_or_else(|| panic!("{tables}"));
    assert_eq!(
        years[0],
        serde_json::json!(["TT", "Tiêu chí", "2024", "2025"])
    );
    let row = years
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r[0] == "7")
        .unwrap();
    assert_eq!(*row, serde_json::json!(["7", row[1], "0", "50"]));
}
