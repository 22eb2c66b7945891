// The core's changes to an assessment (src/assess/{figure,edit}.rs and Session::assessment_set)
// for the mock backend: the same checks and the same Vietnamese messages, so the page shows in
// the browser what it shows in the app. Every check runs before anything changes.

import type { Assessment, AssessmentEdit, AssessmentEntry, Figure } from '../types';
import type { Catalog, CatalogItem } from './score';
import { displayFigure, fold, isRate } from './score';
import { fmtPoints } from './format';

/** Who the app records an entry as (assess::OFFICER). */
export const OFFICER = 'Cán bộ Văn hóa - Xã hội';

const CLEAR = ['xóa', 'xoá', 'xoa', '-'];
export const isClearWord = (v: string) => CLEAR.includes(fold(v));

export class Invalid extends Error {
  code = 'invalid';
}

const KIND_HINT: Record<CatalogItem['kind'], string> = {
  yes_no: 'có hoặc không',
  count: 'một số nguyên từ 0 trở lên',
  rate: 'số đạt và tổng số (ví dụ 412/415)',
  choice: 'một trong các lựa chọn',
};

function parseCount(t: string, raw: string): number {
  const digits = [...t].filter((c) => c !== '.' && c !== ' ').join('');
  if (/^-\d+$/.test(digits)) throw new Invalid(`Số “${raw.trim()}” bị âm. Số lượng phải từ 0 trở lên.`);
  if (!/^\+?\d+$/.test(digits)) throw new Invalid(`“${raw.trim()}” không phải số nguyên. Hãy nhập số (ví dụ 412), không kèm chữ.`);
  return Number(digits);
}

/** figure::check_figure. */
function checkFigure(item: CatalogItem, f: Figure): void {
  if (item.kind === 'rate' && isRate(f)) {
    if (f.denominator === 0) {
      throw new Invalid(
        `Chỉ số ${item.code}: tổng số (mẫu số) bằng 0 nên không tính được tỷ lệ. Nếu trong năm không có trường hợp nào, hãy để trống số liệu và nhập điểm bằng tay kèm lý do.`,
      );
    }
    if (f.numerator > f.denominator) {
      throw new Invalid(
        `Chỉ số ${item.code}: ${f.numerator}/${f.denominator} là tỷ lệ trên 100 %. Số đạt không được lớn hơn tổng số; hãy kiểm tra lại số liệu.`,
      );
    }
  }
}

/** figure::parse_figure. */
export function parseFigure(item: CatalogItem, text: string): Figure {
  const t = fold(text);
  let f: Figure;
  switch (item.kind) {
    case 'yes_no':
      if (['có', 'co', 'yes', '1', 'đạt', 'x', 'true'].includes(t)) f = true;
      else if (['không', 'khong', 'no', '0', 'chưa', 'false'].includes(t)) f = false;
      else throw new Invalid(`“${text}” không phải có/không. Hãy nhập “có” hoặc “không”.`);
      break;
    case 'count':
      f = parseCount(t, text);
      break;
    case 'rate': {
      const at = t.indexOf('/');
      if (at < 0) throw new Invalid(`“${text}” không phải tỷ lệ. Hãy nhập dạng số đạt/tổng số, ví dụ 412/415.`);
      const [n, d] = [t.slice(0, at), t.slice(at + 1)];
      f = { numerator: parseCount(n.trim(), n), denominator: parseCount(d.trim(), d) };
      break;
    }
    default: {
      const found = (item.options ?? []).find((o) => fold(o) === t);
      if (found === undefined) throw new Invalid(`“${text}” không có trong các lựa chọn: ${(item.options ?? []).join(', ')}.`);
      f = found;
    }
  }
  checkFigure(item, f);
  return f;
}

/** edit::parse_points: "40", "12,5". */
export function parsePoints(v: string): number {
  const s = v.trim().replace(',', '.');
  const p = s === '' ? NaN : Number(s);
  if (!Number.isFinite(p)) throw new Invalid(`“${v.trim()}” không phải số điểm. Hãy nhập một số, ví dụ 40.`);
  return p;
}

function checkPoints(p: number, max: number | null, what: string) {
  if (p < 0) throw new Invalid(`Điểm của ${what} không được âm.`);
  if (max !== null && p > max) throw new Invalid(`Điểm của ${what} (${fmtPoints(p)}) lớn hơn điểm tối đa ${fmtPoints(max)}.`);
}

function findItem(cat: Catalog, code: string): CatalogItem | undefined {
  for (const c of cat.criteria) for (const i of c.items) if (i.code === code) return i;
  return undefined;
}

const isEmptyEntry = (e: AssessmentEntry) => (e.value ?? null) === null && !e.manual && !e.evidence && !e.unit;

/**
 * Session::assessment_set on a copy of `a`: returns the changed copy and the history summary,
 * or throws `Invalid` with the core's message (then `a` is untouched). Sub-items only: the
 * page does not score a whole criterion by hand.
 */
export function applyEdit(a: Assessment, cat: Catalog, edit: AssessmentEdit, now: string): { next: Assessment; summary: string } {
  const code = edit.code.trim();
  const item = findItem(cat, code);
  if (!item) {
    throw new Invalid(`Không có tiêu chí hay chỉ số mã “${code}”. Hãy xem các mã bằng \`tre assess show --year ${a.year}\`.`);
  }
  const next: Assessment = JSON.parse(JSON.stringify(a));
  const entry: AssessmentEntry = next.entries[code] ?? { value: null, evidence: '', by: '', at: '' };
  const said: string[] = [];
  const points = edit.points?.trim();
  const clear = points !== undefined && (points === '' || isClearWord(points));
  if (clear) said.push(entry.manual ? `${code}: xóa điểm nhập tay` : `${code}: không có điểm nhập tay`);
  const only = edit.value === undefined && edit.evidence === undefined && edit.unit === undefined;
  if (clear && !entry.manual && only) return { next: a, summary: said[0] };
  if (clear) delete entry.manual;
  if (edit.value !== undefined) {
    if (isClearWord(edit.value) || edit.value.trim() === '') {
      entry.value = null;
      said.push(`${code}: xóa số liệu`);
    } else {
      const f = parseFigure(item, edit.value);
      said.push(`${code} = ${displayFigure(f)}`);
      entry.value = f;
    }
  }
  if (points !== undefined && !clear) {
    const p = parsePoints(points);
    const reason = (edit.reason ?? '').normalize('NFC');
    if (!reason) {
      throw new Invalid(
        `Điểm của ${code} nhập bằng tay cần ghi lý do (ô “Lý do” trong ứng dụng, --reason ở dòng lệnh), ví dụ “Theo hướng dẫn của Sở Y tế”.`,
      );
    }
    checkPoints(p, item.max_points, code);
    entry.manual = { points: p, reason };
    said.push(`${code}: ${fmtPoints(p)} điểm (nhập tay)`);
  }
  if (edit.evidence !== undefined) {
    entry.evidence = edit.evidence.normalize('NFC');
    said.push(`${code}: nguồn số liệu`);
  }
  if (edit.unit !== undefined) {
    const u = edit.unit.normalize('NFC');
    if (u) entry.unit = u;
    else delete entry.unit;
    said.push(`${code}: đơn vị`);
  }
  if (said.length === 0) {
    throw new Invalid(`Chưa có gì để ghi cho chỉ số ${code}: hãy nêu số liệu, --points, --evidence hoặc --unit.`);
  }
  entry.by = OFFICER;
  entry.at = now;
  if (isEmptyEntry(entry)) delete next.entries[code];
  else next.entries[code] = entry;
  return { next, summary: said.join('; ') };
}
