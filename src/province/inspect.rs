//! One received dossier: verified with `dossier::verify` (every file hashed as it streams
//! out of its ZIP), then, when intact and of the year asked, its manifest and score table
//! read from inside the ZIP into a `CommuneResult`. Nothing is extracted to disk; the
//! largest thing held is the score table's bytes, bounded.

use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::group::Group;
use super::{CommuneResult, CriterionPoints, DocumentState, DossierState, ImportedDossier};
use crate::dossier::manifest::sha256_hex;
use crate::dossier::{verify, FileState, Kind, PartFormat, ProblemKind, VerifyReport};
use crate::xlsx::read_score_table_named;

/// A score table is a few dozen KB; the workbook reader refuses more than this anyway.
const MAX_SCORE_XLSX: u64 = 20 * 1024 * 1024;

/// What the consolidation reads of a manifest; lenient about what it does not use, so a
/// format-1 manifest (no states, no parts) still reads.
#[derive(Deserialize)]
struct Listed {
    commune: String,
    #[serde(default)]
    province: String,
    year: i32,
    #[serde(default)]
    created: String,
    #[serde(default = "one")]
    parts: u32,
    files: Vec<ListedFile>,
}

fn one() -> u32 {
    1
}

#[derive(Deserialize)]
struct ListedFile {
    name: String,
    kind: Kind,
    format: PartFormat,
    size: u64,
    #[serde(default = "data_state")]
    state: FileState,
    #[serde(default)]
    signers: Vec<serde_json::Value>,
}

fn data_state() -> FileState {
    FileState::Data
}

/// Inspects the dossier made of `group`'s ZIPs for the consolidation of `year`.
pub fn inspect(group: &Group, year: i32) -> ImportedDossier {
    let files: Vec<String> = group.paths.iter().map(|p| file_name(p)).collect();
    let outcome = |state: DossierState, message: String, problems: Vec<String>| ImportedDossier {
        files: files.clone(),
        commune: None,
        province: None,
        year: None,
        state,
        state_label: state.label().to_string(),
        message,
        problems,
        result: None,
    };
    let report = match verify(&group.paths) {
        Ok(r) => r,
        Err(e) => return outcome(DossierState::Unreadable, e.to_string(), Vec::new()),
    };
    let mut out = match classify(&report) {
        Some(state) => {
            let message = match state {
                DossierState::Incomplete => format!(
                    "Hồ sơ thiếu phần hoặc thiếu tệp ({} vấn đề). Hãy nhận đủ các phần của hồ sơ rồi nhập lại cùng lúc, hoặc đề nghị xã gửi lại.",
                    report.problems.len()
                ),
                _ => report.summary(),
            };
            let problems = report.problems.iter().map(|p| p.message.clone()).collect();
            outcome(state, message, problems)
        }
        None => read_intact(group, &report, year, &files),
    };
    if out.commune.is_none() {
        out.commune = report.commune.clone();
        out.year = out.year.or(report.year);
    }
    out
}

/// The state a report with problems gives; `None` when the dossier is intact.
fn classify(report: &VerifyReport) -> Option<DossierState> {
    let has = |k: ProblemKind| report.problems.iter().any(|p| p.kind == k);
    if report.intact() {
        None
    } else if has(ProblemKind::Manifest) {
        Some(DossierState::Unreadable)
    } else if has(ProblemKind::Changed) || has(ProblemKind::Extra) {
        Some(DossierState::Tampered)
    } else {
        Some(DossierState::Incomplete)
    }
}

