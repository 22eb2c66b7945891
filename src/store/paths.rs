//! Where the database lives. The user's data folder by default (docs/architecture.md, storage:
//! never a USB drive or a network share), overridable by `--db` and then `$TRE_DB` for scripts
//! and tests.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// File name of the database inside the data folder.
pub const DB_FILE_NAME: &str = "tre.db";

/// Environment variable that overrides the default location.
pub const DB_ENV_VAR: &str = "TRE_DB";

/// `~/.local/share/tre/tre.db`, `%APPDATA%\Tre\tre\data\tre.db`, `~/Library/Application Support/vn.Tre.tre/tre.db`.
pub fn default_db_path() -> Result<PathBuf> {
    let dirs = directories::ProjectDirs::from("vn", "Tre", "tre").ok_or(Error::NoDataDir)?;
    Ok(dirs.data_dir().join(DB_FILE_NAME))
}

/// `--db`, else `$TRE_DB` when set and non-empty, else [`default_db_path`].
pub fn resolve_db_path(cli_arg: Option<&Path>) -> Result<PathBuf> {
    resolve_with(cli_arg, std::env::var_os(DB_ENV_VAR))
}

/// The override order without touching the process environment, so it can be tested.
fn resolve_with(cli_arg: Option<&Path>, env: Option<OsString>) -> Result<PathBuf> {
    if let Some(p) = cli_arg.filter(|p| !p.as_os_str().is_empty()) {
        return Ok(p.to_path_buf());
    }
    // An empty TRE_DB (e.g. `TRE_DB= tre …` in a script) means "not set", not "the cwd".
    if let Some(env) = env.filter(|v| !v.to_string_lossy().trim().is_empty()) {
        return Ok(PathBuf::from(env));
    }
    default_db_path()
}

/// The folder of automatic backups: `backups/` beside the database file.
pub(crate) fn backups_dir(db_path: &Path) -> PathBuf {
    match db_path.parent() {
        Some(parent) => parent.join("backups"),
        None => PathBuf::from("backups"),
    }
}

/// `tre.db-wal` / `tre.db-shm` beside the database: SQLite's side files in WAL mode.
pub(crate) fn side_file(db_path: &Path, suffix: &str) -> PathBuf {
    let mut name = db_path.as_os_str().to_os_string();
    name.push(suffix);
    PathBuf::from(name)
}

/// Creates the folder that will hold `path`, naming it in the error.
pub(crate) fn create_parent(path: &Path) -> Result<()> {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => {
            std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))
        }
        _ => Ok(()),
    }
}

/// True when two paths name the same file (both must exist to be compared reliably).
pub(crate) fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cli_beats_env_beats_default() {
        let cli = Path::new("/a/cli.db");
        assert_eq!(
            resolve_with(Some(cli), Some("/b/env.db".into())).unwrap(),
            cli
        );
        assert_eq!(
            resolve_with(None, Some("/b/env.db".into())).unwrap(),
            PathBuf::from("/b/env.db")
        );
        // Empty or blank TRE_DB is ignored.
        let default = resolve_with(None, Some("".into()));
        let blank = resolve_with(None, Some("  ".into()));
        if let Ok(d) = default_db_path() {
            assert_eq!(default.unwrap(), d);
            assert_eq!(blank.unwrap(), d);
            assert!(d.ends_with(DB_FILE_NAME));
        }
    }

    #[test]
    fn side_files_and_backups_sit_beside_the_db() {
        let db = Path::new("/data/tre/tre.db");
        assert_eq!(side_file(db, "-wal"), PathBuf::from("/data/tre/tre.db-wal"));
        assert_eq!(backups_dir(db), PathBuf::from("/data/tre/backups"));
        assert_eq!(backups_dir(Path::new("tre.db")), PathBuf::from("backups"));
    }

    #[test]
    fn no_data_dir_message() {
        // The core names no command line (the app shows it too); the CLI adds `--db`/TRE_DB.
        assert!(!Error::NoDataDir.to_string().contains("TRE_DB"));
        assert_eq!(Error::NoDataDir.code(), "no-data-dir");
    }
}
