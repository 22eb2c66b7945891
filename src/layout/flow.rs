//! The page frame and the "band": the unit that pagination moves around.
//!
//! Everything below the two-column header flows from page to page as a list of bands. A band
//! is one line of text (or a group that must never be split, like the signature block) with
//! its pieces positioned relative to the band's top. Pagination only decides on which page
//! and at which height each band starts, so it never needs to know what the text says.

use super::fonts::{ascent, FontFace};
use super::justify::break_justified;
use super::lines::{break_balanced, break_lines, place_line, Align, Span};
use super::pages::{Rule, TextPiece};
use crate::document::style;

/// Points per millimetre.
pub const PT_PER_MM: f32 = 72.0 / 25.4;

pub fn mm(v: f32) -> f32 {
    v * PT_PER_MM
}

/// The printable frame of an A4 page (Nghị định 30 margins), in points from the top-left.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Frame {
    pub page_width: f32,
    pub page_height: f32,
    pub left: f32,
    pub width: f32,
    pub top: f32,
    pub bottom: f32,
}

impl Frame {
    pub fn a4() -> Self {
        let page_width = mm(style::PAGE_WIDTH_MM);
        let page_height = mm(style::PAGE_HEIGHT_MM);
        let left = mm(style::MARGIN_LEFT_MM);
        Frame {
            page_width,
            page_height,
            left,
            width: page_width - left - mm(style::MARGIN_RIGHT_MM),
            top: mm(style::MARGIN_TOP_MM),
            bottom: page_height - mm(style::MARGIN_BOTTOM_MM),
        }
    }

    pub fn right(&self) -> f32 {
        self.left + self.width
    }

    /// Height available for bands on a page that starts at the top margin.
    pub fn body_height(&self) -> f32 {
        self.bottom - self.top
    }

    /// The header's left column (authority, number) and right column (national title, date);
    /// the signature block and the recipients reuse them so the page reads as two columns.
    pub fn left_column(&self) -> (f32, f32) {
        (self.left, self.width * (1.0 - style::HEADER_RIGHT_SHARE))
    }

    pub fn right_column(&self) -> (f32, f32) {
        let w = self.width * style::HEADER_RIGHT_SHARE;
        (self.right() - w, w)
    }
}

/// Height of one line of text at `size` ("single" spacing of Times New Roman).
pub fn line_height(size: f32) -> f32 {
    size * style::LINE_HEIGHT_FACTOR
}

/// An unbreakable piece of the flow, positioned relative to its own top.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Band {
    pub height: f32,
    /// Room left under the band when another band follows on the same page.
    pub space_after: f32,
    /// The band must sit on the same page as the next one (headings, orphan/widow control).
    pub keep_with_next: bool,
    pub texts: Vec<TextPiece>,
    pub rules: Vec<Rule>,
    /// A table row's header row: drawn again above this band when a page starts with it.
    pub repeat_header: Option<Box<Band>>,
}

/// How a paragraph of the flow is set.
#[derive(Debug, Clone, Copy)]
pub struct ParaStyle {
    pub size: f32,
    pub align: Align,
    pub first_indent: f32,
    pub rest_indent: f32,
    pub space_after: f32,
    /// Every line keeps with the next one (headings, the title block).
    pub keep_all: bool,
}

impl ParaStyle {
    /// A justified body paragraph (Nghị định 30: 14 pt, first-line indent 1.27 cm, 6 pt after).
    pub fn body() -> Self {
        ParaStyle {
            size: style::BODY_SIZE,
            align: Align::Justify,
            first_indent: mm(style::FIRST_LINE_INDENT_MM),
            rest_indent: 0.0,
            space_after: style::PARAGRAPH_SPACING_PT,
            keep_all: false,
        }
    }

    pub fn centered(size: f32) -> Self {
        ParaStyle {
            size,
            align: Align::Center,
            first_indent: 0.0,
            rest_indent: 0.0,
            space_after: 0.0,
            keep_all: true,
        }
    }
}

/// Breaks one paragraph into one band per line, within the box `[x, x + width]`.
///
/// Keep flags give orphan and widow control: the first line of a paragraph of two or more
/// lines never stays alone at a page bottom, and its last line never starts a page alone.
pub fn paragraph_bands(spans: &[Span], x: f32, width: f32, st: &ParaStyle) -> Vec<Band> {
    let lines = match st.align {
        Align::Center => break_balanced(spans, st.size, width),
        Align::Justify => break_justified(spans, st.size, width, st.first_indent, st.rest_indent),
        Align::Left => break_lines(spans, st.size, width, st.first_indent, st.rest_indent),
    };
    let n = lines.len();
    let lh = line_height(st.size);
    let base = ascent(st.size);
    lines
        .iter()
        .enumerate()
        .map(|(i, line)| Band {
            height: lh,
            space_after: if i + 1 == n { st.space_after } else { 0.0 },
            keep_with_next: st.keep_all || (n >= 2 && (i == 0 || i + 2 == n)),
            texts: place_line(line, x, width, base, st.size, st.align),
            rules: Vec::new(),
            repeat_header: None,
        })
        .collect()
}

