// The core's scoring (src/assess/{figure,score,units,view}.rs) in TypeScript, for the mock
// backend: same rules, same Vietnamese messages, same JSON. The vitest suite checks it against
// an overview the core itself wrote (fixtures/demo-assessment.json), so the two cannot drift
// apart silently.

import type {
  Assessment,
  Commune,
  CriterionScore,
  Figure,
  ItemKind,
  ItemScore,
  Overview,
  PointsSource,
  Schedule,
  UnitStatus,
  Verdict,
} from '../types';
import { fmtPercent, fmtPoints } from './format';

export interface Band {
  min: number | null;
  max: number | null;
  points: number;
}

export interface CatalogItem {
  code: string;
  name: string;
  kind: ItemKind;
  unit: string;
  options?: string[];
  max_points: number | null;
  bands: Band[];
  otherwise: number | null;
  confirmed: boolean;
}

export interface CatalogCriterion {
  code: string;
  name: string;
  max_points: number | null;
  pass_points: number | null;
  confirmed: boolean;
  items: CatalogItem[];
}

export interface Catalog {
  id: string;
  version: string;
  name: string;
  note: string;
  source: string;
  max_total: number | null;
  rule: {
    all_criteria_met: boolean;
    no_criterion_zero: boolean;
    categories: { id: string; name: string; threshold: number }[];
    default_category: string;
  };
  criteria: CatalogCriterion[];
}

/** text::fold: NFC, lower case, single spaces, dashes alike. */
export function fold(s: string): string {
  return s.normalize('NFC').toLowerCase().replace(/[–—]/g, '-').split(/\s+/).filter(Boolean).join(' ');
}

export const isRate = (f: Figure | null | undefined): f is { numerator: number; denominator: number } =>
  typeof f === 'object' && f !== null && 'numerator' in f;

/** figure::display: "412/415 (99,28 %)", "có", "3", "Hằng quý". */
export function displayFigure(f: Figure): string {
  if (typeof f === 'boolean') return f ? 'có' : 'không';
  if (typeof f === 'number') return String(f);
  if (typeof f === 'string') return f;
  return f.denominator > 0 ? `${f.numerator}/${f.denominator} (${fmtPercent((f.numerator * 100) / f.denominator)} %)` : `${f.numerator}/${f.denominator}`;
}

/** figure::band_value as a fraction, so band edges compare exactly (97,9 % < 98 %). */
function bandValue(f: Figure): [number, number] | null {
  if (typeof f === 'boolean') return [f ? 1 : 0, 1];
  if (typeof f === 'number') return [f, 1];
  if (isRate(f) && f.denominator > 0) return [f.numerator * 100, f.denominator];
  return null;
}

function inBand(b: Band, num: number, den: number): boolean {
  const milli = (x: number) => Math.round(x * 1000);
  const aboveMin = b.min === null || num * 1000 >= milli(b.min) * den;
  const belowMax = b.max === null || num * 1000 < milli(b.max) * den;
  return aboveMin && belowMax;
}

export function bandPoints(item: CatalogItem, f: Figure): number | null {
  const v = bandValue(f);
  if (!v) return null;
  const b = item.bands.find((x) => inBand(x, v[0], v[1]));
  return b ? b.points : item.otherwise;
}

function scoreItem(a: Assessment, item: CatalogItem): ItemScore {
  const entry = a.entries[item.code];
  const value = entry?.value ?? null;
  const manual = entry?.manual ?? null;
  const computed = value !== null && (item.confirmed || item.bands.length > 0 || item.otherwise !== null) ? bandPoints(item, value) : null;
  let points: number | null = null;
  let source: PointsSource = 'missing';
  let reason = '';
  if (manual) [points, source, reason] = [manual.points, 'manual', manual.reason];
  else if (computed !== null) [points, source] = [computed, 'computed'];
  else if (value !== null) source = 'needs_points';
  return {
    code: item.code,
    name: item.name,
    kind: item.kind,
    ...(item.options?.length ? { options: [...item.options] } : {}),
    unit: entry?.unit ?? item.unit,
    value,
    display: value !== null ? displayFigure(value) : '',
    points,
    max_points: item.max_points,
    source,
    confirmed: item.confirmed,
    reason,
    evidence: entry?.evidence ?? '',
    by: entry?.by ?? '',
    at: entry?.at ?? '',
  };
}

function scoreCriterion(a: Assessment, c: CatalogCriterion): CriterionScore {
  const items = c.items.map((i) => scoreItem(a, i));
  const manual = a.criterion_points[c.code] ?? null;
  const points = manual ? manual.points : items.reduce((s, i) => s + (i.points ?? 0), 0);
  const complete = manual ? true : items.every((i) => i.points !== null);
  const met = complete && points > 0 && (c.pass_points === null || points >= c.pass_points);
  return { code: c.code, name: c.name, max_points: c.max_points, points, complete, met, manual, items };
}