fn read_intact(
    group: &Group,
    report: &VerifyReport,
    year: i32,
    files: &[String],
) -> ImportedDossier {
    let mut out = ImportedDossier {
        files: files.to_vec(),
        commune: report.commune.clone(),
        province: None,
        year: report.year,
        state: DossierState::Unreadable,
        state_label: DossierState::Unreadable.label().to_string(),
        message: String::new(),
        problems: Vec::new(),
        result: None,
    };
    let set = |out: &mut ImportedDossier, state: DossierState, message: String| {
        out.state = state;
        out.state_label = state.label().to_string();
        out.message = message;
    };
    let bytes = group.manifest.as_deref().unwrap_or_default();
    let listed: Listed = match serde_json::from_slice(bytes) {
        Ok(l) => l,
        Err(_) => {
            set(&mut out, DossierState::Unreadable, "manifest.json của hồ sơ thiếu tên xã, năm hoặc danh sách tệp nên không tổng hợp được. Hãy đề nghị xã lập lại hồ sơ bằng Tre.".into());
            return out;
        }
    };
    out.commune = Some(listed.commune.clone());
    out.province = Some(listed.province.clone());
    out.year = Some(listed.year);
    if listed.year != year {
        set(&mut out, DossierState::WrongYear, format!(
            "Hồ sơ của {} là hồ sơ năm {}, không phải năm {year} đang tổng hợp. Hãy nhập hồ sơ này khi tổng hợp năm {}.",
            listed.commune, listed.year, listed.year
        ));
        return out;
    }
    let Some(entry) = listed
        .files
        .iter()
        .find(|f| f.kind == Kind::Assessment && f.format == PartFormat::Xlsx)
    else {
        set(&mut out, DossierState::Unreadable, format!(
            "Hồ sơ của {} không có bảng điểm (.xlsx) nên không tổng hợp được điểm. Hãy đề nghị xã lập lại hồ sơ bằng Tre.",
            listed.commune
        ));
        return out;
    };
    let what = format!(
        "Bảng điểm {} trong hồ sơ của {}",
        entry.name, listed.commune
    );
    let sheet = read_entry(&group.paths, &entry.name, entry.size)
        .ok_or_else(|| format!("{what} không đọc được."))
        .and_then(|b| read_score_table_named(&b, &what).map_err(|e| e.to_string()));
    let sheet = match sheet {
        Ok(s) => s,
        Err(message) => {
            set(&mut out, DossierState::Unreadable, message);
            return out;
        }
    };
    let recognised = sheet.recognised();
    out.result = Some(CommuneResult {
        commune: listed.commune.clone(),
        province: listed.province.clone(),
        year: listed.year,
        created: listed.created.clone(),
        manifest_sha256: sha256_hex(bytes),
        files: listed.files.len(),
        parts: listed.parts.max(1),
        criteria: sheet
            .criteria
            .into_iter()
            .map(|c| CriterionPoints {
                code: c.code,
                name: c.name,
                max_points: c.max_points,
                points: c.points,
            })
            .collect(),
        total: sheet.total,
        verdict: sheet.verdict,
        recognised,
        documents: listed
            .files
            .iter()
            .map(|f| DocumentState {
                kind: f.kind,
                format: f.format,
                state: f.state,
                signers: f.signers.len(),
            })
            .collect(),
    });
    set(&mut out, DossierState::Intact, report.summary());
    out
}

/// The entry `name` from whichever of `paths` holds it, read up to its listed size (already
/// checked against its hash by `verify`) and never past `MAX_SCORE_XLSX`.
fn read_entry(paths: &[PathBuf], name: &str, size: u64) -> Option<Vec<u8>> {
    if size > MAX_SCORE_XLSX {
        return None;
    }
    for path in paths {
        let Ok(file) = std::fs::File::open(path) else {
            continue;
        };
        let Ok(mut zip) = zip::ZipArchive::new(BufReader::new(file)) else {
            continue;
        };
        let Ok(entry) = zip.by_name(name) else {
            continue;
        };
        let mut bytes = Vec::with_capacity(size as usize);
        entry.take(size + 1).read_to_end(&mut bytes).ok()?;
        return (bytes.len() as u64 == size).then_some(bytes);
    }
    None
}

fn file_name(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| p.display().to_string())
}
