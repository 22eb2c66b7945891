//! `tre assess …` through the real binary: figures in, points and verdict out, bad input
//! refused with nothing saved, catalogues validated before they replace the one in use.

use crate::common::Tre;
use serde_json::Value;

fn demo() -> Tre {
    let t = Tre::new();
    t.ok(&["demo", "--year", "2026"]);
    t
}

fn show(t: &Tre) -> Value {
    serde_json::from_str(&t.ok(&["assess", "show", "--year", "2026", "--json"])).unwrap()
}

fn item<'a>(v: &'a Value, code: &str) -> &'a Value {
    v["criteria"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["items"].as_array().unwrap())
        .find(|i| i["code"] == code)
        .unwrap()
}

fn criterion<'a>(v: &'a Value, code: &str) -> &'a Value {
    v["criteria"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["code"] == code)
        .unwrap()
}

#[test]
fn figures_give_points_at_the_band_edge() {
    let t = demo();
    t.ok(&[
        "assess",
        "set",
        "--year",
        "2026",
        "7.1",
        "979/1000",
        "--evidence",
        "Sổ tiêm chủng",
    ]);
    let v = show(&t);
    assert_eq!(item(&v, "7.1")["source"], "needs_points");
    assert_eq!(item(&v, "7.1")["display"], "979/1000 (97,9 %)");
    assert_eq!(item(&v, "7.1")["evidence"], "Sổ tiêm chủng");
    t.ok(&["assess", "set", "--year", "2026", "7.1", "980/1000"]);
    let v = show(&t);
    assert_eq!(item(&v, "7.1")["points"], 50.0);
    assert_eq!(item(&v, "7.1")["source"], "computed");
    assert_eq!(criterion(&v, "7")["points"], 50.0);
}

#[test]
fn bad_figures_are_refused_and_nothing_is_saved() {
    let t = demo();
    let before = show(&t);
    for (code, value, needle) in [
        ("7.1", "416/415", "trên 100 %"),
        ("7.1", "0/0", "bằng 0"),
        ("3.1", "-1", "bị âm"),
        ("3.1", "ba", "không phải số nguyên"),
        ("1.3", "hằng tuần", "không có trong các lựa chọn"),
        ("99.9", "1", "Không có tiêu chí hay chỉ số"),
    ] {
        let err = t.fails(&["assess", "set", "--year", "2026", code, value]);
        assert!(err.contains(needle), "{code} {value}: {err}");
    }
    let err = t.fails(&["assess", "set", "--year", "2026", "3", "60"]);
    assert!(err.contains("lý do"), "{err}");
    assert_eq!(show(&t), before);
}

#[test]
fn hand_points_complete_a_criterion_and_undo_reverts_them() {
    let t = demo();
    t.ok(&[
        "assess",
        "set",
        "--year",
        "2026",
        "3.1",
        "0",
        "--points",
        "60",
        "--reason",
        "Theo hướng dẫn của Sở Y tế",
    ]);
    let v = show(&t);
    assert_eq!(item(&v, "3.1")["source"], "manual");
    assert_eq!(criterion(&v, "3")["points"], 60.0);
    assert!(criterion(&v, "3")["complete"].as_bool().unwrap());
    let reasons = v["verdict"]["reasons"].to_string();
    assert!(!reasons.contains("Tiêu chí 3 "), "{reasons}");
    let out = t.ok(&["undo"]);
    assert!(out.contains("Tự đánh giá năm 2026"), "{out}");
    assert_eq!(item(&show(&t), "3.1")["source"], "missing");
}

