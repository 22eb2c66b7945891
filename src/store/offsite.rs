//! Backups that survive the laptop: "Sao lưu ra USB/thư mục khác".
//!
//! The daily copies sit on the same disk as the database: a dead disk, a stolen laptop or a
//! reinstalled Windows takes them too. This writes a verified copy into a folder the officer
//! chooses (a USB stick, a synced folder), remembers the folder and when it last worked, and
//! says when that was too long ago.

use std::fs;
use std::path::{Path, PathBuf};

use rusqlite::{params, OptionalExtension};
use serde::Serialize;

use super::sqlerr::SqlResultExt;
use super::{backup, backup_list, history, Store};
use crate::error::{Error, Result};

/// Off-laptop copies are named `tre-sao-luu-{timestamp}.db`.
pub(crate) const FILE_PREFIX: &str = "tre-sao-luu-";

/// How many off-laptop copies are kept in the folder (a USB stick is small).
pub(crate) const KEEP: usize = 10;

/// After this many days without an off-laptop copy, the officer is reminded.
pub const REMIND_AFTER_DAYS: i64 = 7;

const DIR_KEY: &str = "offsite.dir";
const LAST_KEY: &str = "offsite.last";

/// What the home panel needs to remind the officer.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct BackupStatus {
    /// The remembered off-laptop folder.
    pub folder: Option<String>,
    /// When the last off-laptop copy was written, RFC 3339.
    pub last: Option<String>,
    /// Whole days since then.
    #[cfg_attr(test, ts(type = "number | null"))]
    pub days_since: Option<i64>,
    /// True when there is data and no off-laptop copy of the last 7 days.
    pub due: bool,
}

impl Store {
    fn setting(&self, key: &str) -> Result<Option<String>> {
        self.conn
            .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()
            .db(&self.path)
    }

    fn set_setting(&mut self, key: &str, value: &str) -> Result<()> {
        self.ensure_in_place()?;
        self.conn
            .execute(
                "INSERT INTO settings (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                params![key, value],
            )
            .db(&self.path)?;
        Ok(())
    }

    /// The remembered off-laptop folder, if any.
    pub fn offsite_folder(&self) -> Result<Option<PathBuf>> {
        Ok(self.setting(DIR_KEY)?.map(PathBuf::from))
    }

    /// Writes a verified copy into `folder` (or the remembered one), remembers the folder and
    /// the time, and keeps the newest [`KEEP`] copies there. Returns the copy, as checked.
    pub fn backup_offsite(&mut self, folder: Option<&Path>) -> Result<backup_list::BackupInfo> {
        let folder = match folder {
            Some(f) => f.to_path_buf(),
            None => self.offsite_folder()?.ok_or_else(|| {
                Error::Invalid(
                    "Chưa chọn thư mục sao lưu ngoài máy. Hãy chọn một thư mục trên USB hoặc một thư mục đồng bộ.".into(),
                )
            })?,
        };
        if !folder.is_dir() {
            return Err(Error::Invalid(format!(
                "Không thấy thư mục {}. Nếu đó là USB, hãy cắm USB vào rồi thử lại, hoặc chọn thư mục khác.",
                folder.display()
            )));
        }
        if paths_overlap(&folder, &self.path) {
            return Err(Error::Invalid(
                "Thư mục này nằm trên cùng chỗ với tệp dữ liệu nên không giữ được dữ liệu khi máy hỏng. Hãy chọn USB hoặc một thư mục đồng bộ.".into(),
            ));
        }
        let out = backup::unique_name(&folder, FILE_PREFIX, &backup::file_timestamp());
        self.backup_to(&out)?;
        // Read back what was written: a USB stick that lies about its writes is caught here.
        let info = match backup_list::inspect(&out) {
            Ok(info) => info,
            Err(e) => {
                let _ = fs::remove_file(&out);
                return Err(Error::Invalid(format!(
                    "Bản sao lưu ghi ra {} đọc lại không đúng ({e}). Hãy thử lại hoặc dùng USB/thư mục khác.",
                    folder.display()
                )));
            }
        };
        let folder_text = folder.to_str().ok_or_else(|| {
            Error::Invalid("Tên thư mục có ký tự không đọc được. Hãy chọn thư mục khác.".into())
        })?;
        self.set_setting(DIR_KEY, folder_text)?;
        self.set_setting(LAST_KEY, &history::now())?;
        rotate(&folder, &out);
        Ok(info)
    }

    /// Whether the officer should be reminded to copy the data off the laptop, as of `now`.
    pub fn backup_status(
        &self,
        now: chrono::DateTime<chrono::FixedOffset>,
    ) -> Result<BackupStatus> {
        let last = self.setting(LAST_KEY)?;
        let days_since = last
            .as_deref()
            .and_then(|t| chrono::DateTime::parse_from_rfc3339(t).ok())
            .map(|t| (now - t).num_days().max(0));
        let has_data = self.has_data()?;
        Ok(BackupStatus {
            folder: self.setting(DIR_KEY)?,
            due: has_data && days_since.is_none_or(|d| d >= REMIND_AFTER_DAYS),
            last,
            days_since,
        })
    }
}

/// Deletes all but the newest `KEEP` off-laptop copies in `folder` (never `just_written`).
/// Best effort: a copy that cannot be deleted only costs space.
fn rotate(folder: &Path, just_written: &Path) {
    backup::sweep_leftovers(folder);
    let Ok(entries) = fs::read_dir(folder) else {
        return;
    };
    let mut copies: Vec<PathBuf> = entries
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(FILE_PREFIX) && n.ends_with(".db"))
        })
        .collect();
    copies.sort(); // the timestamp in the name sorts by age
    copies.reverse();
    for old in copies.into_iter().skip(KEEP) {
        if old != just_written {
            let _ = fs::remove_file(old);
        }
    }
}

/// True when `folder` is the database's own folder or its `backups/`: no protection at all.
fn paths_overlap(folder: &Path, db_path: &Path) -> bool {
    let canon = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
    let folder = canon(folder);
    let Some(db_dir) = db_path.parent().map(canon) else {
        return false;
    };
    folder == db_dir || folder.starts_with(&db_dir)
}
