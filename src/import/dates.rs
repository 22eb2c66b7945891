//! Deadlines and events in the plan's text (docs/model.md, deadlines and events): a deadline
//! is a date by which something must be done or sent ("trước ngày 15/11/2026", "chậm nhất
//! ngày …", "hạn …"); a period in which something takes place ("từ ngày 01/6 đến ngày
//! 30/6/2026") is an event. A date written without a year recurs every year ("trước 05/5 …
//! hàng năm"): it is dated in the plan's year. Each one's text is the clause that says what is
//! due, without the date phrase, the bullet or the label.

use std::sync::LazyLock;

use regex_lite::{Captures, Regex};

use super::vn;
use crate::model::{Deadline, Event};

static DEADLINE_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
            r"^(?:[Tt]rước|[Cc]hậm nhất(?: là)?|[Hh]ạn(?: chót| cuối| nộp| gửi)?(?: là)?:?)\s+(?:ngày\s+)?([0-9]{1,2})(?:\s*/\s*|\s+tháng\s+)([0-9]{1,2})(?:(?:\s*/\s*|\s+năm\s+)([0-9]{4}))?",
        )
        .expect("valid pattern")
});

static EVENT_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
            r"^[Tt]ừ\s+(?:ngày\s+)?([0-9]{1,2})\s*/\s*([0-9]{1,2})(?:\s*/\s*([0-9]{4}))?\s*(?:đến|tới|-|–)\s*(?:ngày\s+)?([0-9]{1,2})\s*/\s*([0-9]{1,2})(?:\s*/\s*([0-9]{4}))?",
        )
        .expect("valid pattern")
});

/// Deadlines and events found in one paragraph.
#[derive(Debug, Default)]
pub struct Found {
    pub deadlines: Vec<Deadline>,
    pub events: Vec<Event>,
}

fn iso(c: &Captures, day: usize, month: usize, year: Option<i32>) -> Option<String> {
    let num = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
    let d = chrono::NaiveDate::from_ymd_opt(year?, num(month)?, num(day)?)?;
    Some(d.format("%Y-%m-%d").to_string())
}

fn year_of(c: &Captures, i: usize) -> Option<i32> {
    c.get(i).and_then(|m| m.as_str().parse().ok())
}

/// The match must start a word (regex-lite has no Unicode word boundaries).
fn at_word_start(text: &str, start: usize) -> bool {
    !text[..start]
        .chars()
        .last()
        .is_some_and(char::is_alphanumeric)
}

/// Where the clause that contains `pos` starts: after the last ". X", ";" or a previous
/// date phrase (`floor`).
fn clause_start(text: &str, pos: usize, floor: usize) -> usize {
    let before = &text[floor..pos];
    let mut start = floor;
    let chars: Vec<(usize, char)> = before.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        let boundary = match c {
            ';' => true,
            '.' | '!' | '?' => {
                chars.get(k + 1).is_some_and(|(_, n)| *n == ' ')
                    && chars.get(k + 2).is_some_and(|(_, n)| n.is_uppercase())
            }
            _ => false,
        };
        if boundary {
            start = floor + i + c.len_utf8();
        }
    }
    start
}

/// Where the clause after `pos` ends: the next ". ", ";" or the end.
fn clause_end(text: &str, pos: usize) -> usize {
    let after = &text[pos..];
    after
        .char_indices()
        .find(|&(i, c)| {
            c == ';' || (matches!(c, '.' | '!' | '?') && after[i + 1..].starts_with(' '))
        })
        .map_or(text.len(), |(i, _)| pos + i)
}

/// A clause as a deadline's text: no bullet or label in front, no connective ("để", "và"),
/// no punctuation at the ends.
fn tidy(clause: &str) -> String {
    let mut t = clause.trim();
    t = t.trim_start_matches(['-', '+', '•', '–', ',', ' ']);
    if let Some((_, _, rest)) = super::sections::split_label(t) {
        t = rest;
    }
    for word in ["để ", "và ", "rồi "] {
        if let Some(rest) = t.strip_prefix(word) {
            t = rest;
        }
    }
    t.trim_end_matches([',', ';', ':', '.', ' '])
        .trim_start_matches([',', ' '])
        .to_string()
}

/// The text of a deadline or event at `m_start..m_end`: the clause before it, or after it
/// when the date phrase opens the clause ("Trước ngày 15/11, các thôn gửi …").
fn text_of(text: &str, floor: usize, m_start: usize, m_end: usize) -> String {
    let before = tidy(&text[clause_start(text, m_start, floor)..m_start]);
    if !before.is_empty() {
        return before;
    }
    let after = tidy(&text[m_end..clause_end(text, m_end)]);
    if !after.is_empty() {
        return after;
    }
    // "…; hạn nộp: 15/11/2026." has nothing around it: the phrase itself, without the date.
    let phrase = &text[m_start..m_end];
    let date_at = phrase
        .find(|c: char| c.is_ascii_digit())
        .unwrap_or(phrase.len());
    tidy(phrase[..date_at].trim_end().trim_end_matches("ngày"))
}

