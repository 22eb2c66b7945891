use super::*;
use crate::assess::model::Entry;

fn cat() -> Catalog {
    Catalog::builtin().unwrap()
}

fn rate(n: u64, d: u64) -> Figure {
    Figure::Rate {
        numerator: n,
        denominator: d,
    }
}

fn with(a: &mut Assessment, code: &str, fig: Figure) {
    a.entries.insert(
        code.into(),
        Entry {
            value: Some(fig),
            ..Default::default()
        },
    );
}

fn manual(points: f64) -> ManualPoints {
    ManualPoints {
        points,
        reason: "Theo hướng dẫn của tỉnh".into(),
    }
}

#[test]
fn vaccination_band_edge_is_exact() {
    let c = cat();
    let (_, item) = c.item("7.1").unwrap();
    assert_eq!(band_points(item, &rate(98, 100)), Some(50.0));
    assert_eq!(band_points(item, &rate(49, 50)), Some(50.0)); // 98 % exactly, as a fraction
    assert_eq!(band_points(item, &rate(979, 1000)), None); // 97.9 %: below the known band
    assert_eq!(band_points(item, &rate(9799, 10000)), None);
    assert_eq!(band_points(item, &rate(415, 415)), Some(50.0));
    // 412/415 = 99.28 %
    assert_eq!(band_points(item, &rate(412, 415)), Some(50.0));
}

#[test]
fn every_confirmed_band_edge() {
    let c = cat();
    for (_, item) in c.items().filter(|(_, i)| i.confirmed) {
        for b in &item.bands {
            if let Some(min) = b.min {
                let at = match item.kind {
                    ItemKind::Rate => rate((min * 10.0) as u64, 1000),
                    ItemKind::YesNo => Figure::YesNo(min >= 1.0),
                    _ => Figure::Count(min as u64),
                };
                assert_eq!(
                    band_points(item, &at),
                    Some(b.points),
                    "{} at {min}",
                    item.code
                );
                if min > 0.0 {
                    let below = match item.kind {
                        ItemKind::Rate => rate((min * 10.0) as u64 - 1, 1000),
                        ItemKind::YesNo => Figure::YesNo(false),
                        _ => Figure::Count(min as u64 - 1),
                    };
                    assert_ne!(
                        band_points(item, &below),
                        Some(b.points),
                        "{} below {min}",
                        item.code
                    );
                }
            }
        }
    }
    let (_, help) = c.item("6.1").unwrap();
    assert_eq!(band_points(help, &rate(95, 100)), Some(50.0));
    assert_eq!(band_points(help, &rate(949, 1000)), None);
    let (_, plan) = c.item("6.2").unwrap();
    assert_eq!(band_points(plan, &rate(3, 3)), Some(75.0));
    assert_eq!(band_points(plan, &rate(2, 3)), None);
}

#[test]
fn unconfirmed_items_wait_for_hand_points() {
    let c = cat();
    let mut a = Assessment::new(2026);
    with(&mut a, "9.1", rate(300, 310));
    let s = score(&a, &c, "standard");
    let i = &s.criteria[8].items[0];
    assert_eq!(i.source, Source::NeedsPoints);
    assert_eq!(i.points, None);
    assert!(!s.criteria[8].complete);
    a.entries.get_mut("9.1").unwrap().manual = Some(manual(40.0));
    let s = score(&a, &c, "standard");
    assert_eq!(s.criteria[8].items[0].source, Source::Manual);
    assert_eq!(s.criteria[8].points, 40.0);
}

/// Every criterion scored: known items from figures, the rest by hand, `per_criterion` each.
fn full(per_criterion: f64) -> Assessment {
    let c = cat();
    let mut a = Assessment::new(2026);
    for crit in &c.criteria {
        a.criterion_points
            .insert(crit.code.clone(), manual(per_criterion));
    }
    a
}

