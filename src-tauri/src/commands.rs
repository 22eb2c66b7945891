//! The commands the UI invokes: each is a one-line forward to `tre::session::Session`.
//! Errors reach the UI as `{code, message}` with the core's Vietnamese message.

use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard};

use serde::Serialize;

use crate::opening::Written;
use tauri::{AppHandle, Emitter, State};
use tre::assess::view::Overview;
use tre::catalog::Category;
use tre::check::Finding;
use tre::deadlines::DeadlineItem;
use tre::document::assessment::AssessmentKind;
use tre::dossier::{DossierResult, Options};
use tre::export::ExportFormat;
use tre::model::{Commune, Plan};
use tre::outbox::{Message as OutboxMessage, Settings as SmtpSettings};
use tre::register::signature::TrustRoot;
use tre::register::{Entry as RegisterEntry, SendMethod, Sending};
use tre::session::{
    AssessmentEdit, Attached, CopiedPlan, ImportedPlan, PagePreview, Session, TemplateInfo,
};
use tre::store::{resolve_db_path, HistoryEntry, PlanSummary, StoredPlan};

/// The open database, opened on first use so that an error (a corrupt or newer file)
/// reaches the UI as a message instead of stopping the app before its window shows.
pub struct AppState(pub Mutex<Option<Session>>);

#[derive(Debug, Serialize)]
pub struct CmdError {
    code: String,
    message: String,
}

impl CmdError {
    pub fn new(code: &str, message: String) -> Self {
        CmdError {
            code: code.to_string(),
            message,
        }
    }
}

impl From<tre::Error> for CmdError {
    fn from(e: tre::Error) -> Self {
        CmdError {
            code: e.code().to_string(),
            message: e.to_string(),
        }
    }
}

pub type Res<T> = Result<T, CmdError>;

/// Runs `f` on the session, opening the database (the same file the CLI uses) if needed.
fn with<T>(state: &State<AppState>, f: impl FnOnce(&mut Session) -> tre::Result<T>) -> Res<T> {
    with_session(state, f)
}

/// `with` for code that holds the state itself (the outbox's runner thread).
pub fn with_session<T>(state: &AppState, f: impl FnOnce(&mut Session) -> tre::Result<T>) -> Res<T> {
    let mut guard: MutexGuard<Option<Session>> = state.0.lock().unwrap_or_else(|p| p.into_inner());
    if guard.is_none() {
        *guard = Some(Session::open(&resolve_db_path(None)?)?);
    }
    Ok(f(guard.as_mut().expect("opened above"))?)
}

#[tauri::command]
pub fn commune_get(s: State<AppState>) -> Res<Option<Commune>> {
    with(&s, |x| x.commune_get())
}

#[tauri::command]
pub fn commune_set(s: State<AppState>, commune: Commune) -> Res<()> {
    with(&s, |x| x.commune_set(&commune))
}

#[tauri::command]
pub fn demo_load(s: State<AppState>, year: i32) -> Res<Vec<i64>> {
    with(&s, |x| x.demo_load(year))
}

#[tauri::command]
pub fn templates_list(s: State<AppState>) -> Res<Vec<TemplateInfo>> {
    with(&s, |x| Ok(x.templates_list()))
}

#[tauri::command]
pub fn plans_list(s: State<AppState>, year: Option<i32>) -> Res<Vec<PlanSummary>> {
    with(&s, |x| x.plans_list(year))
}

#[tauri::command]
pub fn plan_get(s: State<AppState>, id: i64) -> Res<StoredPlan> {
    with(&s, |x| x.plan_get(id))
}

#[tauri::command]
pub fn plan_new(s: State<AppState>, year: i32, template: String) -> Res<i64> {
    with(&s, |x| x.plan_new(year, &template))
}

#[tauri::command]
pub fn plan_update(s: State<AppState>, id: i64, plan: Plan) -> Res<()> {
    with(&s, |x| x.plan_update(id, &plan))
}

#[tauri::command]
pub fn plan_copy(s: State<AppState>, id: i64, year: i32) -> Res<i64> {
    with(&s, |x| x.plan_copy(id, year))
}

#[tauri::command]
pub fn plan_delete(s: State<AppState>, id: i64) -> Res<()> {
    with(&s, |x| x.plan_delete(id))
}

#[tauri::command]
pub fn plan_preview(s: State<AppState>, plan: Plan) -> Res<Vec<PagePreview>> {
    with(&s, |x| x.plan_preview(&plan))
}

