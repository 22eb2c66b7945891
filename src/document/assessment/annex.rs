//! The score table as an annex (Phụ lục) of the yearly report: one row per criterion (bold)
//! and per sub-item, with the figures, their source, the maximum and the points; the total
//! and the verdict under it.

use super::common::{figure, long_date, pad_number, para, Ctx};
use super::AssessmentKind;
use crate::catalog::fmt_points;
use crate::document::{Annex, CellAlign, Column, Document, Table, TableRow};

pub fn annex(ctx: &Ctx) -> Document {
    // The annex goes with the report: it carries the report's number and date.
    let report = ctx.issued(AssessmentKind::Report);
    let header = ctx.header(
        AssessmentKind::Report,
        ctx.issued_date(AssessmentKind::Report),
        None,
    );
    let title = format!(
        "Bảng tự chấm điểm các tiêu chí {} năm {}",
        ctx.standard(),
        ctx.year
    );
    let number = report
        .number
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(pad_number)
        .unwrap_or_else(|| "      ".to_string());
    let date = match ctx.issued_date(AssessmentKind::Report) {
        Some(d) => long_date(Some(d), ctx.year),
        None => format!("ngày      tháng      năm {}", ctx.year),
    };
    let mut doc = ctx.document(AssessmentKind::Assessment, header, title.clone());
    doc.type_name.clear();
    doc.subject.clear();
    doc.meta.title = format!("Phụ lục: {title}");
    doc.annex = Some(Annex {
        label: "Phụ lục".into(),
        title,
        reference: format!(
            "(Kèm theo Báo cáo số {number}/{} {date} của {})",
            AssessmentKind::Report.symbol(),
            ctx.ubnd()
        ),
    });
    // The report is signed; its annex is not.
    doc.signature = Default::default();
    doc.body
        .push(crate::document::Block::Table(score_table(ctx)));
    doc.body.push(para(format!(
        "Tổng điểm tự đánh giá: {}; số tiêu chí đạt: {}/{}; {}.",
        ctx.total_text(),
        ctx.criteria_met(),
        ctx.ov.scored.criteria.len(),
        ctx.threshold_text().replacen("mức", "mức công nhận", 1)
    )));
    doc.body
        .push(para(format!("Kết luận: {}", ctx.verdict_sentence())));
    let unknown_max = ctx
        .ov
        .scored
        .criteria
        .iter()
        .any(|c| c.max_points.is_none() || c.items.iter().any(|i| i.max_points.is_none()));
    if unknown_max {
        doc.body.push(para(
            "Ghi chú: ô “Điểm tối đa” để trống là chỉ số, tiêu chí mà danh mục tiêu chí chưa có thang điểm chi tiết; điểm tự chấm của các mục này được chấm theo hướng dẫn của cấp trên.",
        ));
    }
    doc
}

/// Columns: TT, criterion or sub-item, figures, source, maximum, points.
fn score_table(ctx: &Ctx) -> Table {
    let col = |share: f32, align: CellAlign| Column { share, align };
    let mut rows = Vec::new();
    for c in &ctx.ov.scored.criteria {
        let complete_or_blank = if c.complete {
            fmt_points(c.points)
        } else {
            String::new()
        };
        rows.push(TableRow {
            cells: vec![
                c.code.clone(),
                c.name.clone(),
                String::new(),
                String::new(),
                c.max_points.map(fmt_points).unwrap_or_default(),
                complete_or_blank,
            ],
            bold: true,
            keep_with_next: !c.items.is_empty(),
        });
        for it in &c.items {
            let unit = ctx.unit_of(&it.code, &it.unit);
            let source = match (it.evidence.trim(), unit.trim()) {
                ("", u) => u.to_string(),
                (e, "") => e.to_string(),
                (e, u) => format!("{e} ({u})"),
            };
            rows.push(TableRow {
                cells: vec![
                    it.code.clone(),
                    it.name.clone(),
                    figure(&it.display),
                    source,
                    it.max_points.map(fmt_points).unwrap_or_default(),
                    it.points.map(fmt_points).unwrap_or_default(),
                ],
                bold: false,
                keep_with_next: false,
            });
        }
    }
    let s = &ctx.ov.scored;
    rows.push(TableRow {
        cells: vec![
            String::new(),
            "Tổng cộng".into(),
            String::new(),
            String::new(),
            s.max_total.map(fmt_points).unwrap_or_default(),
            fmt_points(s.total),
        ],
        bold: true,
        keep_with_next: false,
    });
    Table {
        columns: vec![
            col(7.0, CellAlign::Center),
            col(33.0, CellAlign::Left),
            col(15.0, CellAlign::Center),
            col(23.0, CellAlign::Left),
            col(11.0, CellAlign::Center),
            col(11.0, CellAlign::Center),
        ],
        header: vec![
            "TT".into(),
            "Tiêu chí, chỉ số".into(),
            "Số liệu".into(),
            "Nguồn số liệu".into(),
            "Điểm tối đa".into(),
            "Điểm tự chấm".into(),
        ],
        rows,
    }
}
