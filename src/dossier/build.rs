//! Building the dossier: every producer's files rendered, named, hashed into the manifest,
//! split into parts that fit an e-mail, each packed into a ZIP whose bytes depend only on
//! the data and the creation date, and written with its e-mail draft so that a failure
//! leaves no file behind.

use std::io::{Cursor, Write};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Datelike, FixedOffset, Timelike};
use serde::Serialize;
use zip::write::SimpleFileOptions;

use super::manifest::{created_now, FileEntry, Manifest};
use super::names::UniqueNames;
use super::parts::{Ctx, Part, PRODUCERS};
use super::{eml, split, FileState, Kind, Options, PartFormat, MANIFEST, MIN_MAX_EMAIL_BYTES};
use crate::error::{Error, Result};
use crate::fsutil::write_atomic_all;
use crate::model::Commune;
use crate::store::Store;

/// Where the build stands, for the app's progress bar: `done` of `total` steps finished,
/// `label` says (in Vietnamese) what is being done now.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[cfg_attr(test, ts(rename = "DossierProgress"))]
pub struct Progress {
    pub done: usize,
    pub total: usize,
    pub label: String,
}

/// A dossier built in memory: one ZIP and its e-mail per part.
#[derive(Debug, Clone)]
pub struct Built {
    pub parts: Vec<BuiltPart>,
    pub manifest: Manifest,
    /// Things the officer should fix before sending (no e-mail address of the superior…).
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct BuiltPart {
    /// The ZIP's file name, as the e-mail attaches it.
    pub name: String,
    pub zip: Vec<u8>,
    pub eml: Vec<u8>,
    /// The register keys of the documents this part carries (for recording the sending).
    pub documents: Vec<String>,
}

/// What `dossier build` wrote, for the app.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct DossierResult {
    /// One ZIP and its e-mail per part, in order.
    pub parts: Vec<DossierPart>,
    pub files: Vec<FileEntry>,
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct DossierPart {
    pub zip: PathBuf,
    pub eml: PathBuf,
    /// The e-mail's size, to compare with what the mail server takes.
    #[cfg_attr(test, ts(type = "number"))]
    pub email_bytes: u64,
}

/// Builds the dossier of `year` in memory; `zip_name` is the ZIP's name (each part's name
/// is made from it when the dossier is split). Fails with a Vietnamese message when the year
/// has no plan, or lists the documents without a signed copy unless drafts may be sent.
pub fn build(
    store: &Store,
    year: i32,
    zip_name: &str,
    options: Options,
    created: DateTime<FixedOffset>,
    progress: &mut dyn FnMut(Progress),
) -> Result<Built> {
    crate::model::date::check_year(year)?;
    if options.max_email_bytes < MIN_MAX_EMAIL_BYTES {
        return Err(Error::Invalid(format!(
            "Giới hạn dung lượng một thư phải từ {} MB trở lên (thường là 20 MB).",
            MIN_MAX_EMAIL_BYTES / 1_000_000
        )));
    }
    let commune = store.commune()?.ok_or(Error::NoCommune)?;
    if store.plans(Some(year))?.is_empty() {
        return Err(Error::Invalid(format!(
            "Năm {year} chưa có kế hoạch nào nên chưa lập được hồ sơ. Hãy tạo kế hoạch năm {year} (kế hoạch mới, hoặc sao chép kế hoạch năm trước sang năm {year}) rồi thử lại."
        )));
    }
    let ctx = Ctx {
        store,
        commune: &commune,
        year,
        options,
        roots: store.trust_root_ders()?,
    };
    let mut tasks = Vec::new();
    let mut missing = Vec::new();
    for producer in PRODUCERS {
        tasks.extend(producer(&ctx, &mut missing)?);
    }
    if !missing.is_empty() {
        return Err(Error::MissingSignedCopies(missing));
    }
    // One more step after the tasks: manifest, ZIPs and e-mails.
    let total = tasks.len() + 1;
    let mut parts: Vec<Part> = Vec::new();
    for (done, task) in tasks.into_iter().enumerate() {
        progress(Progress {
            done,
            total,
            label: task.label,
        });
        parts.push((task.run)()?);
    }
    progress(Progress {
        done: total - 1,
        total,
        label: "Đóng gói hồ sơ và soạn thư".into(),
    });
    let mut names = UniqueNames::default();
    for p in &mut parts {
        p.name = names.claim(&p.name);
    }
    let mut built = pack_all(&commune, year, zip_name, options, created, &parts)?;
    if !parts.iter().any(|p| p.kind == Kind::Proposal) {
        built.warnings.push(format!(
            "Hồ sơ chưa có Tờ trình đề nghị công nhận vì kết quả tự đánh giá năm {year} chưa đạt hoặc chưa đủ số liệu (lý do: xem kết luận của phần tự đánh giá năm {year}); khi đạt, hãy lập lại hồ sơ."
        ));
    }
    let drafts = parts
        .iter()
        .filter(|p| p.state == FileState::Draft && p.format == PartFormat::Pdf)
        .count();
    if drafts > 0 {
        built.warnings.push(format!(
            "Hồ sơ gửi {drafts} văn bản ở dạng dự thảo (chưa có bản ký); manifest.json và thư ghi rõ “dự thảo”. Khi có bản ký, hãy đính kèm ở trang Văn bản rồi lập lại hồ sơ."
        ));
    }
    progress(Progress {
        done: total,
        total,
        label: "Đã xong".into(),
    });
    Ok(built)
}

/// "…_Ho-so-xa-phu-hop-tre-em_phan-2-cua-3.zip": part `k` of `n`; the name unchanged when
/// the dossier is one part.
pub fn part_name(zip_name: &str, k: u32, n: u32) -> String {
    if n <= 1 {
        return zip_name.to_string();
    }
    let stem = zip_name
        .strip_suffix(".zip")
        .or_else(|| zip_name.strip_suffix(".ZIP"))
        .unwrap_or(zip_name);
    format!("{stem}_phan-{k}-cua-{n}.zip")
}

fn pack_all(
    commune: &Commune,
    year: i32,
    zip_name: &str,
    options: Options,
    created: DateTime<FixedOffset>,
    parts: &[Part],
) -> Result<Built> {
    let assigned = split::assign(parts, options.max_email_bytes);
    let n = assigned.last().copied().unwrap_or(1);
    let zip_names: Vec<String> = (1..=n).map(|k| part_name(zip_name, k, n)).collect();
    let manifest = Manifest::new(commune, year, created, parts, &assigned);
    let manifest_bytes = manifest.to_bytes()?;
    let mut warnings = Vec::new();
    let mut built = Vec::new();
    for (k, name) in (1..=n).zip(zip_names) {
        let (in_part, listed): (Vec<Part>, Vec<FileEntry>) = parts
            .iter()
            .zip(&manifest.files)
            .filter(|(_, f)| f.part == k)
            .map(|(p, f)| (p.clone(), f.clone()))
            .unzip();
        let zip = pack(&manifest_bytes, &in_part, created)?;
        let which = eml::Which {
            part: k,
            parts: n,
            zip_name: &name,
        };
        let (eml, mut w) = eml::draft(commune, year, &which, &zip, &listed, created);
        if eml.len() as u64 > options.max_email_bytes {
            w.push(format!(
                "Thư {} nặng {} MB, vượt giới hạn {} MB: máy chủ thư có thể từ chối. Tệp {} quá lớn để gửi qua thư; hãy quét lại bản ký ở độ phân giải thấp hơn, hoặc gửi qua hệ thống quản lý văn bản.",
                name,
                (eml.len() as u64).div_ceil(1_000_000),
                options.max_email_bytes / 1_000_000,
                listed.iter().map(|f| f.name.as_str()).collect::<Vec<_>>().join(", ")
            ));
        }
        for x in w {
            if !warnings.contains(&x) {
                warnings.push(x);
            }
        }
        let mut documents: Vec<String> = Vec::new();
        for d in in_part.iter().filter_map(|p| p.doc.clone()) {
            if !documents.contains(&d) {
                documents.push(d);
            }
        }
        built.push(BuiltPart {
            name,
            zip,
            eml,
            documents,
        });
    }
    Ok(Built {
        parts: built,
        manifest,
        warnings,
    })
}

/// Builds the dossier of `year` and writes `out` (must end in .zip; each part's name made
/// from it when split) and each part's e-mail draft beside it (same name, .eml), all or
/// none.
pub fn build_to(
    store: &Store,
    year: i32,
    out: &Path,
    options: Options,
    progress: &mut dyn FnMut(Progress),
) -> Result<DossierResult> {
    let is_zip = out
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("zip"));
    let zip_name = out.file_name().map(|n| n.to_string_lossy().into_owned());
    let (true, Some(zip_name)) = (is_zip, zip_name) else {
        return Err(Error::Invalid(format!(
            "Tệp hồ sơ “{}” phải có đuôi .zip, ví dụ 2026_MinhHoa_Ho-so.zip.",
            out.display()
        )));
    };
    let built = build(store, year, &zip_name, options, created_now(), progress)?;
    let dir = out.parent().unwrap_or(Path::new(""));
    let paths: Vec<(PathBuf, PathBuf)> = built
        .parts
        .iter()
        .map(|p| {
            let zip = dir.join(&p.name);
            let eml = zip.with_extension("eml");
            (zip, eml)
        })
        .collect();
    let mut writes: Vec<(&Path, &[u8])> = Vec::new();
    for ((zip, eml), part) in paths.iter().zip(&built.parts) {
        writes.push((zip, &part.zip));
        writes.push((eml, &part.eml));
    }
    write_atomic_all(&writes)?;
    Ok(DossierResult {
        parts: paths
            .into_iter()
            .zip(&built.parts)
            .map(|((zip, eml), p)| DossierPart {
                zip,
                eml,
                email_bytes: p.eml.len() as u64,
            })
            .collect(),
        files: built.manifest.files,
        warnings: built.warnings,
    })
}

