//! The commands the UI invokes: each is a one-line forward to `tre::session::Session`.
//! Errors reach the UI as `{code, message}` with the core's Vietnamese message.
//!
//! Every command is async and does its work on a blocking thread (`run`): a Tauri command
//! that is not async runs on the main thread, and the window freezes while the disk or the
//! page layout works (an old laptop, a slow USB stick, a large plan).

use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};

use serde::Serialize;

use crate::opening::Written;
use tauri::{AppHandle, Emitter, State};
use tre::assess::seed::ScoreImport;
use tre::assess::trend::Trends;
use tre::assess::view::Overview;
use tre::catalog::Category;
use tre::check::Finding;
use tre::deadlines::reminders::Reminder;
use tre::deadlines::DeadlineItem;
use tre::document::assessment::AssessmentKind;
use tre::dossier::{DossierResult, Options};
use tre::export::ExportFormat;
use tre::model::{Commune, Plan};
use tre::outbox::{Message as OutboxMessage, Settings as SmtpSettings};
use tre::province::{Consolidated, ImportReport, Issuer, Trend};
use tre::register::signature::TrustRoot;
use tre::register::{Entry as RegisterEntry, SendMethod, Sending};
use tre::session::{
    AssessmentEdit, Attached, CopiedPlan, ImportedPlan, PagePreview, Session, TemplateInfo,
};
use tre::store::{
    resolve_db_path, BackupInfo, BackupList, BackupStatus, HistoryEntry, PlanSummary, StoredPlan,
};

/// The open database, opened on first use so that an error (a corrupt or newer file)
/// reaches the UI as a message instead of stopping the app before its window shows.
/// Shared (`Arc`) so a blocking thread can hold it while the command awaits.
#[derive(Default, Clone)]
pub struct AppState(pub Arc<Mutex<Option<Session>>>);

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

/// Runs `f` on the session on a blocking thread, opening the database (the same file the
/// CLI uses) if needed.
async fn run<T, F>(state: &State<'_, AppState>, f: F) -> Res<T>
where
    T: Send + 'static,
    F: FnOnce(&mut Session) -> tre::Result<T> + Send + 'static,
{
    let state = AppState::clone(state);
    blocking(move || with_session(&state, f)).await
}

/// Runs `f` on a blocking thread.
pub async fn blocking<T: Send + 'static>(f: impl FnOnce() -> Res<T> + Send + 'static) -> Res<T> {
    tauri::async_runtime::spawn_blocking(f)
        .await
        .unwrap_or_else(|_| {
            Err(CmdError::new(
                "internal",
                "Tre gặp lỗi không mong muốn khi làm việc này. Dữ liệu đã lưu không bị ảnh hưởng; hãy thử lại.".into(),
            ))
        })
}

/// `run` for code that is already off the main thread (the outbox's runner thread).
pub fn with_session<T>(state: &AppState, f: impl FnOnce(&mut Session) -> tre::Result<T>) -> Res<T> {
    let mut guard = lock(state);
    if guard.is_none() {
        *guard = Some(Session::open(&resolve_db_path(None)?)?);
    }
    Ok(f(guard.as_mut().expect("opened above"))?)
}

/// The session's lock; a thread that panicked while holding it left the session usable
/// (every change is one SQLite transaction), so the poison is ignored.
pub fn lock(state: &AppState) -> MutexGuard<'_, Option<Session>> {
    state.0.lock().unwrap_or_else(|p| p.into_inner())
}

#[tauri::command]
pub async fn commune_get(s: State<'_, AppState>) -> Res<Option<Commune>> {
    run(&s, move |x| x.commune_get()).await
}

#[tauri::command]
pub async fn commune_set(s: State<'_, AppState>, commune: Commune) -> Res<()> {
    run(&s, move |x| x.commune_set(&commune)).await
}

#[tauri::command]
pub async fn demo_load(s: State<'_, AppState>, year: i32) -> Res<Vec<i64>> {
    run(&s, move |x| x.demo_load(year)).await
}

