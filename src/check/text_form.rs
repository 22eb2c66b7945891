//! Nghị định 30 form that only the raw text still shows (the model drops it, the export
//! writes it right): the date line's leading zeros, a missing type name, place or subject,
//! the closing "./.", each recipient's final ";" or ".", the signer block.

use std::sync::LazyLock;

use regex_lite::Regex;

use super::doc::{Out, Part, Spot};
use super::finding::{Finding, Severity};
use super::form;
use super::scan::last_words;
use super::text::Header;

/// ND30 writes "tháng 3" but "tháng 01", "tháng 02", and "ngày 05".
pub fn date_line_format(line: &str, no: usize, out: &mut Out) {
    static MONTH: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"tháng\s+(\d{1,2})\b").expect("month"));
    static DAY: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"ngày\s+(\d{1,2})\s+tháng").expect("day"));
    if let Some(c) = MONTH.captures(line) {
        let m = &c[1];
        let month: u32 = m.parse().unwrap_or(0);
        let right = if month <= 2 {
            format!("{month:02}")
        } else {
            month.to_string()
        };
        if right != m {
            let f = Finding::new(
                Severity::Info,
                "date-line-format",
                "Ở dòng ngày tháng, tháng 1 và 2 viết “01”, “02”; từ tháng 3 không thêm số 0.",
            )
            .excerpt(format!("tháng {m}"))
            .suggest(format!("tháng {right}"));
            out.at("header", Some("date"), None, Some(no), f);
        }
    }
    if let Some(c) = DAY.captures(line) {
        if c[1].len() == 1 {
            let f = Finding::new(
                Severity::Info,
                "date-line-format",
                "Ở dòng ngày tháng, ngày dưới 10 viết thêm số 0 (“ngày 05”).",
            )
            .excerpt(format!("ngày {}", &c[1]))
            .suggest(format!("ngày 0{}", &c[1]));
            out.at("header", Some("date"), None, Some(no), f);
        }
    }
}

/// The form rules that need the raw lines: what is missing, recipients' punctuation, "./.".
pub fn structure(spots: &[Spot], header: &Header, out: &mut Out) {
    let line_of = |part: Part| spots.iter().find(|s| s.part == part).and_then(|s| s.line);
    let last_line = spots.last().and_then(|s| s.line);
    match (&header.doc_type, &header.symbol) {
        (Some((_, t)), Some((no, sym))) => {
            if let Some(f) = form::type_symbol(t, sym) {
                out.at(
                    "header",
                    Some("symbol"),
                    None,
                    Some(*no),
                    f.excerpt(sym.as_str()),
                );
            }
        }
        (None, _) => out.at(
            "header",
            Some("doc_type"),
            None,
            Some(1),
            Finding::new(
                Severity::Error,
                "doc-type-missing",
                "Không thấy tên loại văn bản (ví dụ “KẾ HOẠCH”) trên một dòng riêng.",
            ),
        ),
        _ => {}
    }
    if header.place.as_deref().is_none_or(|p| p.trim().is_empty()) {
        out.at(
            "header",
            Some("place"),
            None,
            Some(1),
            Finding::new(
                Severity::Error,
                "place-missing",
                "Không thấy dòng địa danh, ngày tháng (ví dụ “Quan Sơn, ngày … tháng … năm …”).",
            ),
        );
    }
    if line_of(Part::Title).is_none() {
        let f = Finding::new(
            Severity::Error,
            "subject-missing",
            "Thiếu trích yếu (tên kế hoạch) dưới tên loại văn bản.",
        );
        out.at("preamble", Some("title"), None, Some(1), f);
    }
    let closing: Vec<&Spot> = spots.iter().filter(|s| s.part == Part::Closing).collect();
    match closing.last() {
        Some(last) if !last.text.trim_end().ends_with("./.") => {
            let tail = last_words(&last.text, 4);
            let f = Finding::new(
                Severity::Warning,
                "closing-end",
                "Câu kết của văn bản kết thúc bằng “./.”.",
            )
            .excerpt(&tail)
            .suggest(format!("{}./.", tail.trim_end_matches('.')));
            out.at("closing", Some("closing"), None, last.line, f);
        }
        None => out.at(
            "closing",
            Some("closing"),
            None,
            line_of(Part::RecipientsHeading).or(last_line),
            Finding::new(
                Severity::Warning,
                "closing-missing",
                "Thiếu câu kết (“Trên đây là Kế hoạch …./.”).",
            ),
        ),
        _ => {}
    }
    recipients(spots, out, last_line);
    let titles: Vec<String> = spots
        .iter()
        .filter(|s| s.part == Part::SignerTitle)
        .map(|s| s.text.clone())
        .collect();
    let name = spots
        .iter()
        .find(|s| s.part == Part::SignerName)
        .map_or("", |s| s.text.as_str());
    for (field, f) in form::signer(&titles, name) {
        out.at("signer", field, None, last_line, f);
    }
}

fn recipients(spots: &[Spot], out: &mut Out, last_line: Option<usize>) {
    let items: Vec<&Spot> = spots.iter().filter(|s| s.part == Part::Recipient).collect();
    let texts: Vec<String> = items
        .iter()
        .map(|s| s.text.trim_start_matches('-').trim().to_string())
        .collect();
    if let Some((index, f)) = form::archive_line(&texts) {
        let line = index
            .and_then(|i| items.get(i))
            .and_then(|s| s.line)
            .or(last_line);
        out.at("recipients", Some("recipients"), index, line, f);
    }
    let n = items.len();
    for (i, s) in items.iter().enumerate() {
        let t = s.text.trim_end();
        let want = if i + 1 == n { '.' } else { ';' };
        if t.ends_with(want) {
            continue;
        }
        let body = t.trim_end_matches([';', '.', ',', ':']);
        let f = Finding::new(
            Severity::Warning,
            "recipients-punct",
            "Mỗi mục “Nơi nhận” kết thúc bằng dấu “;”, mục cuối bằng dấu “.”.",
        )
        .excerpt(t)
        .suggest(format!("{body}{want}"));
        out.at("recipients", Some("recipients"), Some(i), s.line, f);
    }
}
