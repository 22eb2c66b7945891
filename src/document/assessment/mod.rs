//! The documents of the year's self-assessment, built from the assessment itself (the
//! `Overview`: figures, points, verdict, meeting, numbers and dates of the documents), the
//! commune profile and the year's plans, so that no figure is ever typed twice:
//!
//! - `report`: BÁO CÁO kết quả thực hiện (yearly, and the 6-month one), sent upward;
//! - `proposal`: TỜ TRÌNH đề nghị công nhận, only when the verdict supports it;
//! - `minutes`: BIÊN BẢN of the assessment meeting, signed by the secretary and the chair;
//! - `notice`: THÔNG BÁO công khai kết quả tự đánh giá;
//! - `annex`: the score table as an annex (Phụ lục) of the report;
//! - `past_years`: the yearly report's table of every stored year's points;
//! - `common`: the header, signer, recipients and sentences they share;
//! - `wording`: dates, numbers, capitals and the blocks the documents are made of.

mod annex;
mod common;
mod minutes;
mod notice;
mod past_years;
mod proposal;
mod report;
mod wording;

use serde::{Deserialize, Serialize};

use crate::assess::view::Overview;
use crate::document::Document;
use crate::error::{Error, Result};
use crate::model::{Commune, Plan};

/// A document of the self-assessment. The key ("report", "report-6m", …) is the one of
/// `Assessment::documents` and of the CLI.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub enum AssessmentKind {
    /// The score table, as an annex of the yearly report.
    Assessment,
    Report,
    #[serde(rename = "report-6m")]
    Report6m,
    Proposal,
    Minutes,
    Notice,
}

impl AssessmentKind {
    pub const ALL: [AssessmentKind; 6] = [
        AssessmentKind::Assessment,
        AssessmentKind::Report,
        AssessmentKind::Report6m,
        AssessmentKind::Proposal,
        AssessmentKind::Minutes,
        AssessmentKind::Notice,
    ];

    pub fn key(self) -> &'static str {
        match self {
            AssessmentKind::Assessment => "assessment",
            AssessmentKind::Report => "report",
            AssessmentKind::Report6m => "report-6m",
            AssessmentKind::Proposal => "proposal",
            AssessmentKind::Minutes => "minutes",
            AssessmentKind::Notice => "notice",
        }
    }

    pub fn from_key(key: &str) -> Result<Self> {
        Self::ALL
            .into_iter()
            .find(|k| k.key() == key.trim())
            .ok_or_else(|| {
                Error::Invalid(format!(
                    "Không có loại văn bản “{key}”. Các loại: report (báo cáo năm), report-6m (báo cáo 6 tháng), proposal (tờ trình), minutes (biên bản), notice (thông báo), assessment (bảng điểm)."
                ))
            })
    }

    /// The type name of Nghị định 30 ("BÁO CÁO"); the annex has none of its own.
    pub fn type_name(self) -> &'static str {
        match self {
            AssessmentKind::Assessment => "PHỤ LỤC",
            AssessmentKind::Report | AssessmentKind::Report6m => "BÁO CÁO",
            AssessmentKind::Proposal => "TỜ TRÌNH",
            AssessmentKind::Minutes => "BIÊN BẢN",
            AssessmentKind::Notice => "THÔNG BÁO",
        }
    }

    /// The symbol after the number: "BC-UBND" (docs/documents.md, kinds and their symbols).
    pub fn symbol(self) -> &'static str {
        match self {
            AssessmentKind::Assessment | AssessmentKind::Report | AssessmentKind::Report6m => {
                "BC-UBND"
            }
            AssessmentKind::Proposal => "TTr-UBND",
            AssessmentKind::Minutes => "BB-UBND",
            AssessmentKind::Notice => "TB-UBND",
        }
    }
}

/// Builds the document `kind` of the assessment `ov` for `commune`, naming `plans` (the
/// year's plans) where the text refers to them. Fails only for a proposal whose verdict does
/// not support recognition.
pub fn assessment_document(
    kind: AssessmentKind,
    ov: &Overview,
    commune: &Commune,
    plans: &[Plan],
) -> Result<Document> {
    let ctx = common::Ctx::new(ov, commune, plans);
    match kind {
        AssessmentKind::Assessment => Ok(annex::annex(&ctx)),
        AssessmentKind::Report => Ok(report::report(&ctx, false)),
        AssessmentKind::Report6m => Ok(report::report(&ctx, true)),
        AssessmentKind::Proposal => proposal::proposal(&ctx),
        AssessmentKind::Minutes => Ok(minutes::minutes(&ctx)),
        AssessmentKind::Notice => Ok(notice::notice(&ctx)),
    }
}

#[cfg(test)]
mod tests;
