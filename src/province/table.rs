//! The consolidated table of one year (communes × criteria, totals, verdicts, the state of
//! each document) and each commune's trend across the years imported, both from the
//! stored summaries only.

use serde::{Deserialize, Serialize};

use super::{commune_key, CommuneResult, ImportedDossier};
use crate::dossier::{FileState, Kind, PartFormat};

/// The documents a dossier carries, in the order the table shows them.
pub const KINDS: [Kind; 6] = [
    Kind::Plan,
    Kind::Report,
    Kind::Proposal,
    Kind::Minutes,
    Kind::Notice,
    Kind::Assessment,
];

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Consolidated {
    pub year: i32,
    /// Every criterion some commune's table has, in the order of their codes.
    pub criteria: Vec<CriterionHead>,
    pub rows: Vec<Row>,
    /// The heads of `Row::documents`: each kind of document as the officer calls it.
    pub document_kinds: Vec<String>,
    /// Dossiers that could not be counted.
    pub problems: Vec<ImportedDossier>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct CriterionHead {
    pub code: String,
    pub name: String,
    pub max_points: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[cfg_attr(test, ts(rename = "ConsolidatedRow"))]
pub struct Row {
    pub commune: String,
    pub province: String,
    /// One per `Consolidated::criteria`; `None` where the commune's table has no points.
    pub points: Vec<Option<f64>>,
    pub total: Option<f64>,
    pub recognised: Option<bool>,
    /// "Đạt", "Chưa đạt" or "Chưa rõ".
    pub verdict_label: String,
    /// One per `Consolidated::document_kinds`: "bản ký", "dự thảo", "số liệu", or "" when the dossier has none.
    pub documents: Vec<String>,
}

/// The table of `year` from its summaries, sorted by commune.
pub fn consolidate(
    year: i32,
    mut results: Vec<CommuneResult>,
    problems: Vec<ImportedDossier>,
) -> Consolidated {
    results.retain(|r| r.year == year);
    results.sort_by_key(|r| commune_key(&r.province, &r.commune));
    let mut criteria: Vec<CriterionHead> = Vec::new();
    for r in &results {
        for c in &r.criteria {
            if !criteria.iter().any(|h| h.code == c.code) {
                criteria.push(CriterionHead {
                    code: c.code.clone(),
                    name: c.name.clone(),
                    max_points: c.max_points,
                });
            }
        }
    }
    criteria.sort_by_key(|c| code_order(&c.code));
    let rows = results
        .iter()
        .map(|r| Row {
            commune: r.commune.clone(),
            province: r.province.clone(),
            points: criteria
                .iter()
                .map(|h| {
                    r.criteria
                        .iter()
                        .find(|c| c.code == h.code)
                        .and_then(|c| c.points)
                })
                .collect(),
            total: r.total,
            recognised: r.recognised,
            verdict_label: verdict_label(r.recognised).to_string(),
            documents: KINDS.iter().map(|k| document_state(r, *k)).collect(),
        })
        .collect();
    Consolidated {
        year,
        criteria,
        rows,
        document_kinds: KINDS.iter().map(|k| k.label().to_string()).collect(),
        problems,
    }
}

/// "2" before "10": codes compared number by number, words after numbers.
fn code_order(code: &str) -> Vec<(u64, String)> {
    code.split('.')
        .map(|part| match part.trim().parse::<u64>() {
            Ok(n) => (n, String::new()),
            Err(_) => (u64::MAX, part.to_string()),
        })
        .collect()
}

pub fn verdict_label(recognised: Option<bool>) -> &'static str {
    match recognised {
        Some(true) => "Đạt",
        Some(false) => "Chưa đạt",
        None => "Chưa rõ",
    }
}

/// The state of the dossier's document of `kind`: its PDF's when there is one (the Word
/// file beside it is always a draft), else any file's.
fn document_state(r: &CommuneResult, kind: Kind) -> String {
    let of_kind = || r.documents.iter().filter(move |d| d.kind == kind);
    let best = of_kind()
        .filter(|d| d.format == PartFormat::Pdf)
        .max_by_key(|d| rank(d.state))
        .or_else(|| of_kind().max_by_key(|d| rank(d.state)));
    best.map(|d| d.state.label().to_string())
        .unwrap_or_default()
}

fn rank(s: FileState) -> u8 {
    match s {
        FileState::SignedCopy => 2,
        FileState::Data => 1,
        FileState::Draft => 0,
    }
}

/// One commune across the years imported.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[cfg_attr(test, ts(rename = "ProvinceTrend"))]
pub struct Trend {
    pub commune: String,
    pub province: String,
    pub years: Vec<TrendPoint>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[cfg_attr(test, ts(rename = "ProvinceTrendPoint"))]
pub struct TrendPoint {
    pub year: i32,
    pub total: Option<f64>,
    /// Against the year before in the list, when both totals are known.
    pub change: Option<f64>,
    pub recognised: Option<bool>,
    pub verdict_label: String,
}

/// Each commune's totals and verdicts by year, from every summary stored; `commune` keeps
/// only the communes whose name contains it (folded: "minh hoa" finds "xã Minh Hòa").
pub fn trends(mut results: Vec<CommuneResult>, commune: Option<&str>) -> Vec<Trend> {
    let wanted = commune.map(|c| crate::text::strip_marks(&crate::text::fold(c)));
    results.retain(|r| {
        wanted.as_ref().is_none_or(|w| {
            crate::text::strip_marks(&crate::text::fold(&r.commune)).contains(w.as_str())
        })
    });
    results.sort_by_key(|r| (commune_key(&r.province, &r.commune), r.year));
    let mut out: Vec<(String, Trend)> = Vec::new();
    for r in results {
        let key = commune_key(&r.province, &r.commune);
        if out.last().is_none_or(|(k, _)| *k != key) {
            out.push((
                key,
                Trend {
                    commune: r.commune.clone(),
                    province: r.province.clone(),
                    years: Vec::new(),
                },
            ));
        }
        let Some((_, t)) = out.last_mut() else {
            continue;
        };
        let change = match (t.years.last().and_then(|p| p.total), r.total) {
            (Some(a), Some(b)) => Some(b - a),
            _ => None,
        };
        t.years.push(TrendPoint {
            year: r.year,
            total: r.total,
            change,
            recognised: r.recognised,
            verdict_label: verdict_label(r.recognised).to_string(),
        });
    }
    out.into_iter().map(|(_, t)| t).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::province::{CriterionPoints, DocumentState};

    fn result(commune: &str, year: i32, total: f64, code: &str) -> CommuneResult {
        CommuneResult {
            commune: commune.into(),
            province: "Phú Thọ".into(),
            year,
            created: String::new(),
            manifest_sha256: String::new(),
            files: 2,
            parts: 1,
            criteria: vec![CriterionPoints {
                code: code.into(),
                name: format!("Tiêu chí {code}"),
                max_points: Some(100.0),
                points: Some(total),
            }],
            total: Some(total),
            verdict: None,
            recognised: Some(total >= 850.0),
            documents: vec![
                DocumentState {
                    kind: Kind::Plan,
                    format: PartFormat::Docx,
                    state: FileState::Draft,
                    signers: 0,
                },
                DocumentState {
                    kind: Kind::Plan,
                    format: PartFormat::Pdf,
                    state: FileState::SignedCopy,
                    signers: 1,
                },
            ],
        }
    }

    #[test]
    fn the_table_has_every_criterion_and_the_pdf_state() {
        let t = consolidate(
            2026,
            vec![
                result("xã B", 2026, 900.0, "1"),
                result("xã A", 2026, 700.0, "2"),
                result("xã A", 2025, 600.0, "1"),
            ],
            Vec::new(),
        );
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.rows[0].commune, "xã A");
        assert_eq!(
            t.criteria
                .iter()
                .map(|c| c.code.as_str())
                .collect::<Vec<_>>(),
            ["1", "2"]
        );
        assert_eq!(t.rows[0].points, [None, Some(700.0)]);
        assert_eq!(t.rows[0].verdict_label, "Chưa đạt");
        assert_eq!(t.rows[1].verdict_label, "Đạt");
        assert_eq!(t.rows[0].documents[0], "bản ký");
        assert_eq!(t.rows[0].documents[1], "");
    }

    #[test]
    fn trends_follow_each_commune_across_years() {
        let all = vec![
            result("xã Minh Hòa", 2026, 900.0, "1"),
            result("xã Khác", 2026, 800.0, "1"),
            result("xã Minh Hòa", 2025, 860.0, "1"),
        ];
        let t = trends(all.clone(), Some("minh hoa"));
        assert_eq!(t.len(), 1);
        let years: Vec<(i32, Option<f64>)> =
            t[0].years.iter().map(|p| (p.year, p.change)).collect();
        assert_eq!(years, [(2025, None), (2026, Some(40.0))]);
        assert_eq!(trends(all, None).len(), 2);
    }
}
