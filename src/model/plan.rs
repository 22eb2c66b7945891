use serde::{Deserialize, Serialize};

use super::DocDate;
use crate::error::{Error, Result};

/// A plan (KẾ HOẠCH) exactly as the JSON of docs/model.md. Text is NFC; labels carry no final
/// dot.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Plan {
    pub doc_type: String,
    /// Header lines of the issuing authority when the plan overrides the commune profile
    /// (e.g. an imported plan that had its own header); `None` = take them from the profile.
    #[serde(default)]
    pub authority: Option<Vec<String>>,
    /// The document number as written ("09"), `None` while it is left blank for the clerk.
    #[serde(default)]
    pub number: Option<String>,
    pub symbol: String,
    pub place: String,
    pub date: DocDate,
    pub title: String,
    #[serde(default)]
    pub bases: Vec<String>,
    #[serde(default)]
    pub intro: String,
    #[serde(default)]
    pub sections: Vec<Section>,
    #[serde(default)]
    pub closing: String,
    #[serde(default)]
    pub recipients: Vec<String>,
    pub signer: Signer,
    #[serde(default)]
    pub deadlines: Vec<Deadline>,
    #[serde(default)]
    pub events: Vec<Event>,
    #[serde(default)]
    pub references: Vec<Reference>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Section {
    /// "I", "1", "1.2", "a" — without the final dot or parenthesis.
    pub label: String,
    pub title: String,
    #[serde(default)]
    pub paragraphs: Vec<String>,
    #[serde(default)]
    pub children: Vec<Section>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Signer {
    /// One line each, e.g. ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"].
    pub titles: Vec<String>,
    pub name: String,
}

/// A date by which something must be done or sent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Deadline {
    /// ISO date, `yyyy-mm-dd`.
    pub date: String,
    pub text: String,
    /// The label path of the section it sits in ("IV.3"), or "" when outside any section.
    #[serde(default)]
    pub section: String,
    /// The unit responsible, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
}

/// A period in which an activity takes place ("từ ngày 01/6 đến ngày 30/6/2026").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[cfg_attr(test, ts(rename = "PlanEvent"))]
pub struct Event {
    pub start: String,
    pub end: String,
    pub text: String,
}

/// A legal document the plan refers to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Reference {
    #[serde(rename = "type")]
    pub kind: String,
    pub number: String,
    #[serde(default)]
    pub date: Option<String>,
    #[serde(default)]
    pub issuer: String,
}

impl Section {
    /// The label as printed: "I.", "1.", "1.2." for numbers, "a)" for letters.
    pub fn display_label(&self) -> String {
        display_label(&self.label)
    }
}

/// The label path of a section labelled `label` inside the section at `prefix`: "IV.3",
/// as a deadline's `section` names it.
pub fn section_path(prefix: &str, label: &str) -> String {
    if prefix.is_empty() {
        label.to_string()
    } else if label.contains('.') {
        // "1.2" already carries its parent's number.
        format!("{}.{label}", prefix.split('.').next().unwrap_or(prefix))
    } else {
        format!("{prefix}.{label}")
    }
}

pub fn display_label(label: &str) -> String {
    if label.is_empty() {
        String::new()
    } else if label.chars().all(|c| c.is_lowercase()) {
        // Letters, including the Vietnamese "đ" (a, b, c, d, đ, e…), print as "a)".
        format!("{label})")
    } else {
        format!("{label}.")
    }
}

impl Plan {
    pub fn year(&self) -> i32 {
        self.date.year
    }

    /// Rejects a plan that cannot be saved or printed: an impossible date, empty required fields.
    pub fn validate(&self) -> Result<()> {
        self.date.validate()?;
        let required = [
            (&self.doc_type, "tên loại văn bản"),
            (&self.symbol, "ký hiệu văn bản"),
            (&self.place, "địa danh"),
            (&self.title, "trích yếu (tên kế hoạch)"),
        ];
        for (value, what) in required {
            if value.trim().is_empty() {
                return Err(Error::Invalid(format!(
                    "Thiếu {what}. Hãy nhập {what} trước khi lưu."
                )));
            }
        }
        if let Some(n) = &self.number {
            if n.trim().is_empty() || !n.trim().chars().all(|c| c.is_ascii_digit()) {
                return Err(Error::Invalid(format!(
                    "Số văn bản “{n}” không hợp lệ: chỉ gồm chữ số, hoặc để trống."
                )));
            }
        }
        for d in &self.deadlines {
            super::date::parse_date(&d.date)?;
        }
        Ok(())
    }

    /// Every section in reading order, with its label path ("IV.3").
    pub fn walk_sections(&self) -> Vec<(String, &Section)> {
        fn walk<'a>(prefix: &str, sections: &'a [Section], out: &mut Vec<(String, &'a Section)>) {
            for s in sections {
                let path = section_path(prefix, &s.label);
                out.push((path.clone(), s));
                walk(&path, &s.children, out);
            }
        }
        let mut out = Vec::new();
        walk("", &self.sections, &mut out);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_print_like_nd30() {
        assert_eq!(display_label("IV"), "IV.");
        assert_eq!(display_label("1.2"), "1.2.");
        assert_eq!(display_label("a"), "a)");
        assert_eq!(display_label("đ"), "đ)");
    }
}
