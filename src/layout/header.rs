//! The two-column header of page 1 (Nghị định 30, Phụ lục I):
//!
//! ```text
//!      ỦY BAN NHÂN DÂN            CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
//!       XÃ QUAN SƠN                  Độc lập - Tự do - Hạnh phúc
//!        ───────                     ───────────────────────────
//!    Số:      /KH-UBND            Quan Sơn, ngày      tháng 4 năm 2026
//! ```
//!
//! Both columns start at the top margin and each line is centred in its column. The number
//! and the place-date line share one baseline below the lower of the two rules, as in a Word
//! table whose last row holds them both.

use super::flow::{centered_rule, column_lines, Frame};
use super::fonts::{ascent, text_width, FontFace};
use super::lines::Align;
use super::pages::{Rule, TextPiece};
use crate::document::{style, Header};

/// Gap between the last line of a column and the rule under it.
const RULE_GAP: f32 = 3.0;
/// Gap between the lower rule and the number / place-date row.
const ROW_GAP: f32 = 6.0;

/// The laid-out header: pieces and rules at absolute positions on page 1, and the height
/// where it ends.
#[derive(Debug, Clone, PartialEq)]
pub struct HeaderLayout {
    pub texts: Vec<TextPiece>,
    pub rules: Vec<Rule>,
    pub bottom: f32,
}

/// Room kept free on each side of a column's text, so the two columns never touch.
const COLUMN_PAD: f32 = 3.0;

pub fn layout_header(h: &Header, f: &Frame) -> HeaderLayout {
    let (lx, lw) = f.left_column();
    let (rx, rw) = f.right_column();
    let (lx, lw, rx, rw) = (
        lx + COLUMN_PAD,
        lw - 2.0 * COLUMN_PAD,
        rx + COLUMN_PAD,
        rw - 2.0 * COLUMN_PAD,
    );
    let mut texts = Vec::new();
    let mut rules = Vec::new();

    // Left column: superior authority (regular), issuing authority (bold), short rule.
    let parent = h
        .parent_authority
        .as_deref()
        .map(str::to_uppercase)
        .filter(|s| !s.trim().is_empty());
    let authority: Vec<String> = h
        .authority
        .iter()
        .map(|s| s.to_uppercase())
        .filter(|s| !s.trim().is_empty())
        .collect();
    let mut left: Vec<(&str, FontFace, f32)> = Vec::new();
    if let Some(p) = &parent {
        left.push((p, FontFace::Regular, style::HEADER_SIZE));
    }
    left.extend(
        authority
            .iter()
            .map(|a| (a.as_str(), FontFace::Bold, style::HEADER_SIZE)),
    );
    let (pieces, used) = column_lines(&left, lx, lw, f.top, Align::Center, 0.0);
    texts.extend(pieces);
    let mut left_bottom = f.top + used;
    if !authority.is_empty() {
        left_bottom += RULE_GAP;
        rules.push(centered_rule(lx + lw / 2.0, lw / 3.0, left_bottom));
    }

    // Right column: national title, motto, and a rule exactly as long as the motto.
    let right = [
        (
            Header::NATIONAL_TITLE,
            FontFace::Bold,
            style::NATIONAL_TITLE_SIZE,
        ),
        (Header::MOTTO, FontFace::Bold, style::MOTTO_SIZE),
    ];
    let (pieces, used) = column_lines(&right, rx, rw, f.top, Align::Center, 0.0);
    texts.extend(pieces);
    let right_bottom = f.top + used + RULE_GAP;
    let motto_width = text_width(FontFace::Bold, Header::MOTTO, style::MOTTO_SIZE).min(rw);
    rules.push(centered_rule(rx + rw / 2.0, motto_width, right_bottom));

    // Number and place-date on one shared baseline under the lower rule.
    let row_top = left_bottom.max(right_bottom) + ROW_GAP;
    let lead = ascent(style::PLACE_DATE_SIZE) - ascent(style::NUMBER_SIZE);
    let (pieces, used_l) = column_lines(
        &[(
            h.number_line.as_str(),
            FontFace::Regular,
            style::NUMBER_SIZE,
        )],
        lx,
        lw,
        row_top + lead,
        Align::Center,
        0.0,
    );
    texts.extend(pieces);
    let (pieces, used_r) = column_lines(
        &[(
            h.place_date.as_str(),
            FontFace::Italic,
            style::PLACE_DATE_SIZE,
        )],
        rx,
        rw,
        row_top,
        Align::Center,
        0.0,
    );
    texts.extend(pieces);
    let bottom = (row_top + lead + used_l).max(row_top + used_r);
    HeaderLayout {
        texts,
        rules,
        bottom,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header() -> Header {
        Header {
            parent_authority: None,
            authority: vec!["ỦY BAN NHÂN DÂN".into(), "XÃ QUAN SƠN".into()],
            number_line: "Số:      /KH-UBND".into(),
            place_date: "Quan Sơn, ngày      tháng 4 năm 2026".into(),
        }
    }

    #[test]
    fn columns_side_by_side_and_rows_aligned() {
        let f = Frame::a4();
        let h = layout_header(&header(), &f);
        let find = |t: &str| {
            h.texts
                .iter()
                .find(|p| p.text == t)
                .unwrap_or_else(|| panic!("{t}"))
        };
        let uy = find("ỦY BAN NHÂN DÂN");
        let title = find(Header::NATIONAL_TITLE);
        let so = find("Số:      /KH-UBND");
        let date = find("Quan Sơn, ngày      tháng 4 năm 2026");
        // Same first row, left and right of the middle, no overlap.
        assert!((uy.y - title.y).abs() < 1.5);
        assert!(uy.right() < title.x);
        assert!(title.right() <= f.right() + 0.01);
        // Number and date share one baseline, below both rules.
        assert!((so.y - date.y).abs() < 0.01);
        assert!(h.rules.iter().all(|r| r.y1 < so.y - 10.0));
        assert_eq!(date.face, FontFace::Italic);
        // The motto's rule is as long as the motto.
        let motto = find(Header::MOTTO);
        let r = &h.rules[1];
        assert!((r.x1 - motto.x).abs() < 0.01 && (r.x2 - motto.right()).abs() < 0.01);
        // The authority rule is short and centred under the authority.
        let r = &h.rules[0];
        let (lx, lw) = f.left_column();
        assert!(((r.x1 + r.x2) / 2.0 - (lx + lw / 2.0)).abs() < 0.01);
        // Columns keep apart.
        let left_right = h
            .texts
            .iter()
            .filter(|t| t.x < lx + lw / 2.0)
            .map(|t| t.right())
            .fold(0.0, f32::max);
        assert!(left_right <= lx + lw - COLUMN_PAD + 0.01);
        assert!(r.x2 - r.x1 < lw / 2.0);
    }

    #[test]
    fn empty_header_does_not_panic() {
        let h = Header {
            parent_authority: Some(" ".into()),
            authority: vec![],
            number_line: String::new(),
            place_date: String::new(),
        };
        let out = layout_header(&h, &Frame::a4());
        assert!(out.bottom > Frame::a4().top);
    }
}
