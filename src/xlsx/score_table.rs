//! The score table (bảng chấm điểm) as a workbook: the annex of the self-assessment report
//! laid out as docs/documents.md describes for XLSX (merged header rows, column widths,
//! numbers as numbers, totals as formulas, A4 print setup, frozen header), plus the catalogue
//! sheet.
//!
//! Totals are formulas so an officer who corrects a point in Excel sees the totals follow;
//! each formula also carries the value Tre computed, because readers that do not recalculate
//! (openpyxl with `data_only`, calamine, a phone's viewer) would otherwise show it empty.

use rust_xlsxwriter::{Format, Formula, Worksheet};

use super::{catalog_sheet, failed, new_workbook, result_text, style};
use crate::assess::view::Overview;
use crate::assess::{CriterionScore, Figure, ItemScore, Source};
use crate::catalog::fmt_points;
use crate::deadlines::vn_date;
use crate::error::Result;
use crate::model::Commune;

pub const SCORE_SHEET: &str = "Bảng điểm";

/// Columns, left to right, with their widths in characters.
const COL_CODE: u16 = 0;
const COL_NAME: u16 = 1;
const COL_UNIT: u16 = 2;
const COL_NUM: u16 = 3;
const COL_DEN: u16 = 4;
const COL_RATE: u16 = 5;
const COL_MAX: u16 = 6;
const COL_POINTS: u16 = 7;
const COL_HOW: u16 = 8;
const COL_SOURCE: u16 = 9;
const LAST_COL: u16 = COL_SOURCE;
const WIDTHS: [f64; 10] = [7.0, 46.0, 16.0, 11.0, 9.0, 9.0, 8.0, 8.0, 26.0, 30.0];

/// The workbook of the score table: sheet "Bảng điểm", then "Danh mục tiêu chí".
pub fn score_table_xlsx(ov: &Overview, commune: &Commune) -> Result<Vec<u8>> {
    let mut wb = new_workbook(&format!(
        "Bảng chấm điểm tự đánh giá năm {} - {}",
        ov.scored.year, ov.commune
    ));
    let ws = wb.add_worksheet();
    ws.set_name(SCORE_SHEET).map_err(failed)?;
    write_score_sheet(ws, ov, commune)?;
    let cs = wb.add_worksheet();
    catalog_sheet::write_catalog_sheet(cs, &ov.catalog)?;
    wb.save_to_buffer().map_err(failed)
}

fn write_score_sheet(ws: &mut Worksheet, ov: &Overview, commune: &Commune) -> Result<()> {
    for (c, w) in WIDTHS.iter().enumerate() {
        ws.set_column_width(c as u16, *w).map_err(failed)?;
    }
    let mut row = write_title(ws, ov, commune)?;
    row += 1;
    let header_top = row;
    write_header(ws, header_top)?;
    row += 2;
    let first_data = row;

    let mut fit = style::RowFit::default();
    let mut criterion_rows = Vec::new();
    for c in &ov.scored.criteria {
        criterion_rows.push(row);
        row = write_criterion(ws, &mut fit, row, c)?;
    }
    let total_row = row;
    write_total(ws, &mut fit, total_row, ov, &criterion_rows)?;
    fit.apply(ws).map_err(failed)?;
    let last = write_verdict(ws, total_row + 2, ov)?;

    ws.set_landscape()
        .set_paper_size(9) // A4
        .set_margins(0.5, 0.4, 0.6, 0.6, 0.3, 0.3)
        .set_print_center_horizontally(true)
        .set_print_fit_to_pages(1, 0)
        .set_footer("&CTrang &P/&N");
    ws.set_print_area(0, 0, last, LAST_COL).map_err(failed)?;
    ws.set_repeat_rows(header_top, header_top + 1)
        .map_err(failed)?;
    // The code and name stay in view when the officer scrolls right to the points.
    ws.set_freeze_panes(first_data, COL_UNIT).map_err(failed)?;
    Ok(())
}

