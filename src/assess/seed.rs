//! Seeding a past year from its score table (`xlsx::read_score_table`: Tre's own "Bảng điểm",
//! or a province's with the same columns). Figures are taken where the table has them, so
//! the year is re-scored with the catalogue like any other; where the table's points differ
//! from what the catalogue gives (points entered by hand that year, or a criterion scored as a
//! whole), the table's points are kept as hand points with the reason saying where they came
//! from, so the year shows what was reported. Nothing here touches the store.

use serde::Serialize;

use super::figure::{check_figure, parse_figure};
use super::model::{Assessment, Entry, Figure, ManualPoints};
use super::score::score;
use crate::catalog::{fmt_points, Catalog, Item, ItemKind};
use crate::error::{Error, Result};
use crate::xlsx::{ScoreItem, ScoreSheet};

/// What a score table's import did, for the message after it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ScoreImport {
    pub year: i32,
    /// Sub-items whose figures were taken.
    pub figures: usize,
    /// Sub-items whose points were kept from the table (by hand).
    pub manual_items: usize,
    /// Criteria whose points were kept as a whole from the table.
    pub manual_criteria: usize,
    /// The total Tre computes for the year now.
    pub total: f64,
    /// The table's own total, when it has one.
    pub sheet_total: Option<f64>,
    /// Codes in the table that the catalogue in use does not have (not imported).
    pub skipped: Vec<String>,
    /// Vietnamese sentences: the table's commune or total differ, and so on.
    pub notes: Vec<String>,
}

/// Close enough to be the same points: the table's numbers went through a spreadsheet.
fn same(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-6
}

/// `year`'s assessment seeded from `sheet` on top of `base` (whose entries and criterion
/// points are replaced; its meeting, documents and schedule stay). `source` names the file in
/// the reasons of hand points; `by` and `at` are recorded on each entry.
pub fn seed(
    sheet: &ScoreSheet,
    cat: &Catalog,
    mut base: Assessment,
    source: &str,
    by: &str,
    at: &str,
) -> Result<(Assessment, ScoreImport)> {
    let year = base.year;
    base.entries.clear();
    base.criterion_points.clear();
    let reason = format!("Theo bảng điểm năm {year} đã gửi ({source})");
    let mut report = ScoreImport {
        year,
        figures: 0,
        manual_items: 0,
        manual_criteria: 0,
        total: 0.0,
        sheet_total: sheet.total,
        skipped: Vec::new(),
        notes: Vec::new(),
    };
    let mut errors = Vec::new();
    for c in &sheet.criteria {
        if cat.criterion(&c.code).is_none() {
            report.skipped.push(c.code.clone());
        }
        for it in &c.items {
            let Some((_, item)) = cat.item(&it.code) else {
                report.skipped.push(it.code.clone());
                continue;
            };
            let value = match figure_of(item, it) {
                Ok(v) => v,
                Err(e) => {
                    errors.push(e);
                    continue;
                }
            };
            if value.is_none() && it.points.is_none() {
                continue;
            }
            report.figures += usize::from(value.is_some());
            base.entries.insert(
                it.code.clone(),
                Entry {
                    value,
                    by: by.to_string(),
                    at: at.to_string(),
                    ..Default::default()
                },
            );
        }
    }
    if !errors.is_empty() {
        return Err(Error::Invalid(format!(
            "Bảng điểm có số liệu không dùng được, chưa ghi gì: {}. Hãy sửa các ô này rồi nhập lại.",
            errors.join("; ")
        )));
    }
    let category = cat.rule.default_category.clone();
    // Sub-items first: where the catalogue gives other points than the table (or none), the
    // table's points are kept by hand.
    let scored = score(&base, cat, &category);
    for c in &sheet.criteria {
        for it in &c.items {
            let Some(points) = it.points else { continue };
            let now = scored
                .criteria
                .iter()
                .flat_map(|c| &c.items)
                .find(|i| i.code == it.code);
            let Some(now) = now else { continue };
            if now.points.is_none_or(|p| !same(p, points)) {
                if let Some(e) = base.entries.get_mut(&it.code) {
                    e.manual = Some(ManualPoints {
                        points,
                        reason: reason.clone(),
                    });
                    report.manual_items += 1;
                }
            }
        }
    }
    // Then criteria: a criterion scored as a whole that year has points its sub-items do not
    // add up to. A criterion whose sub-items are all blank is the same case.
    let scored = score(&base, cat, &category);
    for c in &sheet.criteria {
        let Some(points) = c.points else { continue };
        let Some(now) = scored.criteria.iter().find(|s| s.code == c.code) else {
            continue;
        };
        let items_blank = c.items.iter().all(|i| i.points.is_none());
        if !same(now.points, points) || (items_blank && !c.items.is_empty() && points > 0.0) {
            base.criterion_points.insert(
                c.code.clone(),
                ManualPoints {
                    points,
                    reason: reason.clone(),
                },
            );
            report.manual_criteria += 1;
        }
    }
    let scored = score(&base, cat, &category);
    report.total = scored.total;
    if let Some(t) = sheet.total.filter(|t| !same(*t, scored.total)) {
        report.notes.push(format!(
            "Dòng “Tổng cộng” của bảng ghi {} điểm, còn cộng điểm các tiêu chí được {} điểm; Tre dùng điểm từng tiêu chí.",
            fmt_points(t),
            fmt_points(scored.total)
        ));
    }
    if base.entries.is_empty() && base.criterion_points.is_empty() {
        return Err(Error::Invalid(format!(
            "Bảng điểm không có số liệu hay điểm nào của các tiêu chí trong danh mục đang dùng ({}), nên không có gì để nhập. Hãy kiểm tra lại tệp.",
            cat.label()
        )));
    }
    Ok((base, report))
}

