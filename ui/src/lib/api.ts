// The commands of the Tauri shell, typed. Inside Tauri every function is one `invoke`; in a
// plain browser (development, UI tests) the same calls go to the real core through the
// loopback dev server (dev-server/, `POST /invoke/<command>`), never to a copy of it.
//
// Command names are snake_case; argument names are camelCase as Tauri 2 converts them.

import type { Consolidated, ImportReport as ProvinceImportReport, Issuer, ProvinceProgress, Trend as ProvinceTrend } from './province';
import type {
  ApiError,
  AssessmentEdit,
  Attached,
  AssessmentFormat,
  AssessmentKind,
  CopiedPlan,
  DossierOptions,
  DossierProgress,
  DossierResult,
  Finding,
  Category,
  Commune,
  AppExportFormat,
  BackupInfo,
  BackupList,
  BackupStatus,
  ErrorCode,
  HistoryEntry,
  ImportedPlan,
  PagePreview,
  Overview,
  Trends,
  ScoreImport,
  Plan,
  PlanSummary,
  RegisterEntry,
  Reminder,
  SendMethod,
  StoredPlan,
  Template,
  YearDeadline,
  TrustRoot,
  OutboxMessage,
  SmtpSettings,
} from './types';
import { invoke } from '@tauri-apps/api/core';

export const inTauri: boolean = typeof window !== 'undefined' && '__TAURI_INTERNALS__' in window;

