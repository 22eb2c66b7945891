//! Backends. `pdf` and `svg` (the app's preview) draw the pages that `layout` placed, so the
//! preview is exactly what prints; `txt` and `docx` (Word, for further editing) take the
//! document tree directly.

pub mod docx;
mod face_subset;
pub mod pdf;
mod sfnt;
pub mod svg;
pub mod txt;
