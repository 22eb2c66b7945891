//! The document register (sổ văn bản đi): every document Tre makes for a year, with the
//! state it has reached — Dự thảo (a draft, no number yet), Đã ký (the văn thư gave it a
//! number and a date), Đã gửi (sent: when, to whom, how).
//!
//! The number and the date stay where they already are (the plan, the assessment's issued
//! documents): the register derives the state from them and keeps only what is new, the
//! sendings (`store::register`). A document is named by a key the officer can type:
//! `plan:3`, `assessment:2026:report`.

mod copy;
mod photos;
pub mod signature;
pub mod text_layer;

pub use copy::{check_pdf, looks_like_pdf, read_bounded, sha256_hex, SignedCopy, MAX_COPY_BYTES};
pub use photos::photos_to_pdf;

use serde::{Deserialize, Serialize};

use crate::document::assessment::AssessmentKind;
use crate::error::{Error, Result};
use crate::model::DocDate;
use crate::text::nfc;

/// Which document an entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocKey {
    Plan(i64),
    Assessment { year: i32, kind: AssessmentKind },
}

impl DocKey {
    /// "plan:3", "assessment:2026:report".
    pub fn key(&self) -> String {
        match self {
            DocKey::Plan(id) => format!("plan:{id}"),
            DocKey::Assessment { year, kind } => format!("assessment:{year}:{}", kind.key()),
        }
    }

    pub fn parse(text: &str) -> Result<Self> {
        let bad = || {
            Error::Invalid(format!(
                "Không hiểu mã văn bản “{}”. Mã có dạng plan:3 (kế hoạch số 3) hoặc assessment:2026:report (báo cáo tự đánh giá năm 2026); xem danh sách trong sổ văn bản.",
                text.trim()
            ))
        };
        let parts: Vec<&str> = text.trim().split(':').collect();
        match parts.as_slice() {
            ["plan", id] => id.parse().map(DocKey::Plan).map_err(|_| bad()),
            ["assessment", year, kind] => {
                let year = year.parse().map_err(|_| bad())?;
                crate::model::date::check_year(year)?;
                Ok(DocKey::Assessment {
                    year,
                    kind: AssessmentKind::from_key(kind)?,
                })
            }
            _ => Err(bad()),
        }
    }
}

/// How a document went out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub enum SendMethod {
    /// By e-mail (the dossier's .eml, or Tre's outbox).
    Email,
    /// Through the province's e-office system (hệ thống quản lý văn bản).
    EOffice,
    /// By post.
    Post,
    /// Handed over in person.
    Hand,
}

impl SendMethod {
    pub const ALL: [SendMethod; 4] = [
        SendMethod::Email,
        SendMethod::EOffice,
        SendMethod::Post,
        SendMethod::Hand,
    ];

    pub fn label(self) -> &'static str {
        match self {
            SendMethod::Email => "thư điện tử",
            SendMethod::EOffice => "hệ thống quản lý văn bản",
            SendMethod::Post => "bưu điện",
            SendMethod::Hand => "gửi trực tiếp",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            SendMethod::Email => "email",
            SendMethod::EOffice => "e-office",
            SendMethod::Post => "post",
            SendMethod::Hand => "hand",
        }
    }

    pub fn from_key(key: &str) -> Result<Self> {
        Self::ALL
            .into_iter()
            .find(|m| m.key() == key.trim())
            .ok_or_else(|| {
                let known: Vec<String> = Self::ALL
                    .iter()
                    .map(|m| format!("{} ({})", m.key(), m.label()))
                    .collect();
                Error::Invalid(format!(
                    "Không có cách gửi “{}”. Các cách: {}.",
                    key.trim(),
                    known.join(", ")
                ))
            })
    }
}

/// One sending of a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Sending {
    /// ISO date it went out.
    pub on: String,
    /// "Sở Y tế tỉnh Phú Thọ".
    pub to: String,
    pub how: SendMethod,
    /// "Kèm hồ sơ đề nghị công nhận", a reference number of the e-office system…
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// What the register stores of one document: its signed copy (the bytes are kept apart, by
/// their SHA-256, so undoing an attachment needs no copy of them) and the sendings, oldest
/// first.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub copy: Option<SignedCopy>,
    #[serde(default)]
    pub sendings: Vec<Sending>,
}

/// The state a document has reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub enum DocState {
    Draft,
    Signed,
    /// Signed, and its signed copy (scan or e-office PDF) is attached.
    SignedCopy,
    Sent,
}

impl DocState {
    pub fn label(self) -> &'static str {
        match self {
            DocState::Draft => "Dự thảo",
            DocState::Signed => "Đã ký",
            DocState::SignedCopy => "Có bản ký",
            DocState::Sent => "Đã gửi",
        }
    }

    /// A document is signed once it has a number and a full date (both are written by the
    /// văn thư when it is signed); it has its signed copy once one is attached; sent once a
    /// sending is recorded.
    pub fn of(number: Option<&str>, date: Option<&str>, record: &Record) -> Self {
        let signed = number.is_some_and(|n| !n.trim().is_empty()) && date.is_some();
        if !signed {
            DocState::Draft
        } else if !record.sendings.is_empty() {
            DocState::Sent
        } else if record.copy.is_some() {
            DocState::SignedCopy
        } else {
            DocState::Signed
        }
    }
}

