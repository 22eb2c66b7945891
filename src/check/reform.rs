//! Bodies that the 2025 reform abolished (`assets/check/bodies.json`): a plan dated on or
//! after 01/7/2025 that sends reports to the district (huyện), "Phòng LĐTBXH" or
//! "Sở LĐTBXH" is out of date. A cited older document keeps its issuer: "Hướng dẫn số 604/…
//! ngày 20/9/2019 của Cục Trẻ em, Bộ Lao động - Thương binh và Xã hội" is not flagged.

use std::ops::Range;
use std::sync::LazyLock;

use chrono::NaiveDate;
use regex_lite::Regex;
use serde::Deserialize;

use super::doc::{Doc, Out, Part};
use super::finding::{Finding, Severity};
use super::scan::{fold, is_whole};

#[derive(Deserialize)]
struct BodyRaw {
    pattern: String,
    #[serde(default)]
    suggestion: Option<String>,
    #[serde(default)]
    default: Option<String>,
    why: String,
}

#[derive(Deserialize)]
struct BodiesFile {
    #[serde(deserialize_with = "super::scan::de_iso_date")]
    since: NaiveDate,
    bodies: Vec<BodyRaw>,
}

struct Body {
    re: Regex,
    suggestion: Option<String>,
    default: Option<String>,
    why: String,
}

static BODIES: LazyLock<(NaiveDate, Vec<Body>)> = LazyLock::new(|| {
    let file: BodiesFile = serde_json::from_str(include_str!("../../assets/check/bodies.json"))
        .expect("assets/check/bodies.json is valid");
    let bodies = file
        .bodies
        .into_iter()
        .map(|b| Body {
            re: Regex::new(&b.pattern).expect("pattern in assets/check/bodies.json"),
            suggestion: b.suggestion,
            default: b.default,
            why: b.why,
        })
        .collect();
    (file.since, bodies)
});

/// The day the reform took effect.
pub fn reform_date() -> NaiveDate {
    BODIES.0
}

struct Hit {
    range: Range<usize>,
    body: usize,
}

/// Matches in one text, merged when they name one body ("Phòng LĐTBXH-DT huyện").
fn hits(text: &str) -> Vec<Hit> {
    let folded = fold(text);
    let mut all: Vec<Hit> = Vec::new();
    for (b, body) in BODIES.1.iter().enumerate() {
        for m in body.re.find_iter(&folded) {
            if is_whole(&folded, &m.range()) {
                all.push(Hit {
                    range: m.range(),
                    body: b,
                });
            }
        }
    }
    // Earliest first; at the same start the longest (the more specific body) first.
    all.sort_by_key(|h| (h.range.start, std::cmp::Reverse(h.range.end)));
    let mut merged: Vec<Hit> = Vec::new();
    for h in all {
        if let Some(last) = merged.last_mut() {
            if h.range.start < last.range.end {
                continue; // inside the previous match
            }
            let gap = &folded[last.range.end..h.range.start];
            if gap.len() <= 1 && gap.trim().is_empty() {
                last.range.end = h.range.end;
                continue;
            }
        }
        merged.push(h);
    }
    merged
}

/// True when `pos` lies in the clause that follows a citation's date ("… ngày 20/9/2019 của
/// Cục Trẻ em, Bộ Lao động …"), where the cited document's issuer is named.
pub fn in_citation_clause(doc: &Doc, spot: usize, pos: usize) -> bool {
    let text = &doc.spots[spot].text;
    doc.citations.iter().any(|c| {
        c.spot == spot
            && c.date_range.end <= pos
            && !text[c.date_range.end..pos].contains(['.', ';', ':', '(', ')'])
    })
}

pub fn check(doc: &Doc, out: &mut Out) {
    let Some(latest) = doc.latest_day() else {
        return;
    };
    // A plan of July 2025 with its day blank is after the reform's first day.
    if latest < reform_date() {
        return;
    }
    let superior = doc.ctx.superior.clone();
    for (i, spot) in doc.spots.iter().enumerate() {
        if !spot.part.is_prose() {
            continue;
        }
        // A basis is about the document it cites; its issuer stays as it was.
        let first_cite = doc
            .citations
            .iter()
            .find(|c| c.spot == i)
            .map(|c| c.start());
        for h in hits(&spot.text) {
            let pos = h.range.start;
            if in_citation_clause(doc, i, pos)
                || (spot.part == Part::Basis && first_cite.is_some_and(|s| pos >= s))
            {
                continue;
            }
            let body = &BODIES.1[h.body];
            let suggestion = body.suggestion.as_ref().map(|s| {
                if s == "{superior}" {
                    superior
                        .clone()
                        .or_else(|| body.default.clone())
                        .unwrap_or_default()
                } else {
                    s.clone()
                }
            });
            let f = Finding::new(Severity::Error, "body-abolished", body.why.clone())
                .excerpt(&spot.text[h.range.clone()])
                .suggest_opt(suggestion.filter(|s| !s.is_empty()));
            out.at_spot(doc, i, pos, f);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn excerpts(text: &str) -> Vec<String> {
        hits(text)
            .into_iter()
            .map(|h| text[h.range].to_string())
            .collect()
    }

    #[test]
    fn abolished_bodies_are_matched_whole() {
        assert_eq!(
            excerpts("Phòng LĐTBXH-DT huyện (b/c)"),
            vec!["Phòng LĐTBXH-DT huyện"]
        );
        assert_eq!(
            excerpts("báo cáo Ủy ban nhân dân huyện và Phòng Lao động - Thương binh - Xã hội và Dân tộc theo quy định"),
            vec!["Ủy ban nhân dân huyện", "Phòng Lao động - Thương binh - Xã hội và Dân tộc"]
        );
        assert_eq!(excerpts("- Sở LĐTB&XH tỉnh (B/c)"), vec!["Sở LĐTB&XH"]);
        assert_eq!(
            excerpts("UBND huyện (Qua phòng Lao động - TB&XH huyện)"),
            vec!["UBND huyện", "phòng Lao động - TB&XH huyện"]
        );
        assert!(excerpts("Phòng Văn hóa - Xã hội; Sở Y tế; UBND tỉnh; thuyện").is_empty());
    }
}
