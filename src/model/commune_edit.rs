//! Changing the commune profile field by field (`tre commune set --chair …`): only the fields
//! given change, and what is derived from the name, kind and province (the authority line
//! "XÃ QUAN SƠN", the place, the superior "Sở Y tế tỉnh …") follows them unless the officer
//! wrote it differently. All text is made NFC here, the one door into the profile.

use serde::Deserialize;

use super::{Commune, Leader, Unit};
use crate::error::{Error, Result};
use crate::text::{nfc, one_line};

/// The fields to change; `None` or an empty list leaves a field as it is. For the optional
/// fields (e-mail, parent authority, category) an empty string clears them.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct CommuneEdit {
    pub name: Option<String>,
    pub kind: Option<String>,
    pub province: Option<String>,
    pub superior: Option<String>,
    pub superior_email: Option<String>,
    pub parent_authority: Option<String>,
    pub authority: Vec<String>,
    pub place: Option<String>,
    pub chair: Option<String>,
    pub vice_chairs: Vec<String>,
    pub units: Vec<String>,
    pub recipients: Vec<String>,
    pub category: Option<String>,
}

/// The kinds of commune-level unit the 2025 reform keeps.
pub const KINDS: [&str; 3] = ["xã", "phường", "đặc khu"];

impl CommuneEdit {
    /// Applies the edit to `current`; a new profile needs at least the name and the province.
    pub fn apply(&self, current: Option<Commune>) -> Result<Commune> {
        let mut c = match current {
            Some(c) => c,
            None => match (&self.name, &self.province) {
                (Some(n), Some(p)) => Commune::new(&nfc(n), &nfc(p)),
                _ => return Err(Error::CommuneIncomplete),
            },
        };
        // The authority line derived from the kind and name ("XÃ QUAN SƠN") follows a new
        // kind or name, unless the officer wrote it differently or gives it explicitly below.
        let old_line = format!("{} {}", c.kind, c.name).to_uppercase();
        if let Some(kind) = &self.kind {
            let kind = nfc(kind).to_lowercase();
            if !KINDS.contains(&kind.as_str()) {
                return Err(Error::Invalid(format!(
                    "Loại đơn vị “{kind}” không hợp lệ: chọn xã, phường hoặc đặc khu."
                )));
            }
            c.kind = kind;
        }
        if let Some(name) = &self.name {
            let name = nfc(name);
            if c.place == c.name {
                c.place = name.clone();
            }
            c.name = name;
        }
        let new_line = format!("{} {}", c.kind, c.name).to_uppercase();
        for l in &mut c.authority_lines {
            if *l == old_line {
                *l = new_line.clone();
            }
        }
        if let Some(p) = &self.province {
            let old_superior = format!("Sở Y tế tỉnh {}", c.province);
            c.province = nfc(p);
            if c.superior == old_superior {
                c.superior = format!("Sở Y tế tỉnh {}", c.province);
            }
        }
        if let Some(s) = &self.superior {
            c.superior = nfc(s);
        }
        if let Some(e) = &self.superior_email {
            c.superior_email = non_empty(nfc(e));
        }
        if let Some(p) = &self.parent_authority {
            c.parent_authority = non_empty(nfc(p).to_uppercase());
        }
        if !self.authority.is_empty() {
            c.authority_lines = self
                .authority
                .iter()
                .map(|l| nfc(l).to_uppercase())
                .collect();
        }
        if let Some(p) = &self.place {
            c.place = nfc(p);
        }
        if let Some(chair) = &self.chair {
            c.leaders
                .retain(|l| l.position.to_lowercase() != "chủ tịch");
            c.leaders.insert(
                0,
                Leader {
                    name: nfc(chair),
                    position: "Chủ tịch".into(),
                },
            );
        }
        if !self.vice_chairs.is_empty() {
            c.leaders
                .retain(|l| !l.position.to_lowercase().starts_with("phó"));
            c.leaders.extend(self.vice_chairs.iter().map(|n| Leader {
                name: nfc(n),
                position: "Phó Chủ tịch".into(),
            }));
        }
        if !self.units.is_empty() {
            c.units = self
                .units
                .iter()
                .map(|n| Unit {
                    kind: unit_kind(n).into(),
                    name: nfc(n),
                })
                .collect();
        }
        if !self.recipients.is_empty() {
            c.recipients = self.recipients.iter().map(|r| nfc(r)).collect();
        }
        if let Some(k) = &self.category {
            c.category = non_empty(nfc(k));
        }
        Ok(c)
    }
}

