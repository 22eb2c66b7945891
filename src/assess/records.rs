//! What the assessment's documents print besides the scores: each document's number and
//! signing date (as the văn thư assigns them), the notice's days posted, and the facts of the
//! assessment meeting the minutes record. Nothing is typed into a document itself; each edit
//! is checked whole before anything changes, so a refused value never saves half-way.

use serde::Deserialize;

use super::{Assessment, Meeting};
use crate::document::assessment::AssessmentKind;
use crate::error::{Error, Result};
use crate::model::date::parse_date;
use crate::text::nfc;

/// A document's number and date; `Some("")` blanks them (left to fill in by hand).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct DocEdit {
    pub number: Option<String>,
    pub date: Option<String>,
    /// Days the public notice stays posted (the notice only).
    pub days: Option<u32>,
}

/// The meeting's facts; `None` leaves a field as it is, an empty attendee list too.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct MeetingEdit {
    pub date: Option<String>,
    pub start: Option<String>,
    pub end: Option<String>,
    pub place: Option<String>,
    pub chair: Option<String>,
    pub secretary: Option<String>,
    pub attendees: Vec<String>,
    /// "15/15": votes for / members present; "" clears them.
    pub votes: Option<String>,
}

/// Applies `edit` to document `kind` of `a`; returns the history summary.
pub fn apply_doc(a: &mut Assessment, kind: AssessmentKind, edit: &DocEdit) -> Result<String> {
    let year = a.year;
    if kind == AssessmentKind::Assessment {
        return Err(Error::Invalid(
            "Bảng điểm là phụ lục của báo cáo và mang số, ngày của báo cáo: hãy đặt số, ngày cho báo cáo.".into(),
        ));
    }
    if edit.days.is_some() && kind != AssessmentKind::Notice {
        return Err(Error::Invalid(
            "Số ngày niêm yết chỉ dùng cho thông báo công khai.".into(),
        ));
    }
    let number = edit.number.as_deref().map(nfc);
    if let Some(n) = &number {
        if !n.is_empty() && !n.chars().all(|c| c.is_ascii_digit()) {
            return Err(Error::Invalid(format!(
                "Số văn bản “{n}” không hợp lệ: chỉ gồm chữ số (ví dụ 12), hoặc để trống."
            )));
        }
    }
    let date = edit
        .date
        .as_deref()
        .map(|d| optional_date(d, year))
        .transpose()?;
    if let Some(days) = edit.days {
        if !(1..=60).contains(&days) {
            return Err(Error::Invalid(format!(
                "Số ngày niêm yết {days} không hợp lệ: hãy nhập từ 1 đến 60."
            )));
        }
        a.schedule.notice_days = Some(days);
    }
    let doc = a.documents.entry(kind.key().to_string()).or_default();
    if let Some(n) = number {
        doc.number = (!n.is_empty()).then_some(n);
    }
    if let Some(d) = date {
        doc.date = d;
    }
    Ok(format!(
        "Số, ngày của {} năm {year}",
        kind.type_name().to_lowercase()
    ))
}

/// Applies `edit` to the meeting of `a`; returns the history summary.
pub fn apply_meeting(a: &mut Assessment, edit: &MeetingEdit) -> Result<String> {
    let year = a.year;
    let date = edit
        .date
        .as_deref()
        .map(|d| optional_date(d, year))
        .transpose()?;
    let votes = edit.votes.as_deref().map(parse_votes).transpose()?;
    let m: &mut Meeting = &mut a.meeting;
    if let Some(d) = date {
        m.date = d;
    }
    for (field, value) in [
        (&mut m.start, &edit.start),
        (&mut m.end, &edit.end),
        (&mut m.place, &edit.place),
        (&mut m.chair, &edit.chair),
        (&mut m.secretary, &edit.secretary),
    ] {
        if let Some(v) = value {
            *field = nfc(v);
        }
    }
    if !edit.attendees.is_empty() {
        m.attendees = edit
            .attendees
            .iter()
            .map(|s| nfc(s))
            .filter(|s| !s.is_empty())
            .collect();
    }
    if let Some(v) = votes {
        (m.votes_for, m.votes_total) = v;
    }
    Ok(format!("Cuộc họp đánh giá năm {year}"))
}

