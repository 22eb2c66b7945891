//! `tre deadlines --ics`: the calendar checked against RFC 5545's lexical rules here and
//! read by Python's `icalendar` (Debian's python3-icalendar, as a calendar program would),
//! while `--json` keeps its contract.

use crate::common::*;

use std::process::Command;

fn demo() -> Tre {
    let tre = Tre::new();
    tre.ok(&["demo", "--year", "2026"]);
    tre
}

/// A strict reading of RFC 5545's lexical rules, independent of any calendar library.
fn check_ics_lines(text: &str) -> Vec<String> {
    assert!(text.ends_with("\r\n"));
    let physical: Vec<&str> = text[..text.len() - 2].split("\r\n").collect();
    let mut logical: Vec<String> = Vec::new();
    for l in physical {
        assert!(
            !l.contains('\n') && !l.contains('\r'),
            "bare line break in {l:?}"
        );
        assert!(l.len() <= 75, "{} octets: {l}", l.len());
        match l.strip_prefix(' ') {
            Some(rest) => logical.last_mut().expect("fold at start").push_str(rest),
            None => logical.push(l.to_string()),
        }
    }
    let mut stack = Vec::new();
    for l in &logical {
        let (name, value) = l.split_once(':').unwrap_or_else(|| panic!("no colon: {l}"));
        assert!(
            name.bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b"-;=".contains(&b)),
            "{name}"
        );
        match name {
            "BEGIN" => stack.push(value.to_string()),
            "END" => assert_eq!(stack.pop().as_deref(), Some(value)),
            "SUMMARY" | "DESCRIPTION" => {
                // TEXT: , ; and \ only escaped.
                let mut chars = value.chars();
                while let Some(c) = chars.next() {
                    match c {
                        '\\' => assert!(
                            matches!(chars.next(), Some('\\' | ';' | ',' | 'n' | 'N')),
                            "{l}"
                        ),
                        ',' | ';' => panic!("unescaped {c} in {l}"),
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }
    assert!(stack.is_empty());
    logical
}

#[test]
fn deadlines_ics_imports_into_a_calendar() {
    let tre = demo();
    let ics = tre.path("han.ics");
    let json: serde_json::Value = serde_json::from_str(&tre.ok(&[
        "deadlines",
        "--year",
        "2026",
        "--json",
        "--ics",
        ics.to_str().unwrap(),
    ]))
    .expect("--json stays pure JSON with --ics");
    let items = json.as_array().unwrap();
    // The contract's fields on plan rows, and the assessment's steps after them.
    let plan_row = items.iter().find(|i| i["source"] == "plan").unwrap();
    for key in [
        "date",
        "text",
        "section",
        "plan_id",
        "plan_title",
        "days_left",
        "overdue",
    ] {
        assert!(plan_row.get(key).is_some(), "{key}");
    }
    let units = items.iter().find(|i| i["step"] == "units").unwrap();
    assert!(units["pending_units"][0].as_str().unwrap().contains('('));

    let text = std::fs::read_to_string(&ics).unwrap();
    let lines = check_ics_lines(&text);
    assert_eq!(
        lines.iter().filter(|l| *l == "BEGIN:VEVENT").count(),
        items.len()
    );

    let script = r#"
import json, sys
from icalendar import Calendar
cal = Calendar.from_ical(open(sys.argv[1], 'rb').read())
print(json.dumps([{
    'uid': str(e['UID']), 'start': e['DTSTART'].dt.isoformat(), 'end': e['DTEND'].dt.isoformat(),
    'summary': str(e['SUMMARY']), 'description': str(e['DESCRIPTION']),
    'trigger': [str(a['TRIGGER'].dt) for a in e.walk('VALARM')],
} for e in cal.walk('VEVENT')]))
"#;
    let out = Command::new("/usr/bin/python3")
        .arg("-c")
        .arg(script)
        .arg(&ics)
        .output()
        .expect("/usr/bin/python3");
    assert!(
        out.status.success(),
        "python3-icalendar is needed (scripts/setup.sh): {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let events: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let events = events.as_array().unwrap();
    assert_eq!(events.len(), items.len());
    for (e, item) in events.iter().zip(items) {
        assert_eq!(
            e["uid"],
            format!("tre-2026-{}@tre.local", item["id"].as_str().unwrap())
        );
        assert_eq!(e["start"], item["date"]);
        // Escaping and folding undone give back the exact Vietnamese text.
        assert_eq!(
            e["summary"],
            format!("Hạn: {}", item["text"].as_str().unwrap())
        );
        assert_eq!(e["trigger"], serde_json::json!(["-3 days, 0:00:00"]));
    }
    let unit_event = events
        .iter()
        .find(|e| e["uid"] == "tre-2026-assessment-units@tre.local")
        .unwrap();
    assert!(unit_event["description"]
        .as_str()
        .unwrap()
        .contains("còn chưa gửi số liệu: Công an xã ("));
}
