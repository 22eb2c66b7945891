//! What a copy from another commune leaves behind: another commune's name ("xã Vân Nham" in
//! a plan of xã Minh Hòa), another province, a signer who is not one of the commune's leaders.
//! (A year left from another year is `years`' job.)

use super::doc::{Doc, Out, Part};
use super::finding::{Finding, Severity};
use super::reform::in_citation_clause;
use super::scan::{find_words, fold};
use unicode_normalization::UnicodeNormalization;

/// Words that follow "xã" without being a name ("Văn hóa - Xã Hội" written with a capital).
const NOT_NAMES: &[&str] = &["Hội"];

/// "xã Vân Nham" → (start, end, "Vân Nham") for each unit kind + capitalised words.
fn named_units(text: &str, kind: &str) -> Vec<(usize, usize, String)> {
    let folded = fold(text);
    let mut out = Vec::new();
    for r in find_words(&folded, kind) {
        // "thị xã Sơn Tây" is a town, not a commune.
        if kind == "xã" && folded[..r.start].trim_end().ends_with("thị") {
            continue;
        }
        let mut end = r.end;
        let mut words: Vec<&str> = Vec::new();
        while words.len() < 4 {
            let Some(next) = text[end..].strip_prefix(' ') else {
                break;
            };
            let len: usize = next
                .chars()
                .take_while(|c| c.is_alphabetic())
                .map(char::len_utf8)
                .sum();
            let word = &next[..len];
            let capital = word.chars().next().is_some_and(char::is_uppercase);
            if !capital || (words.is_empty() && NOT_NAMES.contains(&word)) {
                break;
            }
            end += 1 + len;
            words.push(word);
        }
        if !words.is_empty() {
            out.push((r.start, end, words.join(" ")));
        }
    }
    out
}

pub fn check(doc: &Doc, out: &mut Out) {
    place(doc, out);
    communes(doc, out);
    provinces(doc, out);
    signer(doc, out);
}

/// The date line's place ("Quan Sơn, ngày …") should be the commune's own when the profile
/// names it: a plan borrowed from a neighbouring commune keeps the neighbour's place.
fn place(doc: &Doc, out: &mut Out) {
    let Some(place) = doc
        .place
        .as_deref()
        .map(str::trim)
        .filter(|p| !p.is_empty())
    else {
        return;
    };
    if doc.ctx.commune_name.is_none() && doc.ctx.place.is_none() {
        return;
    }
    let own = doc.own_names();
    let same =
        |a: &str, b: &str| fold(&a.nfc().collect::<String>()) == fold(&b.nfc().collect::<String>());
    if own.iter().any(|o| same(o.trim(), place)) {
        return;
    }
    let expected = doc
        .ctx
        .place
        .clone()
        .or_else(|| doc.ctx.commune_name.clone());
    let f = Finding::new(
        Severity::Error,
        "foreign-place",
        format!(
            "Địa danh “{place}” ở dòng ngày tháng không phải của {}: có thể còn sót khi sao chép kế hoạch của nơi khác.",
            own_full(doc, &own)
        ),
    )
    .excerpt(place)
    .suggest_opt(expected);
    out.at("header", Some("place"), None, None, f);
}

/// "xã Minh Hòa": the kind from the profile (default "xã") and the first own name.
fn own_full(doc: &Doc, own: &[String]) -> String {
    let kind = doc.ctx.commune_kind.as_deref().unwrap_or("xã");
    format!("{kind} {}", own[0].trim())
}

