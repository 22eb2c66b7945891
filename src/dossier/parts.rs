//! Who produces which file of the dossier. Each producer turns the year's data into tasks
//! (one per file) before anything is rendered, so the builder knows how many steps there are
//! and can report progress while it renders them.
//!
//! A document goes in as its signed copy from the register, byte for byte (an e-signed PDF
//! must never be re-encoded). One without a signed copy goes in as Tre's draft only when the
//! officer asked for drafts; otherwise it is listed as missing and the build stops.

use std::rc::Rc;

use super::names::{assessment_file_name, file_name, slug, UniqueNames};
use super::{FileState, Kind, Options, PartFormat};
use crate::assess::view::document_overview;
use crate::document::assessment::AssessmentKind;
use crate::document::{plan_document, Document};
use crate::error::{Error, Result};
use crate::export::{render_assessment_doc, ExportFormat};
use crate::model::Commune;
use crate::register::signature::{verify_pdf, Signature};
use crate::register::DocKey;
use crate::render;
use crate::store::{Store, StoredPlan};

/// One file of the dossier. `name` is the producer's choice; the builder makes it unique.
#[derive(Debug, Clone, PartialEq)]
pub struct Part {
    pub name: String,
    pub kind: Kind,
    pub format: PartFormat,
    pub state: FileState,
    /// The digital signatures found in a signed copy (none for a scan or a draft).
    pub signers: Vec<Signature>,
    /// The register key of the document it is ("plan:3"); none for the score table.
    pub doc: Option<String>,
    pub bytes: Vec<u8>,
}

/// A step of the build: a Vietnamese label for the progress bar, and the work itself.
pub struct Task<'a> {
    pub label: String,
    pub run: Box<dyn FnOnce() -> Result<Part> + 'a>,
}

/// What every producer reads: the year's data and the officer's choices.
pub struct Ctx<'a> {
    pub store: &'a Store,
    pub commune: &'a Commune,
    pub year: i32,
    pub options: Options,
    /// The trusted roots (DER) the signed copies' signatures are checked against.
    pub roots: Vec<Vec<u8>>,
}

/// Lists the tasks of one kind of document without rendering anything yet; a document with
/// neither a signed copy nor leave to send its draft is pushed onto `missing` by its label.
pub type Producer = for<'a> fn(&Ctx<'a>, &mut Vec<String>) -> Result<Vec<Task<'a>>>;

/// Every producer, in the order their files appear in the ZIP and the manifest.
pub const PRODUCERS: &[Producer] = &[plan_tasks, assessment_tasks];

/// The PDF task of one signed document: its signed copy when the register has one, else
/// the draft `render` makes if drafts may be sent, else nothing (and the label is missing).
fn signed_or_draft<'a>(
    ctx: &Ctx<'a>,
    key: DocKey,
    label: &str,
    name: String,
    kind: Kind,
    render: impl FnOnce() -> Result<Vec<u8>> + 'a,
    missing: &mut Vec<String>,
) -> Result<Option<Task<'a>>> {
    let store = ctx.store;
    let format = PartFormat::Pdf;
    let doc = key.key();
    if let Some(copy) = store.register_record(&doc)?.copy {
        let roots = ctx.roots.clone();
        return Ok(Some(Task {
            label: format!("{label} (bản ký)"),
            run: Box::new(move || {
                let bytes = store.signed_copy_bytes(&copy.sha256)?;
                Ok(Part {
                    name,
                    kind,
                    format,
                    state: FileState::SignedCopy,
                    signers: verify_pdf(&bytes, &roots),
                    doc: Some(doc),
                    bytes,
                })
            }),
        }));
    }
    if !ctx.options.drafts {
        missing.push(label.to_string());
        return Ok(None);
    }
    Ok(Some(Task {
        label: format!("{label} (dự thảo {})", format.label()),
        run: Box::new(move || {
            Ok(Part {
                name,
                kind,
                format,
                state: FileState::Draft,
                signers: Vec::new(),
                doc: Some(doc),
                bytes: render()?,
            })
        }),
    }))
}

/// A Word draft's task: always rendered, always a draft.
fn docx_task<'a>(
    label: &str,
    name: String,
    (kind, doc): (Kind, Option<String>),
    state: FileState,
    render: impl FnOnce() -> Result<Vec<u8>> + 'a,
) -> Task<'a> {
    Task {
        label: format!("{label} ({})", PartFormat::Docx.label()),
        run: Box::new(move || {
            Ok(Part {
                name,
                kind,
                format: PartFormat::Docx,
                state,
                signers: Vec::new(),
                doc,
                bytes: render()?,
            })
        }),
    }
}

/// The file name plan `id` gets, in the dossier and in "Xuất PDF" alike (see `plan_names`).
pub fn plan_file_name(store: &Store, commune: &Commune, id: i64, ext: &str) -> Result<String> {
    let year = store.plan(id)?.plan.year();
    plan_names(store, commune, year, ext)?
        .into_iter()
        .find(|(plan, _)| *plan == id)
        .map(|(_, name)| name)
        .ok_or(Error::PlanNotFound(id))
}

