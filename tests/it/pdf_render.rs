//! End-to-end check of the PDF export: a real plan (seed 001, Quan Sơn 2026) written to a
//! file and read back with poppler (`pdftotext`, `pdffonts`, `pdfinfo`), as a user's PDF
//! reader or a clerk copying text out of it would.
//!
//! poppler-utils is required (CI installs it): without it these tests fail, they do not pass
//! silently. Set `TRE_KEEP_PDF=/some/file.pdf` to keep the generated PDF for a look.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Once;

use tre::document::{Block, Document, Header, Meta, Run, Signature};
use unicode_normalization::{is_nfc, UnicodeNormalization};

const SUBJECT: &str = "Thực hiện Quyết định số 06/QĐ-TTg ngày 03/01/2019 của Thủ tướng Chính phủ \
    ban hành Quy định tiêu chuẩn, trình tự đánh giá và công nhận xã, phường phù hợp với trẻ em \
    năm 2026 trên địa bàn xã Quan Sơn";

fn plain(text: &str) -> Block {
    Block::Paragraph(vec![Run::plain(text)])
}

fn heading(level: u8, text: &str) -> Block {
    Block::Heading {
        level,
        text: text.into(),
    }
}

/// Seed 001 as the document tree that `document::plan_document` would build, plus a third
/// heading level and styled runs so every face is used.
fn seed_001() -> Document {
    let body = vec![
        Block::Basis("Thực hiện Kế hoạch số 23/KH-SYT ngày 15/01/2026 của Sở Y tế tỉnh Lạng Sơn về thực hiện Quyết định số 06/QĐ-TTg ngày 03/01/2019 của Thủ tướng Chính phủ ban hành Quy định tiêu chuẩn, trình tự đánh giá và công nhận xã, phường phù hợp với trẻ em năm 2026.".into()),
        plain("Ủy ban nhân dân xã Quan Sơn xây dựng Kế hoạch thực hiện Quyết định số 06/QĐ-TTg ngày 03/01/2019 của Thủ tướng Chính phủ ban hành Quy định tiêu chuẩn, trình tự đánh giá và công nhận xã, phường phù hợp với trẻ em năm 2026 trên địa bàn xã Quan Sơn, như sau:"),
        heading(1, "I. MỤC ĐÍCH, YÊU CẦU"),
        heading(2, "1. Mục đích"),
        plain("- Nâng cao nhận thức và cam kết trách nhiệm của cấp ủy đảng, chính quyền đoàn thể về công tác bảo vệ chăm sóc trẻ em."),
        plain("- Xã đạt tiêu chuẩn phù hợp với trẻ em là một trong những điều kiện quan trọng để đánh giá mức độ hoàn thành nhiệm vụ phát triển kinh tế - xã hội của địa phương, đơn vị."),
        plain("- Xây dựng môi trường sống an toàn, lành mạnh mà ở đó tất cả trẻ em đều được bảo vệ. Chủ động phòng ngừa, giảm thiểu, loại bỏ các nguy cơ gây tổn hại trẻ em, ngăn ngừa trẻ em rơi vào hoàn cảnh đặc biệt, trẻ em bị xâm hại, bạo lực. Đảm bảo trẻ em được tiếp cận các dịch vụ về vui chơi giải trí, chăm sóc sức khỏe, giáo dục, dinh dưỡng, chăm sóc nuôi dưỡng, bảo vệ trẻ em, phúc lợi xã hội."),
        heading(2, "2. Yêu cầu"),
        plain("Việc công nhận xã đạt tiêu chuẩn xã phù hợp với trẻ em phải được đánh giá đúng theo các tiêu chí quy định tại Quyết định số 06/QĐ-TTg ngày 03/01/2019 của Thủ tướng Chính phủ và phải đảm bảo tính công bằng, dân chủ, công khai và hoàn thành các nội dung Kế hoạch đề ra."),
        heading(1, "II. NỘI DUNG"),
        plain("1. Triển khai thực hiện thu thập thông tin, tổ chức, đánh giá và công nhận xã phù hợp với trẻ em năm 2026 theo Quyết định số 06/QĐ-TTg và Hướng dẫn số 604/TE-PTTG ngày 20/9/2019 của Cục Trẻ em, Bộ Lao động - Thương binh và Xã hội."),
        plain("2. Tổ chức các hoạt động truyền thông, nâng cao vai trò, trách nhiệm của gia đình và cộng đồng đối với việc bảo vệ, chăm sóc và giáo dục trẻ em; giáo dục, tư vấn, tham vấn kỹ năng làm cha mẹ và kỹ năng sống cho trẻ em. Phòng ngừa, ngăn chặn không để trẻ em rơi vào hoàn cảnh đặc biệt."),
        plain("3. Nâng cao năng lực cho cán bộ, công chức làm công tác bảo vệ, chăm sóc trẻ em. Tham gia tập huấn nghiệp vụ, hướng dẫn thực hiện quy định về tiêu chuẩn, trình tự đánh giá và công nhận xã, phường, thị trấn phù hợp với trẻ em do cấp trên tổ chức."),
        plain("4. Tăng cường phối hợp giữa các ngành theo chức năng, nhiệm vụ chủ động triển khai các hoạt động xây dựng xã phù hợp với trẻ em. Lồng ghép các hoạt động thường xuyên để đẩy mạnh các hoạt động liên quan đến việc đánh giá và công nhận xã, phường, thị trấn phù hợp với trẻ em."),
        plain("5. Vận động các tổ chức, cá nhân tham gia quyên góp đầu tư kinh phí cho các hoạt động thường xuyên của công tác bảo vệ, chăm sóc và giáo dục trẻ em. Thực hiện đầy đủ, kịp thời các chế độ, chính sách đối với trẻ em, tạo điều kiện cho trẻ em được thực hiện đầy đủ các quyền theo quy định của pháp luật."),
        heading(1, "III. KINH PHÍ"),
        plain("Nguồn kinh phí thực hiện Kế hoạch được Sở Y tế hỗ trợ một phần; kinh phí tự cân đối từ ngân sách xã và từ nguồn huy động đóng góp xã hội hóa cho chương trình bảo vệ chăm sóc trẻ em trên địa bàn xã."),
        heading(1, "IV. TỔ CHỨC THỰC HIỆN"),
        heading(2, "1. Phòng Văn hóa - Xã hội"),
        heading(3, "a) Xây dựng kế hoạch và tuyên truyền"),
        plain("- Xây dựng Kế hoạch thực hiện Quyết định số 06/QĐ-TTg ngày 03/01/2019 của Thủ tướng Chính phủ ban hành Quy định tiêu chuẩn, trình tự đánh giá và công nhận xã phù hợp với trẻ em năm 2026 tại địa phương."),
        plain("- Phối hợp đẩy mạnh công tác tuyên truyền, giáo dục nâng cao ý thức trách nhiệm của các cấp, các ngành, các tổ chức, đoàn thể và nhân dân trong việc xây dựng xã đạt tiêu chuẩn phù hợp với trẻ em."),
        heading(3, "b) Kiểm tra và tổng hợp"),
        plain("- Quan tâm việc lồng ghép tổ chức các lớp bồi dưỡng nâng cao nghiệp vụ về công tác xây dựng xã phù hợp với trẻ em. Thường xuyên đôn đốc, kiểm tra việc triển khai Quyết định số 06/QĐ-TTg ngày 03/01/2019 của Thủ tướng Chính phủ trên địa bàn."),
        Block::Paragraph(vec![
            Run::plain("- Tổng hợp hoàn thiện hồ sơ và báo cáo đánh giá tình hình thực hiện tiêu chuẩn xã phù hợp với trẻ em gửi về Sở Y tế "),
            Run { text: "trước ngày 15/11/2026".into(), bold: false, italic: true },
            Run::plain("."),
        ]),
        heading(2, "2. Phòng Kinh tế"),
        Block::Paragraph(vec![
            Run { text: "Chủ trì:".into(), bold: true, italic: false },
            Run::plain(" tham mưu cho UBND xã xem xét cân đối, cấp kinh phí để thực hiện đánh giá và công nhận xã phù hợp với trẻ em trong năm 2026."),
        ]),
        heading(2, "3. Các cơ quan, đơn vị và các trường học"),
        plain("Căn cứ chức năng, nhiệm vụ đánh giá các tiêu chí đánh giá xã phù hợp với trẻ em năm 2026 theo quy định tại Quyết định số 06/QĐ-TTg ngày 03/01/2019 của Thủ tướng Chính phủ."),
        Block::Paragraph(vec![
            Run::plain("- Tổng hợp hồ sơ đánh giá các tiêu chí xã phù hợp với trẻ em gửi về UBND xã (qua Phòng Văn hóa - Xã hội), "),
            Run { text: "trước ngày 10/11/2026".into(), bold: true, italic: false },
            Run::plain("."),
        ]),
        plain("Trên đây là Kế hoạch thực hiện Quyết định số 06/QĐ-TTg ngày 03/01/2019 của Thủ tướng Chính phủ ban hành Quy định tiêu chuẩn, trình tự đánh giá và công nhận xã, phường phù hợp với trẻ em năm 2026 trên địa bàn xã Quan Sơn./."),
    ];
    Document {
        meta: Meta {
            title: format!("KẾ HOẠCH {SUBJECT}"),
            author: "ỦY BAN NHÂN DÂN XÃ QUAN SƠN".into(),
        },
        header: Header {
            parent_authority: None,
            authority: vec!["ỦY BAN NHÂN DÂN".into(), "XÃ QUAN SƠN".into()],
            number_line: "Số:      /KH-UBND".into(),
            place_date: "Quan Sơn, ngày      tháng 4 năm 2026".into(),
        },
        type_name: "KẾ HOẠCH".into(),
        subject: SUBJECT.into(),
        kinh_gui: vec![],
        body,
        signature: Signature {
            titles: vec!["KT. CHỦ TỊCH".into(), "PHÓ CHỦ TỊCH".into()],
            name: "Hoàng Đức Bình".into(),
        },
        recipients: [
            "- TT Đảng ủy;",
            "- TT HĐND xã;",
            "- Chủ tịch, các PCT UBND xã;",
            "- Các cơ quan, ngành đoàn thể xã;",
            "- Các đơn vị Trường học trên địa bàn xã;",
            "- CVP HĐND&UBND xã;",
            "- Trang TTĐT xã;",
            "- Lưu: VT, VHXH (BMH).",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect(),
        left_signature: None,
        annex: None,
    }
}

/// Every test pins the date the same way, so tests running in parallel agree.
fn pin_date() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| std::env::set_var("SOURCE_DATE_EPOCH", "1775000000"));
}

