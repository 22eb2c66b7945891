//! The year's deadlines as an iCalendar file (RFC 5545) that Google Calendar, Outlook,
//! Thunderbird or a phone imports: one all-day event per deadline, with a reminder three
//! days before. UIDs are stable (`tre-2026-plan3-2@tre.local`), so importing the file again
//! after a change updates the events instead of doubling them.

use std::path::Path;

use chrono::{DateTime, NaiveDate, Utc};

use super::{for_year, vn_date, DeadlineItem};
use crate::error::Result;
use crate::fsutil::write_atomic;
use crate::store::Store;

const CRLF: &str = "\r\n";
/// RFC 5545 §3.1: lines SHOULD NOT be longer than 75 octets, excluding the line break.
const MAX_OCTETS: usize = 75;

/// Writes the deadlines of `year` to `out`; returns how many events it holds.
pub fn write_ics(store: &Store, year: i32, today: NaiveDate, out: &Path) -> Result<usize> {
    let items = for_year(store, year, today)?;
    let commune = store.commune()?.map(|c| c.full_name());
    let text = calendar(&items, year, commune.as_deref(), today, stamp_now());
    write_atomic(out, text.as_bytes())?;
    Ok(items.len())
}

/// `DTSTAMP`: `SOURCE_DATE_EPOCH` when set (reproducible files, as the other exports), else now.
fn stamp_now() -> DateTime<Utc> {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|s| DateTime::from_timestamp(s, 0))
        .unwrap_or_else(Utc::now)
}

/// The calendar's text. `today` is the date the units' state is reported as of.
pub fn calendar(
    items: &[DeadlineItem],
    year: i32,
    commune: Option<&str>,
    today: NaiveDate,
    stamp: DateTime<Utc>,
) -> String {
    let mut lines: Vec<String> = vec![
        "BEGIN:VCALENDAR".into(),
        "VERSION:2.0".into(),
        format!("PRODID:-//Tre//Tre {}//VI", env!("CARGO_PKG_VERSION")),
        "CALSCALE:GREGORIAN".into(),
        "METHOD:PUBLISH".into(),
    ];
    let name = match commune {
        Some(c) => format!("Thời hạn năm {year} - {c}"),
        None => format!("Thời hạn năm {year}"),
    };
    lines.push(format!("X-WR-CALNAME:{}", escape(&name)));
    let dtstamp = stamp.format("%Y%m%dT%H%M%SZ").to_string();
    for item in items {
        let Ok(date) = NaiveDate::parse_from_str(&item.date, "%Y-%m-%d") else {
            continue;
        };
        let next = date.succ_opt().unwrap_or(date);
        lines.extend([
            "BEGIN:VEVENT".into(),
            format!("UID:tre-{year}-{}@tre.local", item.id),
            format!("DTSTAMP:{dtstamp}"),
            format!("DTSTART;VALUE=DATE:{}", date.format("%Y%m%d")),
            format!("DTEND;VALUE=DATE:{}", next.format("%Y%m%d")),
            format!("SUMMARY:{}", escape(&format!("Hạn: {}", item.text))),
            format!("DESCRIPTION:{}", escape(&description(item, today))),
            // A deadline does not make the officer busy all day.
            "TRANSP:TRANSPARENT".into(),
            "BEGIN:VALARM".into(),
            "ACTION:DISPLAY".into(),
            format!(
                "DESCRIPTION:{}",
                escape(&format!(
                    "Còn 3 ngày đến hạn {}: {}",
                    vn_date(&item.date),
                    item.text
                ))
            ),
            "TRIGGER:-P3D".into(),
            "END:VALARM".into(),
            "END:VEVENT".into(),
        ]);
    }
    lines.push("END:VCALENDAR".into());
    let mut out = String::new();
    for line in lines {
        out.push_str(&fold(&line));
    }
    out
}

fn description(item: &DeadlineItem, today: NaiveDate) -> String {
    let mut d = vec![format!("Hạn: {}", vn_date(&item.date))];
    if item.plan_id.is_some() {
        let section = if item.section.is_empty() {
            String::new()
        } else {
            format!(", mục {}", item.section)
        };
        d.push(format!("Kế hoạch: {}{section}", item.plan_title));
    } else {
        d.push(item.plan_title.clone());
    }
    if !item.pending_units.is_empty() {
        d.push(format!(
            "Đến ngày {} còn chưa gửi số liệu: {}",
            today.format("%d/%m/%Y"),
            item.pending_units.join("; ")
        ));
    } else if let Some(unit) = &item.unit {
        d.push(format!("Đơn vị thực hiện: {unit}"));
    }
    d.join("\n")
}

