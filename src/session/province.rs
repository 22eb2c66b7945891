//! The province's side: importing the communes' dossiers, the consolidated table, the
//! trends across years, and the consolidated workbook and report.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::Session;
use crate::error::{Error, Result};
use crate::fsutil::write_atomic;
use crate::province::{self, Consolidated, ImportReport, Issuer, Progress, Trend};

/// Where the issuing body typed last time is remembered (settings, not history).
const ISSUER_KEY: &str = "province.issuer";

impl Session {
    /// Imports the dossiers in `inputs` (folders and ZIPs, every part of a split one) for the
    /// consolidation of `year`: each is verified and its summary stored; importing the same
    /// dossier again changes nothing.
    pub fn province_import(
        &mut self,
        inputs: &[PathBuf],
        year: i32,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<ImportReport> {
        let mut report = province::import(inputs, year, progress)?;
        let store = &self.store;
        let mut failed = None;
        province::settle_stored(&mut report.dossiers, |key, y| {
            store.province_stored(y, key).unwrap_or_else(|e| {
                failed.get_or_insert(e);
                None
            })
        });
        if let Some(e) = failed {
            return Err(e);
        }
        self.store.province_save(&report.dossiers, year)?;
        Ok(report)
    }

    /// The consolidated table of `year`: every commune's stored summary, and the dossiers
    /// that could not be counted.
    pub fn province_table(&self, year: i32) -> Result<Consolidated> {
        crate::model::date::check_year(year)?;
        Ok(province::consolidate(
            year,
            self.store.province_results(Some(year))?,
            self.store.province_problems(year)?,
        ))
    }

    /// Each commune's totals and verdicts across the years imported; `commune` filters by
    /// name (without marks or case).
    pub fn province_trends(&self, commune: Option<&str>) -> Result<Vec<Trend>> {
        Ok(province::trends(
            self.store.province_results(None)?,
            commune,
        ))
    }

    /// The issuing body and signer remembered from the last report, if any.
    pub fn province_issuer(&self) -> Result<Option<Issuer>> {
        Ok(self
            .store
            .setting(ISSUER_KEY)?
            .and_then(|s| serde_json::from_str(&s).ok()))
    }

    /// Checks and remembers the issuing body and signer for the next report.
    pub fn province_set_issuer(&mut self, issuer: &Issuer) -> Result<()> {
        issuer.check()?;
        let json = serde_json::to_string(issuer)
            .map_err(|e| Error::Render(format!("không lưu được thông tin cơ quan ({e})")))?;
        self.store.set_setting(ISSUER_KEY, &json)
    }

    /// Writes the consolidated workbook of `year` to `out`.
    pub fn province_export_xlsx(&self, year: i32, out: &Path) -> Result<PathBuf> {
        let t = self.province_table(year)?;
        write_atomic(out, &crate::xlsx::province_table_xlsx(&t)?)?;
        Ok(out.to_path_buf())
    }

    /// Writes the consolidated report of `year` as a PDF to `out`, issued by the remembered
    /// issuing body; `date` is the issue date when known.
    pub fn province_export_pdf(
        &self,
        year: i32,
        date: Option<NaiveDate>,
        out: &Path,
    ) -> Result<PathBuf> {
        let issuer = self.province_issuer()?.unwrap_or_default();
        let t = self.province_table(year)?;
        let trends = self.province_trends(None)?;
        let today = chrono::Local::now().date_naive();
        let doc = province::report_document(&t, &trends, &issuer, date, today)?;
        write_atomic(out, &crate::render::pdf::write_pdf(&doc)?)?;
        Ok(out.to_path_buf())
    }

    /// "Xuất Excel" / "Xuất PDF" of the page: the workbook or the report of `year` into the
    /// export folder under a fixed ASCII name; returns its path.
    pub fn province_export_to_folder(&self, year: i32, pdf: bool) -> Result<PathBuf> {
        crate::model::date::check_year(year)?;
        let dir = self.export_dir()?;
        if pdf {
            let out = dir.join(format!("{year}_Bao-cao-tong-hop-xa-phu-hop-tre-em.pdf"));
            self.province_export_pdf(year, None, &out)
        } else {
            let out = dir.join(format!("{year}_Tong-hop-ket-qua-xa-phu-hop-tre-em.xlsx"));
            self.province_export_xlsx(year, &out)
        }
    }
}