/// Lays lines in a column and returns their pieces (relative to `top`) and the height used:
/// used by the header and the closing block, which are placed as fixed groups. Centred text
/// wraps into balanced lines; left-aligned text wraps under a `hanging` indent.
pub fn column_lines(
    lines: &[(&str, FontFace, f32)],
    x: f32,
    width: f32,
    top: f32,
    align: Align,
    hanging: f32,
) -> (Vec<TextPiece>, f32) {
    let mut y = top;
    let mut out = Vec::new();
    for (text, face, size) in lines {
        let spans = [Span::new(text, *face)];
        let lines = if align == Align::Center {
            break_balanced(&spans, *size, width)
        } else {
            break_lines(&spans, *size, width, 0.0, hanging)
        };
        for line in lines {
            out.extend(place_line(&line, x, width, y + ascent(*size), *size, align));
            y += line_height(*size);
        }
    }
    (out, y - top)
}

/// Cuts a band taller than `max_height` (a closing block with dozens of recipients) into
/// bands that each fit on a page, between lines, so no input can overflow a page.
pub fn split_tall(band: Band, max_height: f32) -> Vec<Band> {
    if band.height <= max_height {
        return vec![band];
    }
    let mut texts = band.texts;
    texts.sort_by(|a, b| a.y.total_cmp(&b.y));
    let mut out: Vec<Band> = Vec::new();
    let mut cur = Band::default();
    // Top of `cur` in the coordinates of the original band.
    let mut cur_top = 0.0;
    for t in texts {
        let top = t.y - ascent(t.size);
        let bottom = top + line_height(t.size);
        // Pieces of one line share a baseline: never separate them.
        let same_line = cur.texts.last().is_some_and(|p| p.y == t.y - cur_top);
        if !cur.texts.is_empty() && !same_line && bottom - cur_top > max_height {
            out.push(std::mem::take(&mut cur));
            cur_top = top;
        }
        cur.height = cur.height.max(bottom - cur_top);
        cur.texts.push(TextPiece {
            y: t.y - cur_top,
            ..t
        });
    }
    out.push(cur);
    if let Some(last) = out.last_mut() {
        last.space_after = band.space_after;
    }
    out
}

/// A horizontal rule of `length` centred on `center`, at height `y`.
pub fn centered_rule(center: f32, length: f32, y: f32) -> Rule {
    Rule {
        x1: center - length / 2.0,
        y1: y,
        x2: center + length / 2.0,
        y2: y,
        thickness: RULE_THICKNESS,
    }
}

/// Stroke of the header and title rules: a fine solid line, as in printed documents.
pub const RULE_THICKNESS: f32 = 0.6;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a4_frame_has_nd30_margins() {
        let f = Frame::a4();
        assert!((f.page_width - 595.28).abs() < 0.01);
        assert!((f.left - 85.04).abs() < 0.01);
        assert!((f.right() - (595.28 - 42.52)).abs() < 0.01);
        assert!((f.top - 56.69).abs() < 0.01);
        assert!((f.bottom - (841.89 - 56.69)).abs() < 0.01);
    }

    #[test]
    fn orphan_and_widow_flags() {
        let text = "Nguồn kinh phí thực hiện Kế hoạch được Sở Y tế hỗ trợ một phần; kinh phí tự \
            cân đối từ ngân sách xã và từ nguồn huy động đóng góp xã hội hóa cho chương trình \
            bảo vệ chăm sóc trẻ em trên địa bàn xã, theo đúng quy định hiện hành.";
        let f = Frame::a4();
        let bands = paragraph_bands(
            &[Span::new(text, FontFace::Regular)],
            f.left,
            200.0,
            &ParaStyle::body(),
        );
        let n = bands.len();
        assert!(n >= 4);
        assert!(bands[0].keep_with_next);
        assert!(bands[n - 2].keep_with_next);
        assert!(!bands[n - 1].keep_with_next);
        assert!(!bands[1].keep_with_next || n == 3);
        assert_eq!(bands[n - 1].space_after, style::PARAGRAPH_SPACING_PT);
    }

    #[test]
    fn tall_bands_are_cut_between_lines() {
        let items: Vec<String> = (0..120).map(|i| format!("- Đơn vị số {i};")).collect();
        let lines: Vec<(&str, FontFace, f32)> = items
            .iter()
            .map(|s| (s.as_str(), FontFace::Regular, 11.0))
            .collect();
        let (texts, h) = column_lines(&lines, 85.0, 200.0, 0.0, Align::Left, 0.0);
        let band = Band {
            height: h,
            texts,
            ..Band::default()
        };
        let f = Frame::a4();
        let parts = split_tall(band, f.body_height());
        assert!(parts.len() >= 3);
        assert_eq!(parts.iter().map(|p| p.texts.len()).sum::<usize>(), 120);
        for p in &parts {
            assert!(p.height <= f.body_height());
            assert!(p.texts.iter().all(|t| t.y - ascent(t.size) >= -0.01));
        }
    }
}