function verdict(cat: Catalog, criteria: CriterionScore[], total: number, category: string): Verdict {
  const rule = cat.rule;
  const k = rule.categories.find((x) => x.id === category) ?? rule.categories.find((x) => x.id === rule.default_category) ?? rule.categories[0];
  const threshold = k?.threshold ?? 0;
  const reasons: string[] = [];
  let ok = true;
  for (const c of criteria) {
    if (!c.complete) {
      const pending = c.items.filter((i) => i.points === null).map((i) => i.code);
      reasons.push(`Tiêu chí ${c.code} chưa đủ số liệu hoặc điểm (chỉ số ${pending.join(', ')})`);
      ok = false;
    } else if (c.points === 0 && rule.no_criterion_zero) {
      reasons.push(`Tiêu chí ${c.code} đạt 0 điểm`);
      ok = false;
    } else if (!c.met && rule.all_criteria_met) {
      reasons.push(`Tiêu chí ${c.code} chưa đạt (${fmtPoints(c.points)} điểm)`);
      ok = false;
    }
  }
  if (total < threshold) {
    reasons.push(`Tổng ${fmtPoints(total)} < ${fmtPoints(threshold)}`);
    ok = false;
  }
  if (ok) reasons.push(`Cả ${criteria.length} tiêu chí đều đạt, không tiêu chí nào 0 điểm, tổng ${fmtPoints(total)} ≥ ${fmtPoints(threshold)}`);
  return {
    recognised: ok,
    complete: criteria.every((c) => c.complete),
    category: k?.id ?? '',
    category_name: k?.name ?? '',
    threshold,
    total,
    reasons,
  };
}

/** units::unit_matches: one folded name contains the other. */
export function unitMatches(responsible: string, name: string): boolean {
  const [r, n] = [fold(responsible), fold(name)];
  return r !== '' && n !== '' && (n.includes(r) || r.includes(n));
}

function unitStatuses(criteria: CriterionScore[], commune: Commune): UnitStatus[] {
  const items = criteria.flatMap((c) => c.items);
  const covered = items.map(() => false);
  const out: UnitStatus[] = [];
  for (const u of commune.units) {
    const st: UnitStatus = { unit: u.name, items: [], missing: [] };
    items.forEach((i, k) => {
      if (!unitMatches(i.unit, u.name)) return;
      covered[k] = true;
      st.items.push(i.code);
      if (i.source === 'missing') st.missing.push(i.code);
    });
    if (st.items.length) out.push(st);
  }
  items.forEach((i, k) => {
    if (covered[k]) return;
    let st = out.find((s) => fold(s.unit) === fold(i.unit));
    if (!st) out.push((st = { unit: i.unit, items: [], missing: [] }));
    st.items.push(i.code);
    if (i.source === 'missing') st.missing.push(i.code);
  });
  return out;
}

/** view::schedule_with_defaults: units by 10/11, dossier by 15/11. */
export function scheduleWithDefaults(a: Assessment): Schedule {
  const y = a.year;
  const s = a.schedule ?? ({} as Schedule);
  return {
    units_due: s.units_due ?? `${y}-11-10`,
    meeting_due: s.meeting_due ?? `${y}-11-12`,
    notice_due: s.notice_due ?? `${y}-11-13`,
    dossier_due: s.dossier_due ?? `${y}-11-15`,
    // The core's default posting period of the public notice (not a legal fact).
    notice_days: s.notice_days ?? 5,
  };
}

/** view::build: everything the page shows for one year. `today` is ISO. */
export function buildOverview(commune: Commune, cat: Catalog, a: Assessment, today: string): Overview {
  const category = commune.category && cat.rule.categories.some((k) => k.id === commune.category) ? commune.category : cat.rule.default_category;
  const criteria = cat.criteria.map((c) => scoreCriterion(a, c));
  const total = criteria.reduce((s, c) => s + c.points, 0);
  const units = unitStatuses(criteria, commune);
  const schedule = scheduleWithDefaults(a);
  const due = schedule.units_due;
  return {
    commune: `${commune.kind} ${commune.name}`,
    catalog_name: cat.name,
    catalog_note: cat.note,
    catalog_source: cat.source,
    year: a.year,
    catalog: `${cat.id} ${cat.version}`,
    criteria,
    total,
    max_total: cat.max_total,
    verdict: verdict(cat, criteria, total, category),
    units,
    schedule,
    units_late: !!due && today > due && units.some((u) => u.missing.length > 0),
    assessment: a,
  };
}
