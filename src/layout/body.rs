//! The flowing part of the document between the header and the closing block: the title
//! block (type name, subject, short rule), "Kính gửi", the bases, headings and paragraphs.

use super::flow::{centered_rule, paragraph_bands, Band, Frame, ParaStyle};
use super::fonts::{text_width, FontFace};
use super::lines::{Align, Span};
use crate::document::{style, Annex, Block, Document};

/// Gap between the subject's last line and the rule under it.
const RULE_GAP: f32 = 3.5;
/// Room under the title block's rule before what follows.
const AFTER_TITLE: f32 = 12.0;

/// Type name, subject with its rule, and "Kính gửi": kept together with the first body line so
/// a title never ends a page.
pub fn title_bands(doc: &Document, f: &Frame) -> Vec<Band> {
    let mut bands = Vec::new();
    let type_name = doc.type_name.trim().to_uppercase();
    if !type_name.is_empty() {
        let st = ParaStyle::centered(style::TYPE_NAME_SIZE);
        bands.extend(paragraph_bands(
            &[Span::new(&type_name, FontFace::Bold)],
            f.left,
            f.width,
            &st,
        ));
    }
    let subject = doc.subject.trim();
    if !subject.is_empty() {
        let st = ParaStyle::centered(style::SUBJECT_SIZE);
        let mut lines =
            paragraph_bands(&[Span::new(subject, FontFace::Bold)], f.left, f.width, &st);
        let widest = lines
            .iter()
            .map(|b| b.texts.iter().map(|t| t.width).sum::<f32>())
            .fold(0.0f32, f32::max);
        if let Some(last) = lines.last_mut() {
            // Nghị định 30: a short solid rule, 1/3 to 1/2 of the subject line, centred.
            let y = last.height + RULE_GAP;
            last.rules.push(centered_rule(
                f.left + f.width / 2.0,
                (widest / 3.0).max(40.0),
                y,
            ));
            last.space_after = RULE_GAP + AFTER_TITLE;
        }
        bands.extend(lines);
    } else if let Some(last) = bands.last_mut() {
        last.space_after = AFTER_TITLE;
    }
    bands.extend(kinh_gui_bands(&doc.kinh_gui, f));
    for b in &mut bands {
        b.keep_with_next = true;
    }
    bands
}

/// The heading of an annex at the top of page 1: "Phụ lục" and the title (bold), the
/// "(Kèm theo …)" line (italic), a short rule; kept with what follows.
pub fn annex_bands(annex: &Annex, f: &Frame) -> Vec<Band> {
    let st = ParaStyle::centered(style::ANNEX_SIZE);
    let title = annex.title.trim().to_uppercase();
    let mut bands = Vec::new();
    for (text, face) in [
        (annex.label.trim(), FontFace::Bold),
        (title.as_str(), FontFace::Bold),
        (annex.reference.trim(), FontFace::Italic),
    ] {
        if !text.is_empty() {
            bands.extend(paragraph_bands(
                &[Span::new(text, face)],
                f.left,
                f.width,
                &st,
            ));
        }
    }
    if let Some(last) = bands.last_mut() {
        let y = last.height + RULE_GAP;
        last.rules
            .push(centered_rule(f.left + f.width / 2.0, f.width / 5.0, y));
        last.space_after = RULE_GAP + AFTER_TITLE;
    }
    for b in &mut bands {
        b.keep_with_next = true;
    }
    bands
}

/// "Kính gửi: …" centred for one addressee; for several, the label with the addressees as a
/// list aligned after it ("- …;" one per line), the whole group centred on the page.
fn kinh_gui_bands(items: &[String], f: &Frame) -> Vec<Band> {
    let items = crate::document::kinh_gui_items(items);
    let size = style::BODY_SIZE;
    let mut st = ParaStyle::centered(size);
    st.space_after = style::PARAGRAPH_SPACING_PT;
    match items.as_slice() {
        [] => Vec::new(),
        [one] => {
            let text = format!("Kính gửi: {one}");
            paragraph_bands(&[Span::new(&text, FontFace::Regular)], f.left, f.width, &st)
        }
        many => {
            let label = "Kính gửi: ";
            let label_w = text_width(FontFace::Regular, label, size);
            // Items may come with or without their dash; print exactly one.
            let lines = crate::document::kinh_gui_lines(many);
            let widest = lines
                .iter()
                .map(|l| text_width(FontFace::Regular, l, size))
                .fold(0.0f32, f32::max);
            let x0 = f.left + ((f.width - label_w - widest) / 2.0).max(0.0);
            let item_x = x0 + label_w;
            let item_w = f.right() - item_x;
            let mut st = ParaStyle {
                align: Align::Left,
                space_after: 0.0,
                ..st
            };
            st.rest_indent = text_width(FontFace::Regular, "- ", size);
            let mut bands = Vec::new();
            for (i, line) in lines.iter().enumerate() {
                let mut b =
                    paragraph_bands(&[Span::new(line, FontFace::Regular)], item_x, item_w, &st);
                if i == 0 {
                    if let Some(first) = b.first_mut() {
                        let mut p = first.texts[0].clone();
                        p.x = x0;
                        p.text = label.trim_end().to_string();
                        p.width = text_width(FontFace::Regular, &p.text, size);
                        p.word_spacing = 0.0;
                        first.texts.insert(0, p);
                    }
                }
                bands.extend(b);
            }
            if let Some(last) = bands.last_mut() {
                last.space_after = style::PARAGRAPH_SPACING_PT;
            }
            bands
        }
    }
}

