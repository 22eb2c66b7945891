//! The year's deadlines: every dated task of the year's plans and the steps of the year's
//! self-assessment, sorted, with what is overdue. Shown on the app's home page and by
//! `tre deadlines`; `ics` writes them as a calendar any calendar program imports; `reminders`
//! is what the app's daily notification says about them.

pub mod ics;
pub mod reminders;
pub mod steps;

use chrono::NaiveDate;
use serde::Serialize;

use crate::error::Result;
use crate::model::date::parse_date;
use crate::store::Store;

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[cfg_attr(test, ts(rename = "YearDeadline"))]
pub struct DeadlineItem {
    /// Stable within the database: "plan3-2" (plan 3, its 2nd deadline) or
    /// "assessment-units"; the calendar's UIDs are made from it.
    pub id: String,
    /// ISO date.
    pub date: String,
    pub text: String,
    pub section: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub unit: Option<String>,
    /// The plan the deadline is written in; absent for the assessment's steps.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub plan_id: Option<i64>,
    /// The plan's title, or "Tự đánh giá xã phù hợp với trẻ em năm 2026" for a step.
    pub plan_title: String,
    /// Days from `today` to the deadline (negative once past).
    pub days_left: i64,
    /// Past and not known to be done.
    pub overdue: bool,
    /// "plan" or "assessment".
    pub source: String,
    /// The assessment step: "units", "meeting", "notice" or "dossier".
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub step: Option<String>,
    /// Whether the step is done, where the data tells (figures all in, meeting held, notice
    /// issued); absent when Tre cannot know.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub done: Option<bool>,
    /// For the units step: "Công an xã (3.1, 4.1)" for each unit that has not sent figures.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(test, ts(as = "Option<Vec<String>>", optional))]
    pub pending_units: Vec<String>,
}

/// Deadlines of the plans and the assessment of `year`, earliest first (plans before the
/// assessment's steps on the same day); `today` decides what is overdue.
pub fn for_year(store: &Store, year: i32, today: NaiveDate) -> Result<Vec<DeadlineItem>> {
    let mut items = Vec::new();
    for summary in store.plans(Some(year))? {
        let plan = store.plan(summary.id)?.plan;
        for (k, d) in plan.deadlines.iter().enumerate() {
            // A stored plan was validated, so its dates parse; skip rather than fail if not.
            let Ok(date) = parse_date(&d.date) else {
                continue;
            };
            let days_left = (date - today).num_days();
            items.push(DeadlineItem {
                id: format!("plan{}-{}", summary.id, k + 1),
                date: date.to_string(),
                text: d.text.clone(),
                section: d.section.clone(),
                unit: d.unit.clone(),
                plan_id: Some(summary.id),
                plan_title: summary.title.clone(),
                days_left,
                overdue: days_left < 0,
                source: "plan".into(),
                step: None,
                done: None,
                pending_units: Vec::new(),
            });
        }
    }
    items.extend(steps::assessment_steps(store, year, today)?);
    // Stable: plans keep their order (by id, then as written), steps follow on equal dates.
    items.sort_by(|a, b| {
        a.date
            .cmp(&b.date)
            .then((a.plan_id.is_none()).cmp(&b.plan_id.is_none()))
            .then(a.plan_id.cmp(&b.plan_id))
    });
    Ok(items)
}

