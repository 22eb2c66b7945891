//! The demo year made ready for the assessment's documents, and exporting them through the
//! real binary (tests/it/assessment_pdf.rs, tests/it/assessment_docx.rs).

use std::path::{Path, PathBuf};

use super::Tre;

pub const KINDS: [&str; 6] = [
    "report",
    "report-6m",
    "proposal",
    "minutes",
    "notice",
    "assessment",
];

/// Criteria the demo leaves without points, with the points a province's guidance gives.
pub const HAND_POINTS: [(&str, &str); 10] = [
    ("2", "90"),
    ("3", "80"),
    ("4", "80"),
    ("5", "60"),
    ("8", "60"),
    ("9", "50"),
    ("10", "50"),
    ("11", "50"),
    ("12", "50"),
    ("13", "40"),
];

/// The demo year completed so that the verdict is "recognised", with the meeting's vote and
/// the report numbered and dated.
pub fn recognised() -> Tre {
    let tre = Tre::new();
    tre.ok(&["demo", "--year", "2026"]);
    for (code, points) in HAND_POINTS {
        tre.ok(&[
            "assess",
            "set",
            "--year",
            "2026",
            code,
            points,
            "--reason",
            "Theo hướng dẫn chấm điểm của Sở Y tế tỉnh Phú Thọ",
        ]);
    }
    tre.ok(&["assess", "meeting", "--year", "2026", "--votes", "15/15"]);
    tre.ok(&[
        "assess",
        "doc",
        "--year",
        "2026",
        "report",
        "--number",
        "7",
        "--date",
        "13/11/2026",
    ]);
    tre
}

pub fn show(tre: &Tre) -> serde_json::Value {
    serde_json::from_str(&tre.ok(&["assess", "show", "--year", "2026", "--json"])).unwrap()
}

pub fn export(tre: &Tre, kind: &str, format: &str) -> PathBuf {
    let out = tre.path(&format!("{kind}.{format}"));
    tre.ok(&[
        "export",
        kind,
        "--year",
        "2026",
        "--format",
        format,
        "--out",
        out.to_str().unwrap(),
    ]);
    if let Ok(dir) = std::env::var("TRE_KEEP_DOCS") {
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::copy(&out, Path::new(&dir).join(out.file_name().unwrap())).unwrap();
    }
    out
}

/// "95" or "12,5", as the documents print points.
pub fn pts(v: &serde_json::Value) -> String {
    let p = v.as_f64().unwrap();
    if p.fract() == 0.0 {
        format!("{}", p as i64)
    } else {
        format!("{p:.1}").replace('.', ",")
    }
}