#[tauri::command]
pub fn export_plan(
    s: State<AppState>,
    written: State<Written>,
    id: i64,
    format: ExportFormat,
    path: PathBuf,
) -> Res<PathBuf> {
    let out = with(&s, |x| x.export_plan_to(id, format, &path))?;
    written.remember(&out);
    Ok(out)
}

/// "Xuất PDF" / "Xuất Word": into the export folder under the core's file name.
#[tauri::command]
pub fn export_plan_to_folder(
    s: State<AppState>,
    written: State<Written>,
    id: i64,
    format: ExportFormat,
) -> Res<PathBuf> {
    let out = with(&s, |x| x.plan_export_to_folder(id, format))?;
    written.remember(&out);
    Ok(out)
}

#[tauri::command]
pub fn plan_file_name(s: State<AppState>, id: i64, format: ExportFormat) -> Res<String> {
    with(&s, |x| x.plan_file_name(id, format))
}

#[tauri::command]
pub fn undo(s: State<AppState>) -> Res<HistoryEntry> {
    with(&s, |x| x.undo())
}

#[tauri::command]
pub fn redo(s: State<AppState>) -> Res<HistoryEntry> {
    with(&s, |x| x.redo())
}

#[tauri::command]
pub fn history(s: State<AppState>, limit: usize) -> Res<Vec<HistoryEntry>> {
    with(&s, |x| x.history(limit))
}

#[tauri::command]
pub fn deadlines(s: State<AppState>, year: i32) -> Res<Vec<DeadlineItem>> {
    with(&s, |x| x.deadlines(year))
}

#[tauri::command]
pub fn assessment_overview(s: State<AppState>, year: i32) -> Res<Overview> {
    with(&s, |x| x.assessment_overview(year))
}

#[tauri::command]
pub fn assessment_set(s: State<AppState>, year: i32, edit: AssessmentEdit) -> Res<Overview> {
    with(&s, |x| x.assessment_set(year, &edit))
}

#[tauri::command]
pub fn assessment_categories(s: State<AppState>) -> Res<Vec<Category>> {
    with(&s, |x| x.assessment_categories())
}

#[tauri::command]
pub fn default_export_dir() -> Res<PathBuf> {
    Ok(tre::session::default_export_dir()?)
}

#[tauri::command]
pub fn plan_check(s: State<AppState>, id: i64) -> Res<Vec<Finding>> {
    with(&s, |x| x.plan_check(id))
}

#[tauri::command]
pub fn plan_check_draft(s: State<AppState>, plan: Plan) -> Res<Vec<Finding>> {
    with(&s, |x| x.plan_check_draft(&plan))
}

/// Writes one document of the self-assessment into the export folder; returns its path.
#[tauri::command]
pub fn assessment_export(
    s: State<AppState>,
    written: State<Written>,
    kind: AssessmentKind,
    year: i32,
    format: ExportFormat,
) -> Res<PathBuf> {
    let out = with(&s, |x| x.assessment_export(kind, year, format))?;
    written.remember(&out);
    Ok(out)
}

/// Builds the year's dossier (each part a ZIP + .eml) into the export folder with the
/// officer's choices (drafts or not, Word files, the e-mail size). Each step is sent to the
/// window as a "dossier-progress" event so that the UI can show a determinate progress bar.
/// Async so that the build runs off the main thread and the window keeps painting.
#[tauri::command]
pub async fn dossier_build(
    app: AppHandle,
    s: State<'_, AppState>,
    written: State<'_, Written>,
    year: i32,
    options: Options,
) -> Res<DossierResult> {
    let dir = tre::session::default_export_dir()?;
    let built = with(&s, |x| {
        x.dossier_build(year, &dir, options, &mut |p| {
            // A lost progress event only leaves the bar behind; the result still arrives.
            let _ = app.emit("dossier-progress", &p);
        })
    })?;
    for part in &built.parts {
        written.remember(&part.zip);
        written.remember(&part.eml);
    }
    Ok(built)
}

/// Imports a plan file chosen by the officer and saves it as a new plan, checked.
#[tauri::command]
pub fn plan_import(s: State<AppState>, path: PathBuf) -> Res<ImportedPlan> {
    with(&s, |x| x.plan_import(&path))
}

/// "Sao chép sang năm …" with the copy's findings (a year or basis left from the old plan).
#[tauri::command]
pub fn plan_copy_checked(s: State<AppState>, id: i64, year: i32) -> Res<CopiedPlan> {
    with(&s, |x| x.plan_copy_checked(id, year))
}

