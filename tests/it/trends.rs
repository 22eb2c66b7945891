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
