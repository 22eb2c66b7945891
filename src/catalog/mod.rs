//! The criteria catalogue of a "xã phù hợp với trẻ em" (QĐ 06/QĐ-TTg, 2019): the 13 tiêu chí,
//! their sub-items, bands, points and the recognition rule.
//!
//! docs/domain.md, "What is known and what is not": most points of QĐ 06 are unknown and a
//! replacement decision may come, so all of this is data (`assets/criteria/qd06-2019.json`),
//! validated on load, replaceable by a file the province sends (see `import`). An item whose
//! points are unknown is `confirmed: false` and carries no bands: its points are entered by
//! hand with a reason.

mod import;
mod validate;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

pub use import::catalog_from_file;
pub use validate::validate;

/// The catalogue format this build reads (`"format"` in the file).
pub const FORMAT: u32 = 1;

/// The catalogue shipped with Tre.
const BUILTIN: &str = include_str!("../../assets/criteria/qd06-2019.json");

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Catalog {
    pub format: u32,
    /// Stable id of the standard ("qd06-2019"); a catalogue for another standard has another id.
    pub id: String,
    /// Edition of this file; a province's correction bumps it.
    pub version: String,
    pub name: String,
    /// The legal source, printed in documents.
    #[serde(default)]
    pub source: String,
    #[serde(default)]
    pub note: String,
    /// Maximum total when known (the 2010 standard had 1,000; QĐ 06's is unknown).
    #[serde(default)]
    pub max_total: Option<f64>,
    pub rule: Rule,
    pub criteria: Vec<Criterion>,
}

