//! The operations of the desktop app, one method per command of the Tauri shell, so the
//! shell stays a list of one-line forwards and everything it does is testable here.

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::deadlines::{self, DeadlineItem};
use crate::document::plan_document;
use crate::error::{Error, Result};
use crate::export::{self, ExportFormat};
use crate::model::{Commune, Plan};
use crate::render::svg;
use crate::store::{HistoryEntry, PlanSummary, Store, StoredPlan};
use crate::{demo, dossier, rollover, template};

/// A template as the app lists it.
#[derive(Debug, Clone, Serialize)]
pub struct TemplateInfo {
    pub id: String,
    pub name: String,
    pub description: String,
}

/// One page of the live preview.
#[derive(Debug, Clone, Serialize)]
pub struct PagePreview {
    pub width_mm: f32,
    pub height_mm: f32,
    pub svg: String,
}

pub struct Session {
    store: Store,
}

impl Session {
    pub fn open(path: &Path) -> Result<Self> {
        Ok(Session {
            store: Store::open(path)?,
        })
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    pub fn commune_get(&self) -> Result<Option<Commune>> {
        self.store.commune()
    }

    pub fn commune_set(&mut self, commune: &Commune) -> Result<()> {
        commune.validate()?;
        self.store.set_commune(commune)
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

    pub fn plans_list(&self, year: Option<i32>) -> Result<Vec<PlanSummary>> {
        self.store.plans(year)
    }

    pub fn plan_get(&self, id: i64) -> Result<StoredPlan> {
        self.store.plan(id)
    }

    pub fn plan_new(&mut self, year: i32, template_id: &str) -> Result<i64> {
        let commune = self.commune()?;
        let plan = template::get(template_id)?.instantiate(&commune, year)?;
        self.store.insert_plan(template_id, &plan)
    }

    pub fn plan_update(&mut self, id: i64, plan: &Plan) -> Result<()> {
        self.store.update_plan(id, plan)
    }

    pub fn plan_copy(&mut self, id: i64, year: i32) -> Result<i64> {
        let stored = self.store.plan(id)?;
        let plan = rollover::roll_over(&stored.plan, year)?;
        self.store.insert_plan(&stored.template, &plan)
    }

    pub fn plan_delete(&mut self, id: i64) -> Result<()> {
        self.store.delete_plan(id)
    }

    /// The pages as they will print, for a plan being edited (not yet saved, possibly).
    pub fn plan_preview(&self, plan: &Plan) -> Result<Vec<PagePreview>> {
        let commune = self.commune()?;
        let doc = plan_document(plan, &commune);
        Ok(svg::svg_pages(&doc)
            .into_iter()
            .map(|svg| PagePreview {
                width_mm: crate::document::style::PAGE_WIDTH_MM,
                height_mm: crate::document::style::PAGE_HEIGHT_MM,
                svg,
            })
            .collect())
    }

    /// Writes plan `id` to `path`; returns the file written (the first page for SVG).
    pub fn export_plan(&self, id: i64, format: ExportFormat, path: &Path) -> Result<PathBuf> {
        let written = export::export_plan(&self.store, id, format, path)?;
        Ok(written
            .into_iter()
            .next()
            .unwrap_or_else(|| path.to_path_buf()))
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

    pub fn deadlines(&self, year: i32) -> Result<Vec<DeadlineItem>> {
        deadlines::for_year(&self.store, year, chrono::Local::now().date_naive())
    }

    /// Builds the dossier of `year` into `out_dir` (ZIP with its default ASCII name and the
    /// e-mail draft beside it), reporting progress as each file is rendered.
    pub fn dossier_build(
        &self,
        year: i32,
        out_dir: &Path,
        progress: &mut dyn FnMut(dossier::Progress),
    ) -> Result<dossier::DossierResult> {
        let commune = self.commune()?;
        let out = out_dir.join(dossier::names::dossier_name(year, &commune));
        dossier::build_to(&self.store, year, &out, progress)
    }

    /// Checks a dossier ZIP; `Err` only when the file is not a readable ZIP.
    pub fn dossier_verify(&self, path: &Path) -> Result<dossier::VerifyReport> {
        dossier::verify(path)
    }

    /// Writes the year's deadlines as an .ics calendar; returns how many events it holds.
    pub fn deadlines_ics(&self, year: i32, out: &Path) -> Result<usize> {
        deadlines::ics::write_ics(&self.store, year, chrono::Local::now().date_naive(), out)
    }

    fn commune(&self) -> Result<Commune> {
        self.store.commune()?.ok_or(Error::NoCommune)
    }
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
mod tests {
    use super::*;

    #[test]
    fn the_app_flow_from_empty_to_preview() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Session::open(&dir.path().join("t.db")).unwrap();
        assert!(s.commune_get().unwrap().is_none());
        assert_eq!(s.plan_new(2027, "qd06").unwrap_err().code(), "no-commune");
        let mut c = Commune::new("Tân Lập", "Tuyên Quang");
        c.name = String::new();
        assert_eq!(s.commune_set(&c).unwrap_err().code(), "invalid");
        s.commune_set(&Commune::new("Tân Lập", "Tuyên Quang"))
            .unwrap();
        assert_eq!(s.templates_list().len(), 4);
        let id = s.plan_new(2027, "qd06").unwrap();
        let mut plan = s.plan_get(id).unwrap().plan;
        plan.sections[0].title = "Lồng ghép các hoạt động".into();
        s.plan_update(id, &plan).unwrap();
        let pages = s.plan_preview(&plan).unwrap();
        assert!(pages.len() >= 2);
        assert!(pages[0].svg.contains("LỒNG GHÉP CÁC HOẠT ĐỘNG"));
        s.undo().unwrap();
        assert_eq!(
            s.plan_get(id).unwrap().plan.sections[0].title,
            "MỤC ĐÍCH, YÊU CẦU"
        );
        let copy = s.plan_copy(id, 2028).unwrap();
        assert_eq!(s.plans_list(Some(2028)).unwrap()[0].id, copy);
        let next_year = s.deadlines(2028).unwrap();
        assert_eq!(next_year.iter().filter(|d| d.source == "plan").count(), 2);
        // A year being planned also lists the self-assessment's four steps.
        assert_eq!(next_year.iter().filter(|d| d.step.is_some()).count(), 4);
        s.plan_delete(copy).unwrap();
        assert!(s.plans_list(Some(2028)).unwrap().is_empty());
    }

    #[test]
    fn the_app_builds_and_verifies_a_dossier_and_writes_the_calendar() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Session::open(&dir.path().join("t.db")).unwrap();
        s.demo_load(2026).unwrap();
        let out = dir.path().join("xuat");
        let mut seen = Vec::new();
        let r = s
            .dossier_build(2026, &out, &mut |p| seen.push((p.done, p.total)))
            .unwrap();
        assert_eq!(r.zip, out.join("2026_MinhHoa_Ho-so-xa-phu-hop-tre-em.zip"));
        assert_eq!(r.eml, out.join("2026_MinhHoa_Ho-so-xa-phu-hop-tre-em.eml"));
        assert_eq!(r.files.len(), 8, "4 plans as PDF and DOCX");
        assert!(
            r.warnings[0].contains("--superior-email"),
            "{:?}",
            r.warnings
        );
        let (done, total) = *seen.last().unwrap();
        assert_eq!(done, total);
        let report = s.dossier_verify(&r.zip).unwrap();
        assert!(report.intact(), "{report:?}");
        assert_eq!(report.files, 8);
        let ics = dir.path().join("han.ics");
        let n = s.deadlines_ics(2026, &ics).unwrap();
        let text = std::fs::read_to_string(&ics).unwrap();
        assert_eq!(text.matches("BEGIN:VEVENT").count(), n);
        assert_eq!(n, s.deadlines(2026).unwrap().len());
    }

    #[test]
    fn the_export_folder_can_be_set_by_env_and_is_created_on_export() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("chia se").join("Tre");
        assert_eq!(
            export_dir_with(Some(target.clone().into())).unwrap(),
            target
        );
        // Empty means "not set"; a relative path is made absolute.
        assert!(export_dir_with(Some("  ".into())).unwrap().ends_with("Tre"));
        assert!(export_dir_with(Some("ra".into())).unwrap().is_absolute());

        let mut s = Session::open(&dir.path().join("t.db")).unwrap();
        s.commune_set(&Commune::new("Tân Lập", "Tuyên Quang"))
            .unwrap();
        let id = s.plan_new(2027, "qd06").unwrap();
        let out = target.join("2027_TanLap_KH.pdf");
        assert!(!target.exists());
        assert_eq!(s.export_plan(id, ExportFormat::Pdf, &out).unwrap(), out);
        assert!(std::fs::read(&out).unwrap().starts_with(b"%PDF"));
    }
}
