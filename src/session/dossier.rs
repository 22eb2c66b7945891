//! The dossier sent upward: building it, and checking one received.

use std::path::{Path, PathBuf};

use super::Session;
use crate::dossier::{self, names::dossier_name, DossierResult, Options, Progress, VerifyReport};
use crate::error::Result;

impl Session {
    /// Builds the dossier of `year` into `out_dir` under its default ASCII name, with each
    /// part's e-mail draft beside it, reporting progress as each file is rendered.
    pub fn dossier_build(
        &self,
        year: i32,
        out_dir: &Path,
        options: Options,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<DossierResult> {
        let out = out_dir.join(dossier_name(year, &self.commune()?));
        self.dossier_build_to(year, &out, options, progress)
    }

    /// Builds the dossier of `year` as the ZIP `out` (or its numbered parts), each e-mail
    /// draft beside its ZIP (`.eml`).
    pub fn dossier_build_to(
        &self,
        year: i32,
        out: &Path,
        options: Options,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<DossierResult> {
        dossier::build_to(&self.store, year, out, options, progress)
    }

    /// Checks a dossier given as its ZIPs (every part of a split one); `Err` only when a file
    /// is not a readable ZIP. The receiving office checks what it was sent without a
    /// database of its own, hence no `self`.
    pub fn dossier_verify(paths: &[PathBuf]) -> Result<VerifyReport> {
        dossier::verify(paths)
    }
}
