//! Reading workbooks back with calamine: a sheet's cells by absolute address (calamine's
//! ranges start at the first non-empty cell, an easy off-by-some to get wrong), as text the
//! way the officer typed it, and the address ("F12") for messages.

use std::io::{BufReader, Cursor, Read};
use std::path::Path;

use calamine::{open_workbook_from_rs, Cell, Data, DataRef, Range, Reader, Xlsx};

use crate::error::{Error, Result};
use crate::text::{fold, nfc};

/// A workbook Tre reads is a catalogue or a unit's figures: small. A bigger file is not one
/// of them and is refused before it is unpacked.
const MAX_BYTES: u64 = 20 * 1024 * 1024;

/// All the parts of a workbook inflated, together: Tre's workbooks are a few hundred KB of
/// XML. A ZIP bomb (a few MB that inflate to gigabytes) stops here, before calamine reads
/// it: calamine keeps every shared string in memory, and would spend minutes on the rest.
const MAX_INFLATED: u64 = 64 * 1024 * 1024;
/// A workbook has a few dozen parts; thousands mean something else.
const MAX_PARTS: usize = 10_000;

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
    check_package(&bytes, what)?;
    let not_xlsx = |why: String| {
        Error::Invalid(format!(
            "{what} không phải tệp Excel .xlsx đọc được ({why}). Hãy mở tệp bằng Excel hoặc LibreOffice và lưu lại dạng .xlsx."
        ))
    };
    match guarded(|| open_workbook_from_rs::<Book, _>(Cursor::new(bytes))) {
        Some(opened) => opened.map_err(|e| not_xlsx(e.to_string())),
        None => Err(not_xlsx("dữ liệu bên trong bị hỏng".into())),
    }
}

/// Runs a call into calamine, its panics turned into `None`. calamine does unchecked
/// arithmetic on what the file says: a cell reference such as `AAAAAAAAAAAAAAA1` or a
/// dimension `B2:A1` overflows, which panics where overflow is checked (debug builds, the
/// tests) and wraps in release, where `MAX_CELLS` then bounds what comes out. A damaged
/// workbook must be a message either way, never a crash.
fn guarded<T>(call: impl FnOnce() -> T) -> Option<T> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(call)).ok()
}

/// Refuses, before calamine sees it, a package that would make calamine take memory or
/// time out of proportion to the file: parts that inflate past `MAX_INFLATED` (each is
/// inflated here once, through a limit, whatever size its header declares), and a shared
/// strings part whose `uniqueCount` is more than it could hold (calamine reserves that
/// many strings up front: "4000000000" asks for 96 GB, and the process aborts). What is
/// merely not a ZIP, or a damaged part, is left for calamine to refuse in its words.
fn check_package(bytes: &[u8], what: &str) -> Result<()> {
    let too_big = || {
        Error::Invalid(format!(
            "{what} có nội dung giải nén lớn bất thường (trên {} MB), không phải bảng của Tre và có thể là tệp độc hại; Tre không mở tệp này.",
            MAX_INFLATED / (1024 * 1024)
        ))
    };
    if bytes.len() as u64 > MAX_BYTES {
        return Err(too_big());
    }
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(());
    };
    if zip.len() > MAX_PARTS {
        return Err(too_big());
    }
    let mut budget = MAX_INFLATED;
    for i in 0..zip.len() {
        let Ok(part) = zip.by_index(i) else {
            continue;
        };
        // calamine finds parts by their lowercased name.
        let shared_strings = part
            .name()
            .replace('\\', "/")
            .to_ascii_lowercase()
            .ends_with("sharedstrings.xml");
        let mut part = Counted {
            inner: part.take(budget + 1),
            read: 0,
        };
        let declared = if shared_strings {
            unique_count(&mut part)
        } else {
            None
        };
        // A damaged part stops the count; calamine refuses it if it reads it.
        let _ = std::io::copy(&mut part, &mut std::io::sink());
        if part.read > budget {
            return Err(too_big());
        }
        budget -= part.read;
        // Each shared string takes at least "<si/>": a count above the part's size is a lie.
        if declared.is_some_and(|n| n > part.read) {
            return Err(Error::Invalid(format!(
                "{what} bị hỏng (phần chuỗi dùng chung ghi số lượng không thể có). Hãy mở tệp bằng Excel hoặc LibreOffice và lưu lại dạng .xlsx."
            )));
        }
    }
    Ok(())
}

