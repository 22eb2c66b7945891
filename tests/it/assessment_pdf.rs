//! The assessment's documents (report, 6-month report, proposal, minutes, notice, score
//! table annex) exported as PDF by the real `tre` binary and read back as a reader would:
//! - every PDF passes the plan's Nghị định 30 checks (A4, fonts embedded as subsets, every
//!   word inside the margins, page numbers from page 2, header lines, signature block,
//!   "Kính gửi" and "Nơi nhận" where they belong), and `pdftotext` gives back NFC Vietnamese;
//! - the figures printed are those of `tre assess show --json`;
//! - the proposal is refused while the verdict is not "recognised".
//!
//! poppler-utils is required (scripts/setup.sh); without it these tests fail with the
//! package to install. `TRE_KEEP_DOCS=/dir` keeps the files.

use std::path::Path;
use std::process::Command;

use crate::common::assessment::*;
use crate::common::*;
use unicode_normalization::is_nfc;

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
    assert!(
        e.contains("--out 2026_MinhHoa_BC-tu-danh-gia-xa-phu-hop-tre-em.pdf"),
        "{e}"
    );
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
