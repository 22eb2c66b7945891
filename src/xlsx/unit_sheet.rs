//! The fill-in workbook for one unit (`tre assess sheet --year Y --unit NAME`): the sub-items
//! it reports, with the values Tre already has, instructions at the top, labels locked and
//! input cells open, drop-down lists and number checks on the inputs, and a hidden sheet that
//! identifies the workbook for the import.
//!
//! The cell checks help the unit; they are not trusted: a pasted value skips them, so the
//! import checks every cell again.

use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, DataValidationRule, Formula, ProtectionOptions,
    Worksheet,
};
use serde::Serialize;

use super::ident::{write_ident, Ident, IdentItem};
use super::{failed, new_workbook, result_text, style};
use crate::assess::figure::{display, kind_hint};
use crate::assess::units::unit_matches;
use crate::assess::view::{schedule_with_defaults, Overview};
use crate::assess::{Figure, ItemScore};
use crate::catalog::ItemKind;
use crate::deadlines::vn_date;
use crate::error::{Error, Result};
use crate::model::Commune;
use crate::text::{fold, nfc};

pub const DATA_SHEET: &str = "Số liệu";

pub(super) const C_STT: u16 = 0;
pub(super) const C_CODE: u16 = 1;
pub(super) const C_NAME: u16 = 2;
pub(super) const C_HINT: u16 = 3;
/// Yes/no, count or choice.
pub(super) const C_VALUE: u16 = 4;
/// A rate's numerator and denominator.
pub(super) const C_NUM: u16 = 5;
pub(super) const C_DEN: u16 = 6;
pub(super) const C_RATE: u16 = 7;
pub(super) const C_EVIDENCE: u16 = 8;
const LAST_COL: u16 = C_EVIDENCE;
const WIDTHS: [f64; 9] = [5.0, 6.0, 44.0, 24.0, 14.0, 10.0, 10.0, 9.0, 36.0];

/// What was written, for the caller's message.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnitSheetInfo {
    /// The unit's name as the commune lists it (or as typed when the commune lists no such unit).
    pub unit: String,
    pub items: Vec<String>,
}

/// The sub-items unit `name` reports, and the unit's name as the commune writes it. A name
/// that matches no item gets the list of units that have items.
pub fn unit_items<'a>(
    ov: &'a Overview,
    commune: &Commune,
    name: &str,
) -> Result<(String, Vec<&'a ItemScore>)> {
    let name = nfc(name);
    let items: Vec<&ItemScore> = ov
        .scored
        .criteria
        .iter()
        .flat_map(|c| &c.items)
        .filter(|i| unit_matches(&i.unit, &name))
        .collect();
    if items.is_empty() {
        let units: Vec<&str> = ov.units.iter().map(|u| u.unit.as_str()).collect();
        return Err(Error::Invalid(format!(
            "Không có chỉ số nào do đơn vị “{name}” báo cáo. Các đơn vị có chỉ số: {}. Hãy dùng một trong các tên này.",
            units.join(", ")
        )));
    }
    let exact = commune.units.iter().find(|u| fold(&u.name) == fold(&name));
    let matching: Vec<&str> = commune
        .units
        .iter()
        .filter(|u| unit_matches(&u.name, &name))
        .map(|u| u.name.as_str())
        .collect();
    let display = match (exact, matching.as_slice()) {
        (Some(u), _) => u.name.clone(),
        (None, [one]) => (*one).to_string(),
        _ => name,
    };
    Ok((display, items))
}

