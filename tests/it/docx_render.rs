//! End-to-end check of the DOCX export on a real plan (the demo commune, template qd06):
//! python-docx reads the page setup and the text back, as a script or Word would, and
//! LibreOffice renders the file to PDF, which must say what our own PDF says, page numbers
//! from page 2 on.
//!
//! python3-docx and LibreOffice (libreoffice-writer-nogui) are required, like poppler-utils:
//! without them these tests fail with the package to install, they never pass silently.
//! Set `TRE_KEEP_DOCX=/some/dir` to keep the DOCX and both PDFs for a look.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::{fold, oracles, pdf_pages, Tre};
use tre::document::{plan_document, Document};
use unicode_normalization::UnicodeNormalization;

fn plan_doc() -> Document {
    let commune = tre::demo::demo_commune();
    let plan = tre::template::get("qd06")
        .unwrap()
        .instantiate(&commune, 2026)
        .unwrap();
    plan_document(&plan, &commune)
}

fn write(doc: &Document, dir: &Path) -> PathBuf {
    let path = dir.join("ke-hoach.docx");
    std::fs::write(&path, tre::render::docx::write_docx(doc).unwrap()).unwrap();
    path
}

fn keep(files: &[&Path]) {
    if let Ok(dir) = std::env::var("TRE_KEEP_DOCX") {
        std::fs::create_dir_all(&dir).unwrap();
        for f in files {
            std::fs::copy(f, Path::new(&dir).join(f.file_name().unwrap())).unwrap();
        }
    }
}

/// Reads the DOCX with python-docx and prints what a reader gets, as JSON.
const READ_BACK: &str = r#"
import json, sys
import docx
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

d = docx.Document(sys.argv[1])
s = d.sections[0]
body, tables = [], []
for el in d.element.body.iterchildren():
    if el.tag == qn("w:p"):
        body.append(Paragraph(el, d).text)
    elif el.tag == qn("w:tbl"):
        t = Table(el, d)
        tables.append([p.text for r in t.rows for c in r.cells for p in c.paragraphs])
rpr = d.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
fonts = rpr.find(qn("w:rFonts"))
st = d.styles["Nội dung"].paragraph_format
print(json.dumps({
    "page": [s.page_width.mm, s.page_height.mm],
    "margins": [s.top_margin.mm, s.bottom_margin.mm, s.left_margin.mm, s.right_margin.mm],
    "fonts": [fonts.get(qn("w:" + k)) for k in ["ascii", "hAnsi", "cs", "eastAsia"]],
    "size": int(rpr.find(qn("w:sz")).get(qn("w:val"))),
    "lang": rpr.find(qn("w:lang")).get(qn("w:val")),
    "title_page": s.different_first_page_header_footer,
    "first_header": [p.text for p in s.first_page_header.paragraphs],
    "title": d.core_properties.title,
    "author": d.core_properties.author,
    "body_style": [str(st.alignment), st.first_line_indent.mm, st.space_after.pt],
    "body": body,
    "tables": tables,
}, ensure_ascii=False))
"#;

fn lines(v: &serde_json::Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|s| fold(s.as_str().unwrap()))
        .filter(|s| !s.is_empty())
        .collect()
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

#[test]
fn python_docx_reads_page_setup_and_text() {
    let dir = tempfile::tempdir().unwrap();
    let doc = plan_doc();
    let file = write(&doc, dir.path());
    let got = oracles::python_json("docx", READ_BACK, [&file]);
    let mm = |v: &serde_json::Value| -> Vec<f64> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|x| x.as_f64().unwrap())
            .collect()
    };
    let near = |a: &[f64], b: &[f64]| a.iter().zip(b).all(|(x, y)| (x - y).abs() < 0.1);
    assert!(near(&mm(&got["page"]), &[210.0, 297.0]), "{}", got["page"]);
    assert!(
        near(&mm(&got["margins"]), &[20.0, 20.0, 30.0, 15.0]),
        "{}",
        got["margins"]
    );
    assert_eq!(
        got["fonts"],
        serde_json::json!([
            "Times New Roman",
            "Times New Roman",
            "Times New Roman",
            "Times New Roman"
        ])
    );
    assert_eq!(got["size"], 28);
    assert_eq!(got["lang"], "vi-VN");
    assert_eq!(got["title_page"], true);
    assert!(lines(&got["first_header"]).is_empty());
    assert_eq!(got["title"], doc.meta.title.as_str());
    assert_eq!(got["author"], doc.meta.author.as_str());
    let style = &got["body_style"];
    assert!(style[0].as_str().unwrap().starts_with("JUSTIFY"), "{style}");
    assert!((style[1].as_f64().unwrap() - 12.7).abs() < 0.05, "{style}");
    assert_eq!(style[2].as_f64().unwrap(), 6.0);

    // The text is the document's text: the body in order, each table as a set of lines
    // (a table reads cell by cell, not in the order of `plain_lines`).
    let plain: Vec<String> = doc
        .plain_lines()
        .iter()
        .map(|l| fold(l))
        .filter(|l| !l.is_empty())
        .collect();
    let title_at = plain
        .iter()
        .position(|l| *l == fold(&doc.type_name))
        .unwrap();
    let closing_at = plain.iter().position(|l| l == "Nơi nhận:").unwrap();
    assert_eq!(lines(&got["body"]), plain[title_at..closing_at]);
    let tables = got["tables"].as_array().unwrap();
    assert_eq!(tables.len(), 2, "header and closing tables");
    assert_eq!(
        sorted(lines(&tables[0])),
        sorted(plain[..title_at].to_vec())
    );
    assert_eq!(
        sorted(lines(&tables[1])),
        sorted(plain[closing_at..].to_vec())
    );
}

