//! Years that disagree with the plan's year: "năm 2023" in a 2024 plan (left from a copy),
//! a deadline "trước ngày 15/11/2025" written in a 2026 plan. Not errors: the date of a cited
//! document, periods ("giai đoạn 2021-2025"), targets ("đến năm 2030"), a law's year
//! ("Luật Trẻ em năm 2016"), and the next year ("đăng ký cho năm 2027").

use super::doc::{Doc, Out, Part};
use super::finding::{Finding, Severity};
use super::scan::{clause_before, fold, is_word_char};

/// Words before "năm YYYY" that make it a period, a target or a comparison, not the year of
/// the plan's activities.
const NOT_PLAN_YEAR: &[&str] = &[
    "đến",
    "tới",
    "từ",
    "sau",
    "trước",
    "giai đoạn",
    "so với",
    "cùng kỳ",
    "định hướng",
    "tầm nhìn",
    "kể từ",
];

/// Names in the same clause before "năm YYYY" that make it the year of a law or a treaty.
const LAWS: &[&str] = &["luật", "hiến pháp", "pháp lệnh", "công ước", "bộ luật"];

/// Words right before a date that make it a deadline or the end of a period.
const DEADLINE_CUES: &[&str] = &[
    "trước ngày",
    "trước",
    "chậm nhất ngày",
    "chậm nhất là ngày",
    "chậm nhất",
    "hạn",
    "đến ngày",
];

/// A year found in a text: where, as written, and the year.
struct Found {
    pos: usize,
    excerpt: String,
    year: i32,
    /// What to write instead, given the right year.
    replace: fn(&str, i32, i32) -> String,
}

fn four_digits(s: &str) -> Option<i32> {
    let d: String = s.chars().take(4).collect();
    let next = s.chars().nth(4);
    if d.len() == 4
        && d.chars().all(|c| c.is_ascii_digit())
        && !next.is_some_and(|c| c.is_ascii_digit())
    {
        d.parse().ok()
    } else {
        None
    }
}

/// "năm 2023" (not a period, target or law) and deadline dates "trước ngày 15/11/2025".
fn years_in(text: &str, skip: &[std::ops::Range<usize>]) -> Vec<Found> {
    let folded = fold(text);
    let mut out = Vec::new();
    let in_skip = |p: usize| skip.iter().any(|r| r.contains(&p));
    for (pos, _) in folded.match_indices("năm ") {
        if folded[..pos].chars().next_back().is_some_and(is_word_char) || in_skip(pos) {
            continue;
        }
        let after = &folded[pos + "năm ".len()..];
        let Some(year) = four_digits(after) else {
            continue;
        };
        // "2021-2025", "2021 - 2025": a period.
        let rest = after[4..].trim_start();
        let after_dash = rest.trim_start_matches(['-', '–']);
        if after_dash.len() < rest.len()
            && after_dash
                .trim_start()
                .starts_with(|c: char| c.is_ascii_digit())
        {
            continue;
        }
        let before = folded[..pos].trim_end();
        if NOT_PLAN_YEAR.iter().any(|w| before.ends_with(w)) {
            continue;
        }
        let clause = clause_before(&folded, pos);
        if LAWS
            .iter()
            .any(|l| clause.split(',').next_back().unwrap_or("").contains(l))
        {
            continue;
        }
        out.push(Found {
            pos,
            excerpt: text[pos..pos + "năm ".len() + 4].to_string(),
            year,
            replace: |_, _, right| format!("năm {right}"),
        });
    }
    // Deadline dates: "trước ngày 15/11/2025".
    let bytes = folded.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit()
            || (i > 0 && (bytes[i - 1].is_ascii_digit() || bytes[i - 1] == b'/'))
        {
            i += 1;
            continue;
        }
        let end = folded[i..]
            .find(|c: char| !(c.is_ascii_digit() || c == '/'))
            .map_or(folded.len(), |e| i + e);
        let token = &folded[i..end];
        let parts: Vec<&str> = token.split('/').collect();
        if parts.len() == 3 && parts[2].len() == 4 && !in_skip(i) {
            let before = folded[..i].trim_end();
            if DEADLINE_CUES.iter().any(|c| before.ends_with(c)) {
                if let Ok(year) = parts[2].parse() {
                    out.push(Found {
                        pos: i,
                        excerpt: text[i..end].to_string(),
                        year,
                        replace: |written, wrong, right| {
                            written.replace(&wrong.to_string(), &right.to_string())
                        },
                    });
                }
            }
        }
        i = end.max(i + 1);
    }
    out
}

pub fn check(doc: &Doc, out: &mut Out) {
    let Some(act) = doc.activity_year() else {
        return;
    };
    for (i, spot) in doc.spots.iter().enumerate() {
        if !spot.part.is_prose() || spot.part == Part::Recipient {
            continue;
        }
        let cites: Vec<_> = doc.citations.iter().filter(|c| c.spot == i).collect();
        // A basis describes the document it cites, with that document's years; whether
        // that document is the right one is `ref-outdated-basis`'s question.
        if spot.part == Part::Basis && !cites.is_empty() {
            continue;
        }
        let skip: Vec<_> = cites.iter().map(|c| c.date_range.clone()).collect();
        for y in years_in(&spot.text, &skip) {
            // The next year is often named on purpose ("đăng ký cho năm 2027").
            if y.year == act || y.year == act + 1 {
                continue;
            }
            let in_subject = matches!(spot.part, Part::Title | Part::Closing);
            let severity = if in_subject {
                Severity::Error
            } else {
                Severity::Warning
            };
            let why = if y.year < act {
                "có thể còn sót khi sao chép từ kế hoạch năm trước"
            } else {
                "có thể gõ nhầm"
            };
            let f = Finding::new(
                severity,
                "year-mismatch",
                format!("Năm {} khác năm của kế hoạch ({act}): {why}.", y.year),
            )
            .excerpt(&y.excerpt)
            .suggest((y.replace)(&y.excerpt, y.year, act));
            out.at_spot(doc, i, y.pos, f);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn years(text: &str) -> Vec<(String, i32)> {
        years_in(text, &[])
            .into_iter()
            .map(|f| (f.excerpt, f.year))
            .collect()
    }

    #[test]
    fn plan_years_and_deadlines_are_found() {
        assert_eq!(
            years("Tổ chức đánh giá năm 2024; gửi trước ngày 15/11/2024."),
            vec![("năm 2024".into(), 2024), ("15/11/2024".into(), 2024)]
        );
    }

    #[test]
    fn periods_targets_and_laws_are_not_plan_years() {
        for text in [
            "Chương trình giai đoạn 2021-2025 và định hướng đến năm 2030",
            "Chương trình hành động vì trẻ em giai đoạn 2021 - 2030",
            "thực hiện Luật trẻ em năm 2016, Luật Phòng chống bạo lực gia đình",
            "Từ năm 2019, xã đã được công nhận",
            "So với năm 2023, tỷ lệ tăng",
            "Từ ngày 01/7/2025, xã báo cáo UBND tỉnh",
            "mã số 120261",
        ] {
            assert!(years(text).is_empty(), "{text}: {:?}", years(text));
        }
    }
}
