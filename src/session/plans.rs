//! Plans: create from a template, edit, copy to another year, check, import from a file,
//! preview and export.

use std::path::{Path, PathBuf};

use serde::Serialize;

use super::Session;
use crate::check::{check_imported, check_plan, CheckContext, Finding};
use crate::document::plan_document;
use crate::error::Result;
use crate::export::{self, ExportFormat};
use crate::import::{self, Imported, IMPORTED_TEMPLATE};
use crate::model::{Plan, PlanEdit};
use crate::render::{svg, txt};
use crate::store::{PlanSummary, StoredPlan};
use crate::{rollover, template};

/// A template as the app lists it.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[cfg_attr(test, ts(rename = "Template"))]
pub struct TemplateInfo {
    pub id: String,
    pub name: String,
    pub description: String,
}

/// One page of the live preview.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct PagePreview {
    pub width_mm: f32,
    pub height_mm: f32,
    pub svg: String,
}

/// A plan copied to a new year, with what the linter finds in it at once.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct CopiedPlan {
    pub id: i64,
    pub findings: Vec<Finding>,
}

/// A plan imported from a file and saved: its id, what the importer could not find, and
/// what the linter finds in it at once.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ImportedPlan {
    pub id: i64,
    pub warnings: Vec<String>,
    pub findings: Vec<Finding>,
}

impl Session {
    pub fn plans_list(&self, year: Option<i32>) -> Result<Vec<PlanSummary>> {
        self.store.plans(year)
    }

    pub fn plan_get(&self, id: i64) -> Result<StoredPlan> {
        self.store.plan(id)
    }

    /// The plan as plain text, laid out as the document reads (`tre plan show`).
    pub fn plan_text(&self, id: i64) -> Result<String> {
        let plan = self.store.plan(id)?.plan;
        Ok(txt::to_text(&plan_document(&plan, &self.commune()?)))
    }

    pub fn plan_new(&mut self, year: i32, template_id: &str) -> Result<i64> {
        let commune = self.commune()?;
        let plan = template::get(template_id)?.instantiate(&commune, year)?;
        self.store.insert_plan(template_id, &plan)
    }

    /// Saves the whole plan as edited (the app's autosave, `plan set --from-json`).
    pub fn plan_update(&mut self, id: i64, plan: &Plan) -> Result<()> {
        self.store.update_plan(id, &plan.normalised())
    }

    /// Changes the fields `edit` names (number, date, subject, signer) of plan `id`.
    pub fn plan_edit(&mut self, id: i64, edit: &PlanEdit) -> Result<()> {
        let plan = edit.apply(&self.store.plan(id)?.plan)?;
        self.store.update_plan(id, &plan)
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

    pub fn plan_delete(&mut self, id: i64) -> Result<()> {
        self.store.delete_plan(id)
    }

    /// Reads a .txt, .md or .docx plan without saving anything (`tre import FILE`). Needs no
    /// database, so it takes no session.
    pub fn plan_read_file(path: &Path) -> Result<Imported> {
        import::import_file(path)
    }

    /// Imports a .txt, .md or .docx plan, saves it as a new plan (template "imported") and
    /// checks it as `check_file` would. Nothing is saved when the file cannot be read.
    pub fn plan_import(&mut self, path: &Path) -> Result<ImportedPlan> {
        self.plan_save_imported(&import::import_file(path)?)
    }

    /// Saves a plan read by `plan_read_file` and checks it.
    pub fn plan_save_imported(&mut self, imported: &Imported) -> Result<ImportedPlan> {
        let id = self.store.insert_plan(IMPORTED_TEMPLATE, &imported.plan)?;
        Ok(ImportedPlan {
            id,
            warnings: imported.warnings.clone(),
            findings: check_imported(imported, &self.check_context()?),
        })
    }

    /// The linter's findings of a stored plan, with the commune profile as context.
    pub fn plan_check(&self, id: i64) -> Result<Vec<Finding>> {
        let plan = self.store.plan(id)?.plan;
        self.plan_check_draft(&plan)
    }

    /// The linter's findings of a plan being edited (not saved yet, possibly).
    pub fn plan_check_draft(&self, plan: &Plan) -> Result<Vec<Finding>> {
        Ok(check_plan(plan, &self.check_context()?))
    }

    /// The linter's findings of a plan file: JSON (as Tre writes a plan), or a .txt, .md or
    /// .docx read by the importer and checked exactly as importing it would check it.
    pub fn check_file(&self, path: &Path) -> Result<Vec<Finding>> {
        let ctx = self.check_context()?;
        let is_json = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("json"));
        if is_json {
            // Bounded like every file the importer reads: a hostile path cannot fill memory.
            let bytes = import::source::read(path)?;
            let text = String::from_utf8_lossy(&bytes);
            let plan = Plan::from_json(&text, &path.display().to_string())?;
            return Ok(check_plan(&plan, &ctx));
        }
        Ok(check_imported(&import::import_file(path)?, &ctx))
    }

    /// The commune profile as the linter's context (none yet: an empty one, and a plan's own
    /// place name then stands for the commune).
    fn check_context(&self) -> Result<CheckContext> {
        Ok(self
            .store
            .commune()?
            .map(|c| CheckContext::from_commune(&c))
            .unwrap_or_default())
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

    /// The ASCII file name plan `id` is exported under, the same as in the dossier:
    /// "2026_MinhHoa_KH-xa-phu-hop-tre-em.pdf"; plans of the year with the same subject each
    /// add their number ("-so-15") or, unnumbered, their id ("-du-thao-7"), so exporting one
    /// never writes over another's file.
    pub fn plan_file_name(&self, id: i64, format: ExportFormat) -> Result<String> {
        crate::dossier::plan_file_name(&self.store, &self.commune()?, id, format.extension())
    }

    /// "Xuất PDF" / "Xuất Word": writes plan `id` into the export folder under its file name
    /// and returns the path written.
    pub fn plan_export_to_folder(&self, id: i64, format: ExportFormat) -> Result<PathBuf> {
        let out = self.export_dir()?.join(self.plan_file_name(id, format)?);
        self.export_plan_to(id, format, &out)
    }

    /// Writes plan `id` to `path` and returns the file written: `path` itself, or for SVG,
    /// which writes a file per page, the first page's (the app exports PDF and DOCX).
    pub fn export_plan_to(&self, id: i64, format: ExportFormat, path: &Path) -> Result<PathBuf> {
        let written = self.export_plan(id, format, path)?;
        Ok(written
            .into_iter()
            .next()
            .unwrap_or_else(|| path.to_path_buf()))
    }

    /// Writes plan `id` to `path`; returns the files written (one per page for SVG).
    pub fn export_plan(&self, id: i64, format: ExportFormat, path: &Path) -> Result<Vec<PathBuf>> {
        export::export_plan(&self.store, id, format, path)
    }
}
