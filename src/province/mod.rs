//! The province's side (issue 14): the Sở Y tế receives every commune's dossier (the ZIP
//! `dossier` builds, possibly split into parts) and consolidates them. Each dossier is
//! checked with `dossier::verify`, its manifest and score table are read from inside the
//! ZIP without extracting it, and only a small summary is kept (in the database, schema
//! V8), so a thousand dossiers never sit in memory together.
//!
//! Modules, one job each: `scan` (which files a folder holds), `group` (the parts of one
//! dossier, by identical manifest), `inspect` (verify one dossier and read its summary),
//! `import` (every dossier over a bounded pool of workers, then duplicates), `table` (the
//! consolidated table and the trends, from the stored summaries), `report` (the BÁO CÁO as
//! a document tree).

mod group;
mod import;
mod inspect;
pub mod report;
mod scan;
mod table;

use serde::{Deserialize, Serialize};

use crate::dossier::{FileState, Kind, PartFormat};

pub use import::{import, settle_stored, Progress, Stored};
pub use report::{report_document, Issuer};
pub use table::{
    consolidate, trends, verdict_label, Consolidated, CriterionHead, Row, Trend, TrendPoint, KINDS,
};

/// What became of one received dossier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(test, derive(ts_rs::TS))]
#[cfg_attr(test, ts(rename = "ProvinceDossierState"))]
pub enum DossierState {
    /// Every file as the manifest says; its summary is stored.
    Intact,
    /// The same dossier was imported before: nothing changed.
    AlreadyImported,
    /// A file differs from its hash or size, or a file was added.
    Tampered,
    /// A part (ZIP) or a listed file is missing.
    Incomplete,
    /// The same commune and year as a newer dossier: that one is kept.
    Duplicate,
    /// Not the year being consolidated.
    WrongYear,
    /// Not a ZIP, no manifest, or a score table that cannot be read.
    Unreadable,
}

impl DossierState {
    /// As the province's officer reads it.
    pub fn label(self) -> &'static str {
        match self {
            DossierState::Intact => "nguyên vẹn",
            DossierState::AlreadyImported => "đã nhập trước đây",
            DossierState::Tampered => "bị thay đổi",
            DossierState::Incomplete => "thiếu phần hoặc thiếu tệp",
            DossierState::Duplicate => "trùng (đã giữ hồ sơ mới hơn)",
            DossierState::WrongYear => "sai năm",
            DossierState::Unreadable => "không đọc được",
        }
    }

    /// Whether the dossier's figures count in the consolidation.
    pub fn accepted(self) -> bool {
        matches!(self, DossierState::Intact | DossierState::AlreadyImported)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            DossierState::Intact => "intact",
            DossierState::AlreadyImported => "already-imported",
            DossierState::Tampered => "tampered",
            DossierState::Incomplete => "incomplete",
            DossierState::Duplicate => "duplicate",
            DossierState::WrongYear => "wrong-year",
            DossierState::Unreadable => "unreadable",
        }
    }
}

/// One received dossier (one ZIP, or the parts of a split one) as imported.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ImportedDossier {
    /// The ZIPs' file names (not their folders: the report is sent on).
    pub files: Vec<String>,
    pub commune: Option<String>,
    pub province: Option<String>,
    pub year: Option<i32>,
    pub state: DossierState,
    /// `state.label()`, for front doors that print it.
    pub state_label: String,
    /// One Vietnamese line: what is wrong and what to do, or what was kept.
    pub message: String,
    /// Each problem `dossier::verify` found, one line each.
    pub problems: Vec<String>,
    /// The summary kept, for an accepted dossier.
    pub result: Option<CommuneResult>,
}

/// What the consolidation keeps of one commune's dossier of one year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct CommuneResult {
    /// "xã Minh Hòa".
    pub commune: String,
    pub province: String,
    pub year: i32,
    /// The manifest's `created` (RFC 3339): the newer of two dossiers wins.
    pub created: String,
    /// SHA-256 of manifest.json: the same dossier imported twice is the same row.
    pub manifest_sha256: String,
    pub files: usize,
    pub parts: u32,
    pub criteria: Vec<CriterionPoints>,
    /// The score table's total ("TỔNG CỘNG").
    pub total: Option<f64>,
    pub verdict: Option<String>,
    pub recognised: Option<bool>,
    /// Each document of the dossier with its state (bản ký, dự thảo, số liệu).
    pub documents: Vec<DocumentState>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct CriterionPoints {
    pub code: String,
    pub name: String,
    pub max_points: Option<f64>,
    pub points: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[cfg_attr(test, ts(rename = "ProvinceDocumentState"))]
pub struct DocumentState {
    pub kind: Kind,
    pub format: PartFormat,
    pub state: FileState,
    /// Digital signatures the manifest records for the file.
    pub signers: usize,
}

/// The result of one import.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[cfg_attr(test, ts(rename = "ProvinceImportReport"))]
pub struct ImportReport {
    pub year: i32,
    pub dossiers: Vec<ImportedDossier>,
    /// Files left aside: those in the folders that are not ZIPs, and ZIPs that are
    /// byte-identical copies of another one (the same attachment saved twice).
    pub skipped: Vec<String>,
}

impl ImportReport {
    /// Every dossier accepted: intact or imported before.
    pub fn all_accepted(&self) -> bool {
        self.dossiers.iter().all(|d| d.state.accepted())
    }

    /// "Đã nhập 12 hồ sơ năm 2026: 10 nguyên vẹn, 1 bị thay đổi, 1 sai năm."
    pub fn summary(&self) -> String {
        let mut counts: Vec<(DossierState, usize)> = Vec::new();
        for d in &self.dossiers {
            match counts.iter_mut().find(|(s, _)| *s == d.state) {
                Some((_, n)) => *n += 1,
                None => counts.push((d.state, 1)),
            }
        }
        counts.sort_by_key(|(s, _)| *s as u8);
        let parts: Vec<String> = counts
            .iter()
            .map(|(s, n)| format!("{n} {}", s.label()))
            .collect();
        if parts.is_empty() {
            return format!(
                "Không tìm thấy hồ sơ (.zip) nào để nhập cho năm {}.",
                self.year
            );
        }
        format!(
            "Đã xem {} hồ sơ năm {}: {}.",
            self.dossiers.len(),
            self.year,
            parts.join(", ")
        )
    }
}

/// The key two dossiers of one commune share: the names folded, so "Xã Minh Hòa" typed by
/// hand in another Tre matches "xã Minh Hòa".
pub fn commune_key(province: &str, commune: &str) -> String {
    format!(
        "{}|{}",
        crate::text::fold(province),
        crate::text::fold(commune)
    )
}