/// A reader that counts what it gives.
struct Counted<R> {
    inner: R,
    read: u64,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read += n as u64;
        Ok(n)
    }
}

/// The `uniqueCount` of the first `sst` element, read as calamine reads it (the first
/// element of that local name, whatever comes before it); `None` when there is none.
fn unique_count(part: &mut impl Read) -> Option<u64> {
    use quick_xml::events::Event;
    let mut xml = quick_xml::Reader::from_reader(BufReader::new(part));
    // As lenient as calamine's reader, so no mismatched end tag hides the element from us.
    xml.config_mut().check_end_names = false;
    xml.config_mut().check_comments = false;
    let mut buf = Vec::new();
    loop {
        buf.clear();
        match xml.read_event_into(&mut buf).ok()? {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == b"sst" => {
                let count = e.try_get_attribute("uniqueCount").ok()??;
                let digits = &count.value;
                if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
                    // Not a number: calamine reserves nothing for it.
                    return None;
                }
                // More digits than a u64 holds is more than any part's size.
                return Some(
                    std::str::from_utf8(digits)
                        .ok()?
                        .parse::<u64>()
                        .unwrap_or(u64::MAX),
                );
            }
            Event::Eof => return None,
            _ => {}
        }
    }
}

/// One sheet's cells.
pub(super) struct Sheet {
    pub name: String,
    range: Range<Data>,
}

static EMPTY: Data = Data::Empty;

