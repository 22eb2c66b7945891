//! Small text tools of the rules: case folding that keeps byte offsets, whole-word search on
//! Vietnamese word boundaries, diacritics removal, dates as the officer writes them.

use std::ops::Range;

use chrono::NaiveDate;

/// Lower case, char by char, keeping every byte offset: a char whose lower case is not one
/// char of the same UTF-8 length stays as it is (none in Vietnamese NFC text).
pub fn fold(s: &str) -> String {
    s.chars()
        .map(|c| {
            let mut low = c.to_lowercase();
            match (low.next(), low.next()) {
                (Some(l), None) if l.len_utf8() == c.len_utf8() => l,
                _ => c,
            }
        })
        .collect()
}

/// Letters and digits make words; everything else separates them.
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// True when `hay[range]` does not touch a letter or digit on a side where the match itself
/// begins or ends with one ("lòng" in "lòng ghép" yes, "ghép" inside "ghépx" no).
pub fn is_whole(hay: &str, range: &Range<usize>) -> bool {
    let m = &hay[range.clone()];
    let starts_word = m.chars().next().is_some_and(is_word_char);
    let ends_word = m.chars().next_back().is_some_and(is_word_char);
    let before = hay[..range.start].chars().next_back();
    let after = hay[range.end..].chars().next();
    let glued_before = starts_word && before.is_some_and(is_word_char);
    let glued_after = ends_word && after.is_some_and(is_word_char);
    !glued_before && !glued_after
}

/// Every non-overlapping whole-word occurrence of `needle` in `hay` (both already folded
/// when the search ignores case).
pub fn find_words(hay: &str, needle: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    if needle.is_empty() {
        return out;
    }
    let mut from = 0;
    while let Some(pos) = hay[from..].find(needle) {
        let range = from + pos..from + pos + needle.len();
        if is_whole(hay, &range) {
            from = range.end;
            out.push(range);
        } else {
            // Step one char, not one byte, to stay on a char boundary.
            from += pos + hay[from + pos..].chars().next().map_or(1, char::len_utf8);
        }
    }
    out
}

/// The text's case applied to a suggestion: "Lòng ghép" → "Lồng ghép", "LÒNG GHÉP" → "LỒNG GHÉP".
pub fn match_case(written: &str, right: &str) -> String {
    let letters: Vec<char> = written.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() > 1 && letters.iter().all(|c| c.is_uppercase()) {
        return right.to_uppercase();
    }
    let mut chars = right.chars();
    match (written.chars().next(), chars.next()) {
        (Some(w), Some(r)) if w.is_uppercase() => r.to_uppercase().chain(chars).collect(),
        (Some(w), Some(r)) if w.is_lowercase() => r.to_lowercase().chain(chars).collect(),
        _ => right.to_string(),
    }
}

/// A date as written in a text: "03/01/2019", "20/9/2019".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrittenDate {
    pub day: u32,
    pub month: u32,
    pub year: i32,
    /// Whether day and month were written with two digits ("03/01" vs "3/1").
    pub day_width: usize,
    pub month_width: usize,
}

impl WrittenDate {
    pub fn parse(text: &str) -> Option<WrittenDate> {
        let parts: Vec<&str> = text.split('/').map(str::trim).collect();
        let [d, m, y] = parts.as_slice() else {
            return None;
        };
        Some(WrittenDate {
            day: d.parse().ok()?,
            month: m.parse().ok()?,
            year: y.parse().ok()?,
            day_width: d.len(),
            month_width: m.len(),
        })
    }

    /// The calendar date, `None` for an impossible one (31/02).
    pub fn date(&self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.year, self.month, self.day)
    }

    /// `date` written the way this one was written: 2019-01-03 after "03/01/2029" → "03/01/2019".
    pub fn restyle(&self, date: NaiveDate) -> String {
        use chrono::Datelike;
        let pad = |n: u32, w: usize| {
            if w >= 2 {
                format!("{n:02}")
            } else {
                n.to_string()
            }
        };
        format!(
            "{}/{}/{}",
            pad(date.day(), self.day_width),
            pad(date.month(), self.month_width),
            date.year()
        )
    }
}

/// Reads an ISO date ("2019-01-03") in the assets' JSON (chrono is built without serde).
pub fn de_iso_date<'de, D: serde::Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
    let s = <String as serde::Deserialize>::deserialize(d)?;
    NaiveDate::parse_from_str(&s, "%Y-%m-%d").map_err(serde::de::Error::custom)
}

/// "15/11/2026" for an ISO date.
pub fn vn_date(date: NaiveDate) -> String {
    date.format("%d/%m/%Y").to_string()
}

/// The last `n` words of a text, for an excerpt that shows where a paragraph ends.
pub fn last_words(text: &str, n: usize) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    words[words.len().saturating_sub(n)..].join(" ")
}

/// The text of the clause that ends at `pos`: back to the last ".", ";", ":", "(" or ")".
pub fn clause_before(text: &str, pos: usize) -> &str {
    let head = &text[..pos];
    let start = head
        .rfind(['.', ';', ':', '(', ')', '\n'])
        .map_or(0, |i| i + 1);
    &head[start..]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_keeps_offsets() {
        let s = "Lòng Ghép ĐẢNG Ủy";
        assert_eq!(fold(s), "lòng ghép đảng ủy");
        assert_eq!(fold(s).len(), s.len());
    }

    #[test]
    fn whole_words_only() {
        let hay = fold("Lòng ghép, lòng tin; xlòng ghép");
        assert_eq!(find_words(&hay, "lòng ghép"), vec![0..11]);
        assert_eq!(find_words(&hay, "lòng").len(), 2);
        assert_eq!(find_words("2021-2025.....và", ".....").len(), 1);
    }

    #[test]
    fn cases_and_dates() {
        assert_eq!(match_case("Lòng ghép", "lồng ghép"), "Lồng ghép");
        assert_eq!(match_case("LÒNG GHÉP", "lồng ghép"), "LỒNG GHÉP");
        assert_eq!(match_case("lòng ghép", "lồng ghép"), "lồng ghép");
        assert_eq!(crate::text::strip_marks("Nơi nhận Đ"), "Noi nhan D");
        let w = WrittenDate::parse("03/01/2029").unwrap();
        assert_eq!(
            w.restyle(NaiveDate::from_ymd_opt(2019, 1, 3).unwrap()),
            "03/01/2019"
        );
        let w = WrittenDate::parse("20/9/2019").unwrap();
        assert_eq!(
            w.restyle(NaiveDate::from_ymd_opt(2019, 9, 2).unwrap()),
            "02/9/2019"
        );
        assert!(WrittenDate::parse("31/02/2019").unwrap().date().is_none());
    }
}
