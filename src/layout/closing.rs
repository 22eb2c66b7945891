//! The end of the document: "Nơi nhận" (left) and the signature block (right), side by side
//! and starting at the same height. The pair is one band, so pagination can never separate
//! them or split the signature from its name.

use super::flow::{column_lines, line_height, Band, Frame};
use super::fonts::FontFace;
use super::lines::Align;
use crate::document::{style, Document};

/// Extra room between the closing sentence and the closing block.
const TOP_PAD: f32 = 6.0;

pub const RECIPIENTS_LABEL: &str = "Nơi nhận:";

/// The closing band, or `None` when the document has neither recipients nor a signer.
pub fn closing_band(doc: &Document, f: &Frame) -> Option<Band> {
    let (lx, lw) = f.left_column();
    let (rx, rw) = f.right_column();
    let mut band = Band::default();

    // Left: "Nơi nhận:" then one item per line; a long item wraps under its own text.
    let items = crate::document::kinh_gui_items(&doc.recipients);
    let mut left_h: f32 = 0.0;
    if !items.is_empty() {
        let (texts, h) = column_lines(
            &[(
                RECIPIENTS_LABEL,
                FontFace::BoldItalic,
                style::RECIPIENTS_TITLE_SIZE,
            )],
            lx,
            lw,
            TOP_PAD,
            Align::Left,
            0.0,
        );
        band.texts.extend(texts);
        let lines: Vec<(&str, FontFace, f32)> = items
            .iter()
            .map(|i| (*i, FontFace::Regular, style::RECIPIENTS_SIZE))
            .collect();
        let hanging = super::fonts::text_width(FontFace::Regular, "- ", style::RECIPIENTS_SIZE);
        let (texts, h2) = column_lines(&lines, lx, lw, TOP_PAD + h, Align::Left, hanging);
        band.texts.extend(texts);
        left_h = h + h2;
    }

    // Right: titles, room for the signature and seal, the name; all centred.
    let titles = doc.signature.title_lines();
    let name = doc.signature.name.trim();
    let mut right_h: f32 = 0.0;
    if !titles.is_empty() || !name.is_empty() {
        let lines: Vec<(&str, FontFace, f32)> = titles
            .iter()
            .map(|t| (t.as_str(), FontFace::Bold, style::SIGNATURE_SIZE))
            .collect();
        let (texts, h) = column_lines(&lines, rx, rw, TOP_PAD, Align::Center, 0.0);
        band.texts.extend(texts);
        right_h = h + style::SIGNATURE_GAP_LINES * line_height(style::SIGNATURE_SIZE);
        if !name.is_empty() {
            let (texts, h) = column_lines(
                &[(name, FontFace::Bold, style::SIGNATURE_SIZE)],
                rx,
                rw,
                TOP_PAD + right_h,
                Align::Center,
                0.0,
            );
            band.texts.extend(texts);
            right_h += h;
        }
    }

    if band.texts.is_empty() {
        return None;
    }
    band.height = TOP_PAD + left_h.max(right_h);
    Some(band)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn side_by_side_from_the_same_height() {
        let doc = crate::layout::tests::sample_document();
        let f = Frame::a4();
        let band = closing_band(&doc, &f).unwrap();
        let label = band
            .texts
            .iter()
            .find(|t| t.text == RECIPIENTS_LABEL)
            .unwrap();
        let title = band
            .texts
            .iter()
            .find(|t| t.text == "KT. CHỦ TỊCH")
            .unwrap();
        assert_eq!(label.face, FontFace::BoldItalic);
        assert_eq!(title.face, FontFace::Bold);
        // Tops level: baselines differ only by the difference of the ascents (12 vs 14 pt).
        assert!((label.y - title.y).abs() < 2.0);
        let (rx, _) = f.right_column();
        assert!(band
            .texts
            .iter()
            .filter(|t| t.size == style::RECIPIENTS_SIZE)
            .all(|t| t.right() <= rx + 0.01));
        let name = band
            .texts
            .iter()
            .find(|t| t.text == "Hoàng Đức Bình")
            .unwrap();
        assert!(name.y - title.y > 4.0 * line_height(14.0));
    }

    #[test]
    fn nothing_to_close() {
        let mut doc = crate::layout::tests::sample_document();
        doc.recipients.clear();
        doc.signature = Default::default();
        assert!(closing_band(&doc, &Frame::a4()).is_none());
        doc.signature.name = "A".into();
        assert!(closing_band(&doc, &Frame::a4()).is_some());
    }
}
