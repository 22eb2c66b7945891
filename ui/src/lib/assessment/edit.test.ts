import { describe, expect, it } from 'vitest';
import { CATALOG, DEMO } from './mock';
import { applyEdit, Invalid, OFFICER, parseFigure } from './edit';
import { buildOverview } from './score';

const item = (code: string) => CATALOG.criteria.flatMap((c) => c.items).find((i) => i.code === code)!;
const demo = () => structuredClone(DEMO.overview.assessment);
const score = (a = demo()) => buildOverview(DEMO.commune, CATALOG, a, DEMO.today);

describe('changes as the core makes them', () => {
  it('reads each kind of figure and refuses impossible ones with the core message', () => {
    expect(parseFigure(item('1.1'), 'Có')).toBe(true);
    expect(parseFigure(item('3.1'), '0')).toBe(0);
    expect(parseFigure(item('7.1'), '412 / 415')).toEqual({ numerator: 412, denominator: 415 });
    expect(parseFigure(item('1.3'), 'hằng quý')).toBe('Hằng quý');
    expect(() => parseFigure(item('7.1'), '416/415')).toThrow(
      'Chỉ số 7.1: 416/415 là tỷ lệ trên 100 %. Số đạt không được lớn hơn tổng số; hãy kiểm tra lại số liệu.',
    );
    expect(() => parseFigure(item('7.1'), '0/0')).toThrow(/mẫu số\) bằng 0/);
    expect(() => parseFigure(item('3.1'), '-2')).toThrow('Số “-2” bị âm. Số lượng phải từ 0 trở lên.');
    expect(() => parseFigure(item('3.1'), 'hai')).toThrow(Invalid);
  });

  it('3.1 = 0 with hand points completes criterion 3 and adds its points', () => {
    const before = score();
    const { next, summary } = applyEdit(demo(), CATALOG, { code: '3.1', value: '0', points: '40', reason: 'Theo hướng dẫn của Sở Y tế' }, 't');
    expect(summary).toBe('3.1 = 0; 3.1: 40 điểm (nhập tay)');
    expect(next.entries['3.1']).toMatchObject({ value: 0, manual: { points: 40, reason: 'Theo hướng dẫn của Sở Y tế' }, by: OFFICER, at: 't' });
    const after = score(next);
    expect(after.total).toBe(before.total + 40);
    expect(after.criteria[2]).toMatchObject({ code: '3', complete: true, met: true });
    expect(after.verdict.reasons.some((r) => r.startsWith('Tiêu chí 3 '))).toBe(false);
  });

  it('a refused change leaves the assessment as it was', () => {
    const a = demo();
    const copy = structuredClone(a);
    expect(() => applyEdit(a, CATALOG, { code: '7.1', value: '416/415' }, 't')).toThrow(/trên 100 %/);
    expect(() => applyEdit(a, CATALOG, { code: '5.1', points: '12,5' }, 't')).toThrow(/cần ghi lý do/);
    expect(() => applyEdit(a, CATALOG, { code: '1.3', points: '16', reason: 'x' }, 't')).toThrow('Điểm của 1.3 (16) lớn hơn điểm tối đa 15.');
    expect(a).toEqual(copy);
  });

  it('an empty points field clears the hand points, and the item waits for points again', () => {
    const { next } = applyEdit(demo(), CATALOG, { code: '1.3', points: '' }, 't');
    expect(next.entries['1.3'].manual).toBeUndefined();
    const c1 = score(next).criteria[0];
    expect(c1.complete).toBe(false);
    expect(c1.items[2].source).toBe('needs_points');
  });
});
