//! The assessment's documents exported as DOCX by the real `tre` binary: each opens in
//! python-docx (page, text, the annex's real table with its repeated header row) and in
//! LibreOffice, whose rendering says what ours says, page numbers from page 2.
//!
//! python3-docx and LibreOffice are required (scripts/setup.sh); without them these tests
//! fail with the package to install.

use std::path::PathBuf;

use crate::common::assessment::*;
use crate::common::*;

/// Reads each DOCX with python-docx: paragraphs, tables, repeated header rows.
const READ_BACK: &str = r#"
import json, sys
import docx
from docx.oxml.ns import qn
out = {}
for f in sys.argv[1:]:
    d = docx.Document(f)
    s = d.sections[0]
    text = [p.text for p in d.paragraphs]
    tables = []
    for t in d.tables:
        rows = t._tbl.findall(qn("w:tr"))
        tables.append({
            "rows": len(t.rows),
            "cols": len(t.columns),
            "repeat": [r.find(qn("w:trPr")) is not None and r.find(qn("w:trPr")).find(qn("w:tblHeader")) is not None for r in rows],
            "text": [c.text for r in t.rows for c in r.cells],
        })
    out[f] = {"page": [round(s.page_width.mm), round(s.page_height.mm)], "text": text, "tables": tables}
print(json.dumps(out, ensure_ascii=False))
"#;

#[test]
fn every_docx_opens_in_python_docx_and_libreoffice() {
    let tre = recognised();
    let files: Vec<PathBuf> = KINDS.iter().map(|k| export(&tre, k, "docx")).collect();
    let got = oracles::python_json("docx", READ_BACK, &files);
    let ov = show(&tre);
    let items: usize = ov["criteria"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["items"].as_array().unwrap().len())
        .sum();
    for (kind, f) in KINDS.iter().zip(&files) {
        let d = &got[f.to_str().unwrap()];
        assert_eq!(d["page"], serde_json::json!([210, 297]), "{kind}");
        let text = fold(
            &d["text"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| s.as_str().unwrap())
                .collect::<Vec<_>>()
                .join("\n"),
        );
        let tables = d["tables"].as_array().unwrap();
        if *kind == "assessment" {
            assert!(text.starts_with("Phụ lục BẢNG TỰ CHẤM ĐIỂM"), "{text}");
            assert_eq!(tables.len(), 1, "only the score table");
            let t = &tables[0];
            let criteria = ov["criteria"].as_array().unwrap().len();
            assert_eq!(t["rows"], criteria + items + 2, "header, rows, total");
            assert_eq!(t["cols"], 6);
            assert_eq!(t["repeat"][0], true, "the header row repeats on each page");
            assert_eq!(t["repeat"][1], false);
            let cells: Vec<&str> = t["text"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| c.as_str().unwrap())
                .collect();
            assert!(
                cells.iter().any(|c| fold(c) == "412/415 (99,28 %)"),
                "{cells:?}"
            );
            assert!(cells.contains(&pts(&ov["total"]).as_str()));
        } else {
            // Header table and closing table around the body.
            assert_eq!(tables.len(), 2, "{kind}");
            assert!(text.contains("./."), "{kind}");
            let closing: Vec<&str> = tables[1]["text"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| c.as_str().unwrap())
                .collect();
            if *kind == "minutes" {
                assert!(closing.iter().any(|c| c.contains("THƯ KÝ")), "{closing:?}");
                assert!(closing.iter().any(|c| c.contains("Đinh Thị Lan")));
            } else {
                assert!(closing.iter().any(|c| c.contains("Nơi nhận:")), "{kind}");
            }
        }
    }

    // LibreOffice renders them all; the text it lays out says what ours does.
    let lo_dir = tre.path("lo");
    oracles::libreoffice_pdfs(&files, &lo_dir, tre.dir.path());
    for kind in KINDS {
        let lo = lo_dir.join(format!("{kind}.pdf"));
        assert!(lo.exists(), "LibreOffice did not convert {kind}");
        let text = fold(&pdf_text(&lo));
        let expect = match kind {
            "assessment" => "Tiêu chí, chỉ số",
            "minutes" => "THƯ KÝ",
            _ => "Nơi nhận:",
        };
        assert!(
            text.contains(expect),
            "LibreOffice {kind}: {expect}\n{text}"
        );
        assert!(
            text.contains(&format!(
                "Tổng điểm tự đánh giá: {} điểm",
                pts(&ov["total"])
            )),
            "{kind}"
        );
        if pdf_pages(&lo) > 1 {
            let p2 = pdf_page_text(&lo, 2);
            assert_eq!(
                p2.lines().find(|l| !l.trim().is_empty()).map(str::trim),
                Some("2"),
                "LibreOffice {kind}: page 2"
            );
            if kind == "assessment" {
                assert!(
                    fold(&p2).contains("Tiêu chí, chỉ số"),
                    "LibreOffice repeats the header row"
                );
            }
        }
    }
}
