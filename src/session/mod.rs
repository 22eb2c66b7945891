//! The application layer: one method per thing the officer can do, used by both front doors
//! (the `tre` command and the desktop shell's commands), so the two cannot drift apart and
//! everything either does is testable here. The front doors only parse, call and print.
//!
//! The methods are grouped by subject: `plans` (plans, their checks, import and export),
//! `assessment` (the self-assessment, its documents and the catalogue), `register` (the
//! documents' numbers, signing and sending), `dossier` (what is sent upward), `backups`
//! (copies off the laptop, restore); this file holds opening the file, the commune profile
//! and history.

mod assessment;
mod backups;
mod dossier;
mod outbox;
mod plans;
mod province;
mod register;
mod reminders;
mod trust;

use std::path::{Path, PathBuf};

use crate::deadlines::{self, DeadlineItem};
use crate::error::{Error, Result};
use crate::model::{Commune, CommuneEdit};
use crate::store::{HistoryEntry, Store};
use crate::{demo, template};

pub use assessment::AssessmentEdit;
pub use outbox::{
    attempt as outbox_attempt, unix_now, Claimed, Prepared as OutboxPrepared,
    DEFAULT_TIMEOUT as OUTBOX_TIMEOUT,
};
pub use plans::{CopiedPlan, ImportedPlan, PagePreview, TemplateInfo};
pub use register::Attached;

pub struct Session {
    store: Store,
    /// Where "Xuất PDF" and the assessment's documents go when set by `set_export_dir`;
    /// otherwise `default_export_dir()`.
    export_dir: Option<PathBuf>,
}

impl Session {
    /// Opens (or creates) the database at `path`; see `warnings` for what the officer should
    /// hear about it (a daily backup that could not be made).
    pub fn open(path: &Path) -> Result<Self> {
        Ok(Session {
            store: Store::open(path)?,
            export_dir: None,
        })
    }

    /// A read-only snapshot of a database another session has open (see
    /// `Store::open_snapshot`): the desktop app builds a dossier from one, so that autosave
    /// goes on during the build.
    pub fn open_snapshot(path: &Path) -> Result<Self> {
        Ok(Session {
            store: Store::open_snapshot(path)?,
            export_dir: None,
        })
    }

    /// The database file this session works on.
    pub fn db_path(&self) -> &Path {
        self.store.path()
    }

    /// Sends the exports of this session to `dir` instead of the default export folder (the
    /// dev server and tests, which must not write into the officer's documents).
    pub fn set_export_dir(&mut self, dir: PathBuf) {
        self.export_dir = Some(dir);
    }

    /// The folder exports go to: the one set for this session, else `default_export_dir()`.
    pub fn export_dir(&self) -> Result<PathBuf> {
        match &self.export_dir {
            Some(dir) => Ok(dir.clone()),
            None => default_export_dir(),
        }
    }

    /// What opening the file found worth telling, in Vietnamese.
    pub fn warnings(&self) -> &[String] {
        self.store.warnings()
    }

    pub fn commune_get(&self) -> Result<Option<Commune>> {
        self.store.commune()
    }

    /// Saves a whole profile (the app's "Thông tin xã" form).
    pub fn commune_set(&mut self, commune: &Commune) -> Result<()> {
        let commune = commune.clone().normalised();
        commune.validate()?;
        crate::assess::view::check_category(&commune, &self.store.catalog()?)?;
        self.store.set_commune(&commune)
    }

    /// Changes only the fields `edit` names (`tre commune set --chair …`); returns the profile.
    pub fn commune_edit(&mut self, edit: &CommuneEdit) -> Result<Commune> {
        let commune = edit.apply(self.store.commune()?)?;
        self.commune_set(&commune)?;
        Ok(commune)
    }

    pub fn demo_load(&mut self, year: i32) -> Result<Vec<i64>> {
        demo::load_demo(&mut self.store, year)
    }

    pub fn templates_list(&self) -> Vec<TemplateInfo> {
        template::all()
            .into_iter()
            .map(|t| TemplateInfo {
                id: t.id,
                name: t.name,
                description: t.description,
            })
            .collect()
    }

    pub fn undo(&mut self) -> Result<HistoryEntry> {
        self.store.undo()
    }

    pub fn redo(&mut self) -> Result<HistoryEntry> {
        self.store.redo()
    }

    pub fn history(&self, limit: usize) -> Result<Vec<HistoryEntry>> {
        self.store.history(limit)
    }

    /// The year's deadlines from the plans and the assessment's steps, as of today.
    pub fn deadlines(&self, year: i32) -> Result<Vec<DeadlineItem>> {
        deadlines::for_year(&self.store, year, today())
    }

    /// Writes the year's deadlines as an .ics calendar; returns how many events it holds.
    pub fn deadlines_ics(&self, year: i32, out: &Path) -> Result<usize> {
        deadlines::ics::write_ics(&self.store, year, today(), out)
    }

    fn commune(&self) -> Result<Commune> {
        self.store.commune()?.ok_or(Error::NoCommune)
    }
}

/// Today on the officer's clock: deadlines and "units late" are counted from it.
pub fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

/// The current year, the default of every command that takes a year.
pub fn current_year() -> i32 {
    chrono::Datelike::year(&today())
}

/// Environment variable naming the export folder (a shared office folder, or a test's temp dir).
pub const EXPORT_DIR_ENV_VAR: &str = "TRE_EXPORT_DIR";

/// Where "Xuất PDF" and "Xuất Word" write: `$TRE_EXPORT_DIR` when set and non-empty, else
/// Documents/Tre (or Tre in the home folder when the system has no Documents folder).
/// The folder is created by the export itself (`fsutil::write_atomic`), not here.
pub fn default_export_dir() -> Result<PathBuf> {
    export_dir_with(std::env::var_os(EXPORT_DIR_ENV_VAR))
}

/// The override order without touching the process environment, so it can be tested.
fn export_dir_with(env: Option<std::ffi::OsString>) -> Result<PathBuf> {
    if let Some(env) = env.filter(|v| !v.to_string_lossy().trim().is_empty()) {
        let dir = PathBuf::from(env);
        // The UI shows this path and joins a file name to it: make it absolute.
        return Ok(if dir.is_absolute() {
            dir
        } else {
            std::env::current_dir()
                .map_err(|e| Error::io(&dir, e))?
                .join(dir)
        });
    }
    let dirs = directories::UserDirs::new().ok_or(Error::NoDataDir)?;
    let base = dirs.document_dir().unwrap_or(dirs.home_dir()).to_path_buf();
    Ok(base.join("Tre"))
}

#[cfg(test)]
mod tests;
