//! The criteria catalogue as a sheet: what a province edits and sends back
//! (`tre assess catalog import FILE.xlsx`). Machine-readable first: a few key/value rows
//! (column A the key, B the value, C what it means), then one row per sub-item under a header
//! row whose first cell is "Mã tiêu chí". The reader finds columns by their header text, so
//! a province that reorders columns or adds its own notes to the right still gets through.

use rust_xlsxwriter::{DataValidation, Worksheet};

use super::{failed, style};
use crate::catalog::{Band, Catalog, ItemKind};
use crate::error::Result as TreResult;

pub const CATALOG_SHEET: &str = "Danh mục tiêu chí";

/// Keys of the key/value rows.
pub(super) const K_FORMAT: &str = "format";
pub(super) const K_ID: &str = "id";
pub(super) const K_VERSION: &str = "version";
pub(super) const K_NAME: &str = "name";
pub(super) const K_SOURCE: &str = "source";
pub(super) const K_NOTE: &str = "note";
pub(super) const K_MAX_TOTAL: &str = "max_total";
pub(super) const K_ALL_MET: &str = "all_criteria_met";
pub(super) const K_NO_ZERO: &str = "no_criterion_zero";
pub(super) const K_DEFAULT_CATEGORY: &str = "default_category";
pub(super) const K_RULE_CONFIRMED: &str = "rule_confirmed";
/// One row per threshold category: its id as the value, its threshold, its name.
pub(super) const K_CATEGORY: &str = "category";
/// Columns of the key/value rows (the key is in A). The name or meaning goes to the wide
/// column of item names, so it reads without wrapping in a narrow one.
pub(super) const KV_VALUE: u16 = 1;
pub(super) const KV_THRESHOLD: u16 = 2;
pub(super) const KV_MEANING: u16 = 6;

/// A key's value as written: text, or a number (empty when unknown).
enum Value<'a> {
    Text(&'a str),
    Number(Option<f64>),
}

/// The item table's columns, in the order written; the reader looks them up by these names.
pub(super) const H_CRIT_CODE: &str = "Mã tiêu chí";
pub(super) const H_CRIT_NAME: &str = "Tên tiêu chí";
pub(super) const H_CRIT_MAX: &str = "Điểm tối đa tiêu chí";
pub(super) const H_CRIT_PASS: &str = "Điểm đạt tiêu chí";
pub(super) const H_CRIT_CONFIRMED: &str = "Tiêu chí đã xác nhận";
pub(super) const H_CODE: &str = "Mã chỉ số";
pub(super) const H_NAME: &str = "Tên chỉ số";
pub(super) const H_KIND: &str = "Loại";
pub(super) const H_UNIT: &str = "Đơn vị";
pub(super) const H_OPTIONS: &str = "Phương án";
pub(super) const H_MAX: &str = "Điểm tối đa chỉ số";
pub(super) const H_BANDS: &str = "Khoảng điểm";
pub(super) const H_OTHERWISE: &str = "Điểm ngoài khoảng";
pub(super) const H_CONFIRMED: &str = "Chỉ số đã xác nhận";
pub(super) const COLUMNS: [&str; 14] = [
    H_CRIT_CODE,
    H_CRIT_NAME,
    H_CRIT_MAX,
    H_CRIT_PASS,
    H_CRIT_CONFIRMED,
    H_CODE,
    H_NAME,
    H_KIND,
    H_UNIT,
    H_OPTIONS,
    H_MAX,
    H_BANDS,
    H_OTHERWISE,
    H_CONFIRMED,
];
const WIDTHS: [f64; 14] = [
    18.0, 36.0, 10.0, 10.0, 10.0, 9.0, 44.0, 10.0, 18.0, 30.0, 10.0, 16.0, 10.0, 10.0,
];

/// Options of a choice item and bands are joined with this (a comma may be inside an option).
pub(super) const LIST_SEP: char = '|';

pub(super) const YES: &str = "có";
pub(super) const NO: &str = "không";

pub(super) fn kind_id(kind: ItemKind) -> &'static str {
    match kind {
        ItemKind::YesNo => "yes_no",
        ItemKind::Count => "count",
        ItemKind::Rate => "rate",
        ItemKind::Choice => "choice",
    }
}

/// "98;;50|90;98;30": min;max;points, an empty bound being unbounded.
pub(super) fn bands_text(bands: &[Band]) -> String {
    let opt = |x: Option<f64>| x.map(|v| format!("{v}")).unwrap_or_default();
    bands
        .iter()
        .map(|b| format!("{};{};{}", opt(b.min), opt(b.max), b.points))
        .collect::<Vec<_>>()
        .join(&LIST_SEP.to_string())
}

