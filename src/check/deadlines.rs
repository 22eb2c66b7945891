//! The plan's deadlines: none before the plan itself, none after its year, and what the
//! units send the commune due before what the commune sends upward.

use chrono::NaiveDate;

use super::doc::{Doc, Out};
use super::finding::{Finding, Severity};
use super::scan::{fold, vn_date};
use crate::model::Deadline;

/// Words of a deadline sent to a body above the commune.
const TO_SUPERIOR: &[&str] = &[
    "sở y tế",
    "ubnd tỉnh",
    "ủy ban nhân dân tỉnh",
    "uỷ ban nhân dân tỉnh",
    "ubnd huyện",
    "ủy ban nhân dân huyện",
    "uỷ ban nhân dân huyện",
    "phòng lđtbxh",
    "phòng lao động",
    "sở lđtbxh",
    "sở lao động",
    "cấp trên",
];

/// Words of a deadline sent to the commune by its units.
const TO_COMMUNE: &[&str] = &[
    "ubnd xã",
    "ủy ban nhân dân xã",
    "uỷ ban nhân dân xã",
    "ubnd phường",
    "ủy ban nhân dân phường",
    "về xã",
    "phòng văn hóa - xã hội",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Direction {
    ToCommune,
    ToSuperior,
    Other,
}

fn direction(d: &Deadline) -> Direction {
    // The text says where it goes; the unit field names who sends it.
    let text = fold(&d.text);
    if TO_SUPERIOR.iter().any(|w| text.contains(w)) {
        Direction::ToSuperior
    } else if TO_COMMUNE.iter().any(|w| text.contains(w)) {
        Direction::ToCommune
    } else {
        Direction::Other
    }
}

pub fn check(doc: &Doc, out: &mut Out) {
    let Some(plan) = doc.plan else {
        return;
    };
    let earliest = doc.earliest_day();
    let act = doc.activity_year();
    let mut dated: Vec<(usize, NaiveDate, Direction)> = Vec::new();
    for (i, d) in plan.deadlines.iter().enumerate() {
        let Ok(date) = NaiveDate::parse_from_str(d.date.trim(), "%Y-%m-%d") else {
            let f = Finding::new(
                Severity::Error,
                "deadline-invalid",
                "Thời hạn không phải một ngày có trong lịch; hãy sửa lại.",
            )
            .excerpt(&d.date);
            out.at("deadlines", Some("date"), Some(i), None, f);
            continue;
        };
        dated.push((i, date, direction(d)));
        if earliest.is_some_and(|e| date < e) {
            let f = Finding::new(
                Severity::Warning,
                "deadline-before-plan",
                "Thời hạn đã qua trước ngày ban hành kế hoạch: có thể còn sót khi sao chép, hoặc gõ nhầm.",
            )
            .excerpt(vn_date(date));
            out.at("deadlines", Some("date"), Some(i), None, f);
        } else if let Some(end) = act.and_then(|y| NaiveDate::from_ymd_opt(y, 12, 31)) {
            if date > end {
                let f = Finding::new(
                    Severity::Warning,
                    "deadline-after-year",
                    format!(
                        "Thời hạn sau ngày 31/12/{}, ngoài năm của kế hoạch.",
                        act.unwrap_or_default()
                    ),
                )
                .excerpt(vn_date(date));
                out.at("deadlines", Some("date"), Some(i), None, f);
            }
        }
    }
    // Units → commune must come before commune → superior. A plan may have several rounds
    // (a 6-month report in June, the yearly one in November): a unit's deadline belongs to
    // the first report upward due no more than a month before it or later.
    for (i, date, dir) in &dated {
        if *dir != Direction::ToCommune {
            continue;
        }
        let window = *date - chrono::Days::new(30);
        let report = dated
            .iter()
            .filter(|(_, d, dir)| *dir == Direction::ToSuperior && *d >= window)
            .map(|(_, d, _)| *d)
            .min();
        if let Some(up) = report.filter(|up| date >= up) {
            let f = Finding::new(
                Severity::Warning,
                "deadline-order",
                format!(
                    "Hạn các đơn vị gửi xã ({}) không trước hạn xã gửi cấp trên ({}): xã cần thời gian tổng hợp; hãy đặt hạn của đơn vị sớm hơn.",
                    vn_date(*date),
                    vn_date(up),
                ),
            )
            .excerpt(vn_date(*date));
            out.at("deadlines", Some("date"), Some(*i), None, f);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{check_plan, CheckContext};
    use crate::model::{Deadline, DocDate, Plan, Signer};

    fn plan(day: Option<u32>, month: u32, deadlines: &[(&str, &str)]) -> Plan {
        Plan {
            doc_type: "KẾ HOẠCH".into(),
            authority: None,
            number: None,
            symbol: "KH-UBND".into(),
            place: "Minh Hòa".into(),
            date: DocDate {
                day,
                month,
                year: 2026,
            },
            title: "Kế hoạch năm 2026".into(),
            bases: vec![],
            intro: String::new(),
            sections: vec![],
            closing: "Trên đây là Kế hoạch./.".into(),
            recipients: vec!["Lưu: VT, VHXH".into()],
            signer: Signer {
                titles: vec!["KT. CHỦ TỊCH".into(), "PHÓ CHỦ TỊCH".into()],
                name: "Lê Thị Hương".into(),
            },
            deadlines: deadlines
                .iter()
                .map(|(date, text)| Deadline {
                    date: (*date).into(),
                    text: (*text).into(),
                    section: "IV".into(),
                    unit: None,
                })
                .collect(),
            events: vec![],
            references: vec![],
        }
    }

    fn codes(p: &Plan) -> Vec<String> {
        check_plan(p, &CheckContext::default())
            .into_iter()
            .filter(|f| f.section == "deadlines")
            .map(|f| f.code)
            .collect()
    }

    #[test]
    fn units_before_commune_before_superior() {
        let ok = plan(
            None,
            4,
            &[
                ("2026-11-10", "Các đơn vị gửi hồ sơ về UBND xã"),
                ("2026-11-15", "Gửi hồ sơ về Sở Y tế"),
            ],
        );
        assert!(codes(&ok).is_empty());
        let late = plan(
            None,
            4,
            &[
                ("2026-11-18", "Các đơn vị gửi hồ sơ về UBND xã"),
                ("2026-11-15", "Gửi hồ sơ về Sở Y tế"),
            ],
        );
        assert_eq!(codes(&late), vec!["deadline-order"]);
        // A June report upward does not make the November data late.
        let rounds = plan(
            None,
            4,
            &[
                ("2026-06-10", "Báo cáo 6 tháng gửi Sở Y tế"),
                ("2026-11-10", "Các thôn gửi báo cáo về UBND xã"),
                ("2026-11-15", "Báo cáo năm gửi Sở Y tế"),
            ],
        );
        assert!(codes(&rounds).is_empty());
    }

    #[test]
    fn deadlines_in_the_past_or_after_the_year() {
        // Day known: 10/4 is before 15/4; day blank: only months before April count.
        let p = plan(Some(15), 4, &[("2026-04-10", "Gửi báo cáo")]);
        assert_eq!(codes(&p), vec!["deadline-before-plan"]);
        let p = plan(None, 4, &[("2026-04-10", "Gửi báo cáo")]);
        assert!(codes(&p).is_empty());
        let p = plan(None, 4, &[("2025-11-15", "Gửi báo cáo")]);
        assert_eq!(codes(&p), vec!["deadline-before-plan"]);
        let p = plan(None, 4, &[("2027-01-15", "Gửi báo cáo")]);
        assert_eq!(codes(&p), vec!["deadline-after-year"]);
    }
}
