//! `tre dossier verify`: is a received ZIP the dossier its manifest describes? Every file is
//! hashed as it streams out of the ZIP; nothing is extracted to disk, and no read goes past
//! the size the manifest declares (plus one byte, to see that it is longer), so a ZIP bomb
//! or a `../` name can do no harm: such names are reported, never used as paths.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{Read, Seek};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::manifest::{hex, FORMAT};
use super::names::is_safe;
use super::MANIFEST;
use crate::error::{Error, Result};

/// More entries than any dossier has: refuse rather than walk a hostile central directory.
const MAX_ENTRIES: usize = 10_000;
/// No file of a dossier comes near this; a larger declared size is treated as an attack.
const MAX_FILE: u64 = 1 << 30;
/// All files together: bounds the work a hostile manifest listing many large files can ask for.
const MAX_TOTAL: u64 = 4 << 30;
/// The manifest is a few KB.
const MAX_MANIFEST: u64 = 4 << 20;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ProblemKind {
    /// The content differs from the manifest's hash or size, or cannot be read back.
    Changed,
    /// Listed in the manifest, absent from the ZIP.
    Missing,
    /// In the ZIP, not in the manifest.
    Extra,
    /// No manifest, or one that cannot be read.
    Manifest,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Problem {
    pub kind: ProblemKind,
    /// The file concerned, as written in the ZIP or the manifest.
    pub name: Option<String>,
    /// One Vietnamese line.
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VerifyReport {
    /// Files the manifest lists.
    pub files: usize,
    /// ZIPs the dossier was sent as.
    pub parts: usize,
    /// "xã Minh Hòa" and the year, from the manifest, when it could be read.
    pub commune: Option<String>,
    pub year: Option<i32>,
    pub problems: Vec<Problem>,
}

impl VerifyReport {
    pub fn intact(&self) -> bool {
        self.problems.is_empty()
    }

    /// "Hồ sơ nguyên vẹn: 8 tệp (xã Minh Hòa, năm 2026)."
    pub fn summary(&self) -> String {
        let whose = match (&self.commune, self.year) {
            (Some(c), Some(y)) => format!(" ({c}, năm {y})"),
            _ => String::new(),
        };
        if self.intact() && self.parts > 1 {
            format!(
                "Hồ sơ nguyên vẹn: {} tệp trong {} phần{whose}.",
                self.files, self.parts
            )
        } else if self.intact() {
            format!("Hồ sơ nguyên vẹn: {} tệp{whose}.", self.files)
        } else {
            format!(
                "Hồ sơ đã bị thay đổi{whose}: {} vấn đề. Hãy đề nghị nơi gửi gửi lại hồ sơ.",
                self.problems.len()
            )
        }
    }
}

/// What verify needs of the manifest; other fields may change between versions.
#[derive(Deserialize)]
struct Listed {
    format: u32,
    #[serde(default)]
    commune: Option<String>,
    #[serde(default)]
    year: Option<i32>,
    /// How many ZIPs the dossier was sent as (format 2); absent in format 1, one ZIP.
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
    size: u64,
    sha256: String,
    #[serde(default)]
    part: Option<u32>,
}

/// Checks a dossier given as its ZIPs (one, or every part of a split one). `Err` when one of
/// them is not a readable ZIP at all (exit 2); otherwise the report, whose problems (exit 1)
/// say what differs.
pub fn verify(paths: &[PathBuf]) -> Result<VerifyReport> {
    let mut zips = Vec::new();
    for path in paths {
        let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
        zips.push((std::io::BufReader::new(file), path.as_path()));
    }
    verify_readers(zips)
}

/// One ZIP being checked: its archive, its path and its entries' names.
struct Opened<'p, R> {
    zip: zip::ZipArchive<R>,
    path: &'p Path,
    names: Vec<String>,
}

pub fn verify_readers<R: Read + Seek>(readers: Vec<(R, &Path)>) -> Result<VerifyReport> {
    if readers.is_empty() {
        return Err(Error::Invalid(
            "Hãy chọn tệp hồ sơ (.zip) cần kiểm tra; hồ sơ chia nhiều phần thì chọn tất cả các phần.".into(),
        ));
    }
    let mut opened = Vec::new();
    for (reader, path) in readers {
        let not_zip = || {
            Error::Invalid(format!(
                "Tệp {} không phải tệp ZIP hợp lệ hoặc đã bị cắt cụt (chép chưa hết, tải về bị lỗi). Hãy chép hoặc tải lại hồ sơ rồi kiểm tra lại.",
                path.display()
            ))
        };
        let zip = zip::ZipArchive::new(reader).map_err(|_| not_zip())?;
        if zip.len() > MAX_ENTRIES {
            return Err(Error::Invalid(format!(
                "Tệp {} có hơn {MAX_ENTRIES} tệp bên trong, không phải hồ sơ của Tre. Hãy kiểm tra lại tệp nhận được.",
                path.display()
            )));
        }
        let names = (0..zip.len())
            .map(|i| zip.name_for_index(i).unwrap_or_default().to_string())
            .collect();
        opened.push(Opened { zip, path, names });
    }
    let mut report = VerifyReport {
        files: 0,
        parts: 0,
        commune: None,
        year: None,
        problems: Vec::new(),
    };
    let Some(listed) = agreed_manifest(&mut opened, &mut report.problems) else {
        return Ok(report);
    };
    report.files = listed.files.len();
    // A hostile count is bounded by what could be reported: no more parts than files.
    let parts = listed.parts.clamp(1, listed.files.len().max(1) as u32);
    report.parts = parts as usize;
    report.commune = listed.commune.clone();
    report.year = listed.year;

    // Where each name is: (ZIP, entry). A name in two ZIPs is kept at its first place.
    let mut index: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for (z, o) in opened.iter().enumerate() {
        for (i, n) in o.names.iter().enumerate() {
            if n != MANIFEST && index.get(n).is_some_and(|&(first, _)| first != z) {
                report.problems.push(Problem {
                    kind: ProblemKind::Extra,
                    name: Some(n.clone()),
                    message: format!("Tệp {} có hai lần trong hồ sơ.", shown(n)),
                });
            }
            index.entry(n.clone()).or_insert((z, i));
        }
    }
    // A part none of whose files was given is one missing ZIP, not many missing files.
    let absent_parts: BTreeSet<u32> = (1..=parts)
        .filter(|k| {
            listed
                .files
                .iter()
                .filter(|f| f.part == Some(*k))
                .all(|f| !index.contains_key(f.name.as_str()))
        })
        .collect();
    if parts > 1 {
        for &k in &absent_parts {
            let names: Vec<&str> = listed
                .files
                .iter()
                .filter(|f| f.part == Some(k))
                .map(|f| f.name.as_str())
                .collect();
            report.problems.push(Problem {
                kind: ProblemKind::Missing,
                name: None,
                message: format!(
                    "Thiếu phần {k}/{parts} của hồ sơ (tệp nén có {}): hãy kiểm tra cùng lúc tất cả các phần, hoặc đề nghị nơi gửi gửi lại phần này.",
                    shown(&names.join(", "))
                ),
            });
        }
    }
    let mut seen = BTreeSet::new();
    let mut budget = MAX_TOTAL;
    for f in &listed.files {
        let problem = |kind, message: String| Problem {
            kind,
            name: Some(f.name.clone()),
            message,
        };
        if !seen.insert(f.name.as_str()) {
            report.problems.push(problem(
                ProblemKind::Manifest,
                format!("manifest.json ghi tệp {} hai lần.", f.name),
            ));
            continue;
        }
        if parts > 1 && f.part.is_some_and(|k| absent_parts.contains(&k)) {
            continue;
        }
        let Some(&(z, i)) = index.get(f.name.as_str()) else {
            report.problems.push(problem(
                ProblemKind::Missing,
                format!(
                    "Thiếu tệp {}: manifest.json có ghi nhưng trong hồ sơ không có.",
                    f.name
                ),
            ));
            continue;
        };
        let affordable = f.size <= MAX_FILE && f.size <= budget;
        budget = budget.saturating_sub(f.size);
        if !is_safe(&f.name) || !affordable {
            report.problems.push(problem(
                ProblemKind::Changed,
                format!("Tệp {} có tên hoặc kích thước bất thường nên không được kiểm tra; hồ sơ có thể đã bị sửa.", f.name),
            ));
            continue;
        }
        if !matches_listing(&mut opened[z].zip, i, f) {
            report.problems.push(problem(
                ProblemKind::Changed,
                format!(
                    "Tệp {} đã bị thay đổi: nội dung không khớp mã SHA-256 trong manifest.json.",
                    f.name
                ),
            ));
        }
    }
    for o in &opened {
        let mut counted = BTreeSet::new();
        for name in &o.names {
            if name == MANIFEST || seen.contains(name.as_str()) {
                if !counted.insert(name.as_str()) {
                    report.problems.push(Problem {
                        kind: ProblemKind::Extra,
                        name: Some(name.clone()),
                        message: format!("Tệp {} có hai lần trong hồ sơ.", shown(name)),
                    });
                }
                continue;
            }
            report.problems.push(Problem {
                kind: ProblemKind::Extra,
                name: Some(name.clone()),
                message: format!(
                    "Tệp {} không có trong manifest.json: tệp lạ đã được thêm vào hồ sơ.",
                    shown(name)
                ),
            });
        }
    }
    Ok(report)
}

/// The manifest every given ZIP carries, when they all carry the same one; otherwise the
/// problems that say which ZIP has none, an unreadable one, or one of another dossier.
fn agreed_manifest<R: Read + Seek>(
    opened: &mut [Opened<R>],
    problems: &mut Vec<Problem>,
) -> Option<Listed> {
    let mut first: Option<(Listed, Vec<u8>, &Path)> = None;
    let mut ok = true;
    let several = opened.len() > 1;
    for o in opened.iter_mut() {
        let read = read_manifest(&mut o.zip, &o.names);
        // With several ZIPs, say which one the problem is in.
        let label = |m: String| {
            if several {
                format!("{}: {m}", o.path.display())
            } else {
                m
            }
        };
        match (read, &first) {
            (Err(message), _) => {
                ok = false;
                problems.push(Problem {
                    kind: ProblemKind::Manifest,
                    name: Some(MANIFEST.into()),
                    message: label(message),
                });
            }
            (Ok((listed, bytes)), None) => first = Some((listed, bytes, o.path)),
            (Ok((_, bytes)), Some((_, want, first_path))) if bytes != *want => {
                ok = false;
                problems.push(Problem {
                    kind: ProblemKind::Manifest,
                    name: Some(MANIFEST.into()),
                    message: format!(
                        "Tệp {} không thuộc cùng hồ sơ với {} (manifest.json khác nhau). Hãy chỉ kiểm tra cùng lúc các phần của một lần gửi.",
                        o.path.display(),
                        first_path.display()
                    ),
                });
            }
            (Ok(_), Some(_)) => {}
        }
    }
    match first {
        Some((listed, _, _)) if ok => Some(listed),
        _ => None,
    }
}

/// A name from the ZIP as it can be shown on one line (a hostile name may hold line breaks).
fn shown(name: &str) -> String {
    let clean: String = name
        .chars()
        .map(|c| if c.is_control() { '?' } else { c })
        .collect();
    format!("“{clean}”")
}

fn read_manifest<R: Read + Seek>(
    zip: &mut zip::ZipArchive<R>,
    names: &[String],
) -> std::result::Result<(Listed, Vec<u8>), String> {
    let Some(i) = names.iter().position(|n| n == MANIFEST) else {
        return Err("Hồ sơ không có tệp manifest.json nên không kiểm tra được các tệp. Hãy đề nghị nơi gửi lập lại hồ sơ bằng Tre.".into());
    };
    let unreadable = |why: &str| {
        format!("Không đọc được manifest.json ({why}). Hãy đề nghị nơi gửi gửi lại hồ sơ.")
    };
    let mut bytes = Vec::new();
    let read = zip
        .by_index(i)
        .map_err(|_| unreadable("bị hỏng"))?
        .take(MAX_MANIFEST + 1)
        .read_to_end(&mut bytes);
    if read.is_err() {
        return Err(unreadable("bị hỏng"));
    }
    if bytes.len() as u64 > MAX_MANIFEST {
        return Err(unreadable("lớn bất thường"));
    }
    let listed: Listed = serde_json::from_slice(&bytes).map_err(|e| {
        unreadable(&format!(
            "sai định dạng ở dòng {}, cột {}",
            e.line(),
            e.column()
        ))
    })?;
    if listed.format > FORMAT {
        return Err(format!(
            "manifest.json theo định dạng số {} của phiên bản Tre mới hơn. Hãy cập nhật Tre rồi kiểm tra lại.",
            listed.format
        ));
    }
    Ok((listed, bytes))
}

/// Streams entry `i` through SHA-256, reading at most the listed size plus one byte.
fn matches_listing<R: Read + Seek>(zip: &mut zip::ZipArchive<R>, i: usize, f: &ListedFile) -> bool {
    let Ok(entry) = zip.by_index(i) else {
        return false;
    };
    if entry.size() != f.size {
        return false;
    }
    let mut limited = entry.take(f.size + 1);
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 64 * 1024];
    let mut total = 0u64;
    loop {
        match limited.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => {
                total += n as u64;
                hasher.update(&buf[..n]);
            }
            // A damaged stream or a failed CRC check: the content is not what was sent.
            Err(_) => return false,
        }
    }
    total == f.size && hex(&hasher.finalize()).eq_ignore_ascii_case(f.sha256.trim())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Cursor, Write};

    fn zip_of(files: &[(&str, &[u8])]) -> Cursor<Vec<u8>> {
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for (name, data) in files {
            w.start_file(*name, zip::write::SimpleFileOptions::default())
                .unwrap();
            w.write_all(data).unwrap();
        }
        Cursor::new(w.finish().unwrap().into_inner())
    }

    fn manifest(files: &[(&str, u64, &[u8])]) -> Vec<u8> {
        let files: Vec<_> = files
            .iter()
            .map(|(n, size, data)| {
                serde_json::json!({"name": n, "kind": "plan", "format": "pdf", "size": size,
                    "sha256": super::super::manifest::sha256_hex(data)})
            })
            .collect();
        serde_json::to_vec(&serde_json::json!({"format": 1, "commune": "xã Minh Hòa",
            "year": 2026, "files": files}))
        .unwrap()
    }

    #[test]
    fn listed_files_with_hostile_names_or_sizes_are_not_read() {
        let m = manifest(&[
            ("a.pdf", 3, b"abc"),
            ("../b.pdf", 3, b"abc"),
            ("lon.pdf", 3 << 30, b"abc"),
        ]);
        let z = zip_of(&[
            (MANIFEST, &m),
            ("a.pdf", b"abc"),
            ("../b.pdf", b"abc"),
            ("lon.pdf", b"abc"),
        ]);
        let r = verify_readers(vec![(z, Path::new("x.zip"))]).unwrap();
        assert_eq!(r.files, 3);
        assert_eq!(r.commune.as_deref(), Some("xã Minh Hòa"));
        let named: Vec<_> = r
            .problems
            .iter()
            .map(|p| (p.kind, p.name.clone().unwrap()))
            .collect();
        assert_eq!(
            named,
            [
                (ProblemKind::Changed, "../b.pdf".to_string()),
                (ProblemKind::Changed, "lon.pdf".to_string())
            ]
        );
        assert!(r.problems[0].message.contains("bất thường"));
        assert!(r
            .summary()
            .starts_with("Hồ sơ đã bị thay đổi (xã Minh Hòa, năm 2026): 2 vấn đề"));
    }

    #[test]
    fn a_newer_manifest_format_asks_for_an_update() {
        let z = zip_of(&[(MANIFEST, br#"{"format": 3, "files": []}"#)]);
        let r = verify_readers(vec![(z, Path::new("x.zip"))]).unwrap();
        assert_eq!(r.problems[0].kind, ProblemKind::Manifest);
        assert!(
            r.problems[0].message.contains("cập nhật Tre"),
            "{:?}",
            r.problems
        );
    }
}
