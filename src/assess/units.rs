//! Which unit reports which sub-item, and who has not sent figures yet.
//!
//! The catalogue names a role ("Trạm Y tế"); the commune names its units ("Trạm Y tế xã").
//! A unit reports an item when one name contains the other, once folded.

use serde::Serialize;

use super::score::{Scored, Source};
use crate::model::Commune;
use crate::text::fold;

/// True when the unit `name` is the one the role or unit `responsible` designates.
pub fn unit_matches(responsible: &str, name: &str) -> bool {
    let (r, n) = (fold(responsible), fold(name));
    !r.is_empty() && !n.is_empty() && (n.contains(&r) || r.contains(&n))
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct UnitStatus {
    /// The commune's unit name, or the catalogue's role when no unit of the commune matches.
    pub unit: String,
    /// Codes of the items it reports.
    pub items: Vec<String>,
    /// Codes still without figures or points.
    pub missing: Vec<String>,
}

impl UnitStatus {
    pub fn done(&self) -> bool {
        self.missing.is_empty()
    }
}

/// Every unit with at least one item, in the order of the commune's list, then roles no
/// unit of the commune covers.
pub fn unit_statuses(scored: &Scored, commune: &Commune) -> Vec<UnitStatus> {
    let items: Vec<_> = scored.criteria.iter().flat_map(|c| &c.items).collect();
    let mut out: Vec<UnitStatus> = Vec::new();
    let mut covered = vec![false; items.len()];
    for u in &commune.units {
        let mut st = UnitStatus {
            unit: u.name.clone(),
            items: Vec::new(),
            missing: Vec::new(),
        };
        for (k, i) in items.iter().enumerate() {
            if unit_matches(&i.unit, &u.name) {
                covered[k] = true;
                st.items.push(i.code.clone());
                if i.source == Source::Missing {
                    st.missing.push(i.code.clone());
                }
            }
        }
        if !st.items.is_empty() {
            out.push(st);
        }
    }
    for (k, i) in items.iter().enumerate() {
        if covered[k] {
            continue;
        }
        let pos = out.iter().position(|s| fold(&s.unit) == fold(&i.unit));
        let st = match pos {
            Some(p) => &mut out[p],
            None => {
                out.push(UnitStatus {
                    unit: i.unit.clone(),
                    items: Vec::new(),
                    missing: Vec::new(),
                });
                out.last_mut().expect("just pushed")
            }
        };
        st.items.push(i.code.clone());
        if i.source == Source::Missing {
            st.missing.push(i.code.clone());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assess::{score, Assessment, Entry, Figure};
    use crate::catalog::Catalog;

    #[test]
    fn matches_roles_to_the_communes_units() {
        assert!(unit_matches("Trạm Y tế", "Trạm Y tế xã"));
        assert!(unit_matches("Văn hóa - Xã hội", "Phòng Văn hóa – Xã hội"));
        assert!(unit_matches("Trường Mầm non", "Trường mầm non Minh Hòa"));
        assert!(!unit_matches("Trạm Y tế", "Công an xã"));
        assert!(!unit_matches("", "Công an xã"));
    }

    #[test]
    fn lists_units_that_owe_figures() {
        let cat = Catalog::builtin().unwrap();
        let commune = crate::demo::demo_commune();
        let mut a = Assessment::new(2026);
        for code in ["5.1", "7.1", "8.1", "8.2", "9.1"] {
            let value = if code == "5.1" {
                Figure::Count(1)
            } else {
                Figure::Rate {
                    numerator: 9,
                    denominator: 10,
                }
            };
            a.entries.insert(
                code.into(),
                Entry {
                    value: Some(value),
                    ..Default::default()
                },
            );
        }
        let st = unit_statuses(&score(&a, &cat, "standard"), &commune);
        let health = st.iter().find(|s| s.unit == "Trạm Y tế xã").unwrap();
        assert!(health.done(), "{health:?}");
        let police = st.iter().find(|s| s.unit == "Công an xã").unwrap();
        assert_eq!(police.missing, vec!["3.1", "4.1"]);
        // Every item belongs to exactly one status.
        let n: usize = st.iter().map(|s| s.items.len()).sum();
        assert_eq!(n, cat.items().count());
    }
}