/// The workbook for unit `name` in year `ov`; `created` is recorded in its identification.
pub fn unit_sheet_xlsx(
    ov: &Overview,
    commune: &Commune,
    name: &str,
    created: &str,
) -> Result<(Vec<u8>, UnitSheetInfo)> {
    let (unit, items) = unit_items(ov, commune, name)?;
    let year = ov.scored.year;
    let mut wb = new_workbook(&format!("Bảng số liệu năm {year} - {unit}"));
    let ws = wb.add_worksheet();
    ws.set_name(DATA_SHEET).map_err(failed)?;
    let first = write_top(ws, ov, commune, &unit)?;
    let mut ident_items = Vec::new();
    let mut fit = style::RowFit::default();
    for (k, item) in items.iter().enumerate() {
        let row = first + k as u32;
        write_item(ws, &mut fit, row, k + 1, item, ov)?;
        ident_items.push(IdentItem {
            code: item.code.clone(),
            row,
            kind: item.kind,
            at: item.at.clone(),
            value: item.value.clone(),
            evidence: item.evidence.clone(),
        });
    }
    fit.apply(ws).map_err(failed)?;
    let last = first + items.len() as u32 - 1;
    ws.protect_with_options(&ProtectionOptions {
        // Widening a column or a row to read a long name is harmless.
        format_columns: true,
        format_rows: true,
        ..ProtectionOptions::default()
    });
    ws.set_landscape()
        .set_paper_size(9)
        .set_print_fit_to_pages(1, 0)
        .set_margins(0.5, 0.4, 0.6, 0.6, 0.3, 0.3);
    ws.set_print_area(0, 0, last, LAST_COL).map_err(failed)?;
    ws.set_repeat_rows(first - 1, first - 1).map_err(failed)?;
    ws.set_freeze_panes(first, 0).map_err(failed)?;
    ws.set_selection(first, C_VALUE, first, C_VALUE)
        .map_err(failed)?;

    let ident = Ident {
        commune: ov.commune.clone(),
        province: commune.province.clone(),
        year,
        unit: unit.clone(),
        catalog: ov.scored.catalog.clone(),
        created: created.to_string(),
        items: ident_items,
    };
    write_ident(wb.add_worksheet(), &ident)?;
    let bytes = wb.save_to_buffer().map_err(failed)?;
    Ok((
        bytes,
        UnitSheetInfo {
            unit,
            items: items.iter().map(|i| i.code.clone()).collect(),
        },
    ))
}

/// Title, instructions and the table's header; returns the first item row.
fn write_top(ws: &mut Worksheet, ov: &Overview, commune: &Commune, unit: &str) -> Result<u32> {
    for (c, w) in WIDTHS.iter().enumerate() {
        ws.set_column_width(c as u16, *w).map_err(failed)?;
    }
    let year = ov.scored.year;
    let due = schedule_with_defaults(&ov.assessment)
        .units_due
        .as_deref()
        .map(vn_date)
        .unwrap_or_default();
    let authority = commune
        .authority_lines
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.to_uppercase())
        .collect::<Vec<_>>()
        .join(" ");
    let merged = |ws: &mut Worksheet, row: u32, text: &str, f: &rust_xlsxwriter::Format| {
        ws.merge_range(row, C_STT, row, LAST_COL, text, f)
            .map(|_| ())
            .map_err(failed)
    };
    merged(ws, 0, &authority, &style::title(13.0, true, false))?;
    let title = format!(
        "BẢNG SỐ LIỆU TỰ ĐÁNH GIÁ {} PHÙ HỢP VỚI TRẺ EM NĂM {year}",
        commune.kind.to_uppercase()
    );
    merged(ws, 1, &title, &style::title(style::TITLE_PT, true, false))?;
    merged(
        ws,
        2,
        &format!("Đơn vị: {unit}"),
        &style::title(13.0, true, false),
    )?;
    let steps = [
        format!(
            "1. Điền số liệu năm {year} của đơn vị vào các ô nền vàng; các ô khác đã được khóa. Ô đã có số là số liệu xã đang có: sửa nếu chưa đúng, để nguyên nếu đúng. Ô để trống nghĩa là chưa gửi số liệu."
        ),
        "2. Chỉ số tỷ lệ: ghi số đạt ở cột “Số đạt” và tổng số ở cột “Tổng số” (ví dụ 412 và 415), không ghi phần trăm. Có/không và lựa chọn: chọn trong danh sách của ô. Số lượng: số nguyên từ 0 trở lên.".to_string(),
        "3. Ghi nguồn số liệu, minh chứng (sổ sách, báo cáo, quyết định…) ở cột “Nguồn số liệu, minh chứng”.".to_string(),
        format!(
            "4. Lưu tệp (giữ dạng .xlsx, không đổi tên trang tính) và gửi lại cho cán bộ Văn hóa - Xã hội của Ủy ban nhân dân {} trước ngày {due}.",
            ov.commune
        ),
    ];
    ws.write_string_with_format(4, C_STT, "Hướng dẫn:", &style::strong(style::base()))
        .map_err(failed)?;
    let mut row = 5;
    for s in &steps {
        merged(ws, row, s, &style::note())?;
        // Merged cells do not grow with their text: room for the wrapped lines.
        let full: f64 = WIDTHS.iter().sum();
        ws.set_row_height(row, style::line_height(style::lines(s, full, false)))
            .map_err(failed)?;
        row += 1;
    }
    row += 1;
    let h = style::header();
    let headers = [
        "STT",
        "Mã",
        "Chỉ số",
        "Cách ghi",
        "Giá trị",
        "Số đạt",
        "Tổng số",
        "Tỷ lệ",
        "Nguồn số liệu, minh chứng",
    ];
    for (c, text) in headers.iter().enumerate() {
        ws.write_string_with_format(row, c as u16, *text, &h)
            .map_err(failed)?;
    }
    Ok(row + 1)
}

