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
        let path = canonical(path);
        let set = self.0.lock().unwrap_or_else(|p| p.into_inner());
        set.contains(&path)
            || set.iter().any(|f| f.parent() == Some(path.as_path()))
            || tre::session::default_export_dir().is_ok_and(|d| canonical(&d) == path)
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
}
