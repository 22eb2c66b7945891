//! The sections tree, decided by numbering, not by Markdown levels (seed 002 writes the
//! same level with `##`, `###` and `####`).
//!
//! Labels rank: `I.` (0) above `1.` (1) above `1.1.` (2) … above `a)` (10). A labelled line
//! is a section heading when it is written as one (`#`, bold, a Roman numeral, a bold head
//! `**1. Mục đích:** …` that carries its first paragraph) or reads like a title (short, no
//! full stop). Otherwise it is a numbered paragraph ("1. Triển khai thực hiện … ."), which
//! stays in its parent's paragraphs with its label, as the templates keep seed 001's list.
//! But a parent's paragraphs print before its children, so numbered paragraphs among
//! sibling headings, or with sub-items of their own, become sections too (their text is
//! the title): otherwise the order of the text would change (seed 003, IV.3).

use std::sync::LazyLock;

use regex_lite::Regex;

use super::lines::Para;
use super::vn;
use crate::model::Section;

/// Rank of the letter level (`a)`), below any depth of numbers.
const LETTER_RANK: u8 = 10;

static LABEL_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:([IVXL]{1,6})\.|([0-9]{1,2}(?:\.[0-9]{1,2})+)\.?|([0-9]{1,2})\.|([a-zđ])\))(?:\s+|$)",
    )
    .expect("valid pattern")
});

/// Roman numerals up to XL, as headings are numbered (I … XXXIX).
fn roman_value(s: &str) -> Option<u32> {
    const TENS: [&str; 4] = ["", "X", "XX", "XXX"];
    const UNITS: [&str; 10] = ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"];
    for (t, tens) in TENS.iter().enumerate() {
        if let Some(rest) = s.strip_prefix(tens) {
            if let Some(u) = UNITS.iter().position(|u| *u == rest) {
                let v = t as u32 * 10 + u as u32;
                return (v > 0).then_some(v);
            }
        }
    }
    None
}

/// `(label, rank, rest)` of a labelled line: "1.2. Mục tiêu" → ("1.2", 2, "Mục tiêu").
pub fn split_label(text: &str) -> Option<(String, u8, &str)> {
    // Cheap test first: this runs on every line.
    let first = text.chars().next()?;
    if !(first.is_ascii_digit() || "IVXL".contains(first) || first.is_lowercase()) {
        return None;
    }
    let c = LABEL_RE.captures(text)?;
    let rest = &text[c.get(0)?.end()..];
    if let Some(m) = c.get(1) {
        roman_value(m.as_str())?;
        return Some((m.as_str().to_string(), 0, rest));
    }
    if let Some(m) = c.get(2).or(c.get(3)) {
        let depth = m.as_str().split('.').count() as u8;
        return Some((m.as_str().to_string(), depth, rest));
    }
    let m = c.get(4)?;
    Some((m.as_str().to_string(), LETTER_RANK, rest))
}

/// Reads like a heading: short, no full stop, no second sentence.
fn title_like(rest: &str) -> bool {
    let t = clean_title(rest);
    !t.is_empty()
        && !vn::ends_sentence(&t)
        && vn::word_count(&t) <= 20
        && !vn::has_sentence_break(&t)
}

/// A heading's title: the colon that introduces its text is not part of it.
fn clean_title(rest: &str) -> String {
    rest.trim().trim_end_matches(':').trim().to_string()
}

#[derive(Debug, Clone)]
enum Item {
    /// A section heading, with the first paragraph when written inline.
    Sec {
        label: String,
        rank: u8,
        title: String,
        first: Option<String>,
    },
    /// A numbered paragraph, unless its siblings make it a section.
    Num {
        label: String,
        rank: u8,
        text: String,
        rest: String,
    },
    Plain(String),
}

impl Item {
    fn rank(&self) -> Option<u8> {
        match self {
            Item::Sec { rank, .. } | Item::Num { rank, .. } => Some(*rank),
            Item::Plain(_) => None,
        }
    }
}

fn classify(p: &Para) -> Item {
    if p.literal {
        return Item::Plain(p.text.clone());
    }
    let Some((label, rank, rest)) = split_label(&p.text) else {
        return Item::Plain(p.text.clone());
    };
    // `**1. Mục đích:** Duy trì …`: the bold span is the heading, the rest its paragraph.
    if let Some(head) = p.bold_head.as_deref() {
        let head_title = split_label(head).map(|(_, _, r)| clean_title(r));
        if let Some(title) = head_title.filter(|t| !t.is_empty()) {
            let after = p.text.strip_prefix(head).unwrap_or("").trim();
            return Item::Sec {
                label,
                rank,
                title,
                first: (!after.is_empty()).then(|| after.to_string()),
            };
        }
    }
    if p.heading || p.all_bold || rank == 0 || title_like(rest) {
        return Item::Sec {
            label,
            rank,
            title: clean_title(rest),
            first: None,
        };
    }
    Item::Num {
        label,
        rank,
        text: p.text.clone(),
        rest: rest.trim().to_string(),
    }
}

