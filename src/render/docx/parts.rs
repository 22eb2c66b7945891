//! The two side-by-side parts of a Nghị định 30 document, as borderless two-column tables
//! with fixed widths (LibreOffice ignores widths that are not in a fixed grid): the header
//! (authority | national title) and the closing (recipients | signature). "Kính gửi" too.

use docx_rs::{
    AlignmentType, LineSpacing, LineSpacingType, Paragraph, SpecialIndentType, Table, TableCell,
    TableCellMargins, TableLayoutType, TableRow, VAlignType, WidthType,
};

use super::{half_points, rule_only, rule_paragraph, run, text_width, tight, twips};
use crate::document::{style, Document, Header, Signature};
use crate::layout::fonts::text_width as measure;
use crate::layout::FontFace;

/// Room kept free on each side of a column's text (the PDF's column padding), in points.
const COLUMN_PAD: f32 = 3.0;
/// Space above the number / place-date row and above the closing block, in points.
const ROW_GAP: f32 = 6.0;

/// Widths of the left and right columns in twips (44 % / 56 % of the text width).
pub fn columns() -> (i32, i32) {
    let w = text_width();
    let right = (w as f32 * style::HEADER_RIGHT_SHARE).round() as i32;
    (w - right, right)
}

/// Width available to text inside a cell of `column` twips.
fn inner(column: i32) -> i32 {
    column - 2 * twips(COLUMN_PAD)
}