fn non_empty(s: String) -> Option<String> {
    (!s.is_empty()).then_some(s)
}

impl Commune {
    /// A whole profile from JSON (as `commune show --json` prints it); `source` names it
    /// in messages. Saving it (`Session::commune_set`) makes it NFC and validates it.
    pub fn from_json(text: &str, source: &str) -> Result<Commune> {
        serde_json::from_str(text).map_err(|e| {
            Error::Invalid(format!(
                "Tệp {source} không đúng định dạng thông tin xã: {e}"
            ))
        })
    }

    /// Every text field NFC, as a profile typed anywhere must be stored.
    pub fn normalised(mut self) -> Commune {
        // Every field is one line: a pasted line break would split an e-mail header or a heading.
        let all = |v: &mut Vec<String>| v.iter_mut().for_each(|s| *s = one_line(s));
        for s in [
            &mut self.name,
            &mut self.kind,
            &mut self.province,
            &mut self.superior,
            &mut self.place,
        ] {
            *s = one_line(s);
        }
        for s in [
            &mut self.superior_email,
            &mut self.parent_authority,
            &mut self.category,
        ]
        .into_iter()
        .flatten()
        {
            *s = one_line(s);
        }
        all(&mut self.authority_lines);
        all(&mut self.recipients);
        for l in &mut self.leaders {
            l.name = one_line(&l.name);
            l.position = one_line(&l.position);
        }
        for u in &mut self.units {
            u.name = one_line(&u.name);
            u.kind = one_line(&u.kind);
        }
        self
    }
}

/// Guesses the kind of a unit from its name, for grouping in the app.
fn unit_kind(name: &str) -> &'static str {
    let n = nfc(name).to_lowercase();
    if n.starts_with("thôn") || n.starts_with("bản") || n.starts_with("tổ dân phố") {
        "thôn"
    } else if n.starts_with("trường") {
        "trường"
    } else if n.starts_with("trạm y tế") {
        "trạm y tế"
    } else if n.starts_with("phòng") {
        "phòng"
    } else if n.starts_with("hội")
        || n.starts_with("đoàn")
        || n.starts_with("mặt trận")
        || n.starts_with("mttq")
    {
        "đoàn thể"
    } else {
        "ngành"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_kind_carries_the_derived_authority_line_and_nothing_else() {
        let c = Commune::new("Tân Lập", "Tuyên Quang");
        let edit = CommuneEdit {
            kind: Some("Phường".into()),
            ..Default::default()
        };
        let c = edit.apply(Some(c)).unwrap();
        assert_eq!(c.kind, "phường");
        assert_eq!(c.authority_lines[1], "PHƯỜNG TÂN LẬP");
        assert_eq!(c.superior, "Sở Y tế tỉnh Tuyên Quang");
        let bad = CommuneEdit {
            kind: Some("huyện".into()),
            ..Default::default()
        };
        assert!(bad.apply(Some(c)).is_err());
    }

    #[test]
    fn a_first_profile_needs_name_and_province() {
        let name_only = CommuneEdit {
            name: Some("Tân Lập".into()),
            ..Default::default()
        };
        assert_eq!(
            name_only.apply(None).unwrap_err().code(),
            "commune-incomplete"
        );
    }

    #[test]
    fn text_is_made_nfc_and_empty_clears_optional_fields() {
        // "Sơn" typed decomposed (o + combining horn).
        let decomposed = "So\u{31b}n";
        let edit = CommuneEdit {
            name: Some(format!("Quan {decomposed}")),
            province: Some("Lạng Sơn".into()),
            superior_email: Some(String::new()),
            units: vec!["Trường Mầm non".into(), "Thôn Nà Rẹ".into()],
            ..Default::default()
        };
        let c = edit.apply(None).unwrap();
        assert_eq!(c.name, "Quan Sơn");
        assert_eq!(c.superior_email, None);
        assert_eq!(c.units[0].kind, "trường");
        assert_eq!(c.units[1].kind, "thôn");
    }
}
