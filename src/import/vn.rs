//! Small facts about Vietnamese text that several parts of the importer ask: is a line all
//! capitals, does a sentence end here, what a word looks like without its diacritics.

use regex_lite::{Captures, Regex};

/// Matches of `re` (a pattern anchored with `^`) where one of `starts` begins in `text`,
/// left to right without overlap, each with its offset in `text`. A literal search finds
/// the few places a match can begin, so the regex engine — slow over whole paragraphs —
/// only runs there.
pub fn matches_at<'t>(re: &Regex, starts: &[&str], text: &'t str) -> Vec<(usize, Captures<'t>)> {
    let mut at: Vec<usize> = starts
        .iter()
        .flat_map(|w| text.match_indices(w).map(|(i, _)| i))
        .collect();
    at.sort_unstable();
    at.dedup();
    let mut out = Vec::new();
    let mut free = 0;
    for i in at {
        if i < free {
            continue;
        }
        if let Some(c) = re.captures(&text[i..]) {
            free = i + c.get(0).map_or(1, |m| m.end().max(1));
            out.push((i, c));
        }
    }
    out
}

/// True when the text has letters and every one of them is a capital ("KT. CHỦ TỊCH").
/// Headings, the type name and signature titles are written this way; body text never is.
pub fn is_upper(text: &str) -> bool {
    let mut letters = 0;
    for c in text.chars() {
        if c.is_alphabetic() {
            if c.is_lowercase() {
                return false;
            }
            letters += 1;
        }
    }
    letters >= 2
}

/// The text without diacritics, lower case, "đ" as "d": "Noi nhận" and "NƠI NHẬN" both
/// give "noi nhan", so misspelt diacritics do not hide a heading.
pub fn fold(text: &str) -> String {
    fold_chars(text.chars())
}

/// `fold` of the first `n` characters only, for tests on how a line starts.
pub fn fold_start(text: &str, n: usize) -> String {
    fold_chars(text.chars().take(n))
}

fn fold_chars(chars: impl Iterator<Item = char>) -> String {
    crate::text::strip_marks(&chars.collect::<String>()).to_lowercase()
}

/// Ends like a finished sentence or clause, so a following line is not its continuation.
pub fn closes_sentence(text: &str) -> bool {
    matches!(
        text.trim_end().chars().last(),
        Some('.' | ';' | ':' | '!' | '?' | '…')
    )
}

/// Ends with a full stop or the like (a colon does not count: a heading may end with one).
pub fn ends_sentence(text: &str) -> bool {
    matches!(
        text.trim_end().chars().last(),
        Some('.' | ';' | '!' | '?' | '…')
    )
}

/// "… năm 2023. UBND xã …": a full stop followed by a capital inside the text.
pub fn has_sentence_break(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    chars
        .windows(3)
        .any(|w| matches!(w[0], '.' | '!' | '?') && w[1] == ' ' && w[2].is_uppercase())
}

pub fn word_count(text: &str) -> usize {
    text.split_whitespace().count()
}

/// Whitespace of any kind folded to single spaces, ends trimmed.
pub fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The first letter or digit starts with a lower-case letter ("dục, tư vấn …").
pub fn starts_lowercase(text: &str) -> bool {
    text.chars()
        .find(|c| c.is_alphanumeric())
        .is_some_and(|c| c.is_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn upper_and_fold() {
        assert!(is_upper("KT. CHỦ TỊCH"));
        assert!(!is_upper("Nơi nhận:"));
        assert!(!is_upper("12/11"));
        assert_eq!(fold("Noi nhận:"), "noi nhan:");
        assert_eq!(fold("NƠI NHẬN"), "noi nhan");
        assert_eq!(fold("Đảng ủy"), "dang uy");
    }

    #[test]
    fn sentence_ends() {
        assert!(closes_sentence("Công chức tài chính kế hoạch:"));
        assert!(!ends_sentence("Công chức tài chính kế hoạch:"));
        assert!(has_sentence_break("năm 2023. UBND xã"));
        assert!(!has_sentence_break("số 06/QĐ-TTg ngày 03/01/2019"));
        assert!(starts_lowercase("dục, tư vấn"));
        assert!(!starts_lowercase("- Xây dựng"));
    }
}
