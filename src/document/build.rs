//! Builds the document tree of a plan from the plan and the commune profile.

use std::collections::BTreeMap;

use super::tree::{Block, Document, Header, Meta, Run, Signature};
use crate::import::dates;
use crate::model::{section_path, Commune, Deadline, DocDate, Plan, Section};
use crate::text::fold;

/// Room left for a number or a day written by hand after signing.
const BLANK: &str = "      ";

/// "Số: 09/KH-UBND", or "Số:      /KH-UBND" while the number is left blank.
pub fn number_line(number: Option<&str>, symbol: &str) -> String {
    match number.map(str::trim).filter(|n| !n.is_empty()) {
        Some(n) => format!("Số: {}/{symbol}", pad2(n)),
        None => format!("Số:{BLANK}/{symbol}"),
    }
}

/// "Quan Sơn, ngày 05 tháng 4 năm 2026": days under 10 and months 1–2 get a leading zero
/// (Nghị định 30, Phụ lục I); a blank day leaves room to write it by hand.
pub fn date_line(place: &str, date: &DocDate) -> String {
    let day = match date.day {
        Some(d) => format!(" {d:02} "),
        None => BLANK.to_string(),
    };
    let month = if date.month <= 2 {
        format!("{:02}", date.month)
    } else {
        date.month.to_string()
    };
    format!("{place}, ngày{day}tháng {month} năm {}", date.year)
}

/// The place-date line of a document whose date may not be settled yet: the whole date, else
/// its month with the day left blank, else day and month both blank to write by hand.
pub fn place_date_line(
    place: &str,
    date: Option<chrono::NaiveDate>,
    month: Option<u32>,
    year: i32,
) -> String {
    use chrono::Datelike;
    match (date, month) {
        (Some(d), _) => date_line(
            place,
            &DocDate {
                day: Some(d.day()),
                month: d.month(),
                year: d.year(),
            },
        ),
        (None, Some(month)) => date_line(
            place,
            &DocDate {
                day: None,
                month,
                year,
            },
        ),
        (None, None) => format!("{place}, ngày{BLANK}tháng{BLANK}năm {year}"),
    }
}

fn pad2(n: &str) -> String {
    if n.len() == 1 && n.chars().all(|c| c.is_ascii_digit()) {
        format!("0{n}")
    } else {
        n.to_string()
    }
}

/// Recipients print as "- item;" with the last one ending in ".".
pub fn recipient_lines(items: &[String]) -> Vec<String> {
    let n = items.len();
    items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let item = item
                .trim()
                .trim_start_matches("- ")
                .trim_end_matches([';', '.', ',']);
            format!("- {item}{}", if i + 1 == n { "." } else { ";" })
        })
        .collect()
}

/// Bases print one per line, each ending with ";", the last with ".".
fn basis_lines(bases: &[String]) -> Vec<String> {
    let n = bases.len();
    bases
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let b = b.trim().trim_end_matches([';', '.', ',']);
            format!("{b}{}", if i + 1 == n { "." } else { ";" })
        })
        .collect()
}

pub fn plan_document(plan: &Plan, commune: &Commune) -> Document {
    let authority = plan
        .authority
        .clone()
        .unwrap_or_else(|| commune.authority_lines.clone());
    let mut body: Vec<Block> = basis_lines(&plan.bases)
        .into_iter()
        .map(Block::Basis)
        .collect();
    if !plan.intro.trim().is_empty() {
        body.push(Block::Paragraph(vec![Run::plain(plan.intro.trim())]));
    }
    let mut extra = unprinted_deadlines(plan);
    push_sections(&plan.sections, "", 1, &mut extra, &mut body);
    // A deadline outside any section (or in one no longer there) ends the body's tasks.
    for lines in extra.into_values() {
        body.extend(
            lines
                .into_iter()
                .map(|l| Block::Paragraph(vec![Run::plain(l)])),
        );
    }
    if !plan.closing.trim().is_empty() {
        body.push(Block::Paragraph(vec![Run::plain(closing_text(
            &plan.closing,
        ))]));
    }
    Document {
        meta: Meta {
            title: format!("{} {}", plan.doc_type, plan.title),
            author: authority.join(" "),
        },
        header: Header {
            parent_authority: commune
                .parent_authority
                .clone()
                .filter(|s| !s.trim().is_empty()),
            authority,
            number_line: number_line(plan.number.as_deref(), &plan.symbol),
            place_date: date_line(&plan.place, &plan.date),
        },
        type_name: plan.doc_type.clone(),
        subject: plan.title.clone(),
        kinh_gui: Vec::new(),
        body,
        signature: Signature {
            titles: plan.signer.titles.clone(),
            name: plan.signer.name.clone(),
        },
        recipients: recipient_lines(&plan.recipients),
        left_signature: None,
        annex: None,
    }
}