#[test]
fn verdict_all_met_per_category() {
    let c = cat();
    // 13 × 70 = 910: enough everywhere.
    let s = score(&full(70.0), &c, "ward-city");
    assert!(s.verdict.recognised, "{:?}", s.verdict.reasons);
    assert!(s.verdict.complete);
    assert_eq!(s.verdict.threshold, 900.0);
    assert_eq!(s.total, 910.0);
    assert!(s.verdict.reasons[0].contains("tổng 910 ≥ 900"));
    // 13 × 66 = 858: a standard commune passes, a ward of a city does not.
    let s = score(&full(66.0), &c, "standard");
    assert!(s.verdict.recognised);
    let s = score(&full(66.0), &c, "ward-city");
    assert!(!s.verdict.recognised);
    assert_eq!(s.verdict.reasons, vec!["Tổng 858 < 900".to_string()]);
    // 13 × 62 = 806: only a disadvantaged commune passes.
    assert!(!score(&full(62.0), &c, "standard").verdict.recognised);
    assert!(score(&full(62.0), &c, "disadvantaged").verdict.recognised);
}

#[test]
fn verdict_below_threshold_per_category() {
    let c = cat();
    for (category, threshold) in [
        ("ward-city", 900.0),
        ("standard", 850.0),
        ("disadvantaged", 800.0),
    ] {
        // One point short of the threshold, spread as evenly as the criteria allow.
        let mut a = full(0.0);
        let per = ((threshold - 1.0) / 13.0_f64).floor();
        for v in a.criterion_points.values_mut() {
            v.points = per;
        }
        let rest = threshold - 1.0 - per * 13.0;
        a.criterion_points.get_mut("1").unwrap().points += rest;
        let s = score(&a, &c, category);
        assert_eq!(s.total, threshold - 1.0);
        assert!(!s.verdict.recognised, "{category}");
        assert_eq!(
            s.verdict.reasons,
            vec![format!("Tổng {} < {}", threshold - 1.0, threshold)]
        );
        a.criterion_points.get_mut("1").unwrap().points += 1.0;
        assert!(
            score(&a, &c, category).verdict.recognised,
            "{category} at the threshold"
        );
    }
}

#[test]
fn verdict_one_criterion_zero() {
    let c = cat();
    let mut a = full(80.0); // 1,040 in all
    a.criterion_points.get_mut("5").unwrap().points = 0.0;
    for category in ["ward-city", "standard", "disadvantaged"] {
        let s = score(&a, &c, category);
        assert_eq!(s.total, 960.0);
        assert!(!s.verdict.recognised);
        assert_eq!(s.verdict.reasons, vec!["Tiêu chí 5 đạt 0 điểm".to_string()]);
    }
}

#[test]
fn computed_and_hand_points_add_up() {
    let c = cat();
    let mut a = Assessment::new(2026);
    with(&mut a, "7.1", rate(412, 415));
    with(&mut a, "6.1", rate(19, 20));
    with(&mut a, "6.2", rate(2, 2));
    with(&mut a, "1.1", Figure::YesNo(true));
    with(&mut a, "1.2", Figure::YesNo(true));
    with(&mut a, "1.3", Figure::Choice("Hằng quý".into()));
    a.entries.get_mut("1.3").unwrap().manual = Some(manual(10.0));
    with(&mut a, "1.4", Figure::YesNo(true));
    a.entries.get_mut("1.4").unwrap().manual = Some(manual(20.0));
    let s = score(&a, &c, "standard");
    assert_eq!(s.criteria[6].points, 50.0);
    assert_eq!(s.criteria[5].points, 125.0);
    assert_eq!(s.criteria[0].points, 95.0);
    assert!(s.criteria[0].complete && s.criteria[0].met);
    assert_eq!(s.total, 270.0);
    assert!(!s.verdict.complete);
    assert!(s
        .verdict
        .reasons
        .iter()
        .any(|r| r == "Tiêu chí 2 chưa đủ số liệu hoặc điểm (chỉ số 2.1)"));
    assert!(s.verdict.reasons.iter().any(|r| r == "Tổng 270 < 850"));
}

#[test]
fn a_pass_mark_in_the_catalogue_is_applied() {
    let mut c = cat();
    c.criteria[6].pass_points = Some(50.0);
    let mut a = full(70.0);
    a.criterion_points.get_mut("7").unwrap().points = 40.0;
    let s = score(&a, &c, "standard");
    assert!(!s.criteria[6].met);
    assert!(s
        .verdict
        .reasons
        .contains(&"Tiêu chí 7 chưa đạt (40 điểm)".to_string()));
}
