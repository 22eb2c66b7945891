//! The parts of a plan in reading order — header, type name, subject, bases, intro,
//! sections, closing sentence, recipients and signature — found in the paragraphs, and the
//! plan put together from them.

use super::header::{self, Header};
use super::lines::{starts_basis, Para};
use super::{dates, refs, sections, tail};
use crate::error::{Error, Result};
use crate::model::{DocDate, Plan};

/// Where each part starts in the paragraphs.
struct Parts<'a> {
    header: &'a [Para],
    doc_type: String,
    title: String,
    /// Paragraphs between the subject and the closing: bases, intro, sections.
    body: &'a [Para],
    closing: &'a [Para],
    tail: &'a [Para],
}

fn split(paras: &[Para]) -> Parts<'_> {
    let type_at = paras
        .iter()
        .position(|p| header::doc_type(&p.text).is_some());
    let (header_end, doc_type, title_at) = match type_at {
        Some(t) => (
            t,
            header::doc_type(&paras[t].text)
                .unwrap_or_default()
                .to_string(),
            Some(t + 1),
        ),
        // No known type name: the header is what looks like one at the start.
        None => {
            let n = paras
                .iter()
                .take_while(|p| header::is_header_line(p))
                .count();
            (n, String::new(), None)
        }
    };
    let mut rest_at = header_end + usize::from(type_at.is_some());
    let mut title = String::new();
    if let Some(t) = title_at.filter(|&t| t < paras.len()) {
        let p = &paras[t];
        if !sections::is_labelled(p) && !tail::is_recipients_heading(&p.text) {
            title = p.text.clone();
            rest_at = t + 1;
        }
    }
    let rest = &paras[rest_at.min(paras.len())..];
    let tail_at = rest
        .iter()
        .position(|p| tail::is_recipients_heading(&p.text))
        .or_else(|| tail::signature_start(rest))
        .unwrap_or(rest.len());
    let before_tail = &rest[..tail_at];
    let closing_at = before_tail
        .iter()
        .position(|p| p.text.starts_with("Trên đây"))
        .or_else(|| {
            // No "Trên đây …": the last paragraph if it ends as a document does, "./.".
            let last = before_tail.len().checked_sub(1)?;
            before_tail[last].text.ends_with("/.").then_some(last)
        })
        .unwrap_or(before_tail.len());
    Parts {
        header: &paras[..header_end],
        doc_type,
        title,
        body: &before_tail[..closing_at],
        closing: &before_tail[closing_at..],
        tail: &rest[tail_at..],
    }
}

/// "Căn cứ …; Căn cứ …" written on one line gives one basis each.
fn split_bases(text: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    for (i, part) in text.split("; ").enumerate() {
        let last = out.len() - 1;
        if i > 0 && starts_basis(part) {
            out.push(part.to_string());
        } else if out[last].is_empty() {
            out[last] = part.to_string();
        } else {
            out[last].push_str("; ");
            out[last].push_str(part);
        }
    }
    out
}

/// "… năm 2023. UBND xã xây dựng Kế hoạch thực hiện như sau:" — the last basis and the
/// intro written as one paragraph (seeds 000 and 002): cut at the last sentence boundary.
fn split_intro(basis: &str) -> Option<(String, String)> {
    if !basis.trim_end().ends_with(':') {
        return None;
    }
    let chars: Vec<(usize, char)> = basis.char_indices().collect();
    let cut = chars.windows(3).rev().find_map(|w| {
        let ((i, a), (_, b), (k, c)) = (w[0], w[1], w[2]);
        (matches!(a, '.' | ';') && b == ' ' && c.is_uppercase()).then_some((i, k))
    })?;
    Some((basis[..cut.0].to_string(), basis[cut.1..].to_string()))
}

/// Bases and intro from the paragraphs before the first section.
fn preamble(paras: &[Para]) -> (Vec<String>, String) {
    let mut bases: Vec<String> = Vec::new();
    let mut intro: Vec<String> = Vec::new();
    for p in paras {
        if intro.is_empty() && starts_basis(&p.text) {
            bases.extend(split_bases(&p.text));
        } else {
            intro.push(p.text.clone());
        }
    }
    if intro.is_empty() {
        if let Some((basis, rest)) = bases.last().and_then(|b| split_intro(b)) {
            bases.pop();
            bases.push(basis);
            intro.push(rest);
        }
    }
    let bases = bases
        .iter()
        .map(|b| b.trim_end_matches([';', '.', ',', ' ']).to_string())
        .filter(|b| !b.is_empty())
        .collect();
    (bases, intro.join(" "))
}

