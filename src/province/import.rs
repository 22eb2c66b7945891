//! Importing a folder of dossiers: scan, group the parts, inspect each dossier on a small
//! pool of worker threads (two: the machines are laptops, and each worker holds one ZIP's
//! central directory and one score table at a time), then settle duplicates: of two
//! dossiers of one commune and year, the one whose manifest was created last is kept.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, Mutex};

use chrono::DateTime;

use super::group::group;
use super::inspect::inspect;
use super::scan::scan;
use super::{commune_key, DossierState, ImportReport, ImportedDossier};
use crate::error::Result;

pub use crate::dossier::Progress;

/// Workers inspecting dossiers at once.
const WORKERS: usize = 2;

/// Inspects every dossier in `inputs` (folders and ZIPs) for the consolidation of `year`,
/// reporting progress after each. Duplicates within the import are settled; the caller
/// settles them against what was stored before (`settle_stored`).
pub fn import(
    inputs: &[PathBuf],
    year: i32,
    progress: &mut dyn FnMut(Progress),
) -> Result<ImportReport> {
    crate::model::date::check_year(year)?;
    let found = scan(inputs)?;
    let grouped = group(&found.zips);
    let groups = grouped.groups;
    let total = groups.len();
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<ImportedDossier>>> = Mutex::new(vec![None; total]);
    let (tx, rx) = mpsc::channel::<String>();
    let workers = WORKERS.min(total.max(1));
    std::thread::scope(|s| {
        for _ in 0..workers {
            let tx = tx.clone();
            let (next, results, groups) = (&next, &results, &groups);
            s.spawn(move || loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(g) = groups.get(i) else { break };
                let d = inspect(g, year);
                let label = format!(
                    "{}: {}",
                    d.commune.clone().unwrap_or_else(|| d.files.join(", ")),
                    d.state_label
                );
                if let Ok(mut r) = results.lock() {
                    r[i] = Some(d);
                }
                let _ = tx.send(label);
            });
        }
        drop(tx);
        for (done, label) in rx.iter().enumerate() {
            progress(Progress {
                done: done + 1,
                total,
                label,
            });
        }
    });
    let mut dossiers: Vec<ImportedDossier> = results
        .into_inner()
        .unwrap_or_default()
        .into_iter()
        .flatten()
        .collect();
    settle_duplicates(&mut dossiers);
    Ok(ImportReport {
        year,
        dossiers,
        skipped: found
            .skipped
            .iter()
            .map(|p| format!("{} (không phải tệp .zip)", p.display()))
            .chain(grouped.copies.iter().map(|(copy, original)| {
                format!(
                    "{} (bản sao giống hệt {})",
                    copy.display(),
                    original.display()
                )
            }))
            .collect(),
    })
}

/// Two accepted dossiers of one commune and year: the newer manifest is kept, the other
/// marked `Duplicate` (its summary dropped).
fn settle_duplicates(dossiers: &mut [ImportedDossier]) {
    let mut newest: BTreeMap<(String, i32), usize> = BTreeMap::new();
    for i in 0..dossiers.len() {
        let Some(r) = &dossiers[i].result else {
            continue;
        };
        let key = (commune_key(&r.province, &r.commune), r.year);
        match newest.get(&key).copied() {
            None => {
                newest.insert(key, i);
            }
            Some(j) => {
                let kept = dossiers[j].result.as_ref().map(|r| r.created.clone());
                let (keep, drop) = if newer(&r.created, kept.as_deref().unwrap_or("")) {
                    (i, j)
                } else {
                    (j, i)
                };
                newest.insert(key, keep);
                mark_duplicate(dossiers, drop, keep);
            }
        }
    }
}

fn mark_duplicate(dossiers: &mut [ImportedDossier], drop: usize, keep: usize) {
    let kept_files = dossiers[keep].files.join(", ");
    let kept_created = dossiers[keep]
        .result
        .as_ref()
        .map(|r| shown_time(&r.created))
        .unwrap_or_default();
    let d = &mut dossiers[drop];
    d.state = DossierState::Duplicate;
    d.state_label = DossierState::Duplicate.label().to_string();
    d.message = format!(
        "Trùng với hồ sơ {kept_files} của cùng xã và năm; đã giữ hồ sơ đó vì lập sau (lúc {kept_created}). Hồ sơ này không được tính."
    );
    d.result = None;
}

/// What the database already holds for a commune and year: its manifest's hash and time.
#[derive(Debug, Clone, PartialEq)]
pub struct Stored {
    pub manifest_sha256: String,
    pub created: String,
}

