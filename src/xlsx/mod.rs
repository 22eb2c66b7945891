//! Workbooks: the score table (`tre export assessment --format xlsx`), the criteria catalogue
//! as a sheet a province can edit and send back, and the fill-in workbook a unit (trạm y tế,
//! trường, công an…) returns with its figures.
//!
//! Writing uses `rust_xlsxwriter`, reading `calamine`. Modules, one job each: `style` (the
//! cell formats), `score_table` (the "Bảng điểm" sheet), `score_read` (a score table read
//! back, Tre's or a province's), `catalog_sheet` / `catalog_read` (the "Danh mục tiêu chí"
//! sheet, both ways), `province_table` (the province's consolidated workbook), `unit_sheet`
//! (the unit's workbook), `ident` (its hidden identification sheet), `unit_read` (its cells,
//! checked) and `unit_import` (into the assessment), `read` (cells as calamine gives them,
//! with their addresses).

mod catalog_read;
mod catalog_sheet;
mod ident;
mod province_table;
mod read;
mod score_read;
mod score_table;
mod style;
mod unit_import;
mod unit_read;
mod unit_sheet;

use std::path::{Path, PathBuf};

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Workbook, XlsxError};

use crate::assess::view::overview;
use crate::error::{Error, Result};
use crate::fsutil::write_atomic;
use crate::store::Store;

pub use catalog_read::{catalog_from_xlsx, catalog_from_xlsx_bytes};
pub use catalog_sheet::CATALOG_SHEET;
pub use ident::IDENT_SHEET;
pub use province_table::{province_table_xlsx, CONSOLIDATED_SHEET, PROBLEMS_SHEET};
pub use score_read::{
    read_score_table, read_score_table_file, read_score_table_named, ScoreCriterion, ScoreItem,
    ScoreSheet,
};
pub use score_table::{score_table_xlsx, SCORE_SHEET};
pub use unit_import::{
    apply_import, import_unit_sheet, plan_import, Change, Conflict, ImportReport,
};
pub use unit_read::{read_unit_sheet, read_unit_sheet_bytes, SheetRow, UnitSheet};
pub use unit_sheet::{unit_items, unit_sheet_xlsx, UnitSheetInfo, DATA_SHEET};

/// Writes year `year`'s score table to `out` (atomically: a full disk leaves no half file).
pub fn export_score_table(store: &Store, year: i32, out: &Path) -> Result<PathBuf> {
    let commune = store.commune()?.ok_or(Error::NoCommune)?;
    let ov = overview(store, year, chrono::Local::now().date_naive())?;
    write_atomic(out, &score_table_xlsx(&ov, &commune)?)?;
    Ok(out.to_path_buf())
}

/// Writes unit `unit`'s fill-in workbook for year `year` to `out`.
pub fn export_unit_sheet(
    store: &Store,
    year: i32,
    unit: &str,
    out: &Path,
) -> Result<UnitSheetInfo> {
    let commune = store.commune()?.ok_or(Error::NoCommune)?;
    let ov = overview(store, year, chrono::Local::now().date_naive())?;
    let created = source_date()
        .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
        .unwrap_or_else(crate::store::now);
    let (bytes, info) = unit_sheet_xlsx(&ov, &commune, unit, &created)?;
    write_atomic(out, &bytes)?;
    Ok(info)
}

/// A workbook with the document properties Tre sets on every file: title, author, and a
/// creation date from `SOURCE_DATE_EPOCH` when set, so the same data gives the same bytes
/// (docs/architecture.md, "Determinism").
fn new_workbook(title: &str) -> Workbook {
    let mut wb = Workbook::new();
    let mut props = DocProperties::new()
        .set_title(title)
        .set_author("Tre")
        .set_company("Tre");
    let pinned = source_date().and_then(|t| ExcelDateTime::from_timestamp(t.timestamp()).ok());
    if let Some(t) = pinned {
        props = props.set_creation_datetime(&t);
    }
    wb.set_properties(&props);
    wb
}

fn source_date() -> Option<chrono::DateTime<chrono::Utc>> {
    let secs = std::env::var("SOURCE_DATE_EPOCH")
        .ok()?
        .trim()
        .parse::<i64>()
        .ok()?;
    chrono::DateTime::from_timestamp(secs, 0)
}

/// rust_xlsxwriter fails only on limits Tre's own content should never reach (a name over 31
/// characters, a string over 32,767): a bug, reported as a render error rather than a panic.
fn failed(e: XlsxError) -> Error {
    Error::Render(format!("không tạo được tệp XLSX ({e})"))
}

/// "D7" for row 6, column 3 (both counted from 0, as the writer and the reader count them).
/// The column's letters alone: "H" for column 7 (a formula's range is built from them).
pub(crate) fn col_letter(col: u16) -> String {
    cell_name(0, col).trim_end_matches('1').to_string()
}

pub fn cell_name(row: u32, col: u16) -> String {
    let mut col = u32::from(col) + 1;
    let mut letters = Vec::new();
    while col > 0 {
        let rem = ((col - 1) % 26) as u8;
        letters.push(char::from(b'A' + rem));
        col = (col - 1) / 26;
    }
    letters.iter().rev().collect::<String>() + &(row + 1).to_string()
}

/// A number for a formula's cached result, as Excel writes it ("115", "12.5").
fn result_text(x: f64) -> String {
    format!("{x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_names_count_from_zero() {
        assert_eq!(cell_name(0, 0), "A1");
        assert_eq!(cell_name(6, 3), "D7");
        assert_eq!(cell_name(9, 25), "Z10");
        assert_eq!(cell_name(0, 26), "AA1");
        assert_eq!(cell_name(1, 27), "AB2");
    }
}
