//! Reading a score table back: the "Bảng điểm" sheet Tre writes (`score_table`), or a
//! province's workbook with the same columns. Columns are found by their header text, not
//! by position, so a sheet with a column added, removed or moved still reads; each
//! criterion's and sub-item's points come back with its code. A cell that cannot be read
//! (text where points belong) is an error naming the cell, never a silent zero.

use calamine::Data;
use serde::{Deserialize, Serialize};

use super::cell_name;
use super::read::{data_number, data_text, open, open_bytes, Book, Sheet};
use super::SCORE_SHEET;
use crate::error::{Error, Result};
use crate::text::{fold, strip_marks};

/// The header is found within the first rows: Tre's sits under at most a dozen title lines.
const HEADER_SEARCH_ROWS: u32 = 40;
/// Errors listed in one message: enough to fix a sheet, not a wall of text.
const MAX_LISTED: usize = 8;

/// A score table as read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScoreSheet {
    /// From the title ("… NĂM 2026"), when there is one.
    pub year: Option<i32>,
    /// "xã Minh Hòa", from the "(Kèm theo … của Ủy ban nhân dân xã Minh Hòa)" line or the
    /// verdict, when there is one.
    pub commune: Option<String>,
    pub criteria: Vec<ScoreCriterion>,
    /// The "TỔNG CỘNG" row's points; `None` when the row or its value is missing.
    pub total: Option<f64>,
    /// The line under the table starting "Kết luận", as written.
    pub verdict: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScoreCriterion {
    pub code: String,
    pub name: String,
    /// `None` when blank or "chưa rõ" (an unknown maximum stays unknown).
    pub max_points: Option<f64>,
    pub points: Option<f64>,
    pub items: Vec<ScoreItem>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScoreItem {
    pub code: String,
    pub name: String,
    pub unit: String,
    /// The "Số đạt / giá trị" cell when it holds a number.
    pub numerator: Option<f64>,
    /// The same cell when it holds words ("Có", a choice).
    pub value_text: Option<String>,
    pub denominator: Option<f64>,
    pub rate: Option<f64>,
    pub max_points: Option<f64>,
    pub points: Option<f64>,
}

impl ScoreSheet {
    /// `Some(true)` for "… ĐẠT chuẩn …", `Some(false)` for "CHƯA ĐẠT" or a provisional
    /// verdict, `None` when the sheet has no verdict line.
    pub fn recognised(&self) -> Option<bool> {
        let v = strip_marks(&fold(self.verdict.as_deref()?));
        if v.contains("chua dat") || v.contains("tam thoi") {
            Some(false)
        } else if v.contains("dat chuan") {
            Some(true)
        } else {
            None
        }
    }
}

/// Reads the "Bảng điểm" sheet of the workbook in `bytes`.
pub fn read_score_table(bytes: &[u8]) -> Result<ScoreSheet> {
    read_score_table_named(bytes, "Bảng điểm")
}

/// The same, with `what` naming the file in messages ("Bảng điểm trong hồ sơ xã Minh Hòa").
pub fn read_score_table_named(bytes: &[u8], what: &str) -> Result<ScoreSheet> {
    from_book(open_bytes(bytes.to_vec(), what)?, what)
}

/// The score table in the file at `path`, within the bounds every workbook Tre opens has.
pub fn read_score_table_file(path: &std::path::Path, what: &str) -> Result<ScoreSheet> {
    from_book(open(path, what)?, what)
}

fn from_book(mut book: Book, what: &str) -> Result<ScoreSheet> {
    let sheet = Sheet::find(&mut book, SCORE_SHEET, what)?.ok_or_else(|| {
        Error::Invalid(format!(
            "{what} không có trang “{SCORE_SHEET}” (hoặc trang này không đọc được). Hãy dùng bảng chấm điểm do Tre xuất, hoặc đặt lại tên trang."
        ))
    })?;
    read_sheet(&sheet, what)
}

/// Where each column is, counted from 0.
#[derive(Debug, Default)]
struct Columns {
    code: Option<u16>,
    name: Option<u16>,
    unit: Option<u16>,
    num: Option<u16>,
    den: Option<u16>,
    rate: Option<u16>,
    max: Option<u16>,
    points: Option<u16>,
}

impl Columns {
    /// Notes what a header cell's words say it is; the first cell for a column wins.
    fn note(&mut self, col: u16, text: &str) {
        let t = strip_marks(&fold(text));
        let slot = if t.starts_with("stt") || t == "ma" || t.starts_with("ma tieu chi") {
            &mut self.code
        } else if t.contains("tieu chi") || t.contains("chi so") || t == "noi dung" {
            &mut self.name
        } else if t == "don vi" || t.starts_with("don vi ") {
            &mut self.unit
        } else if t.contains("so dat") || t.contains("gia tri") {
            &mut self.num
        } else if t == "tong so" || t == "mau so" {
            &mut self.den
        } else if t.contains("ty le") {
            &mut self.rate
        } else if t.contains("diem toi da") || t == "toi da" {
            &mut self.max
        } else if t.starts_with("diem") {
            &mut self.points
        } else {
            return;
        };
        slot.get_or_insert(col);
    }
}

fn read_sheet(sheet: &Sheet, what: &str) -> Result<ScoreSheet> {
    let (cols, first_data) = find_header(sheet).ok_or_else(|| {
        Error::Invalid(format!(
            "{what}: trang “{}” không có dòng tiêu đề của bảng điểm (cần các cột “STT / Mã”, “Tiêu chí / chỉ số” và “Điểm tự chấm”). Hãy dùng bảng chấm điểm do Tre xuất.",
            sheet.name
        ))
    })?;
    let (code_col, name_col, points_col) = (
        cols.code.unwrap_or(0),
        cols.name.unwrap_or(1),
        cols.points.unwrap_or(7),
    );
    let mut errors = Vec::new();
    let num = |row: u32, col: Option<u16>, errors: &mut Vec<String>| -> Option<f64> {
        let col = col?;
        match data_number(sheet.get(row, col)) {
            Ok(v) => v,
            Err(e) => {
                errors.push(format!("Ô {}: {e}", cell_name(row, col)));
                None
            }
        }
    };
    let mut out = ScoreSheet {
        year: None,
        commune: None,
        criteria: Vec::new(),
        total: None,
        verdict: None,
    };
    for row in 0..first_data {
        read_title_line(&row_text(sheet, row), &mut out);
    }
    let mut row = first_data;
    while row < sheet.end_row() {
        let code = sheet.text(row, code_col);
        let name = sheet.text(row, name_col);
        if strip_marks(&fold(&name)) == "tong cong" {
            out.total = num(row, Some(points_col), &mut errors);
            row += 1;
            break;
        }
        if code.is_empty() {
            row += 1;
            continue;
        }
        let max_points = read_max(sheet, row, cols.max, &mut errors);
        let points = num(row, Some(points_col), &mut errors);
        match code.split_once('.') {
            None => out.criteria.push(ScoreCriterion {
                code,
                name,
                max_points,
                points,
                items: Vec::new(),
            }),
            Some((head, _)) => {
                let (numerator, value_text) = match cols.num.map(|c| sheet.get(row, c)) {
                    Some(Data::Float(f)) => (Some(*f), None),
                    Some(Data::Int(i)) => (Some(*i as f64), None),
                    Some(d) => (None, Some(data_text(d)).filter(|t| !t.is_empty())),
                    None => (None, None),
                };
                let item = ScoreItem {
                    code: code.clone(),
                    name,
                    unit: cols.unit.map(|c| sheet.text(row, c)).unwrap_or_default(),
                    numerator,
                    value_text,
                    denominator: num(row, cols.den, &mut errors),
                    rate: cols.rate.and_then(|c| match sheet.get(row, c) {
                        Data::Float(f) if f.is_finite() => Some(*f),
                        Data::Int(i) => Some(*i as f64),
                        _ => None,
                    }),
                    max_points,
                    points,
                };
                match out.criteria.last_mut() {
                    Some(c) if c.code == head => c.items.push(item),
                    _ => errors.push(format!(
                        "Ô {}: chỉ số “{code}” không nằm dưới tiêu chí {head} (dòng bị chuyển chỗ hoặc xóa)",
                        cell_name(row, code_col)
                    )),
                }
            }
        }
        row += 1;
    }
    while row < sheet.end_row() && out.verdict.is_none() {
        let line = row_text(sheet, row);
        if strip_marks(&fold(&line)).starts_with("ket luan") {
            if out.commune.is_none() {
                out.commune = commune_in_verdict(&line);
            }
            out.verdict = Some(line);
        }
        row += 1;
    }
    if !errors.is_empty() {
        let more = errors.len().saturating_sub(MAX_LISTED);
        errors.truncate(MAX_LISTED);
        let mut msg = format!(
            "{what}: trang “{}” có ô không đọc được. {}.",
            sheet.name,
            errors.join("; ")
        );
        if more > 0 {
            msg.push_str(&format!(" Và {more} ô khác."));
        }
        msg.push_str(" Hãy sửa các ô này (ghi số hoặc để trống) rồi gửi lại.");
        return Err(Error::Invalid(msg));
    }
    if out.criteria.is_empty() {
        return Err(Error::Invalid(format!(
            "{what}: trang “{}” không có tiêu chí nào dưới dòng tiêu đề. Hãy dùng bảng chấm điểm do Tre xuất.",
            sheet.name
        )));
    }
    Ok(out)
}

/// The header row (and the row under it, for headers split over two rows such as "Số liệu"
/// over "Số đạt / giá trị"), and the first row of data.
fn find_header(sheet: &Sheet) -> Option<(Columns, u32)> {
    let end_col = sheet.end_col().min(64);
    for row in 0..sheet.end_row().min(HEADER_SEARCH_ROWS) {
        let mut cols = Columns::default();
        for col in 0..end_col {
            cols.note(col, &sheet.text(row, col));
        }
        if cols.code.is_none() || cols.name.is_none() || cols.points.is_none() {
            continue;
        }
        let mut below = Columns::default();
        for col in 0..end_col {
            below.note(col, &sheet.text(row + 1, col));
        }
        let two_rows = below.num.is_some() || below.den.is_some() || below.rate.is_some();
        if two_rows {
            cols.num = cols.num.or(below.num);
            cols.den = cols.den.or(below.den);
            cols.rate = cols.rate.or(below.rate);
        }
        return Some((cols, row + if two_rows { 2 } else { 1 }));
    }
    None
}

/// A maximum: a number, blank, or words saying it is unknown ("chưa rõ").
fn read_max(sheet: &Sheet, row: u32, col: Option<u16>, errors: &mut Vec<String>) -> Option<f64> {
    let col = col?;
    let cell = sheet.get(row, col);
    if let Data::String(s) = cell {
        if strip_marks(&fold(s)).starts_with("chua ro") {
            return None;
        }
    }
    data_number(cell).unwrap_or_else(|e| {
        errors.push(format!("Ô {}: {e}", cell_name(row, col)));
        None
    })
}

/// The first non-empty cell of a row (titles and the verdict are merged across the row).
fn row_text(sheet: &Sheet, row: u32) -> String {
    (0..sheet.end_col().min(64))
        .map(|c| sheet.text(row, c))
        .find(|t| !t.is_empty())
        .unwrap_or_default()
}

fn read_title_line(line: &str, out: &mut ScoreSheet) {
    let folded = strip_marks(&fold(line));
    if out.year.is_none() && folded.contains("bang cham diem") {
        out.year = folded
            .rsplit_once("nam ")
            .and_then(|(_, y)| y.trim().get(..4))
            .and_then(|y| y.parse().ok())
            .filter(|y| (1900..=2999).contains(y));
    }
    // "(Kèm theo Báo cáo số …/BC-UBND … của Ủy ban nhân dân xã Minh Hòa)"
    const BY: &str = "của Ủy ban nhân dân ";
    if out.commune.is_none() && folded.starts_with("(kem theo") {
        if let Some((_, who)) = crate::text::nfc(line).rsplit_once(BY) {
            let who = who.trim().trim_end_matches(')').trim();
            if !who.is_empty() {
                out.commune = Some(who.to_string());
            }
        }
    }
}

/// "Kết luận: xã Minh Hòa ĐẠT chuẩn …" → "xã Minh Hòa".
fn commune_in_verdict(line: &str) -> Option<String> {
    let rest = line.split_once(':')?.1;
    let end = rest.find(" CHƯA ĐẠT").or_else(|| rest.find(" ĐẠT"))?;
    Some(rest[..end].trim().to_string()).filter(|s| !s.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::demo_overview;
    use crate::xlsx::score_table_xlsx;

    #[test]
    fn the_demo_score_table_reads_back_with_the_same_points() {
        let (ov, commune) = demo_overview();
        let bytes = score_table_xlsx(&ov, &commune).unwrap();
        let sheet = read_score_table(&bytes).unwrap();
        assert_eq!(sheet.year, Some(ov.scored.year));
        assert_eq!(sheet.commune.as_deref(), Some("xã Minh Hòa"));
        assert_eq!(sheet.total, Some(ov.scored.total));
        assert_eq!(sheet.criteria.len(), ov.scored.criteria.len());
        for (read, c) in sheet.criteria.iter().zip(&ov.scored.criteria) {
            assert_eq!(read.code, c.code);
            assert_eq!(read.name, c.name);
            assert_eq!(read.max_points, c.max_points, "{}", c.code);
            assert_eq!(read.points, Some(c.points), "{}", c.code);
            assert_eq!(read.items.len(), c.items.len(), "{}", c.code);
            for (ri, i) in read.items.iter().zip(&c.items) {
                assert_eq!(ri.code, i.code);
                assert_eq!(ri.unit, i.unit);
                assert_eq!(ri.max_points, i.max_points, "{}", i.code);
                assert_eq!(ri.points, i.points, "{}", i.code);
                match &i.value {
                    Some(crate::assess::Figure::Rate {
                        numerator,
                        denominator,
                    }) => {
                        assert_eq!(ri.numerator, Some(*numerator as f64));
                        assert_eq!(ri.denominator, Some(*denominator as f64));
                        if *denominator > 0 {
                            let r = *numerator as f64 / *denominator as f64;
                            assert!((ri.rate.unwrap() - r).abs() < 1e-9, "{}", i.code);
                        }
                    }
                    Some(crate::assess::Figure::Count(n)) => {
                        assert_eq!(ri.numerator, Some(*n as f64))
                    }
                    Some(f) => assert_eq!(
                        ri.value_text.as_deref(),
                        Some(crate::assess::figure::display(f).as_str())
                    ),
                    None => assert_eq!((ri.numerator, &ri.value_text), (None, &None)),
                }
            }
        }
        let verdict = sheet.verdict.as_deref().unwrap();
        assert!(verdict.starts_with("Kết luận"), "{verdict}");
        assert_eq!(
            sheet.recognised(),
            Some(ov.scored.verdict.recognised),
            "{verdict}"
        );
    }

    /// A sheet with the columns of a province's own table, moved about: found by header.
    fn province_sheet(points: &str) -> Vec<u8> {
        let mut wb = rust_xlsxwriter::Workbook::new();
        let ws = wb.add_worksheet();
        ws.set_name(SCORE_SHEET).unwrap();
        ws.write_string(0, 0, "BẢNG CHẤM ĐIỂM XÃ PHÙ HỢP VỚI TRẺ EM NĂM 2025")
            .unwrap();
        for (c, h) in ["Tiêu chí / chỉ số", "Mã", "Điểm tối đa", "Điểm tự chấm"]
            .iter()
            .enumerate()
        {
            ws.write_string(2, c as u16, *h).unwrap();
        }
        ws.write_string(3, 0, "Nguồn lực").unwrap();
        ws.write_string(3, 1, "1").unwrap();
        ws.write_number(3, 2, 100.0).unwrap();
        ws.write_number(3, 3, 40.0).unwrap();
        ws.write_string(4, 0, "Có người làm công tác").unwrap();
        ws.write_string(4, 1, "1.1").unwrap();
        ws.write_string(4, 2, "chưa rõ").unwrap();
        ws.write_string(4, 3, points).unwrap();
        ws.write_string(5, 0, "TỔNG CỘNG").unwrap();
        ws.write_number(5, 3, 40.0).unwrap();
        wb.save_to_buffer().unwrap()
    }

    #[test]
    fn columns_are_found_by_their_header_wherever_they_are() {
        let s = read_score_table(&province_sheet("40")).unwrap();
        assert_eq!(s.year, Some(2025));
        assert_eq!(s.commune, None);
        assert_eq!(s.total, Some(40.0));
        assert_eq!(s.criteria[0].code, "1");
        assert_eq!(s.criteria[0].max_points, Some(100.0));
        assert_eq!(s.criteria[0].items[0].max_points, None);
        assert_eq!(s.criteria[0].items[0].points, Some(40.0));
        assert_eq!(s.recognised(), None);
    }

    #[test]
    fn text_in_a_points_cell_names_the_cell() {
        let e = read_score_table(&province_sheet("bốn mươi"))
            .unwrap_err()
            .to_string();
        assert!(e.contains("Ô D5: “bốn mươi” không phải số"), "{e}");
    }

    #[test]
    fn not_a_workbook_or_no_score_sheet_is_a_message() {
        let e = read_score_table(b"PK\x03\x04 not really").unwrap_err();
        assert_eq!(e.code(), "invalid");
        assert!(e.to_string().contains("không phải tệp Excel .xlsx"), "{e}");
        let e = read_score_table(b"hello").unwrap_err().to_string();
        assert!(e.contains("không phải tệp Excel .xlsx"), "{e}");

        let mut wb = rust_xlsxwriter::Workbook::new();
        wb.add_worksheet().set_name("Trang khác").unwrap();
        let e = read_score_table(&wb.save_to_buffer().unwrap())
            .unwrap_err()
            .to_string();
        assert!(e.contains("không có trang “Bảng điểm”"), "{e}");

        let mut wb = rust_xlsxwriter::Workbook::new();
        let ws = wb.add_worksheet();
        ws.set_name(SCORE_SHEET).unwrap();
        ws.write_string(0, 0, "Một bảng khác").unwrap();
        let e = read_score_table(&wb.save_to_buffer().unwrap())
            .unwrap_err()
            .to_string();
        assert!(e.contains("không có dòng tiêu đề"), "{e}");
    }
}