fn write(doc: &Document, dir: &Path, name: &str) -> PathBuf {
    pin_date();
    let bytes = tre::render::pdf::write_pdf(doc).expect("PDF written");
    let path = dir.join(name);
    std::fs::write(&path, &bytes).unwrap();
    if let Ok(keep) = std::env::var("TRE_KEEP_PDF") {
        std::fs::write(keep, &bytes).unwrap();
    }
    path
}

/// Runs a poppler tool; its absence is a failure with a clear message, never a silent pass.
fn poppler(tool: &str, args: &[&str], file: &Path) -> String {
    let mut cmd = Command::new(tool);
    cmd.args(args).arg(file);
    if tool == "pdftotext" {
        cmd.arg("-"); // to stdout
    }
    let out = cmd.output();
    let out = match out {
        Ok(o) => o,
        Err(e) => panic!("`{tool}` could not be run ({e}): install poppler-utils (apt-get install poppler-utils)"),
    };
    assert!(
        out.status.success(),
        "{tool} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("poppler prints UTF-8")
}

fn pdffonts(file: &Path) -> String {
    let out = Command::new("pdffonts")
        .arg(file)
        .output()
        .unwrap_or_else(|e| panic!("`pdffonts` could not be run ({e}): install poppler-utils"));
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn text_comes_back_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = write(&seed_001(), dir.path(), "kh.pdf");
    let text = poppler("pdftotext", &[], &pdf);
    assert!(is_nfc(&text), "pdftotext output is not NFC");
    let flat = squash(&text);
    for expected in [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "ỦY BAN NHÂN DÂN",
        "XÃ QUAN SƠN",
        "Quan Sơn, ngày tháng 4 năm 2026",
        "KẾ HOẠCH",
        SUBJECT,
        "Xây dựng môi trường sống an toàn, lành mạnh mà ở đó tất cả trẻ em đều được bảo vệ.",
        "gửi về Sở Y tế trước ngày 15/11/2026.",
        "a) Xây dựng kế hoạch và tuyên truyền",
        "I. MỤC ĐÍCH, YÊU CẦU",
        "trên địa bàn xã Quan Sơn./.",
        "Nơi nhận:",
        "- Lưu: VT, VHXH (BMH).",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "Hoàng Đức Bình",
    ] {
        let expected = squash(&expected.nfc().collect::<String>());
        assert!(
            flat.contains(&expected),
            "missing from the PDF text: {expected}\n---\n{text}"
        );
    }
    // The blank left for the number survives as room, not as lost text.
    let layout = poppler("pdftotext", &["-layout", "-f", "1", "-l", "1"], &pdf);
    assert!(
        layout.contains("Số:") && layout.contains("/KH-UBND"),
        "{layout}"
    );
}

#[test]
fn four_faces_embedded_as_subsets() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = write(&seed_001(), dir.path(), "kh.pdf");
    let listing = pdffonts(&pdf);
    // name type encoding emb sub uni object ID
    let rows: Vec<&str> = listing
        .lines()
        .skip(2)
        .filter(|l| !l.trim().is_empty())
        .collect();
    assert_eq!(rows.len(), 4, "expected 4 fonts:\n{listing}");
    let mut styles = Vec::new();
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        let name = cols[0];
        let (tag, family) = name
            .split_once('+')
            .unwrap_or_else(|| panic!("not a subset name: {name}"));
        assert!(
            tag.len() == 6 && tag.bytes().all(|b| b.is_ascii_uppercase()),
            "{name}"
        );
        assert!(family.starts_with("LiberationSerif"), "{name}");
        styles.push(family.to_string());
        // emb, sub, uni are the three yes/no columns before the object id.
        let n = cols.len();
        assert_eq!(&cols[n - 5..n - 2], &["yes", "yes", "yes"], "{row}");
    }
    styles.sort();
    assert_eq!(
        styles,
        [
            "LiberationSerif",
            "LiberationSerif-Bold",
            "LiberationSerif-BoldItalic",
            "LiberationSerif-Italic"
        ]
    );
}

