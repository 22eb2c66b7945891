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

/// Text with every character that means something in XML and HTML, as an officer might paste
/// it (or an attacker put it in a file the officer imports).
const MARKUP: &str =
    "<b>đậm</b> & \"trích\" 'nháy' <script>alert(1)</script> <img src=x onerror=alert(2)>";

/// What an independent XML parser (Python's) finds in `files`: every element name, every
/// attribute name, and the text of each file with the line breaks of the layout removed.
fn xml_parts(files: &[std::path::PathBuf]) -> serde_json::Value {
    let script = r#"
import json, sys, zipfile, xml.etree.ElementTree as ET
out = []
for f in sys.argv[1:]:
    data = zipfile.ZipFile(f).read('word/document.xml') if f.endswith('.docx') else open(f, 'rb').read()
    root = ET.fromstring(data)
    tags, attrs, text = set(), set(), []
    for el in root.iter():
        tags.add(el.tag.split('}')[-1])
        attrs.update(a.split('}')[-1] for a in el.attrib)
        if el.text: text.append(el.text)
        if el.tail and el.tail.strip(): text.append(el.tail)
    out.append({'tags': sorted(tags), 'attrs': sorted(attrs), 'text': ''.join(text)})
print(json.dumps(out))
"#;
    python_json("xml", script, files)
}

