//! Which files an import looks at: the ZIPs in the chosen folders (and their subfolders, a
//! few levels down, as a mail program's "save all attachments" lays them out) and the files
//! named one by one. A folder is hostile input too: the walk is bounded in depth and in
//! entries, and follows no symbolic link to a folder (a link loop would never end).

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Subfolders deep enough for "Hồ sơ 2026/Phú Thọ/xã …/".
const MAX_DEPTH: usize = 4;
/// More entries than a province's communes' dossiers, with every part, could make.
const MAX_ENTRIES: usize = 50_000;

/// The files found: ZIPs to import, and other files left aside (shown, not read).
#[derive(Debug, Default)]
pub struct Found {
    pub zips: Vec<PathBuf>,
    pub skipped: Vec<PathBuf>,
}

/// Walks `inputs`: a folder gives its `.zip` files, a file is taken as it is (a ZIP named
/// otherwise is still tried, and refused with a message if it is not one).
pub fn scan(inputs: &[PathBuf]) -> Result<Found> {
    if inputs.is_empty() {
        return Err(Error::Invalid(
            "Hãy chọn thư mục chứa các hồ sơ (.zip) của các xã, hoặc chọn từng tệp hồ sơ.".into(),
        ));
    }
    let mut found = Found::default();
    let mut seen = 0usize;
    for input in inputs {
        let meta = std::fs::metadata(input).map_err(|e| Error::io(input, e))?;
        if meta.is_dir() {
            walk(input, 0, &mut found, &mut seen)?;
        } else {
            found.zips.push(input.clone());
        }
    }
    found.zips.sort();
    found.zips.dedup();
    // The e-mail draft Tre writes beside each ZIP (`x.eml` by `x.zip`) is the same dossier,
    // not a stray file: listing it as "left aside" would only make the officer wonder.
    let zips = &found.zips;
    found
        .skipped
        .retain(|p| !(has_ext(p, "eml") && zips.binary_search(&p.with_extension("zip")).is_ok()));
    found.skipped.sort();
    Ok(found)
}

fn walk(dir: &Path, depth: usize, found: &mut Found, seen: &mut usize) -> Result<()> {
    let entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    for entry in entries {
        let entry = entry.map_err(|e| Error::io(dir, e))?;
        *seen += 1;
        if *seen > MAX_ENTRIES {
            return Err(Error::Invalid(format!(
                "Thư mục {} có quá nhiều tệp (trên {MAX_ENTRIES}). Hãy chọn thư mục chỉ chứa hồ sơ của các xã.",
                dir.display()
            )));
        }
        let path = entry.path();
        // The entry's own type: a symbolic link is not followed to a folder.
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            if depth + 1 < MAX_DEPTH {
                walk(&path, depth + 1, found, seen)?;
            }
        } else if is_zip_name(&path) {
            found.zips.push(path);
        } else if kind.is_file() || kind.is_symlink() {
            found.skipped.push(path);
        }
    }
    Ok(())
}

fn is_zip_name(path: &Path) -> bool {
    has_ext(path, "zip")
}

fn has_ext(path: &Path, ext: &str) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case(ext))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_gives_its_zips_and_sets_the_rest_aside() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("xa-a");
        std::fs::create_dir(&sub).unwrap();
        std::fs::write(dir.path().join("b.ZIP"), b"x").unwrap();
        std::fs::write(sub.join("a.zip"), b"x").unwrap();
        std::fs::write(dir.path().join("ghi-chu.txt"), b"x").unwrap();
        // The draft beside its ZIP is part of it; an e-mail with no ZIP is a stray file.
        std::fs::write(sub.join("a.eml"), b"x").unwrap();
        std::fs::write(dir.path().join("thu-khac.eml"), b"x").unwrap();
        let f = scan(&[dir.path().to_path_buf()]).unwrap();
        assert_eq!(f.zips, [dir.path().join("b.ZIP"), sub.join("a.zip")]);
        assert_eq!(
            f.skipped,
            [
                dir.path().join("ghi-chu.txt"),
                dir.path().join("thu-khac.eml")
            ]
        );
        let e = scan(&[dir.path().join("khong-co")]).unwrap_err();
        assert_eq!(e.code(), "io");
        assert_eq!(scan(&[]).unwrap_err().code(), "invalid");
    }
}
