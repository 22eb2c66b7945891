//! Reading a unit's filled workbook: its identification and, per sub-item, the figures and
//! evidence in its cells, each checked with the catalogue's rules. A wrong cell becomes a
//! message with its address ("Ô F12: …"); every wrong cell is listed, none is skipped.

use std::path::Path;

use calamine::Data;

use super::cell_name;
use super::ident::{read_ident, Ident, IdentItem};
use super::read::{data_text, number_text, open, open_bytes, Book, Sheet};
use super::unit_sheet::{C_CODE, C_DEN, C_EVIDENCE, C_NUM, C_VALUE, DATA_SHEET};
use crate::assess::figure::{check_figure, parse_count, parse_figure};
use crate::assess::Figure;
use crate::catalog::{Catalog, Item, ItemKind};
use crate::error::{Error, Result};
use crate::text::fold;

/// A unit's workbook as read: who it is from, what each row holds, what is wrong in it.
#[derive(Debug, Clone)]
pub struct UnitSheet {
    pub ident: Ident,
    pub rows: Vec<SheetRow>,
    /// "Ô F12: …" for every cell that cannot be accepted.
    pub errors: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct SheetRow {
    pub item: IdentItem,
    /// The figures in the cells; `None` when the cells are empty (not sent).
    pub value: Option<Figure>,
    /// The evidence cell; `None` when empty.
    pub evidence: Option<String>,
}

pub fn read_unit_sheet(path: &Path, cat: &Catalog) -> Result<UnitSheet> {
    let what = format!("Tệp {}", path.display());
    let mut book = open(path, &what)?;
    read_book(&mut book, &what, cat)
}

/// The same from bytes (tests, and a file the app already holds); `what` names it in
/// messages ("Tệp bang-so-lieu.xlsx").
pub fn read_unit_sheet_bytes(bytes: Vec<u8>, what: &str, cat: &Catalog) -> Result<UnitSheet> {
    let mut book = open_bytes(bytes, what)?;
    read_book(&mut book, what, cat)
}

fn read_book(book: &mut Book, what: &str, cat: &Catalog) -> Result<UnitSheet> {
    let ident = read_ident(book, what)?;
    let sheet = Sheet::find(book, DATA_SHEET, what)?.ok_or_else(|| {
        Error::Invalid(format!(
            "{what} không còn trang “{DATA_SHEET}” (có thể đã bị đổi tên). Hãy đặt lại tên trang hoặc dùng bản gốc đã gửi cho đơn vị."
        ))
    })?;
    let mut errors = Vec::new();
    let mut rows = Vec::new();
    for it in &ident.items {
        let Some((_, item)) = cat.item(&it.code) else {
            errors.push(format!(
                "Chỉ số {} không còn trong danh mục tiêu chí đang dùng (bảng được tạo theo danh mục {}). Hãy tạo bảng số liệu mới và gửi lại cho đơn vị.",
                it.code, ident.catalog
            ));
            continue;
        };
        if item.kind != it.kind {
            errors.push(format!(
                "Chỉ số {} đã đổi cách ghi số liệu trong danh mục đang dùng (bảng được tạo theo danh mục {}). Hãy tạo bảng số liệu mới cho đơn vị.",
                it.code, ident.catalog
            ));
            continue;
        }
        let shown = sheet.text(it.row, C_CODE);
        if shown != it.code {
            errors.push(format!(
                "Ô {}: mã chỉ số là “{shown}”, không phải “{}” như khi tạo bảng (dòng bị thêm, xóa hoặc sửa). Hãy dùng bản gốc đã gửi cho đơn vị.",
                cell_name(it.row, C_CODE),
                it.code
            ));
            continue;
        }
        let value = match read_value(&sheet, it.row, item) {
            Ok(v) => v,
            Err(e) => {
                errors.extend(e);
                None
            }
        };
        let evidence = Some(sheet.text(it.row, C_EVIDENCE)).filter(|e| !e.is_empty());
        rows.push(SheetRow {
            item: it.clone(),
            value,
            evidence,
        });
    }
    Ok(UnitSheet {
        ident,
        rows,
        errors,
    })
}

/// The figure in row `row`, checked; `Err` lists each wrong cell.
fn read_value(
    sheet: &Sheet,
    row: u32,
    item: &Item,
) -> std::result::Result<Option<Figure>, Vec<String>> {
    let at = |col| format!("Ô {}", cell_name(row, col));
    match item.kind {
        ItemKind::YesNo | ItemKind::Choice => {
            let text = data_text(sheet.get(row, C_VALUE));
            if text.is_empty() {
                return Ok(None);
            }
            parse_figure(item, &text)
                .map(Some)
                .map_err(|e| vec![format!("{}: {e}", at(C_VALUE))])
        }
        ItemKind::Count => {
            let n = count_cell(sheet.get(row, C_VALUE))
                .map_err(|e| vec![format!("{}: {e}", at(C_VALUE))])?;
            let Some(n) = n else { return Ok(None) };
            let fig = Figure::Count(n);
            check_figure(item, &fig).map_err(|e| vec![format!("{}: {e}", at(C_VALUE))])?;
            Ok(Some(fig))
        }
        ItemKind::Rate => {
            let num = count_cell(sheet.get(row, C_NUM)).map_err(|e| format!("{}: {e}", at(C_NUM)));
            let den = count_cell(sheet.get(row, C_DEN)).map_err(|e| format!("{}: {e}", at(C_DEN)));
            let (numerator, denominator) = match (num, den) {
                (Ok(n), Ok(d)) => (n, d),
                (n, d) => return Err(n.err().into_iter().chain(d.err()).collect()),
            };
            let (numerator, denominator) = match (numerator, denominator) {
                (None, None) => return Ok(None),
                (Some(_), None) => {
                    return Err(vec![format!(
                        "{}: thiếu tổng số (mẫu số) của chỉ số {}. Hãy ghi cả số đạt và tổng số.",
                        at(C_DEN),
                        item.code
                    )])
                }
                (None, Some(_)) => {
                    return Err(vec![format!(
                        "{}: thiếu số đạt (tử số) của chỉ số {}. Hãy ghi cả số đạt và tổng số.",
                        at(C_NUM),
                        item.code
                    )])
                }
                (Some(n), Some(d)) => (n, d),
            };
            let fig = Figure::Rate {
                numerator,
                denominator,
            };
            check_figure(item, &fig).map_err(|e| {
                let col = if denominator == 0 { C_DEN } else { C_NUM };
                vec![format!("{}: {e}", at(col))]
            })?;
            Ok(Some(fig))
        }
    }
}

/// A cell that should hold a whole number ≥ 0, whether Excel stored it as a number or the
/// unit typed it as text ("1.234"). `None` when empty.
fn count_cell(d: &Data) -> std::result::Result<Option<u64>, String> {
    let whole = |f: f64| -> std::result::Result<Option<u64>, String> {
        if f < 0.0 {
            Err(format!(
                "Số “{}” bị âm. Số lượng phải từ 0 trở lên.",
                number_text(f)
            ))
        } else if f.fract() != 0.0 || f > 9.0e15 {
            Err(format!(
                "“{}” không phải số nguyên. Hãy ghi số nguyên (ví dụ 412).",
                number_text(f)
            ))
        } else {
            Ok(Some(f as u64))
        }
    };
    match d {
        Data::Empty => Ok(None),
        Data::Float(f) => whole(*f),
        Data::Int(i) => whole(*i as f64),
        Data::String(s) if s.trim().is_empty() => Ok(None),
        Data::String(s) => parse_count(&fold(s), s).map(Some),
        Data::Error(e) => Err(format!(
            "ô có lỗi công thức ({e:?}). Hãy ghi một số nguyên từ 0 trở lên."
        )),
        other => Err(format!(
            "“{}” không phải số nguyên. Hãy ghi số (ví dụ 412), không kèm chữ.",
            data_text(other)
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_read_from_numbers_and_text() {
        assert_eq!(count_cell(&Data::Float(412.0)), Ok(Some(412)));
        assert_eq!(count_cell(&Data::String("1.234".into())), Ok(Some(1234)));
        assert_eq!(count_cell(&Data::Empty), Ok(None));
        assert!(count_cell(&Data::Float(-2.0))
            .unwrap_err()
            .contains("bị âm"));
        assert!(count_cell(&Data::Float(2.5))
            .unwrap_err()
            .contains("không phải số nguyên"));
        assert!(count_cell(&Data::String("mười".into()))
            .unwrap_err()
            .contains("không phải số nguyên"));
        assert!(count_cell(&Data::Bool(true)).is_err());
    }
}
