// Mirrors of the Rust model (src/model/*.rs) and of the Tauri shell's return types.
// Field names are exactly those of the JSON the shell sends and receives.

/** The date of an official document; the day is often left blank until signing. */
export interface DocDate {
  day: number | null;
  month: number;
  year: number;
}

export interface Section {
  /** "I", "1", "1.2", "a" — without the final dot or parenthesis. */
  label: string;
  title: string;
  paragraphs: string[];
  children: Section[];
}

export interface Signer {
  /** One line each, e.g. ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]. */
  titles: string[];
  name: string;
}

/** A date by which something must be done or sent. */
export interface Deadline {
  /** ISO date, yyyy-mm-dd. */
  date: string;
  text: string;
  /** Label path of the section ("IV.3"), or "" when outside any section. */
  section: string;
  /** The unit responsible, when known (omitted otherwise). */
  unit?: string | null;
}

/** A period in which an activity takes place. */
export interface PlanEvent {
  start: string;
  end: string;
  text: string;
}

export interface Reference {
  type: string;
  number: string;
  date: string | null;
  issuer: string;
}

export interface Plan {
  doc_type: string;
  authority: string[] | null;
  number: string | null;
  symbol: string;
  place: string;
  date: DocDate;
  title: string;
  bases: string[];
  intro: string;
  sections: Section[];
  closing: string;
  recipients: string[];
  signer: Signer;
  deadlines: Deadline[];
  events: PlanEvent[];
  references: Reference[];
}

export interface Leader {
  name: string;
  /** "Chủ tịch" or "Phó Chủ tịch". */
  position: string;
}

export interface Unit {
  name: string;
  /** "ban", "ngành", "trường", "trạm y tế", "thôn", "đoàn thể", "phòng". */
  kind: string;
}

export interface Commune {
  name: string;
  /** "xã", "phường" or "đặc khu". */
  kind: string;
  /** Province name without "tỉnh". */
  province: string;
  superior: string;
  superior_email: string | null;
  parent_authority: string | null;
  authority_lines: string[];
  place: string;
  leaders: Leader[];
  units: Unit[];
  recipients: string[];
  /** Threshold category of the recognition rule (an id from `assessment_categories`); absent = the rule's default. */
  category?: string | null;
}

export interface PlanSummary {
  id: number;
  year: number;
  template: string;
  doc_type: string;
  title: string;
  number: string | null;
  /** RFC 3339 time stamp. */
  updated: string;
}

export interface StoredPlan {
  id: number;
  template: string;
  plan: Plan;
  created: string;
  updated: string;
}

export interface HistoryEntry {
  id: number;
  at: string;
  entity: 'commune' | 'plan' | 'assessment';
  entity_id: number | null;
  action: 'insert' | 'update' | 'delete';
  summary: string;
  undone: boolean;
}

export interface Template {
  id: string;
  name: string;
  description: string;
}

/** One A4 page laid out by the Rust core, drawn as SVG (exactly what prints). */
export interface PagePreview {
  width_mm: number;
  height_mm: number;
  svg: string;
}

/** A deadline of any plan of the year, as `deadlines({year})` returns it. */
export interface YearDeadline extends Deadline {
  /** The plan it comes from; steps of the assessment may come from no plan. */
  plan_id: number | null;
  plan_title: string;
  overdue: boolean;
}

export type ExportFormat = 'pdf' | 'docx';

/** A document of the self-assessment, as `AssessmentKind` (kebab-case) in the core. */
export type AssessmentKind = 'assessment' | 'report' | 'report-6m' | 'proposal' | 'minutes' | 'notice';
/** Formats of the assessment's documents: the score table also has a workbook. */
export type AssessmentFormat = 'pdf' | 'docx' | 'xlsx';

/** One step of `dossier_build`, sent as the "dossier-progress" event. */
export interface DossierProgress {
  done: number;
  total: number;
  label: string;
}

export interface DossierFile {
  name: string;
  kind: string;
  format: string;
  size: number;
  sha256: string;
}

/** What `dossier_build` wrote: the ZIP, the e-mail to send it, and what to fix first. */
export interface DossierResult {
  zip: string;
  eml: string;
  files: DossierFile[];
  warnings: string[];
}

/** One finding of the plan linter (src/check/finding.rs). */
export interface Finding {
  severity: 'error' | 'warning' | 'info';
  code: string;
  message: string;
  excerpt: string;
  suggestion: string | null;
  section: string;
  field?: string;
  index?: number;
  line?: number;
}

/** What every command rejects with; `message` is Vietnamese and shown as is. */
export interface ApiError {
  code: string;
  message: string;
}

// --- self-assessment (src/assess/*.rs; `assessment_overview` returns an Overview) ----------

export type ItemKind = 'yes_no' | 'count' | 'rate' | 'choice';

/** Raw figures, untagged as in the core: `true`, `3`, `{numerator, denominator}`, `"Hằng quý"`. */
export type Figure = boolean | number | { numerator: number; denominator: number } | string;

export interface ManualPoints {
  points: number;
  reason: string;
}

/** Where an item's points come from. */
export type PointsSource = 'computed' | 'manual' | 'needs_points' | 'missing';

export interface ItemScore {
  code: string;
  name: string;
  kind: ItemKind;
  /** Options of a `choice` item (absent otherwise). */
  options?: string[];
  unit: string;
  value: Figure | null;
  /** "412/415 (99,28 %)", "" when nothing entered. */
  display: string;
  points: number | null;
  max_points: number | null;
  source: PointsSource;
  /** False when the catalogue does not know this item's points: they are entered by hand. */
  confirmed: boolean;
  reason: string;
  evidence: string;
  by: string;
  at: string;
}

export interface CriterionScore {
  code: string;
  name: string;
  max_points: number | null;
  points: number;
  complete: boolean;
  met: boolean;
  manual: ManualPoints | null;
  items: ItemScore[];
}

export interface Verdict {
  recognised: boolean;
  /** False while some criterion lacks figures or points: the verdict is provisional. */
  complete: boolean;
  category: string;
  category_name: string;
  threshold: number;
  total: number;
  reasons: string[];
}

export interface UnitStatus {
  unit: string;
  items: string[];
  missing: string[];
}

export interface Schedule {
  units_due: string | null;
  meeting_due: string | null;
  notice_due: string | null;
  dossier_due: string | null;
  notice_days?: number | null;
}

export interface AssessmentEntry {
  value?: Figure | null;
  manual?: ManualPoints;
  evidence?: string;
  unit?: string;
  by?: string;
  at?: string;
}

export interface Assessment {
  year: number;
  entries: Record<string, AssessmentEntry>;
  criterion_points: Record<string, ManualPoints>;
  meeting: Record<string, unknown>;
  documents: Record<string, { number: string | null; date: string | null }>;
  schedule: Schedule;
}

export interface Overview {
  commune: string;
  catalog_name: string;
  catalog_note: string;
  catalog_source: string;
  year: number;
  catalog: string;
  criteria: CriterionScore[];
  total: number;
  max_total: number | null;
  verdict: Verdict;
  units: UnitStatus[];
  schedule: Schedule;
  units_late: boolean;
  assessment: Assessment;
}

/** One change on the page, as typed; absent fields stay as they are ("" clears). */
export interface AssessmentEdit {
  code: string;
  value?: string;
  evidence?: string;
  points?: string;
  reason?: string;
  unit?: string;
}

export interface Category {
  id: string;
  name: string;
  threshold: number;
}
