// An in-memory stand-in for the Tauri shell, used when the UI runs in a plain browser
// (development, screenshots, UI tests). Same command names, arguments, results and
// `{code, message}` errors as the real shell; the preview is a rough sketch, not the core's
// layout.

import type {
  Assessment,
  AssessmentEdit,
  Commune,
  HistoryEntry,
  Plan,
  PlanSummary,
  Section,
  StoredPlan,
  Template,
  YearDeadline,
} from './types';
import { checkYear, todayIso, validateDocDate } from './dates';
import { validatePlan } from './plan';
import { deepNfc } from './text';
import { mockFindings } from './mock-findings';
import { previewPages } from './mock-preview';
import { DEMO, MockAssessments, checkCategory, demoAssessment } from './assessment/mock';
import qd06 from '../../../assets/templates/qd06.json';
import program from '../../../assets/templates/program.json';
import earlyChildhood from '../../../assets/templates/early-childhood.json';
import blank from '../../../assets/templates/blank.json';

interface TemplateSource extends Template {
  plan: unknown;
}

const TEMPLATES = [qd06, program, earlyChildhood, blank] as unknown as TemplateSource[];

/** The core's demo commune (xã Minh Hòa, Phú Thọ), as `cargo test --test it ui_fixture` wrote it. */
export function demoCommune(): Commune {
  return clone(DEMO.commune);
}

const fail = (code: string, message: string): never => {
  throw { code, message } satisfies { code: string; message: string };
};

function checkedYear(year: number): number {
  const problem = checkYear(year);
  if (problem) fail('invalid', problem);
  return year;
}

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