/// The file name of each plan of `year`, by id: `2026_MinhHoa_KH-xa-phu-hop-tre-em.pdf`.
/// Plans that would share a name (same subject, or same title) each take a mark of their
/// own instead, its number ("…-so-15.pdf") or while it has none its id ("…-du-thao-7.pdf"),
/// so that no plan's name depends on which other plans exist or in what order: exporting one
/// never writes over another's file, whichever was made, moved or numbered first.
fn plan_names(
    store: &Store,
    commune: &Commune,
    year: i32,
    ext: &str,
) -> Result<Vec<(i64, String)>> {
    let mut plans = Vec::new();
    for summary in store.plans(Some(year))? {
        let stored = store.plan(summary.id)?;
        let slug_text = plan_slug(&stored);
        let base = file_name(year, commune, Kind::Plan, slug_text.as_deref(), ext);
        let number = stored
            .plan
            .number
            .as_deref()
            .map(|n| slug(n))
            .filter(|n| !n.is_empty());
        plans.push((summary.id, number, base));
    }
    let mut names = UniqueNames::default();
    let mut out = Vec::with_capacity(plans.len());
    for (id, number, base) in &plans {
        let twins: Vec<_> = plans.iter().filter(|p| p.2 == *base).collect();
        let name = if twins.len() == 1 {
            base.clone()
        } else {
            let shared = twins.iter().filter(|p| p.1 == *number).count() > 1;
            let tag = match number {
                Some(n) if !shared => format!("so-{n}"),
                Some(n) => format!("so-{n}-{id}"),
                None => format!("du-thao-{id}"),
            };
            let stem = base.strip_suffix(&format!(".{ext}")).unwrap_or(base);
            format!("{stem}-{tag}.{ext}")
        };
        // A title that happens to end like a mark ("… số 15") still gets a name of its own.
        out.push((*id, names.claim(&name)));
    }
    Ok(out)
}

/// The plans of `year` (by id): each as its signed copy or PDF draft, then its Word draft
/// when asked, rendered from one document tree as `export::export_plan` does, so a draft in
/// the dossier has the same bytes as "Xuất PDF".
pub fn plan_tasks<'a>(ctx: &Ctx<'a>, missing: &mut Vec<String>) -> Result<Vec<Task<'a>>> {
    let (store, commune, year) = (ctx.store, ctx.commune, ctx.year);
    let mut tasks = Vec::new();
    let pdf_names = plan_names(store, commune, year, PartFormat::Pdf.ext())?;
    let docx_names = plan_names(store, commune, year, PartFormat::Docx.ext())?;
    for summary in store.plans(Some(year))? {
        let stored = store.plan(summary.id)?;
        let label = plan_label(&stored);
        let doc = Rc::new(plan_document(&stored.plan, commune));
        let name = |format: PartFormat| {
            let names = if format == PartFormat::Pdf {
                &pdf_names
            } else {
                &docx_names
            };
            names
                .iter()
                .find(|(id, _)| *id == summary.id)
                .map(|(_, name)| name.clone())
                .unwrap_or_default()
        };
        let pdf_doc = Rc::clone(&doc);
        tasks.extend(signed_or_draft(
            ctx,
            DocKey::Plan(summary.id),
            &label,
            name(PartFormat::Pdf),
            Kind::Plan,
            move || render::pdf::write_pdf(&pdf_doc),
            missing,
        )?);
        if ctx.options.docx {
            tasks.push(docx_task(
                &label,
                name(PartFormat::Docx),
                (Kind::Plan, Some(DocKey::Plan(summary.id).key())),
                FileState::Draft,
                move || render_docx(&doc),
            ));
        }
    }
    Ok(tasks)
}

fn render_docx(doc: &Document) -> Result<Vec<u8>> {
    render::docx::write_docx(doc)
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
/// minutes and the notice, each as its signed copy or draft; then the score-table annex as
/// PDF and the score table as XLSX, figures signed as part of the report; the Word drafts
/// when asked. Drafts have the same bytes as `tre export … --year Y`.
fn assessment_tasks<'a>(ctx: &Ctx<'a>, missing: &mut Vec<String>) -> Result<Vec<Task<'a>>> {
    let (store, commune, year) = (ctx.store, ctx.commune, ctx.year);
    let ov = document_overview(store, year, chrono::Local::now().date_naive())?;
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
        let label = format!("{} năm {year}", kind.label());
        let name =
            move |format: PartFormat| assessment_file_name(doc_kind, year, commune, format.ext());
        let render = move |format| move || render_assessment_doc(store, doc_kind, year, format);
        if doc_kind == AssessmentKind::Assessment {
            tasks.push(Task {
                label: format!("{label} ({})", PartFormat::Pdf.label()),
                run: Box::new(move || {
                    Ok(Part {
                        name: name(PartFormat::Pdf),
                        kind,
                        format: PartFormat::Pdf,
                        state: FileState::Data,
                        signers: Vec::new(),
                        doc: None,
                        bytes: render(ExportFormat::Pdf)()?,
                    })
                }),
            });
        } else {
            let key = DocKey::Assessment {
                year,
                kind: doc_kind,
            };
            tasks.extend(signed_or_draft(
                ctx,
                key,
                &label,
                name(PartFormat::Pdf),
                kind,
                render(ExportFormat::Pdf),
                missing,
            )?);
        }
        if ctx.options.docx {
            let (state, doc) = match doc_kind {
                AssessmentKind::Assessment => (FileState::Data, None),
                _ => (
                    FileState::Draft,
                    Some(
                        DocKey::Assessment {
                            year,
                            kind: doc_kind,
                        }
                        .key(),
                    ),
                ),
            };
            tasks.push(docx_task(
                &label,
                name(PartFormat::Docx),
                (kind, doc),
                state,
                render(ExportFormat::Docx),
            ));
        }
    }
    let name = assessment_file_name(AssessmentKind::Assessment, year, commune, "xlsx");
    tasks.push(Task {
        label: format!("Bảng điểm ({})", PartFormat::Xlsx.label()),
        run: Box::new(move || {
            Ok(Part {
                name,
                kind: Kind::Assessment,
                format: PartFormat::Xlsx,
                state: FileState::Data,
                signers: Vec::new(),
                doc: None,
                bytes: crate::xlsx::score_table_xlsx(&ov, commune)?,
            })
        }),
    });
    Ok(tasks)
}
