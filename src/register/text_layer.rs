//! What a signed copy's first page prints as its number and date, when the PDF has a text
//! layer (the e-office system's PDF, or a scan with OCR): "Số: 15/KH-UBND" and "…, ngày 08
//! tháng 4 năm 2026". A copy whose number or date differ from the register's is most often
//! the wrong file, or a register entry typed wrong; the officer is told at attach time.
//! A scan without text says nothing, and nothing is guessed.

use chrono::NaiveDate;
use regex_lite::Regex;

use crate::text::nfc;

/// The number and date the first page prints.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Printed {
    /// "15" of "Số: 15/KH-UBND".
    pub number: Option<String>,
    /// "Số: /KH-UBND": the number was left blank, a draft was attached.
    pub blank_number: bool,
    pub date: Option<NaiveDate>,
}

/// Reads the first page's text; `None` for a PDF without a text layer (or one that cannot
/// be read: the copy was checked already, and this only adds warnings).
pub fn printed(pdf: &[u8]) -> Option<Printed> {
    // A hostile file must not take attaching down with it: text extraction is best effort.
    let text = std::panic::catch_unwind(|| {
        let doc = lopdf::Document::load_mem(pdf).ok()?;
        doc.extract_text(&[1]).ok()
    })
    .ok()
    .flatten()?;
    let text = nfc(&text);
    if text.trim().is_empty() {
        return None;
    }
    Some(read(&text))
}

fn read(text: &str) -> Printed {
    // "Số: 15/KH-UBND", "Số 15/KH-UBND", "Số:15 /KH-UBND"; the number may be left blank.
    let number_re =
        Regex::new(r"Số\s*:?\s*([0-9][0-9A-Za-z.\-]*)?\s*/\s*[A-ZĐ]").expect("valid regex");
    let date_re =
        Regex::new(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})").expect("valid regex");
    let mut out = Printed::default();
    if let Some(c) = number_re.captures(text) {
        match c.get(1) {
            Some(n) => out.number = Some(n.as_str().to_string()),
            None => out.blank_number = true,
        }
    }
    if let Some(c) = date_re.captures(text) {
        let n = |i: usize| c.get(i).and_then(|m| m.as_str().parse().ok());
        if let (Some(d), Some(m), Some(y)) = (n(1), n(2), n(3)) {
            out.date = NaiveDate::from_ymd_opt(y as i32, m, d);
        }
    }
    out
}

/// The warnings for a copy printing `p`, registered with `number` and ISO `date`.
pub fn mismatches(p: &Printed, number: Option<&str>, date: Option<&str>) -> Vec<String> {
    let mut out = Vec::new();
    let same_number =
        |a: &str, b: &str| a.trim_start_matches('0') == b.trim().trim_start_matches('0');
    if p.blank_number {
        out.push("Bản ký in “Số: /…” còn để trống số: có thể đã đính kèm bản dự thảo chưa ký. Hãy kiểm tra lại tệp.".to_string());
    } else if let (Some(printed), Some(registered)) = (&p.number, number) {
        if !same_number(printed, registered) {
            out.push(format!(
                "Bản ký ghi số {printed}, sổ văn bản ghi số {registered}. Hãy kiểm tra đã chọn đúng tệp, hoặc sửa số trong sổ."
            ));
        }
    }
    let registered = date.and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
    if let (Some(printed), Some(registered)) = (p.date, registered) {
        if printed != registered {
            out.push(format!(
                "Bản ký ghi ngày {}, sổ văn bản ghi ngày {}. Hãy kiểm tra đã chọn đúng tệp, hoặc sửa ngày trong sổ.",
                printed.format("%d/%m/%Y"),
                registered.format("%d/%m/%Y")
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_number_and_the_date_are_read_as_the_header_prints_them() {
        let p = read(
            "ỦY BAN NHÂN DÂNXÃ MINH HÒASố: 15/KH-UBNDMinh Hòa, ngày 08 tháng 4 năm 2026KẾ HOẠCH",
        );
        assert_eq!(p.number.as_deref(), Some("15"));
        assert_eq!(p.date, NaiveDate::from_ymd_opt(2026, 4, 8));
        assert!(!p.blank_number);
        assert!(mismatches(&p, Some("15"), Some("2026-04-08")).is_empty());
        // Leading zeros are the same number.
        assert!(mismatches(&p, Some("015"), Some("2026-04-08")).is_empty());
        let w = mismatches(&p, Some("16"), Some("2026-04-09"));
        assert_eq!(w.len(), 2);
        assert!(w[0].contains("số 15") && w[0].contains("số 16"), "{w:?}");
        assert!(
            w[1].contains("08/04/2026") && w[1].contains("09/04/2026"),
            "{w:?}"
        );
    }

    #[test]
    fn a_blank_number_is_a_draft_and_no_text_says_nothing() {
        let p = read("Số:      /KH-UBND Minh Hòa, ngày    tháng 4 năm 2026");
        assert!(p.blank_number);
        assert_eq!(p.date, None);
        assert!(mismatches(&p, Some("15"), None)[0].contains("còn để trống số"));
        assert_eq!(read("văn bản không có số"), Printed::default());
        assert_eq!(printed(b"not a pdf"), None);
    }
}
