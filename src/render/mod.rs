//! Backends. `pdf` (and later `svg`) draw the pages that `layout` placed, so the preview is
//! exactly what prints; `txt` (and later `docx`) take the document tree directly.

pub mod pdf;
pub mod txt;