fn table(rows: Vec<TableRow>) -> Table {
    let (l, r) = columns();
    Table::without_borders(rows)
        .set_grid(vec![l as usize, r as usize])
        .width((l + r) as usize, WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
        .indent(0)
        .margins(TableCellMargins::new().margin(
            0,
            twips(COLUMN_PAD) as usize,
            0,
            twips(COLUMN_PAD) as usize,
        ))
}

fn cell(width: i32, paragraphs: Vec<Paragraph>) -> TableCell {
    let mut c = TableCell::new().width(width as usize, WidthType::Dxa);
    if paragraphs.is_empty() {
        // A cell must hold at least one paragraph.
        c = c.add_paragraph(tight(AlignmentType::Left));
    }
    for p in paragraphs {
        c = c.add_paragraph(p);
    }
    c
}

fn centred(text: &str, size: f32) -> Paragraph {
    tight(AlignmentType::Center).add_run(run(text, size))
}

fn space_before(p: Paragraph, pt: f32) -> Paragraph {
    p.line_spacing(
        LineSpacing::new()
            .line_rule(LineSpacingType::Auto)
            .line(240)
            .before(twips(pt) as u32)
            .after(0),
    )
}

/// Row 1: authority (with a short rule) | national title and motto (rule as long as the
/// motto). Row 2: the number | the place and date, so both sit on one line as in the PDF.
pub fn header_table(h: &Header) -> Table {
    let (lw, rw) = columns();
    let mut left = Vec::new();
    if let Some(p) = h
        .parent_authority
        .as_deref()
        .filter(|p| !p.trim().is_empty())
    {
        left.push(centred(&p.trim().to_uppercase(), style::HEADER_SIZE));
    }
    let authority: Vec<String> = h
        .authority
        .iter()
        .map(|a| a.trim().to_uppercase())
        .filter(|a| !a.is_empty())
        .collect();
    for a in &authority {
        left.push(tight(AlignmentType::Center).add_run(run(a, style::HEADER_SIZE).bold()));
    }
    if !authority.is_empty() {
        // The PDF's rule: a third of the column, centred under the authority.
        left.push(rule_only(AlignmentType::Center, inner(lw), inner(lw) / 3));
    }

    let motto_w = twips(measure(FontFace::Bold, Header::MOTTO, style::MOTTO_SIZE));
    // A little slack so rounding never wraps the motto inside its own rule.
    let motto_w = (motto_w + twips(2.0)).min(inner(rw));
    let right = vec![
        tight(AlignmentType::Center)
            .add_run(run(Header::NATIONAL_TITLE, style::NATIONAL_TITLE_SIZE).bold()),
        rule_paragraph(
            tight(AlignmentType::Center).add_run(run(Header::MOTTO, style::MOTTO_SIZE).bold()),
            inner(rw),
            motto_w,
        ),
    ];

    let number = space_before(centred(&h.number_line, style::NUMBER_SIZE), ROW_GAP);
    let date = space_before(
        tight(AlignmentType::Center).add_run(run(&h.place_date, style::PLACE_DATE_SIZE).italic()),
        ROW_GAP,
    );
    table(vec![
        TableRow::new(vec![cell(lw, left), cell(rw, right)]).cant_split(),
        TableRow::new(vec![
            cell(lw, vec![number]).vertical_align(VAlignType::Bottom),
            cell(rw, vec![date]).vertical_align(VAlignType::Bottom),
        ])
        .cant_split(),
    ])
}

/// "Nơi nhận" (left) and the signature block (right) in one row that never splits across
/// pages; `None` when the document has neither recipients nor a signer.
pub fn closing_table(doc: &Document) -> Option<Table> {
    let (lw, rw) = columns();
    let items = crate::document::kinh_gui_items(&doc.recipients);
    let mut left = Vec::new();
    if !items.is_empty() && doc.left_signature.is_none() {
        left.push(space_before(
            tight(AlignmentType::Left).add_run(
                run("Nơi nhận:", style::RECIPIENTS_TITLE_SIZE)
                    .bold()
                    .italic(),
            ),
            ROW_GAP,
        ));
        // A long item wraps under its own text, after the dash.
        let hang = twips(measure(FontFace::Regular, "- ", style::RECIPIENTS_SIZE));
        for item in items {
            left.push(
                tight(AlignmentType::Left)
                    .indent(
                        Some(hang),
                        Some(SpecialIndentType::Hanging(hang)),
                        None,
                        None,
                    )
                    .add_run(run(item, style::RECIPIENTS_SIZE)),
            );
        }
    }

    if let Some(sig) = &doc.left_signature {
        // The minutes: a second signer instead of "Nơi nhận".
        left = signature_block(sig);
    }
    let right = signature_block(&doc.signature);
    if left.is_empty() && right.is_empty() {
        return None;
    }
    Some(table(vec![TableRow::new(vec![
        cell(lw, left),
        cell(rw, right),
    ])
    .cant_split()]))
}

/// A signature block for one cell: titles, empty lines for the signature and the seal, the
/// name; nothing for an empty signer.
fn signature_block(sig: &Signature) -> Vec<Paragraph> {
    let titles = sig.title_lines();
    let name = sig.name.trim();
    let mut out = Vec::new();
    if titles.is_empty() && name.is_empty() {
        return out;
    }
    for t in &titles {
        out.push(tight(AlignmentType::Center).add_run(run(t, style::SIGNATURE_SIZE).bold()));
    }
    // Room for the signature and the seal: empty lines of the signature's size.
    for _ in 0..style::SIGNATURE_GAP_LINES.round() as usize {
        out.push(tight(AlignmentType::Center).size(half_points(style::SIGNATURE_SIZE)));
    }
    if !name.is_empty() {
        out.push(tight(AlignmentType::Center).add_run(run(name, style::SIGNATURE_SIZE).bold()));
    }
    if let Some(first) = out.first_mut() {
        *first = space_before(first.clone(), ROW_GAP);
    }
    out
}

/// "Kính gửi: …" centred for one addressee; for several, the label then one "- …;" per line,
/// the list aligned after the label and the group centred on the page, as in the PDF.
pub fn kinh_gui(items: &[String]) -> Vec<Paragraph> {
    let items = crate::document::kinh_gui_items(items);
    let size = style::BODY_SIZE;
    let after = |p: Paragraph| {
        p.line_spacing(
            LineSpacing::new()
                .line_rule(LineSpacingType::Auto)
                .line(240)
                .after(twips(style::PARAGRAPH_SPACING_PT) as u32),
        )
    };
    match items.as_slice() {
        [] => Vec::new(),
        [one] => vec![after(centred(&format!("Kính gửi: {one}"), size))],
        many => {
            let label = "Kính gửi:";
            let label_w = twips(measure(FontFace::Regular, "Kính gửi: ", size));
            let lines = crate::document::kinh_gui_lines(many);
            let widest = lines
                .iter()
                .map(|l| twips(measure(FontFace::Regular, l, size)))
                .max()
                .unwrap_or(0);
            let x0 = ((text_width() - label_w - widest) / 2).max(0);
            let item_x = x0 + label_w;
            let n = lines.len();
            lines
                .iter()
                .enumerate()
                .map(|(i, line)| {
                    let p = tight(AlignmentType::Left);
                    let p = if i == 0 {
                        // The label hangs out to the left; a tab brings the item to the list.
                        p.indent(
                            Some(item_x),
                            Some(SpecialIndentType::Hanging(label_w)),
                            None,
                            None,
                        )
                        .add_run(run(label, size).add_tab())
                    } else {
                        p.indent(Some(item_x), None, None, None)
                    };
                    let p = p.add_run(run(line, size));
                    if i + 1 == n {
                        after(p)
                    } else {
                        p
                    }
                })
                .collect()
        }
    }
}
