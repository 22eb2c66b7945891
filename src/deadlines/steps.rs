//! The self-assessment's own deadlines (docs/domain.md, the officer's year): units send their
//! figures, the meeting, the public notice, the dossier sent upward. Their dates come from
//! the assessment's schedule with docs/domain.md's defaults; the units step names who has not
//! sent figures yet, and a step counts as done only where the data says so.

use chrono::NaiveDate;

use super::DeadlineItem;
use crate::assess::view::{overview, Overview};
use crate::error::Result;
use crate::model::Commune;
use crate::store::Store;

/// The steps of `year`, or none when the year is not one being worked on: no assessment
/// entered and either no plan or the year is past (an old year's imported plans should not
/// fill the list with steps nobody took in Tre).
pub fn assessment_steps(store: &Store, year: i32, today: NaiveDate) -> Result<Vec<DeadlineItem>> {
    use chrono::Datelike;
    let Some(commune) = store.commune()? else {
        return Ok(Vec::new());
    };
    let started = store.assessment(year)?.is_some();
    let planned = year >= today.year() && !store.plans(Some(year))?.is_empty();
    if !started && !planned {
        return Ok(Vec::new());
    }
    Ok(steps_of(&overview(store, year, today)?, &commune, today))
}

/// Step ids, used in `DeadlineItem::id` and the calendar's UIDs: they must never change.
pub const STEP_IDS: [&str; 4] = ["units", "meeting", "notice", "dossier"];

pub fn steps_of(ov: &Overview, commune: &Commune, today: NaiveDate) -> Vec<DeadlineItem> {
    let a = &ov.assessment;
    let s = &ov.schedule;
    let year = a.year;
    let kind = &commune.kind;
    let ubnd = format!("UBND {}", commune.full_name());
    let pending: Vec<String> = ov
        .units
        .iter()
        .filter(|u| !u.done())
        .map(|u| format!("{} ({})", u.unit, u.missing.join(", ")))
        .collect();
    let recorded = |date: Option<&str>| {
        date.and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
            .is_some_and(|d| d <= today)
    };
    let issued = |kind: &str| recorded(a.documents.get(kind).and_then(|d| d.date.as_deref()));
    let steps = [
        (
            &s.units_due,
            format!("Các ban, ngành, trường học, trạm y tế, thôn gửi số liệu và kết quả thực hiện các tiêu chí về {ubnd}"),
            if pending.is_empty() {
                None
            } else {
                Some(format!("Chưa gửi: {}", pending.join("; ")))
            },
            Some(pending.is_empty()),
        ),
        (
            &s.meeting_due,
            format!("Họp đánh giá, chấm điểm {kind} phù hợp với trẻ em và lập biên bản"),
            Some(ubnd.clone()),
            Some(recorded(a.meeting.date.as_deref())),
        ),
        (
            &s.notice_due,
            format!("Thông báo công khai kết quả tự đánh giá {kind} phù hợp với trẻ em"),
            Some(ubnd.clone()),
            Some(issued("notice")),
        ),
        (
            &s.dossier_due,
            format!(
                "Gửi hồ sơ tự đánh giá, đề nghị công nhận {kind} phù hợp với trẻ em về {}",
                commune.superior
            ),
            Some(ubnd.clone()),
            // Tre does not know when the dossier left the office.
            None,
        ),
    ];
    let mut out = Vec::new();
    for ((due, text, unit, done), step) in steps.into_iter().zip(STEP_IDS) {
        let Some(date) = due
            .as_deref()
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        else {
            continue;
        };
        let days_left = (date - today).num_days();
        out.push(DeadlineItem {
            id: format!("assessment-{step}"),
            date: date.to_string(),
            text,
            section: String::new(),
            unit,
            plan_id: None,
            plan_title: format!("Tự đánh giá {kind} phù hợp với trẻ em năm {year}"),
            days_left,
            overdue: days_left < 0 && done != Some(true),
            source: "assessment".into(),
            step: Some(step.to_string()),
            done,
            pending_units: if step == "units" {
                pending.clone()
            } else {
                Vec::new()
            },
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assess::IssuedDoc;

    fn demo() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("t.db")).unwrap();
        crate::demo::load_demo(&mut store, 2026).unwrap();
        (dir, store)
    }

    #[test]
    fn the_four_steps_with_the_late_units_named() {
        let (_dir, store) = demo();
        let today = NaiveDate::from_ymd_opt(2026, 11, 12).unwrap();
        let steps = assessment_steps(&store, 2026, today).unwrap();
        let ids: Vec<&str> = steps.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "assessment-units",
                "assessment-meeting",
                "assessment-notice",
                "assessment-dossier"
            ]
        );
        let units = &steps[0];
        assert_eq!(units.date, "2026-11-10");
        // The demo's police and kindergarten have not sent figures (demo/assessment.rs).
        assert!(units.overdue && units.done == Some(false));
        let late = units.pending_units.join("; ");
        assert!(
            late.contains("Công an xã (") && late.contains("Trường Mầm non Minh Hòa ("),
            "{late}"
        );
        assert_eq!(
            units.unit.as_deref(),
            Some(format!("Chưa gửi: {late}").as_str())
        );
        let dossier = &steps[3];
        assert_eq!(dossier.date, "2026-11-15");
        assert!(!dossier.overdue && dossier.days_left == 3 && dossier.done.is_none());
        assert!(
            dossier.text.ends_with("về Sở Y tế tỉnh Phú Thọ"),
            "{}",
            dossier.text
        );
        assert!(steps
            .iter()
            .all(|s| s.plan_id.is_none() && s.source == "assessment"));
    }

    #[test]
    fn a_recorded_meeting_and_notice_are_not_overdue() {
        let (_dir, mut store) = demo();
        let mut a = store.assessment(2026).unwrap().unwrap();
        a.meeting.date = Some("2026-11-12".into());
        a.documents.insert(
            "notice".into(),
            IssuedDoc {
                number: Some("31".into()),
                date: Some("2026-11-13".into()),
            },
        );
        a.schedule.notice_due = Some("2026-11-13".into());
        store.save_assessment(&a, "test").unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
        let steps = assessment_steps(&store, 2026, today).unwrap();
        let by = |id: &str| steps.iter().find(|s| s.id == id).unwrap();
        assert!(!by("assessment-meeting").overdue && by("assessment-meeting").done == Some(true));
        assert!(!by("assessment-notice").overdue);
        // Nothing says the dossier left: past its date it is overdue.
        assert!(by("assessment-dossier").overdue);
    }

    #[test]
    fn past_years_without_an_assessment_have_no_steps() {
        let (_dir, mut store) = demo();
        let today = NaiveDate::from_ymd_opt(2026, 11, 12).unwrap();
        let plan = store.plan(1).unwrap().plan;
        let old = crate::rollover::roll_over(&plan, 2024).unwrap();
        store.insert_plan("qd06", &old).unwrap();
        assert!(assessment_steps(&store, 2024, today).unwrap().is_empty());
        assert!(assessment_steps(&store, 2031, today).unwrap().is_empty());
        let next = crate::rollover::roll_over(&plan, 2027).unwrap();
        store.insert_plan("qd06", &next).unwrap();
        assert_eq!(assessment_steps(&store, 2027, today).unwrap().len(), 4);
    }
}
