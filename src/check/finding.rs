//! What the linter reports: one finding per mistake, in the shape of docs/model.md
//! (`severity`, `code`, `message`, `excerpt`, `suggestion`, `section`), plus optional
//! `field`, `index` and `line` so the app can jump to the place.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub enum Severity {
    /// Wrong on paper: a wrong legal date, an abolished body, another commune's name…
    Error,
    /// Likely a mistake: a misspelling, a deadline out of order, a year left from a copy.
    Warning,
    /// A hint: capitals, punctuation, wording.
    Info,
}

impl Severity {
    /// The word printed before each finding by `tre check`.
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "Lỗi",
            Severity::Warning => "Cảnh báo",
            Severity::Info => "Gợi ý",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Finding {
    pub severity: Severity,
    /// Stable code of the rule ("date-future-reference"), for scripts and the UI.
    pub code: String,
    /// What is wrong and what to do, in Vietnamese.
    pub message: String,
    /// The text as written ("03/01/2029").
    pub excerpt: String,
    /// What to write instead, when the linter knows it ("03/01/2019").
    pub suggestion: Option<String>,
    /// Where: "header", "preamble", a section label path ("II.1"), "closing", "recipients",
    /// "signer", "deadlines" or "references".
    pub section: String,
    /// The plan field inside `section`: "title", "bases", "intro", "paragraphs", "closing",
    /// "recipients", "titles", "name", "date", "symbol", "doc_type", "place"…
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// Position in a list field (bases, paragraphs, recipients, deadlines), from 0.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub index: Option<usize>,
    /// Line in the checked text file, from 1 (text checks only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
}

impl Finding {
    pub fn new(severity: Severity, code: &str, message: impl Into<String>) -> Self {
        Finding {
            severity,
            code: code.to_string(),
            message: message.into(),
            excerpt: String::new(),
            suggestion: None,
            section: String::new(),
            field: None,
            index: None,
            line: None,
        }
    }

    pub fn excerpt(mut self, excerpt: impl Into<String>) -> Self {
        self.excerpt = excerpt.into();
        self
    }

    pub fn suggest(mut self, suggestion: impl Into<String>) -> Self {
        self.suggestion = Some(suggestion.into());
        self
    }

    pub fn suggest_opt(mut self, suggestion: Option<String>) -> Self {
        self.suggestion = suggestion;
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// How many findings of each severity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Summary {
    pub fn of(findings: &[Finding]) -> Self {
        let mut s = Summary::default();
        for f in findings {
            match f.severity {
                Severity::Error => s.errors += 1,
                Severity::Warning => s.warnings += 1,
                Severity::Info => s.infos += 1,
            }
        }
        s
    }

    /// "2 lỗi, 1 cảnh báo, 3 gợi ý" or "không phát hiện vấn đề nào".
    pub fn sentence(&self) -> String {
        if self.errors + self.warnings + self.infos == 0 {
            "không phát hiện vấn đề nào".to_string()
        } else {
            format!(
                "{} lỗi, {} cảnh báo, {} gợi ý",
                self.errors, self.warnings, self.infos
            )
        }
    }
}

/// Where a finding is, in words: "phần mở đầu", "mục II.1", "Nơi nhận, dòng 78".
pub fn place_label(f: &Finding) -> String {
    let base = match f.section.as_str() {
        "header" => "số, ký hiệu, ngày tháng".to_string(),
        "preamble" => "phần mở đầu".to_string(),
        "closing" => "câu kết".to_string(),
        "recipients" => "Nơi nhận".to_string(),
        "signer" => "chữ ký".to_string(),
        "deadlines" => "thời hạn".to_string(),
        "references" => "văn bản dẫn chiếu".to_string(),
        "" => "văn bản".to_string(),
        path => format!("mục {path}"),
    };
    match f.line {
        Some(line) => format!("{base}, dòng {line}"),
        None => base,
    }
}

/// One line of `tre check`: "Lỗi [phần mở đầu] … “03/01/2029” → “03/01/2019”".
pub fn human_line(f: &Finding) -> String {
    let mut line = format!("{} [{}] {}", f.severity.label(), place_label(f), f.message);
    if !f.excerpt.is_empty() {
        line.push_str(&format!(" “{}”", f.excerpt));
        if let Some(s) = &f.suggestion {
            line.push_str(&format!(" → “{s}”"));
        }
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serialises_as_cli_md() {
        let mut f = Finding::new(Severity::Error, "date-future-reference", "Ngày sai")
            .excerpt("03/01/2029")
            .suggest("03/01/2019");
        f.section = "preamble".into();
        let v = serde_json::to_value(&f).unwrap();
        assert_eq!(
            v,
            serde_json::json!({"severity": "error", "code": "date-future-reference",
                "message": "Ngày sai", "excerpt": "03/01/2029", "suggestion": "03/01/2019",
                "section": "preamble"})
        );
        assert_eq!(
            human_line(&f),
            "Lỗi [phần mở đầu] Ngày sai “03/01/2029” → “03/01/2019”"
        );
        assert_eq!(Summary::of(&[f]).sentence(), "1 lỗi, 0 cảnh báo, 0 gợi ý");
    }
}
