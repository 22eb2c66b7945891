//! The dossier sent upward (docs/domain.md, "Dossier for recognition"): one ZIP with the year's
//! documents as PDF and DOCX, the score table as XLSX, and `manifest.json` with each file's
//! SHA-256 so the receiving office (or `tre dossier verify`) can tell a changed, missing or
//! added file; and beside it an e-mail draft (.eml) with the ZIP attached.
//!
//! Modules, one job each: `names` (ASCII file names), `parts` (who produces which file),
//! `manifest` (the JSON and the creation date), `build` (render, pack deterministically,
//! write atomically), `verify` (check a received ZIP without extracting it), `eml` (the draft).

pub mod build;
pub mod eml;
pub mod manifest;
pub mod names;
pub mod parts;
pub mod verify;

use serde::{Deserialize, Serialize};

pub use build::{build, build_to, Built, DossierResult, Progress};
pub use manifest::{FileEntry, Manifest};
pub use parts::{plan_file_name, Part};
pub use verify::{verify, Problem, ProblemKind, VerifyReport};

/// The manifest's name inside the ZIP.
pub const MANIFEST: &str = "manifest.json";

/// What a file of the dossier is (manifest.json's `kind`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(test, derive(ts_rs::TS))]
#[cfg_attr(test, ts(rename = "DossierFileKind"))]
pub enum Kind {
    /// KẾ HOẠCH.
    Plan,
    /// BÁO CÁO (the yearly report with the self-assessment).
    Report,
    /// TỜ TRÌNH đề nghị công nhận.
    Proposal,
    /// BIÊN BẢN of the assessment meeting.
    Minutes,
    /// THÔNG BÁO of the result.
    Notice,
    /// The score table (bảng chấm điểm).
    Assessment,
}

impl Kind {
    /// How the e-mail's body names the file: "Kế hoạch".
    pub fn label(self) -> &'static str {
        match self {
            Kind::Plan => "Kế hoạch",
            Kind::Report => "Báo cáo",
            Kind::Proposal => "Tờ trình đề nghị công nhận",
            Kind::Minutes => "Biên bản họp đánh giá",
            Kind::Notice => "Thông báo kết quả",
            Kind::Assessment => "Bảng điểm tự đánh giá",
        }
    }
}

/// A file's format (manifest.json's `format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(test, derive(ts_rs::TS))]
#[cfg_attr(test, ts(rename = "DossierFileFormat"))]
pub enum PartFormat {
    Pdf,
    Docx,
    Xlsx,
}

impl PartFormat {
    pub fn ext(self) -> &'static str {
        match self {
            PartFormat::Pdf => "pdf",
            PartFormat::Docx => "docx",
            PartFormat::Xlsx => "xlsx",
        }
    }

    /// "PDF", "Word", "Excel": as the officer calls them.
    pub fn label(self) -> &'static str {
        match self {
            PartFormat::Pdf => "PDF",
            PartFormat::Docx => "Word",
            PartFormat::Xlsx => "Excel",
        }
    }
}
