//! The self-assessment: figures and points typed or read from the units' workbooks, the
//! documents' numbers, dates and meeting, the criteria catalogue, and the documents exported.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::{current_year, today, Session};
use crate::assess::edit::{apply_set, clear_points, is_clear_word, parse_points, SetRequest};
use crate::assess::records::{apply_doc, apply_meeting, DocEdit, MeetingEdit};
use crate::assess::seed::{seed, ScoreImport};
use crate::assess::trend::{trends, Trends};
use crate::assess::view::{category_of, overview, Overview};
use crate::assess::{Assessment, OFFICER};
use crate::catalog::{catalog_from_file, Catalog, Category};
use crate::document::assessment::AssessmentKind;
use crate::error::{Error, Result};
use crate::export::{self, ExportFormat};
use crate::store::CatalogRecord;
use crate::text::{fold, strip_marks};
use crate::xlsx::{read_score_table_file, ImportReport, UnitSheetInfo};

/// One change on the "Tự đánh giá" page, as typed: a sub-item's figures ("412/415", "có",
/// "0", "Hằng quý"; "" clears them), its evidence, or its hand points with their reason
/// ("" or "xóa" clears the hand points). Absent fields stay as they are.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
#[cfg_attr(test, derive(ts_rs::TS))]
// Absent fields stay as they are, so the UI sends only what changed.
#[cfg_attr(test, ts(optional_fields))]
pub struct AssessmentEdit {
    pub code: String,
    pub value: Option<String>,
    pub evidence: Option<String>,
    /// Text, so "12,5" is read and refused the same way wherever it is typed.
    pub points: Option<String>,
    pub reason: Option<String>,
    pub unit: Option<String>,
}

impl Session {
    /// The "Tự đánh giá" page of `year`: criteria, points, verdict, units still owing figures.
    pub fn assessment_overview(&self, year: i32) -> Result<Overview> {
        overview(&self.store, year, today())
    }

    /// Every stored year scored with the catalogue in use: the series per criterion and
    /// sub-item the page's chart draws and `assess trends` prints.
    pub fn assessment_trends(&self) -> Result<Trends> {
        let cat = self.store.catalog()?;
        let category = match self.store.commune()? {
            Some(c) => category_of(&c, &cat),
            None => cat.rule.default_category.clone(),
        };
        Ok(trends(&cat, &category, &self.store.assessments()?))
    }

    /// Applies one change and returns the new overview, so the page updates in one round trip.
    pub fn assessment_set(&mut self, year: i32, edit: &AssessmentEdit) -> Result<Overview> {
        self.assessment_apply(year, edit)?;
        self.assessment_overview(year)
    }

    /// Applies one change; returns what the history records of it ("7.1: 412/415").
    /// Everything is checked before anything is written: a refused value saves nothing.
    pub fn assessment_apply(&mut self, year: i32, edit: &AssessmentEdit) -> Result<String> {
        let (mut a, cat) = self.assessment_for_edit(year)?;
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
        let summary = said.join("; ");
        self.store.save_assessment(&a, &summary)?;
        Ok(summary)
    }

    /// Sets the number, date (and for the notice, days posted) of one of the year's
    /// documents; returns the history summary.
    pub fn assessment_doc_set(
        &mut self,
        year: i32,
        kind: AssessmentKind,
        edit: &DocEdit,
    ) -> Result<String> {
        let (mut a, _) = self.assessment_for_edit(year)?;
        let summary = apply_doc(&mut a, kind, edit)?;
        self.store.save_assessment(&a, &summary)?;
        Ok(summary)
    }

    /// Records the facts of the assessment meeting the minutes print.
    pub fn assessment_meeting_set(&mut self, year: i32, edit: &MeetingEdit) -> Result<String> {
        let (mut a, _) = self.assessment_for_edit(year)?;
        let summary = apply_meeting(&mut a, edit)?;
        self.store.save_assessment(&a, &summary)?;
        Ok(summary)
    }

    /// The year's assessment (a new one if none yet) and the catalogue, once the year and the
    /// commune profile are known to be there.
    fn assessment_for_edit(&self, year: i32) -> Result<(Assessment, Catalog)> {
        crate::model::date::check_year(year)?;
        self.commune()?;
        let a = self
            .store
            .assessment(year)?
            .unwrap_or_else(|| Assessment::new(year));
        Ok((a, self.store.catalog()?))
    }

    /// The threshold categories of the recognition rule, for the commune's settings.
    pub fn assessment_categories(&self) -> Result<Vec<Category>> {
        Ok(self.store.catalog()?.rule.categories)
    }

    /// The catalogue in use and every one imported before.
    pub fn catalog(&self) -> Result<(Catalog, Vec<CatalogRecord>)> {
        Ok((self.store.catalog()?, self.store.catalogs()?))
    }

    /// Replaces the catalogue with a province's corrected file (JSON or XLSX) once it is
    /// valid; the old one is kept. Returns the new and the old catalogue.
    pub fn catalog_import(&mut self, path: &Path) -> Result<(Catalog, Catalog)> {
        let cat = catalog_from_file(path)?;
        let old = self.store.catalog()?;
        self.store
            .import_catalog(&cat, &path.display().to_string())?;
        Ok((cat, old))
    }

