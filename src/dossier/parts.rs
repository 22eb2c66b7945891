//! Who produces which file of the dossier. Each producer turns the year's data into tasks
//! (one per file, or per group of files) before anything is rendered, so the builder knows
//! how many steps there are and can report progress while it renders them.

use std::rc::Rc;

use super::names::{assessment_file_name, file_name, slug, UniqueNames};
use super::{Kind, PartFormat};
use crate::assess::view::overview;
use crate::document::assessment::AssessmentKind;
use crate::document::{plan_document, Document};
use crate::error::{Error, Result};
use crate::export::{render_assessment_doc, ExportFormat};
use crate::model::Commune;
use crate::render;
use crate::store::{Store, StoredPlan};

/// One file of the dossier. `name` is the producer's choice; the builder makes it unique.
#[derive(Debug, Clone, PartialEq)]
pub struct Part {
    pub name: String,
    pub kind: Kind,
    pub format: PartFormat,
    pub bytes: Vec<u8>,
}

/// A step of the build: a Vietnamese label for the progress bar, and the work itself.
pub struct Task<'a> {
    pub label: String,
    pub run: Box<dyn FnOnce() -> Result<Vec<Part>> + 'a>,
}

/// Lists the tasks of one kind of document for `year` without rendering anything yet.
pub type Producer = for<'a> fn(&'a Store, &'a Commune, i32) -> Result<Vec<Task<'a>>>;

/// Every producer, in the order their files appear in the ZIP and the manifest.
pub const PRODUCERS: &[Producer] = &[plan_tasks, assessment_tasks];

/// The file name plan `id` gets, in the dossier and in "Xuất PDF" alike: the year's plans are
/// named in the dossier's order, so a second plan with the same subject is "…-2" in both.
pub fn plan_file_name(store: &Store, commune: &Commune, id: i64, ext: &str) -> Result<String> {
    let year = store.plan(id)?.plan.year();
    let mut names = UniqueNames::default();
    for summary in store.plans(Some(year))? {
        let stored = store.plan(summary.id)?;
        let slug_text = plan_slug(&stored);
        let name = names.claim(&file_name(
            year,
            commune,
            Kind::Plan,
            slug_text.as_deref(),
            ext,
        ));
        if summary.id == id {
            return Ok(name);
        }
    }
    Err(Error::PlanNotFound(id))
}

/// The plans of `year` (by id), each as PDF then DOCX, rendered from one document tree as
/// `export::export_plan` does, so the dossier holds the same bytes as "Xuất PDF".
pub fn plan_tasks<'a>(store: &'a Store, commune: &'a Commune, year: i32) -> Result<Vec<Task<'a>>> {
    let mut tasks = Vec::new();
    for summary in store.plans(Some(year))? {
        let stored = store.plan(summary.id)?;
        let label = plan_label(&stored);
        let doc = Rc::new(plan_document(&stored.plan, commune));
        let slug_text = plan_slug(&stored);
        for format in [PartFormat::Pdf, PartFormat::Docx] {
            let doc = Rc::clone(&doc);
            let name = file_name(
                year,
                commune,
                Kind::Plan,
                slug_text.as_deref(),
                format.ext(),
            );
            tasks.push(Task {
                label: format!("{label} ({})", format.label()),
                run: Box::new(move || {
                    Ok(vec![Part {
                        name,
                        kind: Kind::Plan,
                        format,
                        bytes: render_plan(&doc, format)?,
                    }])
                }),
            });
        }
    }
    Ok(tasks)
}

fn render_plan(doc: &Document, format: PartFormat) -> Result<Vec<u8>> {
    match format {
        PartFormat::Pdf => render::pdf::write_pdf(doc),
        PartFormat::Docx => render::docx::write_docx(doc),
        // No plan is written as a workbook; keep the match exhaustive for the compiler.
        PartFormat::Xlsx => Err(crate::error::Error::Render(
            "kế hoạch không xuất ra Excel".into(),
        )),
    }
}

/// "Kế hoạch số 15/KH-UBND", or the start of its title while it has no number.
fn plan_label(stored: &StoredPlan) -> String {
    let plan = &stored.plan;
    match &plan.number {
        Some(n) if !n.trim().is_empty() => format!("Kế hoạch số {n}/{}", plan.symbol),
        _ => {
            let mut title: String = plan.title.chars().take(60).collect();
            if plan.title.chars().count() > 60 {
                title.push('…');
            }
            format!("Kế hoạch “{title}”")
        }
    }
}

/// What the file name says the plan is about. The shipped templates have fixed short
/// subjects (their titles are long legal sentences); other plans take their title's words.
fn plan_slug(stored: &StoredPlan) -> Option<String> {
    match stored.template.as_str() {
        // `None`: the kind's default, "xa-phu-hop-tre-em" (docs/documents.md, file names).
        "qd06" => None,
        "program" => Some("chuong-trinh-bao-ve-cham-soc-tre-em".into()),
        "early-childhood" => Some("tre-em-nhung-nam-dau-doi".into()),
        // The name already says KH: "Kế hoạch công tác năm 2026" → "cong-tac-nam-2026".
        _ => {
            let s = slug(&stored.plan.title);
            Some(s.strip_prefix("ke-hoach-").unwrap_or(&s).to_string())
        }
    }
}

/// The self-assessment's documents after the plans: the yearly report, the proposal (only
/// when the verdict is "đạt": the core refuses a proposal the figures do not support), the
/// minutes, the notice and the score-table annex, each as PDF then DOCX, and the score table
/// as XLSX — the same bytes as `tre export … --year Y`.
fn assessment_tasks<'a>(
    store: &'a Store,
    commune: &'a Commune,
    year: i32,
) -> Result<Vec<Task<'a>>> {
    let ov = overview(store, year, chrono::Local::now().date_naive())?;
    let docs = [
        (AssessmentKind::Report, Kind::Report),
        (AssessmentKind::Proposal, Kind::Proposal),
        (AssessmentKind::Minutes, Kind::Minutes),
        (AssessmentKind::Notice, Kind::Notice),
        (AssessmentKind::Assessment, Kind::Assessment),
    ];
    let mut tasks = Vec::new();
    for (doc_kind, kind) in docs {
        if doc_kind == AssessmentKind::Proposal && !ov.scored.verdict.recognised {
            continue;
        }
        for format in [PartFormat::Pdf, PartFormat::Docx] {
            let name = assessment_file_name(doc_kind, year, commune, format.ext());
            let export_format = match format {
                PartFormat::Pdf => ExportFormat::Pdf,
                _ => ExportFormat::Docx,
            };
            tasks.push(Task {
                label: format!("{} ({})", kind.label(), format.label()),
                run: Box::new(move || {
                    Ok(vec![Part {
                        name,
                        kind,
                        format,
                        bytes: render_assessment_doc(store, doc_kind, year, export_format)?,
                    }])
                }),
            });
        }
    }
    let name = assessment_file_name(AssessmentKind::Assessment, year, commune, "xlsx");
    tasks.push(Task {
        label: format!("Bảng điểm ({})", PartFormat::Xlsx.label()),
        run: Box::new(move || {
            Ok(vec![Part {
                name,
                kind: Kind::Assessment,
                format: PartFormat::Xlsx,
                bytes: crate::xlsx::score_table_xlsx(&ov, commune)?,
            }])
        }),
    });
    Ok(tasks)
}
