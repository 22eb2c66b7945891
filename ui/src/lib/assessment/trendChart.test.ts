import { describe, expect, it } from 'vitest';
import type { Trends } from '../types';
import { criteriaGroups, itemGroups, layoutBars, niceMax, yearColour, YEAR_COLOURS } from './trendChart';

/** What `tre assess trends --json` says for 2024–2026 with vaccination figures (trimmed to
 * two criteria). */
const trends: Trends = {
  catalog: 'qd06-2019 2019.1-tre1',
  years: [2024, 2025, 2026],
  totals: [
    { year: 2024, total: 0, complete: false, recognised: false },
    { year: 2025, total: 50, complete: false, recognised: false },
    { year: 2026, total: 145, complete: false, recognised: false },
  ],
  criteria: [
    {
      code: '1',
      name: 'Nguồn lực thực hiện quyền trẻ em',
      max_points: 100,
      points: [{ year: 2026, points: 95, max_points: 100, complete: true, manual: false }],
      items: [],
    },
    {
      code: '7',
      name: 'Trẻ em dưới 1 tuổi được tiêm chủng đầy đủ',
      max_points: 50,
      points: [
        { year: 2024, points: 0, max_points: 50, complete: false, manual: false },
        { year: 2025, points: 50, max_points: 50, complete: true, manual: false },
        { year: 2026, points: 50, max_points: 50, complete: true, manual: false },
      ],
      items: [
        {
          code: '7.1',
          name: 'Tỷ lệ trẻ em dưới 1 tuổi được tiêm chủng đầy đủ',
          kind: 'rate',
          max_points: 50,
          points: [
            { year: 2024, display: '900/1000 (90 %)', rate: 90, points: null, max_points: 50, source: 'needs_points' },
            { year: 2026, display: '412/415 (99,28 %)', rate: 99.28, points: 50, max_points: 50, source: 'computed' },
          ],
        },
      ],
    },
  ],
};

describe('trend chart', () => {
  it('rounds the scale up to 1, 2, 2.5 or 5 times a power of ten', () => {
    expect(niceMax(0)).toBe(10);
    expect(niceMax(Number.NaN)).toBe(10);
    expect(niceMax(7)).toBe(10);
    expect(niceMax(50)).toBe(50);
    expect(niceMax(95)).toBe(100);
    expect(niceMax(125)).toBe(200);
    expect(niceMax(220)).toBe(250);
    expect(niceMax(1000)).toBe(1000);
    expect(niceMax(0.3)).toBeCloseTo(0.5);
  });

  it('keeps a year without data apart from a zero', () => {
    const g = criteriaGroups(trends);
    expect(g.map((x) => x.label)).toEqual(['1', '7']);
    expect(g[0].values).toEqual([null, null, 95]);
    expect(g[0].cells).toEqual(['—', '—', '95']);
    expect(g[1].values).toEqual([0, 50, 50]);
    expect(g[1].cells).toEqual(['0 (thiếu)', '50', '50']);
    const items = itemGroups(trends, '7');
    expect(items[0].values).toEqual([null, null, 50]);
    expect(items[0].cells).toEqual(['900/1000 (90 %) → chưa chấm', '—', '412/415 (99,28 %) → 50 điểm']);
    expect(itemGroups(trends, '99')).toEqual([]);
  });

  it('places bars inside the plot, scaled to the largest maximum', () => {
    const g = criteriaGroups(trends);
    const l = layoutBars(g, 3, { width: 400, height: 200, left: 40, right: 10, top: 10, bottom: 30 });
    expect(l.plot).toEqual({ left: 40, top: 10, right: 390, bottom: 170 });
    expect(l.yMax).toBe(100); // criterion 1's maximum
    expect(l.ticks[0]).toEqual({ y: 170, label: '0' });
    expect(l.ticks[5]).toEqual({ y: 10, label: '100' });
    // Criterion 1 has one bar (2026), criterion 7 three, the 2024 one of height 0.
    expect(l.bars.filter((b) => b.group === 0).map((b) => b.yearIndex)).toEqual([2]);
    const seven = l.bars.filter((b) => b.group === 1);
    expect(seven.map((b) => b.height)).toEqual([0, 80, 80]);
    const c1 = l.bars[0];
    expect(c1.y).toBeCloseTo(170 - 0.95 * 160);
    // Groups are equal slots of the plot; the bars of a group touch and stay in their slot.
    expect(l.groupX).toEqual([127.5, 302.5]);
    for (const b of l.bars) {
      const slotLeft = 40 + b.group * 175;
      expect(b.x).toBeGreaterThanOrEqual(slotLeft);
      expect(b.x + b.width).toBeLessThanOrEqual(slotLeft + 175 + 1e-9);
      expect(b.y + b.height).toBeCloseTo(170);
    }
    expect(seven[1].x - seven[0].x).toBeCloseTo(seven[0].width);
  });

  it('draws nothing from nothing', () => {
    const l = layoutBars([], 0, { width: 300, height: 150 });
    expect(l.bars).toEqual([]);
    expect(l.yMax).toBe(10);
  });

  it('gives the newest year the last colour', () => {
    expect(yearColour(2, 3)).toBe(YEAR_COLOURS[YEAR_COLOURS.length - 1]);
    expect(yearColour(0, 1)).toBe(YEAR_COLOURS[YEAR_COLOURS.length - 1]);
    expect(yearColour(0, 8)).toBe(YEAR_COLOURS[4]);
  });
});