/// Reads `bands_text` back; `Err` says what the cell should look like.
pub(super) fn parse_bands(text: &str) -> Result<Vec<Band>, String> {
    let num = |s: &str| -> Result<Option<f64>, ()> {
        if s.is_empty() {
            return Ok(None);
        }
        crate::catalog::parse_decimal(s).map(Some).ok_or(())
    };
    text.split(LIST_SEP)
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|part| {
            let fields: Vec<&str> = part.split(';').map(str::trim).collect();
            match fields.as_slice() {
                [min, max, points] => match (num(min), num(max), num(points)) {
                    (Ok(min), Ok(max), Ok(Some(points))) => Some(Band { min, max, points }),
                    _ => None,
                },
                _ => None,
            }
            .ok_or_else(|| {
                format!("khoảng điểm “{part}” phải có dạng từ;đến;điểm, ví dụ 98;;50 (để trống “đến” là không giới hạn)")
            })
        })
        .collect()
}

pub(super) fn write_catalog_sheet(ws: &mut Worksheet, cat: &Catalog) -> TreResult<()> {
    ws.set_name(CATALOG_SHEET).map_err(failed)?;
    for (c, w) in WIDTHS.iter().enumerate() {
        ws.set_column_width(c as u16, *w).map_err(failed)?;
    }
    let text = style::note();
    // The two long lines overflow to the right instead of wrapping in the narrow column A.
    let line = style::base();
    let bold_line = style::base().set_bold();
    ws.write_string_with_format(
        0,
        0,
        "DANH MỤC TIÊU CHÍ - tỉnh có thể sửa trang này rồi gửi lại; xã nhập lại tệp vào Tre làm danh mục tiêu chí mới. Giữ nguyên tên trang, các khóa ở cột A và tên các cột của bảng.",
        &bold_line,
    )
    .map_err(failed)?;
    let mut row = 1;
    for (col, h) in [
        (0, "Khóa"),
        (KV_VALUE, "Giá trị"),
        (KV_THRESHOLD, "Ngưỡng điểm"),
        (KV_MEANING, "Tên / ý nghĩa"),
    ] {
        ws.write_string_with_format(row, col, h, &style::header())
            .map_err(failed)?;
    }
    row += 1;
    let bool_text = |b: bool| if b { YES } else { NO };
    let rule = &cat.rule;
    let rows: [(&str, Value, &str); 11] = [
        (
            K_FORMAT,
            Value::Number(Some(f64::from(cat.format))),
            "Định dạng tệp (không sửa)",
        ),
        (
            K_ID,
            Value::Text(&cat.id),
            "Mã bộ tiêu chí (không sửa nếu vẫn là tiêu chuẩn này)",
        ),
        (
            K_VERSION,
            Value::Text(&cat.version),
            "Phiên bản: tăng khi sửa, ví dụ 2019.2",
        ),
        (K_NAME, Value::Text(&cat.name), "Tên bộ tiêu chí"),
        (K_SOURCE, Value::Text(&cat.source), "Văn bản quy định"),
        (K_NOTE, Value::Text(&cat.note), "Ghi chú"),
        (
            K_MAX_TOTAL,
            Value::Number(cat.max_total),
            "Tổng điểm tối đa (để trống nếu chưa rõ)",
        ),
        (
            K_ALL_MET,
            Value::Text(bool_text(rule.all_criteria_met)),
            "Điều kiện 1: mọi tiêu chí đều đạt (có/không)",
        ),
        (
            K_NO_ZERO,
            Value::Text(bool_text(rule.no_criterion_zero)),
            "Điều kiện 2: không tiêu chí nào 0 điểm (có/không)",
        ),
        (
            K_DEFAULT_CATEGORY,
            Value::Text(&rule.default_category),
            "Loại xã mặc định (mã ở một dòng category)",
        ),
        (
            K_RULE_CONFIRMED,
            Value::Text(bool_text(rule.confirmed)),
            "Quy tắc công nhận đã xác nhận (có/không)",
        ),
    ];
    let mut fit = style::RowFit::default();
    for (key, value, meaning) in rows {
        ws.write_string_with_format(row, 0, key, &text)
            .map_err(failed)?;
        match value {
            Value::Text(v) => {
                ws.write_string_with_format(row, KV_VALUE, v, &text)
                    .map_err(failed)?;
                fit.note(row, WIDTHS[usize::from(KV_VALUE)], v, false);
            }
            Value::Number(Some(n)) => {
                ws.write_number_with_format(row, KV_VALUE, n, &text)
                    .map_err(failed)?;
            }
            Value::Number(None) => {}
        }
        ws.write_string_with_format(row, KV_MEANING, meaning, &text)
            .map_err(failed)?;
        fit.note(row, WIDTHS[usize::from(KV_MEANING)], meaning, false);
        row += 1;
    }
    for c in &rule.categories {
        ws.write_string_with_format(row, 0, K_CATEGORY, &text)
            .map_err(failed)?;
        ws.write_string_with_format(row, KV_VALUE, &c.id, &text)
            .map_err(failed)?;
        ws.write_number_with_format(row, KV_THRESHOLD, c.threshold, &text)
            .map_err(failed)?;
        ws.write_string_with_format(row, KV_MEANING, &c.name, &text)
            .map_err(failed)?;
        fit.note(row, WIDTHS[usize::from(KV_MEANING)], &c.name, false);
        row += 1;
    }
    row += 1;
    ws.write_string_with_format(
        row,
        0,
        "Loại: yes_no (có/không), count (số lượng), rate (tỷ lệ), choice (lựa chọn). Phương án cách nhau bằng |. Khoảng điểm: từ;đến;điểm, cách nhau bằng |, ví dụ 98;;50 (để trống “đến” là không giới hạn; từ ≤ x < đến). Để trống điểm chưa rõ.",
        &line,
    )
    .map_err(failed)?;
    row += 1;
    let header_row = row;
    for (c, h) in COLUMNS.iter().enumerate() {
        ws.write_string_with_format(row, c as u16, *h, &style::header())
            .map_err(failed)?;
        fit.note(row, WIDTHS[c], h, true);
    }
    row += 1;
    let first_item_row = row;
    for (crit, item) in cat.items() {
        let cell = style::cell();
        let s = |ws: &mut Worksheet, col: u16, v: &str| {
            ws.write_string_with_format(row, col, v, &cell).map(|_| ())
        };
        let n = |ws: &mut Worksheet, col: u16, v: Option<f64>| match v {
            Some(x) => ws.write_number_with_format(row, col, x, &cell).map(|_| ()),
            None => ws.write_blank(row, col, &cell).map(|_| ()),
        };
        s(ws, 0, &crit.code).map_err(failed)?;
        s(ws, 1, &crit.name).map_err(failed)?;
        n(ws, 2, crit.max_points).map_err(failed)?;
        n(ws, 3, crit.pass_points).map_err(failed)?;
        s(ws, 4, bool_text(crit.confirmed)).map_err(failed)?;
        s(ws, 5, &item.code).map_err(failed)?;
        s(ws, 6, &item.name).map_err(failed)?;
        s(ws, 7, kind_id(item.kind)).map_err(failed)?;
        s(ws, 8, &item.unit).map_err(failed)?;
        s(ws, 9, &item.options.join(&LIST_SEP.to_string())).map_err(failed)?;
        n(ws, 10, item.max_points).map_err(failed)?;
        s(ws, 11, &bands_text(&item.bands)).map_err(failed)?;
        n(ws, 12, item.otherwise).map_err(failed)?;
        s(ws, 13, bool_text(item.confirmed)).map_err(failed)?;
        for (col, v) in [
            (1, &crit.name),
            (6, &item.name),
            (8, &item.unit),
            (9, &item.options.join(" | ")),
        ] {
            fit.note(row, WIDTHS[col], v, false);
        }
        row += 1;
    }
    // Drop-down lists where a province is most likely to mistype; the reader checks anyway.
    let last = row.max(first_item_row + 1) + 200;
    let kinds = DataValidation::new()
        .allow_list_strings(&["yes_no", "count", "rate", "choice"])
        .map_err(failed)?;
    ws.add_data_validation(first_item_row, 7, last, 7, &kinds)
        .map_err(failed)?;
    let yes_no = DataValidation::new()
        .allow_list_strings(&[YES, NO])
        .map_err(failed)?;
    for col in [4, 13] {
        ws.add_data_validation(first_item_row, col, last, col, &yes_no)
            .map_err(failed)?;
    }
    fit.apply(ws).map_err(failed)?;
    ws.set_landscape()
        .set_paper_size(9) // A4
        .set_print_fit_to_pages(1, 0)
        .set_margins(0.5, 0.4, 0.6, 0.6, 0.3, 0.3);
    ws.set_repeat_rows(header_row, header_row).map_err(failed)?;
    ws.set_freeze_panes(header_row + 1, 0).map_err(failed)?;
    ws.autofilter(
        header_row,
        0,
        row.max(header_row + 1) - 1,
        COLUMNS.len() as u16 - 1,
    )
    .map_err(failed)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bands_read_as_min_max_points() {
        let bands = vec![
            Band {
                min: Some(98.0),
                max: None,
                points: 50.0,
            },
            Band {
                min: Some(90.0),
                max: Some(98.0),
                points: 12.5,
            },
        ];
        assert_eq!(bands_text(&bands), "98;;50|90;98;12.5");
        assert_eq!(parse_bands("98;;50|90;98;12.5").unwrap(), bands);
        assert_eq!(parse_bands(" 98 ; ; 50 | 90;98;12,5 ").unwrap(), bands);
        assert_eq!(bands_text(&[]), "");
        assert_eq!(parse_bands("").unwrap(), vec![]);
        assert!(parse_bands("98 trở lên: 50")
            .unwrap_err()
            .contains("từ;đến;điểm"));
        assert!(parse_bands("98;;").is_err(), "points are required");
    }
}
