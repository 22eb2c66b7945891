//! Structure of the DOCX: the parts are read back from the ZIP and checked as text.

use std::io::{Cursor, Read};

use super::package::{core_xml, with_language};
use super::*;
use crate::document::{Header, Meta};

fn sample() -> Document {
    crate::layout::tests::sample_document()
}

/// The XML parts of a DOCX, by name.
fn parts(bytes: &[u8]) -> std::collections::BTreeMap<String, String> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("a ZIP package");
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).unwrap();
            let mut s = String::new();
            f.read_to_string(&mut s).expect("UTF-8 XML");
            (f.name().to_string(), s)
        })
        .collect()
}

fn part(bytes: &[u8], name: &str) -> String {
    parts(bytes)
        .remove(name)
        .unwrap_or_else(|| panic!("no {name}"))
}

fn document_xml(doc: &Document) -> String {
    part(&write_docx(doc).unwrap(), "word/document.xml")
}

/// The text of each `w:p` of `xml`, in order.
fn paragraph_texts(xml: &str) -> Vec<String> {
    xml.split("<w:p ")
        .skip(1)
        .map(|p| {
            let p = p.split("</w:p>").next().unwrap_or_default();
            p.split("<w:t xml:space=\"preserve\">")
                .skip(1)
                .map(|t| t.split("</w:t>").next().unwrap_or_default())
                .collect()
        })
        .collect()
}

