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
  entity: 'commune' | 'plan';
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
  plan_id: number;
  plan_title: string;
  overdue: boolean;
}

export type ExportFormat = 'pdf' | 'docx';

/** What every command rejects with; `message` is Vietnamese and shown as is. */
export interface ApiError {
  code: string;
  message: string;
}