/// Scans one paragraph; `year` dates what is written without a year, `section` is the
/// label path the paragraph sits in.
pub fn scan(text: &str, year: i32, section: &str) -> Found {
    // Matches of both kinds in reading order: (start, end, is_event, captures).
    let mut matches: Vec<(usize, usize, bool, Captures)> = Vec::new();
    for (at, c) in vn::matches_at(&EVENT_RE, &["từ", "Từ"], text) {
        if let Some(m) = c.get(0) {
            if at_word_start(text, at) {
                matches.push((at, at + m.end(), true, c));
            }
        }
    }
    // Events are in order and do not overlap: one pass finds those a deadline falls in.
    let events: Vec<(usize, usize)> = matches.iter().map(|m| (m.0, m.1)).collect();
    let mut next_event = 0;
    let starts = ["trước", "Trước", "chậm", "Chậm", "hạn", "Hạn"];
    for (at, c) in vn::matches_at(&DEADLINE_RE, &starts, text) {
        if let Some(m) = c.get(0) {
            let end = at + m.end();
            while next_event < events.len() && events[next_event].1 <= at {
                next_event += 1;
            }
            let inside_event = events.get(next_event).is_some_and(|e| e.0 < end);
            if at_word_start(text, at) && !inside_event {
                matches.push((at, end, false, c));
            }
        }
    }
    matches.sort_by_key(|m| m.0);
    let mut found = Found::default();
    let mut floor = 0;
    for (start, end, is_event, c) in &matches {
        let what = text_of(text, floor, *start, *end);
        if *is_event {
            let end_year = year_of(c, 6).or(Some(year));
            let start_year = year_of(c, 3).or(end_year);
            if let (Some(s), Some(e)) = (iso(c, 1, 2, start_year), iso(c, 4, 5, end_year)) {
                found.events.push(Event {
                    start: s,
                    end: e,
                    text: what,
                });
            }
        } else if let Some(date) = iso(c, 1, 2, year_of(c, 3).or(Some(year))) {
            found.deadlines.push(Deadline {
                date,
                text: what,
                section: section.to_string(),
                unit: None,
            });
        }
        floor = *end;
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deadlines_with_their_clause() {
        let f = scan(
            "- Tổng hợp hồ sơ gửi về UBND xã (qua Phòng Văn hóa - Xã hội), trước ngày 10/11/2026.",
            2026,
            "IV.3",
        );
        assert_eq!(f.deadlines.len(), 1);
        assert_eq!(f.deadlines[0].date, "2026-11-10");
        assert_eq!(
            f.deadlines[0].text,
            "Tổng hợp hồ sơ gửi về UBND xã (qua Phòng Văn hóa - Xã hội)"
        );
        let f = scan(
            "- Định kỳ báo cáo (Qua phòng). Báo cáo 6 tháng nộp trước 05/5 báo cáo năm nộp trước 15/11 hàng năm.",
            2022,
            "III.12",
        );
        let got: Vec<(&str, &str)> = f
            .deadlines
            .iter()
            .map(|d| (d.date.as_str(), d.text.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("2022-05-05", "Báo cáo 6 tháng nộp"),
                ("2022-11-15", "báo cáo năm nộp")
            ]
        );
    }

    #[test]
    fn periods_are_events() {
        let f = scan(
            "4. Tổ chức Tháng hành động vì trẻ em từ ngày 01/6 đến ngày 30/6/2026, Diễn đàn trẻ em.",
            2026,
            "II",
        );
        assert!(f.deadlines.is_empty());
        assert_eq!(f.events.len(), 1);
        assert_eq!(
            (f.events[0].start.as_str(), f.events[0].end.as_str()),
            ("2026-06-01", "2026-06-30")
        );
        assert_eq!(f.events[0].text, "Tổ chức Tháng hành động vì trẻ em");
    }

    #[test]
    fn date_first_and_impossible_dates() {
        let f = scan("Trước ngày 15/11, các thôn gửi báo cáo về xã.", 2027, "");
        assert_eq!(f.deadlines[0].text, "các thôn gửi báo cáo về xã");
        assert!(scan("nộp trước ngày 31/02/2027.", 2027, "")
            .deadlines
            .is_empty());
        assert!(scan("sắp xếp trước sau 5/5", 2027, "").deadlines.is_empty());
        let f = scan("Gửi trước ngày 10/11; hạn nộp: 15/11/2027.", 2027, "");
        assert_eq!(f.deadlines[1].text, "hạn nộp");
    }
}
