//! The reminder the desktop app gives at start and once a day while it is open (a desktop
//! notification, and the same text on the home page): what is overdue and what falls due
//! within the next 7 days, counted in the title and the first few named in the body.
//! `tre reminders` prints the same text, so it is testable without a window.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::{for_year, vn_date, DeadlineItem};
use crate::error::Result;
use crate::store::Store;

/// A deadline this many days ahead (or fewer) is reminded of; today counts as 0.
pub const WITHIN_DAYS: i64 = 7;

/// How many deadlines the body names; a notification shows a few lines at most.
const BODY_ITEMS: usize = 3;

/// A deadline's text is cut to this many characters in the body.
const TEXT_CHARS: usize = 90;

/// What to remind the officer of on one day.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Reminder {
    /// The day it is for, ISO.
    pub today: String,
    /// "Tre: 2 việc quá hạn, 1 việc đến hạn trong 7 ngày".
    pub title: String,
    /// One line per deadline named ("Còn 3 ngày (15/11/2026): …"), then "Và 4 việc khác.".
    pub body: String,
    /// Past and not done, the most recently passed first.
    pub overdue: Vec<DeadlineItem>,
    /// From today to 7 days ahead, not done, earliest first.
    pub soon: Vec<DeadlineItem>,
    /// The day the app last gave a reminder from this database (ISO), if it ever did.
    #[cfg_attr(test, ts(optional))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_reminded: Option<String>,
}

/// The reminder for `today` from the deadlines of this year and the next (a plan of next
/// year may be due in the last days of December), or `None` when nothing is due.
///
/// Earlier years are left out, as on the home page: an old year's plans would otherwise be
/// reminded of every day, long after anyone could act on them.
pub fn for_today(store: &Store, today: NaiveDate) -> Result<Option<Reminder>> {
    let mut items = for_year(store, today.year(), today)?;
    items.extend(for_year(store, today.year() + 1, today)?);
    Ok(select(items, today))
}

/// The reminder made of `items` on `today`. Days are counted again from each date (not taken
/// from `days_left`, which is as old as the list); a date that does not parse is skipped.
pub fn select(items: Vec<DeadlineItem>, today: NaiveDate) -> Option<Reminder> {
    let mut overdue = Vec::new();
    let mut soon = Vec::new();
    for mut item in items {
        if item.done == Some(true) {
            continue;
        }
        let Ok(date) = NaiveDate::parse_from_str(&item.date, "%Y-%m-%d") else {
            continue;
        };
        item.days_left = (date - today).num_days();
        item.overdue = item.days_left < 0;
        match item.days_left {
            d if d < 0 => overdue.push(item),
            d if d <= WITHIN_DAYS => soon.push(item),
            _ => {}
        }
    }
    if overdue.is_empty() && soon.is_empty() {
        return None;
    }
    soon.sort_by(|a, b| a.date.cmp(&b.date));
    overdue.sort_by(|a, b| b.date.cmp(&a.date));
    Some(Reminder {
        today: today.to_string(),
        title: title(overdue.len(), soon.len()),
        body: body(&overdue, &soon),
        overdue,
        soon,
        last_reminded: None,
    })
}

fn title(overdue: usize, soon: usize) -> String {
    let mut parts = Vec::new();
    if overdue > 0 {
        parts.push(format!("{overdue} việc quá hạn"));
    }
    if soon > 0 {
        parts.push(format!("{soon} việc đến hạn trong {WITHIN_DAYS} ngày"));
    }
    format!("Tre: {}", parts.join(", "))
}

/// What can still be done on time is named first (earliest first), then what was missed most
/// recently: a year's plan leaves many old overdue lines, and the oldest matter least.
fn body(overdue: &[DeadlineItem], soon: &[DeadlineItem]) -> String {
    let all: Vec<&DeadlineItem> = soon.iter().chain(overdue).collect();
    let mut lines: Vec<String> = all
        .iter()
        .take(BODY_ITEMS)
        .map(|i| {
            let when = match i.days_left {
                d if d < 0 => format!("Quá hạn {} ngày", -d),
                0 => "Hôm nay".to_string(),
                d => format!("Còn {d} ngày"),
            };
            format!("{when} ({}): {}", vn_date(&i.date), shorten(&i.text))
        })
        .collect();
    if all.len() > BODY_ITEMS {
        lines.push(format!("Và {} việc khác.", all.len() - BODY_ITEMS));
    }
    lines.join("\n")
}