/// "15/11/2026" as the officer reads dates.
pub fn vn_date(iso: &str) -> String {
    match NaiveDate::parse_from_str(iso, "%Y-%m-%d") {
        Ok(d) => d.format("%d/%m/%Y").to_string(),
        Err(_) => iso.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorted_with_overdue_marked() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("t.db")).unwrap();
        crate::demo::load_demo(&mut store, 2026).unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 11, 12).unwrap();
        let items = for_year(&store, 2026, today).unwrap();
        assert!(items.len() >= 6);
        assert!(items.windows(2).all(|w| w[0].date <= w[1].date));
        let first = &items[0];
        assert_eq!(first.date, "2026-06-10");
        assert!(first.overdue);
        assert_eq!(first.source, "plan");
        assert!(first
            .id
            .starts_with(&format!("plan{}-", first.plan_id.unwrap())));
        let upward = items.iter().find(|i| i.date == "2026-11-15").unwrap();
        assert!(!upward.overdue && upward.days_left == 3);
        // On 15/11 the plans' deadlines come first, then the assessment's dossier step.
        let on_15: Vec<&str> = items
            .iter()
            .filter(|i| i.date == "2026-11-15")
            .map(|i| i.source.as_str())
            .collect();
        assert_eq!(on_15.last(), Some(&"assessment"));
        assert!(on_15[..on_15.len() - 1].iter().all(|s| *s == "plan"));
        let ids: std::collections::BTreeSet<&str> = items.iter().map(|i| i.id.as_str()).collect();
        assert_eq!(ids.len(), items.len(), "ids are unique");
        assert!(for_year(&store, 2030, today).unwrap().is_empty());
        assert_eq!(vn_date("2026-11-05"), "05/11/2026");
    }

    /// What the home page's "Sắp tới" may show: not overdue, not done, from today on.
    fn upcoming(i: &DeadlineItem) -> bool {
        !i.overdue && i.done != Some(true) && i.days_left >= 0
    }

    /// On every day around the year's end, for the year before, the year itself and the year
    /// after: a date before today counts negative days and is overdue unless done, so it is
    /// never upcoming; a date from today on counts its exact days and is never overdue.
    #[test]
    fn a_past_date_is_never_upcoming_on_any_day_across_the_year_end() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("t.db")).unwrap();
        crate::demo::load_demo(&mut store, 2026).unwrap();
        for p in store.plans(Some(2026)).unwrap() {
            let stored = store.plan(p.id).unwrap();
            let next = crate::rollover::roll_over(&stored.plan, 2027).unwrap();
            store.insert_plan(&stored.template, &next).unwrap();
        }
        let start = NaiveDate::from_ymd_opt(2026, 10, 1).unwrap();
        let mut seen_past = 0;
        for day in 0..150 {
            let today = start + chrono::Days::new(day);
            for year in [2025, 2026, 2027] {
                for i in for_year(&store, year, today).unwrap() {
                    let date = NaiveDate::parse_from_str(&i.date, "%Y-%m-%d").unwrap();
                    assert_eq!(i.days_left, (date - today).num_days(), "{i:?} on {today}");
                    if date < today {
                        seen_past += 1;
                        assert!(!upcoming(&i), "{i:?} upcoming on {today}");
                        assert!(i.overdue || i.done == Some(true), "{i:?} on {today}");
                    } else {
                        assert!(!i.overdue, "{i:?} overdue on {today}");
                    }
                }
            }
        }
        assert!(seen_past > 0);
        // 12/11/2026 seen on 06/12/2026 (the case): 24 days overdue, not "còn -24".
        let on = NaiveDate::from_ymd_opt(2026, 12, 6).unwrap();
        let items = for_year(&store, 2026, on).unwrap();
        assert!(
            items.iter().all(|i| !upcoming(i)),
            "nothing of 2026 is ahead"
        );
        // The same day read at 00:00 and at 23:59 is one day: the hour never shifts a date.
        for t in ["2026-12-06T00:00:00", "2026-12-06T23:59:59"] {
            let now: chrono::NaiveDateTime = t.parse().unwrap();
            assert_eq!(for_year(&store, 2026, now.date()).unwrap(), items);
        }
        // A year's deadlines seen from the end of the year before are all ahead.
        let eve = NaiveDate::from_ymd_opt(2026, 12, 31).unwrap();
        let next = for_year(&store, 2027, eve).unwrap();
        assert!(!next.is_empty() && next.iter().all(|i| i.days_left > 0 && !i.overdue));
    }
}
