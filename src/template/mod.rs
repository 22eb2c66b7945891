//! Plan templates (`assets/templates/*.json`): a plan with placeholders that a new plan is
//! filled from. Placeholders stand for everything that changes between communes and years,
//! so no commune name or year of the template's origin can survive into a new plan.
//!
//! | placeholder    | filled with                                   |
//! |----------------|-----------------------------------------------|
//! | `{{ten}}`      | the commune's name: "Quan Sơn"                |
//! | `{{cap}}`      | its kind: "xã" (or "phường", "đặc khu")       |
//! | `{{Cap}}`      | the kind capitalised, at a sentence start     |
//! | `{{tinh}}`     | the province: "Lạng Sơn"                      |
//! | `{{cap_tren}}` | the superior body: "Sở Y tế tỉnh Lạng Sơn"    |
//! | `{{dia_danh}}` | the place name of the date line               |
//! | `{{nam}}`      | the plan's year                               |

use serde::Deserialize;
use serde_json::Value;

use crate::error::{Error, Result};
use crate::model::{date::check_year, Commune, Plan, Signer};
use crate::text::nfc;

/// A template as shipped in `assets/templates/`.
#[derive(Debug, Clone, Deserialize)]
pub struct Template {
    pub id: String,
    /// Vietnamese name shown in the app's "new plan" list.
    pub name: String,
    pub description: String,
    plan: Value,
}

const SOURCES: [&str; 4] = [
    include_str!("../../assets/templates/qd06.json"),
    include_str!("../../assets/templates/program.json"),
    include_str!("../../assets/templates/early-childhood.json"),
    include_str!("../../assets/templates/blank.json"),
];

/// All templates, in the order the app lists them.
pub fn all() -> Vec<Template> {
    SOURCES
        .iter()
        // The templates are part of the program and are tested; a broken one is a build defect.
        .map(|s| serde_json::from_str(s).expect("shipped template is valid JSON"))
        .collect()
}

pub fn get(id: &str) -> Result<Template> {
    all()
        .into_iter()
        .find(|t| t.id == id)
        .ok_or_else(|| Error::UnknownTemplate(id.to_string()))
}

impl Template {
    /// A new plan for `commune` and `year`: placeholders filled, signer and recipients taken
    /// from the profile.
    pub fn instantiate(&self, commune: &Commune, year: i32) -> Result<Plan> {
        check_year(year)?;
        let vars = variables(commune, year);
        let mut value = self.plan.clone();
        fill(&mut value, &vars);
        value["date"]["year"] = Value::from(year);
        let mut plan: Plan = serde_json::from_value(value)
            .map_err(|e| Error::Invalid(format!("Mẫu “{}” bị lỗi: {e}", self.id)))?;
        plan.signer = default_signer(commune);
        if !commune.recipients.is_empty() {
            plan.recipients = with_archive_line(&commune.recipients);
        }
        plan.validate()?;
        Ok(plan)
    }
}

fn variables(commune: &Commune, year: i32) -> Vec<(&'static str, String)> {
    let kind = commune.kind.trim().to_string();
    let mut kind_cap = kind.clone();
    if let Some(first) = kind.chars().next() {
        kind_cap = first.to_uppercase().collect::<String>() + &kind[first.len_utf8()..];
    }
    vec![
        ("{{ten}}", nfc(&commune.name)),
        ("{{cap}}", kind),
        ("{{Cap}}", kind_cap),
        ("{{tinh}}", nfc(&commune.province)),
        ("{{cap_tren}}", nfc(&commune.superior)),
        ("{{dia_danh}}", nfc(&commune.place)),
        ("{{nam}}", year.to_string()),
    ]
}

/// Replaces placeholders in every string of the JSON tree.
fn fill(value: &mut Value, vars: &[(&str, String)]) {
    match value {
        Value::String(s) => {
            for (key, val) in vars {
                if s.contains(key) {
                    *s = s.replace(key, val);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| fill(v, vars)),
        Value::Object(map) => map.values_mut().for_each(|v| fill(v, vars)),
        _ => {}
    }
}

/// Plans are usually signed "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH" by a vice-chairman (all seeds);
/// without one, the chairman signs on behalf of the committee.
pub fn default_signer(commune: &Commune) -> Signer {
    if let Some(vice) = commune.vice_chair() {
        Signer {
            titles: vec!["KT. CHỦ TỊCH".into(), "PHÓ CHỦ TỊCH".into()],
            name: vice.name.clone(),
        }
    } else if let Some(chair) = commune.chair() {
        Signer {
            titles: vec!["TM. ỦY BAN NHÂN DÂN".into(), "CHỦ TỊCH".into()],
            name: chair.name.clone(),
        }
    } else {
        Signer {
            titles: vec!["KT. CHỦ TỊCH".into(), "PHÓ CHỦ TỊCH".into()],
            name: String::new(),
        }
    }
}

/// Nghị định 30: the recipients list ends with the archive line "Lưu: VT, …".
fn with_archive_line(items: &[String]) -> Vec<String> {
    let mut out: Vec<String> = items
        .iter()
        .map(|s| nfc(s))
        .filter(|s| !s.is_empty())
        .collect();
    if !out.last().is_some_and(|l| l.starts_with("Lưu")) {
        out.retain(|l| !l.starts_with("Lưu"));
        out.push("Lưu: VT, VHXH".to_string());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn commune() -> Commune {
        let mut c = Commune::new("Minh Hòa", "Phú Thọ");
        c.leaders.push(crate::model::Leader {
            name: "Lê Thị Hương".into(),
            position: "Phó Chủ tịch".into(),
        });
        c
    }

    #[test]
    fn every_template_fills_without_leftover_placeholders() {
        for t in all() {
            let plan = t.instantiate(&commune(), 2027).unwrap();
            let json = serde_json::to_string(&plan).unwrap();
            assert!(!json.contains("{{"), "{} leaves a placeholder", t.id);
            assert_eq!(plan.date.year, 2027);
            assert_eq!(plan.signer.name, "Lê Thị Hương");
            assert!(plan.recipients.last().unwrap().starts_with("Lưu: VT"));
            for d in &plan.deadlines {
                assert!(d.date.starts_with("2027-"), "{}: {}", t.id, d.date);
            }
        }
    }

    #[test]
    fn unknown_template_is_refused() {
        assert_eq!(get("nope").unwrap_err().code(), "unknown-template");
    }

    #[test]
    fn year_out_of_range_is_refused() {
        assert!(get("qd06").unwrap().instantiate(&commune(), 20266).is_err());
    }
}
