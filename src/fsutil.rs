//! Writing exported files so that a failure (full disk, removed USB drive) never leaves a
//! half-written document behind: write a temporary file beside the target, sync, rename.
//! And reading a file the officer chose with a bound, so a wrong choice never fills memory.

use std::io::Write;
use std::path::Path;

use crate::error::{Error, Result};

/// What reading a chosen file gave: its bytes, or why they were not read.
pub enum Bounded {
    Bytes(Vec<u8>),
    /// The path is a folder.
    Folder,
    /// Larger than the bound: its size (or what was read before stopping).
    TooBig(u64),
}

/// Reads at most `max` bytes of `path`: a larger file is refused by its size before reading,
/// and the read itself stops there (a device or a growing file has no honest size). The
/// caller says, in its own words, what a folder or a too large file means.
pub fn read_bounded(path: &Path, max: u64) -> Result<Bounded> {
    use std::io::Read;
    let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
    if meta.is_dir() {
        return Ok(Bounded::Folder);
    }
    if meta.len() > max {
        return Ok(Bounded::TooBig(meta.len()));
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(max + 1).read_to_end(&mut bytes))
        .map_err(|e| Error::io(path, e))?;
    if bytes.len() as u64 > max {
        return Ok(Bounded::TooBig(bytes.len() as u64));
    }
    Ok(Bounded::Bytes(bytes))
}

pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.tre-tmp-{}", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(Error::io(path, e));
    }
    Ok(())
}

/// Writes several files as one: every temporary file is written and synced first, and only
/// then are they renamed into place, so a full disk leaves none of them (the dossier's ZIP
/// and its e-mail draft must not exist one without the other).
pub fn write_atomic_all(files: &[(&Path, &[u8])]) -> Result<()> {
    write_all_with(files, |f, bytes| f.write_all(bytes))
}

/// `write_atomic_all` with the writing step given, so a test can make the disk "fill up".
fn write_all_with(
    files: &[(&Path, &[u8])],
    write: impl Fn(&mut std::fs::File, &[u8]) -> std::io::Result<()>,
) -> Result<()> {
    let mut temps: Vec<std::path::PathBuf> = Vec::new();
    let cleanup = |temps: &[std::path::PathBuf]| {
        for t in temps {
            let _ = std::fs::remove_file(t);
        }
    };
    for (path, bytes) in files {
        let dir = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => std::path::PathBuf::from("."),
        };
        if let Err(e) = std::fs::create_dir_all(&dir) {
            cleanup(&temps);
            return Err(Error::io(&dir, e));
        }
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let tmp = dir.join(format!(".{name}.tre-tmp-{}", std::process::id()));
        temps.push(tmp.clone());
        let written = std::fs::File::create(&tmp).and_then(|mut f| {
            write(&mut f, bytes)?;
            f.sync_all()
        });
        if let Err(e) = written {
            cleanup(&temps);
            return Err(Error::io(*path, e));
        }
    }
    for (i, (path, _)) in files.iter().enumerate() {
        if let Err(e) = std::fs::rename(&temps[i], path) {
            cleanup(&temps[i..]);
            return Err(Error::io(*path, e));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_disk_leaves_none_of_the_files() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a.zip"), dir.path().join("a.eml"));
        let err = write_all_with(&[(&a, b"zip"), (&b, b"eml")], |f, bytes| {
            // The second file finds the disk full half-way.
            if bytes == b"eml" {
                f.write_all(&bytes[..1])?;
                return Err(std::io::Error::from_raw_os_error(28));
            }
            f.write_all(bytes)
        })
        .unwrap_err();
        assert_eq!(err.code(), "disk-full");
        assert!(err.to_string().contains("a.eml"), "{err}");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);

        write_atomic_all(&[(&a, b"zip"), (&b, b"eml")]).unwrap();
        assert_eq!(std::fs::read(&a).unwrap(), b"zip");
        assert_eq!(std::fs::read(&b).unwrap(), b"eml");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
    }

    #[test]
    fn writes_and_replaces() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("sub/a.txt");
        super::write_atomic(&p, b"one").unwrap();
        super::write_atomic(&p, b"two").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"two");
        assert_eq!(std::fs::read_dir(p.parent().unwrap()).unwrap().count(), 1);
    }
}