/// TEXT escaping (RFC 5545 §3.3.11): backslash, `;`, `,` and line breaks; any other control
/// character (not allowed in TEXT) becomes a space, so a pasted one cannot end a line.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// One content line folded at 75 octets, never inside a UTF-8 character (a split letter
/// would show as garbage), each physical line ending in CRLF; continuation lines start with
/// one space, which counts toward their 75 octets.
pub fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 70 * 3 + 2);
    let mut used = 0;
    for c in line.chars() {
        if used + c.len_utf8() > MAX_OCTETS {
            out.push_str(CRLF);
            out.push(' ');
            used = 1;
        }
        out.push(c);
        used += c.len_utf8();
    }
    out.push_str(CRLF);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_vietnamese_lines_fold_on_character_boundaries() {
        let text = "SUMMARY:Hạn: Tổng hợp hồ sơ đánh giá xã phù hợp với trẻ em của các ban, ngành, đoàn thể, trường học, thôn gửi về Ủy ban nhân dân xã";
        let folded = fold(text);
        assert!(folded.ends_with(CRLF));
        let physical: Vec<&str> = folded.trim_end_matches(CRLF).split(CRLF).collect();
        assert!(physical.len() >= 3, "{physical:?}");
        for (i, l) in physical.iter().enumerate() {
            // Each piece is a whole string (so no character was cut) of at most 75 octets.
            assert!(l.len() <= MAX_OCTETS, "{} octets: {l}", l.len());
            assert_eq!(i > 0, l.starts_with(' '));
        }
        // A line close to the limit is filled up to it: at most one 3-octet character short.
        assert!(physical[0].len() > MAX_OCTETS - 3);
        let unfolded = folded.trim_end_matches(CRLF).replace("\r\n ", "");
        assert_eq!(unfolded, text);
        assert_eq!(fold("VERSION:2.0"), "VERSION:2.0\r\n");
    }

    #[test]
    fn a_line_of_three_octet_characters_never_splits_one() {
        // "ệ" is 3 octets in UTF-8: 75 is a multiple of 3, 74 is not.
        let line = format!("X:{}", "ệ".repeat(100));
        for l in fold(&line).trim_end_matches(CRLF).split(CRLF) {
            assert!(l.len() <= MAX_OCTETS);
            assert!(std::str::from_utf8(l.as_bytes()).is_ok());
        }
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(
            escape("Ban, ngành; thôn\nmục IV.3 \\ hết"),
            "Ban\\, ngành\\; thôn\\nmục IV.3 \\\\ hết"
        );
    }

    #[test]
    fn one_event_per_deadline_with_an_alarm() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("t.db")).unwrap();
        crate::demo::load_demo(&mut store, 2026).unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 11, 12).unwrap();
        let items = for_year(&store, 2026, today).unwrap();
        let stamp = DateTime::from_timestamp(1_767_225_600, 0).unwrap();
        let ics = calendar(&items, 2026, Some("xã Minh Hòa"), today, stamp);
        assert!(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
        assert!(ics.ends_with("END:VCALENDAR\r\n"));
        assert_eq!(ics.matches("BEGIN:VEVENT").count(), items.len());
        assert_eq!(ics.matches("TRIGGER:-P3D").count(), items.len());
        assert!(ics.contains("UID:tre-2026-assessment-units@tre.local\r\n"));
        let first = &items[0];
        assert!(ics.contains(&format!("UID:tre-2026-{}@tre.local\r\n", first.id)));
        assert!(ics.contains("DTSTAMP:20260101T000000Z\r\n"));
        assert!(ics.contains("DTSTART;VALUE=DATE:20261115\r\nDTEND;VALUE=DATE:20261116\r\n"));
        let unfolded = ics.replace("\r\n ", "");
        assert!(
            unfolded.contains("còn chưa gửi số liệu: Công an xã ("),
            "{unfolded}"
        );
        assert!(!ics.split(CRLF).any(|l| l.len() > MAX_OCTETS));
    }
}