/// The preview of `plan`, one SVG file per page in `dir`, for the XML parser.
fn preview_files(
    s: &tre::session::Session,
    plan: &tre::model::Plan,
    dir: &std::path::Path,
    stem: &str,
) -> Vec<std::path::PathBuf> {
    s.plan_preview(plan)
        .unwrap()
        .iter()
        .enumerate()
        .map(|(n, page)| {
            let f = dir.join(format!("{stem}-{n}.svg"));
            std::fs::write(&f, &page.svg).unwrap();
            f
        })
        .collect()
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn markup_in_any_field_stays_literal_in_docx_svg_preview_and_pdf() {
    use tre::export::ExportFormat;
    use tre::session::Session;
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session::open(&dir.path().join("tre.db")).unwrap();
    let id = s.demo_load(2026).unwrap()[0];
    let mut plan = s.plan_get(id).unwrap().plan;
    plan.title = "Kế hoạch <b>đậm</b> & \"trích\" 'nháy'".into();
    plan.sections[0].paragraphs.insert(0, MARKUP.into());
    plan.recipients.insert(0, "<Lưu> & \"VT\"".into());
    s.plan_update(id, &plan).unwrap();

    let mut files = preview_files(&s, &plan, dir.path(), "trang");
    let pages = files.len();
    let docx = dir.path().join("kh.docx");
    s.export_plan_to(id, ExportFormat::Docx, &docx).unwrap();
    files.push(docx);
    let parts = xml_parts(&files);
    for (i, part) in parts.as_array().unwrap().iter().enumerate() {
        let what = if i < pages {
            "the SVG preview"
        } else {
            "the DOCX"
        };
        let tags: Vec<&str> = part["tags"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t.as_str().unwrap())
            .collect();
        // (`b` is bold in WordprocessingML; in an SVG it would be HTML that got through.)
        let bold_is_markup = i < pages;
        for bad in ["script", "img", "b", "foreignObject", "iframe"] {
            if bad == "b" && !bold_is_markup {
                continue;
            }
            assert!(
                !tags.contains(&bad),
                "{what} has a <{bad}> element: {tags:?}"
            );
        }
        let attrs = part["attrs"].as_array().unwrap();
        assert!(
            attrs.iter().all(|a| !a.as_str().unwrap().starts_with("on")),
            "{what} has an event attribute: {attrs:?}"
        );
    }
    let text = |i: usize| squash(parts[i]["text"].as_str().unwrap());
    let preview: String = (0..pages).map(text).collect::<Vec<_>>().join(" ");
    let word = text(pages);
    for literal in [
        "<b>đậm</b> &",
        "\"trích\" 'nháy'",
        "<script>alert(1)</script>",
        "onerror=alert(2)>",
        "<Lưu> & \"VT\"",
    ] {
        assert!(
            squash(&preview).contains(literal),
            "the preview lost {literal:?}"
        );
        assert!(word.contains(literal), "the DOCX lost {literal:?}");
    }
    let pdf = dir.path().join("kh.pdf");
    s.export_plan_to(id, ExportFormat::Pdf, &pdf).unwrap();
    let printed = squash(&pdf_text(&pdf));
    for literal in [
        "<script>alert(1)</script>",
        "\"trích\" 'nháy'",
        "<Lưu> & \"VT\"",
    ] {
        assert!(
            printed.contains(literal),
            "the PDF lost {literal:?}: {printed}"
        );
    }
}

#[test]
fn an_imported_word_file_with_markup_never_becomes_markup_in_the_preview() {
    use tre::session::Session;
    let dir = tempfile::tempdir().unwrap();
    // A Word file whose text is HTML and SVG with scripts, built with docx-rs as Word would.
    let mut doc = docx_rs::Docx::new();
    for line in [
        "ỦY BAN NHÂN DÂN XÃ MINH HÒA",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Số: 12/KH-UBND",
        "Minh Hòa, ngày 05 tháng 3 năm 2026",
        "KẾ HOẠCH",
        "Thực hiện <svg onload=alert(1)> năm 2026",
        "I. MỤC ĐÍCH <script>document.location='http://evil.vn'</script>",
        "1. Nội dung <iframe src=javascript:alert(3)></iframe> & \"quote\"",
    ] {
        doc = doc
            .add_paragraph(docx_rs::Paragraph::new().add_run(docx_rs::Run::new().add_text(line)));
    }
    let file = dir.path().join("ke-hoach.docx");
    let mut bytes = std::io::Cursor::new(Vec::new());
    doc.build().pack(&mut bytes).unwrap();
    std::fs::write(&file, bytes.into_inner()).unwrap();

    let mut s = Session::open(&dir.path().join("tre.db")).unwrap();
    s.demo_load(2026).unwrap();
    let imported = s.plan_import(&file).unwrap();
    let plan = s.plan_get(imported.id).unwrap().plan;
    let files = preview_files(&s, &plan, dir.path(), "nhap");
    let parts = xml_parts(&files);
    let mut all = String::new();
    for part in parts.as_array().unwrap() {
        let tags = part["tags"].as_array().unwrap();
        assert!(
            tags.iter().all(|t| [
                "svg", "rect", "text", "tspan", "g", "line", "path", "defs", "style"
            ]
            .contains(&t.as_str().unwrap())),
            "unexpected elements in the preview: {tags:?}"
        );
        assert!(part["attrs"]
            .as_array()
            .unwrap()
            .iter()
            .all(|a| !a.as_str().unwrap().starts_with("on")));
        all.push_str(part["text"].as_str().unwrap());
    }
    // Printed as text (a section title in capitals, as the document's style has it).
    let all = squash(&all).to_lowercase();
    for literal in [
        "<svg onload=alert(1)>",
        "<script>document.location='http://evil.vn'</script>",
        "<iframe src=javascript:alert(3)></iframe> & \"quote\"",
    ] {
        assert!(
            all.contains(literal),
            "{literal:?} is not in the preview's text: {all}"
        );
    }
}

#[test]
fn a_line_break_in_a_deadline_never_makes_a_calendar_property() {
    use tre::session::Session;
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session::open(&dir.path().join("tre.db")).unwrap();
    let id = s.demo_load(2026).unwrap()[0];
    let mut plan = s.plan_get(id).unwrap().plan;
    plan.deadlines.push(tre::model::Deadline {
        date: "2026-12-20".into(),
        text: "Nộp báo cáo\r\nATTENDEE:mailto:ke-xau@evil.vn\nEND:VEVENT".into(),
        section: "II".into(),
        unit: Some("Công an xã\u{0B}X-EVIL:1\u{85}ORGANIZER:x".into()),
    });
    s.plan_update(id, &plan).unwrap();
    let ics = dir.path().join("lich.ics");
    assert!(s.deadlines_ics(2026, &ics).unwrap() > 0);
    let raw = std::fs::read_to_string(&ics).unwrap();
    // Unfold (RFC 5545 §3.1), then every content line must be a property Tre writes.
    let unfolded = raw.replace("\r\n ", "");
    const KNOWN: &[&str] = &[
        "BEGIN",
        "END",
        "VERSION",
        "PRODID",
        "CALSCALE",
        "METHOD",
        "X-WR-CALNAME",
        "X-WR-TIMEZONE",
        "UID",
        "DTSTAMP",
        "DTSTART",
        "DTEND",
        "SUMMARY",
        "DESCRIPTION",
        "CATEGORIES",
        "STATUS",
        "TRIGGER",
        "ACTION",
        "TRANSP",
        "CLASS",
        "SEQUENCE",
        "PRIORITY",
        "URL",
        "LOCATION",
    ];
    for line in unfolded.split("\r\n").filter(|l| !l.is_empty()) {
        let name = line.split([':', ';']).next().unwrap();
        assert!(
            KNOWN.contains(&name),
            "a property was made from user text: {line:?}"
        );
        assert!(
            !line.contains('\n') && !line.contains('\r') && !line.contains('\u{85}'),
            "{line:?}"
        );
    }
    let lines: Vec<&str> = unfolded.split("\r\n").collect();
    let count = |l: &str| lines.iter().filter(|x| **x == l).count();
    assert_eq!(count("BEGIN:VEVENT"), count("END:VEVENT"));
    assert!(
        unfolded.contains("ATTENDEE:mailto:ke-xau@evil.vn"),
        "the text itself is kept"
    );
}
