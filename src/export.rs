//! Writing a plan or an assessment document to a file in one of the export formats. The CLI
//! and the app both call this, so `tre export` and "Xuất PDF" produce the same bytes.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::assess::view::document_overview;
use crate::document::assessment::{assessment_document, AssessmentKind};
use crate::document::{plan_document, Document};
use crate::error::{Error, Result};
use crate::fsutil::write_atomic;
use crate::render;
use crate::store::Store;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub enum ExportFormat {
    Pdf,
    Docx,
    Svg,
    Txt,
    Json,
    /// Only the score table (`AssessmentKind::Assessment`) has a workbook.
    Xlsx,
}

impl ExportFormat {
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Pdf => "pdf",
            ExportFormat::Docx => "docx",
            ExportFormat::Svg => "svg",
            ExportFormat::Txt => "txt",
            ExportFormat::Json => "json",
            ExportFormat::Xlsx => "xlsx",
        }
    }
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
        ExportFormat::Xlsx => {
            return Err(Error::Invalid(
                "Chỉ bảng điểm tự đánh giá xuất được ra Excel (XLSX); văn bản này hãy xuất ra PDF hoặc Word.".into(),
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

/// The document `kind` of the `year`'s self-assessment as the bytes of `format` (PDF, DOCX,
/// TXT; XLSX for the score table), for a file or for the dossier. Figures, dates and numbers
/// are read from the store each time, so the documents always say what the assessment says.
pub fn render_assessment_doc(
    store: &Store,
    kind: AssessmentKind,
    year: i32,
    format: ExportFormat,
) -> Result<Vec<u8>> {
    let commune = store.commune()?.ok_or(Error::NoCommune)?;
    let ov = document_overview(store, year, chrono::Local::now().date_naive())?;
    match (kind, format) {
        // The score table's workbook: formulas, merged headers, print setup (`crate::xlsx`).
        (AssessmentKind::Assessment, ExportFormat::Xlsx) => {
            return crate::xlsx::score_table_xlsx(&ov, &commune)
        }
        (_, ExportFormat::Pdf | ExportFormat::Docx | ExportFormat::Txt) => {}
        (_, ExportFormat::Xlsx) => {
            return Err(Error::Invalid(
                "Chỉ bảng điểm (assessment) xuất được ra Excel (XLSX); văn bản này hãy xuất ra PDF hoặc Word (docx).".into(),
            ))
        }
        (_, ExportFormat::Svg | ExportFormat::Json) => {
            return Err(Error::Invalid(
                "Văn bản tự đánh giá xuất ra PDF, Word (docx) hoặc TXT.".into(),
            ))
        }
    }
    let plans = year_plans(store, year)?;
    let doc = assessment_document(kind, &ov, &commune, &plans)?;
    match format {
        ExportFormat::Docx => render::docx::write_docx(&doc),
        ExportFormat::Txt => Ok(render::txt::to_text(&doc).into_bytes()),
        _ => render::pdf::write_pdf(&doc),
    }
}

/// Writes the document `kind` of the `year`'s assessment to `out` (atomically).
pub fn export_assessment_doc(
    store: &Store,
    kind: AssessmentKind,
    year: i32,
    format: ExportFormat,
    out: &Path,
) -> Result<PathBuf> {
    let bytes = render_assessment_doc(store, kind, year, format)?;
    write_atomic(out, &bytes)?;
    Ok(out.to_path_buf())
}

/// The plans of `year`, in the store's order, for the documents that name them.
pub(crate) fn year_plans(store: &Store, year: i32) -> Result<Vec<crate::model::Plan>> {
    store
        .plans(Some(year))?
        .iter()
        .map(|s| store.plan(s.id).map(|p| p.plan))
        .collect()
}