#[tauri::command]
pub async fn templates_list(s: State<'_, AppState>) -> Res<Vec<TemplateInfo>> {
    run(&s, move |x| Ok(x.templates_list())).await
}

#[tauri::command]
pub async fn plans_list(s: State<'_, AppState>, year: Option<i32>) -> Res<Vec<PlanSummary>> {
    run(&s, move |x| x.plans_list(year)).await
}

#[tauri::command]
pub async fn plan_get(s: State<'_, AppState>, id: i64) -> Res<StoredPlan> {
    run(&s, move |x| x.plan_get(id)).await
}

#[tauri::command]
pub async fn plan_new(s: State<'_, AppState>, year: i32, template: String) -> Res<i64> {
    run(&s, move |x| x.plan_new(year, &template)).await
}

#[tauri::command]
pub async fn plan_update(s: State<'_, AppState>, id: i64, plan: Plan) -> Res<()> {
    run(&s, move |x| x.plan_update(id, &plan)).await
}

#[tauri::command]
pub async fn plan_copy(s: State<'_, AppState>, id: i64, year: i32) -> Res<i64> {
    run(&s, move |x| x.plan_copy(id, year)).await
}

#[tauri::command]
pub async fn plan_delete(s: State<'_, AppState>, id: i64) -> Res<()> {
    run(&s, move |x| x.plan_delete(id)).await
}

#[tauri::command]
pub async fn plan_preview(s: State<'_, AppState>, plan: Plan) -> Res<Vec<PagePreview>> {
    run(&s, move |x| x.plan_preview(&plan)).await
}

#[tauri::command]
pub async fn export_plan(
    s: State<'_, AppState>,
    written: State<'_, Written>,
    id: i64,
    format: ExportFormat,
    path: PathBuf,
) -> Res<PathBuf> {
    let out = run(&s, move |x| x.export_plan_to(id, format, &path)).await?;
    written.remember(&out);
    Ok(out)
}

/// "Xuất PDF" / "Xuất Word": into the export folder under the core's file name.
#[tauri::command]
pub async fn export_plan_to_folder(
    s: State<'_, AppState>,
    written: State<'_, Written>,
    id: i64,
    format: ExportFormat,
) -> Res<PathBuf> {
    let out = run(&s, move |x| x.plan_export_to_folder(id, format)).await?;
    written.remember(&out);
    Ok(out)
}

#[tauri::command]
pub async fn plan_file_name(s: State<'_, AppState>, id: i64, format: ExportFormat) -> Res<String> {
    run(&s, move |x| x.plan_file_name(id, format)).await
}

#[tauri::command]
pub async fn undo(s: State<'_, AppState>) -> Res<HistoryEntry> {
    run(&s, move |x| x.undo()).await
}

#[tauri::command]
pub async fn redo(s: State<'_, AppState>) -> Res<HistoryEntry> {
    run(&s, move |x| x.redo()).await
}

#[tauri::command]
pub async fn history(s: State<'_, AppState>, limit: usize) -> Res<Vec<HistoryEntry>> {
    run(&s, move |x| x.history(limit)).await
}

#[tauri::command]
pub async fn deadlines(s: State<'_, AppState>, year: i32) -> Res<Vec<DeadlineItem>> {
    run(&s, move |x| x.deadlines(year)).await
}

/// The home page's deadline reminder: what the day's notification says (noting nothing).
#[tauri::command]
pub async fn reminder(s: State<'_, AppState>) -> Res<Option<Reminder>> {
    run(&s, move |x| x.reminder(None)).await
}

#[tauri::command]
pub async fn assessment_overview(s: State<'_, AppState>, year: i32) -> Res<Overview> {
    run(&s, move |x| x.assessment_overview(year)).await
}

#[tauri::command]
pub async fn assessment_set(
    s: State<'_, AppState>,
    year: i32,
    edit: AssessmentEdit,
) -> Res<Overview> {
    run(&s, move |x| x.assessment_set(year, &edit)).await
}

