//! Legal references: a cited document's date against its known real date
//! (`assets/check/legal.json`), against the same citation elsewhere in the plan and against
//! the plan's own date; the form of a citation; a basis that cites last year's document.

use std::collections::HashMap;
use std::sync::LazyLock;

use chrono::{Datelike, NaiveDate};
use serde::Deserialize;

use super::citations::Citation;
use super::doc::{Doc, Out, Part};
use super::finding::{Finding, Severity};
use super::scan::{fold, vn_date};

#[derive(Debug, Deserialize)]
pub struct KnownDoc {
    #[serde(rename = "type")]
    pub kind: String,
    pub number: String,
    #[serde(deserialize_with = "super::scan::de_iso_date")]
    pub date: NaiveDate,
    pub issuer: String,
    #[serde(default)]
    pub keywords: Vec<String>,
}

#[derive(Deserialize)]
struct KnownFile {
    documents: Vec<KnownDoc>,
}

static KNOWN: LazyLock<Vec<KnownDoc>> = LazyLock::new(|| {
    let file: KnownFile = serde_json::from_str(include_str!("../../assets/check/legal.json"))
        .expect("assets/check/legal.json is valid");
    file.documents
});

/// Type name → the abbreviation that starts its symbol.
const TYPE_SYMBOLS: &[(&str, &str)] = &[
    ("quyết định", "qđ"),
    ("kế hoạch", "kh"),
    ("nghị định", "nđ"),
    ("nghị quyết", "nq"),
    ("thông tư", "tt"),
    ("thông tư liên tịch", "ttlt"),
    ("chỉ thị", "ct"),
    ("báo cáo", "bc"),
    ("thông báo", "tb"),
    ("tờ trình", "ttr"),
    ("hướng dẫn", "hd"),
    ("chương trình", "ctr"),
    ("đề án", "đa"),
    ("công điện", "cđ"),
];

/// Symbols of national bodies: their documents stand for years, they are not yearly plans.
const NATIONAL: &[&str] = &[
    "TTg", "CP", "QH", "TW", "BYT", "BLĐTBXH", "BNV", "BGDĐT", "BVHTTDL", "BCA", "BTP", "BTC",
];

/// Issuers written right after a citation's date, where "của" is missing.
const ISSUERS: &[&str] = &[
    "Thủ tướng",
    "Chính phủ",
    "Quốc hội",
    "UBND",
    "Ủy ban",
    "Uỷ ban",
    "HĐND",
    "Hội đồng",
    "Sở ",
    "Bộ ",
    "Cục ",
    "Phòng ",
];

/// The known document a citation refers to, if the table has it and the context confirms it
/// (a number without a year, like "06/QĐ-TTg", is reused every year).
fn known_for<'k>(c: &Citation, spot_folded: &str) -> Option<&'k KnownDoc> {
    KNOWN.iter().find(|k| {
        fold(&k.number) == c.key
            && (k.number.matches('/').count() > 1
                || k.keywords.is_empty()
                || k.keywords.iter().any(|w| spot_folded.contains(w.as_str())))
    })
}

fn plan_date_words(doc: &Doc) -> String {
    match doc.date {
        Some(d) => match d.day {
            Some(day) => format!("{day:02}/{:02}/{}", d.month, d.year),
            None => format!("tháng {}/{}", d.month, d.year),
        },
        None => String::new(),
    }
}

