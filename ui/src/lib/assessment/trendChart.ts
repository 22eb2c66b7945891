// The trend chart's data and geometry: the core's `Trends` (every stored year scored with the
// catalogue in use) turned into grouped bars, one group per criterion (or per sub-item of one
// criterion) and one bar per year. Pure functions, so the scale is tested without a browser.
// Nothing is scored here: the points are the core's.

import type { Trends } from '../types';
import { fmtPoints } from './format';

/** One group of bars: a criterion, or a sub-item. `values` has one entry per year, in the
 * order of `Trends.years`; `null` is a year without data (no bar, never a zero bar). */
export interface ChartGroup {
  key: string;
  /** Short label under the group: "7", "7.1". */
  label: string;
  /** The full name, for the tooltip and the table. */
  title: string;
  max: number | null;
  values: (number | null)[];
  /** What each year's cell of the table says ("412/415 (99,28 %) → 50 điểm", "—"). */
  cells: string[];
}

/** Every criterion's points per year. */
export function criteriaGroups(t: Trends): ChartGroup[] {
  return t.criteria.map((c) => {
    const at = t.years.map((y) => c.points.find((p) => p.year === y) ?? null);
    return {
      key: c.code,
      label: c.code,
      title: `Tiêu chí ${c.code}: ${c.name}`,
      max: c.max_points,
      values: at.map((p) => (p ? p.points : null)),
      cells: at.map((p) => (p === null ? '—' : p.complete ? fmtPoints(p.points) : `${fmtPoints(p.points)} (thiếu)`)),
    };
  });
}

/** The sub-items of criterion `code`: their points per year; a year whose figures still wait
 * for points has no bar, and its cell says so. */
export function itemGroups(t: Trends, code: string): ChartGroup[] {
  const c = t.criteria.find((c) => c.code === code);
  if (!c) return [];
  return c.items.map((i) => {
    const at = t.years.map((y) => i.points.find((p) => p.year === y) ?? null);
    return {
      key: i.code,
      label: i.code,
      title: `${i.code}: ${i.name}`,
      max: i.max_points,
      values: at.map((p) => (p && p.points !== null ? p.points : null)),
      cells: at.map((p) => {
        if (p === null) return '—';
        const pts = p.points === null ? 'chưa chấm' : `${fmtPoints(p.points)} điểm`;
        return p.display ? `${p.display} → ${pts}` : pts;
      }),
    };
  });
}

/** The smallest "round" number (1, 2, 2.5 or 5 times a power of ten) at or above `v`; 10 when
 * there is nothing to draw. */
export function niceMax(v: number): number {
  if (!(v > 0) || !Number.isFinite(v)) return 10;
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 2.5, 5, 10]) {
    if (m * p >= v - 1e-9) return m * p;
  }
  return 10 * p;
}

export interface Bar {
  group: number;
  yearIndex: number;
  x: number;
  y: number;
  width: number;
  height: number;
  value: number;
}

export interface Tick {
  y: number;
  label: string;
}

export interface ChartLayout {
  width: number;
  height: number;
  /** The plot area inside the axes. */
  plot: { left: number; top: number; right: number; bottom: number };
  yMax: number;
  ticks: Tick[];
  /** The centre of each group, for its label. */
  groupX: number[];
  bars: Bar[];
}

export interface LayoutOptions {
  width: number;
  height: number;
  left?: number;
  right?: number;
  top?: number;
  bottom?: number;
  ticks?: number;
}

/** Grouped bars of `groups` for `years` years in a `width` × `height` box. The scale is
 * 0..niceMax of the largest value or maximum points shown, so a full bar reads as full. */
export function layoutBars(groups: ChartGroup[], years: number, o: LayoutOptions): ChartLayout {
  const plot = {
    left: o.left ?? 40,
    top: o.top ?? 10,
    right: o.width - (o.right ?? 10),
    bottom: o.height - (o.bottom ?? 28),
  };
  const top = Math.max(0, ...groups.flatMap((g) => [...g.values.map((v) => v ?? 0), g.max ?? 0]));
  const yMax = niceMax(top);
  const h = plot.bottom - plot.top;
  const yOf = (v: number) => plot.bottom - (Math.max(0, Math.min(v, yMax)) / yMax) * h;
  const n = o.ticks ?? 5;
  const ticks = Array.from({ length: n + 1 }, (_, i) => {
    const v = (yMax * i) / n;
    return { y: yOf(v), label: fmtPoints(Math.round(v * 10) / 10) };
  });
  const slot = groups.length ? (plot.right - plot.left) / groups.length : 0;
  // A fifth of each slot is the gap between groups; the bars share the rest.
  const inner = slot * 0.8;
  const barW = years > 0 ? inner / years : 0;
  const bars: Bar[] = [];
  const groupX: number[] = [];
  groups.forEach((g, gi) => {
    const start = plot.left + gi * slot + (slot - inner) / 2;
    groupX.push(plot.left + gi * slot + slot / 2);
    g.values.forEach((v, yi) => {
      if (v === null || yi >= years) return;
      const y = yOf(v);
      bars.push({ group: gi, yearIndex: yi, x: start + yi * barW, y, width: barW, height: plot.bottom - y, value: v });
    });
  });
  return { width: o.width, height: o.height, plot, yMax, ticks, groupX, bars };
}

/** Colours of the years, oldest to newest: the newest is the app's green, the older ones
 * lighter, so the eye goes to this year; chosen to stay apart for common colour blindness. */
export const YEAR_COLOURS = ['#c9b27c', '#8fb3d9', '#e39a6f', '#7d6fb3', '#5aa58f', '#2e6b45'];

/** The colour of year `i` of `n`: the newest always the last colour. */
export function yearColour(i: number, n: number): string {
  const k = YEAR_COLOURS.length - n + i;
  return YEAR_COLOURS[((k % YEAR_COLOURS.length) + YEAR_COLOURS.length) % YEAR_COLOURS.length];
}
