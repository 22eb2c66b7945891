//! The header of a Nghị định 30 document: the issuing authority, the national title and
//! motto, "Số: 12/KH-UBND" and "Quan Sơn, ngày 05 tháng 4 năm 2026". The seeds keep only
//! the number and date lines (text extraction lost the two-column block); a DOCX or a typed
//! file may have all of it, in one column or with both columns on one line.

use std::sync::LazyLock;

use regex_lite::Regex;

use super::lines::Para;
use super::vn;

/// What the header says.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Header {
    pub authority: Vec<String>,
    /// `Some((number, symbol))` when a "Số:" line was found; the number is `None` if blank.
    pub number: Option<(Option<String>, String)>,
    pub place_date: Option<PlaceDate>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PlaceDate {
    pub place: String,
    pub day: Option<u32>,
    pub month: u32,
    pub year: i32,
}

/// The type names a commune's documents carry (docs/documents.md), and a few more it receives.
pub const DOC_TYPES: &[&str] = &[
    "KẾ HOẠCH",
    "BÁO CÁO",
    "TỜ TRÌNH",
    "BIÊN BẢN",
    "THÔNG BÁO",
    "QUYẾT ĐỊNH",
    "CHƯƠNG TRÌNH",
    "HƯỚNG DẪN",
    "ĐỀ ÁN",
    "PHƯƠNG ÁN",
    "NGHỊ QUYẾT",
    "CHỈ THỊ",
    "QUY CHẾ",
    "QUY ĐỊNH",
    "CÔNG VĂN",
];

// "Số: 12/KH-UBND", "Số:      /KH-UBND", "Số: ....../KH-UBND".
static NUMBER_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:Số|SỐ)\s*:?\s*([0-9]*)[\s._…]*/\s*([^\s]+)").expect("valid pattern")
});

// "Quan Sơn, ngày 05 tháng 4 năm 2026"; the day may be blank, dots or underscores.
static DATE_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^([^,]{1,60}),\s*[Nn]gày\s*([0-9]{1,2})?[\s._…]*[Tt]háng\s*([0-9]{1,2})[\s._…]*[Nn]ăm\s*([0-9]{4})",
    )
    .expect("valid pattern")
});

pub fn is_number_line(text: &str) -> bool {
    (text.starts_with("Số") || text.starts_with("SỐ")) && NUMBER_RE.is_match(text)
}

/// `(number, symbol)` of a "Số:" line.
pub fn parse_number(text: &str) -> Option<(Option<String>, String)> {
    if !is_number_line(text) {
        return None;
    }
    let c = NUMBER_RE.captures(text)?;
    let number = c.get(1).map(|m| m.as_str()).filter(|n| !n.is_empty());
    let symbol = c.get(2)?.as_str().trim_end_matches([',', ';', '.']);
    Some((number.map(String::from), symbol.to_string()))
}

pub fn parse_place_date(text: &str) -> Option<PlaceDate> {
    // Cheap test first: this runs on every line.
    if !text.contains("háng") || !text.contains(',') {
        return None;
    }
    let c = DATE_RE.captures(text)?;
    let place = vn::squash(c.get(1)?.as_str());
    if place.is_empty() || vn::word_count(&place) > 6 {
        return None;
    }
    Some(PlaceDate {
        place,
        day: c.get(2).and_then(|m| m.as_str().parse().ok()),
        month: c.get(3)?.as_str().parse().ok()?,
        year: c.get(4)?.as_str().parse().ok()?,
    })
}

/// The type name ("KẾ HOẠCH") if the paragraph is one, as printed: capitals, alone.
pub fn doc_type(text: &str) -> Option<&'static str> {
    let t = text.trim().trim_end_matches(':').trim();
    DOC_TYPES.iter().copied().find(|d| *d == t)
}

fn is_national_title(text: &str) -> bool {
    let f = vn::fold(text);
    f.contains("cong hoa xa hoi chu nghia viet nam") || f.contains("doc lap - tu do - hanh phuc")
}

