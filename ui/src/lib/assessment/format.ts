// Numbers and states of the self-assessment as the officer reads them (the same as the core's
// catalog::fmt_points and figure::fmt_percent, so the page and the printed table agree).

import type { CriterionScore, ItemScore, Verdict } from '../types';

/** 50 → "50", 12.5 → "12,5". */
export function fmtPoints(p: number): string {
  return Number.isInteger(p) ? String(p) : p.toFixed(1).replace('.', ',');
}

/** Two decimals at most, Vietnamese comma: 98 → "98", 99.277 → "99,28". */
export function fmtPercent(p: number): string {
  return p
    .toFixed(2)
    .replace(/0+$/, '')
    .replace(/\.$/, '')
    .replace('.', ',');
}

/**
 * The live percentage beside a numerator and a denominator being typed: "99,28 %", or a
 * short Vietnamese note when it cannot be computed yet, or is impossible.
 */
export function livePercent(numerator: string, denominator: string): { text: string; bad: boolean } | null {
  const n = numerator.trim();
  const d = denominator.trim();
  if (n === '' || d === '') return null;
  if (!/^\d+$/.test(n) || !/^\d+$/.test(d)) return { text: 'chỉ nhập số nguyên', bad: true };
  const [a, b] = [Number(n), Number(d)];
  if (b === 0) return { text: 'tổng số bằng 0', bad: true };
  const text = `${fmtPercent((a * 100) / b)} %`;
  return a > b ? { text: `${text} — trên 100 %`, bad: true } : { text, bad: false };
}

export type CriterionState = 'met' | 'not-met' | 'incomplete';

export function criterionState(c: CriterionScore): CriterionState {
  if (c.met) return 'met';
  return c.complete ? 'not-met' : 'incomplete';
}

export const CRITERION_STATE_TEXT: Record<CriterionState, string> = {
  met: 'Đạt',
  'not-met': 'Chưa đạt',
  incomplete: 'Thiếu số liệu',
};

/** "95 / 100 điểm", or "40 điểm" when the catalogue does not know the maximum. */
export function pointsOfMax(points: number, max: number | null): string {
  return max === null ? `${fmtPoints(points)} điểm` : `${fmtPoints(points)} / ${fmtPoints(max)} điểm`;
}

/** The verdict's headline. */
export function verdictTitle(v: Verdict): string {
  if (v.recognised) return 'Đạt chuẩn xã phù hợp với trẻ em';
  return v.complete ? 'Chưa đạt chuẩn' : 'Chưa đủ số liệu để kết luận';
}

/** What an item's points are, in words, for the line under its name. */
export function itemPointsText(i: ItemScore): string {
  switch (i.source) {
    case 'computed':
      return `${fmtPoints(i.points ?? 0)} điểm (tính theo thang điểm)`;
    case 'manual':
      return `${fmtPoints(i.points ?? 0)} điểm (nhập tay)`;
    case 'needs_points':
      return 'Cần nhập điểm';
    default:
      return 'Chưa có số liệu';
  }
}