fn write_item(
    ws: &mut Worksheet,
    fit: &mut style::RowFit,
    row: u32,
    n: usize,
    item: &ItemScore,
    ov: &Overview,
) -> Result<()> {
    let options = ov
        .catalog
        .item(&item.code)
        .map(|(_, i)| i.options.clone())
        .unwrap_or_default();
    ws.write_number_with_format(row, C_STT, n as f64, &style::cell_center())
        .map_err(failed)?;
    ws.write_string_with_format(row, C_CODE, &item.code, &style::cell_center())
        .map_err(failed)?;
    ws.write_string_with_format(row, C_NAME, &item.name, &style::cell())
        .map_err(failed)?;
    let hint = match item.kind {
        ItemKind::YesNo => "Chọn có hoặc không".to_string(),
        ItemKind::Count => "Số nguyên từ 0 trở lên".to_string(),
        ItemKind::Rate => "Số đạt và tổng số".to_string(),
        ItemKind::Choice => format!("Chọn một: {}", options.join("; ")),
    };
    ws.write_string_with_format(row, C_HINT, &hint, &style::italic(style::cell()))
        .map_err(failed)?;
    for (col, text) in [
        (C_NAME, &item.name),
        (C_HINT, &hint),
        (C_EVIDENCE, &item.evidence),
    ] {
        fit.note(row, WIDTHS[usize::from(col)], text, false);
    }
    let input = |f| style::input(f);
    let na = style::not_applicable();
    match item.kind {
        ItemKind::Rate => {
            ws.write_blank(row, C_VALUE, &na).map_err(failed)?;
            let (num, den) = match &item.value {
                Some(Figure::Rate {
                    numerator,
                    denominator,
                }) => (Some(*numerator), Some(*denominator)),
                _ => (None, None),
            };
            for (col, v) in [(C_NUM, num), (C_DEN, den)] {
                match v {
                    Some(x) => {
                        ws.write_number_with_format(row, col, x as f64, &input(style::count()))
                    }
                    None => ws.write_blank(row, col, &input(style::count())),
                }
                .map_err(failed)?;
                ws.add_data_validation(row, col, row, col, &whole_number(&item.code)?)
                    .map_err(failed)?;
            }
            let (nl, dl) = (super::col_letter(C_NUM), super::col_letter(C_DEN));
            let r = row + 1;
            // Feedback for the unit: the percentage appears as soon as both counts are there.
            let mut f = Formula::new(format!(
                "=IF(AND(ISNUMBER({nl}{r}),ISNUMBER({dl}{r})),IF({dl}{r}>0,{nl}{r}/{dl}{r},\"\"),\"\")"
            ));
            f = match (num, den) {
                (Some(a), Some(b)) if b > 0 => f.set_result(result_text(a as f64 / b as f64)),
                _ => f.set_result(""),
            };
            ws.write_formula_with_format(row, C_RATE, f, &style::percent())
                .map_err(failed)?;
        }
        kind => {
            match &item.value {
                Some(Figure::Count(c)) => {
                    ws.write_number_with_format(row, C_VALUE, *c as f64, &input(style::count()))
                }
                Some(v) => ws.write_string_with_format(
                    row,
                    C_VALUE,
                    display(v),
                    &input(style::cell_center()),
                ),
                None => ws.write_blank(row, C_VALUE, &input(style::cell_center())),
            }
            .map_err(failed)?;
            for col in [C_NUM, C_DEN, C_RATE] {
                ws.write_blank(row, col, &na).map_err(failed)?;
            }
            let dv = match kind {
                ItemKind::Count => Some(whole_number(&item.code)?),
                ItemKind::YesNo => Some(list(&item.code, &["có", "không"], kind)?),
                ItemKind::Choice => list_if_fits(&item.code, &options)?,
                ItemKind::Rate => None,
            };
            if let Some(dv) = dv {
                ws.add_data_validation(row, C_VALUE, row, C_VALUE, &dv)
                    .map_err(failed)?;
            }
        }
    }
    ws.write_string_with_format(row, C_EVIDENCE, &item.evidence, &input(style::cell()))
        .map_err(failed)?;
    Ok(())
}

