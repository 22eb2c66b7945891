//! Changing a stored plan's few fields that are settled when it is signed (number, date,
//! subject, signer) without retyping it, and reading a whole plan from its JSON.

use serde::Deserialize;

use super::{DocDate, Plan};
use crate::error::{Error, Result};
use crate::text::{line_ends, nfc, one_line};

/// The fields to change; `None` leaves a field as it is, `Some("")` blanks the number.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct PlanEdit {
    pub number: Option<String>,
    /// "15/04/2027", or "4/2027" to leave the day blank for the clerk.
    pub date: Option<String>,
    pub title: Option<String>,
    pub signer_name: Option<String>,
}

impl PlanEdit {
    /// Applies the edit to a copy of `plan` and returns it once it is valid.
    pub fn apply(&self, plan: &Plan) -> Result<Plan> {
        let mut plan = plan.clone();
        if let Some(n) = &self.number {
            let n = nfc(n);
            plan.number = (!n.is_empty()).then_some(n);
        }
        if let Some(d) = &self.date {
            plan.date = DocDate::parse(d)?;
        }
        if let Some(t) = &self.title {
            plan.title = nfc(t);
        }
        if let Some(n) = &self.signer_name {
            plan.signer.name = nfc(n);
        }
        plan.validate()?;
        Ok(plan)
    }
}

impl Plan {
    /// A whole plan from JSON (as `plan show --json` prints it); `source` names it in messages.
    pub fn from_json(text: &str, source: &str) -> Result<Plan> {
        serde_json::from_str(text).map_err(|e| {
            Error::Invalid(format!(
                "Tệp {source} không đúng định dạng kế hoạch ({e}); hãy dùng tệp JSON do Tre xuất ra (kế hoạch dạng JSON)."
            ))
        })
    }

    /// The plan as it must be stored whoever wrote it (the editor's autosave, a JSON file
    /// saved on Windows, a paste from a Mac): every text NFC with "\n" line ends, and the
    /// subject, number and signer on one line, since they print in a single line of the
    /// header and in file names.
    pub fn normalised(&self) -> Plan {
        let mut value = match serde_json::to_value(self) {
            Ok(v) => v,
            Err(_) => return self.clone(),
        };
        clean_strings(&mut value);
        let mut plan: Plan = serde_json::from_value(value).unwrap_or_else(|_| self.clone());
        plan.title = one_line(&plan.title);
        plan.number = plan.number.as_deref().map(one_line);
        plan.signer.name = one_line(&plan.signer.name);
        plan.signer.titles = plan.signer.titles.iter().map(|t| one_line(t)).collect();
        plan
    }
}

fn clean_strings(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::String(s) => *s = line_ends(s),
        serde_json::Value::Array(items) => items.iter_mut().for_each(clean_strings),
        serde_json::Value::Object(map) => map.values_mut().for_each(clean_strings),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Commune;

    fn plan() -> Plan {
        crate::template::get("qd06")
            .unwrap()
            .instantiate(&Commune::new("Tân Lập", "Tuyên Quang"), 2027)
            .unwrap()
    }

    #[test]
    fn normalised_plan_has_no_carriage_return_and_one_line_header_fields() {
        let mut p = plan();
        p.title = "Kế hoạch\r\nnăm 2027".into();
        p.number = Some("12\r\n".into());
        p.signer.name = "Nguyễn Văn\rAn".into();
        p.place = "Ta\u{302}n La\u{323}\u{302}p".into();
        let n = p.normalised();
        assert_eq!(n.title, "Kế hoạch năm 2027");
        assert_eq!(n.number.as_deref(), Some("12"));
        assert_eq!(n.signer.name, "Nguyễn Văn An");
        assert_eq!(n.place, "Tân Lập");
        let json = serde_json::to_string(&n).unwrap();
        assert!(!json.contains("\\r"), "{json}");
        // A clean plan is left as it is.
        assert_eq!(plan().normalised(), plan());
    }

    #[test]
    fn number_and_a_date_with_a_blank_day() {
        let edit = PlanEdit {
            number: Some("12".into()),
            date: Some("4/2027".into()),
            ..Default::default()
        };
        let p = edit.apply(&plan()).unwrap();
        assert_eq!(p.number.as_deref(), Some("12"));
        assert_eq!((p.date.day, p.date.month, p.date.year), (None, 4, 2027));
        let blank = PlanEdit {
            number: Some(String::new()),
            ..Default::default()
        };
        assert_eq!(blank.apply(&p).unwrap().number, None);
    }

    #[test]
    fn an_impossible_date_is_refused() {
        for bad in ["31/02/2027", "4/20277", "hôm nay", "1/2/3/4"] {
            let edit = PlanEdit {
                date: Some(bad.into()),
                ..Default::default()
            };
            assert!(edit.apply(&plan()).is_err(), "{bad}");
        }
    }
}
