//! Changing a stored plan's few fields that are settled when it is signed (number, date,
//! subject, signer) without retyping it, and reading a whole plan from its JSON.

use serde::Deserialize;

use super::{DocDate, Plan};
use crate::error::{Error, Result};
use crate::text::nfc;

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
