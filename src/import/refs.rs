//! Legal documents the plan cites: "Quyết định số 06/QĐ-TTg ngày 03/01/2019 của Thủ tướng
//! Chính phủ". Recorded as written — a wrong year ("03/01/2029" in seed 000) gives its own
//! entry, so the linter can point at it — and once per (type, number, date).

use std::collections::HashMap;
use std::sync::LazyLock;

use regex_lite::Regex;

use crate::model::Reference;

static REF_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
            r"^([Qq]uyết định|[Kk]ế hoạch|[Ll]uật(?:\s+[^\s,;.0-9]+){0,6}?|[Nn]ghị định|[Tt]hông tư|[Cc]hỉ thị|[Cc]ông văn|[Hh]ướng dẫn|[Nn]ghị quyết|[Tt]hông báo|[Cc]hương trình|[Cc]ông điện|[Tt]ờ trình|[Bb]áo cáo)(\s+số\s*:?)?\s+([0-9][0-9A-Za-zĐđ/&._\-]*[0-9A-Za-zĐđ])",
        )
        .expect("valid pattern")
});

static DATE_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\s*,?\s*(?:ban hành\s+)?[Nn]gày\s+([0-9]{1,2})\s*/\s*([0-9]{1,2})\s*/\s*([0-9]{4})",
    )
    .expect("valid pattern")
});

static ISSUER_RE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*,?\s*(?:của|do)\s+").expect("valid pattern"));

/// How the types of `REF_RE` start, in both cases: where a reference may begin.
const TYPE_STARTS: [&str; 22] = [
    "Quyết", "quyết", "Kế", "kế", "Luật", "luật", "Nghị", "nghị", "Thông", "thông", "Chỉ", "chỉ",
    "Công", "công", "Hướng", "hướng", "Chương", "chương", "Tờ", "tờ", "Báo", "báo",
];

/// Words that end an issuer's name: what the cited document is about, or where.
const STOP_WORDS: [&str; 15] = [
    "về", "v/v", "V/v", "trên", "tại", "năm", "để", "theo", "nhằm", "đã", "giao", "với", "trong",
    "đến", "cho",
];

/// Pairs of words that end it too ("ban" alone is part of "Ủy ban").
const STOP_PAIRS: [(&str, &str); 7] = [
    ("ban", "hành"),
    ("quy", "định"),
    ("hướng", "dẫn"),
    ("thực", "hiện"),
    ("triển", "khai"),
    ("phê", "duyệt"),
    ("đối", "với"),
];

/// First words of an authority that may follow a comma inside the issuer's name
/// ("Cục Trẻ em, Bộ Lao động - Thương binh và Xã hội").
const AUTHORITY_STARTS: [&str; 12] = [
    "Bộ", "Sở", "Cục", "Vụ", "Ủy", "Uỷ", "UBND", "Phòng", "Ban", "Tổng", "Văn", "Trung",
];

/// The issuer's name from the start of `text`, up to what is no longer part of it.
fn issuer(text: &str) -> String {
    let mut words: Vec<&str> = Vec::new();
    let mut tokens = text.split(' ').filter(|w| !w.is_empty()).peekable();
    while let Some(w) = tokens.next() {
        let pair = tokens.peek().is_some_and(|n| STOP_PAIRS.contains(&(w, *n)));
        if words.len() >= 15 || (!words.is_empty() && (STOP_WORDS.contains(&w) || pair)) {
            break;
        }
        // "và" joins two parts of one name ("Thương binh và Xã hội") only before a capital.
        if w == "và"
            && !tokens
                .peek()
                .is_some_and(|n| n.starts_with(char::is_uppercase))
        {
            break;
        }
        let bare = w.trim_end_matches([',', ';', '.', ':', ')', '”', '"']);
        let cut = w.len() != bare.len() || w.starts_with(['(', '“', '"']);
        if w.starts_with(['(', '“', '"']) {
            break;
        }
        words.push(bare);
        if cut {
            let comma = w.ends_with(',');
            let next_is_authority = tokens
                .peek()
                .is_some_and(|n| AUTHORITY_STARTS.iter().any(|a| n.starts_with(a)));
            if comma && next_is_authority {
                // Keep the comma: it is part of the name.
                if let Some(last) = words.last_mut() {
                    *last = w;
                }
                continue;
            }
            break;
        }
    }
    words.join(" ").trim_end_matches(',').to_string()
}

