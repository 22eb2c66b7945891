//! The province's consolidated workbook: sheet "Tổng hợp" (one row per commune: points per
//! criterion, the total as a formula carrying its value, the verdict, the state of each
//! document) and sheet "Hồ sơ không tính" (the dossiers that could not be counted, and why).

use rust_xlsxwriter::{Formula, Worksheet};

use super::{col_letter, failed, new_workbook, result_text, style};
use crate::catalog::fmt_points;
use crate::error::Result;
use crate::province::{Consolidated, KINDS};

pub const CONSOLIDATED_SHEET: &str = "Tổng hợp";
pub const PROBLEMS_SHEET: &str = "Hồ sơ không tính";

/// Where the communes' rows start (0-based): after the title, a blank line and the two header rows.
const FIRST_ROW: u32 = 4;

pub fn province_table_xlsx(t: &Consolidated) -> Result<Vec<u8>> {
    let mut wb = new_workbook(&format!("Tổng hợp kết quả năm {}", t.year));
    let ws = wb.add_worksheet();
    ws.set_name(CONSOLIDATED_SHEET).map_err(failed)?;
    write_table(ws, t)?;
    let ps = wb.add_worksheet();
    ps.set_name(PROBLEMS_SHEET).map_err(failed)?;
    write_problems(ps, t)?;
    wb.save_to_buffer().map_err(failed)
}

fn write_table(ws: &mut Worksheet, t: &Consolidated) -> Result<()> {
    let n = t.criteria.len() as u16;
    let c_first = 2u16;
    let c_total = c_first + n;
    let c_verdict = c_total + 1;
    let c_docs = c_verdict + 1;
    let last = c_docs + KINDS.len() as u16 - 1;
    ws.set_column_width(0, 6.0).map_err(failed)?;
    ws.set_column_width(1, 24.0).map_err(failed)?;
    for c in c_first..c_total {
        ws.set_column_width(c, 9.0).map_err(failed)?;
    }
    ws.set_column_width(c_total, 10.0).map_err(failed)?;
    ws.set_column_width(c_verdict, 11.0).map_err(failed)?;
    for c in c_docs..=last {
        ws.set_column_width(c, 11.0).map_err(failed)?;
    }
    let title = format!(
        "BẢNG TỔNG HỢP KẾT QUẢ ĐÁNH GIÁ XÃ, PHƯỜNG PHÙ HỢP VỚI TRẺ EM NĂM {}",
        t.year
    );
    ws.merge_range(
        0,
        0,
        0,
        last,
        &title,
        &style::title(style::TITLE_PT, true, false),
    )
    .map_err(failed)?;
    ws.merge_range(
        1,
        0,
        1,
        last,
        &format!("({} xã có hồ sơ được tính)", t.rows.len()),
        &style::title(style::BODY_PT, false, true),
    )
    .map_err(failed)?;
    let h = style::header();
    let (top, sub) = (2u32, 3u32);
    ws.merge_range(top, 0, sub, 0, "STT", &h).map_err(failed)?;
    ws.merge_range(top, 1, sub, 1, "Xã, phường", &h)
        .map_err(failed)?;
    if n > 0 {
        let label = "Điểm theo tiêu chí";
        if n > 1 {
            ws.merge_range(top, c_first, top, c_total - 1, label, &h)
                .map_err(failed)?;
        } else {
            ws.write_string_with_format(top, c_first, label, &h)
                .map_err(failed)?;
        }
    }
    for (i, c) in t.criteria.iter().enumerate() {
        let max = c
            .max_points
            .map(|m| format!(" ({})", fmt_points(m)))
            .unwrap_or_default();
        ws.write_string_with_format(sub, c_first + i as u16, format!("TC {}{max}", c.code), &h)
            .map_err(failed)?;
    }
    ws.merge_range(top, c_total, sub, c_total, "Tổng điểm", &h)
        .map_err(failed)?;
    ws.merge_range(top, c_verdict, sub, c_verdict, "Kết luận", &h)
        .map_err(failed)?;
    ws.merge_range(top, c_docs, top, last, "Tình trạng văn bản trong hồ sơ", &h)
        .map_err(failed)?;
    for (i, k) in KINDS.iter().enumerate() {
        ws.write_string_with_format(sub, c_docs + i as u16, k.label(), &h)
            .map_err(failed)?;
    }
    ws.set_row_height(sub, style::line_height(3))
        .map_err(failed)?;

    let mut row = FIRST_ROW;
    for (i, r) in t.rows.iter().enumerate() {
        ws.write_number_with_format(row, 0, (i + 1) as f64, &style::count())
            .map_err(failed)?;
        ws.write_string_with_format(row, 1, &r.commune, &style::cell())
            .map_err(failed)?;
        for (j, p) in r.points.iter().enumerate() {
            let col = c_first + j as u16;
            match p {
                Some(p) => ws.write_number_with_format(row, col, *p, &style::number()),
                None => ws.write_blank(row, col, &style::number()),
            }
            .map_err(failed)?;
        }
        let sum: f64 = r.points.iter().flatten().sum();
        let total = if n > 0 {
            Formula::new(format!(
                "=SUM({}{}:{}{})",
                col_letter(c_first),
                row + 1,
                col_letter(c_total - 1),
                row + 1
            ))
            .set_result(result_text(sum))
        } else {
            Formula::new("=0").set_result("0")
        };
        ws.write_formula_with_format(row, c_total, total, &style::strong(style::number()))
            .map_err(failed)?;
        ws.write_string_with_format(row, c_verdict, &r.verdict_label, &style::cell_center())
            .map_err(failed)?;
        for (j, d) in r.documents.iter().enumerate() {
            ws.write_string_with_format(row, c_docs + j as u16, d, &style::cell_center())
                .map_err(failed)?;
        }
        row += 1;
    }
    // The count of communes recognised, as a formula so a corrected verdict counts.
    let met = t.rows.iter().filter(|r| r.recognised == Some(true)).count();
    ws.write_blank(row, 0, &style::cell()).map_err(failed)?;
    ws.write_string_with_format(row, 1, "Số xã đạt", &style::strong(style::cell()))
        .map_err(failed)?;
    let v = col_letter(c_verdict);
    let f = Formula::new(format!(
        "=COUNTIF({v}{}:{v}{},\"Đạt\")",
        FIRST_ROW + 1,
        row.max(FIRST_ROW + 1)
    ))
    .set_result(met.to_string());
    ws.write_formula_with_format(row, c_verdict, f, &style::strong(style::count()))
        .map_err(failed)?;

    ws.set_landscape()
        .set_paper_size(9)
        .set_print_fit_to_pages(1, 0)
        .set_footer("&CTrang &P/&N");
    ws.set_repeat_rows(top, sub).map_err(failed)?;
    ws.set_freeze_panes(FIRST_ROW, 2).map_err(failed)?;
    Ok(())
}

