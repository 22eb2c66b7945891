//! From text to paragraphs. The input is plain text or the Markdown-ish text the seeds are
//! (text extracted from Word with a few `#` and `**` left in) — our DOCX reader writes the
//! same form — so one set of rules serves every format:
//!
//! - Markdown marks go (`#` headings, `**bold**`, `*italic*`, `\` escapes) but what they
//!   said is kept as flags: a `#` line is a heading, a paragraph that starts with a bold span
//!   may be a heading written inline (`**1. Mục đích:** Duy trì …`), an escaped label
//!   (`1\. …`) is a plain paragraph, never a numbered heading.
//! - A paragraph is a block between blank lines, or a line that starts an item of its own
//!   (a bullet, a label, a capitals line, the number or date line, "Nơi nhận").
//! - Lines broken mid-sentence are joined again: inside a block whenever the line before
//!   does not end a sentence; across a blank line only when the next one starts in lower
//!   case ("giáo\n\ndục" in seed 000), which a new paragraph never does.

use std::sync::LazyLock;

use regex_lite::Regex;

use super::vn;

/// One paragraph of the input with what its marks said.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Para {
    /// Text without marks, whitespace folded.
    pub text: String,
    /// The line of the text it starts on, from 1 (the linter's findings name it).
    pub line: usize,
    /// The first line cut where a two-column header puts its columns (a tab or 2+ spaces),
    /// so "Số: 12/KH-UBND      Quan Sơn, ngày …" gives both parts.
    pub cells: Vec<String>,
    /// Written as a heading (`#`, or a heading style in Word).
    pub heading: bool,
    /// Text of a bold span the paragraph starts with.
    pub bold_head: Option<String>,
    /// The whole paragraph is bold.
    pub all_bold: bool,
    /// Starts with an escaped label (`1\.`): a numbered paragraph, not a section.
    pub literal: bool,
    /// Nothing continues it: a heading, a capitals line, the number or date line. Decided
    /// on its first line (a paragraph joined from lines is none of these), so joining a
    /// long run of lines does not re-read the whole paragraph each time.
    closed: bool,
}

static ESCAPED_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[0-9]{1,2}(?:\.[0-9]{1,2})*|[a-zđ]|[IVXL]{1,5})\\[.)]").expect("valid pattern")
});

/// Cuts a line where a tab or two spaces or more separate columns.
fn cells_of(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cell = String::new();
    let mut spaces = 0;
    for c in line.chars() {
        match c {
            ' ' => spaces += 1,
            '\t' => spaces += 2,
            _ => {
                if spaces >= 2 && !cell.is_empty() {
                    out.push(std::mem::take(&mut cell));
                } else if spaces > 0 && !cell.is_empty() {
                    cell.push(' ');
                }
                spaces = 0;
                cell.push(c);
            }
        }
    }
    if !cell.is_empty() {
        out.push(cell);
    }
    out
}

/// Splits normalised text (NFC, `\n` line ends) into paragraphs.
pub fn paragraphs(text: &str) -> Vec<Para> {
    let mut out: Vec<Para> = Vec::new();
    // Whether a blank line came since the last paragraph was started or extended.
    let mut after_blank = true;
    for (i, raw) in text.split('\n').enumerate() {
        let Some(mut line) = parse_line(raw) else {
            after_blank = true;
            continue;
        };
        line.line = i + 1;
        let joins = match out.last() {
            None => false,
            Some(prev) if after_blank => joins_across_blank(prev, &line),
            Some(prev) => joins_in_block(prev, &line),
        };
        if joins {
            if let Some(prev) = out.last_mut() {
                prev.text.push(' ');
                prev.text.push_str(&line.text);
                prev.all_bold = false;
            }
        } else {
            out.push(line);
        }
        after_blank = false;
    }
    out
}

/// Lines that start something of their own and are never the continuation of a sentence.
pub fn starts_item(p: &Para) -> bool {
    let t = p.text.as_str();
    p.heading
        || p.literal
        || t.starts_with(['-', '+', '•', '–', '*'])
        || super::sections::split_label(t).is_some()
        || vn::is_upper(t)
        || super::header::is_number_line(t)
        || super::header::parse_place_date(t).is_some()
        || super::tail::is_recipients_heading(t)
        || starts_basis(t)
        || t.starts_with("Trên đây")
        || t.starts_with("Kính gửi")
}

/// "Căn cứ …", "Thực hiện …": how a basis of the plan begins.
pub fn starts_basis(text: &str) -> bool {
    text.starts_with("Căn cứ") || text.starts_with("Thực hiện")
}

/// Lines of one block: the next continues the previous unless either says otherwise.
fn joins_in_block(prev: &Para, next: &Para) -> bool {
    !starts_item(next) && can_continue(prev)
}

/// Across a blank line only a lower-case start shows the sentence goes on.
fn joins_across_blank(prev: &Para, next: &Para) -> bool {
    vn::starts_lowercase(&next.text) && !starts_item(next) && can_continue(prev)
}

fn can_continue(prev: &Para) -> bool {
    !prev.closed && !prev.all_bold && !vn::closes_sentence(&prev.text)
}

