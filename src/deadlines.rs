//! The year's deadlines: every dated task of the year's plans, sorted, with what is overdue.
//! Shown on the app's home page and by `tre deadlines`.

use chrono::NaiveDate;
use serde::Serialize;

use crate::error::Result;
use crate::model::date::parse_date;
use crate::store::Store;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DeadlineItem {
    /// ISO date.
    pub date: String,
    pub text: String,
    pub section: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    pub plan_id: i64,
    pub plan_title: String,
    /// Days from `today` to the deadline (negative once past).
    pub days_left: i64,
    pub overdue: bool,
}

/// Deadlines of the plans of `year`, earliest first; `today` decides what is overdue.
pub fn for_year(store: &Store, year: i32, today: NaiveDate) -> Result<Vec<DeadlineItem>> {
    let mut items = Vec::new();
    for summary in store.plans(Some(year))? {
        let plan = store.plan(summary.id)?.plan;
        for d in &plan.deadlines {
            // A stored plan was validated, so its dates parse; skip rather than fail if not.
            let Ok(date) = parse_date(&d.date) else {
                continue;
            };
            let days_left = (date - today).num_days();
            items.push(DeadlineItem {
                date: date.to_string(),
                text: d.text.clone(),
                section: d.section.clone(),
                unit: d.unit.clone(),
                plan_id: summary.id,
                plan_title: summary.title.clone(),
                days_left,
                overdue: days_left < 0,
            });
        }
    }
    items.sort_by(|a, b| a.date.cmp(&b.date).then(a.plan_id.cmp(&b.plan_id)));
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
        let upward = items.iter().find(|i| i.date == "2026-11-15").unwrap();
        assert!(!upward.overdue && upward.days_left == 3);
        assert!(for_year(&store, 2030, today).unwrap().is_empty());
        assert_eq!(vn_date("2026-11-05"), "05/11/2026");
    }
}