fn write_problems(ws: &mut Worksheet, t: &Consolidated) -> Result<()> {
    for (c, w) in [6.0, 34.0, 22.0, 8.0, 18.0, 70.0].iter().enumerate() {
        ws.set_column_width(c as u16, *w).map_err(failed)?;
    }
    let h = style::header();
    for (c, text) in ["STT", "Tệp", "Xã, phường", "Năm", "Tình trạng", "Nội dung"]
        .iter()
        .enumerate()
    {
        ws.write_string_with_format(0, c as u16, *text, &h)
            .map_err(failed)?;
    }
    let mut fit = style::RowFit::default();
    for (i, d) in t.problems.iter().enumerate() {
        let row = i as u32 + 1;
        let mut detail = d.message.clone();
        for p in &d.problems {
            detail.push_str("\n- ");
            detail.push_str(p);
        }
        let files = d.files.join(", ");
        fit.note(row, 34.0, &files, false);
        fit.note(row, 70.0, &detail, false);
        ws.write_number_with_format(row, 0, (i + 1) as f64, &style::count())
            .map_err(failed)?;
        ws.write_string_with_format(row, 1, &files, &style::cell())
            .map_err(failed)?;
        ws.write_string_with_format(row, 2, d.commune.as_deref().unwrap_or(""), &style::cell())
            .map_err(failed)?;
        match d.year {
            Some(y) => ws.write_number_with_format(row, 3, f64::from(y), &style::cell_center()),
            None => ws.write_blank(row, 3, &style::cell()),
        }
        .map_err(failed)?;
        ws.write_string_with_format(row, 4, &d.state_label, &style::cell())
            .map_err(failed)?;
        ws.write_string_with_format(row, 5, &detail, &style::cell())
            .map_err(failed)?;
    }
    fit.apply(ws).map_err(failed)?;
    ws.set_freeze_panes(1, 0).map_err(failed)?;
    Ok(())
}
