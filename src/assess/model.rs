//! The self-assessment of one commune for one year, as stored (JSON in the `assessments` table)
//! and as `assess show --json` prints it. Points are not stored: they are computed from the
//! figures and the catalogue each time (see `score`), so a corrected catalogue re-scores at once.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Assessment {
    pub year: i32,
    /// Figures per sub-item code ("7.1").
    #[serde(default)]
    pub entries: BTreeMap<String, Entry>,
    /// Points entered directly for a whole criterion ("each criterion can be scored from its
    /// sub-items' data or entered directly", docs/domain.md), by criterion code.
    #[serde(default)]
    pub criterion_points: BTreeMap<String, ManualPoints>,
    /// The assessment meeting, for the minutes (BIÊN BẢN).
    #[serde(default)]
    pub meeting: Meeting,
    /// Number and date of each document issued from this assessment, by kind
    /// ("report", "proposal", "minutes", "notice", "report-6m").
    #[serde(default)]
    pub documents: BTreeMap<String, IssuedDoc>,
    /// Dates of the assessment steps (units send figures, meeting, notice, dossier).
    #[serde(default)]
    pub schedule: Schedule,
}

/// What a unit or the officer entered for one sub-item.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[cfg_attr(test, ts(rename = "AssessmentEntry"))]
pub struct Entry {
    /// The raw figures; `None` while only points or evidence were entered.
    #[serde(default)]
    pub value: Option<Figure>,
    /// Points entered by hand, required where the catalogue does not know the points.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub manual: Option<ManualPoints>,
    /// Evidence or source: "Sổ tiêm chủng Trạm Y tế, tháng 10/2026".
    #[serde(default)]
    pub evidence: String,
    /// The unit responsible, when it differs from the catalogue's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// Who entered it: "Cán bộ Văn hóa - Xã hội" or "Trạm Y tế xã (bảng số liệu)".
    #[serde(default)]
    pub by: String,
    /// RFC 3339 with offset.
    #[serde(default)]
    pub at: String,
}

/// Raw figures. Serialised untagged so the JSON reads naturally: `true`, `3`,
/// `{"numerator": 412, "denominator": 415}`, `"Hằng quý"`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub enum Figure {
    YesNo(bool),
    Count(u64),
    Rate { numerator: u64, denominator: u64 },
    Choice(String),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ManualPoints {
    pub points: f64,
    /// Why these points: the province's guidance, the meeting's decision…
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Meeting {
    /// ISO date.
    #[serde(default)]
    pub date: Option<String>,
    /// "08 giờ 00".
    #[serde(default)]
    pub start: String,
    #[serde(default)]
    pub end: String,
    #[serde(default)]
    pub place: String,
    #[serde(default)]
    pub chair: String,
    #[serde(default)]
    pub secretary: String,
    /// One line per attendee or group: "Ông Nguyễn Văn Thành - Chủ tịch UBND xã".
    #[serde(default)]
    pub attendees: Vec<String>,
    /// Votes for recognition, of those present.
    #[serde(default)]
    pub votes_for: Option<u32>,
    #[serde(default)]
    pub votes_total: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct IssuedDoc {
    /// "12", `None` while blank.
    #[serde(default)]
    pub number: Option<String>,
    /// ISO date, `None` while blank.
    #[serde(default)]
    pub date: Option<String>,
}

/// The dates of the year's assessment steps (docs/domain.md: units by ~10/11, dossier by 15/11).
/// Empty fields take those defaults in the plan's year; the officer can move them.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Schedule {
    #[serde(default)]
    pub units_due: Option<String>,
    #[serde(default)]
    pub meeting_due: Option<String>,
    #[serde(default)]
    pub notice_due: Option<String>,
    #[serde(default)]
    pub dossier_due: Option<String>,
    /// How many days the public notice stays posted (THÔNG BÁO công khai); `None` = the
    /// default of `view::DEFAULT_NOTICE_DAYS`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notice_days: Option<u32>,
}

impl Assessment {
    pub fn new(year: i32) -> Self {
        Assessment {
            year,
            ..Default::default()
        }
    }
}
