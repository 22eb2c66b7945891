//! Cell formats shared by Tre's workbooks: Times New Roman as in every official document
//! (docs/documents.md), thin borders inside tables, wrapped text so long criterion names stay
//! readable in print.

use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder};

pub const FONT: &str = "Times New Roman";
/// Table body size: 12 pt keeps the 10-column score table on one landscape page width.
pub const BODY_PT: f64 = 12.0;
pub const TITLE_PT: f64 = 14.0;

/// Input cells of the unit workbook: pale yellow, the common "fill here" colour.
pub const INPUT_FILL: u32 = 0xFFF2CC;
/// Header cells.
pub const HEADER_FILL: u32 = 0xDDEBF7;
/// Cells that do not apply to a row (e.g. the denominator of a yes/no item).
pub const NA_FILL: u32 = 0xEDEDED;

pub fn base() -> Format {
    Format::new().set_font_name(FONT).set_font_size(BODY_PT)
}

/// Title lines above a table: centred, no border.
pub fn title(size: f64, bold: bool, italic: bool) -> Format {
    let mut f = base()
        .set_font_size(size)
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_text_wrap();
    if bold {
        f = f.set_bold();
    }
    if italic {
        f = f.set_italic();
    }
    f
}

/// Plain text outside the table, wrapped, top-aligned.
pub fn note() -> Format {
    base()
        .set_align(FormatAlign::Left)
        .set_align(FormatAlign::Top)
        .set_text_wrap()
}

pub fn header() -> Format {
    base()
        .set_bold()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_text_wrap()
        .set_border(FormatBorder::Thin)
        .set_background_color(Color::RGB(HEADER_FILL))
}

/// A table cell: bordered, wrapped, top-aligned so a long name reads from its first line.
pub fn cell() -> Format {
    base()
        .set_align(FormatAlign::Top)
        .set_text_wrap()
        .set_border(FormatBorder::Thin)
}

pub fn cell_center() -> Format {
    cell().set_align(FormatAlign::Center)
}

/// Points: the General format shows 50 as "50" and 12.5 as "12.5" (a fixed "0.0" would
/// print "50.0", and "#,##0.##" leaves a dangling separator after whole numbers).
pub fn number() -> Format {
    cell().set_align(FormatAlign::Right)
}

/// Counts of children: whole numbers with thousands grouped.
pub fn count() -> Format {
    cell().set_num_format("#,##0").set_align(FormatAlign::Right)
}

pub fn percent() -> Format {
    cell().set_num_format("0.00%").set_align(FormatAlign::Right)
}

/// A criterion's row: bold, so the table reads as criteria with their items under them.
pub fn strong(f: Format) -> Format {
    f.set_bold()
}

pub fn italic(f: Format) -> Format {
    f.set_italic()
}

/// An input cell of the unit workbook: unlocked (the sheet is protected) and coloured.
pub fn input(f: Format) -> Format {
    f.set_unlocked()
        .set_background_color(Color::RGB(INPUT_FILL))
}

pub fn not_applicable() -> Format {
    cell().set_background_color(Color::RGB(NA_FILL))
}

/// Row heights for wrapped text. Spreadsheets do not size a row to its wrapped text when
/// they open a file (LibreOffice and Excel both keep the default height, and the lines
/// overlap the next row), so the writer sets each height from an estimate of the lines.
#[derive(Debug, Default)]
pub struct RowFit {
    lines: std::collections::BTreeMap<u32, u32>,
}

impl RowFit {
    /// Records that `text` sits in a column `width` characters wide on `row`.
    pub fn note(&mut self, row: u32, width: f64, text: &str, bold: bool) {
        let n = lines(text, width, bold);
        let e = self.lines.entry(row).or_insert(1);
        *e = (*e).max(n);
    }

    /// Sets the height of every row noted with more than one line.
    pub fn apply(
        &self,
        ws: &mut rust_xlsxwriter::Worksheet,
    ) -> Result<(), rust_xlsxwriter::XlsxError> {
        for (row, n) in &self.lines {
            if *n > 1 {
                ws.set_row_height(*row, line_height(*n))?;
            }
        }
        Ok(())
    }
}

/// Height in points of `n` lines of body text (12 pt Times New Roman: Excel gives it 15 pt a
/// line, LibreOffice a little less) plus a little air above and below.
pub fn line_height(n: u32) -> f64 {
    15.0 * f64::from(n) + 2.0
}

/// Lines `text` takes in a column `width` characters wide, breaking between words as the
/// spreadsheet does. Measured on LibreOffice's rendering of Vietnamese text: about 1.3
/// letters of Times New Roman 12 pt per width unit (Liberation Serif has the same metrics,
/// so Excel breaks alike); 1.25 (1.12 bold) is used so the estimate errs on a taller row.
pub fn lines(text: &str, width: f64, bold: bool) -> u32 {
    let per_line = (width * if bold { 1.12 } else { 1.25 }).max(1.0);
    let mut total = 0;
    for para in text.split('\n') {
        let mut n = 1;
        let mut len = 0.0;
        for word in para.split_whitespace() {
            let w = word.chars().count() as f64;
            if len == 0.0 {
                len = w;
            } else if len + 1.0 + w <= per_line {
                len += 1.0 + w;
            } else {
                n += 1;
                len = w;
            }
            // A word longer than the line is cut by the spreadsheet.
            while len > per_line {
                n += 1;
                len -= per_line;
            }
        }
        total += n;
    }
    total.max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapped_lines_are_counted_between_words() {
        assert_eq!(lines("", 10.0, false), 1);
        assert_eq!(
            lines("Có người làm công tác bảo vệ trẻ em ở cấp xã", 46.0, false),
            1
        );
        // 12.5 letters a line: "một hai ba" | "bốn năm sáu".
        assert_eq!(lines("một hai ba bốn năm sáu", 10.0, false), 2);
        assert_eq!(lines("a\nb", 10.0, false), 2);
        assert_eq!(lines(&"x".repeat(30), 10.0, false), 3);
        // Bold letters are wider: the same words need more lines.
        let text = "Tổng điểm các chỉ số (chưa đủ điểm)";
        assert_eq!(lines(text, 28.0, false), 1);
        assert_eq!(lines(text, 28.0, true), 2);
    }
}