/// Settles the import against what was stored before: the same manifest again is
/// `AlreadyImported` (nothing changes, so importing twice is harmless); an older dossier
/// than the stored one is a `Duplicate`; a newer one replaces it (and says so).
pub fn settle_stored(
    dossiers: &mut [ImportedDossier],
    mut stored: impl FnMut(&str, i32) -> Option<Stored>,
) {
    for d in dossiers.iter_mut() {
        let Some(r) = &d.result else { continue };
        let Some(old) = stored(&commune_key(&r.province, &r.commune), r.year) else {
            continue;
        };
        if old.manifest_sha256 == r.manifest_sha256 {
            d.state = DossierState::AlreadyImported;
            d.message = format!(
                "Hồ sơ của {} năm {} đã được nhập trước đây; không có gì thay đổi.",
                r.commune, r.year
            );
        } else if newer(&r.created, &old.created) {
            d.message = format!(
                "{} Thay cho hồ sơ đã nhập trước đây (lập lúc {}).",
                d.message,
                shown_time(&old.created)
            );
            continue;
        } else {
            d.state = DossierState::Duplicate;
            d.message = format!(
                "Đã có hồ sơ của {} năm {} lập sau hồ sơ này (lúc {}); giữ hồ sơ đó, hồ sơ này không được tính.",
                r.commune,
                r.year,
                shown_time(&old.created)
            );
            d.result = None;
        }
        d.state_label = d.state.label().to_string();
    }
}

/// Whether `a` was created after `b` (RFC 3339 with offsets, compared as instants; text
/// that is not a time counts as the oldest).
fn newer(a: &str, b: &str) -> bool {
    let t = |s: &str| DateTime::parse_from_rfc3339(s).ok();
    match (t(a), t(b)) {
        (Some(a), Some(b)) => a > b,
        (Some(_), None) => true,
        _ => false,
    }
}

/// "08:30 ngày 12/11/2026", in the time's own offset.
fn shown_time(s: &str) -> String {
    match DateTime::parse_from_rfc3339(s) {
        Ok(t) => t.format("%H:%M ngày %d/%m/%Y").to_string(),
        Err(_) => s.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::province::CommuneResult;

    fn accepted(files: &str, created: &str, sha: &str) -> ImportedDossier {
        ImportedDossier {
            files: vec![files.into()],
            commune: Some("xã Minh Hòa".into()),
            province: Some("Phú Thọ".into()),
            year: Some(2026),
            state: DossierState::Intact,
            state_label: String::new(),
            message: "Hồ sơ nguyên vẹn.".into(),
            problems: Vec::new(),
            result: Some(CommuneResult {
                commune: "xã Minh Hòa".into(),
                province: "Phú Thọ".into(),
                year: 2026,
                created: created.into(),
                manifest_sha256: sha.into(),
                files: 1,
                parts: 1,
                criteria: Vec::new(),
                total: Some(1.0),
                verdict: None,
                recognised: None,
                documents: Vec::new(),
            }),
        }
    }

    #[test]
    fn the_newer_of_two_dossiers_of_a_commune_is_kept() {
        // 09:00+07:00 is 02:00Z: later than 01:30Z though its text sorts earlier.
        let mut d = vec![
            accepted("moi.zip", "2026-11-12T09:00:00+07:00", "b"),
            accepted("cu.zip", "2026-11-12T01:30:00Z", "a"),
        ];
        settle_duplicates(&mut d);
        assert_eq!(d[0].state, DossierState::Intact);
        assert_eq!(d[1].state, DossierState::Duplicate);
        assert!(d[1].result.is_none());
        assert!(d[1].message.contains("moi.zip"), "{}", d[1].message);
        assert!(
            d[1].message.contains("09:00 ngày 12/11/2026"),
            "{}",
            d[1].message
        );
    }

    #[test]
    fn stored_dossiers_settle_reimports() {
        let stored = |_: &str, _: i32| {
            Some(Stored {
                manifest_sha256: "b".into(),
                created: "2026-11-12T09:00:00+07:00".into(),
            })
        };
        let mut d = vec![
            accepted("same.zip", "2026-11-12T09:00:00+07:00", "b"),
            accepted("old.zip", "2026-11-01T09:00:00+07:00", "a"),
            accepted("new.zip", "2026-11-20T09:00:00+07:00", "c"),
        ];
        settle_stored(&mut d, stored);
        assert_eq!(d[0].state, DossierState::AlreadyImported);
        assert!(d[0].result.is_some());
        assert_eq!(d[1].state, DossierState::Duplicate);
        assert!(d[1].result.is_none());
        assert_eq!(d[2].state, DossierState::Intact);
        assert!(d[2].message.contains("Thay cho"), "{}", d[2].message);
    }
}
