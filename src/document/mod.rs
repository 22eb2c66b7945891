//! The format-neutral document tree: the parts of a Nghị định 30 "văn bản có tên loại".
//! Every backend (PDF and SVG through `layout`, DOCX, TXT) starts from this tree, so the
//! documents can never disagree about what they say.

pub mod assessment;
mod build;
pub mod style;
mod tree;

pub use build::{date_line, number_line, place_date_line, plan_document, recipient_lines};
pub use tree::{
    kinh_gui_items, kinh_gui_lines, Annex, Block, CellAlign, Column, Document, Header, Meta, Run,
    Signature, Table, TableRow,
};