/// The authority (left, as in a document's header), "PHỤ LỤC", the title and the
/// "(Kèm theo …)" line. Returns the first free row.
fn write_title(ws: &mut Worksheet, ov: &Overview, commune: &Commune) -> Result<u32> {
    let mut row = 0;
    let parent = commune
        .parent_authority
        .iter()
        .filter(|p| !p.trim().is_empty())
        .map(|p| (p.to_uppercase(), false));
    let authority = commune
        .authority_lines
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| (l.to_uppercase(), true));
    for (text, bold) in parent.chain(authority) {
        ws.merge_range(
            row,
            COL_CODE,
            row,
            COL_UNIT,
            &text,
            &style::title(13.0, bold, false),
        )
        .map_err(failed)?;
        row += 1;
    }
    row += 1;
    let full = |text: &str, f: &Format, ws: &mut Worksheet, row: u32| {
        ws.merge_range(row, COL_CODE, row, LAST_COL, text, f)
            .map(|_| ())
            .map_err(failed)
    };
    full(
        "PHỤ LỤC",
        &style::title(style::TITLE_PT, true, false),
        ws,
        row,
    )?;
    row += 1;
    let title = format!(
        "BẢNG CHẤM ĐIỂM TỰ ĐÁNH GIÁ {} PHÙ HỢP VỚI TRẺ EM NĂM {}",
        commune.kind.to_uppercase(),
        ov.scored.year
    );
    full(&title, &style::title(style::TITLE_PT, true, false), ws, row)?;
    row += 1;
    full(
        &annex_line(ov, commune),
        &style::title(13.0, false, true),
        ws,
        row,
    )?;
    row += 1;
    let source = format!(
        "(Danh mục tiêu chí: {}, phiên bản {})",
        ov.catalog_name, ov.catalog.version
    );
    full(&source, &style::title(style::BODY_PT, false, true), ws, row)?;
    Ok(row + 1)
}

/// "(Kèm theo Báo cáo số 12/BC-UBND ngày 12/11/2026 của Ủy ban nhân dân xã Minh Hòa)", with
/// room to write the number and day by hand while the report is not yet numbered.
fn annex_line(ov: &Overview, commune: &Commune) -> String {
    let doc = ov.assessment.documents.get("report");
    let number = doc
        .and_then(|d| d.number.clone())
        .unwrap_or_else(|| "      ".into());
    let date = doc
        .and_then(|d| d.date.as_deref())
        .map(vn_date)
        .map(|d| format!("ngày {d}"))
        .unwrap_or_else(|| format!("ngày      tháng      năm {}", ov.scored.year));
    format!(
        "(Kèm theo Báo cáo số {number}/BC-UBND {date} của Ủy ban nhân dân {})",
        commune.full_name()
    )
}

fn write_header(ws: &mut Worksheet, top: u32) -> Result<()> {
    let h = style::header();
    let tall = [
        (COL_CODE, "STT / Mã"),
        (COL_NAME, "Tiêu chí / chỉ số"),
        (COL_UNIT, "Đơn vị"),
        (COL_MAX, "Điểm tối đa"),
        (COL_POINTS, "Điểm tự chấm"),
        (COL_HOW, "Cách tính"),
        (COL_SOURCE, "Nguồn số liệu"),
    ];
    for (col, text) in tall {
        ws.merge_range(top, col, top + 1, col, text, &h)
            .map_err(failed)?;
    }
    ws.merge_range(top, COL_NUM, top, COL_RATE, "Số liệu", &h)
        .map_err(failed)?;
    for (col, text) in [
        (COL_NUM, "Số đạt / giá trị"),
        (COL_DEN, "Tổng số"),
        (COL_RATE, "Tỷ lệ"),
    ] {
        ws.write_string_with_format(top + 1, col, text, &h)
            .map_err(failed)?;
    }
    Ok(())
}

/// A criterion's row then its items' rows; returns the row after them.
fn write_criterion(
    ws: &mut Worksheet,
    fit: &mut style::RowFit,
    row: u32,
    c: &CriterionScore,
) -> Result<u32> {
    fit.note(row, width(COL_NAME), &c.name, true);
    let b = |f: Format| style::strong(f);
    ws.write_string_with_format(row, COL_CODE, &c.code, &b(style::cell_center()))
        .map_err(failed)?;
    ws.write_string_with_format(row, COL_NAME, &c.name, &b(style::cell()))
        .map_err(failed)?;
    for col in [COL_UNIT, COL_NUM, COL_DEN, COL_RATE, COL_SOURCE] {
        ws.write_blank(row, col, &style::cell()).map_err(failed)?;
    }
    write_max(ws, row, c.max_points, true)?;
    let first_item = row + 1;
    let last_item = row + c.items.len() as u32;
    let state = if c.met {
        "đạt"
    } else if c.complete {
        "chưa đạt"
    } else {
        "chưa đủ điểm"
    };
    let how = match &c.manual {
        Some(m) => {
            ws.write_number_with_format(row, COL_POINTS, m.points, &b(style::number()))
                .map_err(failed)?;
            format!("Nhập tay cho cả tiêu chí: {} ({state})", m.reason)
        }
        None => {
            let points_col = super::col_letter(COL_POINTS);
            let f = Formula::new(format!(
                "=SUM({points_col}{}:{points_col}{})",
                first_item + 1,
                last_item + 1
            ))
            .set_result(result_text(c.points));
            ws.write_formula_with_format(row, COL_POINTS, f, &b(style::number()))
                .map_err(failed)?;
            format!("Tổng điểm các chỉ số ({state})")
        }
    };
    ws.write_string_with_format(row, COL_HOW, &how, &b(style::cell()))
        .map_err(failed)?;
    fit.note(row, width(COL_HOW), &how, true);
    for (k, item) in c.items.iter().enumerate() {
        write_item(ws, fit, first_item + k as u32, item)?;
    }
    Ok(last_item + 1)
}

