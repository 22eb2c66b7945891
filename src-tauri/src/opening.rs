//! "Mở tệp" and "Mở thư mục": the shell opens what Tre itself wrote in this session — a file,
//! or the folder it lies in — and the export folder, wherever they are. A list of folders in
//! the capability file (the opener plugin's scope) refused an export folder outside $HOME
//! (a second disk, /srv/…) and allowed any file under $HOME; this allows exactly Tre's own.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use tauri::{AppHandle, State};
use tauri_plugin_opener::OpenerExt;

use crate::commands::{CmdError, Res};

/// The files written by the export commands since the app started.
#[derive(Default)]
pub struct Written(Mutex<HashSet<PathBuf>>);

impl Written {
    pub fn remember(&self, path: &Path) {
        let mut set = self.0.lock().unwrap_or_else(|p| p.into_inner());
        set.insert(canonical(path));
    }

    /// A written file, the folder of one, or the export folder.
    fn allows(&self, path: &Path) -> bool {
        self.allows_in(path, tre::session::default_export_dir().ok().as_deref())
    }

    /// `allows` with the export folder given, so a test need not set the environment.
    /// Paths are compared once resolved: "..", "." and symbolic links cannot lead elsewhere.
    fn allows_in(&self, path: &Path, export_dir: Option<&Path>) -> bool {
        let path = canonical(path);
        let set = self.0.lock().unwrap_or_else(|p| p.into_inner());
        set.contains(&path)
            || set.iter().any(|f| f.parent() == Some(path.as_path()))
            || export_dir.is_some_and(|d| canonical(d) == path)
    }
}

fn canonical(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

fn refused(path: &Path) -> CmdError {
    CmdError::new(
        "not-written",
        format!(
            "Tre chỉ mở các tệp do Tre vừa xuất và thư mục chứa chúng; “{}” không thuộc số đó.",
            path.display()
        ),
    )
}

fn failed(path: &Path, e: impl std::fmt::Display) -> CmdError {
    CmdError::new(
        "open-failed",
        format!(
            "Không mở được “{}” ({e}). Hãy mở nó bằng trình quản lý tệp.",
            path.display()
        ),
    )
}

/// Opens a file Tre wrote (or its folder, or the export folder) with the system's program.
#[tauri::command]
pub fn open_written(app: AppHandle, written: State<Written>, path: PathBuf) -> Res<()> {
    if !written.allows(&path) {
        return Err(refused(&path));
    }
    app.opener()
        .open_path(path.to_string_lossy(), None::<&str>)
        .map_err(|e| failed(&path, e))
}

/// Shows a file Tre wrote, selected in the system's file manager.
#[tauri::command]
pub fn reveal_written(app: AppHandle, written: State<Written>, path: PathBuf) -> Res<()> {
    if !written.allows(&path) {
        return Err(refused(&path));
    }
    app.opener()
        .reveal_item_in_dir(&path)
        .map_err(|e| failed(&path, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_written_files_their_folders_and_the_export_folder() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("2026_TanLap_KH.pdf");
        std::fs::write(&file, b"%PDF").unwrap();
        let w = Written::default();
        assert!(!w.allows(&file));
        w.remember(&file);
        assert!(w.allows(&file));
        assert!(w.allows(dir.path()), "the folder it lies in");
        assert!(!w.allows(&dir.path().join("other.pdf")));
        assert!(!w.allows(Path::new("/etc/passwd")));
        // The same file written through another spelling of its path.
        assert!(w.allows(&dir.path().join(".").join("2026_TanLap_KH.pdf")));
    }

    /// "Lưu vào chỗ khác…" into a folder far from the data folder and the default export
    /// folder (another disk, a USB stick), with a Vietnamese name: "Mở tệp" and "Mở thư mục"
    /// work on it; its neighbours, the folder above and ways around it are refused.
    #[test]
    fn an_export_folder_elsewhere_with_a_vietnamese_name() {
        let root = tempfile::tempdir().unwrap();
        let docs = root.path().join("xyz").join("Tài liệu");
        std::fs::create_dir_all(&docs).unwrap();
        let file = docs.join("2026_TanLap_KH-BVCSTE.pdf");
        std::fs::write(&file, b"%PDF").unwrap();
        let other = docs.join("bang-luong.xlsx");
        std::fs::write(&other, b"PK").unwrap();
        let w = Written::default();
        // The export folder set elsewhere is allowed before anything is written into it.
        let export = root.path().join("Xuất").join("Tre");
        assert!(w.allows_in(&export, Some(&export)));
        assert!(!w.allows_in(&file, Some(&export)));
        w.remember(&file);
        assert!(w.allows_in(&file, Some(&export)), "Mở tệp");
        assert!(w.allows_in(&docs, Some(&export)), "Mở thư mục");
        assert!(w.allows_in(&docs.join("."), None));
        // Refused: a file Tre did not write beside it, the folder above, a way out through
        // "..", a link inside the folder that points elsewhere, and the system's files.
        assert!(!w.allows_in(&other, Some(&export)));
        assert!(!w.allows_in(&root.path().join("xyz"), Some(&export)));
        assert!(!w.allows_in(&docs.join("..").join("..").join("xyz"), None));
        assert!(!w.allows_in(
            &docs.join("..").join("Tài liệu").join("bang-luong.xlsx"),
            None
        ));
        #[cfg(unix)]
        {
            let link = docs.join("lien-ket.pdf");
            std::os::unix::fs::symlink("/etc/passwd", &link).unwrap();
            assert!(!w.allows_in(&link, None));
        }
        assert!(!w.allows_in(Path::new("/etc/passwd"), Some(Path::new("/etc"))));
        assert!(!w.allows_in(Path::new("/"), None));
    }
}
