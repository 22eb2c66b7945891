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

/// The folder is also noted beside the database, in `backups/`: when the database's first
/// pages are damaged its settings cannot be read, and that is when the officer needs the list
/// of backups to include the ones on the USB stick.
const NOTE_FILE: &str = "thu-muc-sao-luu-ngoai-may.txt";

/// The off-laptop folder and the time of the last copy into it, as a database remembers them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Remembered {
    pub folder: String,
    pub last: String,
}

/// What the database at `db_path` remembers, read without writing (it may be the damaged
/// one), else the folder noted beside it. Best effort.
pub(crate) fn remembered(db_path: &Path) -> Option<Remembered> {
    let from_db = || -> Option<Remembered> {
        let conn = rusqlite::Connection::open_with_flags(
            db_path,
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .ok()?;
        let get = |key: &str| -> Option<String> {
            conn.query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .ok()
        };
        Some(Remembered {
            folder: get(DIR_KEY)?,
            last: get(LAST_KEY).unwrap_or_default(),
        })
    };
    from_db().or_else(|| {
        let text = fs::read_to_string(super::paths::backups_dir(db_path).join(NOTE_FILE)).ok()?;
        let folder = text.lines().next()?.trim().to_string();
        (!folder.is_empty()).then_some(Remembered {
            folder,
            last: String::new(),
        })
    })
}

/// After a restore: the restored file keeps this installation's knowledge of its off-laptop
/// copies. An off-laptop copy does not hold the time it was itself made (it was written
/// first), so restoring one would otherwise forget the folder it came from; the newest of
/// what the replaced file remembered, what the restored one remembers, and the restored copy
/// itself (when it is an off-laptop copy: its folder, its time) wins. Best effort.
pub(crate) fn carry_over(db_path: &Path, before: Option<Remembered>, restored_from: &Path) {
    let mut known: Vec<Remembered> = before.into_iter().collect();
    let name = restored_from
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("");
    if name.starts_with(FILE_PREFIX) {
        let folder = restored_from.parent().and_then(|p| p.canonicalize().ok());
        let time = fs::metadata(restored_from).and_then(|m| m.modified()).ok();
        if let (Some(folder), Some(time)) =
            (folder.and_then(|f| f.to_str().map(String::from)), time)
        {
            known.push(Remembered {
                folder,
                last: chrono::DateTime::<chrono::Local>::from(time)
                    .to_rfc3339_opts(chrono::SecondsFormat::Secs, false),
            });
        }
    }
    let now = remembered(db_path);
    let Some(best) = known
        .into_iter()
        .chain(now.clone())
        .max_by(|a, b| a.last.cmp(&b.last))
    else {
        return;
    };
    if now.as_ref() == Some(&best) {
        return;
    }
    // Through `Store::open`: a restored older file gets its migrations (and so the table).
    if let Ok(mut store) = Store::open(db_path) {
        let _ = store.set_setting(DIR_KEY, &best.folder);
        if !best.last.is_empty() {
            let _ = store.set_setting(LAST_KEY, &best.last);
        }
    }
}

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
    /// A value of `settings` (this installation's own: not a document, so no history).
    pub(crate) fn setting(&self, key: &str) -> Result<Option<String>> {
        self.conn
            .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()
            .db(&self.path)
    }

    pub(crate) fn set_setting(&mut self, key: &str, value: &str) -> Result<()> {
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
        // Best effort: the database's own setting is what counts while it can be read.
        let note = super::paths::backups_dir(&self.path).join(NOTE_FILE);
        let _ = fs::create_dir_all(note.parent().unwrap_or(Path::new(".")));
        let _ = fs::write(&note, format!("{folder_text}\n"));
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
