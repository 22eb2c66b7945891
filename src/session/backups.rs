//! Backups and restore, as the officer meets them: a verified copy off the laptop, the
//! reminder when that is too old, and the list of good backups to restore from, which must
//! work even when the database cannot be opened (hence the functions without `self`).

use std::path::{Path, PathBuf};

use super::Session;
use crate::error::Result;
use crate::store::{self, BackupInfo, BackupList, BackupStatus, Store};

impl Session {
    /// A verified copy of the whole database at `out`.
    pub fn backup_to(&self, out: &Path) -> Result<()> {
        self.store.backup_to(out)
    }

    /// "Sao lưu ra USB/thư mục khác": a verified copy into `folder` (or the remembered one).
    pub fn backup_offsite(&mut self, folder: Option<&Path>) -> Result<BackupInfo> {
        self.store.backup_offsite(folder)
    }

    /// Whether to remind the officer to copy the data off the laptop, as of now.
    pub fn backup_status(&self) -> Result<BackupStatus> {
        self.store
            .backup_status(chrono::Local::now().fixed_offset())
    }

    /// The good backups of the database at `db_path`: in `backups/` beside it, in the
    /// remembered off-laptop folder when the file still says which (read-only, best effort:
    /// the file may be the damaged one), and in `more` (a folder or USB the officer points at).
    pub fn backups_list(db_path: &Path, more: &[PathBuf]) -> BackupList {
        let mut dirs: Vec<PathBuf> = store::remembered_offsite_folder(db_path)
            .into_iter()
            .collect();
        dirs.extend(more.iter().cloned());
        store::list_backups(db_path, &dirs)
    }

    /// Checks one backup file and says what is inside, before restoring it.
    pub fn backup_inspect(file: &Path) -> Result<BackupInfo> {
        store::inspect_backup(file)
    }

    /// Replaces the database at `db_path` with `backup` after checking it; the current file
    /// (even a damaged one) is kept aside, and where is returned. No session may be open on
    /// it, hence no `self`.
    pub fn restore(db_path: &Path, backup: &Path) -> Result<Option<PathBuf>> {
        Store::restore(db_path, backup)
    }
}
