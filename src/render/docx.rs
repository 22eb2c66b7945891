//! DOCX backend: the document tree as a Word file the officer can keep editing.
//!
//! The layout follows the PDF (`layout`) with real Word structure instead of positions: the
//! two-column header and the closing block are borderless tables with fixed column widths
//! (44 % / 56 % of the text width, as in the PDF), the short rules are paragraph bottom
//! borders narrowed by indents, the body uses paragraph styles ("Nội dung", "Căn cứ",
//! "heading 1–3") that the officer can change in one place, and the page number is a PAGE
//! field in a header that page 1 does not show (`titlePg`). Every number comes from
//! `document::style`.
//!
//! docx-rs 0.4 builds the XML parts; `package` then adds what it cannot express (language
//! tag, document title and author), `canon` puts the XML in the schema's element order (Word
//! is stricter than LibreOffice there), and the parts are zipped again with fixed dates and
//! paragraph ids, so the same document always gives the same bytes.

mod canon;
mod package;
mod parts;
mod table;

use docx_rs::{
    AlignmentType, Docx, Header as DocxHeader, LineSpacing, LineSpacingType, PageMargin, Paragraph,
    ParagraphBorder, ParagraphBorderPosition, Run as DocxRun, RunFonts, SpecialIndentType, Style,
    StyleType,
};

use crate::document::{style, Block, Document, Run};
use crate::error::Result;

/// The font Nghị định 30 names; Word and LibreOffice substitute a metric-compatible face
/// (Liberation Serif, Tinos) where it is missing, so lines break in the same places.
pub const FONT: &str = "Times New Roman";

/// Paragraph style ids (ASCII, as Word expects) of the body.
pub const STYLE_BODY: &str = "Body";
pub const STYLE_BASIS: &str = "Basis";
/// Heading levels 1, 2 and 3+ (level 3 style for anything deeper, like the PDF).
pub const STYLE_HEADINGS: [&str; 3] = ["Heading1", "Heading2", "Heading3"];

/// Writes `doc` as a DOCX file (the bytes of the ZIP package).
pub fn write_docx(doc: &Document) -> Result<Vec<u8>> {
    let mut docx = page_setup(styles(Docx::new()));
    match &doc.annex {
        // An annex has its own heading instead of the header and the title block.
        Some(annex) => {
            for p in table::annex_heading(annex) {
                docx = docx.add_paragraph(p);
            }
        }
        None => {
            docx = docx.add_table(parts::header_table(&doc.header));
            for p in title_block(doc) {
                docx = docx.add_paragraph(p);
            }
        }
    }
    let mut body = body_parts(&doc.body);
    let closing = parts::closing_table(doc);
    if closing.is_some() {
        // The signature block never stands alone: keep the last paragraph with it.
        if let Some(Part::Para(last)) = body.pop() {
            body.push(Part::Para(Box::new(last.keep_next(true))));
        }
    }
    for part in body {
        docx = match part {
            Part::Para(p) => docx.add_paragraph(*p),
            // Two tables in a row would merge into one: a tiny paragraph keeps them apart.
            Part::Table(t) => docx.add_table(*t).add_paragraph(tiny(AlignmentType::Left)),
        };
    }
    if let Some(t) = closing {
        // Word ends a document with a paragraph; make it tiny so that it never spills
        // onto a page of its own after a closing block that fills the page.
        docx = docx.add_table(t).add_paragraph(tiny(AlignmentType::Left));
    }
    package::pack(docx, &doc.meta)
}

/// What the body is made of in Word: paragraphs and tables.
enum Part {
    Para(Box<Paragraph>),
    Table(Box<docx_rs::Table>),
}

/// Points to twentieths of a point (twips), the unit of most Word measures.
pub(crate) fn twips(pt: f32) -> i32 {
    (pt * 20.0).round() as i32
}

pub(crate) fn mm_to_twips(mm: f32) -> i32 {
    (mm * 1440.0 / 25.4).round() as i32
}

/// Font sizes are in half-points.
pub(crate) fn half_points(pt: f32) -> usize {
    (pt * 2.0).round() as usize
}

/// Text width between the margins, in twips.
pub(crate) fn text_width() -> i32 {
    mm_to_twips(style::PAGE_WIDTH_MM)
        - mm_to_twips(style::MARGIN_LEFT_MM)
        - mm_to_twips(style::MARGIN_RIGHT_MM)
}