/// "Kế hoạch" whatever the case it was written in; "Luật Trẻ em" is a "Luật".
fn kind(word: &str) -> String {
    let word = if word.to_lowercase().starts_with("luật") {
        &word[..word.find(' ').unwrap_or(word.len())]
    } else {
        word
    };
    let mut c = word.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// Every reference in `text`, in order.
pub fn find(text: &str) -> Vec<Reference> {
    let mut out = Vec::new();
    // A document number has digits and a slash or "số" before it.
    if !text.contains('/') && !text.contains("số") {
        return out;
    }
    for (at, c) in super::vn::matches_at(&REF_RE, &TYPE_STARTS, text) {
        let (Some(whole), Some(kind_m), Some(num)) = (c.get(0), c.get(1), c.get(3)) else {
            continue;
        };
        // "Kế hoạch" is also a word of the text ("Kế hoạch 2026", "Luật Trẻ em ngày
        // 05/4/2016"): without "số" only a number with a symbol ("06/QĐ-TTg") counts.
        let symbol = num.as_str().contains('/') && num.as_str().chars().any(char::is_alphabetic);
        if c.get(2).is_none() && !symbol {
            continue;
        }
        // The type must start a word (no Unicode word boundaries in regex-lite).
        if text[..at].chars().last().is_some_and(char::is_alphanumeric) {
            continue;
        }
        let mut rest = &text[at + whole.end()..];
        let mut date = None;
        if let Some(d) = DATE_RE.captures(rest) {
            let part = |i| d.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
            if let (Some(day), Some(month), Some(year)) = (part(1), part(2), part(3)) {
                date = chrono::NaiveDate::from_ymd_opt(year as i32, month, day)
                    .map(|d| d.format("%Y-%m-%d").to_string());
            }
            rest = &rest[d.get(0).map_or(0, |m| m.end())..];
        }
        let issuer = match ISSUER_RE.find(rest) {
            Some(m) => issuer(&rest[m.end()..]),
            None => String::new(),
        };
        out.push(Reference {
            kind: kind(kind_m.as_str()),
            number: num.as_str().to_string(),
            date,
            issuer,
        });
    }
    out
}

/// Keeps one entry per (type, number, date); a mention without a date or issuer only
/// completes an entry of the same document. Hash maps keep it linear: a large file may
/// cite many documents.
pub fn dedup(all: Vec<Reference>) -> Vec<Reference> {
    type Doc = (String, String);
    let doc = |r: &Reference| -> Doc { (r.kind.clone(), r.number.clone()) };
    // (first mention, entry), in the order entries are made.
    let mut out: Vec<(usize, Reference)> = Vec::new();
    let mut exact: HashMap<(Doc, Option<String>), usize> = HashMap::new();
    let mut first_dated: HashMap<Doc, usize> = HashMap::new();
    let mut first_undated: HashMap<Doc, usize> = HashMap::new();
    let complete = |entry: &mut Reference, r: &Reference| {
        if entry.issuer.is_empty() {
            entry.issuer = r.issuer.clone();
        }
    };
    for (i, r) in all.iter().enumerate() {
        if r.date.is_none() {
            first_undated.entry(doc(r)).or_insert(i);
            continue;
        }
        match exact.get(&(doc(r), r.date.clone())) {
            Some(&k) => complete(&mut out[k].1, r),
            None => {
                exact.insert((doc(r), r.date.clone()), out.len());
                first_dated.entry(doc(r)).or_insert(out.len());
                out.push((i, r.clone()));
            }
        }
    }
    let mut undated_entry: HashMap<Doc, usize> = HashMap::new();
    for (i, r) in all.iter().enumerate().filter(|(_, r)| r.date.is_none()) {
        match first_dated.get(&doc(r)).or(undated_entry.get(&doc(r))) {
            Some(&k) => complete(&mut out[k].1, r),
            None => {
                undated_entry.insert(doc(r), out.len());
                out.push((i, r.clone()));
            }
        }
    }
    // In the order of first mention, counting mentions without a date.
    for (first, r) in out.iter_mut() {
        if let Some(&u) = first_undated.get(&doc(r)) {
            *first = (*first).min(u);
        }
    }
    out.sort_by_key(|(first, _)| *first);
    out.into_iter().map(|(_, r)| r).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> (String, String, Option<String>, String) {
        let r = find(text).into_iter().next().expect("a reference");
        (r.kind, r.number, r.date, r.issuer)
    }

    #[test]
    fn reads_type_number_date_issuer() {
        assert_eq!(
            one("Thực hiện Quyết định số 06/QĐ-TTg ngày 03/01/2019 của Thủ tướng Chính phủ ban hành Quy định"),
            ("Quyết định".into(), "06/QĐ-TTg".into(), Some("2019-01-03".into()), "Thủ tướng Chính phủ".into())
        );
        assert_eq!(
            one("Căn cứ Quyết định số 3944/QĐ-UBND, ngày 20/12/2021 của UBND huyện Tam Đường về việc giao"),
            ("Quyết định".into(), "3944/QĐ-UBND".into(), Some("2021-12-20".into()), "UBND huyện Tam Đường".into())
        );
        assert_eq!(
            one("và Hướng dẫn số 604/TE-PTTG ngày 20/9/2019 của Cục Trẻ em, Bộ Lao động - Thương binh và Xã hội."),
            ("Hướng dẫn".into(), "604/TE-PTTG".into(), Some("2019-09-20".into()), "Cục Trẻ em, Bộ Lao động - Thương binh và Xã hội".into())
        );
        assert_eq!(
            one("tại Quyết định số 06/QĐ-TTg ngày 03/01/2019 của Thủ tướng Chính phủ và phải đảm bảo").3,
            "Thủ tướng Chính phủ"
        );
        assert_eq!(one("Thực hiện kế hoạch số 73/KH-UBND ngày 22/3/2023 của UBND huyện Hà Trung về ban hành").0, "Kế hoạch");
        assert!(find("Kế hoạch 2026 của xã").is_empty());
        assert_eq!(
            one("Căn cứ Luật Trẻ em số 102/2016/QH13 ngày 05/4/2016 của Quốc hội;"),
            (
                "Luật".into(),
                "102/2016/QH13".into(),
                Some("2016-04-05".into()),
                "Quốc hội".into()
            )
        );
        assert!(find("thực hiện Luật trẻ em năm 2016, Luật Bình đẳng giới").is_empty());
        assert!(find("Căn cứ Luật Trẻ em ngày 05/4/2016").is_empty());
    }

    #[test]
    fn dedup_keeps_what_is_written() {
        let all = find(
            "Quyết định số 06/QĐ-TTg ngày 03/01/2019 của Thủ tướng Chính phủ; Quyết định số 06/QĐ-TTg ngày 03/01/2029 của Thủ tướng Chính phủ; theo Quyết định số 06/QĐ-TTg và Quyết định số 06/QĐ-TTg ngày 03/01/2019 Thủ tướng Chính phủ.",
        );
        let d = dedup(all);
        assert_eq!(d.len(), 2);
        assert_eq!(d[1].date.as_deref(), Some("2029-01-03"));
    }
}