fn write_item(ws: &mut Worksheet, fit: &mut style::RowFit, row: u32, i: &ItemScore) -> Result<()> {
    for (col, text) in [
        (COL_NAME, &i.name),
        (COL_UNIT, &i.unit),
        (COL_SOURCE, &i.evidence),
    ] {
        fit.note(row, width(col), text, false);
    }
    let cell = style::cell();
    ws.write_string_with_format(row, COL_CODE, &i.code, &style::cell_center())
        .map_err(failed)?;
    ws.write_string_with_format(row, COL_NAME, &i.name, &cell)
        .map_err(failed)?;
    ws.write_string_with_format(row, COL_UNIT, &i.unit, &cell)
        .map_err(failed)?;
    write_figure(ws, row, i.value.as_ref())?;
    write_max(ws, row, i.max_points, false)?;
    match i.points {
        Some(p) => ws.write_number_with_format(row, COL_POINTS, p, &style::number()),
        None => ws.write_blank(row, COL_POINTS, &style::number()),
    }
    .map_err(failed)?;
    let how = match i.source {
        Source::Computed => "Tự động theo thang điểm".to_string(),
        Source::Manual => format!("Nhập tay: {}", i.reason),
        Source::NeedsPoints => "Cần nhập điểm (danh mục chưa có thang điểm)".to_string(),
        Source::Missing => "Chưa có số liệu; cần nhập điểm".to_string(),
    };
    let how_format = if i.points.is_none() {
        style::italic(cell.clone())
    } else {
        cell.clone()
    };
    ws.write_string_with_format(row, COL_HOW, &how, &how_format)
        .map_err(failed)?;
    fit.note(row, width(COL_HOW), &how, false);
    ws.write_string_with_format(row, COL_SOURCE, &i.evidence, &cell)
        .map_err(failed)?;
    Ok(())
}

/// Numbers as numbers: a rate's two counts and its percentage as a formula on them.
fn write_figure(ws: &mut Worksheet, row: u32, value: Option<&Figure>) -> Result<()> {
    let blank = |ws: &mut Worksheet, col| ws.write_blank(row, col, &style::cell()).map(|_| ());
    match value {
        Some(Figure::Rate {
            numerator,
            denominator,
        }) => {
            ws.write_number_with_format(row, COL_NUM, *numerator as f64, &style::count())
                .map_err(failed)?;
            ws.write_number_with_format(row, COL_DEN, *denominator as f64, &style::count())
                .map_err(failed)?;
            let (n, d) = (super::col_letter(COL_NUM), super::col_letter(COL_DEN));
            let r = row + 1;
            let mut f = Formula::new(format!("={n}{r}/{d}{r}"));
            if *denominator > 0 {
                f = f.set_result(result_text(*numerator as f64 / *denominator as f64));
            }
            ws.write_formula_with_format(row, COL_RATE, f, &style::percent())
                .map_err(failed)?;
        }
        Some(Figure::Count(n)) => {
            ws.write_number_with_format(row, COL_NUM, *n as f64, &style::count())
                .map_err(failed)?;
            blank(ws, COL_DEN).map_err(failed)?;
            blank(ws, COL_RATE).map_err(failed)?;
        }
        Some(f @ (Figure::YesNo(_) | Figure::Choice(_))) => {
            let text = crate::assess::figure::display(f);
            ws.write_string_with_format(row, COL_NUM, &text, &style::cell_center())
                .map_err(failed)?;
            blank(ws, COL_DEN).map_err(failed)?;
            blank(ws, COL_RATE).map_err(failed)?;
        }
        None => {
            for col in [COL_NUM, COL_DEN, COL_RATE] {
                blank(ws, col).map_err(failed)?;
            }
        }
    }
    Ok(())
}

