//! Rolling a plan over to another year ("Sao chép sang năm …"): every year, date and deadline
//! that belongs to the plan's year moves with it; a reference to a legal document keeps its
//! own date, because "Quyết định số 06/QĐ-TTg ngày 03/01/2019" stays what it is.

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

/// Moves an ISO date of the plan's year; a 29 February that does not exist in the new year
/// becomes the 28th.
fn shift_iso(date: &str, from: i32, to: i32) -> String {
    match date.split_once('-') {
        Some((y, rest)) if y == from.to_string() => {
            let moved = format!("{to}-{rest}");
            if chrono::NaiveDate::parse_from_str(&moved, "%Y-%m-%d").is_ok() {
                moved
            } else {
                format!("{to}-02-28")
            }
        }
        _ => date.to_string(),
    }
}

/// Replaces the year `from` by `to` wherever it stands as a year of its own ("năm 2026",
/// "15/11/2026"), but not inside the date of a cited document ("số 23/KH-SYT ngày 15/01/2026"),
/// which belongs to that document.
pub fn shift_year(text: &str, from: i32, to: i32) -> String {
    let from_s = from.to_string();
    let to_s = to.to_string();
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    let mut i = 0;
    while let Some(pos) = text[i..].find(&from_s) {
        let start = i + pos;
        let end = start + from_s.len();
        let digit_before = start > 0 && bytes[start - 1].is_ascii_digit();
        let digit_after = end < bytes.len() && bytes[end].is_ascii_digit();
        if !digit_before && !digit_after && !in_document_citation(&text[..start]) {
            out.push_str(&text[last..start]);
            out.push_str(&to_s);
            last = end;
        }
        i = end;
    }
    out.push_str(&text[last..]);
    out
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
    }
}
