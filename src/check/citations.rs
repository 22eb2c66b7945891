//! Finds the citations of documents in the texts: "<type> số N/SYM ngày dd/mm/yyyy"
//! ("Quyết định số 06/QĐ-TTg ngày 03/01/2019", "Luật Trẻ em số 102/2016/QH13 ngày 05/4/2016",
//! also with a comma before "ngày"). Citations are where legal dates are checked, and the
//! places the other rules leave alone (a cited document keeps its own date and issuer).

use std::ops::Range;
use std::sync::LazyLock;

use regex_lite::Regex;

use super::doc::Spot;
use super::scan::{fold, is_whole, WrittenDate};

/// Document types that are cited by number, lower case, longest first within a prefix.
pub const TYPES: &[&str] = &[
    "thông tư liên tịch",
    "quyết định",
    "kế hoạch",
    "nghị định",
    "nghị quyết",
    "thông tư",
    "chỉ thị",
    "công văn",
    "công điện",
    "hướng dẫn",
    "chương trình",
    "báo cáo",
    "thông báo",
    "tờ trình",
    "văn bản",
    "đề án",
    "pháp lệnh",
    "quy định",
    "luật",
];

static CITATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"số\s+(\d[^\s,;()]*)\s*(,)?\s*ngày\s+(\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4})")
        .expect("citation pattern")
});

#[derive(Debug, Clone)]
pub struct Citation {
    /// Index of the spot it is in.
    pub spot: usize,
    /// Whether it is the first citation of its spot (what a basis cites).
    pub first: bool,
    /// The type as written ("Quyết định", "kế hoạch") and where; `None` when no type word
    /// stands before "số".
    pub kind: Option<(String, Range<usize>)>,
    /// The number as written ("06/QĐ-TTg") and its folded form for comparing.
    pub number: String,
    pub key: String,
    pub number_range: Range<usize>,
    /// Where ", " stands between the number and "ngày", if it does.
    pub comma: Option<Range<usize>>,
    /// The date as written and where.
    pub date_text: String,
    pub date_range: Range<usize>,
    pub date: WrittenDate,
}

impl Citation {
    /// "06/QĐ-TTg" → "QĐ-TTg", "102/2016/QH13" → "QH13".
    pub fn symbol(&self) -> &str {
        let after_number = self.number.split_once('/').map_or("", |(_, s)| s);
        // "2016/QH13": skip a year part.
        match after_number.split_once('/') {
            Some((year, rest)) if year.chars().all(|c| c.is_ascii_digit()) => rest,
            _ => after_number,
        }
    }

    /// The start of the citation: its type word, else "số".
    pub fn start(&self) -> usize {
        self.kind
            .as_ref()
            .map_or(self.number_range.start, |(_, r)| r.start)
    }
}

/// Every dated citation in the spots, in reading order.
pub fn scan(spots: &[Spot]) -> Vec<Citation> {
    let mut out = Vec::new();
    for (i, spot) in spots.iter().enumerate() {
        let text = &spot.text;
        let folded = fold(text);
        let mut first = true;
        for caps in CITATION.captures_iter(&folded) {
            let (Some(all), Some(num), Some(date)) = (caps.get(0), caps.get(1), caps.get(3)) else {
                continue;
            };
            let number = text[num.range()].trim_end_matches(['.', ':']).to_string();
            if !number.contains('/') || !is_whole(&folded, &(all.start()..all.start() + "số".len()))
            {
                continue;
            }
            let date_text: String = text[date.range()]
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect();
            let Some(written) = WrittenDate::parse(&date_text) else {
                continue;
            };
            out.push(Citation {
                spot: i,
                first,
                kind: type_before(text, &folded, all.start()),
                key: fold(&number),
                number_range: num.start()..num.start() + number.len(),
                number,
                // From the end of the number to "ngày".
                comma: caps
                    .get(2)
                    .map(|_| num.end()..num.end() + folded[num.end()..].find("ngày").unwrap_or(0)),
                date_text,
                date_range: date.range(),
                date: written,
            });
            first = false;
        }
    }
    out
}

/// The type word nearest before "số" ("Luật Trẻ em số …" → "Luật"), within a few words and
/// without a comma or full stop between.
fn type_before(text: &str, folded: &str, so: usize) -> Option<(String, Range<usize>)> {
    let window_start = folded[..so]
        .char_indices()
        .rev()
        .nth(40)
        .map_or(0, |(i, _)| i);
    let window = &folded[window_start..so];
    let mut best: Option<Range<usize>> = None;
    for t in TYPES {
        let mut from = 0;
        while let Some(p) = window[from..].find(t) {
            let r = window_start + from + p..window_start + from + p + t.len();
            from += p + t.len();
            if !is_whole(folded, &r) {
                continue;
            }
            let between = &folded[r.end..so];
            if between.contains([',', '.', ';', ':', '(', ')'])
                || between.split_whitespace().count() > 3
            {
                continue;
            }
            // The nearest wins; at the same end, the longest ("thông tư liên tịch").
            if best
                .as_ref()
                .is_none_or(|b| r.end > b.end || (r.end == b.end && r.start < b.start))
            {
                best = Some(r);
            }
        }
    }
    best.map(|r| (text[r.clone()].to_string(), r))
}

#[cfg(test)]
mod tests {
    use super::super::doc::Part;
    use super::*;

    fn spot(text: &str) -> Spot {
        Spot {
            text: text.into(),
            part: Part::Paragraph,
            section: "I".into(),
            field: None,
            index: None,
            line: None,
        }
    }

    #[test]
    fn finds_citations_with_their_parts() {
        let spots = [spot(
            "Thực hiện Kế hoạch số 77/KH-UBND ngày 24/02/2023 của ủy ban nhân dân huyện về thực hiện Quyết định số 06/QĐ-TTg ngày 03/01/2029 của Thủ tướng",
        )];
        let c = scan(&spots);
        assert_eq!(c.len(), 2);
        assert_eq!(c[0].kind.as_ref().unwrap().0, "Kế hoạch");
        assert_eq!(c[0].number, "77/KH-UBND");
        assert!(c[0].first && !c[1].first);
        assert_eq!(c[1].kind.as_ref().unwrap().0, "Quyết định");
        assert_eq!(c[1].date_text, "03/01/2029");
        assert_eq!(&spots[0].text[c[1].date_range.clone()], "03/01/2029");
        assert_eq!(c[1].symbol(), "QĐ-TTg");
    }

    #[test]
    fn comma_law_and_short_dates() {
        let spots = [spot(
            "Căn cứ Quyết định số 3944/QĐ-UBND, ngày 20/12/2021 của UBND huyện; Luật Trẻ em số 102/2016/QH13 ngày 5/4/2016; Hướng dẫn số 604/TE-PTTG ngày 20/9/2019.",
        )];
        let c = scan(&spots);
        assert_eq!(c.len(), 3);
        let comma = c[0].comma.clone().unwrap();
        assert_eq!(&spots[0].text[comma], ", ");
        assert_eq!(c[1].kind.as_ref().unwrap().0, "Luật");
        assert_eq!(c[1].symbol(), "QH13");
        assert_eq!(c[2].date.month, 9);
        assert_eq!(c[2].date.month_width, 1);
    }

    #[test]
    fn undated_numbers_are_not_citations() {
        assert!(scan(&[spot("theo Quyết định số 06/QĐ-TTg và Hướng dẫn")]).is_empty());
        assert!(scan(&[spot("Số lượng 100 ngày 1/2/2020")]).is_empty());
    }
}
