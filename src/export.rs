//! Writing a plan to a file in one of the export formats. The CLI and the app both call
//! this, so `tre export` and "Xuất PDF" produce the same bytes.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::document::{plan_document, Document};
use crate::error::{Error, Result};
use crate::fsutil::write_atomic;
use crate::render;
use crate::store::Store;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ExportFormat {
    Pdf,
    Docx,
    Svg,
    Txt,
    Json,
}

/// Writes plan `id` to `out` and returns the files written (SVG writes one file per page:
/// `ke-hoach.svg` → `ke-hoach-1.svg`, `ke-hoach-2.svg`, …).
pub fn export_plan(
    store: &Store,
    id: i64,
    format: ExportFormat,
    out: &Path,
) -> Result<Vec<PathBuf>> {
    let stored = store.plan(id)?;
    if format == ExportFormat::Json {
        let mut s = serde_json::to_string_pretty(&stored.plan)
            .map_err(|e| Error::Invalid(e.to_string()))?;
        s.push('\n');
        write_atomic(out, s.as_bytes())?;
        return Ok(vec![out.to_path_buf()]);
    }
    let commune = store.commune()?.ok_or(Error::NoCommune)?;
    let doc = plan_document(&stored.plan, &commune);
    write_document(&doc, format, out)
}

/// Renders a document tree in `format` and writes it.
pub fn write_document(doc: &Document, format: ExportFormat, out: &Path) -> Result<Vec<PathBuf>> {
    let bytes = match format {
        ExportFormat::Pdf => render::pdf::write_pdf(doc)?,
        ExportFormat::Docx => render::docx::write_docx(doc)?,
        ExportFormat::Txt => render::txt::to_text(doc).into_bytes(),
        ExportFormat::Json => {
            return Err(Error::Invalid(
                "Văn bản này không xuất được ra JSON; hãy chọn PDF, Word hoặc TXT.".into(),
            ))
        }
        ExportFormat::Svg => {
            let stem = out.with_extension("");
            let mut written = Vec::new();
            for (i, svg) in render::svg::svg_pages(doc).iter().enumerate() {
                let path = PathBuf::from(format!("{}-{}.svg", stem.display(), i + 1));
                write_atomic(&path, svg.as_bytes())?;
                written.push(path);
            }
            return Ok(written);
        }
    };
    write_atomic(out, &bytes)?;
    Ok(vec![out.to_path_buf()])
}
