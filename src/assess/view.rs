//! Everything the "Tự đánh giá" page and `assess show` display for one year, in one value.

use serde::Serialize;

use super::model::{Assessment, Schedule};
use super::score::{score, Scored};
use super::trend::{trends, Trends};
use super::units::{unit_statuses, UnitStatus};
use crate::catalog::Catalog;
use crate::error::{Error, Result};
use crate::model::Commune;
use crate::store::Store;

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Overview {
    /// "xã Minh Hòa".
    pub commune: String,
    pub catalog_name: String,
    pub catalog_note: String,
    /// The legal source of the catalogue, as documents cite it.
    pub catalog_source: String,
    #[serde(flatten)]
    pub scored: Scored,
    pub units: Vec<UnitStatus>,
    /// The steps' dates with the defaults filled in (ISO).
    pub schedule: Schedule,
    /// True when the units' date has passed and some unit has not sent its figures.
    pub units_late: bool,
    pub assessment: Assessment,
    /// The catalogue it was scored with, for exports that print it whole (the XLSX
    /// "Danh mục tiêu chí" sheet); not part of the JSON the UI and `assess show` get.
    #[serde(skip)]
    pub catalog: Catalog,
    /// Every stored year scored with the same catalogue, for the report's "Kết quả qua các
    /// năm": filled by `document_overview` only (the page asks for it on its own,
    /// `Session::assessment_trends`).
    #[serde(skip)]
    pub trends: Trends,
}

/// The dates of the steps, defaults taken from docs/domain.md, the officer's year: units by
/// 10/11, the dossier by 15/11; the meeting and the notice between them. The officer can move
/// each.
pub fn schedule_with_defaults(a: &Assessment) -> Schedule {
    let y = a.year;
    let or = |v: &Option<String>, md: &str| Some(v.clone().unwrap_or_else(|| format!("{y}-{md}")));
    Schedule {
        units_due: or(&a.schedule.units_due, "11-10"),
        meeting_due: or(&a.schedule.meeting_due, "11-12"),
        notice_due: or(&a.schedule.notice_due, "11-13"),
        dossier_due: or(&a.schedule.dossier_due, "11-15"),
        notice_days: Some(a.schedule.notice_days.unwrap_or(DEFAULT_NOTICE_DAYS)),
    }
}

/// Days the public notice stays posted when the officer has not said. Not a legal fact: no
/// source at hand gives the period for QĐ 06 (docs/domain.md), so it is a setting
/// (`tre assess doc notice --days N`); five days leaves time for comments before the
/// dossier is due.
pub const DEFAULT_NOTICE_DAYS: u32 = 5;

/// The commune's threshold category, or the rule's default.
pub fn category_of(commune: &Commune, cat: &Catalog) -> String {
    commune
        .category
        .clone()
        .filter(|c| cat.category(c).is_some())
        .unwrap_or_else(|| cat.rule.default_category.clone())
}

/// Refuses a threshold category the recognition rule does not know, listing those it does.
pub fn check_category(commune: &Commune, cat: &Catalog) -> Result<()> {
    match &commune.category {
        Some(id) if cat.category(id).is_none() => {
            let known: Vec<String> = cat
                .rule
                .categories
                .iter()
                .map(|k| format!("{} ({}, {} điểm)", k.id, k.name, k.threshold))
                .collect();
            Err(Error::Invalid(format!(
                "Loại xã “{id}” không có. Các loại: {}.",
                known.join("; ")
            )))
        }
        _ => Ok(()),
    }
}

pub fn build(
    commune: &Commune,
    cat: &Catalog,
    a: Assessment,
    today: chrono::NaiveDate,
) -> Overview {
    let scored = score(&a, cat, &category_of(commune, cat));
    let units = unit_statuses(&scored, commune);
    let schedule = schedule_with_defaults(&a);
    let due = schedule
        .units_due
        .as_deref()
        .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
    let units_late = due.is_some_and(|d| today > d) && units.iter().any(|u| !u.done());
    Overview {
        commune: commune.full_name(),
        catalog_name: cat.name.clone(),
        catalog_note: cat.note.clone(),
        catalog_source: cat.source.clone(),
        scored,
        units,
        schedule,
        units_late,
        assessment: a,
        catalog: cat.clone(),
        trends: Trends::default(),
    }
}

/// The overview of `year` from the store (an empty assessment if nothing is entered yet).
pub fn overview(store: &Store, year: i32, today: chrono::NaiveDate) -> Result<Overview> {
    crate::model::date::check_year(year)?;
    let commune = store.commune()?.ok_or(Error::NoCommune)?;
    let cat = store.catalog()?;
    let a = store
        .assessment(year)?
        .unwrap_or_else(|| Assessment::new(year));
    Ok(build(&commune, &cat, a, today))
}

/// The overview with every stored year scored beside it, for what prints the report's
/// "Kết quả qua các năm" or counts its pages. The page and each autosave take `overview`,
/// which does not load and score the other years.
pub fn document_overview(store: &Store, year: i32, today: chrono::NaiveDate) -> Result<Overview> {
    let mut ov = overview(store, year, today)?;
    let commune = store.commune()?.ok_or(Error::NoCommune)?;
    ov.trends = trends(
        &ov.catalog,
        &category_of(&commune, &ov.catalog),
        &store.assessments()?,
    );
    Ok(ov)
}
