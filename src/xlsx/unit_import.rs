//! Taking a unit's workbook into the year's assessment (`tre assess import`): refuse a
//! workbook of another commune or year, list every wrong cell and then save nothing, and
//! never overwrite silently a value someone changed in Tre after the workbook was sent
//! (a conflict: listed, kept, applied only when the officer forces it).
//! Everything accepted goes in ONE save, so one `tre undo` takes the whole import back.

use std::path::Path;

use serde::Serialize;

use super::unit_read::{read_unit_sheet, SheetRow, UnitSheet};
use crate::assess::figure::display;
use crate::assess::{Assessment, Figure};
use crate::catalog::Catalog;
use crate::error::{Error, Result};
use crate::model::Commune;
use crate::store::Store;
use crate::text::fold;

/// What an import did, for the CLI and the app.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ImportReport {
    pub unit: String,
    pub year: i32,
    /// Changes saved (none when `errors` is not empty: then nothing is saved).
    pub applied: Vec<Change>,
    /// Values changed in Tre after the workbook was made, which the workbook would replace:
    /// kept as they are in Tre.
    pub conflicts: Vec<Conflict>,
    /// "Ô F12: …", one per wrong cell.
    pub errors: Vec<String>,
    /// Things worth a look that did not stop the import.
    pub notes: Vec<String>,
    /// Rows that bring nothing new (left as prefilled, empty, or already in Tre).
    pub unchanged: usize,
    pub saved: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    pub code: String,
    pub name: String,
    /// As displayed ("400/415 (96,39 %)"); empty when Tre had nothing.
    pub old: String,
    pub new: String,
    /// The new evidence, when it changes.
    pub evidence: Option<String>,
    /// True when it replaced a newer value in Tre because the officer forced it.
    pub forced: bool,
    #[serde(skip)]
    value: Option<Figure>,
    #[serde(skip)]
    new_evidence: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Conflict {
    pub code: String,
    pub name: String,
    /// The value in Tre now, who entered it and when.
    pub in_tre: String,
    pub in_tre_by: String,
    pub in_tre_at: String,
    /// The value the workbook brings, as displayed and as `tre assess set` takes it ("12/200").
    pub in_sheet: String,
    pub sheet_value: String,
    /// The evidence the workbook brings, if any.
    pub sheet_evidence: Option<String>,
}

/// Reads the workbook at `path` into year `year`'s assessment and saves what it changes.
/// `force` also applies the conflicts. Identification problems are an `Err`; wrong cells
/// come back in `errors` with nothing saved.
pub fn import_unit_sheet(
    store: &mut Store,
    year: i32,
    path: &Path,
    force: bool,
) -> Result<ImportReport> {
    crate::model::date::check_year(year)?;
    let commune = store.commune()?.ok_or(Error::NoCommune)?;
    let cat = store.catalog()?;
    let sheet = read_unit_sheet(path, &cat)?;
    let current = store
        .assessment(year)?
        .unwrap_or_else(|| Assessment::new(year));
    let mut report = plan_import(&sheet, &current, &cat, &commune, year, force)?;
    if !report.errors.is_empty() {
        report.applied.clear();
        report.conflicts.clear();
        return Ok(report);
    }
    if !report.applied.is_empty() {
        let mut a = current;
        apply_import(&mut a, &report, &crate::store::now());
        store.save_assessment(&a, &format!("Nhập bảng số liệu của {}", report.unit))?;
        report.saved = true;
    }
    Ok(report)
}

/// Checks the workbook belongs to `commune` and `year`, and sorts its rows into changes,
/// conflicts and unchanged ones against `a`.
pub fn plan_import(
    sheet: &UnitSheet,
    a: &Assessment,
    cat: &Catalog,
    commune: &Commune,
    year: i32,
    force: bool,
) -> Result<ImportReport> {
    let id = &sheet.ident;
    let ours = format!("{} (tỉnh {})", commune.full_name(), commune.province);
    let theirs = format!("{} (tỉnh {})", id.commune, id.province);
    if fold(&id.commune) != fold(&commune.full_name())
        || fold(&id.province) != fold(&commune.province)
    {
        return Err(Error::Invalid(format!(
            "Bảng số liệu này của {theirs}, không phải của {ours}. Chưa ghi gì; hãy kiểm tra lại tệp đơn vị gửi."
        )));
    }
    if id.year != year {
        return Err(Error::Invalid(format!(
            "Bảng số liệu này là của năm {}, không phải năm {year}. Chưa ghi gì; hãy nhập vào năm {} nếu đúng là số liệu năm đó, hoặc dùng bảng của năm {year}.",
            id.year, id.year
        )));
    }
    let mut report = ImportReport {
        unit: id.unit.clone(),
        year,
        applied: Vec::new(),
        conflicts: Vec::new(),
        errors: sheet.errors.clone(),
        notes: Vec::new(),
        unchanged: 0,
        saved: false,
    };
    if id.catalog != cat.label() {
        report.notes.push(format!(
            "Bảng được tạo theo danh mục {}, nay dùng danh mục {}; các chỉ số trong bảng vẫn khớp.",
            id.catalog,
            cat.label()
        ));
    }
    for row in &sheet.rows {
        sort_row(row, a, cat, force, &mut report);
    }
    Ok(report)
}

