//! Rolling a plan over to another year ("Sao chép sang năm …"): every year, date and deadline
//! that belongs to the plan's year moves with it; a reference to a legal document keeps its
//! own date, because "Quyết định số 06/QĐ-TTg ngày 03/01/2019" stays what it is.
//!
//! A basis citing the superior's yearly plan ("Thực hiện Kế hoạch số 77/KH-UBND ngày
//! 24/02/2023 của UBND huyện … năm 2023") is the one citation that should change, but Tre
//! cannot know the number and date of the superior's next plan, and moving only the year of
//! its date would print a citation that does not exist. So the cited number and date stay,
//! the subject's year moves with the plan ("… năm 2024"), and the copy is checked at once:
//! `tre check` reports `ref-outdated-basis` until the officer cites the new document.

use crate::error::Result;
use crate::model::{date::check_year, Plan};

pub fn roll_over(plan: &Plan, year: i32) -> Result<Plan> {
    check_year(year)?;
    let from = plan.date.year;
    let mut p = plan.clone();
    let shift = |s: &str| shift_year(s, from, year);
    p.date.year = year;
    // A new plan is numbered and dated again when it is signed.
    p.number = None;
    p.date.day = None;
    p.title = shift(&p.title);
    p.bases = p.bases.iter().map(|b| shift(b)).collect();
    p.intro = shift(&p.intro);
    p.closing = shift(&p.closing);
    p.recipients = p.recipients.iter().map(|r| shift(r)).collect();
    shift_sections(&mut p.sections, &shift);
    for d in &mut p.deadlines {
        d.date = shift_iso(&d.date, from, year);
        d.text = shift(&d.text);
    }
    for e in &mut p.events {
        e.start = shift_iso(&e.start, from, year);
        e.end = shift_iso(&e.end, from, year);
        e.text = shift(&e.text);
    }
    p.validate()?;
    Ok(p)
}

fn shift_sections(sections: &mut [crate::model::Section], shift: &dyn Fn(&str) -> String) {
    for s in sections {
        s.title = shift(&s.title);
        s.paragraphs = s.paragraphs.iter().map(|p| shift(p)).collect();
        shift_sections(&mut s.children, shift);
    }
}

/// Moves an ISO date of the plan's year (or of the next one: a report due in January) by
/// the years between the plans; a 29 February that does not exist in the new year becomes
/// the 28th. Other years are left for `tre check` to flag.
fn shift_iso(date: &str, from: i32, to: i32) -> String {
    match date.split_once('-') {
        Some((y, rest)) if y == from.to_string() || y == (from + 1).to_string() => {
            let year: i32 = y.parse().unwrap_or(from);
            let moved = format!("{}-{rest}", year + to - from);
            if chrono::NaiveDate::parse_from_str(&moved, "%Y-%m-%d").is_ok() {
                moved
            } else {
                format!("{}-02-28", year + to - from)
            }
        }
        _ => date.to_string(),
    }
}

/// Moves the years that belong to the plan — its year `from` and the next one ("năm 2026",
/// "15/11/2026", "đăng ký cho năm 2027") — by the years between the plans, in one pass.
/// Left as written, because they are not the plan's: the date of a cited document
/// ("số 23/KH-SYT ngày 15/01/2026"), a period ("giai đoạn 2021-2025"), a target ("đến năm
/// 2030"), a law's year ("Luật Trẻ em năm 2016"). A school year moves whole ("năm học
/// 2025-2026" → "năm học 2026-2027").
pub fn shift_year(text: &str, from: i32, to: i32) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        // ASCII digits never sit inside a multi-byte char: these are char boundaries.
        let Ok(year) = text[start..i].parse::<i32>() else {
            continue;
        };
        if i - start == 4 && (year == from || year == from + 1) && !fixed_year(text, start, i) {
            out.push_str(&text[last..start]);
            out.push_str(&(year + to - from).to_string());
            last = i;
        }
    }
    out.push_str(&text[last..]);
    out
}