/// Text as Word may hold it: no line breaks or control characters inside a paragraph (a
/// break in a justified paragraph stretches the line), and NFC like every other backend.
pub(crate) fn clean(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    text.nfc()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// A run of `text` at `size` points.
pub(crate) fn run(text: &str, size: f32) -> DocxRun {
    DocxRun::new().add_text(clean(text)).size(half_points(size))
}

/// A paragraph with no spacing around it (header, closing and title lines).
pub(crate) fn tight(align: AlignmentType) -> Paragraph {
    Paragraph::new().align(align).line_spacing(
        LineSpacing::new()
            .line_rule(LineSpacingType::Auto)
            .line(240)
            .before(0)
            .after(0),
    )
}

/// A solid rule `width` twips long, centred in a column `column` twips wide, drawn as the
/// bottom border of a paragraph narrowed by indents (Word users edit it like any border).
/// With `text` the rule sits under that text; without, it is a thin empty paragraph.
pub(crate) fn rule_paragraph(p: Paragraph, column: i32, width: i32) -> Paragraph {
    let side = ((column - width) / 2).max(0);
    let mut p = p.indent(Some(side), None, Some(side), None);
    p.property = p.property.set_borders(
        docx_rs::ParagraphBorders::with_empty().set(
            ParagraphBorder::new(ParagraphBorderPosition::Bottom)
                .size(6) // eighths of a point: 0.75 pt, like the PDF's rules
                .space(1)
                .color("000000"),
        ),
    );
    p
}

/// An empty paragraph only a few points high.
pub(crate) fn tiny(align: AlignmentType) -> Paragraph {
    tight(align).size(2).line_spacing(
        LineSpacing::new()
            .line_rule(LineSpacingType::Exact)
            .line(twips(3.0))
            .before(0)
            .after(0),
    )
}

/// An empty paragraph only a few points high that carries a rule.
pub(crate) fn rule_only(align: AlignmentType, column: i32, width: i32) -> Paragraph {
    rule_paragraph(tiny(align), column, width)
}

fn fonts() -> RunFonts {
    RunFonts::new()
        .ascii(FONT)
        .hi_ansi(FONT)
        .cs(FONT)
        .east_asia(FONT)
}

/// Defaults (Times New Roman 14, single spacing) and the body's paragraph styles.
fn styles(docx: Docx) -> Docx {
    let body_spacing = || {
        LineSpacing::new()
            .line_rule(LineSpacingType::Auto)
            .line(240)
            .before(0)
            .after(twips(style::PARAGRAPH_SPACING_PT) as u32)
    };
    let indent = mm_to_twips(style::FIRST_LINE_INDENT_MM);
    let body = Style::new(STYLE_BODY, StyleType::Paragraph)
        .name("Nội dung")
        .based_on("Normal")
        .next(STYLE_BODY)
        .q_format(true)
        .size(half_points(style::BODY_SIZE))
        .align(AlignmentType::Both)
        .indent(None, Some(SpecialIndentType::FirstLine(indent)), None, None)
        .line_spacing(body_spacing());
    let basis = Style::new(STYLE_BASIS, StyleType::Paragraph)
        .name("Căn cứ")
        .based_on(STYLE_BODY)
        .next(STYLE_BASIS)
        .q_format(true)
        .italic();
    let mut docx = docx
        .default_fonts(fonts())
        .default_size(half_points(style::BODY_SIZE))
        .default_line_spacing(
            LineSpacing::new()
                .line_rule(LineSpacingType::Auto)
                .line(240)
                .after(0),
        )
        .default_tab_stop(mm_to_twips(style::FIRST_LINE_INDENT_MM) as usize)
        .add_style(body)
        .add_style(basis);
    for (i, id) in STYLE_HEADINGS.iter().enumerate() {
        let s = Style::new(*id, StyleType::Paragraph)
            .name(format!("heading {}", i + 1))
            .based_on(STYLE_BODY)
            .next(STYLE_BODY)
            .q_format(true)
            .outline_lvl(i);
        docx = docx.add_style(if i < 2 { s.bold() } else { s.italic() });
    }
    docx
}

/// A4 portrait, Nghị định 30 margins, the page number centred in the top margin from
/// page 2 on (page 1 has its own, empty header).
fn page_setup(docx: Docx) -> Docx {
    let number_line = style::PAGE_NUMBER_SIZE * style::LINE_HEIGHT_FACTOR;
    let header_distance = (mm_to_twips(style::MARGIN_TOP_MM) - twips(number_line)) / 2;
    let page_number = tight(AlignmentType::Center).add_run(
        DocxRun::new()
            .size(half_points(style::PAGE_NUMBER_SIZE))
            .add_field_char(docx_rs::FieldCharType::Begin, false)
            .add_instr_text(docx_rs::InstrText::PAGE(docx_rs::InstrPAGE::new()))
            .add_field_char(docx_rs::FieldCharType::Separate, false)
            .add_text("2")
            .add_field_char(docx_rs::FieldCharType::End, false),
    );
    docx.page_size(
        mm_to_twips(style::PAGE_WIDTH_MM) as u32,
        mm_to_twips(style::PAGE_HEIGHT_MM) as u32,
    )
    .page_margin(PageMargin {
        top: mm_to_twips(style::MARGIN_TOP_MM),
        left: mm_to_twips(style::MARGIN_LEFT_MM),
        bottom: mm_to_twips(style::MARGIN_BOTTOM_MM),
        right: mm_to_twips(style::MARGIN_RIGHT_MM),
        header: header_distance,
        footer: header_distance,
        gutter: 0,
    })
    .header(DocxHeader::new().add_paragraph(page_number))
    .first_header(DocxHeader::new().add_paragraph(tight(AlignmentType::Center)))
    .title_pg()
}

/// Type name, subject and its short rule, then "Kính gửi" (reports and proposals).
fn title_block(doc: &Document) -> Vec<Paragraph> {
    let mut out = Vec::new();
    let type_name = doc.type_name.trim().to_uppercase();
    if !type_name.is_empty() {
        out.push(
            tight(AlignmentType::Center)
                .keep_next(true)
                .add_run(run(&type_name, style::TYPE_NAME_SIZE).bold()),
        );
    }
    let subject = doc.subject.trim();
    if !subject.is_empty() {
        out.push(
            tight(AlignmentType::Center)
                .keep_next(true)
                .add_run(run(subject, style::SUBJECT_SIZE).bold()),
        );
        // 1/3 of the subject's longest line (at most the text width), as the PDF draws it.
        let width = text_width();
        let subject_w = twips(crate::layout::fonts::text_width(
            crate::layout::FontFace::Bold,
            subject,
            style::SUBJECT_SIZE,
        ))
        .min(width);
        let rule = (subject_w / 3).max(twips(40.0));
        out.push(rule_only(AlignmentType::Center, width, rule).keep_next(true));
    }
    // Room under the header above the title, and under the title block before what follows
    // (the PDF's gaps); "Kính gửi" keeps its own 6 pt after.
    let title_lines = out.len();
    if let Some(first) = out.first_mut() {
        set_spacing(first, Some(twips(20.0)), None);
    }
    if let Some(last) = out.last_mut() {
        set_spacing(last, None, Some(twips(12.0)));
    }
    out.extend(parts::kinh_gui(&doc.kinh_gui));
    // The whole block stays on the page of the first body paragraph.
    for (i, p) in out.iter_mut().enumerate() {
        if i >= title_lines {
            p.property.keep_next = Some(true);
        }
    }
    out
}

/// Changes the space before and/or after a paragraph, keeping its line spacing.
pub(crate) fn set_spacing(p: &mut Paragraph, before: Option<i32>, after: Option<i32>) {
    let mut ls = p.property.line_spacing.take().unwrap_or_default();
    if let Some(b) = before {
        ls = ls.before(b as u32);
    }
    if let Some(a) = after {
        ls = ls.after(a as u32);
    }
    p.property.line_spacing = Some(ls);
}

/// One paragraph per block: bases, headings (kept with the next paragraph), body text; a
/// table per table block.
fn body_parts(blocks: &[Block]) -> Vec<Part> {
    let mut out = Vec::new();
    for block in blocks {
        if let Block::Table(t) = block {
            out.extend(table::table(t).map(|t| Part::Table(Box::new(t))));
            continue;
        }
        let mut paras = Vec::new();
        paragraph_of(block, &mut paras);
        out.extend(paras.into_iter().map(|p| Part::Para(Box::new(p))));
    }
    out
}

fn paragraph_of(block: &Block, out: &mut Vec<Paragraph>) {
    {
        match block {
            Block::Basis(text) if !text.trim().is_empty() => {
                out.push(
                    Paragraph::new()
                        .style(STYLE_BASIS)
                        .add_run(DocxRun::new().add_text(clean(text))),
                );
            }
            Block::Heading { level, text } if !text.trim().is_empty() => {
                let text = if *level <= 1 {
                    text.to_uppercase()
                } else {
                    text.clone()
                };
                let id = STYLE_HEADINGS[(*level as usize).clamp(1, 3) - 1];
                out.push(
                    Paragraph::new()
                        .style(id)
                        .keep_next(true)
                        .add_run(DocxRun::new().add_text(clean(&text))),
                );
            }
            Block::Paragraph(runs) if runs.iter().any(|r| !r.text.trim().is_empty()) => {
                let mut p = Paragraph::new().style(STYLE_BODY);
                for r in runs.iter().filter(|r| !r.text.is_empty()) {
                    p = p.add_run(styled(r));
                }
                out.push(p);
            }
            _ => {}
        }
    }
}

fn styled(r: &Run) -> DocxRun {
    let mut run = DocxRun::new().add_text(clean(&r.text));
    if r.bold {
        run = run.bold();
    }
    if r.italic {
        run = run.italic();
    }
    run
}

#[cfg(test)]
mod tests;
