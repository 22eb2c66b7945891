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
pub mod split;
pub mod verify;

use serde::{Deserialize, Serialize};

pub use build::{build, build_to, Built, DossierPart, DossierResult, Progress};
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

/// Where a file of the dossier stands (manifest.json's `state`): the receiving office must
/// tell the signed document from a draft at a glance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(test, derive(ts_rs::TS))]
#[cfg_attr(test, ts(rename = "DossierFileState"))]
pub enum FileState {
    /// The signed copy attached in the register, byte for byte (scan or e-signed PDF).
    SignedCopy,
    /// Rendered by Tre from the data: a draft (dự thảo), unsigned.
    Draft,
    /// The score table (annex PDF, XLSX): figures from the data, signed as part of the report.
    Data,
}

impl FileState {
    /// "bản ký", "dự thảo", "số liệu": as the e-mail and the app say it.
    pub fn label(self) -> &'static str {
        match self {
            FileState::SignedCopy => "bản ký",
            FileState::Draft => "dự thảo",
            FileState::Data => "số liệu",
        }
    }
}

/// What the officer chose for this dossier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[cfg_attr(test, ts(rename = "DossierOptions"))]
pub struct Options {
    /// Send Tre's drafts for the documents that have no signed copy yet, rather than stop
    /// (the manifest and the e-mail then say "dự thảo").
    pub drafts: bool,
    /// Put each document's Word draft beside it, for an office that wants to edit it.
    pub docx: bool,
    /// The largest e-mail, in bytes, the dossier is split to fit (most mail servers refuse
    /// a message over 20–25 MB once its attachment is encoded).
    #[cfg_attr(test, ts(type = "number"))]
    pub max_email_bytes: u64,
}

/// 20 MB: under Gmail's 25 MB and the 20 MB many government mail servers set.
pub const DEFAULT_MAX_EMAIL_BYTES: u64 = 20 * 1000 * 1000;
/// Below this no dossier could be split sensibly (a signed plan alone is about 1 MB).
pub const MIN_MAX_EMAIL_BYTES: u64 = 1000 * 1000;

impl Default for Options {
    fn default() -> Self {
        Options {
            drafts: false,
            docx: false,
            max_email_bytes: DEFAULT_MAX_EMAIL_BYTES,
        }
    }
}