/// The text on one line, cut at a word before `TEXT_CHARS` characters with "…".
fn shorten(text: &str) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= TEXT_CHARS {
        return text;
    }
    let cut: String = text.chars().take(TEXT_CHARS - 1).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > TEXT_CHARS / 2 => &cut[..i],
        _ => &cut[..],
    };
    format!("{}…", cut.trim_end_matches([',', ';', ':', ' ']))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn item(id: &str, date: &str, text: &str, done: Option<bool>) -> DeadlineItem {
        DeadlineItem {
            id: id.into(),
            date: date.into(),
            text: text.into(),
            section: String::new(),
            unit: None,
            plan_id: Some(1),
            plan_title: "Kế hoạch".into(),
            // Deliberately stale: `select` counts again from the date.
            days_left: 999,
            overdue: false,
            source: "plan".into(),
            step: None,
            done,
            pending_units: Vec::new(),
        }
    }

    #[test]
    fn boundaries_today_seven_days_eight_days_overdue_done() {
        let today = day("2026-11-12");
        let items = vec![
            item("today", "2026-11-12", "Nộp báo cáo quý", None),
            item("in7", "2026-11-19", "Họp đánh giá", None),
            item("in8", "2026-11-20", "Tổng kết", None),
            item("yesterday", "2026-11-11", "Gửi số liệu", None),
            item(
                "long-ago",
                "2026-06-10",
                "Tuyên truyền tháng hành động",
                None,
            ),
            item("done-past", "2026-11-10", "Họp đã xong", Some(true)),
            item(
                "done-soon",
                "2026-11-13",
                "Thông báo đã ban hành",
                Some(true),
            ),
            item("in2", "2026-11-14", "Gửi hồ sơ", None),
        ];
        let r = select(items, today).unwrap();
        let ids = |v: &[DeadlineItem]| v.iter().map(|i| i.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(&r.soon), ["today", "in2", "in7"]);
        assert_eq!(ids(&r.overdue), ["yesterday", "long-ago"]);
        assert_eq!(r.title, "Tre: 2 việc quá hạn, 3 việc đến hạn trong 7 ngày");
        assert_eq!(
            r.body,
            "Hôm nay (12/11/2026): Nộp báo cáo quý\n\
             Còn 2 ngày (14/11/2026): Gửi hồ sơ\n\
             Còn 7 ngày (19/11/2026): Họp đánh giá\n\
             Và 2 việc khác."
        );
        assert_eq!(r.today, "2026-11-12");
        assert!(r.overdue.iter().all(|i| i.overdue && i.days_left < 0));
        assert_eq!(r.overdue[0].days_left, -1);
        assert!(r
            .soon
            .iter()
            .all(|i| !i.overdue && (0..=7).contains(&i.days_left)));
    }

    #[test]
    fn one_kind_only_and_nothing_due() {
        let today = day("2026-11-12");
        let late = select(vec![item("a", "2026-11-02", "Gửi số liệu", None)], today).unwrap();
        assert_eq!(late.title, "Tre: 1 việc quá hạn");
        assert_eq!(late.body, "Quá hạn 10 ngày (02/11/2026): Gửi số liệu");
        let soon = select(vec![item("a", "2026-11-15", "Gửi hồ sơ", None)], today).unwrap();
        assert_eq!(soon.title, "Tre: 1 việc đến hạn trong 7 ngày");
        assert_eq!(soon.body, "Còn 3 ngày (15/11/2026): Gửi hồ sơ");
        // Eight days ahead, done, or without a full date: nothing to remind.
        let none = vec![
            item("far", "2026-11-20", "Tổng kết", None),
            item("done", "2026-11-01", "Xong", Some(true)),
            item("blank-day", "2026-11", "Tháng 11, ngày để trống", None),
            item("junk", "", "Không có ngày", None),
        ];
        assert_eq!(select(none, today), None);
        assert_eq!(select(Vec::new(), today), None);
    }

    #[test]
    fn long_texts_are_cut_at_a_word() {
        let long = "Các ban, ngành, trường học, trạm y tế, thôn gửi số liệu và kết quả thực hiện các tiêu chí về UBND xã Minh Hòa trước khi họp";
        let r = select(vec![item("a", "2026-11-12", long, None)], day("2026-11-12")).unwrap();
        let line = r.body.strip_prefix("Hôm nay (12/11/2026): ").unwrap();
        assert!(
            line.ends_with('…') && line.chars().count() <= TEXT_CHARS,
            "{line}"
        );
        assert!(long.starts_with(line.trim_end_matches('…')), "{line}");
        assert_eq!(shorten("  Gửi\n  báo cáo  "), "Gửi báo cáo");
    }

    /// On the demo's data: a plan whose own date has a blank day ("ngày … tháng 11") is
    /// reminded of like any other; the next year's plans count only once within 7 days.
    #[test]
    fn from_the_store_this_year_and_next() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("t.db")).unwrap();
        crate::demo::load_demo(&mut store, 2026).unwrap();
        let mut stored = store.plan(1).unwrap();
        stored.plan.date.day = None;
        store.update_plan(1, &stored.plan).unwrap();
        let today = day("2026-11-12");
        let r = for_today(&store, today).unwrap().unwrap();
        let all = for_year(&store, 2026, today).unwrap();
        let want_overdue = all
            .iter()
            .filter(|i| i.days_left < 0 && i.done != Some(true))
            .count();
        assert_eq!(r.overdue.len(), want_overdue);
        assert!(
            r.soon.iter().any(|i| i.date == "2026-11-15"),
            "{:?}",
            r.soon
        );
        assert!(r.overdue.iter().any(|i| i.plan_id == Some(1)));
        // Nothing from an earlier year: on 3 January 2027 last year's overdue items are gone.
        assert_eq!(for_today(&store, day("2027-01-03")).unwrap(), None);
        // A plan of 2027 due on 2 January is reminded of from 26 December 2026.
        let mut next = crate::rollover::roll_over(&store.plan(1).unwrap().plan, 2027).unwrap();
        next.deadlines.truncate(1);
        next.deadlines[0].date = "2027-01-02".into();
        store.insert_plan("qd06", &next).unwrap();
        let eve = |d: &str| for_today(&store, day(d)).unwrap();
        assert!(eve("2026-12-25").map_or(true, |r| r.soon.iter().all(|i| i.date != "2027-01-02")));
        let r = eve("2026-12-26").unwrap();
        assert_eq!(r.soon.last().unwrap().date, "2027-01-02");
    }
}