#[test]
fn verdict_follows_the_communes_category() {
    let t = demo();
    // Score every criterion directly: 13 × 66 = 858.
    for code in 1..=13 {
        let c = code.to_string();
        let pts = if code == 7 { "50" } else { "66" };
        t.ok(&[
            "assess",
            "set",
            "--year",
            "2026",
            &c,
            pts,
            "--reason",
            "Hội nghị thống nhất",
        ]);
    }
    // 12 × 66 + 50 = 842: below the standard 850, above the disadvantaged 800.
    let v = show(&t);
    assert_eq!(v["total"], 842.0);
    assert_eq!(v["verdict"]["recognised"], false);
    assert_eq!(v["verdict"]["reasons"][0], "Tổng 842 < 850");
    t.ok(&["commune", "set", "--category", "disadvantaged"]);
    let v = show(&t);
    assert_eq!(v["verdict"]["recognised"], true, "{}", v["verdict"]);
    assert_eq!(v["verdict"]["threshold"], 800.0);
    let err = t.fails(&["commune", "set", "--category", "thành phố"]);
    assert!(err.contains("ward-city"), "{err}");
    t.ok(&[
        "assess",
        "set",
        "--year",
        "2026",
        "5",
        "0",
        "--reason",
        "Có trẻ tử vong do đuối nước",
    ]);
    let v = show(&t);
    assert_eq!(v["verdict"]["recognised"], false);
    assert_eq!(v["verdict"]["reasons"][0], "Tiêu chí 5 đạt 0 điểm");
}

#[test]
fn text_view_names_late_units_and_the_verdict() {
    let t = demo();
    let out = t.ok(&["assess", "show", "--year", "2026"]);
    assert!(
        out.contains("Tiêu chí 7. Trẻ em dưới 1 tuổi được tiêm chủng đầy đủ — 50/50 điểm (đạt)"),
        "{out}"
    );
    assert!(out.contains("Đơn vị chưa gửi số liệu"), "{out}");
    assert!(out.contains("Công an xã"), "{out}");
    assert!(out.contains("Trường Mầm non Minh Hòa"), "{out}");
    assert!(out.contains("Chưa đủ số liệu để kết luận"), "{out}");
}

fn builtin() -> Value {
    serde_json::from_str(include_str!("../../assets/criteria/qd06-2019.json")).unwrap()
}

#[test]
fn catalogue_import_validates_before_replacing() {
    let t = demo();
    let before = show(&t);
    type Edit = Box<dyn Fn(&mut Value)>;
    let cases: Vec<(&str, Edit, &str)> = vec![
        (
            "dup.json",
            Box::new(|c| c["criteria"][1]["code"] = "1".into()),
            "bị trùng",
        ),
        (
            "overlap.json",
            Box::new(|c| {
                c["criteria"][6]["items"][0]["bands"] = serde_json::json!([
                    {"min": 90, "max": 99, "points": 30}, {"min": 98, "max": null, "points": 50}
                ])
            }),
            "chồng lên nhau",
        ),
        (
            "format.json",
            Box::new(|c| c["format"] = 7.into()),
            "định dạng 7",
        ),
        (
            "rule.json",
            Box::new(|c| c["rule"]["default_category"] = "x".into()),
            "loại xã mặc định",
        ),
    ];
    for (name, edit, needle) in cases {
        let mut c = builtin();
        edit(&mut c);
        let f = t.path(name);
        std::fs::write(&f, c.to_string()).unwrap();
        let err = t.fails(&["assess", "catalog", "import", f.to_str().unwrap()]);
        assert!(err.contains(needle), "{name}: {err}");
    }
    let f = t.path("junk.json");
    std::fs::write(&f, b"\x00\x01 not json").unwrap();
    t.fails(&["assess", "catalog", "import", f.to_str().unwrap()]);
    assert_eq!(show(&t), before, "a refused catalogue changed nothing");

    // A corrected catalogue from the province: 2.1 gets a confirmed band and re-scores at once.
    let mut c = builtin();
    c["version"] = "2019.2-tinh".into();
    c["criteria"][1]["items"][0]["bands"] =
        serde_json::json!([{"min": 98, "max": null, "points": 30}]);
    c["criteria"][1]["items"][0]["max_points"] = 30.into();
    c["criteria"][1]["items"][0]["confirmed"] = true.into();
    let f = t.path("new.json");
    std::fs::write(&f, c.to_string()).unwrap();
    let out = t.ok(&["assess", "catalog", "import", f.to_str().unwrap()]);
    assert!(out.contains("qd06-2019 2019.2-tinh"), "{out}");
    assert!(out.contains("Bản cũ vẫn được lưu"), "{out}");
    let v = show(&t);
    assert_eq!(v["catalog"], "qd06-2019 2019.2-tinh");
    assert_eq!(item(&v, "2.1")["points"], 30.0); // 131/133 = 98.5 %
    let list = t.ok(&["assess", "catalog", "show"]);
    assert!(list.contains("2019.2-tinh"), "{list}");
}
