//! Hostile or mistaken text in every field reaches the outputs as text, never as structure
//! (issue 13, part 4d, first cases): a line break pasted into a name never splits an e-mail
//! header, and a cell that starts like a formula stays a string in the XLSX.

use crate::common::oracles::python_json;
use crate::common::*;

#[test]
fn a_pasted_line_break_never_splits_an_e_mail_header() {
    let tre = Tre::new();
    tre.demo_ids("2026");
    tre.ok(&[
        "commune",
        "set",
        "--superior",
        "Sở Y tế\r\nBcc: ke-xau@evil.vn",
        "--superior-email",
        "vanthu.syt@phutho.gov.vn",
    ]);
    // Kept as one line.
    let shown: serde_json::Value =
        serde_json::from_str(&tre.ok(&["commune", "show", "--json"])).unwrap();
    assert_eq!(shown["superior"], "Sở Y tế Bcc: ke-xau@evil.vn");
    let zip = tre.path("ho-so.zip");
    tre.ok(&[
        "dossier",
        "build",
        "--year",
        "2026",
        "--out",
        zip.to_str().unwrap(),
        "--drafts",
    ]);
    let eml = crate::dossier::read_eml(&tre.path("ho-so.eml"));
    assert_eq!(
        eml["to"],
        "\"Sở Y tế Bcc: ke-xau@evil.vn\" <vanthu.syt@phutho.gov.vn>"
    );
    assert_eq!(eml["defects"], serde_json::json!([]));
    let raw = std::fs::read_to_string(tre.path("ho-so.eml")).unwrap();
    assert!(
        !raw.lines()
            .any(|l| l.to_ascii_lowercase().starts_with("bcc:")),
        "a Bcc header was made"
    );
}

#[test]
fn text_that_looks_like_a_formula_stays_text_in_the_score_table() {
    let tre = Tre::new();
    tre.demo_ids("2026");
    let evidence = "+cmd|' /C calc'!A0";
    let reason = "=HYPERLINK(\"http://evil.vn\",\"Bấm vào đây\")";
    tre.ok(&[
        "assess",
        "set",
        "--year",
        "2026",
        "9.1",
        "1480/1532",
        "--points",
        "40",
        "--reason",
        reason,
        "--evidence",
        evidence,
    ]);
    let zip = tre.path("ho-so.zip");
    tre.ok(&[
        "dossier",
        "build",
        "--year",
        "2026",
        "--out",
        zip.to_str().unwrap(),
        "--drafts",
    ]);
    let xlsx = crate::dossier::entries(&zip)
        .into_iter()
        .find(|(n, _)| n.ends_with(".xlsx"))
        .unwrap();
    let path = tre.path("bang-diem.xlsx");
    std::fs::write(&path, &xlsx.1).unwrap();
    let script = r#"
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
print(json.dumps([[c.value, c.data_type] for ws in wb for row in ws.iter_rows() for c in row
                  if isinstance(c.value, str) and c.value[:1] in '=+-@' and not c.value.startswith('=SUM(')
                  and not c.value.startswith('- ') and '/' not in c.value[:4]]))
"#;
    let cells = python_json("openpyxl", script, [&path]);
    let cells = cells.as_array().unwrap();
    let user: Vec<&serde_json::Value> = cells
        .iter()
        .filter(|c| c[0] == evidence || c[0] == reason)
        .collect();
    assert!(
        !user.is_empty(),
        "the texts are not in the table: {cells:?}"
    );
    assert!(
        user.iter().all(|c| c[1] == "s"),
        "a user text became a formula: {user:?}"
    );
}