fn communes(doc: &Doc, out: &mut Out) {
    let own = doc.own_names();
    if own.is_empty() {
        return;
    }
    let own_folded: Vec<String> = own.iter().map(|n| fold(n.trim())).collect();
    let own_full = own_full(doc, &own);
    for (i, spot) in doc.spots.iter().enumerate() {
        if !spot.part.is_prose() {
            continue;
        }
        for k in ["xã", "phường"] {
            for (start, end, name) in named_units(&spot.text, k) {
                // "xã Minh Hòa Phòng …": a capitalised word may follow the name.
                let folded = fold(&name);
                let is_own = own_folded
                    .iter()
                    .any(|o| folded == *o || folded.starts_with(&format!("{o} ")));
                // "… ngày 03/01/2019 của Thủ tướng … năm 2026 trên địa bàn xã Quan Sơn": the
                // citation's clause runs on, but "trên địa bàn" names where the plan acts.
                let local = fold(spot.text[..start].trim_end()).ends_with("địa bàn");
                if is_own || (!local && in_citation_clause(doc, i, start)) {
                    continue;
                }
                let f = Finding::new(
                    Severity::Error,
                    "foreign-commune",
                    format!(
                        "Tên “{}” không phải của {own_full}: có thể còn sót khi sao chép kế hoạch của nơi khác.",
                        &spot.text[start..end]
                    ),
                )
                .excerpt(&spot.text[start..end])
                .suggest(&own_full);
                out.at_spot(doc, i, start, f);
            }
        }
    }
}

fn provinces(doc: &Doc, out: &mut Out) {
    let Some(province) = doc.ctx.province.as_deref().filter(|p| !p.trim().is_empty()) else {
        return;
    };
    for (i, spot) in doc.spots.iter().enumerate() {
        if !spot.part.is_prose() {
            continue;
        }
        for (start, end, name) in named_units(&spot.text, "tỉnh") {
            if fold(&name) == fold(province.trim()) || in_citation_clause(doc, i, start) {
                continue;
            }
            let f = Finding::new(
                Severity::Warning,
                "foreign-province",
                format!(
                    "“{}” không phải tỉnh {province} của xã: có thể còn sót khi sao chép.",
                    &spot.text[start..end]
                ),
            )
            .excerpt(&spot.text[start..end])
            .suggest(format!("tỉnh {province}"));
            out.at_spot(doc, i, start, f);
        }
    }
}

/// The signer should be one of the commune's leaders when the profile lists them.
fn signer(doc: &Doc, out: &mut Out) {
    if doc.ctx.leaders.is_empty() {
        return;
    }
    let Some(i) = doc.spots.iter().position(|s| s.part == Part::SignerName) else {
        return;
    };
    let name = doc.spots[i].text.trim();
    if doc
        .ctx
        .leaders
        .iter()
        .any(|(n, _)| fold(n.trim()) == fold(name))
    {
        return;
    }
    let deputy = doc
        .spots
        .iter()
        .any(|s| s.part == Part::SignerTitle && fold(&s.text).starts_with("phó"));
    let expected = doc
        .ctx
        .leaders
        .iter()
        .find(|(_, pos)| fold(pos).starts_with("phó") == deputy)
        .map(|(n, _)| n.clone());
    let f = Finding::new(
        Severity::Warning,
        "signer-not-leader",
        "Người ký không có trong danh sách lãnh đạo của xã: có thể còn sót khi sao chép.",
    )
    .excerpt(name)
    .suggest_opt(expected);
    out.at_spot(doc, i, 0, f);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_after_the_unit_kind() {
        let t = "trên địa bàn xã Vân Nham, thị xã Sơn Tây và xã đạt chuẩn; Văn hóa - Xã Hội";
        let names: Vec<String> = named_units(t, "xã").into_iter().map(|n| n.2).collect();
        assert_eq!(names, vec!["Vân Nham"]);
        let (s, e, _) = named_units(t, "xã")[0].clone();
        assert_eq!(&t[s..e], "xã Vân Nham");
        let t = "UBND xã Quan Sơn (qua Phòng Văn hóa - Xã hội), Xã Hà Giang.";
        let names: Vec<String> = named_units(t, "xã").into_iter().map(|n| n.2).collect();
        assert_eq!(names, vec!["Quan Sơn", "Hà Giang"]);
    }
}
