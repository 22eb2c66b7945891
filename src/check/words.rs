//! Known misspellings and wrong forms (`assets/check/words.json`), matched on whole words so
//! correct Vietnamese is never flagged ("lòng" alone is a word; only "lòng ghép" is wrong),
//! and a full stop missing before a new sentence ("năm 2024 Trong quá trình …").

use std::sync::LazyLock;

use serde::Deserialize;

use super::doc::{Doc, Out, Part};
use super::finding::{Finding, Severity};
use super::scan::{find_words, fold, is_word_char, match_case};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
enum Case {
    Any,
    Exact,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
enum Kind {
    Spelling,
    Abbreviation,
    Capitalization,
    Punctuation,
}

#[derive(Debug, Deserialize)]
struct Entry {
    wrong: String,
    right: String,
    case: Case,
    kind: Kind,
    #[serde(default)]
    severity: Option<Severity>,
}

#[derive(Deserialize)]
struct WordsFile {
    entries: Vec<Entry>,
}

static ENTRIES: LazyLock<Vec<Entry>> = LazyLock::new(|| {
    let file: WordsFile = serde_json::from_str(include_str!("../../assets/check/words.json"))
        .expect("assets/check/words.json is valid");
    file.entries
        .into_iter()
        .map(|mut e| {
            if e.case == Case::Any {
                e.wrong = fold(&e.wrong);
            }
            e
        })
        .collect()
});

/// Words that begin a sentence; written with a capital right after a word, a full stop is
/// missing before them.
const SENTENCE_STARTS: &[&str] = &["Trong", "Nếu", "Đề nghị", "Yêu cầu"];

impl Kind {
    fn code(self) -> &'static str {
        match self {
            Kind::Spelling => "word-spelling",
            Kind::Abbreviation => "word-abbreviation",
            Kind::Capitalization => "word-case",
            Kind::Punctuation => "word-punctuation",
        }
    }

    fn severity(self) -> Severity {
        match self {
            Kind::Spelling | Kind::Abbreviation => Severity::Warning,
            Kind::Capitalization | Kind::Punctuation => Severity::Info,
        }
    }

    fn message(self) -> &'static str {
        match self {
            Kind::Spelling => "Sai chính tả.",
            Kind::Abbreviation => "Viết tắt sai.",
            Kind::Capitalization => "Viết hoa chưa đúng quy tắc.",
            Kind::Punctuation => "Dấu câu hoặc cách viết chưa đúng.",
        }
    }
}

/// Checks one text against the list; the findings' byte positions and texts.
pub fn scan_text(text: &str) -> Vec<(usize, Finding)> {
    let folded = fold(text);
    let mut out = Vec::new();
    for e in ENTRIES.iter() {
        let hay = if e.case == Case::Any { &folded } else { text };
        for r in find_words(hay, &e.wrong) {
            let written = &text[r.clone()];
            let right = if e.case == Case::Any {
                match_case(written, &e.right)
            } else {
                e.right.clone()
            };
            let f = Finding::new(
                e.severity.unwrap_or(e.kind.severity()),
                e.kind.code(),
                e.kind.message(),
            )
            .excerpt(written)
            .suggest(right);
            out.push((r.start, f));
        }
    }
    for start in SENTENCE_STARTS {
        for r in find_words(text, start) {
            let head = &text[..r.start];
            let Some(prev) = head.strip_suffix(' ') else {
                continue;
            };
            if !prev.chars().next_back().is_some_and(is_word_char) {
                continue;
            }
            let word_start = prev
                .char_indices()
                .rev()
                .find(|(_, c)| c.is_whitespace())
                .map_or(0, |(i, c)| i + c.len_utf8());
            let prev_word = &prev[word_start..];
            let f = Finding::new(
                Severity::Info,
                "sentence-stop",
                "Thiếu dấu chấm trước câu mới.",
            )
            .excerpt(format!("{prev_word} {start}"))
            .suggest(format!("{prev_word}. {start}"));
            out.push((word_start, f));
        }
    }
    out
}

pub fn check(doc: &Doc, out: &mut Out) {
    for (i, spot) in doc.spots.iter().enumerate() {
        if !(spot.part.is_prose() || spot.part == Part::RecipientsHeading) {
            continue;
        }
        for (pos, f) in scan_text(&spot.text) {
            out.at_spot(doc, i, pos, f);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(text: &str) -> Vec<(String, String, Option<String>)> {
        scan_text(text)
            .into_iter()
            .map(|(_, f)| (f.code, f.excerpt, f.suggestion))
            .collect()
    }

    #[test]
    fn wrong_forms_are_found_with_the_written_case() {
        assert_eq!(
            codes("4. Lòng ghép các hoạt động"),
            vec![(
                "word-spelling".into(),
                "Lòng ghép".into(),
                Some("Lồng ghép".into())
            )]
        );
        assert_eq!(codes("Noi nhận:")[0].2.as_deref(), Some("Nơi nhận"));
        assert_eq!(
            codes("những vấn đề nỗi cộm")[0].2.as_deref(),
            Some("nổi cộm")
        );
        assert_eq!(codes("Lưu: VT, VHXX (BMH)")[0].2.as_deref(), Some("VHXH"));
    }

    #[test]
    fn correct_words_are_left_alone() {
        for ok in [
            "lòng",
            "tấm lòng, ghép lại",
            "Quan tâm việc lồng ghép tổ chức",
            "giải quyết các vấn đề nổi cộm",
            "Nơi nhận:",
            "Lưu: VT, VHXH",
            "Ủy ban nhân dân xã",
            "Luật Trẻ em",
            "xã, thị trấn",
            "Thời gian thực hiện: Trong năm 2024.",
            "2. Đề nghị MTTQ",
            "LĐTBXH",
        ] {
            assert!(codes(ok).is_empty(), "{ok}: {:?}", codes(ok));
        }
    }

    #[test]
    fn a_missing_full_stop_before_a_new_sentence() {
        assert_eq!(
            codes("năm 2024 Trong quá trình"),
            vec![(
                "sentence-stop".into(),
                "2024 Trong".into(),
                Some("2024. Trong".into())
            )]
        );
    }
}