/// The text of each page, without the page number that heads pages 2 and on.
fn pages_text(pdf: &Path) -> Vec<Vec<String>> {
    (1..=pdf_pages(pdf))
        .map(|n| {
            let p = n.to_string();
            let out = Command::new("pdftotext")
                .args(["-f", &p, "-l", &p])
                .arg(pdf)
                .arg("-")
                .output()
                .expect("pdftotext (poppler-utils) is needed");
            let text: String = String::from_utf8(out.stdout).unwrap().nfc().collect();
            text.lines().map(fold).filter(|l| !l.is_empty()).collect()
        })
        .collect()
}

/// All words in order, page numbers left out; asserts that page 1 has none and every other
/// page starts with its own.
fn words_without_page_numbers(pages: &[Vec<String>], who: &str) -> Vec<String> {
    let mut words = Vec::new();
    for (i, lines) in pages.iter().enumerate() {
        let n = (i + 1).to_string();
        let mut lines = lines.iter();
        if i == 0 {
            assert!(
                !lines.clone().any(|l| l == "1"),
                "{who}: page 1 carries a page number"
            );
        } else {
            assert_eq!(
                lines.next().map(String::as_str),
                Some(n.as_str()),
                "{who}: page {n} must start with its number"
            );
        }
        words.extend(lines.flat_map(|l| l.split(' ').map(str::to_string)));
    }
    words
}

#[test]
fn libreoffice_renders_the_same_text_as_our_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let doc = plan_doc();
    let docx = write(&doc, dir.path());
    let ours = dir.path().join("ke-hoach-tre.pdf");
    std::fs::write(&ours, tre::render::pdf::write_pdf(&doc).unwrap()).unwrap();

    let lo = oracles::libreoffice_pdfs(
        std::slice::from_ref(&docx),
        &dir.path().join("lo"),
        dir.path(),
    )
    .remove(0);
    keep(&[&docx, &ours, &lo]);

    let lo_pages = pages_text(&lo);
    let our_pages = pages_text(&ours);
    eprintln!(
        "pages: LibreOffice {}, Tre {}",
        lo_pages.len(),
        our_pages.len()
    );
    assert!(lo_pages.len() >= 2, "the plan takes more than one page");
    assert_eq!(lo_pages[1].first().map(String::as_str), Some("2"));
    let lo_words = words_without_page_numbers(&lo_pages, "LibreOffice");
    let our_words = words_without_page_numbers(&our_pages, "Tre");
    if lo_words != our_words {
        let at = lo_words
            .iter()
            .zip(&our_words)
            .position(|(a, b)| a != b)
            .unwrap_or(lo_words.len().min(our_words.len()));
        let around = |w: &[String]| w[at.saturating_sub(8)..(at + 8).min(w.len())].join(" ");
        panic!(
            "the texts part at word {at}:\nLibreOffice: …{}…\nTre PDF:     …{}…",
            around(&lo_words),
            around(&our_words)
        );
    }
}

#[test]
fn cli_exports_docx_and_asks_for_a_file() {
    let tre = Tre::new();
    tre.ok(&["demo", "--year", "2026"]);
    let out = tre.path("kh.docx");
    tre.ok(&[
        "export",
        "plan",
        "1",
        "--format",
        "docx",
        "--out",
        out.to_str().unwrap(),
    ]);
    let bytes = std::fs::read(&out).unwrap();
    assert!(bytes.starts_with(b"PK\x03\x04"), "a ZIP package");
    let err = tre.fails(&["export", "plan", "1", "--format", "docx"]);
    // The example is the name "Xuất Word" and the dossier give the same plan.
    assert!(err.contains("--out 2026_MinhHoa_KH-"), "{err}");
    assert!(err.trim_end().ends_with(".docx."), "{err}");
}