impl Sheet {
    /// The sheet named `name` (compared folded: a re-saved file may change nothing else, but
    /// be safe), or `None`, also when calamine cannot read it. `Err` when its cells reach
    /// further from A1 than `MAX_CELLS`; `what` names the file in that message.
    pub fn find(book: &mut Book, name: &str, what: &str) -> Result<Option<Sheet>> {
        let wanted = fold(name);
        let Some(found) = book.sheet_names().into_iter().find(|n| fold(n) == wanted) else {
            return Ok(None);
        };
        let cells = match guarded(|| read_cells(book, &found)) {
            Some(Ok(cells)) => cells,
            Some(Err(Unread::Calamine)) | None => return Ok(None),
            Some(Err(Unread::TooFar(row, col))) => {
                return Err(Error::Invalid(format!(
                    "{what}: trang “{found}” có dữ liệu ở quá xa (dòng {}, cột {}), không phải bảng của Tre. Hãy xóa các ô thừa ở xa bảng rồi lưu lại, hoặc dùng bản gốc.",
                    u64::from(row) + 1,
                    u64::from(col) + 1
                )))
            }
        };
        Ok(Some(Sheet {
            name: found,
            range: Range::from_sparse(cells),
        }))
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

/// Cells a sheet may reach, counted from A1 (rows × columns up to its last non-empty
/// cell): Tre's sheets reach a few thousand. calamine keeps a sheet as one dense array from
/// its first cell to its last, so a cell typed at XFD1048576 beside A1 would ask for 17
/// billion cells and abort the process; and the readers walk rows from the first one.
const MAX_CELLS: u64 = 1 << 20;

enum Unread {
    /// calamine refused the sheet.
    Calamine,
    /// A cell at (row, col), past `MAX_CELLS`.
    TooFar(u32, u32),
}

/// The sheet's non-empty cells, as `worksheet_range` would keep them, but stopping at the
/// first one past `MAX_CELLS` instead of allocating the dense range.
fn read_cells(book: &mut Book, name: &str) -> std::result::Result<Vec<Cell<Data>>, Unread> {
    let mut reader = book
        .worksheet_cells_reader(name)
        .map_err(|_| Unread::Calamine)?;
    let (mut rows, mut cols) = (0u64, 0u64);
    let mut cells = Vec::new();
    while let Some(cell) = reader.next_cell().map_err(|_| Unread::Calamine)? {
        if matches!(cell.get_value(), DataRef::Empty) {
            continue;
        }
        let (row, col) = cell.get_position();
        rows = rows.max(u64::from(row) + 1);
        cols = cols.max(u64::from(col) + 1);
        // Repeated cells (the same address twice) count too: they all take memory.
        if rows.saturating_mul(cols) > MAX_CELLS || cells.len() as u64 >= MAX_CELLS {
            return Err(Unread::TooFar(row, col));
        }
        cells.push(Cell::new((row, col), Data::from(cell.get_value().clone())));
    }
    Ok(cells)
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

    /// A small workbook (a string, so it has shared strings, and a number), with each
    /// part's XML passed through `edit` and packed again.
    pub(crate) fn workbook(edit: impl Fn(&str, String) -> String) -> Vec<u8> {
        use std::io::Write;
        let mut wb = rust_xlsxwriter::Workbook::new();
        let ws = wb.add_worksheet();
        ws.write_string(0, 0, "Mã tiêu chí").unwrap();
        ws.write_number(1, 0, 7.0).unwrap();
        let bytes = wb.save_to_buffer().unwrap();
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .compression_level(Some(1));
        for i in 0..zip.len() {
            let mut part = zip.by_index(i).unwrap();
            let mut xml = String::new();
            part.read_to_string(&mut xml).unwrap();
            let name = part.name().to_string();
            out.start_file(name.as_str(), opts).unwrap();
            out.write_all(edit(&name, xml).as_bytes()).unwrap();
        }
        out.finish().unwrap().into_inner()
    }

    fn message(bytes: Vec<u8>) -> String {
        match open_bytes(bytes, "Tệp bang.xlsx") {
            Ok(_) => String::new(),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn a_shared_string_count_no_part_could_hold_is_refused_before_calamine() {
        assert_eq!(message(workbook(|_, xml| xml)), "");
        // calamine would reserve 4 billion strings (96 GB) and abort the process.
        let lie = workbook(|name, xml| {
            if name == "xl/sharedStrings.xml" {
                xml.replace("uniqueCount=\"1\"", "uniqueCount=\"4000000000\"")
            } else {
                xml
            }
        });
        assert!(message(lie).contains("bị hỏng"));
    }

    #[test]
    fn parts_that_inflate_past_the_limit_are_refused_before_calamine() {
        let big = workbook(|name, xml| {
            if name == "xl/sharedStrings.xml" {
                let pad = " ".repeat(MAX_INFLATED as usize);
                xml.replace("<t>", &format!("<t>{pad}"))
            } else {
                xml
            }
        });
        assert!(big.len() < 1024 * 1024, "{}", big.len());
        assert!(message(big).contains("giải nén lớn bất thường"));
    }

    fn in_sheet(xml: String, row: &str) -> String {
        xml.replace("</sheetData>", &format!("{row}</sheetData>"))
    }

    #[test]
    fn a_cell_far_from_a1_is_refused_without_the_dense_range() {
        // Beside A1, one cell at the sheet's last address: 17 billion cells in calamine.
        let far = workbook(|name, xml| match name {
            "xl/worksheets/sheet1.xml" => in_sheet(
                xml,
                r#"<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>"#,
            ),
            _ => xml,
        });
        let mut book = open_bytes(far, "Tệp bang.xlsx").unwrap();
        let e = Sheet::find(&mut book, "Sheet1", "Tệp bang.xlsx")
            .err()
            .unwrap()
            .to_string();
        assert!(e.contains("quá xa (dòng 1048576, cột 16384)"), "{e}");
        // A sheet as Tre writes it reads.
        let mut book = open_bytes(workbook(|_, xml| xml), "Tệp bang.xlsx").unwrap();
        let sheet = Sheet::find(&mut book, "Sheet1", "Tệp bang.xlsx")
            .unwrap()
            .unwrap();
        assert_eq!(sheet.text(0, 0), "Mã tiêu chí");
        assert_eq!(sheet.text(1, 0), "7");
        assert_eq!(sheet.end_row(), 2);
    }

    #[test]
    fn references_calamine_cannot_count_are_an_unreadable_sheet_not_a_crash() {
        for row in [
            r#"<row r="3"><c r="AAAAAAAAAAAAAAAAAAAA3"><v>1</v></c></row>"#,
            r#"<row r="3"><c r="A99999999999"><v>1</v></c></row>"#,
        ] {
            let bad = workbook(|name, xml| match name {
                "xl/worksheets/sheet1.xml" => in_sheet(xml, row),
                _ => xml,
            });
            let mut book = open_bytes(bad, "Tệp bang.xlsx").unwrap();
            assert!(
                Sheet::find(&mut book, "Sheet1", "Tệp bang.xlsx")
                    .unwrap()
                    .is_none(),
                "{row}"
            );
        }
    }
}
