//! Reading workbooks back with calamine: a sheet's cells by absolute address (calamine's
//! ranges start at the first non-empty cell, an easy off-by-some to get wrong), as text the
//! way the officer typed it, and the address ("F12") for messages.

use std::io::Cursor;
use std::path::Path;

use calamine::{open_workbook_from_rs, Data, Range, Reader, Xlsx};

use crate::error::{Error, Result};
use crate::text::{fold, nfc};

/// A workbook Tre reads is a catalogue or a unit's figures: small. A bigger file is not one
/// of them and is refused before it is unpacked.
const MAX_BYTES: u64 = 20 * 1024 * 1024;

pub(super) type Book = Xlsx<Cursor<Vec<u8>>>;

/// Opens `path` as an XLSX workbook; `what` names it in messages ("Tệp bang.xlsx").
pub(super) fn open(path: &Path, what: &str) -> Result<Book> {
    let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
    if meta.len() > MAX_BYTES {
        return Err(Error::Invalid(format!(
            "{what} quá lớn ({} MB) để là bảng của Tre. Hãy kiểm tra lại tệp.",
            meta.len() / (1024 * 1024)
        )));
    }
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    open_bytes(bytes, what)
}

pub(super) fn open_bytes(bytes: Vec<u8>, what: &str) -> Result<Book> {
    open_workbook_from_rs(Cursor::new(bytes)).map_err(|e| {
        Error::Invalid(format!(
            "{what} không phải tệp Excel .xlsx đọc được ({e}). Hãy mở tệp bằng Excel hoặc LibreOffice và lưu lại dạng .xlsx."
        ))
    })
}

/// One sheet's cells.
pub(super) struct Sheet {
    pub name: String,
    range: Range<Data>,
}

static EMPTY: Data = Data::Empty;

impl Sheet {
    /// The sheet named `name` (compared folded: a re-saved file may change nothing else, but
    /// be safe), or `None`.
    pub fn find(book: &mut Book, name: &str) -> Option<Sheet> {
        let wanted = fold(name);
        let found = book.sheet_names().into_iter().find(|n| fold(n) == wanted)?;
        let range = book.worksheet_range(&found).ok()?;
        Some(Sheet { name: found, range })
    }

    /// The cell at (row, col), counted from 0 like the writer; `Empty` outside the data.
    pub fn get(&self, row: u32, col: u16) -> &Data {
        self.range
            .get_value((row, u32::from(col)))
            .unwrap_or(&EMPTY)
    }

    /// The cell as text: strings NFC and trimmed, whole numbers without ".0".
    pub fn text(&self, row: u32, col: u16) -> String {
        data_text(self.get(row, col))
    }

    /// One past the last row holding data.
    pub fn end_row(&self) -> u32 {
        self.range.end().map(|(r, _)| r + 1).unwrap_or(0)
    }

    /// One past the last column holding data.
    pub fn end_col(&self) -> u16 {
        self.range
            .end()
            .map(|(_, c)| u16::try_from(c + 1).unwrap_or(u16::MAX))
            .unwrap_or(0)
    }
}

pub(super) fn data_text(d: &Data) -> String {
    match d {
        Data::String(s) => nfc(s),
        Data::Float(f) => number_text(*f),
        Data::Int(i) => i.to_string(),
        Data::Bool(true) => "có".into(),
        Data::Bool(false) => "không".into(),
        Data::DateTime(dt) => dt.to_string(),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e:?}"),
        Data::Empty => String::new(),
    }
}

/// 412.0 → "412", 12.5 → "12.5": Rust's shortest round-trip form, so a number read back is
/// the number written.
pub(super) fn number_text(f: f64) -> String {
    format!("{f}")
}

/// A cell that should hold a number of points or a threshold: `None` when empty.
pub(super) fn data_number(d: &Data) -> std::result::Result<Option<f64>, String> {
    match d {
        Data::Float(f) if f.is_finite() => Ok(Some(*f)),
        Data::Int(i) => Ok(Some(*i as f64)),
        Data::Empty => Ok(None),
        other => {
            let t = data_text(other);
            if t.is_empty() {
                return Ok(None);
            }
            crate::catalog::parse_decimal(&t).map(Some).ok_or_else(|| {
                format!("“{t}” không phải số. Hãy ghi một số (ví dụ 50) hoặc để trống nếu chưa rõ")
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_read_as_typed() {
        assert_eq!(data_text(&Data::Float(412.0)), "412");
        assert_eq!(data_text(&Data::Float(12.5)), "12.5");
        assert_eq!(data_text(&Data::String(" Hằng quý ".into())), "Hằng quý");
        assert_eq!(data_number(&Data::String("12,5".into())), Ok(Some(12.5)));
        assert_eq!(data_number(&Data::String("".into())), Ok(None));
        assert!(data_number(&Data::String("năm mươi".into()))
            .unwrap_err()
            .contains("không phải số"));
    }
}
