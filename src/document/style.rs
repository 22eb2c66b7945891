//! The numbers of Nghị định 30/2020/NĐ-CP, Phụ lục I, in one place (docs/documents.md).
//! Layout (PDF, SVG preview) and DOCX both read them, so every backend follows the same rules.

/// A4 portrait, in millimetres.
pub const PAGE_WIDTH_MM: f32 = 210.0;
pub const PAGE_HEIGHT_MM: f32 = 297.0;
pub const MARGIN_TOP_MM: f32 = 20.0;
pub const MARGIN_BOTTOM_MM: f32 = 20.0;
pub const MARGIN_LEFT_MM: f32 = 30.0;
pub const MARGIN_RIGHT_MM: f32 = 15.0;

/// Font sizes in points.
pub const HEADER_SIZE: f32 = 13.0;
pub const NATIONAL_TITLE_SIZE: f32 = 12.0;
pub const MOTTO_SIZE: f32 = 13.0;
pub const NUMBER_SIZE: f32 = 13.0;
pub const PLACE_DATE_SIZE: f32 = 14.0;
pub const TYPE_NAME_SIZE: f32 = 14.0;
pub const SUBJECT_SIZE: f32 = 14.0;
pub const BODY_SIZE: f32 = 14.0;
pub const SIGNATURE_SIZE: f32 = 14.0;
pub const RECIPIENTS_TITLE_SIZE: f32 = 12.0;
pub const RECIPIENTS_SIZE: f32 = 11.0;
pub const PAGE_NUMBER_SIZE: f32 = 13.0;
/// Cells of a table (an annex's score table): smaller than the body so six columns fit.
pub const TABLE_SIZE: f32 = 12.0;
/// The heading of an annex: "Phụ lục", its title and "(Kèm theo …)".
pub const ANNEX_SIZE: f32 = 14.0;

/// First-line indent of body paragraphs and bases.
pub const FIRST_LINE_INDENT_MM: f32 = 12.7;
/// Space after each body paragraph (≥ 6 pt).
pub const PARAGRAPH_SPACING_PT: f32 = 6.0;
/// Line height as Word computes "single" for Times New Roman.
pub const LINE_HEIGHT_FACTOR: f32 = 1.15;
/// Blank lines left for the signature and the seal.
pub const SIGNATURE_GAP_LINES: f32 = 4.0;
/// Share of the text width given to the right header column (docs/documents.md, page): the
/// wider one, so the date line does not wrap.
pub const HEADER_RIGHT_SHARE: f32 = 0.56;
/// Room inside a table cell, left/right and top/bottom, in points.
pub const CELL_PAD_X_PT: f32 = 3.0;
pub const CELL_PAD_Y_PT: f32 = 2.0;
/// Stroke of a table's grid, in points.
pub const TABLE_RULE_PT: f32 = 0.5;
