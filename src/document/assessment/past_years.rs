//! "Kết quả qua các năm" of the yearly report: each criterion's points in every stored year
//! up to the report's own, so the superior sees the trend beside this year's result. Printed
//! only when more than one year has data; drawn from the overview's trends, which score the
//! past years with the catalogue in use (the table says so, since a corrected catalogue can
//! give a past year other points than the report sent that year).

use super::common::{para, Ctx};
use crate::catalog::fmt_points;
use crate::document::{Block, CellAlign, Column, Table, TableRow};

/// At most this many years fit beside the criteria's names on an A4 page in portrait; the
/// newest are kept.
const MAX_YEARS: usize = 6;

/// The sentence and the table, or nothing when only one year (or none) has data.
pub fn past_years(ctx: &Ctx) -> Vec<Block> {
    let t = ctx.ov.trends.up_to(ctx.year);
    if t.years.len() < 2 {
        return Vec::new();
    }
    let years = &t.years[t.years.len().saturating_sub(MAX_YEARS)..];
    let col = |share: f32, align: CellAlign| Column { share, align };
    let year_share = 11.0;
    let mut columns = vec![
        col(7.0, CellAlign::Center),
        col(93.0 - year_share * years.len() as f32, CellAlign::Left),
    ];
    columns.extend(years.iter().map(|_| col(year_share, CellAlign::Center)));
    let mut header = vec!["TT".to_string(), "Tiêu chí".to_string()];
    header.extend(years.iter().map(|y| y.to_string()));
    let mut rows: Vec<TableRow> = t
        .criteria
        .iter()
        .map(|c| {
            let mut cells = vec![c.code.clone(), c.name.clone()];
            // A blank cell is a year without data for the criterion, never a zero.
            cells.extend(years.iter().map(|y| {
                c.points
                    .iter()
                    .find(|p| p.year == *y)
                    .map(|p| fmt_points(p.points))
                    .unwrap_or_default()
            }));
            TableRow {
                cells,
                bold: false,
                keep_with_next: false,
            }
        })
        .collect();
    let mut total = vec![String::new(), "Tổng cộng".to_string()];
    total.extend(years.iter().map(|y| {
        t.totals
            .iter()
            .find(|p| p.year == *y)
            .map(|p| fmt_points(p.total))
            .unwrap_or_default()
    }));
    rows.push(TableRow {
        cells: total,
        bold: true,
        keep_with_next: false,
    });
    let first = years.first().copied().unwrap_or(ctx.year);
    vec![
        para(format!(
            "Kết quả qua các năm: điểm tự chấm của từng tiêu chí từ năm {first} đến năm {}, tính theo danh mục tiêu chí đang áp dụng (ô để trống là năm chưa có số liệu của tiêu chí):",
            ctx.year
        )),
        Block::Table(Table {
            columns,
            header,
            rows,
        }),
    ]
}