#[test]
fn page_is_a4_with_nd30_margins_and_numbers_from_page_two() {
    let bytes = write_docx(&sample()).unwrap();
    let xml = part(&bytes, "word/document.xml");
    assert!(
        xml.contains(r#"<w:pgSz w:w="11906" w:h="16838" />"#),
        "{xml}"
    );
    // 20 / 15 / 20 / 30 mm in twips.
    assert!(
        xml.contains(r#"<w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701""#),
        "{xml}"
    );
    assert!(xml.contains("<w:titlePg />"));
    // The default header holds a PAGE field at 13 pt; the first-page header is empty.
    let rels = part(&bytes, "word/_rels/document.xml.rels");
    let target = |kind: &str| {
        let id = xml
            .split(&format!(r#"<w:headerReference w:type="{kind}" r:id=""#))
            .nth(1)
            .and_then(|s| s.split('"').next())
            .unwrap_or_else(|| panic!("no {kind} header"));
        let file = rels
            .split(&format!(r#"Id="{id}""#))
            .nth(1)
            .and_then(|s| s.split("Target=\"").nth(1))
            .and_then(|s| s.split('"').next())
            .unwrap();
        part(&bytes, &format!("word/{file}"))
    };
    let default = target("default");
    assert!(
        default.contains("<w:instrText>PAGE</w:instrText>"),
        "{default}"
    );
    assert!(default.contains(r#"<w:fldChar w:fldCharType="begin""#));
    assert!(default.contains(r#"<w:sz w:val="26" />"#));
    assert!(default.contains(r#"<w:jc w:val="center" />"#));
    let first = target("first");
    assert!(
        !first.contains("PAGE") && !first.contains("<w:t"),
        "{first}"
    );
    // The section properties come in schema order: header references first.
    let sect = xml.split("<w:sectPr>").nth(1).unwrap();
    assert!(sect.starts_with("<w:headerReference"), "{sect}");
}

#[test]
fn header_and_closing_are_fixed_borderless_tables() {
    let xml = document_xml(&sample());
    assert_eq!(xml.matches("<w:tbl>").count(), 2);
    assert_eq!(xml.matches(r#"<w:tblLayout w:type="fixed" />"#).count(), 2);
    // 44 % / 56 % of the 9355-twip text width, in the grid and in the cells.
    let (l, r) = parts::columns();
    assert_eq!((l, r), (4116, 5239));
    assert_eq!(
        xml.matches(r#"<w:tblGrid><w:gridCol w:w="4116" /><w:gridCol w:w="5239" /></w:tblGrid>"#)
            .count(),
        2
    );
    assert!(
        !xml.contains("w:val=\"single\" w:sz=\"2\""),
        "no table borders"
    );
    // The header: the blank number keeps its spaces; the motto is bold 13.
    assert!(xml.contains(r#"<w:t xml:space="preserve">Số:      /KH-UBND</w:t>"#));
    assert!(xml.contains(r#"<w:t xml:space="preserve">Quan Sơn, ngày      tháng 4 năm 2026</w:t>"#));
    let header = xml.split("</w:tbl>").next().unwrap();
    let texts = paragraph_texts(header);
    let expected = [
        "ỦY BAN NHÂN DÂN",
        "XÃ QUAN SƠN",
        "",
        Header::NATIONAL_TITLE,
        Header::MOTTO,
        "Số:      /KH-UBND",
        "Quan Sơn, ngày      tháng 4 năm 2026",
    ];
    assert_eq!(texts, expected);
    // Two rules: under the authority (a third of the column) and under the motto.
    assert_eq!(header.matches("<w:pBdr><w:bottom").count(), 2);
    // The closing: one row that never splits, the signature on the right.
    let closing = xml.rsplit("<w:tbl>").next().unwrap();
    assert!(closing.contains("<w:cantSplit />"));
    let texts = paragraph_texts(closing);
    assert_eq!(texts[0], "Nơi nhận:");
    assert_eq!(texts[4], "- Lưu: VT, VHXH.");
    assert_eq!(
        &texts[5..],
        [
            "KT. CHỦ TỊCH",
            "PHÓ CHỦ TỊCH",
            "",
            "",
            "",
            "",
            "Hoàng Đức Bình",
            ""
        ]
    );
    let label = closing.split("Nơi nhận:").next().unwrap();
    let label_run = label.rsplit("<w:r>").next().unwrap();
    assert!(label_run.contains("<w:b />") && label_run.contains("<w:i />"));
    assert!(label_run.contains(r#"<w:sz w:val="24" />"#));
    // The paragraph before the closing table stays with it.
    let before = xml.rsplit("<w:tbl>").nth(1).unwrap();
    let last_p = before.rsplit("<w:p ").next().unwrap();
    assert!(last_p.contains("<w:keepNext />"), "{last_p}");
}

#[test]
fn body_uses_paragraph_styles() {
    let bytes = write_docx(&sample()).unwrap();
    let xml = part(&bytes, "word/document.xml");
    let styles = part(&bytes, "word/styles.xml");
    // One paragraph per block, never a line break inside.
    assert!(!xml.contains("<w:br"));
    assert!(xml.contains(r#"<w:pStyle w:val="Basis" />"#));
    assert_eq!(xml.matches(r#"<w:pStyle w:val="Heading1" />"#).count(), 3);
    assert_eq!(xml.matches(r#"<w:pStyle w:val="Heading2" />"#).count(), 9);
    assert_eq!(xml.matches(r#"<w:pStyle w:val="Heading3" />"#).count(), 9);
    // Headings keep with the next paragraph.
    for h in xml.split(r#"<w:pStyle w:val="Heading"#).skip(1) {
        let ppr = h.split("</w:pPr>").next().unwrap();
        assert!(ppr.contains("<w:keepNext />"), "{ppr}");
    }
    // Run styles inside a paragraph.
    assert!(xml.contains(r#"<w:r><w:rPr><w:i /><w:iCs /></w:rPr><w:t xml:space="preserve">trước ngày 10/11/2026</w:t></w:r>"#));
    // The body style: justified, 1.27 cm first-line indent, 6 pt after, single spacing.
    let body = styles
        .split(r#"w:styleId="Body""#)
        .nth(1)
        .unwrap()
        .split("</w:style>")
        .next()
        .unwrap();
    assert!(body.contains(r#"<w:jc w:val="both" />"#), "{body}");
    assert!(body.contains(r#"w:firstLine="720""#), "{body}");
    assert!(
        body.contains(r#"w:after="120" w:line="240" w:lineRule="auto""#),
        "{body}"
    );
    let style = |id: &str| {
        styles
            .split(&format!(r#"w:styleId="{id}""#))
            .nth(1)
            .unwrap()
            .split("</w:style>")
            .next()
            .unwrap()
            .to_string()
    };
    assert!(style("Basis").contains("<w:i />"));
    assert!(
        style("Heading1").contains("<w:b />")
            && style("Heading1").contains("w:outlineLvl w:val=\"0\"")
    );
    assert!(style("Heading2").contains("<w:b />"));
    assert!(style("Heading3").contains("<w:i />"));
    assert!(styles.contains(r#"<w:style w:type="paragraph" w:styleId="Normal" w:default="1">"#));
}

#[test]
fn times_new_roman_14_in_vietnamese() {
    let styles = part(&write_docx(&sample()).unwrap(), "word/styles.xml");
    let defaults = styles.split("</w:rPrDefault>").next().unwrap();
    assert!(defaults.contains(
        r#"<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:cs="Times New Roman" w:eastAsia="Times New Roman" />"#
    ), "{defaults}");
    assert!(defaults.contains(r#"<w:sz w:val="28" />"#));
    assert!(defaults.contains(r#"<w:lang w:val="vi-VN""#), "{defaults}");
    // In schema order: the language after the size.
    assert!(defaults.find("<w:sz ").unwrap() < defaults.find("<w:lang ").unwrap());
    assert_eq!(
        with_language("<w:rPrDefault><w:rPr /></w:rPrDefault>"),
        r#"<w:rPrDefault><w:rPr><w:lang w:val="vi-VN" w:eastAsia="vi-VN" w:bidi="ar-SA" /></w:rPr></w:rPrDefault>"#
    );
}

#[test]
fn title_author_and_dates() {
    let bytes = write_docx(&sample()).unwrap();
    let core = part(&bytes, "docProps/core.xml");
    assert!(core.contains("<dc:title>KẾ HOẠCH thực hiện QĐ 06</dc:title>"));
    assert!(core.contains("<dc:creator>ỦY BAN NHÂN DÂN XÃ QUAN SƠN</dc:creator>"));
    let meta = Meta {
        title: "A & <B>".into(),
        author: "\"C\"".into(),
    };
    let core = core_xml(&meta, Some("2026-03-31T23:33:20Z"));
    assert!(core.contains("<dc:title>A &amp; &lt;B&gt;</dc:title>"));
    assert!(core.contains("<dc:creator>&quot;C&quot;</dc:creator>"));
    assert!(core.contains(
        r#"<dcterms:created xsi:type="dcterms:W3CDTF">2026-03-31T23:33:20Z</dcterms:created>"#
    ));
    assert!(!core_xml(&meta, None).contains("dcterms:created"));
}

#[test]
fn same_document_same_bytes() {
    let doc = sample();
    let a = write_docx(&doc).unwrap();
    // Paragraph ids come from a counter in docx-rs that keeps growing between documents.
    let mut other = sample();
    other.body.truncate(3);
    write_docx(&other).unwrap();
    let b = write_docx(&doc).unwrap();
    assert_eq!(a, b);
    // No part carries the time of writing.
    let mut zip = zip::ZipArchive::new(Cursor::new(&a)).unwrap();
    for i in 0..zip.len() {
        let f = zip.by_index(i).unwrap();
        assert_eq!(
            f.last_modified(),
            Some(zip::DateTime::default()),
            "{}",
            f.name()
        );
    }
}

#[test]
fn kinh_gui_one_or_several() {
    let mut doc = sample();
    doc.kinh_gui = vec!["Sở Y tế tỉnh Lạng Sơn".into()];
    let texts = paragraph_texts(&document_xml(&doc));
    assert!(texts.contains(&"Kính gửi: Sở Y tế tỉnh Lạng Sơn".to_string()));
    doc.kinh_gui = vec![
        "Sở Y tế tỉnh Lạng Sơn;".into(),
        "- UBND tỉnh Lạng Sơn.".into(),
    ];
    let xml = document_xml(&doc);
    let texts = paragraph_texts(&xml);
    let i = texts
        .iter()
        .position(|t| t == "Kính gửi:- Sở Y tế tỉnh Lạng Sơn;")
        .expect("label and first addressee on one line");
    assert_eq!(texts[i + 1], "- UBND tỉnh Lạng Sơn.");
    assert!(xml.contains("<w:tab />"));
    // The subject's rule keeps its 12 pt of room above "Kính gửi", which keeps 6 pt after.
    let title = xml.split("</w:tbl>").nth(1).unwrap();
    let rule = title.split("<w:pBdr>").nth(1).unwrap();
    let rule = rule.split("</w:pPr>").next().unwrap();
    assert!(rule.contains(r#"w:after="240""#), "{rule}");
    let last = title.split("Lạng Sơn.").next().unwrap();
    assert!(last
        .rsplit("<w:pPr>")
        .next()
        .unwrap()
        .contains(r#"w:after="120""#));
    assert!(last
        .rsplit("<w:pPr>")
        .next()
        .unwrap()
        .contains("<w:keepNext />"));
}

#[test]
fn degenerate_documents_still_write() {
    let mut doc = sample();
    doc.header.authority.clear();
    doc.header.parent_authority = Some("Ủy ban nhân dân tỉnh Lạng Sơn".into());
    doc.subject.clear();
    doc.type_name.clear();
    doc.body = vec![
        Block::Paragraph(vec![]),
        Block::Paragraph(vec![Run::plain("Dòng một\nDòng\thai\u{0}")]),
    ];
    doc.recipients.clear();
    doc.signature = Default::default();
    let xml = document_xml(&doc);
    assert_eq!(xml.matches("<w:tbl>").count(), 1, "no closing table");
    assert!(xml.contains("ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN"));
    assert!(xml.contains("Dòng một Dòng hai "));
    doc.signature.name = "A".into();
    let xml = document_xml(&doc);
    assert_eq!(xml.matches("<w:tbl>").count(), 2);
    // Every cell holds a paragraph, as Word requires.
    for cell in xml.split("<w:tc>").skip(1) {
        assert!(cell.split("</w:tc>").next().unwrap().contains("<w:p "));
    }
}