/// Bases, headings and paragraphs, each line a band.
pub fn body_bands(blocks: &[Block], f: &Frame) -> Vec<Band> {
    let mut bands = Vec::new();
    let body = ParaStyle::body();
    for block in blocks {
        match block {
            Block::Basis(text) => {
                bands.extend(paragraph_bands(
                    &[Span::new(text, FontFace::Italic)],
                    f.left,
                    f.width,
                    &body,
                ));
            }
            Block::Heading { level, text } => {
                // Headings are set like paragraphs (same indent), in the face of their level,
                // and always stay with the line that follows them.
                let (text, face) = match level {
                    0 | 1 => (text.to_uppercase(), FontFace::Bold),
                    2 => (text.clone(), FontFace::Bold),
                    _ => (text.clone(), FontFace::Italic),
                };
                let st = ParaStyle {
                    keep_all: true,
                    ..body
                };
                bands.extend(paragraph_bands(
                    &[Span::new(&text, face)],
                    f.left,
                    f.width,
                    &st,
                ));
            }
            Block::Paragraph(runs) => {
                let spans: Vec<Span> = runs
                    .iter()
                    .map(|r| Span::new(&r.text, FontFace::from_style(r.bold, r.italic)))
                    .collect();
                bands.extend(paragraph_bands(&spans, f.left, f.width, &body));
            }
            Block::Table(t) => bands.extend(super::table::table_bands(t, f)),
        }
    }
    bands
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Run;

    #[test]
    fn faces_by_block_kind() {
        let f = Frame::a4();
        let blocks = vec![
            Block::Basis("Căn cứ Luật Trẻ em năm 2016;".into()),
            Block::Heading {
                level: 1,
                text: "I. Mục đích, yêu cầu".into(),
            },
            Block::Heading {
                level: 2,
                text: "1. Mục đích".into(),
            },
            Block::Heading {
                level: 3,
                text: "a) Tuyên truyền".into(),
            },
            Block::Paragraph(vec![
                Run {
                    text: "Gửi về UBND xã ".into(),
                    bold: false,
                    italic: false,
                },
                Run {
                    text: "trước ngày 10/11/2026".into(),
                    bold: true,
                    italic: false,
                },
                Run::plain("."),
            ]),
        ];
        let bands = body_bands(&blocks, &f);
        assert_eq!(bands.len(), 5);
        let faces: Vec<FontFace> = bands.iter().map(|b| b.texts[0].face).collect();
        use FontFace::*;
        assert_eq!(faces, vec![Italic, Bold, Bold, Italic, Regular]);
        assert_eq!(bands[1].texts[0].text, "I. MỤC ĐÍCH, YÊU CẦU");
        assert!(bands[1..4].iter().all(|b| b.keep_with_next));
        // First-line indent of 1.27 cm.
        assert!((bands[0].texts[0].x - f.left - super::super::flow::mm(12.7)).abs() < 0.01);
        assert_eq!(bands[4].texts[1].face, Bold);
    }

    #[test]
    fn title_block_with_rule_and_kinh_gui() {
        let f = Frame::a4();
        let mut doc = crate::layout::tests::sample_document();
        doc.kinh_gui = vec![
            "Sở Y tế tỉnh Lạng Sơn;".into(),
            "- UBND tỉnh Lạng Sơn.".into(),
        ];
        let bands = title_bands(&doc, &f);
        assert!(bands.iter().all(|b| b.keep_with_next));
        assert_eq!(bands.iter().map(|b| b.rules.len()).sum::<usize>(), 1);
        assert!(bands
            .iter()
            .any(|b| b.texts.iter().any(|t| t.text == "Kính gửi:")));
        let label = bands
            .iter()
            .flat_map(|b| &b.texts)
            .find(|t| t.text == "Kính gửi:")
            .unwrap();
        let first = bands
            .iter()
            .flat_map(|b| &b.texts)
            .find(|t| t.text.starts_with("- Sở"))
            .unwrap();
        let second = bands
            .iter()
            .flat_map(|b| &b.texts)
            .find(|t| t.text.starts_with("- UBND"))
            .unwrap();
        assert_eq!(label.y, first.y);
        assert_eq!(first.x, second.x);
        doc.subject.clear();
        doc.type_name.clear();
        doc.kinh_gui.clear();
        assert!(title_bands(&doc, &f).is_empty());
    }
}
