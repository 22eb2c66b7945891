//! A ruled table of the document tree as a real Word table (the officer can sort, add a row,
//! retype a figure), and the heading of an annex.
//!
//! As for the header (docs/documents.md, DOCX): fixed layout with the widths in the grid,
//! or LibreOffice ignores them. Rows never split across pages (`cantSplit`) and the header
//! row repeats on each page (`tblHeader`), as in the PDF.

use docx_rs::{
    AlignmentType, BorderType, HeightRule, Paragraph, Table as DocxTable, TableBorder,
    TableBorderPosition, TableCell, TableCellMargins, TableLayoutType, TableRow as DocxRow,
    VAlignType, WidthType,
};

use super::{rule_only, run, text_width, tight, twips};
use crate::document::{style, Annex, CellAlign, Table};

/// docx-rs 0.4 cannot write `w:tblHeader`, so the header row carries this impossible row
/// height (a fraction, where Word wants whole twips) and `package` swaps it for the real
/// element. Nothing else can produce it.
pub const HEADER_ROW_MARK: &str = r#"<w:trHeight w:val="0.5" w:hRule="auto" />"#;
pub const HEADER_ROW: &str = "<w:tblHeader />";

pub fn table(t: &Table) -> Option<DocxTable> {
    if t.columns.is_empty() {
        return None;
    }
    let total = text_width();
    let widths: Vec<i32> = t
        .shares()
        .iter()
        .map(|s| (s * total as f32).round() as i32)
        .collect();
    let mut rows = Vec::new();
    if !t.header.is_empty() {
        let row = row(t, &widths, &t.cells(&t.header), true, true, true);
        rows.push(row.row_height(0.5).height_rule(HeightRule::Auto));
    }
    for r in &t.rows {
        rows.push(row(
            t,
            &widths,
            &t.cells(&r.cells),
            r.bold,
            false,
            r.keep_with_next,
        ));
    }
    let pad = twips(style::CELL_PAD_X_PT) as usize;
    let vpad = twips(style::CELL_PAD_Y_PT) as usize;
    let mut table = DocxTable::new(rows)
        .set_grid(widths.iter().map(|w| *w as usize).collect())
        .width(widths.iter().sum::<i32>() as usize, WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
        .indent(0)
        .margins(TableCellMargins::new().margin(vpad, pad, vpad, pad));
    // Eighths of a point: the PDF's grid stroke.
    let size = (style::TABLE_RULE_PT * 8.0).round() as usize;
    for pos in [
        TableBorderPosition::Top,
        TableBorderPosition::Left,
        TableBorderPosition::Bottom,
        TableBorderPosition::Right,
        TableBorderPosition::InsideH,
        TableBorderPosition::InsideV,
    ] {
        table = table.set_border(
            TableBorder::new(pos)
                .border_type(BorderType::Single)
                .size(size)
                .color("000000"),
        );
    }
    Some(table)
}

/// A row that never splits; `keep` keeps it on the page of the next row (Word does that
/// through "keep with next" on the row's paragraphs).
fn row(t: &Table, widths: &[i32], cells: &[&str], bold: bool, header: bool, keep: bool) -> DocxRow {
    let cells = cells
        .iter()
        .enumerate()
        .map(|(i, text)| {
            let align = match (header, t.columns[i].align) {
                (true, _) | (false, CellAlign::Center) => AlignmentType::Center,
                (false, CellAlign::Left) => AlignmentType::Left,
            };
            let mut r = run(text, style::TABLE_SIZE);
            if bold {
                r = r.bold();
            }
            TableCell::new()
                .width(widths[i] as usize, WidthType::Dxa)
                .vertical_align(VAlignType::Center)
                .add_paragraph(tight(align).keep_next(keep).add_run(r))
        })
        .collect();
    DocxRow::new(cells).cant_split()
}

/// "Phụ lục", the title, "(Kèm theo …)" and a short rule, centred, kept with the table.
pub fn annex_heading(a: &Annex) -> Vec<Paragraph> {
    let size = style::ANNEX_SIZE;
    let title = a.title.trim().to_uppercase();
    let mut out: Vec<Paragraph> = [
        (a.label.trim(), true),
        (title.as_str(), true),
        (a.reference.trim(), false),
    ]
    .into_iter()
    .filter(|(text, _)| !text.is_empty())
    .map(|(text, bold)| {
        let r = run(text, size);
        let r = if bold { r.bold() } else { r.italic() };
        tight(AlignmentType::Center).keep_next(true).add_run(r)
    })
    .collect();
    let width = text_width();
    let mut rule = rule_only(AlignmentType::Center, width, width / 5).keep_next(true);
    // The PDF's room under the heading, before the table.
    super::set_spacing(&mut rule, None, Some(twips(12.0)));
    out.push(rule);
    out
}