/// True when the year at `text[start..end]` is not the plan's (see `shift_year`).
fn fixed_year(text: &str, start: usize, end: usize) -> bool {
    let before = &text[..start];
    if in_document_citation(before) {
        return true;
    }
    let lower = before.to_lowercase();
    let lower = lower.trim_end();
    // A range: "2021-2025", "2021 - 2025", either end.
    let dash = ['-', '–'];
    let after = text[end..].trim_start();
    let range_after = after.starts_with(dash)
        && after
            .trim_start_matches(dash)
            .trim_start()
            .starts_with(|c: char| c.is_ascii_digit());
    let range_before = lower.ends_with(dash)
        && lower
            .trim_end_matches(dash)
            .trim_end()
            .ends_with(|c: char| c.is_ascii_digit());
    if range_after || range_before {
        // What stands before the range's first year.
        let head = if range_before {
            lower
                .trim_end_matches(dash)
                .trim_end()
                .trim_end_matches(|c: char| c.is_ascii_digit())
                .trim_end()
        } else {
            lower
        };
        return !head.ends_with("năm học");
    }
    if ["đến năm", "tới năm", "đến", "giai đoạn"]
        .iter()
        .any(|w| lower.ends_with(w))
    {
        return true;
    }
    // "Luật Trẻ em năm 2016": the law's year, in the same clause.
    lower.ends_with("năm") && {
        let clause = lower.rsplit([',', ';', '.', ':', '(']).next().unwrap_or("");
        ["luật", "hiến pháp", "pháp lệnh", "công ước"]
            .iter()
            .any(|l| clause.contains(l))
    }
}

/// True when the text just before a year reads "… số 23/KH-SYT ngày 15/01/": the year is the
/// date of a cited document.
fn in_document_citation(before: &str) -> bool {
    let tail: String = {
        let chars: Vec<char> = before.chars().collect();
        let from = chars.len().saturating_sub(60);
        chars[from..].iter().collect()
    };
    let Some(ngay) = tail.rfind("ngày ") else {
        return false;
    };
    let date_part = &tail[ngay + "ngày ".len()..];
    // Only "dd/mm/" may stand between "ngày" and the year.
    if !date_part.chars().all(|c| c.is_ascii_digit() || c == '/')
        || date_part.matches('/').count() != 2
    {
        return false;
    }
    let before_ngay = tail[..ngay].trim_end().trim_end_matches(',');
    // "số 23/KH-SYT" or "Quyết định số 3944/QĐ-UBND": a number with a symbol.
    before_ngay.rsplit(' ').next().is_some_and(|word| {
        word.contains('/') && word.chars().next().is_some_and(|c| c.is_ascii_digit())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moves_plan_years_but_not_cited_documents() {
        assert_eq!(
            shift_year(
                "Thực hiện Kế hoạch số 23/KH-SYT ngày 15/01/2026 của Sở Y tế năm 2026",
                2026,
                2027
            ),
            "Thực hiện Kế hoạch số 23/KH-SYT ngày 15/01/2026 của Sở Y tế năm 2027"
        );
        assert_eq!(
            shift_year("trước ngày 15/11/2026.", 2026, 2027),
            "trước ngày 15/11/2027."
        );
        assert_eq!(
            shift_year("giai đoạn 2021-2030, mã 120261", 2026, 2027),
            "giai đoạn 2021-2030, mã 120261"
        );
        assert_eq!(shift_iso("2028-02-29", 2028, 2029), "2029-02-28");
        assert_eq!(shift_iso("2027-01-15", 2026, 2027), "2028-01-15");
        assert_eq!(shift_iso("2019-01-03", 2026, 2027), "2019-01-03");
    }

    #[test]
    fn periods_targets_laws_and_school_years() {
        let t = "Chương trình giai đoạn 2021-2025, định hướng đến năm 2030; Luật Trẻ em năm 2016; năm học 2025-2026; đăng ký cho năm 2026; đến năm 2025 đạt 65%; năm 2025.";
        assert_eq!(
            shift_year(t, 2025, 2026),
            "Chương trình giai đoạn 2021-2025, định hướng đến năm 2030; Luật Trẻ em năm 2016; năm học 2026-2027; đăng ký cho năm 2027; đến năm 2025 đạt 65%; năm 2026."
        );
        assert_eq!(
            shift_year("giai đoạn 2025 - 2030, năm 2025", 2025, 2026),
            "giai đoạn 2025 - 2030, năm 2026"
        );
        // The superior's plan cited in a basis keeps its number and date; its subject year
        // moves, and `tre check` then asks for the new year's document (ref-outdated-basis).
        assert_eq!(
            shift_year(
                "Thực hiện Kế hoạch số 77/KH-UBND ngày 24/02/2023 của UBND huyện về thực hiện Quyết định số 06/QĐ-TTg ngày 03/01/2019 năm 2023",
                2023,
                2024
            ),
            "Thực hiện Kế hoạch số 77/KH-UBND ngày 24/02/2023 của UBND huyện về thực hiện Quyết định số 06/QĐ-TTg ngày 03/01/2019 năm 2024"
        );
    }
}