/// One line of the register.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[cfg_attr(test, ts(rename = "RegisterEntry"))]
pub struct Entry {
    /// "plan:3", "assessment:2026:report": what `tre register` and the app name it by.
    pub key: String,
    pub year: i32,
    /// "KẾ HOẠCH", "BÁO CÁO", "TỜ TRÌNH"…
    pub doc_type: String,
    /// The subject line.
    pub title: String,
    /// "15", `None` while a draft.
    pub number: Option<String>,
    /// "15/KH-UBND" once numbered.
    pub number_line: Option<String>,
    /// ISO date of signing, `None` while the day is blank.
    pub date: Option<String>,
    pub state: DocState,
    pub state_label: String,
    /// The signed copy, once attached.
    pub copy: Option<SignedCopy>,
    /// The digital signatures in the signed copy, checked against the trusted roots now
    /// (none for a scan or photos).
    pub signatures: Vec<signature::Signature>,
    /// The document's text was changed in Tre after its signed copy was attached: the copy is
    /// kept as it is, and what Tre prints now is no longer what was signed.
    pub edited_after_copy: bool,
    pub sendings: Vec<Sending>,
}

/// A plan's date as the register keeps it: ISO, only when the day is filled in.
pub fn iso_date(d: &DocDate) -> Option<String> {
    let day = d.day?;
    chrono::NaiveDate::from_ymd_opt(d.year, d.month, day).map(|d| d.to_string())
}

impl Sending {
    /// A sending as typed: the date "20/04/2026" (or ISO), whom to, how; checked whole.
    pub fn new(on: &str, to: &str, how: SendMethod, note: Option<&str>) -> Result<Self> {
        let on = crate::model::date::parse_date(on)?.to_string();
        let to = nfc(to);
        if to.is_empty() {
            return Err(Error::Invalid(
                "Chưa ghi nơi nhận. Hãy ghi văn bản được gửi đến đâu (ví dụ: Sở Y tế tỉnh Phú Thọ)."
                    .into(),
            ));
        }
        let note = note.map(nfc).filter(|n| !n.is_empty());
        Ok(Sending { on, to, how, note })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_read_back_and_bad_ones_say_what_a_key_looks_like() {
        for key in [
            "plan:3",
            "assessment:2026:report",
            "assessment:2026:report-6m",
        ] {
            assert_eq!(DocKey::parse(key).unwrap().key(), key);
        }
        for bad in ["plan", "plan:ba", "3", "assessment:2026", "kế hoạch:3"] {
            let e = DocKey::parse(bad).unwrap_err().to_string();
            assert!(e.contains("plan:3"), "{bad}: {e}");
        }
        assert!(DocKey::parse("assessment:2026:bienban")
            .unwrap_err()
            .to_string()
            .contains("minutes"));
    }

    #[test]
    fn the_state_follows_number_date_and_sendings() {
        let none = Record::default();
        assert_eq!(DocState::of(None, None, &none), DocState::Draft);
        assert_eq!(DocState::of(Some("15"), None, &none), DocState::Draft);
        assert_eq!(
            DocState::of(Some(" "), Some("2026-04-20"), &none),
            DocState::Draft
        );
        assert_eq!(
            DocState::of(Some("15"), Some("2026-04-20"), &none),
            DocState::Signed
        );
        let copy = Record {
            copy: Some(SignedCopy {
                name: "ban-ky.pdf".into(),
                sha256: "00".into(),
                pages: 3,
                bytes: 1,
                attached: "2026-04-21T08:00:00+07:00".into(),
            }),
            sendings: vec![],
        };
        assert_eq!(
            DocState::of(Some("15"), Some("2026-04-20"), &copy),
            DocState::SignedCopy
        );
        let sent = Record {
            copy: None,
            sendings: vec![Sending::new(
                "20/04/2026",
                "Sở Y tế tỉnh Phú Thọ",
                SendMethod::Email,
                None,
            )
            .unwrap()],
        };
        assert_eq!(
            DocState::of(Some("15"), Some("2026-04-20"), &sent),
            DocState::Sent
        );
    }

    #[test]
    fn a_sending_needs_a_whole_date_and_a_recipient() {
        let s = Sending::new("5/4/2026", " Sở Y tế ", SendMethod::Post, Some("  ")).unwrap();
        assert_eq!(
            (s.on.as_str(), s.to.as_str(), s.note),
            ("2026-04-05", "Sở Y tế", None)
        );
        assert!(Sending::new("4/2026", "Sở Y tế", SendMethod::Post, None)
            .unwrap_err()
            .to_string()
            .contains("ngày/tháng/năm"));
        assert!(Sending::new("31/02/2026", "Sở Y tế", SendMethod::Post, None).is_err());
        assert!(Sending::new("20/04/2026", " ", SendMethod::Post, None)
            .unwrap_err()
            .to_string()
            .contains("nơi nhận"));
        assert!(SendMethod::from_key("fax")
            .unwrap_err()
            .to_string()
            .contains("email (thư điện tử)"));
    }
}