/// Nghị định 30 ends the body with "./.".
fn closing_text(closing: &str) -> String {
    let c = closing.trim().trim_end_matches("./.").trim_end_matches('.');
    format!("{c}./.")
}

/// The plan's deadlines its text does not already say, as the lines real plans write them
/// ("- Các thôn: gửi báo cáo về UBND xã, trước ngày 10/11/2026."), by the label path of the
/// section they belong to, so a deadline typed in the editor's list prints under its task.
/// A deadline counts as said when a paragraph of its section gives the same date, or one
/// anywhere gives the same date with the same words (an imported plan's, found in its text).
fn unprinted_deadlines(plan: &Plan) -> BTreeMap<String, Vec<String>> {
    let year = plan.year();
    let mut said: Vec<Deadline> = dates::scan(&plan.intro, year, "").deadlines;
    for (path, s) in plan.walk_sections() {
        said.extend(dates::scan(&s.title, year, &path).deadlines);
        for p in &s.paragraphs {
            said.extend(dates::scan(p, year, &path).deadlines);
        }
    }
    said.extend(dates::scan(&plan.closing, year, "").deadlines);
    let same_words = |a: &str, b: &str| {
        let (a, b) = (fold(a), fold(b));
        !a.is_empty() && !b.is_empty() && (a.contains(&b) || b.contains(&a))
    };
    let mut pending: Vec<&Deadline> = plan
        .deadlines
        .iter()
        .filter(|d| {
            !said.iter().any(|s| {
                s.date == d.date && (s.section == d.section || same_words(&s.text, &d.text))
            })
        })
        .collect();
    pending.sort_by(|a, b| a.date.cmp(&b.date));
    let sections: Vec<String> = plan.walk_sections().into_iter().map(|(p, _)| p).collect();
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for d in pending {
        let Some(line) = deadline_line(d) else {
            continue;
        };
        let key = if sections.contains(&d.section) {
            d.section.clone()
        } else {
            String::new()
        };
        out.entry(key).or_default().push(line);
    }
    out
}

/// "- Các thôn: gửi báo cáo về UBND xã, trước ngày 10/11/2026.": the unit when the text does
/// not already start with it, the task, and the date as plans write it; `None` for a date
/// that is no date (a stored plan was validated, so this does not happen).
fn deadline_line(d: &Deadline) -> Option<String> {
    let date = chrono::NaiveDate::parse_from_str(&d.date, "%Y-%m-%d").ok()?;
    let when = format!("trước ngày {}", date.format("%d/%m/%Y"));
    let text = d
        .text
        .trim()
        .trim_start_matches(['-', '+', '•', '*'])
        .trim()
        .trim_end_matches(['.', ';', ',', ':'])
        .trim();
    let unit = d
        .unit
        .as_deref()
        .map(str::trim)
        .filter(|u| !u.is_empty() && !fold(text).starts_with(&fold(u)));
    let what = match (unit, text.is_empty()) {
        (Some(u), false) => format!("{u}: {text}, {when}"),
        (Some(u), true) => format!("{u}: hoàn thành {when}"),
        (None, false) => format!("{text}, {when}"),
        (None, true) => format!("Hoàn thành {when}"),
    };
    Some(format!("- {what}."))
}