/// The year a plan without a date line is about: the subject's "năm 2026", else the
/// first plausible year in the text.
fn guess_year(title: &str, paras: &[Para]) -> Option<i32> {
    let years = |t: &str| -> Vec<i32> {
        t.split(|c: char| !c.is_ascii_digit())
            .filter(|w| w.len() == 4)
            .filter_map(|w| w.parse().ok())
            .filter(|y| crate::model::date::YEAR_RANGE.contains(y))
            .collect()
    };
    years(title)
        .last()
        .copied()
        .or_else(|| paras.iter().find_map(|p| years(&p.text).first().copied()))
}

/// Builds the plan; `warnings` gets what was missing, in Vietnamese.
pub fn build(paras: &[Para], name: &str, warnings: &mut Vec<String>) -> Result<Plan> {
    let parts = split(paras);
    let Header {
        authority,
        number,
        place_date,
    } = header::parse(parts.header);
    let first_section = parts
        .body
        .iter()
        .position(sections::is_labelled)
        .unwrap_or(parts.body.len());
    let (bases, mut intro) = preamble(&parts.body[..first_section]);
    let (sections, loose) = sections::build(&parts.body[first_section..]);
    if !loose.is_empty() {
        intro = [intro, loose.join(" ")].join(" ").trim().to_string();
    }
    let closing = parts
        .closing
        .iter()
        .map(|p| p.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let tail = tail::parse(parts.tail);

    if parts.doc_type.is_empty() && sections.is_empty() && closing.is_empty() {
        return Err(Error::Invalid(format!(
            "Không nhận ra kế hoạch trong tệp {name}: không thấy tên loại văn bản (KẾ HOẠCH), các mục I, II, … hay câu kết “Trên đây là …”. Hãy chọn đúng tệp kế hoạch (.txt, .md hoặc .docx)."
        )));
    }
    let date = match &place_date {
        Some(d) => DocDate {
            day: d.day,
            month: d.month,
            year: d.year,
        },
        None => {
            let year = guess_year(&parts.title, paras).unwrap_or_else(|| {
                use chrono::Datelike;
                chrono::Local::now().year()
            });
            warnings.push(format!(
                "Không thấy dòng địa danh, ngày tháng năm; đã tạm ghi tháng 1 năm {year}. Hãy sửa lại ngày của kế hoạch."
            ));
            DocDate {
                day: None,
                month: 1,
                year,
            }
        }
    };
    if number.is_none() {
        warnings.push(
            "Không thấy dòng “Số: …/KH-UBND”; ký hiệu văn bản để trống, hãy nhập trước khi lưu."
                .into(),
        );
    }
    if parts.doc_type.is_empty() {
        warnings.push("Không thấy tên loại văn bản (KẾ HOẠCH, BÁO CÁO…).".into());
    }
    if parts.title.is_empty() {
        warnings.push("Không thấy trích yếu (tên kế hoạch) dưới tên loại văn bản.".into());
    }
    if !tail.has_recipients_heading {
        warnings.push("Không thấy mục “Nơi nhận:”.".into());
    }
    if tail.signer.name.is_empty() {
        warnings.push("Không thấy họ tên người ký.".into());
    }
    let (number, symbol) = number.unwrap_or((None, String::new()));
    let mut plan = Plan {
        doc_type: parts.doc_type,
        authority: (!authority.is_empty()).then_some(authority),
        number,
        symbol,
        place: place_date.map(|d| d.place).unwrap_or_default(),
        date,
        title: parts.title,
        bases,
        intro,
        sections,
        closing,
        recipients: tail.recipients,
        signer: tail.signer,
        deadlines: Vec::new(),
        events: Vec::new(),
        references: Vec::new(),
    };
    find_dates_and_references(&mut plan);
    Ok(plan)
}

/// Deadlines, events and references, from every part of the text in reading order.
fn find_dates_and_references(plan: &mut Plan) {
    let year = plan.date.year;
    let mut texts: Vec<(String, &str)> = vec![(String::new(), plan.intro.as_str())];
    for (path, s) in plan.walk_sections() {
        texts.push((path.clone(), s.title.as_str()));
        for p in &s.paragraphs {
            texts.push((path.clone(), p.as_str()));
        }
    }
    texts.push((String::new(), plan.closing.as_str()));
    let mut deadlines = Vec::new();
    let mut events = Vec::new();
    for (path, text) in &texts {
        let found = dates::scan(text, year, path);
        deadlines.extend(found.deadlines);
        events.extend(found.events);
    }
    // Listed by date, as the deadlines screen and the templates order them.
    deadlines.sort_by(|a, b| a.date.cmp(&b.date));
    events.sort_by(|a, b| a.start.cmp(&b.start));
    let mut all = refs::find(&plan.title);
    for b in &plan.bases {
        all.extend(refs::find(b));
    }
    for (_, text) in &texts {
        all.extend(refs::find(text));
    }
    plan.deadlines = deadlines;
    plan.events = events;
    plan.references = refs::dedup(all);
}
