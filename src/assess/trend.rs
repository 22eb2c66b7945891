//! Trends across years: every stored year's assessment scored with the catalogue in use (the
//! same `score` as the year's own page, so a corrected catalogue re-scores the past too), as
//! one series per criterion and per sub-item. A year with nothing entered for a criterion or
//! a sub-item is absent from its series, never a zero: "no figures" and "0 points" differ.

use serde::Serialize;

use super::figure::percent;
use super::model::{Assessment, Figure};
use super::score::{score, CriterionScore, ItemScore, Source};
use crate::catalog::{Catalog, ItemKind};

#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Trends {
    /// "qd06-2019 2019.1-tre1": the catalogue every year was scored with.
    pub catalog: String,
    /// The years with any figure or points, oldest first.
    pub years: Vec<i32>,
    /// The total of each of those years.
    pub totals: Vec<YearTotal>,
    /// One per criterion of the catalogue, in its order.
    pub criteria: Vec<CriterionTrend>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct YearTotal {
    pub year: i32,
    pub total: f64,
    /// False while some criterion of that year lacks figures or points.
    pub complete: bool,
    pub recognised: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct CriterionTrend {
    pub code: String,
    pub name: String,
    pub max_points: Option<f64>,
    /// The years with data for this criterion, oldest first.
    pub points: Vec<CriterionPoint>,
    pub items: Vec<ItemTrend>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct CriterionPoint {
    pub year: i32,
    /// Points counted in that year's total (pending sub-items count 0).
    pub points: f64,
    pub max_points: Option<f64>,
    pub complete: bool,
    /// Scored by hand as a whole that year.
    pub manual: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ItemTrend {
    pub code: String,
    pub name: String,
    pub kind: ItemKind,
    pub max_points: Option<f64>,
    /// The years with a figure or hand points for this sub-item, oldest first.
    pub points: Vec<ItemPoint>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ItemPoint {
    pub year: i32,
    /// "412/415 (99,28 %)", "có", "3"; "" when only hand points were entered.
    pub display: String,
    /// The percentage of a rate (99.28), for drawing; `None` for other kinds.
    pub rate: Option<f64>,
    /// `None` while the catalogue does not know the points and none were entered by hand.
    pub points: Option<f64>,
    pub max_points: Option<f64>,
    pub source: Source,
}

/// The trends of `years` (any order) scored with `cat` for threshold category `category`.
pub fn trends(cat: &Catalog, category: &str, years: &[Assessment]) -> Trends {
    let mut sorted: Vec<&Assessment> = years.iter().collect();
    sorted.sort_by_key(|a| a.year);
    let scored: Vec<_> = sorted.iter().map(|a| score(a, cat, category)).collect();
    let mut out = Trends {
        catalog: cat.label(),
        ..Default::default()
    };
    for c in &cat.criteria {
        out.criteria.push(CriterionTrend {
            code: c.code.clone(),
            name: c.name.clone(),
            max_points: c.max_points,
            points: Vec::new(),
            items: c
                .items
                .iter()
                .map(|i| ItemTrend {
                    code: i.code.clone(),
                    name: i.name.clone(),
                    kind: i.kind,
                    max_points: i.max_points,
                    points: Vec::new(),
                })
                .collect(),
        });
    }
    for s in &scored {
        let mut any = false;
        // `scored.criteria` follows the catalogue's order, as `out.criteria` does.
        for (trend, c) in out.criteria.iter_mut().zip(&s.criteria) {
            for (it_trend, it) in trend.items.iter_mut().zip(&c.items) {
                if let Some(p) = item_point(s.year, it) {
                    it_trend.points.push(p);
                }
            }
            if has_data(c) {
                any = true;
                trend.points.push(CriterionPoint {
                    year: s.year,
                    points: c.points,
                    max_points: c.max_points,
                    complete: c.complete,
                    manual: c.manual.is_some(),
                });
            }
        }
        if any {
            out.years.push(s.year);
            out.totals.push(YearTotal {
                year: s.year,
                total: s.total,
                complete: s.verdict.complete,
                recognised: s.verdict.recognised,
            });
        }
    }
    out
}

/// A criterion has data in a year when it was scored as a whole or any sub-item has a
/// figure or hand points.
fn has_data(c: &CriterionScore) -> bool {
    c.manual.is_some() || c.items.iter().any(|i| i.source != Source::Missing)
}

fn item_point(year: i32, it: &ItemScore) -> Option<ItemPoint> {
    if it.source == Source::Missing {
        return None;
    }
    let rate = match &it.value {
        Some(Figure::Rate {
            numerator,
            denominator,
        }) => percent(*numerator, *denominator),
        _ => None,
    };
    Some(ItemPoint {
        year,
        display: it.display.clone(),
        rate,
        points: it.points,
        max_points: it.max_points,
        source: it.source,
    })
}

impl Trends {
    /// The same trends with only the years up to `year`: what a report of that year can say.
    pub fn up_to(&self, year: i32) -> Trends {
        let mut t = self.clone();
        t.years.retain(|y| *y <= year);
        t.totals.retain(|p| p.year <= year);
        for c in &mut t.criteria {
            c.points.retain(|p| p.year <= year);
            for i in &mut c.items {
                i.points.retain(|p| p.year <= year);
            }
        }
        t
    }

    /// The points of criterion `code` in `year`, `None` when that year has no data for it.
    pub fn criterion_points(&self, code: &str, year: i32) -> Option<&CriterionPoint> {
        self.criteria
            .iter()
            .find(|c| c.code == code)?
            .points
            .iter()
            .find(|p| p.year == year)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assess::model::{Entry, ManualPoints};

    fn rate(n: u64, d: u64) -> Figure {
        Figure::Rate {
            numerator: n,
            denominator: d,
        }
    }

    fn set(a: &mut Assessment, code: &str, fig: Figure) {
        a.entries.insert(
            code.into(),
            Entry {
                value: Some(fig),
                ..Default::default()
            },
        );
    }

    /// Three years, given out of order: 2024 with vaccination below the band, 2025 with
    /// criterion 3 scored by hand, 2026 with the top band and criterion 1 only partly filled.
    fn three_years() -> Vec<Assessment> {
        let mut a24 = Assessment::new(2024);
        set(&mut a24, "7.1", rate(900, 1000));
        set(&mut a24, "6.1", rate(10, 10));
        let mut a25 = Assessment::new(2025);
        set(&mut a25, "7.1", rate(98, 100));
        a25.criterion_points.insert(
            "3".into(),
            ManualPoints {
                points: 40.0,
                reason: "Theo hướng dẫn của tỉnh".into(),
            },
        );
        let mut a26 = Assessment::new(2026);
        set(&mut a26, "7.1", rate(412, 415));
        set(&mut a26, "1.1", Figure::YesNo(true));
        vec![a26, a24, a25]
    }

    #[test]
    fn every_year_scored_with_the_catalogue_oldest_first() {
        let cat = Catalog::builtin().unwrap();
        let t = trends(&cat, &cat.rule.default_category, &three_years());
        assert_eq!(t.years, vec![2024, 2025, 2026]);
        let c7 = t.criteria.iter().find(|c| c.code == "7").unwrap();
        let pts: Vec<(i32, f64)> = c7.points.iter().map(|p| (p.year, p.points)).collect();
        // 90 % is below the only confirmed band (≥ 98 %): 0 points, but a year with data.
        assert_eq!(pts, vec![(2024, 0.0), (2025, 50.0), (2026, 50.0)]);
        let i71 = &c7.items[0];
        assert_eq!(i71.points.len(), 3);
        assert_eq!(i71.points[2].display, "412/415 (99,28 %)");
        assert!((i71.points[2].rate.unwrap() - 99.277).abs() < 0.01);
        assert_eq!(i71.points[0].points, None);
        assert_eq!(i71.points[0].source, Source::NeedsPoints);
        assert_eq!(i71.points[1].points, Some(50.0));
        assert_eq!(i71.points[1].max_points, Some(50.0));
        let totals: Vec<(i32, f64)> = t.totals.iter().map(|p| (p.year, p.total)).collect();
        assert_eq!(totals, vec![(2024, 50.0), (2025, 90.0), (2026, 100.0)]);
        assert!(t.totals.iter().all(|p| !p.complete && !p.recognised));
    }

    #[test]
    fn years_without_data_are_absent_not_zero() {
        let cat = Catalog::builtin().unwrap();
        let t = trends(&cat, &cat.rule.default_category, &three_years());
        let c3 = t.criteria.iter().find(|c| c.code == "3").unwrap();
        assert_eq!(c3.points.len(), 1);
        assert_eq!(c3.points[0].year, 2025);
        assert!(c3.points[0].manual && c3.points[0].complete);
        // Scored as a whole: its sub-item has no figure, so no point of its own.
        assert!(c3.items[0].points.is_empty());
        let c6 = t.criteria.iter().find(|c| c.code == "6").unwrap();
        assert_eq!(c6.points.iter().map(|p| p.year).collect::<Vec<_>>(), [2024]);
        assert!(c6.items[1].points.is_empty());
        let c1 = t.criteria.iter().find(|c| c.code == "1").unwrap();
        assert_eq!(c1.points.len(), 1);
        assert!(!c1.points[0].complete);
        assert_eq!(c1.points[0].points, 50.0);
        assert_eq!(t.criterion_points("1", 2025), None);
        assert_eq!(t.criterion_points("7", 2025).unwrap().points, 50.0);
        // A stored year with nothing entered (only the meeting, say) is no year of the trend.
        let mut years = three_years();
        years.push(Assessment::new(2023));
        let t = trends(&cat, &cat.rule.default_category, &years);
        assert_eq!(t.years, vec![2024, 2025, 2026]);
    }

    #[test]
    fn up_to_a_year_drops_the_later_ones() {
        let cat = Catalog::builtin().unwrap();
        let t = trends(&cat, &cat.rule.default_category, &three_years()).up_to(2025);
        assert_eq!(t.years, vec![2024, 2025]);
        assert_eq!(t.totals.len(), 2);
        let c7 = t.criteria.iter().find(|c| c.code == "7").unwrap();
        assert_eq!(c7.points.len(), 2);
        assert_eq!(c7.items[0].points.len(), 2);
        assert!(trends(&cat, "x", &[]).years.is_empty());
    }
}