    /// Writes unit `unit`'s fill-in workbook of `year` to `out`.
    pub fn assessment_sheet(&self, year: i32, unit: &str, out: &Path) -> Result<UnitSheetInfo> {
        crate::xlsx::export_unit_sheet(&self.store, year, unit, out)
    }

    /// Reads a unit's filled workbook into `year`: saves what is new in one step, keeps values
    /// changed in Tre since the workbook was made (`conflicts`) unless `force`, and saves
    /// nothing when a cell is wrong (`errors`).
    pub fn assessment_import(
        &mut self,
        year: i32,
        path: &Path,
        force: bool,
    ) -> Result<ImportReport> {
        crate::xlsx::import_unit_sheet(&mut self.store, year, path, force)
    }

    /// Seeds a year from its score table (Tre's own "Bảng điểm" XLSX, or a province's with
    /// the same columns): the year is the table's unless `year` says otherwise; a year in the
    /// future is refused, and so is a year that already has figures unless `replace`. One
    /// save, so one undo takes it back.
    pub fn assessment_import_scores(
        &mut self,
        path: &Path,
        year: Option<i32>,
        replace: bool,
    ) -> Result<ScoreImport> {
        let commune = self.commune()?;
        let name = crate::import::source::display_name(path);
        let sheet = read_score_table_file(path, &format!("Tệp {name}"))?;
        let year = year.or(sheet.year).ok_or_else(|| {
            Error::Invalid(format!(
                "Không biết bảng điểm {name} là của năm nào: tiêu đề của bảng không ghi năm. Hãy chọn năm của bảng điểm rồi nhập lại."
            ))
        })?;
        crate::model::date::check_year(year)?;
        if year > current_year() {
            return Err(Error::Invalid(format!(
                "Năm {year} chưa đến: bảng điểm chỉ nhập được cho năm nay hoặc các năm trước. Hãy kiểm tra lại năm của bảng."
            )));
        }
        let ours = commune.full_name();
        if let Some(theirs) = sheet.commune.as_deref() {
            let key = |s: &str| strip_marks(&fold(s));
            if !key(theirs).contains(&key(&ours)) && !key(&ours).contains(&key(theirs)) {
                return Err(Error::Invalid(format!(
                    "Bảng điểm {name} là của {theirs}, không phải của {ours}. Hãy chọn bảng điểm của {ours}."
                )));
            }
        }
        let existing = self.store.assessment(year)?;
        if let Some(a) = &existing {
            let n = a.entries.len() + a.criterion_points.len();
            if n > 0 && !replace {
                return Err(Error::Invalid(format!(
                    "Năm {year} đã có số liệu tự đánh giá ({n} mục đã nhập), nên bảng điểm chưa được nhập. Nếu muốn thay toàn bộ số liệu năm {year} bằng bảng này, hãy nhập lại và chọn thay thế số liệu cũ (Hoàn tác lấy lại được số liệu cũ)."
                )));
            }
        }
        let cat = self.store.catalog()?;
        let base = existing.unwrap_or_else(|| Assessment::new(year));
        let by = format!("Bảng điểm năm {year} (tệp {name})");
        let (a, report) = seed(&sheet, &cat, base, &name, &by, &crate::store::now())?;
        self.store.save_assessment(
            &a,
            &format!("nhập bảng điểm từ tệp {name} ({} chỉ số)", a.entries.len()),
        )?;
        Ok(report)
    }

    /// The ASCII file name document `kind` of `year` gets, the same as in the dossier
    /// ("2026_MinhHoa_BC-tu-danh-gia-xa-phu-hop-tre-em.pdf").
    pub fn assessment_file_name(
        &self,
        kind: AssessmentKind,
        year: i32,
        ext: &str,
    ) -> Result<String> {
        let commune = self.commune()?;
        Ok(crate::dossier::names::assessment_file_name(
            kind, year, &commune, ext,
        ))
    }

    /// Writes the document `kind` of the `year`'s self-assessment into the export folder
    /// under its ASCII name and returns its path.
    pub fn assessment_export(
        &self,
        kind: AssessmentKind,
        year: i32,
        format: ExportFormat,
    ) -> Result<PathBuf> {
        let name = self.assessment_file_name(kind, year, format.extension())?;
        self.assessment_export_to(kind, year, format, &self.export_dir()?.join(name))
    }

    /// Writes the document `kind` of `year` to `out`.
    pub fn assessment_export_to(
        &self,
        kind: AssessmentKind,
        year: i32,
        format: ExportFormat,
        out: &Path,
    ) -> Result<PathBuf> {
        export::export_assessment_doc(&self.store, kind, year, format, out)
    }

    /// The document `kind` of `year` as bytes (the text format goes to the screen).
    pub fn assessment_render(
        &self,
        kind: AssessmentKind,
        year: i32,
        format: ExportFormat,
    ) -> Result<Vec<u8>> {
        export::render_assessment_doc(&self.store, kind, year, format)
    }
}