#[tauri::command]
pub async fn assessment_categories(s: State<'_, AppState>) -> Res<Vec<Category>> {
    run(&s, move |x| x.assessment_categories()).await
}

/// Every stored year scored with the catalogue in use, for the page's chart.
#[tauri::command]
pub async fn assessment_trends(s: State<'_, AppState>) -> Res<Trends> {
    run(&s, move |x| x.assessment_trends()).await
}

/// Seeds a past year from its score table (the file the officer chose in the open dialog).
#[tauri::command]
pub async fn assessment_import_scores(
    s: State<'_, AppState>,
    path: PathBuf,
    year: Option<i32>,
    replace: bool,
) -> Res<ScoreImport> {
    run(&s, move |x| {
        x.assessment_import_scores(&path, year, replace)
    })
    .await
}

#[tauri::command]
pub async fn default_export_dir() -> Res<PathBuf> {
    Ok(tre::session::default_export_dir()?)
}

#[tauri::command]
pub async fn plan_check(s: State<'_, AppState>, id: i64) -> Res<Vec<Finding>> {
    run(&s, move |x| x.plan_check(id)).await
}

#[tauri::command]
pub async fn plan_check_draft(s: State<'_, AppState>, plan: Plan) -> Res<Vec<Finding>> {
    run(&s, move |x| x.plan_check_draft(&plan)).await
}

/// Writes one document of the self-assessment into the export folder; returns its path.
#[tauri::command]
pub async fn assessment_export(
    s: State<'_, AppState>,
    written: State<'_, Written>,
    kind: AssessmentKind,
    year: i32,
    format: ExportFormat,
) -> Res<PathBuf> {
    let out = run(&s, move |x| x.assessment_export(kind, year, format)).await?;
    written.remember(&out);
    Ok(out)
}

/// Builds the year's dossier (each part a ZIP + .eml) into the export folder with the
/// officer's choices (drafts or not, Word files, the e-mail size). Each step is sent to the
/// window as a "dossier-progress" event so that the UI can show a determinate progress bar.
///
/// It renders from a read-only snapshot of the database on a second connection, not from
/// the session: the session's lock is held only to make sure the file is open, so autosave
/// and every other command keep working during a build of many seconds.
#[tauri::command]
pub async fn dossier_build(
    app: AppHandle,
    s: State<'_, AppState>,
    written: State<'_, Written>,
    year: i32,
    options: Options,
) -> Res<DossierResult> {
    let dir = tre::session::default_export_dir()?;
    let db = run(&s, |x| Ok(x.db_path().to_path_buf())).await?;
    let built = blocking(move || {
        let snapshot = Session::open_snapshot(&db)?;
        Ok(snapshot.dossier_build(year, &dir, options, &mut |p| {
            // A lost progress event only leaves the bar behind; the result still arrives.
            let _ = app.emit("dossier-progress", &p);
        })?)
    })
    .await?;
    for part in &built.parts {
        written.remember(&part.zip);
        written.remember(&part.eml);
    }
    Ok(built)
}

/// "Tổng hợp của tỉnh": imports the communes' dossiers in the chosen folders or files for
/// `year`, each step sent to the window as a "province-progress" event.
#[tauri::command]
pub async fn province_import(
    app: AppHandle,
    s: State<'_, AppState>,
    paths: Vec<PathBuf>,
    year: i32,
) -> Res<ImportReport> {
    run(&s, move |x| {
        x.province_import(&paths, year, &mut |p| {
            let _ = app.emit("province-progress", &p);
        })
    })
    .await
}

/// The consolidated table of `year` (communes × criteria, verdicts, documents' states).
#[tauri::command]
pub async fn province_table(s: State<'_, AppState>, year: i32) -> Res<Consolidated> {
    run(&s, move |x| x.province_table(year)).await
}

/// Each commune's totals across the years imported.
#[tauri::command]
pub async fn province_trends(s: State<'_, AppState>, commune: Option<String>) -> Res<Vec<Trend>> {
    run(&s, move |x| x.province_trends(commune.as_deref())).await
}