fn whole_number(code: &str) -> Result<DataValidation> {
    DataValidation::new()
        .allow_whole_number(DataValidationRule::GreaterThanOrEqualTo(0))
        .set_input_title(format!("Chỉ số {code}"))
        .and_then(|d| d.set_input_message(kind_hint(ItemKind::Count)))
        .and_then(|d| d.set_error_title("Số không hợp lệ"))
        .and_then(|d| {
            d.set_error_message("Hãy ghi một số nguyên từ 0 trở lên, không kèm chữ (ví dụ 412).")
        })
        .map(|d| d.set_error_style(DataValidationErrorStyle::Stop))
        .map_err(failed)
}

fn list(code: &str, options: &[impl AsRef<str>], kind: ItemKind) -> Result<DataValidation> {
    DataValidation::new()
        .allow_list_strings(options)
        .and_then(|d| d.set_input_title(format!("Chỉ số {code}")))
        .and_then(|d| d.set_input_message(format!("Chọn {}.", kind_hint(kind))))
        .and_then(|d| d.set_error_title("Giá trị không có trong danh sách"))
        .and_then(|d| d.set_error_message("Hãy chọn một giá trị trong danh sách của ô."))
        .map_err(failed)
}

/// Excel's list check takes options without commas, 255 characters in all; a longer list
/// gets no drop-down (the options are in the "Cách ghi" column and the import checks them).
fn list_if_fits(code: &str, options: &[String]) -> Result<Option<DataValidation>> {
    let joined: usize = options.iter().map(|o| o.encode_utf16().count() + 1).sum();
    if options.is_empty() || joined > 255 || options.iter().any(|o| o.contains(',')) {
        return Ok(None);
    }
    list(code, options, ItemKind::Choice).map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::demo_overview;

    #[test]
    fn a_unit_gets_its_items_under_the_communes_name() {
        let (ov, commune) = demo_overview();
        let (unit, items) = unit_items(&ov, &commune, "trạm y tế").unwrap();
        assert_eq!(unit, "Trạm Y tế xã");
        let codes: Vec<&str> = items.iter().map(|i| i.code.as_str()).collect();
        assert_eq!(codes, ["5.1", "7.1", "8.1", "8.2", "9.1"]);
        let (unit, items) = unit_items(&ov, &commune, "Công an").unwrap();
        assert_eq!(unit, "Công an xã");
        assert_eq!(items.len(), 2);
    }

    #[test]
    fn an_unknown_unit_is_told_the_units_that_exist() {
        let (ov, commune) = demo_overview();
        let e = unit_items(&ov, &commune, "Hội Nông dân")
            .unwrap_err()
            .to_string();
        assert!(e.contains("“Hội Nông dân”"), "{e}");
        assert!(
            e.contains("Trạm Y tế xã") && e.contains("Công an xã"),
            "{e}"
        );
    }

    #[test]
    fn long_or_comma_lists_get_no_drop_down() {
        assert!(list_if_fits("1.3", &["Hằng quý".into(), "Hằng năm".into()])
            .unwrap()
            .is_some());
        assert!(list_if_fits("1.3", &["a, b".into(), "c".into()])
            .unwrap()
            .is_none());
        let long: Vec<String> = (0..40).map(|i| format!("Phương án số {i}")).collect();
        assert!(list_if_fits("1.3", &long).unwrap().is_none());
    }
}