#[test]
fn page_numbers_from_page_two() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = write(&seed_001(), dir.path(), "kh.pdf");
    let info = poppler("pdfinfo", &[], &pdf);
    let pages: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|v| v.trim().parse().ok())
        .expect("page count");
    assert!(pages >= 3, "seed 001 should take 3 pages, got {pages}");
    let page1 = poppler("pdftotext", &["-layout", "-f", "1", "-l", "1"], &pdf);
    assert!(
        !page1.lines().any(|l| l.trim() == "1"),
        "page 1 carries a page number:\n{page1}"
    );
    for n in 2..=pages {
        let p = n.to_string();
        let text = poppler("pdftotext", &["-layout", "-f", &p, "-l", &p], &pdf);
        let first = text
            .lines()
            .find(|l| !l.trim().is_empty())
            .unwrap_or_default();
        assert_eq!(
            first.trim(),
            p,
            "page {n} must start with its number:\n{text}"
        );
    }
}

#[test]
fn metadata_and_deterministic_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let doc = seed_001();
    let a = write(&doc, dir.path(), "a.pdf");
    let b = write(&doc, dir.path(), "b.pdf");
    assert_eq!(
        std::fs::read(&a).unwrap(),
        std::fs::read(&b).unwrap(),
        "same document, different bytes"
    );
    let info = poppler("pdfinfo", &["-rawdates"], &a);
    assert!(
        info.contains("Author:          ỦY BAN NHÂN DÂN XÃ QUAN SƠN"),
        "{info}"
    );
    assert!(
        info.contains("Title:           KẾ HOẠCH Thực hiện Quyết định"),
        "{info}"
    );
    // SOURCE_DATE_EPOCH 1775000000 = 2026-03-31 23:33:20 UTC (raw, so the reader's time
    // zone does not matter).
    for key in ["CreationDate:", "ModDate:"] {
        let line = info
            .lines()
            .find(|l| l.starts_with(key))
            .unwrap_or_default();
        assert_eq!(
            line.trim_start_matches(key).trim(),
            "D:20260331233320+00'00'",
            "{info}"
        );
    }
    assert!(
        !info.contains("PDF/X"),
        "the file must not claim PDF/X:\n{info}"
    );
    let size = std::fs::metadata(&a).unwrap().len();
    assert!(
        size < 80_000,
        "a 3-page plan should stay under 80 KB, got {size}"
    );
}