function nowStamp(): string {
  const d = new Date();
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}+07:00`;
}

/** Placeholders of assets/templates (see src/template/mod.rs). */
function fill(value: unknown, vars: [string, string][]): unknown {
  if (typeof value === 'string') return vars.reduce((s, [k, v]) => s.split(k).join(v), value);
  if (Array.isArray(value)) return value.map((v) => fill(v, vars));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v, vars)]));
  }
  return value;
}

export function instantiate(templateId: string, commune: Commune, year: number): Plan {
  const t = TEMPLATES.find((x) => x.id === templateId);
  if (!t) fail('unknown-template', `Mẫu kế hoạch “${templateId}” không có. Các mẫu có: qd06, program, early-childhood, blank.`);
  const yearProblem = checkYear(year);
  if (yearProblem) fail('invalid', yearProblem);
  const kind = commune.kind.trim();
  const vars: [string, string][] = [
    ['{{ten}}', commune.name],
    ['{{cap}}', kind],
    ['{{Cap}}', kind.charAt(0).toUpperCase() + kind.slice(1)],
    ['{{tinh}}', commune.province],
    ['{{cap_tren}}', commune.superior],
    ['{{dia_danh}}', commune.place],
    ['{{nam}}', String(year)],
  ];
  const plan = fill(clone(t!.plan), vars) as Plan;
  plan.date.year = year;
  const vice = commune.leaders.find((l) => l.position.toLowerCase().startsWith('phó chủ tịch'));
  const chair = commune.leaders.find((l) => l.position.toLowerCase() === 'chủ tịch');
  if (vice) plan.signer = { titles: ['KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH'], name: vice.name };
  else if (chair) plan.signer = { titles: ['TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH'], name: chair.name };
  else plan.signer = { titles: ['KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH'], name: '' };
  if (commune.recipients.length) {
    const items = commune.recipients.filter((r) => r.trim());
    if (!items[items.length - 1]?.startsWith('Lưu')) {
      plan.recipients = [...items.filter((r) => !r.startsWith('Lưu')), 'Lưu: VT, VHXH'];
    } else plan.recipients = items;
  }
  return deepNfc(plan);
}

/** Moves the plan's year, as src/rollover.rs does (simplified: whole-word years). */
function rollOver(plan: Plan, year: number): Plan {
  const from = String(plan.date.year);
  const shift = (s: string) => s.replace(new RegExp(`(?<!\\d)${from}(?!\\d)`, 'g'), String(year));
  const shiftSections = (ss: Section[]): Section[] =>
    ss.map((s) => ({ ...s, title: shift(s.title), paragraphs: s.paragraphs.map(shift), children: shiftSections(s.children) }));
  const shiftIso = (d: string) => (d.startsWith(from + '-') ? (d.endsWith('-02-29') ? `${year}-02-28` : `${year}${d.slice(4)}`) : d);
  return {
    ...clone(plan),
    number: null,
    date: { ...plan.date, day: null, year },
    title: shift(plan.title),
    bases: plan.bases.map(shift),
    intro: shift(plan.intro),
    closing: shift(plan.closing),
    recipients: plan.recipients.map(shift),
    sections: shiftSections(plan.sections),
    deadlines: plan.deadlines.map((d) => ({ ...d, date: shiftIso(d.date), text: shift(d.text) })),
    events: plan.events.map((e) => ({ ...e, start: shiftIso(e.start), end: shiftIso(e.end), text: shift(e.text) })),
  };
}

interface Change {
  entry: HistoryEntry;
  old: unknown;
  new: unknown;
}

export class MockBackend {
  commune: Commune | null = null;
  plans = new Map<number, StoredPlan>();
  assessments = new MockAssessments();
  changes: Change[] = [];
  private nextPlanId = 1;
  private nextHistoryId = 1;
  /** Milliseconds each answer takes, to show "Đang lưu…" as in the real app. */
  latency = 0;
  /** Receives the steps of `dossier_build`, as the Tauri event does in the app. */
  onDossierProgress: ((p: { done: number; total: number; label: string }) => void) | null = null;
  /** Paths "written" by the exports, for tests. */
  exported: string[] = [];

  private assessmentExport(kind: string, year: number, format: string): string {
    const kinds = ['assessment', 'report', 'report-6m', 'proposal', 'minutes', 'notice'];
    if (!kinds.includes(kind)) fail('invalid', `Văn bản “${kind}” không có.`);
    if (format !== 'pdf' && format !== 'docx' && !(format === 'xlsx' && kind === 'assessment'))
      fail('invalid', `Văn bản này không xuất được ra định dạng “${format}”. Hãy chọn PDF hoặc Word.`);
    const ov = this.assessments.overview(this.needCommune(), year, todayIso());
    if (kind === 'proposal' && !ov.verdict.recognised)
      fail(
        'invalid',
        `Chưa lập được Tờ trình đề nghị công nhận: kết quả tự đánh giá năm ${year} chưa đạt chuẩn. Hãy bổ sung số liệu, điểm còn thiếu rồi xuất lại; báo cáo, biên bản và thông báo vẫn xuất được.`,
      );
    const path = `/home/canbo/Tài liệu/Tre/${year}_MinhHoa_${kind}.${format}`;
    this.exported.push(path);
    return path;
  }

  private dossierBuild(year: number) {
    if (!this.list(year).length) fail('invalid', `Năm ${year} chưa có kế hoạch nào: hãy lập kế hoạch trước khi tạo hồ sơ gửi.`);
    const steps = ['Kế hoạch', 'Báo cáo tự đánh giá', 'Bảng điểm', 'Đóng gói ZIP', 'Thư điện tử'];
    steps.forEach((label, i) => this.onDossierProgress?.({ done: i + 1, total: steps.length, label }));
    const base = `/home/canbo/Tài liệu/Tre/${year}_MinhHoa_ho-so`;
    return {
      zip: `${base}.zip`,
      eml: `${base}.eml`,
      files: [{ name: `${year}_MinhHoa_BC-tu-danh-gia.pdf`, kind: 'report', format: 'pdf', size: 48213, sha256: '0'.repeat(64) }],
      warnings: this.commune?.superior_email ? [] : ['Chưa có địa chỉ thư điện tử của cấp trên: hãy nhập ở phần “Thông tin xã” rồi tạo lại, hoặc điền người nhận khi gửi thư.'],
    };
  }

  async invoke<T>(cmd: string, args: Record<string, unknown> = {}): Promise<T> {
    if (this.latency > 0) await new Promise((r) => setTimeout(r, cmd === 'plan_preview' ? this.latency * 2 : this.latency));
    return clone(this.dispatch(cmd, args)) as T;
  }

  private dispatch(cmd: string, a: Record<string, unknown>): unknown {
    switch (cmd) {
      case 'commune_get':
        return this.commune;
      case 'commune_set':
        return this.communeSet(a.commune as Commune);
      case 'demo_load':
        return this.demoLoad(a.year as number);
      case 'templates_list':
        return TEMPLATES.map(({ id, name, description }) => ({ id, name, description }));
      case 'plans_list':
        return this.list(a.year as number | null);
      case 'plan_get':
        return this.get(a.id as number);
      case 'plan_new':
        return this.planNew(a.year as number, a.template as string);
      case 'plan_update':
        return this.planUpdate(a.id as number, a.plan as Plan);
      case 'plan_copy':
        return this.planCopy(a.id as number, a.year as number);
      case 'plan_delete':
        return this.planDelete(a.id as number);
      case 'plan_preview':
        return previewPages(a.plan as Plan, this.commune);
      // The names are the core's (Session::plan_file_name); the mock only needs one.
      case 'plan_file_name':
        this.get(a.id as number);
        return `ke-hoach-${String(a.id)}.${String(a.format)}`;
      case 'export_plan_to_folder':
        this.get(a.id as number);
        return `/home/canbo/Tài liệu/Tre/ke-hoach-${String(a.id)}.${String(a.format)}`;
      case 'export_plan':
        this.get(a.id as number);
        if (a.format !== 'pdf' && a.format !== 'docx') fail('invalid', `Định dạng “${String(a.format)}” không hỗ trợ.`);
        return a.path as string;
      case 'undo':
        return this.undo();
      case 'redo':
        return this.redo();
      case 'history':
        return this.changes
          .map((c) => c.entry)
          .slice(-(a.limit as number) || undefined)
          .reverse();
      case 'deadlines':
        return this.deadlines(a.year as number);
      case 'default_export_dir':
        return '/home/canbo/Tài liệu/Tre';
      case 'assessment_overview':
        return this.assessments.overview(this.needCommune(), checkedYear(a.year as number), todayIso());
      case 'assessment_set':
        return this.assessmentSet(checkedYear(a.year as number), a.edit as AssessmentEdit);
      case 'assessment_categories':
        return this.assessments.categories();
      case 'assessment_export':
        return this.assessmentExport(a.kind as string, checkedYear(a.year as number), a.format as string);
      case 'dossier_build':
        return this.dossierBuild(checkedYear(a.year as number));
      case 'plan_copy_checked': {
        const id = this.planCopy(a.id as number, a.year as number);
        return { id, findings: mockFindings(this.get(id).plan) };
      }
      case 'plan_import': {
        // No file is read in a browser: the "imported" plan is the yearly plan's template.
        const path = String(a.path);
        if (!/\.(txt|md|docx)$/i.test(path)) fail('invalid', `Không đọc được “${path}”: Tre nhập được tệp .txt, .md hoặc .docx.`);
        const id = this.planNew(new Date().getFullYear(), 'qd06');
        return { id, warnings: ['Không thấy nơi nhận trong tệp: hãy nhập ở phần “Kết thúc, người ký, nơi nhận”.'], findings: mockFindings(this.get(id).plan) };
      }
      case 'plan_check':
        return mockFindings(this.get(a.id as number).plan);
      case 'plan_check_draft':
        return mockFindings(a.plan as Plan);
      default:
        return fail('unknown-command', `Lệnh “${cmd}” chưa có.`);
    }
  }

  private record(entity: HistoryEntry['entity'], entityId: number | null, action: HistoryEntry['action'], old: unknown, now: unknown, summary: string) {
    // A new change ends what could be redone.
    this.changes = this.changes.filter((c) => !c.entry.undone);
    this.changes.push({
      entry: { id: this.nextHistoryId++, at: nowStamp(), entity, entity_id: entityId, action, summary, undone: false },
      old: clone(old),
      new: clone(now),
    });
  }

  private communeSet(c: Commune) {
    if (!c || !c.name?.trim()) fail('invalid', 'Thiếu tên xã. Hãy nhập tên xã.');
    try {
      checkCategory(c);
    } catch (e) {
      fail('invalid', (e as Error).message);
    }
    const old = this.commune;
    this.commune = deepNfc(c);
    this.record('commune', 1, old ? 'update' : 'insert', old, this.commune, `Cập nhật thông tin ${c.kind} ${c.name}`);
    return null;
  }

  private demoLoad(year: number): number[] {
    if (this.commune) {
      fail('invalid', `Cơ sở dữ liệu này đã có thông tin ${this.commune.kind} ${this.commune.name}; dữ liệu mẫu không ghi đè.`);
    }
    this.commune = demoCommune();
    const ids: number[] = [];
    for (const t of TEMPLATES) {
      const plan = instantiate(t.id, this.commune, year);
      if (t.id === 'qd06') {
        plan.number = '15';
        plan.date.day = 8;
      }
      ids.push(this.insert(t.id, plan));
    }
    this.assessments.put(year, demoAssessment(year));
    return ids;
  }

  private insert(template: string, plan: Plan): number {
    const id = this.nextPlanId++;
    const stamp = nowStamp();
    const stored: StoredPlan = { id, template, plan, created: stamp, updated: stamp };
    this.plans.set(id, stored);
    this.record('plan', id, 'insert', null, stored, `Tạo kế hoạch “${plan.title}”`);
    return id;
  }

  private list(year: number | null): PlanSummary[] {
    return [...this.plans.values()]
      .filter((p) => year === null || p.plan.date.year === year)
      .sort((a, b) => b.updated.localeCompare(a.updated) || b.id - a.id)
      .map((p) => ({
        id: p.id,
        year: p.plan.date.year,
        template: p.template,
        doc_type: p.plan.doc_type,
        title: p.plan.title,
        number: p.plan.number,
        updated: p.updated,
      }));
  }

  private get(id: number): StoredPlan {
    const p = this.plans.get(id);
    if (!p) fail('plan-not-found', `Không tìm thấy kế hoạch số ${id}.`);
    return p!;
  }

  private needCommune(): Commune {
    if (!this.commune) fail('no-commune', 'Chưa có thông tin xã. Hãy nhập thông tin xã hoặc dùng dữ liệu mẫu.');
    return this.commune!;
  }

  private assessmentSet(year: number, edit: AssessmentEdit) {
    const commune = this.needCommune();
    const { old, summary, changed } = this.assessments.set(year, edit, nowStamp());
    if (changed) {
      this.record('assessment', year, old ? 'update' : 'insert', old, this.assessments.get(year), `Tự đánh giá năm ${year}: ${summary}`);
    }
    return this.assessments.overview(commune, year, todayIso());
  }

  private planNew(year: number, template: string): number {
    if (!this.commune) fail('no-commune', 'Chưa có thông tin xã. Hãy nhập thông tin xã hoặc dùng dữ liệu mẫu.');
    return this.insert(template, instantiate(template, this.commune!, year));
  }

  private planUpdate(id: number, plan: Plan) {
    const stored = this.get(id);
    const problem = validatePlan(plan);
    if (problem) fail('invalid', problem);
    const old = clone(stored);
    stored.plan = deepNfc(plan);
    stored.updated = nowStamp();
    this.record('plan', id, 'update', old, stored, `Sửa kế hoạch “${plan.title}”`);
    return null;
  }

  private planCopy(id: number, year: number): number {
    const src = this.get(id);
    const problem = validateDocDate({ day: null, month: src.plan.date.month, year });
    if (problem) fail('invalid', problem);
    return this.insert(src.template, rollOver(src.plan, year));
  }

  private planDelete(id: number) {
    const stored = this.get(id);
    this.plans.delete(id);
    this.record('plan', id, 'delete', stored, null, `Xóa kế hoạch “${stored.plan.title}”`);
    return null;
  }

  private apply(c: Change, state: unknown) {
    if (c.entry.entity === 'assessment') {
      this.assessments.put(c.entry.entity_id!, clone(state) as Assessment | null);
    } else if (c.entry.entity === 'commune') {
      this.commune = clone(state) as Commune | null;
    } else if (state === null) {
      this.plans.delete(c.entry.entity_id!);
    } else {
      this.plans.set(c.entry.entity_id!, clone(state) as StoredPlan);
    }
  }

  private undo(): HistoryEntry {
    const c = [...this.changes].reverse().find((x) => !x.entry.undone);
    if (!c) return fail('nothing-to-undo', 'Không có thao tác nào để hoàn tác.');
    this.apply(c, c.old);
    c.entry.undone = true;
    return c.entry;
  }

  private redo(): HistoryEntry {
    const c = this.changes.find((x) => x.entry.undone);
    if (!c) return fail('nothing-to-redo', 'Không có thao tác nào để làm lại.');
    this.apply(c, c.new);
    c.entry.undone = false;
    return c.entry;
  }

  private deadlines(year: number): YearDeadline[] {
    const today = todayIso();
    const out: YearDeadline[] = [];
    for (const p of this.plans.values()) {
      if (p.plan.date.year !== year) continue;
      p.plan.deadlines.forEach((d, i) => {
        out.push({
          id: `plan${p.id}-${i + 1}`,
          date: d.date,
          text: d.text,
          section: d.section,
          ...(d.unit ? { unit: d.unit } : {}),
          plan_id: p.id,
          plan_title: p.plan.title,
          days_left: Math.round((Date.parse(d.date) - Date.parse(today)) / 86_400_000),
          overdue: d.date < today,
          source: 'plan',
        });
      });
    }
    return out.sort((a, b) => a.date.localeCompare(b.date) || (a.plan_id ?? 0) - (b.plan_id ?? 0));
  }
}
