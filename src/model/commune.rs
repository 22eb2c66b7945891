use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// The commune that issues the documents, and the people and units the documents name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Commune {
    /// The commune's proper name without its kind: "Quan Sơn".
    pub name: String,
    /// "xã", "phường" or "đặc khu" (the 2025 reform keeps these three).
    #[serde(default = "default_kind")]
    pub kind: String,
    /// "Lạng Sơn" (without "tỉnh").
    pub province: String,
    /// The body that receives the dossier: "Sở Y tế tỉnh Lạng Sơn" since 7/2025,
    /// "UBND huyện …" before. docs/domain.md, the 2025 reform: who recognises the commune is
    /// unknown, so it is data.
    pub superior: String,
    /// The body's e-mail address, for the dossier's e-mail draft; optional.
    #[serde(default)]
    pub superior_email: Option<String>,
    /// The superior authority line printed above the issuing authority in the header,
    /// if any (Nghị định 30: "tên cơ quan chủ quản trực tiếp, nếu có"). Usually empty for a UBND xã.
    #[serde(default)]
    pub parent_authority: Option<String>,
    /// The two header lines of the issuing authority: ["ỦY BAN NHÂN DÂN", "XÃ QUAN SƠN"].
    pub authority_lines: Vec<String>,
    /// The place name of the date line: "Quan Sơn, ngày … tháng … năm …".
    pub place: String,
    /// People who sign, with their position.
    #[serde(default)]
    pub leaders: Vec<Leader>,
    /// Units that carry out tasks and report figures (ban, ngành, trường, trạm y tế, thôn).
    #[serde(default)]
    pub units: Vec<Unit>,
    /// Default "Nơi nhận" of a new plan, without "- " and final punctuation.
    #[serde(default)]
    pub recipients: Vec<String>,
    /// The threshold category of the recognition rule (an id of the catalogue's rule:
    /// "ward-city", "standard", "disadvantaged"). Since 2025 the unit types changed, so this is
    /// a setting (docs/domain.md, the recognition rule); `None` = the rule's default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Leader {
    pub name: String,
    /// "Chủ tịch" or "Phó Chủ tịch".
    pub position: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Unit {
    pub name: String,
    /// "ban", "ngành", "trường", "trạm y tế", "thôn", "đoàn thể", "phòng".
    #[serde(default)]
    pub kind: String,
}

fn default_kind() -> String {
    "xã".to_string()
}

impl Commune {
    /// A fresh profile from the few facts the officer types first; the rest is derived and
    /// can be corrected afterwards.
    pub fn new(name: &str, province: &str) -> Self {
        let name = name.trim().to_string();
        Commune {
            authority_lines: vec![
                "ỦY BAN NHÂN DÂN".to_string(),
                format!("XÃ {}", upper(&name)),
            ],
            place: name.clone(),
            superior: format!("Sở Y tế tỉnh {}", province.trim()),
            superior_email: None,
            parent_authority: None,
            kind: default_kind(),
            province: province.trim().to_string(),
            name,
            leaders: Vec::new(),
            units: Vec::new(),
            recipients: Vec::new(),
            category: None,
        }
    }

    /// "xã Quan Sơn" as it appears inside sentences.
    pub fn full_name(&self) -> String {
        format!("{} {}", self.kind, self.name)
    }

    /// The chairman, if the profile names one.
    pub fn chair(&self) -> Option<&Leader> {
        self.leaders
            .iter()
            .find(|l| l.position.to_lowercase() == "chủ tịch")
    }

    /// The first vice-chairman, if any; plans are usually signed by one "KT. CHỦ TỊCH".
    pub fn vice_chair(&self) -> Option<&Leader> {
        self.leaders
            .iter()
            .find(|l| l.position.to_lowercase().starts_with("phó chủ tịch"))
    }

    pub fn validate(&self) -> Result<()> {
        let required = [
            (&self.name, "tên xã"),
            (&self.province, "tên tỉnh"),
            (&self.superior, "cơ quan cấp trên"),
            (&self.place, "địa danh ghi ở dòng ngày tháng"),
        ];
        for (value, what) in required {
            if value.trim().is_empty() {
                return Err(Error::Invalid(format!("Thiếu {what}. Hãy nhập {what}.")));
            }
        }
        if self.authority_lines.iter().all(|l| l.trim().is_empty()) {
            return Err(Error::Invalid(
                "Thiếu tên cơ quan ban hành (ví dụ “ỦY BAN NHÂN DÂN” / “XÃ QUAN SƠN”).".into(),
            ));
        }
        Ok(())
    }
}

/// Vietnamese uppercase that keeps NFC (Rust's to_uppercase is Unicode-correct for it).
pub fn upper(s: &str) -> String {
    s.to_uppercase()
}