fn sort_row(row: &SheetRow, a: &Assessment, cat: &Catalog, force: bool, report: &mut ImportReport) {
    let it = &row.item;
    let name = cat
        .item(&it.code)
        .map(|(_, i)| i.name.clone())
        .unwrap_or_default();
    // A cell left as it was prefilled is not news, whatever Tre holds now.
    let sent_value = row.value.clone().filter(|v| Some(v) != it.value.as_ref());
    let sent_evidence = row.evidence.clone().filter(|e| *e != it.evidence);
    let entry = a.entries.get(&it.code);
    let old_value = entry.and_then(|e| e.value.clone());
    let old_evidence = entry.map(|e| e.evidence.clone()).unwrap_or_default();
    let new_value = sent_value.clone().or_else(|| old_value.clone());
    let new_evidence = sent_evidence
        .clone()
        .unwrap_or_else(|| old_evidence.clone());
    if new_value == old_value && new_evidence == old_evidence {
        report.unchanged += 1;
        return;
    }
    let show = |v: &Option<Figure>| v.as_ref().map(display).unwrap_or_default();
    let stored_at = entry.map(|e| e.at.as_str()).unwrap_or("");
    let conflict = changed_since(stored_at, &it.at);
    if conflict && !force {
        report.conflicts.push(Conflict {
            code: it.code.clone(),
            name,
            in_tre: show(&old_value),
            in_tre_by: entry.map(|e| e.by.clone()).unwrap_or_default(),
            in_tre_at: stored_at.to_string(),
            in_sheet: show(&new_value),
            sheet_value: sent_value.as_ref().map(typed).unwrap_or_default(),
            sheet_evidence: sent_evidence,
        });
        return;
    }
    if sent_value.is_some() {
        if let Some(m) = entry.and_then(|e| e.manual.as_ref()) {
            report.notes.push(format!(
                "Chỉ số {} có điểm nhập tay ({} điểm, lý do: {}); số liệu đã đổi, hãy xem lại điểm này.",
                it.code,
                crate::catalog::fmt_points(m.points),
                m.reason
            ));
        }
    }
    report.applied.push(Change {
        code: it.code.clone(),
        name,
        old: show(&old_value),
        new: show(&new_value),
        evidence: (new_evidence != old_evidence).then(|| new_evidence.clone()),
        forced: conflict,
        value: new_value,
        new_evidence,
    });
}

/// A figure as `tre assess set` reads it back: "412/415", "có", "3", "Hằng quý".
fn typed(fig: &Figure) -> String {
    match fig {
        Figure::Rate {
            numerator,
            denominator,
        } => format!("{numerator}/{denominator}"),
        other => display(other),
    }
}

/// True when the entry in Tre was written after the value the workbook was made with. Times
/// are RFC 3339 with offsets, compared as instants; an unreadable or missing one counts as a
/// change, so a doubt is a conflict the officer sees rather than a silent overwrite.
fn changed_since(stored_at: &str, sheet_at: &str) -> bool {
    if stored_at == sheet_at {
        return false;
    }
    let parse = |s: &str| chrono::DateTime::parse_from_rfc3339(s).ok();
    match (parse(stored_at), parse(sheet_at)) {
        (Some(s), Some(x)) => s > x,
        _ => true,
    }
}