fn what(c: &Citation) -> String {
    match &c.kind {
        Some((k, _)) => format!("{} số {}", capitalise(k), c.number),
        None => format!("Văn bản số {}", c.number),
    }
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

pub fn check(doc: &Doc, out: &mut Out) {
    let latest = doc.latest_day();
    // The date most citations of each number agree on (not counting dates after the plan's).
    let mut counts: HashMap<&str, Vec<(NaiveDate, usize)>> = HashMap::new();
    for c in &doc.citations {
        if let Some(d) = c.date.date().filter(|d| latest.is_none_or(|l| *d <= l)) {
            let list = counts.entry(c.key.as_str()).or_default();
            match list.iter_mut().find(|(x, _)| *x == d) {
                Some(entry) => entry.1 += 1,
                None => list.push((d, 1)),
            }
        }
    }
    let consensus = |key: &str| -> Option<NaiveDate> {
        let list = counts.get(key)?;
        let best = list.iter().map(|(_, n)| *n).max()?;
        list.iter().find(|(_, n)| *n == best).map(|(d, _)| *d)
    };

    for c in &doc.citations {
        let text = &doc.spots[c.spot].text;
        let folded = fold(text);
        let known = known_for(c, &folded);
        let expected = known.map(|k| k.date).or_else(|| consensus(&c.key));
        date_rule(doc, out, c, known, expected, latest);
        form_rules(doc, out, c, text);
        outdated_basis(doc, out, c, known.is_some(), &folded);
    }
    plan_references(doc, out, latest);
}

fn date_rule(
    doc: &Doc,
    out: &mut Out,
    c: &Citation,
    known: Option<&KnownDoc>,
    expected: Option<NaiveDate>,
    latest: Option<NaiveDate>,
) {
    let pos = c.date_range.start;
    let suggestion = |d: Option<NaiveDate>| d.map(|d| c.date.restyle(d));
    let Some(date) = c.date.date() else {
        let f = Finding::new(
            Severity::Error,
            "ref-date-invalid",
            format!(
                "{} ghi ngày {} không có trong lịch; hãy kiểm tra lại ngày ban hành.",
                what(c),
                c.date_text
            ),
        )
        .excerpt(&c.date_text)
        .suggest_opt(suggestion(expected));
        out.at_spot(doc, c.spot, pos, f);
        return;
    };
    let f = if latest.is_some_and(|l| date > l) {
        let right = match expected.filter(|e| *e != date) {
            Some(e) => format!(" Ngày đúng có lẽ là {}.", c.date.restyle(e)),
            None => " Hãy kiểm tra lại ngày ban hành.".to_string(),
        };
        Finding::new(
            Severity::Error,
            "date-future-reference",
            format!(
                "{} ghi ngày {}, sau ngày của kế hoạch ({}): văn bản được dẫn phải có trước.{right}",
                what(c),
                c.date_text,
                plan_date_words(doc)
            ),
        )
        .suggest_opt(suggestion(expected.filter(|e| *e != date)))
    } else if let Some(k) = known.filter(|k| k.date != date) {
        Finding::new(
            Severity::Error,
            "ref-date-wrong",
            format!(
                "{} {} của {} ban hành ngày {}, không phải {}.",
                capitalise(&k.kind),
                k.number,
                k.issuer,
                vn_date(k.date),
                c.date_text
            ),
        )
        .suggest(c.date.restyle(k.date))
    } else if let Some(e) = expected.filter(|e| known.is_none() && *e != date) {
        Finding::new(
            Severity::Error,
            "ref-date-inconsistent",
            format!(
                "{} ở chỗ khác trong văn bản ghi ngày {}, ở đây ghi {}: một trong hai chỗ sai.",
                what(c),
                c.date.restyle(e),
                c.date_text
            ),
        )
        .suggest(c.date.restyle(e))
    } else {
        return;
    };
    out.at_spot(doc, c.spot, pos, f.excerpt(&c.date_text));
}

fn form_rules(doc: &Doc, out: &mut Out, c: &Citation, text: &str) {
    // "ngày 03/01/2019 Thủ tướng Chính phủ" → "ngày 03/01/2019 của Thủ tướng Chính phủ".
    let after = &text[c.date_range.end..];
    let rest = after.trim_start();
    if after.starts_with(' ') && ISSUERS.iter().any(|i| rest.starts_with(i)) {
        let next: Vec<&str> = rest.split_whitespace().take(2).collect();
        let next = next.join(" ");
        let f = Finding::new(
            Severity::Info,
            "citation-missing-of",
            "Thiếu chữ “của” trước cơ quan ban hành văn bản được dẫn.",
        )
        .excerpt(format!("{} {next}", c.date_text))
        .suggest(format!("{} của {next}", c.date_text));
        out.at_spot(doc, c.spot, c.date_range.end, f);
    }
    if let Some(comma) = &c.comma {
        let end = comma.end + "ngày".len();
        let f = Finding::new(
            Severity::Info,
            "citation-comma",
            "Không đặt dấu phẩy giữa số, ký hiệu và ngày của văn bản được dẫn.",
        )
        .excerpt(&text[c.number_range.start..end])
        .suggest(format!("{} ngày", c.number));
        out.at_spot(doc, c.spot, comma.start, f);
    }
    if let Some((kind, range)) = &c.kind {
        if kind.chars().next().is_some_and(char::is_lowercase) {
            let excerpt = &text[range.start..c.number_range.end];
            let f = Finding::new(
                Severity::Info,
                "citation-type-case",
                "Tên loại của văn bản được dẫn viết hoa chữ cái đầu.",
            )
            .excerpt(excerpt)
            .suggest(capitalise(excerpt));
            out.at_spot(doc, c.spot, range.start, f);
        }
        let kind_folded = fold(kind);
        let abbr = fold(c.symbol().split('-').next().unwrap_or(""));
        let expected = TYPE_SYMBOLS.iter().find(|(t, _)| *t == kind_folded);
        let abbr_is_type = TYPE_SYMBOLS.iter().any(|(_, a)| *a == abbr);
        if let Some((_, want)) = expected.filter(|(_, a)| abbr_is_type && *a != abbr) {
            let f = Finding::new(
                Severity::Warning,
                "citation-type-symbol",
                format!(
                    "{} có ký hiệu bắt đầu bằng “{}”, không khớp với tên loại “{}” (ký hiệu “{}”).",
                    what(c),
                    c.symbol().split('-').next().unwrap_or(""),
                    kind,
                    want.to_uppercase()
                ),
            )
            .excerpt(&text[range.start..c.number_range.end]);
            out.at_spot(doc, c.spot, range.start, f);
        }
    }
}

/// A basis citing a yearly document (a superior's plan "… năm 2023") from before the plan's
/// year: after a copy to a new year it must be replaced by the superior's new document.
fn outdated_basis(doc: &Doc, out: &mut Out, c: &Citation, known: bool, folded: &str) {
    let spot = &doc.spots[c.spot];
    if !c.first || spot.part != Part::Basis || known {
        return;
    }
    let (Some(act), Some(date)) = (doc.activity_year(), c.date.date()) else {
        return;
    };
    let symbol = c.symbol();
    if NATIONAL.iter().any(|n| symbol.contains(n)) {
        return;
    }
    let y = date.year();
    let yearly = folded.contains(&format!("năm {y}")) || folded.contains(&format!("năm {act}"));
    // A plan for a year is issued from about September of the year before.
    let stale = y < act && !(y == act - 1 && date.month() >= 9);
    if yearly && stale {
        let f = Finding::new(
            Severity::Warning,
            "ref-outdated-basis",
            format!(
                "Văn bản căn cứ là văn bản năm {y}, còn kế hoạch này cho năm {act}: hãy thay bằng số, ngày văn bản năm {act} của cấp trên (khi đã ban hành)."
            ),
        )
        .excerpt(&spot.text[c.start()..c.date_range.end]);
        out.at_spot(doc, c.spot, c.start(), f);
    }
}

/// The plan's list of references, for those not cited in its text with the same date.
fn plan_references(doc: &Doc, out: &mut Out, latest: Option<NaiveDate>) {
    let Some(plan) = doc.plan else {
        return;
    };
    for (i, r) in plan.references.iter().enumerate() {
        let Some(iso) = &r.date else {
            continue;
        };
        let key = fold(&r.number);
        let date = NaiveDate::parse_from_str(iso, "%Y-%m-%d").ok();
        let in_text = doc
            .citations
            .iter()
            .any(|c| c.key == key && c.date.date() == date && date.is_some());
        if in_text {
            continue;
        }
        let known = KNOWN
            .iter()
            .find(|k| fold(&k.number) == key && fold(&k.kind) == fold(&r.kind));
        let label = format!("{} số {}", r.kind, r.number);
        let f = match date {
            None => Finding::new(
                Severity::Error,
                "ref-date-invalid",
                format!("{label}: ngày “{iso}” không hợp lệ."),
            )
            .excerpt(iso)
            .suggest_opt(known.map(|k| vn_date(k.date))),
            Some(d) if known.is_some_and(|k| k.date != d) => {
                let k = known.expect("checked");
                let code = if latest.is_some_and(|l| d > l) {
                    "date-future-reference"
                } else {
                    "ref-date-wrong"
                };
                Finding::new(
                    Severity::Error,
                    code,
                    format!(
                        "{label} ban hành ngày {}, không phải {}.",
                        vn_date(k.date),
                        vn_date(d)
                    ),
                )
                .excerpt(vn_date(d))
                .suggest(vn_date(k.date))
            }
            Some(d) if latest.is_some_and(|l| d > l) => Finding::new(
                Severity::Error,
                "date-future-reference",
                format!(
                    "{label} ghi ngày {}, sau ngày của kế hoạch ({}).",
                    vn_date(d),
                    plan_date_words(doc)
                ),
            )
            .excerpt(vn_date(d)),
            Some(_) => continue,
        };
        out.at("references", Some("date"), Some(i), None, f);
    }
}
