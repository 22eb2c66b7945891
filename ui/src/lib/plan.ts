// Rules about a plan that the editor needs before the core sees it. Messages mirror
// Plan::validate in src/model/plan.rs, so the officer reads the same words everywhere.

import type { Commune, Leader, Plan, Signer } from './types';
import { parseDate, validateDocDate } from './dates';
import { asciiCamel, asciiSlug } from './text';

/** The first problem that keeps the plan from being saved, or null. */
export function validatePlan(plan: Plan): string | null {
  const date = validateDocDate(plan.date);
  if (date) return date;
  const required: [string, string][] = [
    [plan.doc_type, 'tên loại văn bản'],
    [plan.symbol, 'ký hiệu văn bản'],
    [plan.place, 'địa danh'],
    [plan.title, 'trích yếu (tên kế hoạch)'],
  ];
  for (const [value, what] of required) {
    if (!value || !value.trim()) return `Thiếu ${what}. Hãy nhập ${what} trước khi lưu.`;
  }
  const numberProblem = validateNumber(plan.number);
  if (numberProblem) return numberProblem;
  for (const d of plan.deadlines) {
    const parsed = parseDate(d.date);
    if (!parsed.ok) return `Thời hạn “${d.text || 'chưa có nội dung'}”: ${parsed.message}`;
  }
  return null;
}

/** The document number: digits only, or blank (null) until it is signed. */
export function validateNumber(n: string | null): string | null {
  if (n === null) return null;
  if (!n.trim() || !/^\d+$/.test(n.trim())) {
    return `Số văn bản “${n}” không hợp lệ: chỉ gồm chữ số, hoặc để trống.`;
  }
  return null;
}

/** "Số: 05/KH-UBND" (numbers under 10 get a leading 0), "Số:      /KH-UBND" when blank. */
export function numberLine(number: string | null, symbol: string): string {
  if (number === null || !number.trim()) return `Số:      /${symbol}`;
  const n = number.trim();
  return `Số: ${/^\d$/.test(n) ? '0' + n : n}/${symbol}`;
}

export interface SignerPreset {
  id: string;
  label: string;
  titles: string[];
  /** Which leaders this preset is for. */
  position: 'Chủ tịch' | 'Phó Chủ tịch';
}

export const SIGNER_PRESETS: SignerPreset[] = [
  { id: 'kt', label: 'KT. CHỦ TỊCH / PHÓ CHỦ TỊCH', titles: ['KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH'], position: 'Phó Chủ tịch' },
  { id: 'tm', label: 'TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH', titles: ['TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH'], position: 'Chủ tịch' },
];

export function presetOf(signer: Signer): SignerPreset | undefined {
  return SIGNER_PRESETS.find((p) => p.titles.join('\n') === signer.titles.join('\n'));
}

/** The leaders who fit a preset first, then the others. */
export function leadersFor(preset: SignerPreset | undefined, leaders: Leader[]): Leader[] {
  if (!preset) return leaders;
  const fit = (l: Leader) => l.position.trim().toLowerCase() === preset.position.toLowerCase();
  return [...leaders.filter(fit), ...leaders.filter((l) => !fit(l))];
}

/** The symbol's kind ("KH" of "KH-UBND"). */
function kindOf(symbol: string): string {
  return symbol.split('-')[0] || 'KH';
}

/**
 * An ASCII file name (docs/documents.md, file names):
 * "2026_MinhHoa_KH-thuc-hien-quyet-dinh-so-06.pdf".
 */
export function planFileName(plan: Plan, commune: Commune | null, format: 'pdf' | 'docx', twin = 1): string {
  const parts = [String(plan.date.year)];
  const place = commune ? asciiCamel(commune.name) : '';
  if (place) parts.push(place);
  const slug = asciiSlug(plan.title, 7) || 'ke-hoach';
  parts.push(`${kindOf(plan.symbol)}-${slug}${twin > 1 ? `-${twin}` : ''}`);
  return `${parts.join('_')}.${format}`;
}

/**
 * Which of the year's plans with the same subject (as a file name sees it) this one is: 1 for
 * the oldest, 2 for the next… so that exporting a second plan of the same name never writes
 * over the first one's file ("…_KH-thuc-hien-quyet-dinh-so-06-qd-2.pdf").
 */
export function twinNumber(id: number, title: string, plans: { id: number; title: string }[]): number {
  const slug = asciiSlug(title, 7);
  const twins = plans.filter((p) => p.id < id && asciiSlug(p.title, 7) === slug);
  return twins.length + 1;
}

/** Joins a folder and a file name with the folder's own separator. */
export function joinPath(dir: string, name: string): string {
  const sep = dir.includes('\\') && !dir.includes('/') ? '\\' : '/';
  return dir.endsWith(sep) ? dir + name : dir + sep + name;
}

/**
 * Makes a page's SVG scale to its box: an SVG without a viewBox gets one from its own
 * width/height (mm, pt, px or unitless), or from the page size in mm.
 */
export function fitSvg(svg: string, widthMm: number, heightMm: number): string {
  const open = /<svg\b[^>]*>/i.exec(svg);
  if (!open || /\sviewBox\s*=/i.test(open[0])) return svg;
  const num = (attr: string) => {
    const m = new RegExp(`\\s${attr}\\s*=\\s*["']\\s*([0-9.]+)\\s*(mm|pt|px)?\\s*["']`, 'i').exec(open[0]);
    return m ? Number(m[1]) : null;
  };
  const w = num('width') ?? widthMm;
  const h = num('height') ?? heightMm;
  return svg.replace(/<svg\b/i, `<svg viewBox="0 0 ${w} ${h}"`);
}
