//! Scoring: points of each sub-item from its figures and the catalogue's bands (or by hand
//! where the catalogue does not know them), per-criterion and total scores, and the verdict
//! of the recognition rule with its reasons.

use serde::Serialize;

use super::figure::{band_value, display};
use super::model::{Assessment, Figure, ManualPoints};
use crate::catalog::{fmt_points, Band, Catalog, Criterion, Item, ItemKind};

/// Where an item's points come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(test, derive(ts_rs::TS))]
#[cfg_attr(test, ts(rename = "PointsSource"))]
pub enum Source {
    /// From the figures and a confirmed band.
    Computed,
    /// Entered by hand, with a reason.
    Manual,
    /// Figures entered, but the catalogue does not know the points: to enter by hand.
    NeedsPoints,
    /// Nothing entered yet.
    Missing,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ItemScore {
    pub code: String,
    pub name: String,
    pub kind: ItemKind,
    /// The options of a `choice` item, for the app's select.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(test, ts(as = "Option<Vec<String>>", optional))]
    pub options: Vec<String>,
    /// The unit responsible (the entry's, else the catalogue's).
    pub unit: String,
    pub value: Option<Figure>,
    /// "412/415 (99,28 %)", "" when nothing entered.
    pub display: String,
    pub points: Option<f64>,
    pub max_points: Option<f64>,
    pub source: Source,
    pub confirmed: bool,
    pub reason: String,
    pub evidence: String,
    pub by: String,
    pub at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct CriterionScore {
    pub code: String,
    pub name: String,
    pub max_points: Option<f64>,
    /// Points counted in the total (pending items count 0).
    pub points: f64,
    /// True when every item has points (or the criterion was scored directly).
    pub complete: bool,
    pub met: bool,
    /// Set when the whole criterion was scored by hand.
    pub manual: Option<ManualPoints>,
    pub items: Vec<ItemScore>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Verdict {
    pub recognised: bool,
    /// False while some criterion lacks figures or points: the verdict is provisional.
    pub complete: bool,
    pub category: String,
    pub category_name: String,
    pub threshold: f64,
    pub total: f64,
    /// Vietnamese sentences: why (not) recognised.
    pub reasons: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Scored {
    pub year: i32,
    /// "qd06-2019 2019.1-tre1".
    pub catalog: String,
    pub criteria: Vec<CriterionScore>,
    pub total: f64,
    pub max_total: Option<f64>,
    pub verdict: Verdict,
}

/// The points of `fig` under `item`'s bands: `None` when no band applies and `otherwise` is
/// unknown (then the points are entered by hand).
pub fn band_points(item: &Item, fig: &Figure) -> Option<f64> {
    let (num, den) = band_value(fig)?;
    item.bands
        .iter()
        .find(|b| in_band(b, num, den))
        .map(|b| b.points)
        .or(item.otherwise)
}

/// `min ≤ num/den < max`, exactly: bounds are compared in thousandths, so a band edge of
/// 98 % puts 97.9 % below and 98 % inside, whatever floating point would say.
fn in_band(b: &Band, num: i128, den: i128) -> bool {
    let milli = |x: f64| (x * 1000.0).round() as i128;
    let above_min = b.min.is_none_or(|m| num * 1000 >= milli(m) * den);
    let below_max = b.max.is_none_or(|m| num * 1000 < milli(m) * den);
    above_min && below_max
}

fn score_item(a: &Assessment, item: &Item) -> ItemScore {
    let entry = a.entries.get(&item.code);
    let value = entry.and_then(|e| e.value.clone());
    let manual = entry.and_then(|e| e.manual.clone());
    let computed = value.as_ref().and_then(|v| {
        if item.confirmed || !item.bands.is_empty() || item.otherwise.is_some() {
            band_points(item, v)
        } else {
            None
        }
    });
    // Hand points win: the meeting may correct a computed score, and must say why.
    let (points, source, reason) = match (&manual, computed, &value) {
        (Some(m), _, _) => (Some(m.points), Source::Manual, m.reason.clone()),
        (None, Some(p), _) => (Some(p), Source::Computed, String::new()),
        (None, None, Some(_)) => (None, Source::NeedsPoints, String::new()),
        (None, None, None) => (None, Source::Missing, String::new()),
    };
    ItemScore {
        code: item.code.clone(),
        name: item.name.clone(),
        kind: item.kind,
        options: item.options.clone(),
        unit: entry
            .and_then(|e| e.unit.clone())
            .unwrap_or_else(|| item.unit.clone()),
        display: value.as_ref().map(display).unwrap_or_default(),
        value,
        points,
        max_points: item.max_points,
        source,
        confirmed: item.confirmed,
        reason,
        evidence: entry.map(|e| e.evidence.clone()).unwrap_or_default(),
        by: entry.map(|e| e.by.clone()).unwrap_or_default(),
        at: entry.map(|e| e.at.clone()).unwrap_or_default(),
    }
}

fn score_criterion(a: &Assessment, c: &Criterion) -> CriterionScore {
    let items: Vec<ItemScore> = c.items.iter().map(|i| score_item(a, i)).collect();
    let manual = a.criterion_points.get(&c.code).cloned();
    let (points, complete) = match &manual {
        Some(m) => (m.points, true),
        // `+ 0.0`: an empty f64 sum is -0.0, which the JSON would print as "-0.0".
        None => (
            items.iter().filter_map(|i| i.points).sum::<f64>() + 0.0,
            items.iter().all(|i| i.points.is_some()),
        ),
    };
    let met = complete && points > 0.0 && c.pass_points.is_none_or(|p| points >= p);
    CriterionScore {
        code: c.code.clone(),
        name: c.name.clone(),
        max_points: c.max_points,
        points,
        complete,
        met,
        manual,
        items,
    }
}

/// Scores `a` with `cat` for a commune of threshold category `category` (an id of the rule;
/// an unknown id falls back to the rule's default).
pub fn score(a: &Assessment, cat: &Catalog, category: &str) -> Scored {
    let criteria: Vec<CriterionScore> =
        cat.criteria.iter().map(|c| score_criterion(a, c)).collect();
    let total: f64 = criteria.iter().map(|c| c.points).sum();
    let verdict = verdict(cat, &criteria, total, category);
    Scored {
        year: a.year,
        catalog: cat.label(),
        criteria,
        total,
        max_total: cat.max_total,
        verdict,
    }
}

fn verdict(cat: &Catalog, criteria: &[CriterionScore], total: f64, category: &str) -> Verdict {
    let rule = &cat.rule;
    let cat_ = cat
        .category(category)
        .or_else(|| cat.category(&rule.default_category))
        .or(rule.categories.first());
    let (cat_id, cat_name, threshold) = cat_
        .map(|c| (c.id.clone(), c.name.clone(), c.threshold))
        .unwrap_or_default();
    let mut reasons = Vec::new();
    let mut ok = true;
    for c in criteria {
        if !c.complete {
            let pending: Vec<&str> = c
                .items
                .iter()
                .filter(|i| i.points.is_none())
                .map(|i| i.code.as_str())
                .collect();
            reasons.push(format!(
                "Tiêu chí {} chưa đủ số liệu hoặc điểm (chỉ số {})",
                c.code,
                pending.join(", ")
            ));
            ok = false;
        } else if c.points == 0.0 && rule.no_criterion_zero {
            reasons.push(format!("Tiêu chí {} đạt 0 điểm", c.code));
            ok = false;
        } else if !c.met && rule.all_criteria_met {
            reasons.push(format!(
                "Tiêu chí {} chưa đạt ({} điểm)",
                c.code,
                fmt_points(c.points)
            ));
            ok = false;
        }
    }
    if total < threshold {
        reasons.push(format!(
            "Tổng {} < {}",
            fmt_points(total),
            fmt_points(threshold)
        ));
        ok = false;
    }
    let complete = criteria.iter().all(|c| c.complete);
    if ok {
        reasons.push(format!(
            "Cả {} tiêu chí đều đạt, không tiêu chí nào 0 điểm, tổng {} ≥ {}",
            criteria.len(),
            fmt_points(total),
            fmt_points(threshold)
        ));
    }
    Verdict {
        recognised: ok,
        complete,
        category: cat_id,
        category_name: cat_name,
        threshold,
        total,
        reasons,
    }
}

#[cfg(test)]
mod tests;