/// The ZIP: manifest.json first, then the parts in order; every entry deflated with the
/// same date (the manifest's, in its own offset) and permissions, so nothing but the data
/// and that date reaches the bytes.
pub fn pack(manifest: &[u8], parts: &[Part], created: DateTime<FixedOffset>) -> Result<Vec<u8>> {
    let failed =
        |e: &dyn std::fmt::Display| Error::Render(format!("không đóng gói được hồ sơ ({e})"));
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip_time(created))
        .unix_permissions(0o644);
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let entries = std::iter::once((MANIFEST, manifest))
        .chain(parts.iter().map(|p| (p.name.as_str(), p.bytes.as_slice())));
    for (name, bytes) in entries {
        zip.start_file(name, options).map_err(|e| failed(&e))?;
        zip.write_all(bytes).map_err(|e| failed(&e))?;
    }
    Ok(zip.finish().map_err(|e| failed(&e))?.into_inner())
}

/// ZIP dates cover 1980–2107 in local time with 2-second steps; outside, the ZIP epoch.
fn zip_time(t: DateTime<FixedOffset>) -> zip::DateTime {
    let t = t.naive_local();
    u16::try_from(t.year())
        .ok()
        .and_then(|y| {
            zip::DateTime::from_date_and_time(
                y,
                t.month() as u8,
                t.day() as u8,
                t.hour() as u8,
                t.minute() as u8,
                t.second() as u8,
            )
            .ok()
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dossier::{Kind, PartFormat};

    /// The demo has no signed copies: its dossier is built from drafts.
    const DRAFTS: Options = Options {
        drafts: true,
        docx: false,
        max_email_bytes: crate::dossier::DEFAULT_MAX_EMAIL_BYTES,
    };

    fn part(name: &str, bytes: &[u8]) -> Part {
        Part {
            name: name.into(),
            kind: Kind::Plan,
            format: PartFormat::Pdf,
            state: FileState::Draft,
            signers: Vec::new(),
            doc: None,
            bytes: bytes.to_vec(),
        }
    }

    #[test]
    fn the_zip_holds_the_manifest_then_the_parts_with_the_manifests_date() {
        let created = DateTime::parse_from_rfc3339("2026-11-14T09:30:07+07:00").unwrap();
        let parts = [part("b.pdf", b"second"), part("a.pdf", b"first")];
        let bytes = pack(b"{}", &parts, created).unwrap();
        assert_eq!(bytes, pack(b"{}", &parts, created).unwrap());
        let mut z = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        let names: Vec<_> = z.file_names().map(String::from).collect();
        assert_eq!(names, ["manifest.json", "b.pdf", "a.pdf"]);
        let f = z.by_index(2).unwrap();
        let t = f.last_modified().unwrap();
        // Local time of the manifest, seconds rounded down to the ZIP's 2-second step.
        assert_eq!(
            (
                t.year(),
                t.month(),
                t.day(),
                t.hour(),
                t.minute(),
                t.second()
            ),
            (2026, 11, 14, 9, 30, 6)
        );
        assert_eq!(f.unix_mode().map(|m| m & 0o777), Some(0o644));
        let old = DateTime::parse_from_rfc3339("1970-01-01T00:00:00Z").unwrap();
        assert_eq!(zip_time(old), zip::DateTime::default());
    }

    #[test]
    fn a_year_without_a_plan_is_refused_with_what_to_do() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("t.db")).unwrap();
        crate::demo::load_demo(&mut store, 2026).unwrap();
        let mut steps = Vec::new();
        let err = build(&store, 2031, "x.zip", DRAFTS, created_now(), &mut |p| {
            steps.push(p)
        })
        .unwrap_err();
        assert!(
            err.to_string().contains("Năm 2031 chưa có kế hoạch"),
            "{err}"
        );
        assert!(
            err.to_string()
                .contains("sao chép kế hoạch năm trước sang năm 2031"),
            "{err}"
        );
        assert!(steps.is_empty());
        let err = build_to(
            &store,
            2026,
            &dir.path().join("ho-so.pdf"),
            DRAFTS,
            &mut |_| {},
        )
        .unwrap_err();
        assert!(err.to_string().contains(".zip"), "{err}");
    }

    #[test]
    fn progress_counts_every_file_up_to_the_total() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("t.db")).unwrap();
        let ids = crate::demo::load_demo(&mut store, 2026).unwrap();
        let mut steps = Vec::new();
        let created = DateTime::parse_from_rfc3339("2026-11-14T09:30:00+07:00").unwrap();
        let options = Options {
            docx: true,
            ..DRAFTS
        };
        let built = build(&store, 2026, "x.zip", options, created, &mut |p| {
            steps.push(p)
        })
        .unwrap();
        // Two files per plan; report, minutes, notice and annex as PDF and DOCX (the demo is not
        // recognised, so no proposal) and the XLSX; one step for packing.
        let total = ids.len() * 2 + 4 * 2 + 1 + 1;
        assert_eq!(steps.len(), total + 1);
        assert!(steps.iter().all(|s| s.total == total));
        assert!(steps.windows(2).all(|w| w[1].done == w[0].done + 1));
        assert_eq!(steps.last().unwrap().done, total);
        // The demo's qd06 plan is numbered; the others show their title.
        assert_eq!(steps[0].label, "Kế hoạch số 15/KH-UBND (dự thảo PDF)");
        assert_eq!(steps[1].label, "Kế hoạch số 15/KH-UBND (Word)");
        assert!(
            steps[2].label.starts_with("Kế hoạch “"),
            "{}",
            steps[2].label
        );
        assert_eq!(built.manifest.files.len(), ids.len() * 2 + 9);
        assert!(built
            .warnings
            .iter()
            .any(|w| w.contains("chưa có Tờ trình")));
        let names: Vec<&str> = built
            .manifest
            .files
            .iter()
            .map(|f| f.name.as_str())
            .collect();
        assert!(
            names.contains(&"2026_MinhHoa_KH-xa-phu-hop-tre-em.pdf"),
            "{names:?}"
        );
        assert!(
            names.contains(&"2026_MinhHoa_KH-xa-phu-hop-tre-em.docx"),
            "{names:?}"
        );
    }
}