/// A known maximum as a number; an unknown one says so in words (docs/domain.md: unknown stays
/// unknown, never a guessed number). SUM skips the words.
fn write_max(ws: &mut Worksheet, row: u32, max: Option<f64>, bold: bool) -> Result<()> {
    let f = |f: Format| if bold { style::strong(f) } else { f };
    match max {
        Some(m) => ws.write_number_with_format(row, COL_MAX, m, &f(style::number())),
        None => ws.write_string_with_format(
            row,
            COL_MAX,
            "chưa rõ",
            &f(style::italic(style::cell_center())),
        ),
    }
    .map(|_| ())
    .map_err(failed)
}

fn write_total(
    ws: &mut Worksheet,
    fit: &mut style::RowFit,
    row: u32,
    ov: &Overview,
    criterion_rows: &[u32],
) -> Result<()> {
    let b = |f: Format| style::strong(f);
    ws.write_blank(row, COL_CODE, &b(style::cell()))
        .map_err(failed)?;
    ws.write_string_with_format(row, COL_NAME, "TỔNG CỘNG", &b(style::cell_center()))
        .map_err(failed)?;
    for col in [COL_UNIT, COL_NUM, COL_DEN, COL_RATE, COL_SOURCE] {
        ws.write_blank(row, col, &b(style::cell()))
            .map_err(failed)?;
    }
    write_max(ws, row, ov.scored.max_total, true)?;
    let p = super::col_letter(COL_POINTS);
    let refs: Vec<String> = criterion_rows
        .iter()
        .map(|r| format!("{p}{}", r + 1))
        .collect();
    let f =
        Formula::new(format!("=SUM({})", refs.join(","))).set_result(result_text(ov.scored.total));
    ws.write_formula_with_format(row, COL_POINTS, f, &b(style::number()))
        .map_err(failed)?;
    let v = &ov.scored.verdict;
    let how = format!(
        "Ngưỡng công nhận: {} điểm ({})",
        fmt_points(v.threshold),
        v.category_name
    );
    ws.write_string_with_format(row, COL_HOW, &how, &b(style::cell()))
        .map_err(failed)?;
    fit.note(row, width(COL_HOW), &how, true);
    Ok(())
}

/// The verdict and its reasons under the table; returns the last row written.
fn write_verdict(ws: &mut Worksheet, mut row: u32, ov: &Overview) -> Result<u32> {
    let v = &ov.scored.verdict;
    let head = match (v.recognised, v.complete) {
        (true, _) => format!(
            "Kết luận: {} ĐẠT chuẩn xã, phường, thị trấn phù hợp với trẻ em năm {}.",
            ov.commune, ov.scored.year
        ),
        (false, true) => format!(
            "Kết luận: {} CHƯA ĐẠT chuẩn xã, phường, thị trấn phù hợp với trẻ em năm {}.",
            ov.commune, ov.scored.year
        ),
        (false, false) => format!(
            "Kết luận (tạm thời): chưa đủ số liệu và điểm để kết luận; tổng điểm hiện có {}.",
            fmt_points(v.total)
        ),
    };
    let mut lines = vec![(head, true)];
    lines.extend(v.reasons.iter().map(|r| (format!("- {r}."), false)));
    let last = row + lines.len() as u32 - 1;
    for (text, bold) in lines {
        let f = if bold {
            style::strong(style::note())
        } else {
            style::note()
        };
        ws.merge_range(row, COL_CODE, row, LAST_COL, &text, &f)
            .map_err(failed)?;
        // Merged cells do not grow with their text: give long reasons room for their lines.
        let full: f64 = WIDTHS.iter().sum();
        ws.set_row_height(row, style::line_height(style::lines(&text, full, bold)))
            .map_err(failed)?;
        row += 1;
    }
    Ok(last)
}

fn width(col: u16) -> f64 {
    WIDTHS[usize::from(col)]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::demo_overview;

    #[test]
    fn columns_are_named_by_letter() {
        assert_eq!(crate::xlsx::col_letter(COL_POINTS), "H");
        assert_eq!(crate::xlsx::col_letter(COL_NUM), "D");
    }

    #[test]
    fn annex_line_leaves_room_for_an_unnumbered_report() {
        let (mut ov, commune) = demo_overview();
        ov.assessment.documents.clear();
        let line = annex_line(&ov, &commune);
        assert!(line.starts_with("(Kèm theo Báo cáo số "), "{line}");
        assert!(
            line.contains("/BC-UBND ngày      tháng      năm 2026"),
            "{line}"
        );
        assert!(line.ends_with("của Ủy ban nhân dân xã Minh Hòa)"), "{line}");
        ov.assessment.documents.insert(
            "report".into(),
            crate::assess::IssuedDoc {
                number: Some("21".into()),
                date: Some("2026-11-12".into()),
            },
        );
        assert!(annex_line(&ov, &commune).contains("số 21/BC-UBND ngày 12/11/2026"));
    }
}