/// A paragraph that belongs to a header: number, date, national title, motto or an
/// authority line in capitals.
pub fn is_header_line(p: &Para) -> bool {
    p.cells
        .iter()
        .any(|c| is_number_line(c) || parse_place_date(c).is_some() || is_national_title(c))
        || (vn::is_upper(&p.text) && doc_type(&p.text).is_none())
}

/// Reads the header paragraphs (everything before the type name).
pub fn parse(paras: &[Para]) -> Header {
    let mut h = Header::default();
    // (line, bold) of the authority column, to drop a superior's regular line if the
    // authority's own lines are bold (as Nghị định 30 and our DOCX print them).
    let mut authority: Vec<(String, bool)> = Vec::new();
    for p in paras {
        // The whole line first: the blanks left for a number or a day ("Số:      /KH-UBND")
        // look like a gap between columns.
        if let Some(n) = parse_number(&p.text) {
            let rest = NUMBER_RE.find(&p.text).map_or("", |m| &p.text[m.end()..]);
            if let Some(d) = parse_place_date(rest.trim()) {
                h.place_date.get_or_insert(d);
            }
            h.number.get_or_insert(n);
        } else if let Some(d) = parse_place_date(&p.text) {
            h.place_date.get_or_insert(d);
        }
        for cell in &p.cells {
            if let Some(n) = parse_number(cell) {
                h.number.get_or_insert(n);
                // Columns typed one space apart: the date may follow the symbol.
                let rest = NUMBER_RE.find(cell).map_or("", |m| &cell[m.end()..]);
                if let Some(d) = parse_place_date(rest.trim()) {
                    h.place_date.get_or_insert(d);
                }
            } else if let Some(d) = parse_place_date(cell) {
                h.place_date.get_or_insert(d);
            } else if is_national_title(cell) {
                // The right column's fixed lines carry no information.
            } else if vn::is_upper(cell) && h.number.is_none() {
                authority.push((cell.clone(), p.all_bold));
            }
        }
    }
    let any_bold = authority.iter().any(|(_, b)| *b);
    let all_bold = authority.iter().all(|(_, b)| *b);
    h.authority = authority
        .into_iter()
        .filter(|(_, bold)| *bold || !any_bold || all_bold)
        .map(|(line, _)| line)
        .collect();
    h
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::lines::paragraphs;

    #[test]
    fn number_and_date_lines() {
        assert_eq!(parse_number("Số: /KH-UBND"), Some((None, "KH-UBND".into())));
        assert_eq!(
            parse_number("Số:  09/KH-UBND"),
            Some((Some("09".into()), "KH-UBND".into()))
        );
        assert_eq!(parse_number("Số lượng 5/10"), None);
        let d = parse_place_date("Vân Nham, ngày tháng 03 năm 2023").unwrap();
        assert_eq!(
            (d.place.as_str(), d.day, d.month, d.year),
            ("Vân Nham", None, 3, 2023)
        );
        let d = parse_place_date("Quan Sơn, ngày 05 tháng 4 năm 2026").unwrap();
        assert_eq!(d.day, Some(5));
        let d = parse_place_date("Quan Sơn, ngày ..... tháng 4 năm 2026").unwrap();
        assert_eq!(d.day, None);
    }

    #[test]
    fn two_columns_on_one_line() {
        let text = "UBND HUYỆN HỮU LŨNG      CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\
                    UBND XÃ VÂN NHAM        Độc lập - Tự do - Hạnh phúc\n\
                    Số: 12/KH-UBND          Vân Nham, ngày 05 tháng 3 năm 2023";
        let h = parse(&paragraphs(text));
        assert_eq!(h.authority, ["UBND HUYỆN HỮU LŨNG", "UBND XÃ VÂN NHAM"]);
        assert_eq!(h.number, Some((Some("12".into()), "KH-UBND".into())));
        assert_eq!(h.place_date.unwrap().place, "Vân Nham");
        // Wide blanks for the number and the day are not column gaps.
        let h = parse(&paragraphs(
            "Số:      /KH-UBND\nMinh Hòa, ngày      tháng 3 năm 2027",
        ));
        assert_eq!(h.number, Some((None, "KH-UBND".into())));
        assert_eq!(h.place_date.unwrap().month, 3);
        assert!(h.authority.is_empty());
    }
}