/// The issuing body and signer remembered for the report.
#[tauri::command]
pub async fn province_issuer(s: State<'_, AppState>) -> Res<Option<Issuer>> {
    run(&s, move |x| x.province_issuer()).await
}

#[tauri::command]
pub async fn province_set_issuer(s: State<'_, AppState>, issuer: Issuer) -> Res<()> {
    run(&s, move |x| x.province_set_issuer(&issuer)).await
}

/// "Xuất Excel" / "Xuất PDF": into the export folder; returns the path.
#[tauri::command]
pub async fn province_export(
    s: State<'_, AppState>,
    written: State<'_, Written>,
    year: i32,
    pdf: bool,
) -> Res<PathBuf> {
    let out = run(&s, move |x| x.province_export_to_folder(year, pdf)).await?;
    written.remember(&out);
    Ok(out)
}

/// Imports a plan file chosen by the officer and saves it as a new plan, checked.
#[tauri::command]
pub async fn plan_import(s: State<'_, AppState>, path: PathBuf) -> Res<ImportedPlan> {
    run(&s, move |x| x.plan_import(&path)).await
}

/// "Sao chép sang năm …" with the copy's findings (a year or basis left from the old plan).
#[tauri::command]
pub async fn plan_copy_checked(s: State<'_, AppState>, id: i64, year: i32) -> Res<CopiedPlan> {
    run(&s, move |x| x.plan_copy_checked(id, year)).await
}

/// "Văn bản": the year's documents and their states (sổ văn bản đi).
#[tauri::command]
pub async fn register_list(s: State<'_, AppState>, year: i32) -> Res<Vec<RegisterEntry>> {
    run(&s, move |x| x.register_list(year)).await
}

/// One document's line of the register (the editor warns when its plan has a signed copy).
#[tauri::command]
pub async fn register_entry(s: State<'_, AppState>, key: String) -> Res<RegisterEntry> {
    run(&s, move |x| x.register_entry(&key)).await
}

/// "Đã ký": the number and date the văn thư gave a document.
#[tauri::command]
pub async fn register_sign(
    s: State<'_, AppState>,
    key: String,
    number: String,
    date: String,
) -> Res<RegisterEntry> {
    run(&s, move |x| x.register_sign(&key, &number, &date)).await
}

/// "Đã gửi": when, to whom and how a signed document went out.
#[tauri::command]
pub async fn register_send(
    s: State<'_, AppState>,
    key: String,
    on: String,
    to: String,
    how: SendMethod,
    note: Option<String>,
) -> Res<RegisterEntry> {
    run(&s, move |x| {
        x.register_send(&key, Sending::new(&on, &to, how, note.as_deref())?)
    })
    .await
}

/// "Xem bản ký": the signed copy's bytes (base64) for the page thumbnails.
#[tauri::command]
pub async fn register_copy_data(s: State<'_, AppState>, key: String) -> Res<String> {
    run(&s, move |x| x.register_copy_base64(&key)).await
}

/// "Chứng thư gốc tin cậy": the roots signatures are checked against.
#[tauri::command]
pub async fn trust_list(s: State<'_, AppState>) -> Res<Vec<TrustRoot>> {
    run(&s, move |x| x.trust_list()).await
}

/// Imports certificate files (DER or PEM) as trusted roots.
#[tauri::command]
pub async fn trust_import(s: State<'_, AppState>, files: Vec<PathBuf>) -> Res<Vec<TrustRoot>> {
    run(&s, move |x| x.trust_import(&files)).await
}

/// Removes a trusted root by (the start of) its SHA-256 fingerprint.
#[tauri::command]
pub async fn trust_remove(s: State<'_, AppState>, fingerprint: String) -> Res<Vec<TrustRoot>> {
    run(&s, move |x| x.trust_remove(&fingerprint)).await
}

/// "Cài đặt gửi thư": the mail account, or `None` before it is set.
#[tauri::command]
pub async fn outbox_settings(s: State<'_, AppState>) -> Res<Option<SmtpSettings>> {
    run(&s, move |x| x.outbox_settings()).await
}