/// The recognition rule (Quy định, Điều 3), as data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Rule {
    /// (1) every criterion met.
    pub all_criteria_met: bool,
    /// (2) no criterion at 0 points.
    pub no_criterion_zero: bool,
    /// (3) total ≥ the threshold of the commune's category.
    pub categories: Vec<Category>,
    pub default_category: String,
    #[serde(default)]
    pub confirmed: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Category {
    pub id: String,
    pub name: String,
    pub threshold: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Criterion {
    /// "1" … "13".
    pub code: String,
    pub name: String,
    #[serde(default)]
    pub max_points: Option<f64>,
    /// Points a criterion needs to be "đạt", when known; unknown → met when scored above 0.
    #[serde(default)]
    pub pass_points: Option<f64>,
    #[serde(default)]
    pub confirmed: bool,
    pub items: Vec<Item>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub enum ItemKind {
    /// Có / không.
    YesNo,
    /// A number of cases (≥ 0).
    Count,
    /// Numerator of denominator, scored on the percentage.
    Rate,
    /// One of `options`.
    Choice,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Item {
    /// "7.1": the criterion's code, a dot, a number.
    pub code: String,
    pub name: String,
    pub kind: ItemKind,
    /// The unit that usually reports it ("Trạm Y tế"), matched against the commune's units.
    #[serde(default)]
    pub unit: String,
    /// Options of a `choice` item.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<String>,
    #[serde(default)]
    pub max_points: Option<f64>,
    /// Known bands; a value in no band takes `otherwise`, and if that is unknown too its
    /// points are entered by hand.
    #[serde(default)]
    pub bands: Vec<Band>,
    #[serde(default)]
    pub otherwise: Option<f64>,
    /// True when the bands listed are known from the decision.
    #[serde(default)]
    pub confirmed: bool,
}

/// `min ≤ x < max` → `points`. For a rate, x is the percentage; for yes/no, 1 = có, 0 = không;
/// for a count, the count. `None` = unbounded on that side.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Band {
    #[serde(default)]
    pub min: Option<f64>,
    #[serde(default)]
    pub max: Option<f64>,
    pub points: f64,
}

impl Catalog {
    /// The catalogue shipped in `assets/`. It is validated by a test, so this cannot fail in a
    /// released build; the error path exists for a broken development build.
    pub fn builtin() -> Result<Catalog> {
        parse_json(BUILTIN, "danh mục tiêu chí có sẵn")
    }

    pub fn criterion(&self, code: &str) -> Option<&Criterion> {
        self.criteria.iter().find(|c| c.code == code)
    }

    pub fn item(&self, code: &str) -> Option<(&Criterion, &Item)> {
        self.criteria
            .iter()
            .find_map(|c| c.items.iter().find(|i| i.code == code).map(|i| (c, i)))
    }

    pub fn items(&self) -> impl Iterator<Item = (&Criterion, &Item)> {
        self.criteria
            .iter()
            .flat_map(|c| c.items.iter().map(move |i| (c, i)))
    }

    pub fn category(&self, id: &str) -> Option<&Category> {
        self.rule.categories.iter().find(|c| c.id == id)
    }

    /// "qd06-2019 2019.1-tre1": what an assessment records it was scored with.
    pub fn label(&self) -> String {
        format!("{} {}", self.id, self.version)
    }
}

/// Parses and validates a catalogue's JSON; `what` names the source in the message.
pub fn parse_json(json: &str, what: &str) -> Result<Catalog> {
    let cat: Catalog = serde_json::from_str(&crate::text::nfc_text(json)).map_err(|e| {
        Error::Invalid(format!(
            "{what} không đúng định dạng danh mục tiêu chí ({e}). Hãy dùng tệp JSON hoặc XLSX do Tre xuất ra hoặc do tỉnh gửi."
        ))
    })?;
    validate(&cat).map_err(|e| Error::Invalid(format!("{what} không hợp lệ: {e}")))?;
    Ok(cat)
}

/// A number as the officer reads it: "50", "12,5".
pub fn fmt_points(p: f64) -> String {
    if p.fract() == 0.0 {
        format!("{}", p as i64)
    } else {
        format!("{p:.1}").replace('.', ",")
    }
}

/// The inverse of `fmt_points` for what people type or a sheet holds: "12,5" or "12.5";
/// `None` unless it is a finite number. Callers trim what they accept with spaces.
pub fn parse_decimal(text: &str) -> Option<f64> {
    text.replace(',', ".")
        .parse::<f64>()
        .ok()
        .filter(|x| x.is_finite())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_catalogue_is_valid_and_has_13_criteria() {
        let c = Catalog::builtin().unwrap();
        assert_eq!(c.criteria.len(), 13);
        assert_eq!(c.category("standard").unwrap().threshold, 850.0);
        assert_eq!(c.category("ward-city").unwrap().threshold, 900.0);
        assert_eq!(c.category("disadvantaged").unwrap().threshold, 800.0);
        let (_, vacc) = c.item("7.1").unwrap();
        assert!(vacc.confirmed);
        assert_eq!(vacc.bands[0].min, Some(98.0));
    }

    #[test]
    fn unknown_points_are_not_invented() {
        let c = Catalog::builtin().unwrap();
        for (crit, item) in c.items() {
            if !item.confirmed {
                assert!(
                    item.bands.is_empty(),
                    "{} has bands but is unconfirmed",
                    item.code
                );
                assert!(item.otherwise.is_none());
            }
            if ["2", "3", "4", "5", "8", "9", "10", "11", "12", "13"].contains(&crit.code.as_str())
            {
                assert!(
                    !crit.confirmed && crit.max_points.is_none(),
                    "{}",
                    crit.code
                );
            }
        }
        assert!(c.max_total.is_none());
    }

    #[test]
    fn points_print_the_vietnamese_way() {
        assert_eq!(fmt_points(50.0), "50");
        assert_eq!(fmt_points(12.5), "12,5");
        assert_eq!(parse_decimal("12,5"), Some(12.5));
        assert_eq!(parse_decimal("12.5"), Some(12.5));
        assert_eq!(parse_decimal("inf"), None);
        assert_eq!(parse_decimal("ba"), None);
    }
}
