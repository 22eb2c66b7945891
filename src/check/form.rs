//! Nghị định 30 form of the plan model: signer, subject, type name ↔ symbol, place,
//! recipients ending with "Lưu: VT…", a closing sentence, paragraphs ending with punctuation.
//! (Final punctuation of bases and recipients and the closing "./." are added on export, so
//! they are checked on raw text only, in `text`.)

use super::doc::{Doc, Out};
use super::finding::{Finding, Severity};
use super::scan::{fold, last_words};
use crate::model::Plan;

/// Type names of docs/documents.md and the abbreviation their symbol starts with.
pub const TYPE_SYMBOLS: &[(&str, &str)] = &[
    ("KẾ HOẠCH", "KH"),
    ("BÁO CÁO", "BC"),
    ("TỜ TRÌNH", "TTr"),
    ("BIÊN BẢN", "BB"),
    ("THÔNG BÁO", "TB"),
    ("QUYẾT ĐỊNH", "QĐ"),
];

/// Type name against symbol ("KẾ HOẠCH" ↔ "KH-UBND"); the finding if they disagree.
pub fn type_symbol(doc_type: &str, symbol: &str) -> Option<Finding> {
    let t = doc_type.trim().to_uppercase();
    let symbol = symbol.trim();
    if symbol.is_empty() {
        return Some(
            Finding::new(
                Severity::Error,
                "symbol-missing",
                "Thiếu ký hiệu văn bản (ví dụ “KH-UBND” sau “Số:”).",
            )
            .suggest_opt(
                TYPE_SYMBOLS
                    .iter()
                    .find(|(n, _)| *n == t)
                    .map(|(_, a)| format!("{a}-UBND")),
            ),
        );
    }
    let abbr = symbol.split('-').next().unwrap_or("");
    let Some((_, want)) = TYPE_SYMBOLS.iter().find(|(n, _)| *n == t) else {
        return Some(
            Finding::new(
                Severity::Info,
                "doc-type-unknown",
                format!(
                    "Tên loại “{doc_type}” không thuộc các loại Tre biết (KẾ HOẠCH, BÁO CÁO, TỜ TRÌNH, BIÊN BẢN, THÔNG BÁO, QUYẾT ĐỊNH); hãy kiểm tra lại."
                ),
            )
            .excerpt(doc_type),
        );
    };
    if abbr != *want {
        let rest = symbol.split_once('-').map_or("UBND", |(_, r)| r);
        return Some(
            Finding::new(
                Severity::Error,
                "doc-type-symbol",
                format!(
                    "Tên loại “{t}” phải có ký hiệu bắt đầu bằng “{want}”, không phải “{abbr}”."
                ),
            )
            .excerpt(symbol)
            .suggest(format!("{want}-{rest}")),
        );
    }
    if !symbol.contains('-') {
        return Some(
            Finding::new(
                Severity::Warning,
                "symbol-form",
                "Ký hiệu văn bản gồm chữ viết tắt tên loại và tên cơ quan, nối bằng dấu gạch nối (ví dụ “KH-UBND”).",
            )
            .excerpt(symbol)
            .suggest(format!("{want}-UBND")),
        );
    }
    None
}

/// The signer's name and titles; "KT. CHỦ TỊCH" needs the deputy's title under it.
pub fn signer(titles: &[String], name: &str) -> Vec<(Option<&'static str>, Finding)> {
    let mut out = Vec::new();
    if titles.iter().all(|t| t.trim().is_empty()) {
        out.push((
            Some("titles"),
            Finding::new(
                Severity::Error,
                "signer-title-missing",
                "Thiếu chức vụ người ký (ví dụ “KT. CHỦ TỊCH” / “PHÓ CHỦ TỊCH”).",
            ),
        ));
    } else if titles
        .first()
        .is_some_and(|t| t.trim().to_uppercase().starts_with("KT."))
        && !titles
            .iter()
            .skip(1)
            .any(|t| t.trim().to_uppercase().starts_with("PHÓ"))
    {
        out.push((
            Some("titles"),
            Finding::new(
                Severity::Warning,
                "signer-title-form",
                "Ký thay (KT.) phải ghi chức vụ của người ký ở dòng dưới (ví dụ “PHÓ CHỦ TỊCH”).",
            )
            .excerpt(titles.join(" / ")),
        ));
    }
    if name.trim().is_empty() {
        out.push((
            Some("name"),
            Finding::new(
                Severity::Error,
                "signer-name-missing",
                "Thiếu họ tên người ký.",
            ),
        ));
    }
    out
}

/// The last recipient must be the archive line "Lưu: VT, …".
pub fn archive_line(recipients: &[String]) -> Option<(Option<usize>, Finding)> {
    if recipients.iter().all(|r| r.trim().is_empty()) {
        return Some((
            None,
            Finding::new(
                Severity::Warning,
                "recipients-missing",
                "Thiếu “Nơi nhận”: kế hoạch phải nêu nơi nhận, mục cuối là “Lưu: VT, …”.",
            ),
        ));
    }
    let last = recipients.len() - 1;
    let item = recipients[last].trim();
    let folded = fold(item.trim_start_matches("- "));
    if !folded.starts_with("lưu") {
        return Some((
            Some(last),
            Finding::new(
                Severity::Warning,
                "recipients-archive",
                "Mục cuối của “Nơi nhận” phải là “Lưu: VT, …” (lưu tại văn thư và đơn vị soạn thảo).",
            )
            .excerpt(item)
            .suggest("Lưu: VT, VHXH"),
        ));
    }
    None
}