/// Writes the report's changes into `a`, each entry marked as coming from the unit's workbook.
pub fn apply_import(a: &mut Assessment, report: &ImportReport, now: &str) {
    let by = format!("{} (bảng số liệu)", report.unit);
    for c in &report.applied {
        let entry = a.entries.entry(c.code.clone()).or_default();
        entry.value = c.value.clone();
        entry.evidence = c.new_evidence.clone();
        entry.by = by.clone();
        entry.at = now.to_string();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::ItemKind;
    use crate::demo::{demo_assessment, demo_commune};
    use crate::xlsx::ident::{Ident, IdentItem};

    const SENT: &str = "2026-11-05T09:00:00+07:00";

    fn rate(numerator: u64, denominator: u64) -> Option<Figure> {
        Some(Figure::Rate {
            numerator,
            denominator,
        })
    }

    /// A workbook for the health station made from the demo assessment, with the cells
    /// `cells` (code → value in the workbook) as the unit sent them.
    fn sheet(a: &Assessment, cells: &[(&str, Option<Figure>)]) -> UnitSheet {
        let rows = cells
            .iter()
            .map(|(code, value)| {
                let e = a.entries.get(*code);
                SheetRow {
                    item: IdentItem {
                        code: code.to_string(),
                        row: 0,
                        kind: ItemKind::Rate,
                        at: e.map(|e| e.at.clone()).unwrap_or_default(),
                        value: e.and_then(|e| e.value.clone()),
                        evidence: e.map(|e| e.evidence.clone()).unwrap_or_default(),
                    },
                    value: value.clone(),
                    evidence: None,
                }
            })
            .collect();
        UnitSheet {
            ident: Ident {
                commune: "xã Minh Hòa".into(),
                province: "Phú Thọ".into(),
                year: 2026,
                unit: "Trạm Y tế xã".into(),
                catalog: Catalog::builtin().unwrap().label(),
                created: SENT.into(),
                items: Vec::new(),
            },
            rows,
            errors: Vec::new(),
        }
    }

    #[test]
    fn sorts_rows_into_changes_conflicts_and_unchanged() {
        let commune = demo_commune();
        let cat = Catalog::builtin().unwrap();
        let mut a = demo_assessment(&commune, 2026);
        let ws = sheet(
            &a,
            &[
                ("7.1", rate(412, 415)), // left as prefilled
                ("8.1", rate(50, 600)),  // changed by the unit
                ("8.2", rate(70, 598)),  // changed by the unit, and in Tre since
                ("9.1", None),           // emptied: not sent
            ],
        );
        // After the workbook was made, the officer corrected 7.1 and 8.2 in Tre.
        for code in ["7.1", "8.2"] {
            let e = a.entries.get_mut(code).unwrap();
            e.value = rate(410, 415);
            e.at = "2026-11-20T10:00:00+07:00".into();
        }
        let r = plan_import(&ws, &a, &cat, &commune, 2026, false).unwrap();
        assert_eq!(r.unit, "Trạm Y tế xã");
        assert_eq!(r.applied.len(), 1);
        assert_eq!(r.applied[0].code, "8.1");
        assert_eq!(r.applied[0].old, "52/598 (8,7 %)");
        assert_eq!(r.applied[0].new, "50/600 (8,33 %)");
        assert_eq!(r.conflicts.len(), 1);
        let c = &r.conflicts[0];
        assert_eq!(
            (c.code.as_str(), c.in_tre.as_str()),
            ("8.2", "410/415 (98,8 %)")
        );
        assert_eq!(c.sheet_value, "70/598");
        assert_eq!(r.unchanged, 2, "7.1 as prefilled, 9.1 emptied");

        let mut applied = a.clone();
        apply_import(&mut applied, &r, "2026-11-21T08:00:00+07:00");
        let e = &applied.entries["8.1"];
        assert_eq!(e.value, rate(50, 600));
        assert_eq!(e.by, "Trạm Y tế xã (bảng số liệu)");
        assert_eq!(e.at, "2026-11-21T08:00:00+07:00");
        assert_eq!(
            applied.entries["8.2"], a.entries["8.2"],
            "the conflict is kept"
        );

        // Forced: the workbook's value wins, and says so.
        let r = plan_import(&ws, &a, &cat, &commune, 2026, true).unwrap();
        assert!(r.conflicts.is_empty());
        let forced: Vec<&str> = r
            .applied
            .iter()
            .filter(|c| c.forced)
            .map(|c| c.code.as_str())
            .collect();
        assert_eq!(forced, ["8.2"]);
    }

    #[test]
    fn another_commune_or_year_is_refused_naming_both() {
        let commune = demo_commune();
        let cat = Catalog::builtin().unwrap();
        let a = demo_assessment(&commune, 2026);
        let ws = sheet(&a, &[("8.1", rate(50, 600))]);
        let e = plan_import(&ws, &a, &cat, &commune, 2027, false)
            .unwrap_err()
            .to_string();
        assert!(e.contains("năm 2026, không phải năm 2027"), "{e}");
        let other = crate::model::Commune::new("Tân Lập", "Tuyên Quang");
        let e = plan_import(&ws, &a, &cat, &other, 2026, false)
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("xã Minh Hòa (tỉnh Phú Thọ), không phải của xã Tân Lập (tỉnh Tuyên Quang)"),
            "{e}"
        );
    }

    #[test]
    fn only_a_later_change_in_tre_is_a_conflict() {
        let t0 = "2026-11-05T08:00:00+07:00";
        let later = "2026-11-06T09:30:00+07:00";
        assert!(!changed_since(t0, t0));
        assert!(changed_since(later, t0));
        assert!(!changed_since(t0, later));
        // Same instant written with another offset.
        assert!(!changed_since("2026-11-05T01:00:00+00:00", t0));
        // Entered in Tre after a workbook that had nothing for it.
        assert!(changed_since(t0, ""));
        // Cleared in Tre after the workbook was made.
        assert!(changed_since("", t0));
    }
}