/** One command through the dev server: the answer, or its `{code, message}` thrown. */
export async function invokeHttp<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`/invoke/${cmd}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(args ?? {}),
    });
  } catch {
    throw { code: 'unknown', message: 'Không kết nối được máy chủ thử nghiệm của Tre (tre-dev-server). Hãy chạy lại nó.' };
  }
  // `{value}` or `{error: {code, message}}`, as the invoke resolves or rejects inside Tauri.
  const body = (await res.json().catch(() => null)) as { value?: T; error?: unknown } | null;
  if (body?.error) throw body.error;
  if (!res.ok || !body || !('value' in body)) throw { code: 'unknown', message: `Máy chủ thử nghiệm trả lời lỗi ${res.status}.` };
  return body.value as T;
}

async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return inTauri ? await invoke<T>(cmd, args) : await invokeHttp<T>(cmd, args);
  } catch (err) {
    throw toApiError(err);
  }
}

/** Whatever was thrown, as `{code, message}` with a Vietnamese message. */
export function toApiError(err: unknown): ApiError {
  if (err && typeof err === 'object' && 'message' in err && typeof (err as ApiError).message === 'string') {
    const e = err as Partial<ApiError> & { message: string };
    // The code comes from the shell: one of the core's codes (the generated `ErrorCode`) or the shell's own.
    return { code: typeof e.code === 'string' ? (e.code as ApiError['code']) : 'unknown', message: e.message };
  }
  if (typeof err === 'string') return { code: 'unknown', message: err };
  return { code: 'unknown', message: 'Đã xảy ra lỗi không rõ nguyên nhân. Hãy thử lại.' };
}

/**
 * What the app adds to the core's message, by error code: the core's messages name no
 * interface (the command line adds its own hints the same way), so where to click is said here.
 * A damaged or newer file ('db-corrupt', 'db-newer') needs no hint: the screen that says so
 * lists the backups to restore (components/RestorePanel.svelte). No hint names a command.
 */
export const APP_HINTS: Readonly<Partial<Record<ErrorCode, string>>> = {
  'no-commune': 'Mở trang “Thông tin xã” để nhập.',
  'commune-incomplete': 'Mở trang “Thông tin xã” để nhập.',
  'plan-not-found': 'Hãy quay lại trang Kế hoạch và chọn lại.',
  'missing-signed-copies': 'Đính kèm bản ký ở trang “Văn bản”.',
};

export function errorMessage(err: unknown): string {
  const e = toApiError(err);
  const hint = e.code in APP_HINTS ? APP_HINTS[e.code as ErrorCode] : undefined;
  return hint ? `${e.message} ${hint}` : e.message;
}

// --- commune -------------------------------------------------------------------------------
export const communeGet = () => call<Commune | null>('commune_get');
export const communeSet = (commune: Commune) => call<void>('commune_set', { commune });
/** Loads the demo commune and one plan per template for `year`; returns the plan ids. */
export const demoLoad = (year: number) => call<number[]>('demo_load', { year });

// --- plans ---------------------------------------------------------------------------------
export const templatesList = () => call<Template[]>('templates_list');
export const plansList = (year: number | null) => call<PlanSummary[]>('plans_list', { year });
export const planGet = (id: number) => call<StoredPlan>('plan_get', { id });
export const planNew = (year: number, template: string) => call<number>('plan_new', { year, template });
export const planUpdate = (id: number, plan: Plan) => call<void>('plan_update', { id, plan });
export const planCopy = (id: number, year: number) => call<number>('plan_copy', { id, year });
export const planDelete = (id: number) => call<void>('plan_delete', { id });
export const planPreview = (plan: Plan) => call<PagePreview[]>('plan_preview', { plan });

// --- export, history, deadlines ------------------------------------------------------------
/** Writes the plan to `path`; returns the path written. */
export const exportPlan = (id: number, format: AppExportFormat, path: string) => call<string>('export_plan', { id, format, path });
/** Into the export folder under the core's file name (the dossier's name for the same plan). */
export const exportPlanToFolder = (id: number, format: AppExportFormat) => call<string>('export_plan_to_folder', { id, format });
export const planFileName = (id: number, format: AppExportFormat) => call<string>('plan_file_name', { id, format });
export const undo = () => call<HistoryEntry>('undo');
export const redo = () => call<HistoryEntry>('redo');
export const history = (limit: number) => call<HistoryEntry[]>('history', { limit });
export const deadlines = (year: number) => call<YearDeadline[]>('deadlines', { year });
export const defaultExportDir = () => call<string>('default_export_dir');
/** Today's deadline reminder, as the desktop notification says it; null when nothing is due. */
export const reminder = () => call<Reminder | null>('reminder');
/** Calls `f` with each reminder the app gives while open (once a day); a no-op outside the app. */
export async function onReminder(f: (r: Reminder) => void): Promise<() => void> {
  if (!inTauri) return () => {};
  const { listen } = await import('@tauri-apps/api/event');
  return listen<Reminder>('reminder', (e) => f(e.payload));
}

// --- self-assessment -------------------------------------------------------------------------
export const assessmentOverview = (year: number) => call<Overview>('assessment_overview', { year });
/** Applies one change; returns the new overview (points, verdict, units) in the same answer. */
export const assessmentSet = (year: number, edit: AssessmentEdit) => call<Overview>('assessment_set', { year, edit });
export const assessmentCategories = () => call<Category[]>('assessment_categories');
/** Every stored year scored with the catalogue in use, per criterion and sub-item. */
export const assessmentTrends = () => call<Trends>('assessment_trends');
/** Seeds a past year from its score table (XLSX): the table's year unless `year` is given; a
 * year that already has figures only with `replace`. */
export const assessmentImportScores = (path: string, year: number | null, replace: boolean) =>
  call<ScoreImport>('assessment_import_scores', { path, year, replace });
/** Writes one document of the assessment into the export folder; returns the path written.
 * The proposal is refused (Vietnamese message) while the verdict is not "đạt". */
export const assessmentExport = (kind: AssessmentKind, year: number, format: AssessmentFormat) =>
  call<string>('assessment_export', { kind, year, format });

/** Builds the year's dossier (each part a ZIP + .eml) in the export folder with the officer's
 * choices; refused with 'missing-signed-copies' while a document has no signed copy and
 * drafts were not asked for. `onProgress` gets each step (in a browser the dev server sends
 * the result alone). */
export async function dossierBuild(year: number, options: DossierOptions, onProgress?: (p: DossierProgress) => void): Promise<DossierResult> {
  let unlisten: (() => void) | null = null;
  if (inTauri && onProgress) {
    const { listen } = await import('@tauri-apps/api/event');
    unlisten = await listen<DossierProgress>('dossier-progress', (e) => onProgress(e.payload));
  }
  try {
    return await call<DossierResult>('dossier_build', { year, options });
  } finally {
    unlisten?.();
  }
}

// --- the province's side (Tổng hợp của tỉnh) ------------------------------------------------
/** Imports the communes' dossiers in the chosen folders or ZIPs for `year`: each verified,
 * its summary stored. `onProgress` gets each dossier done (in a browser, the result alone). */
export async function provinceImport(paths: string[], year: number, onProgress?: (p: ProvinceProgress) => void): Promise<ProvinceImportReport> {
  let unlisten: (() => void) | null = null;
  if (inTauri && onProgress) {
    const { listen } = await import('@tauri-apps/api/event');
    unlisten = await listen<ProvinceProgress>('province-progress', (e) => onProgress(e.payload));
  }
  try {
    return await call<ProvinceImportReport>('province_import', { paths, year });
  } finally {
    unlisten?.();
  }
}
export const provinceTable = (year: number) => call<Consolidated>('province_table', { year });
export const provinceTrends = (commune: string | null) => call<ProvinceTrend[]>('province_trends', { commune });
export const provinceIssuer = () => call<Issuer | null>('province_issuer');
export const provinceSetIssuer = (issuer: Issuer) => call<void>('province_set_issuer', { issuer });
/** The consolidated workbook (`pdf` false) or report into the export folder; returns the path. */
export const provinceExport = (year: number, pdf: boolean) => call<string>('province_export', { year, pdf });

// --- the document register (sổ văn bản đi) ------------------------------------------------
export const registerList = (year: number) => call<RegisterEntry[]>('register_list', { year });
/** One document's line: `plan:3`, `assessment:2026:report`. */
export const registerEntry = (key: string) => call<RegisterEntry>('register_entry', { key });
/** Records the number and date the văn thư gave the document ("Đã ký"). */
export const registerSign = (key: string, number: string, date: string) => call<RegisterEntry>('register_sign', { key, number, date });
/** Keeps the signed PDF, or photos of its pages in order, with the document ("Có bản ký");
 * warnings say what to check. */
export const registerAttach = (key: string, files: string[], replace: boolean) => call<Attached>('register_attach', { key, files, replace });
/** The signed copy's bytes (base64), exactly as kept, for the page thumbnails. */
export const registerCopyData = (key: string) => call<string>('register_copy_data', { key });
/** The roots digital signatures are checked against ("Chứng thư gốc tin cậy"). */
export const trustList = () => call<TrustRoot[]>('trust_list');
/** Imports certificate files (.cer, .crt, .pem) as trusted roots; answers the roots now trusted. */
export const trustImport = (files: string[]) => call<TrustRoot[]>('trust_import', { files });
/** Removes a trusted root by its SHA-256 fingerprint. */
export const trustRemove = (fingerprint: string) => call<TrustRoot[]>('trust_remove', { fingerprint });
// --- the outbox (hộp thư đi) ---------------------------------------------------------------
/** The mail account, or null before it is set. */
export const outboxSettings = () => call<SmtpSettings | null>('outbox_settings');
/** Saves the mail account; a typed password goes to the OS credential store, never the database. */
export const outboxConfigure = (settings: SmtpSettings, password: string | null) =>
  call<SmtpSettings>('outbox_configure', { settings, password });
/** Queues the year's dossier (one message a part); the app's runner sends it when the line allows. */
export const outboxQueue = (year: number, options: DossierOptions) => call<OutboxMessage[]>('outbox_queue', { year, options });
export const outboxList = () => call<OutboxMessage[]>('outbox_list');
export const outboxRetry = (id: number) => call<OutboxMessage[]>('outbox_retry', { id });
export const outboxCancel = (id: number) => call<OutboxMessage[]>('outbox_cancel', { id });
/** Calls `f` each time the runner finished an attempt; returns the unsubscribe (a no-op outside the app). */
export async function onOutboxChanged(f: () => void): Promise<() => void> {
  if (!inTauri) return () => {};
  const { listen } = await import('@tauri-apps/api/event');
  return listen('outbox-changed', () => f());
}

/** Records that a signed document went out ("Đã gửi"); `on` is "20/04/2026". */
export const registerSend = (key: string, on: string, to: string, how: SendMethod, note: string | null) =>
  call<RegisterEntry>('register_send', { key, on, to, how, note });

// --- backups and restore ------------------------------------------------------------------
/** The off-laptop reminder: the remembered folder, the last copy, whether one is due. */
export const backupStatus = () => call<BackupStatus>('backup_status');
/** "Sao lưu ra USB/thư mục khác": a copy read back and checked, in `folder` (null: the
 * remembered one); the folder is remembered. */
export const backupOffsite = (folder: string | null) => call<BackupInfo>('backup_offsite', { folder });
/** The backups that passed their check, newest data first, from `backups/` beside the data, the
 * remembered folder and `more`; works while the data cannot be opened. */
export const backupsList = (more: string[]) => call<BackupList>('backups_list', { more });
/** Checks one file the officer chose; a Vietnamese error when it is not a good Tre backup. */
export const backupInspect = (path: string) => call<BackupInfo>('backup_inspect', { path });
/** Replaces the data with the backup at `path`; answers where the previous content was kept.
 * The next command opens the restored data. */
export const backupRestore = (path: string) => call<string | null>('backup_restore', { path });

// --- plan linter ----------------------------------------------------------------------------
/** Imports a .txt/.md/.docx plan, saves it as a new plan and checks it. */
export const planImport = (path: string) => call<ImportedPlan>('plan_import', { path });
/** Copies a plan to `year` and checks the copy (a year or basis left from the old plan). */
export const planCopyChecked = (id: number, year: number) => call<CopiedPlan>('plan_copy_checked', { id, year });
export const planCheck = (id: number) => call<Finding[]>('plan_check', { id });
/** Findings of the plan as being edited (need not be saved). */
export const planCheckDraft = (plan: Plan) => call<Finding[]>('plan_check_draft', { plan });

// --- system dialogs and files (Tauri plugins; harmless stand-ins in a browser) ---------------

const FILTERS: Record<AppExportFormat, { name: string; extensions: string[] }> = {
  pdf: { name: 'Tệp PDF', extensions: ['pdf'] },
  docx: { name: 'Tài liệu Word', extensions: ['docx'] },
};

/** The system "Save as" dialog; null when the officer cancels. */
export async function saveDialog(defaultPath: string, format: AppExportFormat): Promise<string | null> {
  if (!inTauri) return defaultPath;
  try {
    const { save } = await import('@tauri-apps/plugin-dialog');
    return await save({ defaultPath, filters: [FILTERS[format]], title: format === 'pdf' ? 'Lưu tệp PDF' : 'Lưu tệp Word' });
  } catch (err) {
    throw toApiError(err);
  }
}

/**
 * The GTK dialog is a native window that WebDriver cannot reach, and a browser has none: the
 * tests set this one-shot answer instead (tests/e2e/importing.py, ui/scripts/e2e.mjs);
 * everything after the dialog is real. `undefined` when no answer is set.
 */
function takeTestAnswer(): string | string[] | undefined {
  const w = window as { __TRE_E2E_OPEN__?: string | string[] };
  const answer = w.__TRE_E2E_OPEN__;
  delete w.__TRE_E2E_OPEN__;
  return answer;
}

/** The system "Open" dialog for a plan file; null when the officer cancels. */
export const openPlanFileDialog = () =>
  openFileDialog('Chọn tệp kế hoạch có sẵn', { name: 'Kế hoạch (Word, văn bản)', extensions: ['docx', 'txt', 'md'] });

/** The system "Open" dialog for a signed copy: one PDF, or the photos of its pages in order;
 * null when the officer cancels. The tests answer through the same hook as the plan dialog. */
export const openSignedCopyDialog = () =>
  openFilesDialog('Chọn bản ký: một tệp PDF, hoặc ảnh chụp các trang theo thứ tự', {
    name: 'Bản ký (PDF, ảnh JPG/PNG)',
    extensions: ['pdf', 'jpg', 'jpeg', 'png'],
  });

/** Certificate files to trust (a CA's or the province's roots); null when cancelled. */
export const openCertificateDialog = () =>
  openFilesDialog('Chọn tệp chứng thư gốc tin cậy', { name: 'Chứng thư số (.cer, .crt, .pem)', extensions: ['cer', 'crt', 'pem', 'der'] });

/** A past year's score table (Tre's "Bảng điểm" or a province's with the same columns). */
export const openScoreTableDialog = () => openFileDialog('Chọn bảng điểm (Excel) của năm trước', { name: 'Bảng điểm (Excel .xlsx)', extensions: ['xlsx'] });

/** The communes' dossiers (.zip, every part of a split one) the province imports. */
export const openDossierZipsDialog = () => openFilesDialog('Chọn hồ sơ (.zip) của các xã', { name: 'Hồ sơ của xã (.zip)', extensions: ['zip'] });

/** A backup file (.db) to restore from; null when cancelled. */
export const openBackupFileDialog = () => openFileDialog('Chọn tệp sao lưu của Tre', { name: 'Bản sao lưu của Tre (.db)', extensions: ['db'] });

/** The system dialog choosing a folder (a USB stick, a synced folder); null when cancelled.
 * The tests answer through the same hook as the file dialogs. */
export async function openFolderDialog(title: string): Promise<string | null> {
  const answer = takeTestAnswer();
  if (answer !== undefined) return (Array.isArray(answer) ? answer[0] : answer) || null;
  if (!inTauri) return null;
  try {
    const { open } = await import('@tauri-apps/plugin-dialog');
    const r = await open({ multiple: false, directory: true, title });
    return typeof r === 'string' ? r : null;
  } catch (err) {
    throw toApiError(err);
  }
}

/** The "Open" dialog choosing several files; the test hook may answer one path or a list. */
async function openFilesDialog(title: string, filter: { name: string; extensions: string[] }): Promise<string[] | null> {
  const answer = takeTestAnswer();
  if (answer !== undefined) {
    const files = Array.isArray(answer) ? answer : answer ? [answer] : [];
    return files.length ? files : null;
  }
  if (!inTauri) return null;
  try {
    const { open } = await import('@tauri-apps/plugin-dialog');
    const r = await open({ multiple: true, directory: false, title, filters: [filter] });
    return Array.isArray(r) && r.length ? r : null;
  } catch (err) {
    throw toApiError(err);
  }
}

async function openFileDialog(title: string, filter: { name: string; extensions: string[] }): Promise<string | null> {
  const answer = takeTestAnswer();
  if (answer !== undefined) return (Array.isArray(answer) ? answer[0] : answer) || null;
  if (!inTauri) return null;
  try {
    const { open } = await import('@tauri-apps/plugin-dialog');
    const r = await open({ multiple: false, directory: false, title, filters: [filter] });
    return typeof r === 'string' ? r : null;
  } catch (err) {
    throw toApiError(err);
  }
}

/**
 * Opens a file Tre wrote (or its folder, or the export folder) with the system's program. The
 * shell refuses any other path (src-tauri/src/opening.rs), with a Vietnamese message.
 */
export async function openPath(path: string): Promise<void> {
  if (!inTauri) {
    console.info('[trình duyệt] mở', path);
    return;
  }
  await call<void>('open_written', { path });
}

/** Shows a file Tre wrote, selected in the system's file manager. */
export async function revealInDir(path: string): Promise<void> {
  if (!inTauri) {
    console.info('[trình duyệt] mở thư mục chứa', path);
    return;
  }
  await call<void>('reveal_written', { path });
}
