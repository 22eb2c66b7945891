//! The dossier sent upward: building it, and checking one received.

use std::path::Path;

use super::Session;
use crate::dossier::{self, names::dossier_name, DossierResult, Progress, VerifyReport};
use crate::error::Result;

impl Session {
    /// Builds the dossier of `year` into `out_dir` under its default ASCII name, with the
    /// e-mail draft beside it, reporting progress as each file is rendered.
    pub fn dossier_build(
        &self,
        year: i32,
        out_dir: &Path,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<DossierResult> {
        let out = out_dir.join(dossier_name(year, &self.commune()?));
        self.dossier_build_to(year, &out, progress)
    }

    /// Builds the dossier of `year` as the ZIP `out` (the e-mail draft beside it, `.eml`).
    pub fn dossier_build_to(
        &self,
        year: i32,
        out: &Path,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<DossierResult> {
        dossier::build_to(&self.store, year, out, progress)
    }

    /// Checks a dossier ZIP; `Err` only when the file is not a readable ZIP. The receiving
    /// office checks what it was sent without a database of its own, hence no `self`.
    pub fn dossier_verify(path: &Path) -> Result<VerifyReport> {
        dossier::verify(path)
    }
}
