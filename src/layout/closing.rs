//! The end of the document: "Nơi nhận" (left) and the signature block (right), side by side
//! and starting at the same height. The pair is one band, so pagination can never separate
//! them or split the signature from its name.

use super::flow::{column_lines, line_height, Band, Frame};
use super::fonts::FontFace;
use super::lines::Align;
use super::pages::TextPiece;
use crate::document::{style, Document, Signature};

/// Extra room between the closing sentence and the closing block.
const TOP_PAD: f32 = 6.0;

pub const RECIPIENTS_LABEL: &str = "Nơi nhận:";

/// The closing band, or `None` when the document has neither recipients nor a signer.
pub fn closing_band(doc: &Document, f: &Frame) -> Option<Band> {
    let (lx, lw) = f.left_column();
    let (rx, rw) = f.right_column();
    let mut band = Band::default();

    // Left: a second signer (the secretary of a meeting), or "Nơi nhận:" then one item per
    // line; a long item wraps under its own text.
    let items = crate::document::kinh_gui_items(&doc.recipients);
    let mut left_h: f32 = 0.0;
    if let Some(sig) = &doc.left_signature {
        let (texts, h) = signature_block(sig, lx, lw);
        band.texts.extend(texts);
        left_h = h;
    } else if !items.is_empty() {
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
    let (texts, right_h) = signature_block(&doc.signature, rx, rw);
    band.texts.extend(texts);

    if band.texts.is_empty() {
        return None;
    }
    band.height = TOP_PAD + left_h.max(right_h);
    Some(band)
}

/// A signature block centred in the column `[x, x + w]`, from `TOP_PAD` down: titles, room
/// to sign and seal, the name. Returns the pieces and the height used (0 when empty).
fn signature_block(sig: &Signature, x: f32, w: f32) -> (Vec<TextPiece>, f32) {
    let titles = sig.title_lines();
    let name = sig.name.trim();
    let mut out = Vec::new();
    if titles.is_empty() && name.is_empty() {
        return (out, 0.0);
    }
    let lines: Vec<(&str, FontFace, f32)> = titles
        .iter()
        .map(|t| (t.as_str(), FontFace::Bold, style::SIGNATURE_SIZE))
        .collect();
    let (texts, h) = column_lines(&lines, x, w, TOP_PAD, Align::Center, 0.0);
    out.extend(texts);
    let mut height = h + style::SIGNATURE_GAP_LINES * line_height(style::SIGNATURE_SIZE);
    if !name.is_empty() {
        let (texts, h) = column_lines(
            &[(name, FontFace::Bold, style::SIGNATURE_SIZE)],
            x,
            w,
            TOP_PAD + height,
            Align::Center,
            0.0,
        );
        out.extend(texts);
        height += h;
    }
    (out, height)
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

    #[test]
    fn two_signers_side_by_side() {
        let mut doc = crate::layout::tests::sample_document();
        doc.recipients.clear();
        doc.signature = Signature {
            titles: vec!["CHỦ TRÌ".into()],
            name: "Nguyễn Văn Thành".into(),
        };
        doc.left_signature = Some(Signature {
            titles: vec!["THƯ KÝ".into()],
            name: "Đinh Thị Lan".into(),
        });
        let f = Frame::a4();
        let band = closing_band(&doc, &f).unwrap();
        let find = |s: &str| band.texts.iter().find(|t| t.text == s).unwrap();
        let (lx, lw) = f.left_column();
        let (rx, rw) = f.right_column();
        let (sec, chair) = (find("THƯ KÝ"), find("CHỦ TRÌ"));
        assert_eq!(sec.y, chair.y);
        // Each centred in its own column.
        assert!(((sec.x + sec.right()) / 2.0 - (lx + lw / 2.0)).abs() < 0.5);
        assert!(((chair.x + chair.right()) / 2.0 - (rx + rw / 2.0)).abs() < 0.5);
        assert_eq!(find("Đinh Thị Lan").y, find("Nguyễn Văn Thành").y);
        assert!(!band.texts.iter().any(|t| t.text == RECIPIENTS_LABEL));
    }
}