/// "Văn bản": the year's documents and their states (sổ văn bản đi).
#[tauri::command]
pub fn register_list(s: State<AppState>, year: i32) -> Res<Vec<RegisterEntry>> {
    with(&s, |x| x.register_list(year))
}

/// One document's line of the register (the editor warns when its plan has a signed copy).
#[tauri::command]
pub fn register_entry(s: State<AppState>, key: String) -> Res<RegisterEntry> {
    with(&s, |x| x.register_entry(&key))
}

/// "Đã ký": the number and date the văn thư gave a document.
#[tauri::command]
pub fn register_sign(
    s: State<AppState>,
    key: String,
    number: String,
    date: String,
) -> Res<RegisterEntry> {
    with(&s, |x| x.register_sign(&key, &number, &date))
}

/// "Đã gửi": when, to whom and how a signed document went out.
#[tauri::command]
pub fn register_send(
    s: State<AppState>,
    key: String,
    on: String,
    to: String,
    how: SendMethod,
    note: Option<String>,
) -> Res<RegisterEntry> {
    with(&s, |x| {
        x.register_send(&key, Sending::new(&on, &to, how, note.as_deref())?)
    })
}

/// "Xem bản ký": the signed copy's bytes (base64) for the page thumbnails.
#[tauri::command]
pub fn register_copy_data(s: State<AppState>, key: String) -> Res<String> {
    with(&s, |x| x.register_copy_base64(&key))
}

/// "Chứng thư gốc tin cậy": the roots signatures are checked against.
#[tauri::command]
pub fn trust_list(s: State<AppState>) -> Res<Vec<TrustRoot>> {
    with(&s, |x| x.trust_list())
}

/// Imports certificate files (DER or PEM) as trusted roots.
#[tauri::command]
pub fn trust_import(s: State<AppState>, files: Vec<PathBuf>) -> Res<Vec<TrustRoot>> {
    with(&s, |x| x.trust_import(&files))
}

/// Removes a trusted root by (the start of) its SHA-256 fingerprint.
#[tauri::command]
pub fn trust_remove(s: State<AppState>, fingerprint: String) -> Res<Vec<TrustRoot>> {
    with(&s, |x| x.trust_remove(&fingerprint))
}

/// "Cài đặt gửi thư": the mail account, or `None` before it is set.
#[tauri::command]
pub fn outbox_settings(s: State<AppState>) -> Res<Option<SmtpSettings>> {
    with(&s, |x| x.outbox_settings())
}

/// Saves the mail account; the password, when typed, goes to the OS credential store.
#[tauri::command]
pub fn outbox_configure(
    s: State<AppState>,
    settings: SmtpSettings,
    password: Option<String>,
) -> Res<SmtpSettings> {
    with(&s, |x| x.outbox_configure(settings, password.as_deref()))
}

/// "Gửi qua Tre": queues the year's dossier, one message a part, and wakes the runner.
#[tauri::command]
pub fn outbox_queue(
    s: State<AppState>,
    runner: State<'_, crate::outbox::Runner>,
    year: i32,
    options: Options,
) -> Res<Vec<OutboxMessage>> {
    let queued = with(&s, |x| x.outbox_queue_dossier(year, options))?;
    runner.wake();
    Ok(queued)
}

/// "Hộp thư đi": every message, newest first.
#[tauri::command]
pub fn outbox_list(s: State<AppState>) -> Res<Vec<OutboxMessage>> {
    with(&s, |x| x.outbox_list())
}

/// "Gửi lại": a waiting or failed message is tried now.
#[tauri::command]
pub fn outbox_retry(
    s: State<AppState>,
    runner: State<'_, crate::outbox::Runner>,
    id: i64,
) -> Res<Vec<OutboxMessage>> {
    let list = with(&s, |x| x.outbox_retry(id))?;
    runner.wake();
    Ok(list)
}

/// "Bỏ": removes a message not yet sent.
#[tauri::command]
pub fn outbox_cancel(s: State<AppState>, id: i64) -> Res<Vec<OutboxMessage>> {
    with(&s, |x| x.outbox_cancel(id))
}

/// "Đính kèm bản ký": keeps the signed PDF, or the photos of its pages, with the document.
#[tauri::command]
pub fn register_attach(
    s: State<AppState>,
    key: String,
    files: Vec<PathBuf>,
    replace: bool,
) -> Res<Attached> {
    with(&s, |x| x.register_attach(&key, &files, replace))
}