/// "" → blank; else a date of the assessment's year or the next (ISO).
fn optional_date(text: &str, year: i32) -> Result<Option<String>> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    let d = parse_date(text)?;
    let y = chrono::Datelike::year(&d);
    if y != year && y != year + 1 {
        return Err(Error::Invalid(format!(
            "Ngày {} không thuộc năm {year} (hoặc đầu năm {}). Hãy kiểm tra lại năm.",
            d.format("%d/%m/%Y"),
            year + 1
        )));
    }
    Ok(Some(d.format("%Y-%m-%d").to_string()))
}

/// "15/15" → (Some(15), Some(15)); "" → (None, None).
fn parse_votes(text: &str) -> Result<(Option<u32>, Option<u32>)> {
    let t = text.trim();
    if t.is_empty() {
        return Ok((None, None));
    }
    let bad = || {
        Error::Invalid(format!(
            "Biểu quyết “{t}” không hợp lệ. Hãy nhập số tán thành/số đại biểu có mặt, ví dụ 15/15."
        ))
    };
    let (f, n) = t.split_once('/').ok_or_else(bad)?;
    let f: u32 = f.trim().parse().map_err(|_| bad())?;
    let n: u32 = n.trim().parse().map_err(|_| bad())?;
    if n == 0 || f > n {
        return Err(Error::Invalid(format!(
            "Biểu quyết {f}/{n} không hợp lệ: số tán thành không được lớn hơn số đại biểu có mặt, và phải có ít nhất 1 đại biểu."
        )));
    }
    Ok((Some(f), Some(n)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn votes_and_dates_are_checked() {
        assert_eq!(parse_votes("15/15").unwrap(), (Some(15), Some(15)));
        assert_eq!(parse_votes(" ").unwrap(), (None, None));
        assert!(parse_votes("16/15").is_err());
        assert!(parse_votes("15").is_err());
        assert!(parse_votes("0/0").is_err());
        assert_eq!(
            optional_date("13/11/2026", 2026).unwrap().as_deref(),
            Some("2026-11-13")
        );
        assert_eq!(optional_date("", 2026).unwrap(), None);
        assert!(optional_date("13/11/2024", 2026).is_err());
    }

    #[test]
    fn a_refused_edit_changes_nothing() {
        let mut a = Assessment::new(2026);
        let before = a.clone();
        let edit = DocEdit {
            number: Some("7".into()),
            date: Some("31/02/2026".into()),
            days: None,
        };
        assert!(apply_doc(&mut a, AssessmentKind::Report, &edit).is_err());
        let days = DocEdit {
            days: Some(90),
            ..Default::default()
        };
        assert!(apply_doc(&mut a, AssessmentKind::Notice, &days).is_err());
        assert_eq!(a, before);
        let meeting = MeetingEdit {
            chair: Some("Nguyễn Văn A".into()),
            votes: Some("16/15".into()),
            ..Default::default()
        };
        assert!(apply_meeting(&mut a, &meeting).is_err());
        assert_eq!(a, before);
    }

    #[test]
    fn a_document_gets_its_number_and_date() {
        let mut a = Assessment::new(2026);
        let edit = DocEdit {
            number: Some("07".into()),
            date: Some("13/11/2026".into()),
            days: None,
        };
        apply_doc(&mut a, AssessmentKind::Report, &edit).unwrap();
        let doc = &a.documents["report"];
        assert_eq!(doc.number.as_deref(), Some("07"));
        assert_eq!(doc.date.as_deref(), Some("2026-11-13"));
    }
}