/// Saves the mail account; the password, when typed, goes to the OS credential store.
#[tauri::command]
pub async fn outbox_configure(
    s: State<'_, AppState>,
    settings: SmtpSettings,
    password: Option<String>,
) -> Res<SmtpSettings> {
    run(&s, move |x| {
        x.outbox_configure(settings, password.as_deref())
    })
    .await
}

/// "Gửi qua Tre": queues the year's dossier, one message a part, and wakes the runner.
#[tauri::command]
pub async fn outbox_queue(
    s: State<'_, AppState>,
    runner: State<'_, crate::outbox::Runner>,
    year: i32,
    options: Options,
) -> Res<Vec<OutboxMessage>> {
    // Rendered from a snapshot like `dossier_build`; the session is held only to queue.
    let db = run(&s, |x| Ok(x.db_path().to_path_buf())).await?;
    let prepared =
        blocking(move || Ok(Session::open_snapshot(&db)?.outbox_prepare(year, options)?)).await?;
    let queued = run(&s, move |x| x.outbox_enqueue(prepared)).await?;
    runner.wake();
    Ok(queued)
}

/// "Hộp thư đi": every message, newest first.
#[tauri::command]
pub async fn outbox_list(s: State<'_, AppState>) -> Res<Vec<OutboxMessage>> {
    run(&s, move |x| x.outbox_list()).await
}

/// "Gửi lại": a waiting or failed message is tried now.
#[tauri::command]
pub async fn outbox_retry(
    s: State<'_, AppState>,
    runner: State<'_, crate::outbox::Runner>,
    id: i64,
) -> Res<Vec<OutboxMessage>> {
    let list = run(&s, move |x| x.outbox_retry(id)).await?;
    runner.wake();
    Ok(list)
}

/// "Bỏ": removes a message not yet sent.
#[tauri::command]
pub async fn outbox_cancel(s: State<'_, AppState>, id: i64) -> Res<Vec<OutboxMessage>> {
    run(&s, move |x| x.outbox_cancel(id)).await
}

/// "Đính kèm bản ký": keeps the signed PDF, or the photos of its pages, with the document.
#[tauri::command]
pub async fn register_attach(
    s: State<'_, AppState>,
    key: String,
    files: Vec<PathBuf>,
    replace: bool,
) -> Res<Attached> {
    run(&s, move |x| x.register_attach(&key, &files, replace)).await
}

/// The reminder on the home panel: when the data was last copied off the laptop.
#[tauri::command]
pub async fn backup_status(s: State<'_, AppState>) -> Res<BackupStatus> {
    run(&s, |x| x.backup_status()).await
}

/// "Sao lưu ra USB/thư mục khác": a verified copy into `folder` (or the remembered one).
#[tauri::command]
pub async fn backup_offsite(s: State<'_, AppState>, folder: Option<PathBuf>) -> Res<BackupInfo> {
    run(&s, move |x| x.backup_offsite(folder.as_deref())).await
}

/// The good backups to restore from. Needs no open session: it is what the app shows when
/// the database cannot be opened.
#[tauri::command]
pub async fn backups_list(more: Vec<PathBuf>) -> Res<BackupList> {
    blocking(move || Ok(Session::backups_list(&resolve_db_path(None)?, &more))).await
}

/// What a backup file the officer chose holds, before restoring it.
#[tauri::command]
pub async fn backup_inspect(path: PathBuf) -> Res<BackupInfo> {
    blocking(move || Ok(Session::backup_inspect(&path)?)).await
}

/// Restores `path` over the database. The session is closed first and the lock held
/// throughout, so no autosave can write in between; the next command opens the restored file
/// (running its migrations). Returns where the previous content was kept.
#[tauri::command]
pub async fn backup_restore(s: State<'_, AppState>, path: PathBuf) -> Res<Option<PathBuf>> {
    let state = AppState::clone(&s);
    blocking(move || {
        let mut guard = lock(&state);
        *guard = None;
        Ok(Session::restore(&resolve_db_path(None)?, &path)?)
    })
    .await
}