/// The figure of one row: a rate from its two counts, a count, or words ("Có", a choice);
/// `None` when the row has none. `Err` names the sub-item and what is wrong.
fn figure_of(item: &Item, it: &ScoreItem) -> std::result::Result<Option<Figure>, String> {
    let whole = |v: f64, what: &str| -> std::result::Result<u64, String> {
        if v.is_finite() && v >= 0.0 && v.fract() == 0.0 && v < 1e15 {
            Ok(v as u64)
        } else {
            Err(format!(
                "chỉ số {}: {what} “{}” không phải số nguyên từ 0 trở lên",
                item.code,
                fmt_points(v)
            ))
        }
    };
    let fig = match (item.kind, it.numerator, it.denominator, &it.value_text) {
        (ItemKind::Rate, Some(n), Some(d), _) => Figure::Rate {
            numerator: whole(n, "số đạt")?,
            denominator: whole(d, "tổng số")?,
        },
        (ItemKind::Rate, None, None, None) => return Ok(None),
        (ItemKind::Rate, ..) => {
            return Err(format!(
                "chỉ số {} cần cả số đạt và tổng số (hoặc để trống cả hai)",
                item.code
            ))
        }
        (ItemKind::Count, Some(n), _, _) => Figure::Count(whole(n, "số")?),
        (_, Some(n), _, _) => parse_figure(item, &fmt_points(n))
            .map_err(|e| format!("chỉ số {}: {}", item.code, e.trim_end_matches('.')))?,
        (_, None, _, Some(text)) => parse_figure(item, text)
            .map_err(|e| format!("chỉ số {}: {}", item.code, e.trim_end_matches('.')))?,
        (_, None, _, None) => return Ok(None),
    };
    check_figure(item, &fig).map_err(|e| e.trim_end_matches('.').to_string())?;
    Ok(Some(fig))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::xlsx::ScoreCriterion;

    fn row(
        code: &str,
        num: Option<f64>,
        den: Option<f64>,
        text: Option<&str>,
        pts: Option<f64>,
    ) -> ScoreItem {
        ScoreItem {
            code: code.into(),
            name: String::new(),
            unit: String::new(),
            numerator: num,
            value_text: text.map(str::to_string),
            denominator: den,
            rate: None,
            max_points: None,
            points: pts,
        }
    }

    fn sheet(criteria: Vec<(&str, Option<f64>, Vec<ScoreItem>)>, total: Option<f64>) -> ScoreSheet {
        ScoreSheet {
            year: Some(2024),
            commune: None,
            criteria: criteria
                .into_iter()
                .map(|(code, points, items)| ScoreCriterion {
                    code: code.into(),
                    name: String::new(),
                    max_points: None,
                    points,
                    items,
                })
                .collect(),
            total,
            verdict: None,
        }
    }

    fn run(s: &ScoreSheet) -> Result<(Assessment, ScoreImport)> {
        let cat = Catalog::builtin().unwrap();
        seed(
            s,
            &cat,
            Assessment::new(2024),
            "bang-2024.xlsx",
            "Bảng điểm",
            "2026-12-07T10:00:00+07:00",
        )
    }

    #[test]
    fn figures_are_taken_and_points_the_catalogue_does_not_give_are_kept_by_hand() {
        let s = sheet(
            vec![
                (
                    "1",
                    Some(65.0),
                    vec![
                        row("1.1", None, None, Some("Có"), Some(50.0)),
                        row("1.3", None, None, Some("Hằng quý"), Some(15.0)),
                    ],
                ),
                (
                    "3",
                    Some(60.0),
                    vec![row("3.1", Some(2.0), None, None, Some(60.0))],
                ),
                (
                    "7",
                    Some(50.0),
                    vec![row("7.1", Some(412.0), Some(415.0), None, Some(50.0))],
                ),
                (
                    "99",
                    Some(5.0),
                    vec![row("99.1", Some(1.0), None, None, Some(5.0))],
                ),
            ],
            Some(175.0),
        );
        let (a, r) = run(&s).unwrap();
        assert_eq!(
            a.entries["7.1"].value,
            Some(Figure::Rate {
                numerator: 412,
                denominator: 415
            })
        );
        assert_eq!(a.entries["7.1"].manual, None); // the catalogue gives 50 itself
        assert_eq!(a.entries["1.1"].value, Some(Figure::YesNo(true)));
        assert_eq!(a.entries["3.1"].value, Some(Figure::Count(2)));
        let m = a.entries["3.1"].manual.as_ref().unwrap();
        assert_eq!(m.points, 60.0);
        assert!(
            m.reason.contains("bảng điểm năm 2024") && m.reason.contains("bang-2024.xlsx"),
            "{}",
            m.reason
        );
        assert_eq!(a.entries["1.3"].manual.as_ref().unwrap().points, 15.0);
        assert_eq!(a.entries["1.3"].by, "Bảng điểm");
        assert!(a.criterion_points.is_empty());
        assert_eq!((r.figures, r.manual_items, r.manual_criteria), (4, 2, 0));
        assert_eq!(r.skipped, ["99", "99.1"]);
        assert_eq!(r.total, 175.0);
        assert!(r.notes.is_empty(), "{:?}", r.notes);
    }

    #[test]
    fn a_criterion_scored_as_a_whole_stays_whole() {
        let s = sheet(
            vec![("3", Some(80.0), vec![row("3.1", None, None, None, None)])],
            Some(70.0),
        );
        let (a, r) = run(&s).unwrap();
        assert_eq!(a.criterion_points["3"].points, 80.0);
        assert!(a.entries.is_empty());
        assert_eq!(r.manual_criteria, 1);
        assert_eq!(r.total, 80.0);
        assert!(
            r.notes[0].contains("70") && r.notes[0].contains("80"),
            "{:?}",
            r.notes
        );
    }

    #[test]
    fn impossible_figures_and_an_empty_table_are_refused() {
        let bad = sheet(
            vec![(
                "7",
                None,
                vec![row("7.1", Some(416.0), Some(415.0), None, None)],
            )],
            None,
        );
        let e = run(&bad).unwrap_err().to_string();
        assert!(
            e.contains("7.1") && e.contains("trên 100 %") && e.contains("chưa ghi gì"),
            "{e}"
        );
        let half = sheet(
            vec![(
                "7",
                None,
                vec![row("7.1", Some(41.5), Some(415.0), None, None)],
            )],
            None,
        );
        let e = run(&half).unwrap_err().to_string();
        assert!(e.contains("“41,5” không phải số nguyên"), "{e}");
        let one = sheet(
            vec![("7", None, vec![row("7.1", Some(41.0), None, None, None)])],
            None,
        );
        assert!(run(&one)
            .unwrap_err()
            .to_string()
            .contains("cần cả số đạt và tổng số"));
        let empty = sheet(
            vec![("7", None, vec![row("7.1", None, None, None, None)])],
            None,
        );
        assert!(run(&empty)
            .unwrap_err()
            .to_string()
            .contains("không có gì để nhập"));
    }
}
