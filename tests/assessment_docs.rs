//! The assessment's documents (report, 6-month report, proposal, minutes, notice, score
//! table annex) exported by the real `tre` binary and read back as a reader would:
//! - every PDF passes the plan's Nghị định 30 checks (A4, fonts embedded as subsets, text
//!   inside the margins, page numbers from page 2, header lines, signature block, "Kính gửi"
//!   and "Nơi nhận" where they belong), and `pdftotext` gives back NFC Vietnamese;
//! - the figures printed are those of `tre assess show --json`;
//! - the proposal is refused while the verdict is not "recognised";
//! - every DOCX opens in python-docx and in LibreOffice.
//!
//! poppler-utils, python3-docx and LibreOffice are required (scripts/setup.sh); without
//! them these tests fail with the package to install. `TRE_KEEP_DOCS=/dir` keeps the files.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;
use unicode_normalization::is_nfc;

const KINDS: [&str; 6] = [
    "report",
    "report-6m",
    "proposal",
    "minutes",
    "notice",
    "assessment",
];

/// Criteria the demo leaves without points, with the points a province's guidance gives.
const HAND_POINTS: [(&str, &str); 10] = [
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
fn recognised() -> Tre {
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

fn show(tre: &Tre) -> serde_json::Value {
    serde_json::from_str(&tre.ok(&["assess", "show", "--year", "2026", "--json"])).unwrap()
}

fn export(tre: &Tre, kind: &str, format: &str) -> PathBuf {
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
fn pts(v: &serde_json::Value) -> String {
    let p = v.as_f64().unwrap();
    if p.fract() == 0.0 {
        format!("{}", p as i64)
    } else {
        format!("{p:.1}").replace('.', ",")
    }
}

/// Word boxes of every page, from `pdftotext -bbox`: (page, xMin, yMin, xMax, yMax, word).
fn word_boxes(pdf: &Path) -> Vec<(usize, f32, f32, f32, f32, String)> {
    let out = Command::new("pdftotext")
        .arg("-bbox")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is needed");
    let html = String::from_utf8(out.stdout).unwrap();
    let mut page = 0;
    let mut words = Vec::new();
    for line in html.lines() {
        let line = line.trim();
        if line.starts_with("<page") {
            page += 1;
        } else if let Some(rest) = line.strip_prefix("<word ") {
            let attr = |k: &str| -> f32 {
                let at = rest.find(&format!("{k}=\"")).unwrap() + k.len() + 2;
                rest[at..at + rest[at..].find('"').unwrap()]
                    .parse()
                    .unwrap()
            };
            let text =
                rest[rest.find('>').unwrap() + 1..rest.rfind("</word>").unwrap()].to_string();
            words.push((
                page,
                attr("xMin"),
                attr("yMin"),
                attr("xMax"),
                attr("yMax"),
                text,
            ));
        }
    }
    words
}

fn pdf_info(pdf: &Path) -> String {
    let out = Command::new("pdfinfo").arg(pdf).output().unwrap();
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn every_pdf_passes_the_nd30_checks() {
    let tre = recognised();
    for kind in KINDS {
        let pdf = export(&tre, kind, "pdf");
        let ctx = kind;
        let info = pdf_info(&pdf);
        let size = info
            .lines()
            .find(|l| l.starts_with("Page size:"))
            .unwrap_or_default();
        assert!(
            size.ends_with("(A4)") && size.contains("841.89"),
            "{ctx}: {info}"
        );
        let fonts = pdf_fonts(&pdf);
        assert!(!fonts.is_empty());
        for (name, emb, sub) in &fonts {
            assert!(*emb && *sub, "{ctx}: {name} not an embedded subset");
            assert!(name.contains("+LiberationSerif"), "{ctx}: {name}");
        }
        let raw = pdf_text(&pdf);
        assert!(is_nfc(&raw), "{ctx}: pdftotext output is not NFC");
        let text = fold(&raw);

        // Margins: left 30 mm, right 15 mm, bottom 20 mm; only the page number stands in
        // the top margin.
        let pages = pdf_pages(&pdf) as usize;
        for (page, x0, y0, x1, y1, w) in word_boxes(&pdf) {
            assert!(
                x0 >= 85.0 - 0.5 && x1 <= 595.28 - 42.52 + 0.5,
                "{ctx} p{page}: “{w}” at x {x0}..{x1}"
            );
            assert!(
                y1 <= 841.89 - 56.69 + 0.5,
                "{ctx} p{page}: “{w}” below the bottom margin"
            );
            if y0 < 56.69 - 0.5 {
                assert_eq!(
                    w,
                    page.to_string(),
                    "{ctx}: only the page number in the top margin"
                );
                assert!(page > 1, "{ctx}: page 1 has no number");
            }
        }
        for n in 2..=pages {
            let first = pdf_page_text(&pdf, n as u32);
            assert_eq!(
                first.lines().find(|l| !l.trim().is_empty()).map(str::trim),
                Some(n.to_string().as_str()),
                "{ctx}: page {n} must start with its number"
            );
        }

        if kind == "assessment" {
            // An annex: its own heading, no national header, no signature.
            for s in [
                "Phụ lục",
                "BẢNG TỰ CHẤM ĐIỂM CÁC TIÊU CHÍ XÃ PHÙ HỢP VỚI TRẺ EM NĂM 2026",
                "(Kèm theo Báo cáo số 07/BC-UBND ngày 13 tháng 11 năm 2026 của Ủy ban nhân dân xã Minh Hòa)",
            ] {
                assert!(text.contains(s), "{ctx}: missing “{s}”\n{text}");
            }
            assert!(!text.contains("CỘNG HÒA XÃ HỘI"), "{ctx}");
            // The header row heads every page of the table.
            for n in 1..=pages {
                let page = fold(&pdf_page_text(&pdf, n as u32));
                assert!(
                    page.contains("Tiêu chí, chỉ số"),
                    "{ctx}: page {n} lacks the header row"
                );
            }
            continue;
        }
        for s in [
            "ỦY BAN NHÂN DÂN",
            "XÃ MINH HÒA",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "Nguyễn Văn Thành",
            "./.",
        ] {
            assert!(text.contains(s), "{ctx}: missing “{s}”");
        }
        let layout = pdf_layout_text(&pdf);
        let row = |a: &str, b: &str| layout.lines().any(|l| l.contains(a) && l.contains(b));
        match kind {
            "minutes" => {
                assert!(
                    row("THƯ KÝ", "CHỦ TRÌ"),
                    "{ctx}: two signers side by side\n{layout}"
                );
                assert!(row("Đinh Thị Lan", "Nguyễn Văn Thành"), "{ctx}\n{layout}");
                assert!(!text.contains("Nơi nhận"), "{ctx}");
            }
            _ => {
                assert!(row("Nơi nhận:", "TM. ỦY BAN NHÂN DÂN"), "{ctx}\n{layout}");
                assert!(text.contains("CHỦ TỊCH"), "{ctx}");
                assert!(text.contains("- Lưu: VT, VHXH."), "{ctx}");
            }
        }
        let upward = matches!(kind, "report" | "report-6m" | "proposal");
        assert_eq!(
            text.contains("Kính gửi: Sở Y tế tỉnh Phú Thọ."),
            upward,
            "{ctx}: Kính gửi"
        );
        assert_eq!(text.contains("- Như trên;"), upward, "{ctx}: Như trên");
        let symbol = match kind {
            "report" => "Số: 07/BC-UBND",
            "report-6m" => "Số: /BC-UBND",
            "proposal" => "Số: /TTr-UBND",
            "notice" => "Số: /TB-UBND",
            _ => "Số: /BB-UBND",
        };
        assert!(fold(&layout).contains(symbol), "{ctx}: {symbol}");
    }
}

#[test]
fn printed_figures_are_those_of_assess_show() {
    let tre = recognised();
    let ov = show(&tre);
    let report = fold(&pdf_text(&export(&tre, "report", "pdf")));
    let minutes = fold(&pdf_text(&export(&tre, "minutes", "pdf")));
    let notice = fold(&pdf_text(&export(&tre, "notice", "pdf")));
    let annex = fold(&pdf_text(&export(&tre, "assessment", "pdf")));
    let total = pts(&ov["total"]);
    for doc in [&report, &minutes, &notice, &annex] {
        assert!(doc.contains(&format!("Tổng điểm tự đánh giá: {total} điểm")));
        assert!(doc.contains("đạt chuẩn xã phù hợp với trẻ em năm 2026"));
    }
    for c in ov["criteria"].as_array().unwrap() {
        let code = c["code"].as_str().unwrap();
        let name = c["name"].as_str().unwrap();
        let points = match c["max_points"].as_f64() {
            Some(_) => format!("{}/{} điểm", pts(&c["points"]), pts(&c["max_points"])),
            None => format!("{} điểm", pts(&c["points"])),
        };
        let line = format!("Tiêu chí {code}. {name}: {points}, đạt");
        assert!(minutes.contains(&line), "minutes: {line}");
        assert!(notice.contains(&line), "notice: {line}");
        assert!(
            report.contains(&format!("Kết quả: {points}")),
            "report: {code}"
        );
        for i in c["items"].as_array().unwrap() {
            let shown = i["display"].as_str().unwrap();
            // The figure's count ("412/415"): a cell may wrap before the percentage.
            let head = shown.split(' ').next().unwrap();
            if !head.is_empty() {
                assert!(report.contains(head), "report: {} {shown}", i["code"]);
                assert!(annex.contains(head), "annex: {} {shown}", i["code"]);
            }
            if !i["evidence"].as_str().unwrap().is_empty() {
                assert!(report.contains(i["evidence"].as_str().unwrap()));
            }
        }
    }
    let t = ov["verdict"]["threshold"].as_f64().unwrap();
    assert!(report.contains(&format!("mức công nhận {} điểm", t as i64)));
}

#[test]
fn proposal_is_refused_until_the_verdict_holds() {
    let tre = Tre::new();
    tre.ok(&["demo", "--year", "2026"]);
    let out = tre.path("ttr.pdf");
    let err = tre.fails(&[
        "export",
        "proposal",
        "--year",
        "2026",
        "--format",
        "pdf",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(
        err.contains("Chưa lập được Tờ trình đề nghị công nhận"),
        "{err}"
    );
    assert!(err.contains("Tiêu chí 2 chưa đủ số liệu"), "{err}");
    assert!(!out.exists(), "nothing is written");
    // The other documents still export, saying the verdict is provisional.
    let report = fold(&pdf_text(&export(&tre, "report", "pdf")));
    assert!(report.contains("Chưa đủ căn cứ để kết luận xã Minh Hòa đạt chuẩn"));
    // Bad input: one Vietnamese line, exit 2.
    let e = tre.fails(&[
        "export", "minutes", "--year", "2026", "--format", "xlsx", "--out", "x.xlsx",
    ]);
    assert!(e.contains("Chỉ bảng điểm"), "{e}");
    let e = tre.fails(&["export", "report", "--year", "2026", "--format", "pdf"]);
    assert!(e.contains("--out 2026_MinhHoa_BC-tu-danh-gia.pdf"), "{e}");
    let e = tre.fails(&["assess", "meeting", "--year", "2026", "--votes", "16/15"]);
    assert!(e.contains("16/15"), "{e}");
    let e = tre.fails(&[
        "assess", "doc", "--year", "2026", "report", "--number", "12a",
    ]);
    assert!(e.contains("12a"), "{e}");
    let e = tre.fails(&["assess", "doc", "--year", "2026", "plan"]);
    assert!(e.contains("report-6m"), "{e}");
}

#[test]
fn meeting_and_numbers_set_at_the_command_line_print() {
    let tre = recognised();
    tre.ok(&[
        "assess",
        "meeting",
        "--year",
        "2026",
        "--date",
        "14/11/2026",
        "--start",
        "14 giờ 00",
        "--end",
        "16 giờ 15",
        "--place",
        "Nhà văn hóa thôn Gò Mít",
        "--secretary",
        "Vũ Thu Hà",
        "--attendee",
        "Các thành viên Ban bảo vệ trẻ em xã",
        "--votes",
        "12/14",
    ]);
    tre.ok(&[
        "assess", "doc", "--year", "2026", "minutes", "--number", "3",
    ]);
    tre.ok(&[
        "assess",
        "doc",
        "--year",
        "2026",
        "notice",
        "--days",
        "7",
        "--date",
        "15/11/2026",
    ]);
    let m = fold(&pdf_text(&export(&tre, "minutes", "pdf")));
    for s in [
        "Số: 03/BB-UBND",
        "Minh Hòa, ngày 14 tháng 11 năm 2026",
        "Vào hồi 14 giờ 00, ngày 14 tháng 11 năm 2026, tại Nhà văn hóa thôn Gò Mít",
        "- Các thành viên Ban bảo vệ trẻ em xã.",
        "12/14 đại biểu có mặt tán thành",
        "Cuộc họp kết thúc vào hồi 16 giờ 15, ngày 14 tháng 11 năm 2026.",
        "Vũ Thu Hà",
    ] {
        assert!(m.contains(s), "minutes: {s}\n{m}");
    }
    let n = fold(&pdf_text(&export(&tre, "notice", "pdf")));
    assert!(
        n.contains("trong thời gian 07 ngày, kể từ ngày 15 tháng 11 năm 2026"),
        "{n}"
    );
    assert!(n.contains("Minh Hòa, ngày 15 tháng 11 năm 2026"));
    let p = fold(&pdf_text(&export(&tre, "proposal", "pdf")));
    assert!(p.contains("Báo cáo số 07/BC-UBND ngày 13/11/2026"), "{p}");
    assert!(p.contains("Biên bản số 03/BB-UBND"), "{p}");
    // TXT goes to the screen when no file is named.
    let txt = tre.ok(&["export", "notice", "--year", "2026", "--format", "txt"]);
    assert!(txt.contains("THÔNG BÁO"), "{txt}");
}

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

fn python_with_docx() -> &'static str {
    for py in ["/usr/bin/python3", "python3"] {
        let ok = Command::new(py)
            .args(["-c", "import docx"])
            .output()
            .is_ok_and(|o| o.status.success());
        if ok {
            return py;
        }
    }
    panic!("python-docx is needed by this test: apt-get install python3-docx (or run `bash scripts/setup.sh`)")
}

#[test]
fn every_docx_opens_in_python_docx_and_libreoffice() {
    let tre = recognised();
    let files: Vec<PathBuf> = KINDS.iter().map(|k| export(&tre, k, "docx")).collect();
    let out = Command::new(python_with_docx())
        .args(["-c", READ_BACK])
        .args(&files)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "python-docx could not read the files: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let got: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
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
    let found = Command::new("soffice")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(
        found,
        "LibreOffice is needed by this test: apt-get install libreoffice-writer-nogui"
    );
    let lo_dir = tre.path("lo");
    let profile = format!("file://{}", tre.path("lo-profile").display());
    let out = Command::new("soffice")
        .arg(format!("-env:UserInstallation={profile}"))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(&lo_dir)
        .args(&files)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
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
