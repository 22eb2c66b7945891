//! Wording shared by the assessment documents: dates and numbers written the Nghị định 30
//! way, capitals, figures, and the blocks (paragraphs, lead-ins, lists, lines to write on)
//! the documents are made of.

use chrono::{Datelike, NaiveDate};

use crate::document::{Block, Run};

/// Room to write by hand (a time, a day, a count).
pub const DOTS: &str = "……";

/// "9" → "09": numbers under 10 get a leading zero (Nghị định 30).
pub fn pad_number(n: &str) -> String {
    if n.len() == 1 && n.chars().all(|c| c.is_ascii_digit()) {
        format!("0{n}")
    } else {
        n.to_string()
    }
}

pub fn parse_iso(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok()
}

/// "08/4/2026", "03/01/2019": days under 10 and months 1–2 with a leading zero.
pub fn short_date(d: NaiveDate) -> String {
    short_date_parts(d.day(), d.month(), d.year())
}

pub(super) fn short_date_parts(day: u32, month: u32, year: i32) -> String {
    format!("{day:02}/{}/{year}", month_text(month))
}

fn month_text(m: u32) -> String {
    if m <= 2 {
        format!("{m:02}")
    } else {
        m.to_string()
    }
}

/// "ngày 12 tháng 11 năm 2026", or "ngày …… tháng …… năm 2026" to fill by hand.
pub fn long_date(d: Option<NaiveDate>, year: i32) -> String {
    match d {
        Some(d) => format!(
            "ngày {:02} tháng {} năm {}",
            d.day(),
            month_text(d.month()),
            d.year()
        ),
        None => format!("ngày {DOTS} tháng {DOTS} năm {year}"),
    }
}

pub fn upper_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// Lowers the first letter, unless the first word is an acronym or starts a proper name
/// that should keep its capital ("UBND", "Quyết định").
pub fn lower_first(s: &str) -> String {
    let first_word = s.split_whitespace().next().unwrap_or("");
    let upper_letters = first_word.chars().filter(|c| c.is_uppercase()).count();
    if upper_letters > 1 || first_word == "Quyết" || first_word == "Chương" {
        return s.to_string();
    }
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// A figure as printed: "412/415 (99,28 %)" with a no-break space before "%", so the sign
/// never starts a line alone.
pub fn figure(display: &str) -> String {
    upper_first(&display.replace(" %", "\u{a0}%"))
}

/// Lines of dots to write on by hand, each a paragraph that fills the indented line (a
/// dotted run wider than the line would leave a stub on a line of its own).
pub fn write_in(lines: usize) -> Vec<Block> {
    use crate::document::style;
    use crate::layout::{fonts::text_width, FontFace};
    let room = style::PAGE_WIDTH_MM
        - style::MARGIN_LEFT_MM
        - style::MARGIN_RIGHT_MM
        - style::FIRST_LINE_INDENT_MM;
    let room = room * 72.0 / 25.4;
    let dot = text_width(FontFace::Regular, "…", style::BODY_SIZE).max(1.0);
    let n = ((room / dot).floor() as usize).max(1);
    (0..lines).map(|_| para("…".repeat(n))).collect()
}

pub fn para(text: impl Into<String>) -> Block {
    Block::Paragraph(vec![Run::plain(text)])
}

/// A paragraph that starts with a bold lead-in: "**Tổng điểm:** 935 điểm."
pub fn lead(bold: &str, rest: impl Into<String>) -> Block {
    Block::Paragraph(vec![
        Run {
            text: bold.to_string(),
            bold: true,
            italic: false,
        },
        Run::plain(rest),
    ])
}

pub fn heading(level: u8, text: impl Into<String>) -> Block {
    Block::Heading {
        level,
        text: text.into(),
    }
}

/// Ends a closing sentence with "./." (Nghị định 30).
pub fn closing(text: &str) -> Block {
    let t = text.trim().trim_end_matches("./.").trim_end_matches('.');
    para(format!("{t}./."))
}

/// List items "- a;", "- b;" … "- z." as paragraphs.
pub fn dash_list(items: &[String]) -> Vec<Block> {
    let n = items.len();
    items
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let s = s.trim().trim_end_matches([';', '.', ',']);
            para(format!("- {s}{}", if i + 1 == n { "." } else { ";" }))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_numbers_follow_nd30() {
        let d = NaiveDate::from_ymd_opt(2026, 4, 8).unwrap();
        assert_eq!(short_date(d), "08/4/2026");
        let d = NaiveDate::from_ymd_opt(2019, 1, 3).unwrap();
        assert_eq!(short_date(d), "03/01/2019");
        assert_eq!(long_date(Some(d), 2019), "ngày 03 tháng 01 năm 2019");
        assert_eq!(long_date(None, 2026), "ngày …… tháng …… năm 2026");
        assert_eq!(pad_number("9"), "09");
        assert_eq!(pad_number("15"), "15");
    }

    #[test]
    fn first_letters() {
        assert_eq!(lower_first("Thực hiện Kế hoạch"), "thực hiện Kế hoạch");
        assert_eq!(lower_first("UBND xã"), "UBND xã");
        assert_eq!(upper_first("xã Minh Hòa"), "Xã Minh Hòa");
        assert_eq!(figure("có"), "Có");
        assert_eq!(figure("2/2 (100 %)"), "2/2 (100\u{a0}%)");
    }
}