/// One line with its marks read and removed; `None` for a blank line.
fn parse_line(raw: &str) -> Option<Para> {
    // A trailing backslash or two spaces are Markdown's hard line break.
    let mut s = raw.trim_end().trim_end_matches('\\').trim();
    while let Some(rest) = s.strip_prefix('>') {
        s = rest.trim_start();
    }
    let mut heading = false;
    let hashes = s.chars().take_while(|&c| c == '#').count();
    if (1..=6).contains(&hashes) {
        let rest = &s[hashes..];
        if rest.is_empty() || rest.starts_with([' ', '\t']) {
            heading = true;
            s = rest.trim_start();
        }
    }
    let bullet_star;
    if let Some(rest) = s.strip_prefix("* ") {
        // A Markdown bullet, not emphasis: the seeds' bullets are dashes, keep them so.
        bullet_star = format!("- {}", rest.trim_start());
        s = &bullet_star;
    }
    // "1\. …" or "**1\. …**": escaped, so not a label, bold or not.
    let literal = s.contains('\\') && ESCAPED_LABEL.is_match(s.trim_start_matches('*'));
    let (mut bold_head, mut all_bold) = (None, false);
    if let Some(inner) = s.strip_prefix("**") {
        if let Some(end) = inner.find("**") {
            let head = vn::squash(&strip_marks(&inner[..end]));
            all_bold = strip_marks(&inner[end + 2..]).trim().is_empty();
            if !head.is_empty() {
                bold_head = Some(head);
            }
        }
    }
    let plain = strip_marks(s);
    let text = vn::squash(&plain);
    if text.is_empty() || is_rule(&text) {
        return None;
    }
    let cells = cells_of(&plain);
    let closed = heading
        || vn::is_upper(&text)
        || super::header::is_number_line(&text)
        || super::header::parse_place_date(&text).is_some();
    Some(Para {
        text,
        line: 0,
        cells,
        heading,
        bold_head,
        all_bold,
        literal,
        closed,
    })
}

/// Removes emphasis marks and resolves backslash escapes (`\*` is a star, `1\.` a label).
pub fn strip_marks(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek().is_some_and(|n| n.is_ascii_punctuation()) => {
                if let Some(n) = chars.next() {
                    out.push(n);
                }
            }
            '*' => {}
            _ => out.push(c),
        }
    }
    out
}

/// A line drawn with characters ("-----", "___", "***"), as under a header or a subject.
fn is_rule(text: &str) -> bool {
    text.chars().count() >= 3
        && text
            .chars()
            .all(|c| matches!(c, '-' | '_' | '=' | '*' | ' '))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<String> {
        paragraphs(s).into_iter().map(|p| p.text).collect()
    }

    #[test]
    fn marks_become_flags() {
        let p = &paragraphs("## **2.2. Tuyên truyền về xây dựng**")[0];
        assert!(p.heading && p.all_bold);
        assert_eq!(p.text, "2.2. Tuyên truyền về xây dựng");
        let p = &paragraphs("**1. Mục đích:** Duy trì 100% xã.")[0];
        assert_eq!(p.bold_head.as_deref(), Some("1. Mục đích:"));
        assert!(!p.all_bold);
        assert_eq!(p.text, "1. Mục đích: Duy trì 100% xã.");
        let p = &paragraphs("1\\. Triển khai")[0];
        assert!(p.literal);
        assert!(paragraphs("**1\\. Không phải** tiêu đề")[0].literal);
        assert_eq!(p.text, "1. Triển khai");
        assert_eq!(
            texts("gửi về Sở Y tế *trước ngày 15/11/2026*."),
            ["gửi về Sở Y tế trước ngày 15/11/2026."]
        );
    }

    #[test]
    fn broken_sentences_are_joined() {
        assert_eq!(
            texts("2. Tổ chức; giáo\n\ndục, tư vấn.\n\nII. NỘI DUNG"),
            ["2. Tổ chức; giáo dục, tư vấn.", "II. NỘI DUNG"]
        );
        assert_eq!(
            texts("Thực hiện Quyết định\nsố 06/QĐ-TTg\n\nThực hiện Kế hoạch"),
            ["Thực hiện Quyết định số 06/QĐ-TTg", "Thực hiện Kế hoạch"]
        );
        // Items of a list and the lines of a signature stay apart.
        assert_eq!(
            texts("Nơi nhận:\n- TT Đảng ủy;\n- Lưu: VT.\n\n**KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH**\n\nSâm Văn Dậu"),
            ["Nơi nhận:", "- TT Đảng ủy;", "- Lưu: VT.", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Sâm Văn Dậu"]
        );
        assert_eq!(
            texts("Số: /KH-UBND\nVân Nham, ngày tháng 03 năm 2023\nKẾ HOẠCH"),
            [
                "Số: /KH-UBND",
                "Vân Nham, ngày tháng 03 năm 2023",
                "KẾ HOẠCH"
            ]
        );
    }

    #[test]
    fn header_columns_are_cells() {
        let p = &paragraphs("Số: 12/KH-UBND\t\tQuan Sơn, ngày 05 tháng 4 năm 2026")[0];
        assert_eq!(
            p.cells,
            ["Số: 12/KH-UBND", "Quan Sơn, ngày 05 tháng 4 năm 2026"]
        );
    }
}