fn push_sections(
    sections: &[Section],
    prefix: &str,
    level: u8,
    extra: &mut BTreeMap<String, Vec<String>>,
    out: &mut Vec<Block>,
) {
    for s in sections {
        let path = section_path(prefix, &s.label);
        let label = s.display_label();
        let title = if level == 1 {
            s.title.to_uppercase()
        } else {
            s.title.clone()
        };
        let text = match (label.is_empty(), title.is_empty()) {
            (true, _) => title,
            (false, true) => label,
            (false, false) => format!("{label} {title}"),
        };
        out.push(Block::Heading { level, text });
        for p in &s.paragraphs {
            out.push(Block::Paragraph(vec![Run::plain(p.trim())]));
        }
        // Its deadlines the text does not say, after its own text and before its parts.
        for line in extra.remove(&path).unwrap_or_default() {
            out.push(Block::Paragraph(vec![Run::plain(line)]));
        }
        push_sections(&s.children, &path, level + 1, extra, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_lines_follow_nd30() {
        let d = DocDate {
            day: None,
            month: 4,
            year: 2026,
        };
        assert_eq!(
            date_line("Quan Sơn", &d),
            "Quan Sơn, ngày      tháng 4 năm 2026"
        );
        let d = DocDate {
            day: Some(5),
            month: 2,
            year: 2027,
        };
        assert_eq!(
            date_line("Quan Sơn", &d),
            "Quan Sơn, ngày 05 tháng 02 năm 2027"
        );
        assert_eq!(number_line(Some("9"), "KH-UBND"), "Số: 09/KH-UBND");
        assert_eq!(number_line(None, "KH-UBND"), "Số:      /KH-UBND");
        assert_eq!(
            recipient_lines(&["TT Đảng ủy".into(), "Lưu: VT, VHXH.".into()]),
            vec!["- TT Đảng ủy;", "- Lưu: VT, VHXH."]
        );
        assert_eq!(
            closing_text("Trên đây là Kế hoạch."),
            "Trên đây là Kế hoạch./."
        );
    }

    fn paragraphs(doc: &Document) -> Vec<String> {
        doc.body
            .iter()
            .filter_map(|b| match b {
                Block::Paragraph(runs) => Some(runs.iter().map(|r| r.text.as_str()).collect()),
                _ => None,
            })
            .collect()
    }

    fn template_plan() -> (Plan, Commune) {
        let commune = Commune::new("Minh Hòa", "Phú Thọ");
        let plan = crate::template::get("qd06")
            .unwrap()
            .instantiate(&commune, 2026)
            .unwrap();
        (plan, commune)
    }

    #[test]
    fn the_templates_deadlines_are_already_in_their_text() {
        let commune = Commune::new("Minh Hòa", "Phú Thọ");
        for t in crate::template::all() {
            let plan = t.instantiate(&commune, 2026).unwrap();
            assert!(
                unprinted_deadlines(&plan).is_empty(),
                "{}: {:?}",
                t.id,
                unprinted_deadlines(&plan)
            );
        }
    }

    #[test]
    fn a_typed_deadline_prints_under_its_section_once() {
        let (mut plan, commune) = template_plan();
        let before = paragraphs(&plan_document(&plan, &commune));
        let (path, section) = plan.walk_sections()[1].clone();
        let last_own = section.paragraphs.last().cloned().unwrap_or_default();
        plan.deadlines.push(Deadline {
            date: "2026-09-05".into(),
            text: "Rà soát danh sách trẻ em có hoàn cảnh đặc biệt.".into(),
            section: path.clone(),
            unit: Some("Công an xã".into()),
        });
        let after = paragraphs(&plan_document(&plan, &commune));
        let line =
            "- Công an xã: Rà soát danh sách trẻ em có hoàn cảnh đặc biệt, trước ngày 05/09/2026.";
        assert_eq!(after.len(), before.len() + 1);
        let at = after.iter().position(|p| p == line).expect("printed");
        // Right after its section's own text.
        if !last_own.is_empty() {
            assert_eq!(after[at - 1], last_own.trim());
        }
        // Said in the text already (as once printed and re-imported): not printed twice.
        let mut said = plan.clone();
        fn add(sections: &mut [Section], prefix: &str, path: &str, line: &str) {
            for s in sections {
                let p = section_path(prefix, &s.label);
                if p == path {
                    s.paragraphs.push(line.to_string());
                }
                add(&mut s.children, &p, path, line);
            }
        }
        add(&mut said.sections, "", &path, line);
        let again = paragraphs(&plan_document(&said, &commune));
        assert_eq!(again.iter().filter(|p| p.contains("05/09/2026")).count(), 1);
        // The same words with the same date elsewhere in the text also count as said.
        let mut elsewhere = plan.clone();
        elsewhere.closing = format!(
            "Rà soát danh sách trẻ em có hoàn cảnh đặc biệt trước ngày 05/9/2026. {}",
            plan.closing
        );
        let doc = paragraphs(&plan_document(&elsewhere, &commune));
        assert!(!doc.iter().any(|p| p == line), "{doc:?}");
    }

    #[test]
    fn a_deadline_outside_any_section_ends_the_tasks() {
        let (mut plan, commune) = template_plan();
        plan.deadlines.push(Deadline {
            date: "2026-12-20".into(),
            text: "".into(),
            section: "".into(),
            unit: None,
        });
        plan.deadlines.push(Deadline {
            date: "2026-12-01".into(),
            text: "- Nộp báo cáo tổng kết;".into(),
            section: "IX.9".into(),
            unit: None,
        });
        let doc = paragraphs(&plan_document(&plan, &commune));
        let n = doc.len();
        assert_eq!(doc[n - 1], closing_text(&plan.closing));
        assert_eq!(doc[n - 3], "- Nộp báo cáo tổng kết, trước ngày 01/12/2026.");
        assert_eq!(doc[n - 2], "- Hoàn thành trước ngày 20/12/2026.");
    }
}