pub fn check(doc: &Doc, out: &mut Out) {
    let Some(plan) = doc.plan else {
        return;
    };
    header(plan, out);
    if plan.title.trim().is_empty() {
        let f = Finding::new(
            Severity::Error,
            "subject-missing",
            "Thiếu trích yếu (tên kế hoạch) dưới tên loại văn bản.",
        );
        out.at("preamble", Some("title"), None, None, f);
    }
    paragraphs(doc, out);
    if plan.closing.trim().is_empty() {
        let f = Finding::new(
            Severity::Warning,
            "closing-missing",
            "Thiếu câu kết (“Trên đây là Kế hoạch …./.”).",
        );
        out.at("closing", Some("closing"), None, None, f);
    }
    if let Some((index, f)) = archive_line(&plan.recipients) {
        out.at("recipients", Some("recipients"), index, None, f);
    }
    for (field, f) in signer(&plan.signer.titles, &plan.signer.name) {
        out.at("signer", field, None, None, f);
    }
}

fn header(plan: &Plan, out: &mut Out) {
    if let Err(e) = plan.date.validate() {
        let f = Finding::new(Severity::Error, "date-invalid", e.to_string());
        out.at("header", Some("date"), None, None, f);
    }
    if plan.doc_type.trim().is_empty() {
        let f = Finding::new(
            Severity::Error,
            "doc-type-missing",
            "Thiếu tên loại văn bản (ví dụ “KẾ HOẠCH”).",
        );
        out.at("header", Some("doc_type"), None, None, f);
    } else if let Some(f) = type_symbol(&plan.doc_type, &plan.symbol) {
        out.at("header", Some("symbol"), None, None, f);
    }
    if plan.place.trim().is_empty() {
        let f = Finding::new(
            Severity::Error,
            "place-missing",
            "Thiếu địa danh ở dòng ngày tháng (ví dụ “Quan Sơn, ngày … tháng … năm …”).",
        );
        out.at("header", Some("place"), None, None, f);
    }
}

/// Body paragraphs print as written: each ends with ".", ";", ":" or similar.
fn paragraphs(doc: &Doc, out: &mut Out) {
    for (i, spot) in doc.spots.iter().enumerate() {
        if spot.part != super::doc::Part::Paragraph {
            continue;
        }
        if let Some(f) = paragraph_end(&spot.text) {
            out.at_spot(doc, i, spot.text.len(), f);
        }
    }
}

pub fn paragraph_end(text: &str) -> Option<Finding> {
    let t = text.trim();
    if t.is_empty() || t.ends_with(['.', ';', ':', '!', '?', '…']) {
        return None;
    }
    let tail = last_words(t, 6);
    Some(
        Finding::new(
            Severity::Info,
            "paragraph-end",
            "Đoạn văn chưa có dấu câu ở cuối.",
        )
        .excerpt(&tail)
        .suggest(format!("{tail}.")),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_name_and_symbol() {
        assert!(type_symbol("KẾ HOẠCH", "KH-UBND").is_none());
        assert!(type_symbol("TỜ TRÌNH", "TTr-UBND").is_none());
        let f = type_symbol("BÁO CÁO", "KH-UBND").unwrap();
        assert_eq!(
            (f.code.as_str(), f.suggestion.as_deref()),
            ("doc-type-symbol", Some("BC-UBND"))
        );
        assert_eq!(type_symbol("KẾ HOẠCH", "").unwrap().code, "symbol-missing");
        assert_eq!(type_symbol("KẾ HOẠCH", "KH").unwrap().code, "symbol-form");
    }

    #[test]
    fn signer_and_recipients() {
        let kt = vec!["KT. CHỦ TỊCH".to_string(), "PHÓ CHỦ TỊCH".to_string()];
        assert!(signer(&kt, "Hoàng Đức Bình").is_empty());
        assert_eq!(signer(&kt, " ")[0].1.code, "signer-name-missing");
        assert_eq!(signer(&[], "A")[0].1.code, "signer-title-missing");
        assert_eq!(
            signer(&["KT. CHỦ TỊCH".to_string()], "A")[0].1.code,
            "signer-title-form"
        );
        assert!(archive_line(&["TT Đảng ủy".into(), "Lưu: VT".into()]).is_none());
        assert_eq!(
            archive_line(&["TT Đảng ủy".into()]).unwrap().1.code,
            "recipients-archive"
        );
        assert_eq!(archive_line(&[]).unwrap().1.code, "recipients-missing");
    }

    #[test]
    fn paragraphs_end_with_punctuation() {
        assert!(paragraph_end("- Nâng cao nhận thức.").is_none());
        assert!(paragraph_end("các đơn vị sau:").is_none());
        let f = paragraph_end("theo quy định của pháp luật").unwrap();
        assert_eq!(
            f.suggestion.as_deref(),
            Some("theo quy định của pháp luật.")
        );
    }
}