#[test]
fn degenerate_documents_still_write() {
    let dir = tempfile::tempdir().unwrap();
    let mut doc = seed_001();
    doc.subject.clear();
    doc.recipients.clear();
    doc.signature = Signature::default();
    doc.body.push(plain(&"Quá_dài_".repeat(200)));
    let pdf = write(&doc, dir.path(), "odd.pdf");
    let text = poppler("pdftotext", &[], &pdf);
    assert!(text.contains("Quá_dài_"));
    doc.body.clear();
    write(&doc, dir.path(), "empty.pdf");
}

/// A deadline typed in the editor's list, not in any paragraph, prints in the plan under its
/// section, once, as real plans write it: in the PDF, the Word file and the preview alike.
#[test]
fn a_deadline_typed_in_the_editor_prints_in_the_plan() {
    use tre::export::ExportFormat;
    use tre::session::Session;
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session::open(&dir.path().join("tre.db")).unwrap();
    let ids = s.demo_load(2026).unwrap();
    let pdf = dir.path().join("plan.pdf");
    let said = |s: &Session| {
        s.export_plan(ids[0], ExportFormat::Pdf, &pdf).unwrap();
        crate::common::fold(&crate::common::pdf_text(&pdf))
    };
    let before = said(&s);
    let mut plan = s.plan_get(ids[0]).unwrap().plan;
    assert!(
        !plan.deadlines.is_empty(),
        "the demo plan has deadlines in its text"
    );
    plan.deadlines.push(tre::model::Deadline {
        date: "2026-09-05".into(),
        text: "Rà soát danh sách trẻ em có hoàn cảnh đặc biệt".into(),
        section: "IV.3".into(),
        unit: Some("Công an xã".into()),
    });
    s.plan_update(ids[0], &plan).unwrap();
    let line =
        "- Công an xã: Rà soát danh sách trẻ em có hoàn cảnh đặc biệt, trước ngày 05/09/2026.";
    let text = said(&s);
    assert_eq!(text.matches(line).count(), 1, "{text}");
    // The deadlines the text already said are not printed again: one line more, no other.
    assert_eq!(
        text.matches("trước ngày").count(),
        before.matches("trước ngày").count() + 1
    );

    let docx = dir.path().join("plan.docx");
    s.export_plan(ids[0], ExportFormat::Docx, &docx).unwrap();
    let mut xml = String::new();
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&docx).unwrap()).unwrap();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml)
        .unwrap();
    let mut words = String::new();
    for piece in xml.split("<w:t").skip(1) {
        let body = piece.split_once('>').unwrap().1;
        words.push_str(body.split("</w:t>").next().unwrap());
    }
    assert_eq!(words.matches(line).count(), 1, "{words}");

    let preview = s.plan_preview(&plan).unwrap();
    let svg: String = preview.iter().map(|p| p.svg.as_str()).collect();
    assert!(svg.contains("05/09/2026"), "the preview shows the deadline");
}
