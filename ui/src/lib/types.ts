// The types of the Tauri shell's commands. Those the Rust core defines are generated into
// ./contract.ts (`TRE_UPDATE_CONTRACT=1 cargo test --lib contract`) and only re-exported here;
// what follows them has no Rust counterpart.

import type { ErrorCode, ExportFormat } from './contract';

export type {
  Assessment,
  AssessmentEdit,
  AssessmentEntry,
  AssessmentKind,
  Attached,
  BackupInfo,
  BackupKind,
  BackupList,
  BackupStatus,
  Category,
  Commune,
  CopiedPlan,
  CriterionScore,
  Deadline,
  DocDate,
  ChainStatus,
  DocState,
  DossierFile,
  DossierFileFormat,
  DossierFileKind,
  DossierFileState,
  DossierOptions,
  DossierPart,
  DossierProgress,
  DossierResult,
  ErrorCode,
  ExportFormat,
  SignatureInfo,
  SmtpSecurity,
  SmtpSettings,
  SignatureStatus,
  TrustRoot,
  Trends,
  ScoreImport,
  Figure,
  Finding,
  HistoryEntry,
  ImportedPlan,
  IssuedDoc,
  ItemKind,
  ItemScore,
  Leader,
  ManualPoints,
  Meeting,
  OutboxMessage,
  OutboxState,
  Overview,
  PagePreview,
  Plan,
  PlanEvent,
  PlanSummary,
  PointsSource,
  Reference,
  RegisterEntry,
  Reminder,
  Schedule,
  Scored,
  Section,
  SendMethod,
  Sending,
  Severity,
  SignedCopy,
  Signer,
  StoredPlan,
  Template,
  Unit,
  UnitStatus,
  Verdict,
  YearDeadline,
} from './contract';

/** The formats a plan is exported to from the app (the core also writes svg, txt, json). */
export type AppExportFormat = Extract<ExportFormat, 'pdf' | 'docx'>;
/** Formats of the assessment's documents: the score table also has a workbook. */
export type AssessmentFormat = Extract<ExportFormat, 'pdf' | 'docx' | 'xlsx'>;

/** Codes only the shell itself rejects with (src-tauri/src/opening.rs), not the core. */
export type ShellErrorCode = 'not-written' | 'open-failed';

/** What every command rejects with; `message` is Vietnamese and shown as is. */
export interface ApiError {
  code: ErrorCode | ShellErrorCode | 'unknown';
  message: string;
}
