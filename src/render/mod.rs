//! Backends. `pdf` and `svg` (the app's preview) draw the pages that `layout` placed, so the
//! preview is exactly what prints; `txt` (and later `docx`) take the document tree directly.

pub mod pdf;
pub mod svg;
pub mod txt;
