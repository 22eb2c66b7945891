//! The operations of the desktop app, one method per command of the Tauri shell, so the
//! shell stays a list of one-line forwards and everything it does is testable here.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::assess::edit::{apply_set, clear_points, is_clear_word, parse_points, SetRequest};
use crate::assess::view::{check_category, overview, Overview};
use crate::assess::{Assessment, OFFICER};
use crate::catalog::Category;
use crate::check::{check_plan, CheckContext, Finding};
use crate::deadlines::{self, DeadlineItem};
use crate::document::assessment::AssessmentKind;
use crate::document::plan_document;
use crate::error::{Error, Result};
use crate::export::{self, ExportFormat};
use crate::model::{Commune, Plan};
use crate::render::svg;
use crate::store::{HistoryEntry, PlanSummary, Store, StoredPlan};
use crate::xlsx::ImportReport;
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

/// A plan copied to a new year, with what the linter finds in it at once.
#[derive(Debug, Clone, Serialize)]
pub struct CopiedPlan {
    pub id: i64,
    pub findings: Vec<Finding>,
}

/// A plan imported from a file and saved: its id, what the importer could not find, and
/// what the linter finds in it at once.
#[derive(Debug, Clone, Serialize)]
pub struct ImportedPlan {
    pub id: i64,
    pub warnings: Vec<String>,
    pub findings: Vec<Finding>,
}

/// One change on the "Tự đánh giá" page, as typed: a sub-item's figures ("412/415", "có",
/// "0", "Hằng quý"; "" clears them), its evidence, or its hand points with their reason
/// ("" clears the hand points). Absent fields stay as they are.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct AssessmentEdit {
    pub code: String,
    pub value: Option<String>,
    pub evidence: Option<String>,
    /// Text, so "12,5" is read and refused the same way as at the command line.
    pub points: Option<String>,
    pub reason: Option<String>,
    pub unit: Option<String>,
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
        check_category(commune, &self.store.catalog()?)?;
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

    /// `plan_copy`, and the new plan checked (a year or basis left from the old one shows).
    pub fn plan_copy_checked(&mut self, id: i64, year: i32) -> Result<CopiedPlan> {
        let id = self.plan_copy(id, year)?;
        let findings = self.plan_check(id)?;
        Ok(CopiedPlan { id, findings })
    }

    /// Imports a .txt, .md or .docx plan, saves it as a new plan (template "imported", as
    /// `tre import --save`) and checks it. Nothing is saved when the file cannot be read.
    pub fn plan_import(&mut self, path: &Path) -> Result<ImportedPlan> {
        let crate::import::Imported { plan, warnings } = crate::import::import_file(path)?;
        let id = self
            .store
            .insert_plan(crate::cli::import::IMPORTED, &plan)?;
        let findings = self.plan_check_draft(&plan)?;
        Ok(ImportedPlan {
            id,
            warnings,
            findings,
        })
    }

    /// The linter's findings of a stored plan, with the commune profile as context.
    pub fn plan_check(&self, id: i64) -> Result<Vec<Finding>> {
        let plan = self.store.plan(id)?.plan;
        self.plan_check_draft(&plan)
    }

    /// The linter's findings of a plan being edited (not saved yet, possibly).
    pub fn plan_check_draft(&self, plan: &Plan) -> Result<Vec<Finding>> {
        let ctx = self
            .store
            .commune()?
            .map(|c| CheckContext::from_commune(&c))
            .unwrap_or_default();
        Ok(check_plan(plan, &ctx))
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

    /// Writes the document `kind` of the `year`'s self-assessment into the export folder
    /// under an ASCII name ("2026_MinhHoa_BC-tu-danh-gia.pdf") and returns its path.
    pub fn assessment_export(
        &self,
        kind: AssessmentKind,
        year: i32,
        format: ExportFormat,
    ) -> Result<PathBuf> {
        let commune = self.commune()?;
        let name = kind.file_name(&commune, year, format.extension());
        let out = default_export_dir()?.join(name);
        export::export_assessment_doc(&self.store, kind, year, format, &out)
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

    /// Writes unit `unit`'s fill-in workbook of `year` to `out`; returns the file written.
    pub fn assessment_sheet(&self, year: i32, unit: &str, out: &Path) -> Result<PathBuf> {
        crate::xlsx::export_unit_sheet(&self.store, year, unit, out)?;
        Ok(out.to_path_buf())
    }

    /// Reads a unit's filled workbook into `year`: saves what is new in one step, keeps values
    /// changed in Tre since the workbook was made (`conflicts`), and saves nothing when a cell
    /// is wrong (`errors`).
    pub fn assessment_import(&mut self, year: i32, path: &Path) -> Result<ImportReport> {
        crate::xlsx::import_unit_sheet(&mut self.store, year, path, false)
    }

    /// The "Tự đánh giá" page of `year`: criteria, points, verdict, units still owing figures.
    pub fn assessment_overview(&self, year: i32) -> Result<Overview> {
        overview(&self.store, year, chrono::Local::now().date_naive())
    }

    /// Applies one change and returns the new overview, so the page updates in one round trip.
    /// Everything is checked before anything is written: a refused value saves nothing.
    pub fn assessment_set(&mut self, year: i32, edit: &AssessmentEdit) -> Result<Overview> {
        crate::model::date::check_year(year)?;
        self.commune()?;
        let cat = self.store.catalog()?;
        let mut a = self
            .store
            .assessment(year)?
            .unwrap_or_else(|| Assessment::new(year));
        let now = crate::store::now();
        let points = edit.points.as_deref().map(str::trim);
        let clear = points.is_some_and(|p| p.is_empty() || is_clear_word(p));
        let mut said = Vec::new();
        if clear {
            said.push(clear_points(&mut a, &cat, &edit.code, OFFICER, &now)?);
        }
        let req = SetRequest {
            code: edit.code.clone(),
            value: edit.value.clone(),
            evidence: edit.evidence.clone(),
            points: points.filter(|_| !clear).map(parse_points).transpose()?,
            reason: edit.reason.clone(),
            unit: edit.unit.clone(),
            by: OFFICER.into(),
        };
        let more = req.value.is_some()
            || req.evidence.is_some()
            || req.points.is_some()
            || req.unit.is_some();
        if more || !clear {
            said.push(apply_set(&mut a, &cat, &req, &now)?);
        }
        self.store.save_assessment(&a, &said.join("; "))?;
        self.assessment_overview(year)
    }

    /// The threshold categories of the recognition rule, for the commune's settings.
    pub fn assessment_categories(&self) -> Result<Vec<Category>> {
        Ok(self.store.catalog()?.rule.categories)
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
mod tests;
