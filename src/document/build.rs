//! Builds the document tree of a plan from the plan and the commune profile.

use super::tree::{Block, Document, Header, Meta, Run, Signature};
use crate::model::{Commune, DocDate, Plan, Section};

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
    push_sections(&plan.sections, 1, &mut body);
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

fn push_sections(sections: &[Section], level: u8, out: &mut Vec<Block>) {
    for s in sections {
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
        push_sections(&s.children, level + 1, out);
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
}