/// Turns numbered paragraphs into sections where keeping them as paragraphs would change
/// the order of the text (see the module comment). Linear: a labelled item's siblings are
/// the items of its rank between the nearest item of a higher rank before and after it.
fn promote(items: &mut [Item]) {
    let labelled: Vec<usize> = (0..items.len())
        .filter(|&i| items[i].rank().is_some())
        .collect();
    let ranks: Vec<u8> = labelled.iter().filter_map(|&i| items[i].rank()).collect();
    let n = ranks.len();
    // Nearest position with a strictly higher level (smaller rank) before (prev) and after
    // (next) each position: the parent and the end of the parent's span.
    let mut prev = vec![None; n];
    let mut stack: Vec<usize> = Vec::new();
    for k in 0..n {
        while stack.last().is_some_and(|&s| ranks[s] >= ranks[k]) {
            stack.pop();
        }
        prev[k] = stack.last().copied();
        stack.push(k);
    }
    let mut next = vec![n; n];
    stack.clear();
    for k in 0..n {
        while stack.last().is_some_and(|&s| ranks[s] > ranks[k]) {
            if let Some(s) = stack.pop() {
                next[s] = k;
            }
        }
        stack.push(k);
    }
    // Group the siblings by (parent, rank) and decide per group.
    let mut groups: std::collections::HashMap<(Option<usize>, u8), Vec<usize>> =
        std::collections::HashMap::new();
    for k in 0..n {
        groups.entry((prev[k], ranks[k])).or_default().push(k);
    }
    for ((parent, _), members) in groups {
        let has_heading = members
            .iter()
            .any(|&k| matches!(items[labelled[k]], Item::Sec { .. }));
        let Some(&last) = members.last() else {
            continue;
        };
        let span = next[last] - parent.map_or(0, |p| p + 1);
        let has_children = span > members.len();
        if has_heading || has_children || parent.is_none() {
            for &k in &members {
                let i = labelled[k];
                if let Item::Num {
                    label, rank, rest, ..
                } = &items[i]
                {
                    items[i] = Item::Sec {
                        label: label.clone(),
                        rank: *rank,
                        title: clean_title(rest),
                        first: None,
                    };
                }
            }
        }
    }
}

/// Builds the sections from the body paragraphs, which start at the first labelled one.
/// Paragraphs before any section (there are none when called that way) are returned apart.
pub fn build(paras: &[Para]) -> (Vec<Section>, Vec<String>) {
    let mut items: Vec<Item> = paras.iter().map(classify).collect();
    promote(&mut items);
    let mut roots: Vec<Section> = Vec::new();
    let mut loose: Vec<String> = Vec::new();
    let mut stack: Vec<(u8, Section)> = Vec::new();
    fn close_to(rank: u8, stack: &mut Vec<(u8, Section)>, roots: &mut Vec<Section>) {
        while stack.last().is_some_and(|(r, _)| *r >= rank) {
            if let Some((_, done)) = stack.pop() {
                match stack.last_mut() {
                    Some((_, parent)) => parent.children.push(done),
                    None => roots.push(done),
                }
            }
        }
    }
    for item in items {
        match item {
            Item::Sec {
                label,
                rank,
                title,
                first,
            } => {
                close_to(rank, &mut stack, &mut roots);
                stack.push((
                    rank,
                    Section {
                        label,
                        title,
                        paragraphs: first.into_iter().collect(),
                        children: Vec::new(),
                    },
                ));
            }
            Item::Num { rank, text, .. } => {
                close_to(rank, &mut stack, &mut roots);
                match stack.last_mut() {
                    Some((_, s)) => s.paragraphs.push(text),
                    None => loose.push(text),
                }
            }
            Item::Plain(text) => match stack.last_mut() {
                Some((_, s)) => s.paragraphs.push(text),
                None => loose.push(text),
            },
        }
    }
    close_to(0, &mut stack, &mut roots);
    (roots, loose)
}

/// Whether a paragraph starts the sections (a label that is not escaped).
pub fn is_labelled(p: &Para) -> bool {
    !p.literal && split_label(&p.text).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::lines::paragraphs;

    fn tree(text: &str) -> Vec<Section> {
        build(&paragraphs(text)).0
    }

    #[test]
    fn labels() {
        assert_eq!(
            split_label("IV. TỔ CHỨC").map(|l| (l.0, l.1)),
            Some(("IV".into(), 0))
        );
        assert_eq!(split_label("1.2. Mục tiêu").map(|l| l.1), Some(2));
        assert_eq!(
            split_label("2.1 Tăng cường").map(|l| l.0),
            Some("2.1".into())
        );
        assert_eq!(split_label("a) Xây dựng").map(|l| l.1), Some(LETTER_RANK));
        assert_eq!(split_label("IIII. X"), None);
        assert_eq!(split_label("100% xã"), None);
        assert_eq!(split_label("2022 là năm"), None);
    }

    #[test]
    fn numbering_decides_not_hashes() {
        let t = tree(
            "### I. MỤC ĐÍCH\n\n**1. Mục đích:** Duy trì.\n\n#### 2. Yêu cầu\n\n- Một.\n\n\
             ## II. NỘI DUNG\n\n##### 1. Mục tiêu\n\n## 1.1. Chung\n\nĐẩy mạnh.",
        );
        assert_eq!(t.len(), 2);
        assert_eq!(t[0].children[0].title, "Mục đích");
        assert_eq!(t[0].children[0].paragraphs, ["Duy trì."]);
        assert_eq!(t[0].children[1].paragraphs, ["- Một."]);
        assert_eq!(t[1].children[0].children[0].label, "1.1");
    }

    #[test]
    fn numbered_paragraphs_stay_unless_among_headings() {
        let t = tree("II. NỘI DUNG\n\n1. Triển khai việc này.\n\n2. Tổ chức việc kia.");
        assert_eq!(t[0].paragraphs.len(), 2);
        assert!(t[0].children.is_empty());
        let t = tree("IV. TỔ CHỨC\n\n1. Công chức\n\nTham mưu.\n\n3. Yêu cầu các thôn làm.");
        assert_eq!(t[0].children.len(), 2);
        assert_eq!(t[0].children[1].title, "Yêu cầu các thôn làm.");
    }
}
