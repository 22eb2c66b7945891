//! The parts of one dossier: every part of a split dossier carries the same manifest.json,
//! so ZIPs are grouped by the manifest's SHA-256. Only the central directory and the
//! manifest (bounded) are read here; a ZIP that has no readable manifest is a dossier of
//! its own, and `inspect` says what is wrong with it. The same attachment saved twice (two
//! byte-identical ZIPs) is one part, not a part given twice: the copy is set aside.

use std::collections::BTreeMap;
use std::io::{BufReader, Read};
use std::path::PathBuf;

use crate::dossier::manifest::sha256_hex;
use crate::dossier::MANIFEST;

/// The manifest is a few KB (as `dossier::verify` bounds it).
pub const MAX_MANIFEST: u64 = 4 << 20;

/// One dossier to inspect: its ZIPs, and its manifest's bytes when they could be read.
#[derive(Debug)]
pub struct Group {
    pub paths: Vec<PathBuf>,
    pub manifest: Option<Vec<u8>>,
}

/// The dossiers, and each ZIP set aside as a byte-identical copy of another (copy, original).
#[derive(Debug, Default)]
pub struct Grouped {
    pub groups: Vec<Group>,
    pub copies: Vec<(PathBuf, PathBuf)>,
}

/// Groups `zips` by identical manifest, in the order of their first ZIP.
pub fn group(zips: &[PathBuf]) -> Grouped {
    let mut by_hash: BTreeMap<String, usize> = BTreeMap::new();
    let mut groups: Vec<Group> = Vec::new();
    let mut copies = Vec::new();
    for path in zips {
        match manifest_bytes(path) {
            Some(bytes) => {
                let key = sha256_hex(&bytes);
                match by_hash.get(&key) {
                    Some(&i) => match groups[i].paths.iter().find(|p| same_bytes(p, path)) {
                        Some(original) => copies.push((path.clone(), original.clone())),
                        None => groups[i].paths.push(path.clone()),
                    },
                    None => {
                        by_hash.insert(key, groups.len());
                        groups.push(Group {
                            paths: vec![path.clone()],
                            manifest: Some(bytes),
                        });
                    }
                }
            }
            None => groups.push(Group {
                paths: vec![path.clone()],
                manifest: None,
            }),
        }
    }
    Grouped { groups, copies }
}

/// Whether two files hold the same bytes: sizes first, then the content streamed side by
/// side (only ZIPs of one dossier are compared, so this is rare and cheap).
fn same_bytes(a: &std::path::Path, b: &std::path::Path) -> bool {
    let size = |p: &std::path::Path| std::fs::metadata(p).map(|m| m.len()).ok();
    if size(a).is_none() || size(a) != size(b) {
        return false;
    }
    let (Ok(fa), Ok(fb)) = (std::fs::File::open(a), std::fs::File::open(b)) else {
        return false;
    };
    let (mut ra, mut rb) = (BufReader::new(fa), BufReader::new(fb));
    let (mut ba, mut bb) = (vec![0u8; 64 * 1024], vec![0u8; 64 * 1024]);
    loop {
        let Ok(n) = ra.read(&mut ba) else {
            return false;
        };
        if n == 0 {
            return rb.read(&mut bb[..1]).is_ok_and(|m| m == 0);
        }
        if rb.read_exact(&mut bb[..n]).is_err() || ba[..n] != bb[..n] {
            return false;
        }
    }
}

/// manifest.json of the ZIP at `path`, at most `MAX_MANIFEST` bytes; `None` when the file
/// is not a ZIP, has no manifest, or a larger or damaged one.
pub fn manifest_bytes(path: &std::path::Path) -> Option<Vec<u8>> {
    let file = std::fs::File::open(path).ok()?;
    let mut zip = zip::ZipArchive::new(BufReader::new(file)).ok()?;
    let entry = zip.by_name(MANIFEST).ok()?;
    if entry.size() > MAX_MANIFEST {
        return None;
    }
    let mut bytes = Vec::new();
    entry.take(MAX_MANIFEST + 1).read_to_end(&mut bytes).ok()?;
    (bytes.len() as u64 <= MAX_MANIFEST).then_some(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn zip_with(path: &std::path::Path, files: &[(&str, &[u8])]) {
        let mut w = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
        for (name, data) in files {
            w.start_file(*name, zip::write::SimpleFileOptions::default())
                .unwrap();
            w.write_all(data).unwrap();
        }
        w.finish().unwrap();
    }

    #[test]
    fn parts_with_the_same_manifest_are_one_dossier() {
        let dir = tempfile::tempdir().unwrap();
        let p = |n: &str| dir.path().join(n);
        zip_with(&p("a1.zip"), &[(MANIFEST, b"{\"a\":1}"), ("x.pdf", b"x")]);
        zip_with(&p("b.zip"), &[(MANIFEST, b"{\"b\":1}")]);
        zip_with(&p("a2.zip"), &[(MANIFEST, b"{\"a\":1}"), ("y.pdf", b"y")]);
        zip_with(&p("none.zip"), &[("y.pdf", b"y")]);
        std::fs::write(p("text.zip"), b"not a zip").unwrap();
        std::fs::copy(p("a1.zip"), p("a1-copy.zip")).unwrap();
        let zips: Vec<PathBuf> = [
            "a1.zip",
            "b.zip",
            "a2.zip",
            "none.zip",
            "text.zip",
            "a1-copy.zip",
        ]
        .iter()
        .map(|n| p(n))
        .collect();
        let Grouped { groups: g, copies } = group(&zips);
        assert_eq!(copies, [(p("a1-copy.zip"), p("a1.zip"))]);
        assert_eq!(g.len(), 4);
        assert_eq!(g[0].paths, [p("a1.zip"), p("a2.zip")]);
        assert_eq!(g[1].paths, [p("b.zip")]);
        assert!(g[2].manifest.is_none() && g[3].manifest.is_none());
    }
}
