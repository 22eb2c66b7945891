import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ItemScore } from '../types';
import { DEMO } from '../fixtures/demo';
import { draftOf, mergeDraft, plan, serial, showsHandPoints } from './form';
import { fmtPercent, fmtPoints, livePercent, verdictTitle } from './format';
import { debounce } from '../autosave';

const item = (code: string): ItemScore => structuredClone(DEMO.overview.criteria.flatMap((c) => c.items).find((i) => i.code === code)!);

describe('numbers the Vietnamese way', () => {
  it('prints points and percentages as the core does', () => {
    expect(fmtPoints(50)).toBe('50');
    expect(fmtPoints(12.5)).toBe('12,5');
    expect(fmtPercent(98)).toBe('98');
    expect(fmtPercent((412 * 100) / 415)).toBe('99,28');
    expect(fmtPercent(8.7)).toBe('8,7');
  });

  it('shows the live percentage of a rate being typed, and flags what cannot be', () => {
    expect(livePercent('412', '415')).toEqual({ text: '99,28 %', bad: false });
    expect(livePercent('416', '415')).toEqual({ text: '100,24 % — trên 100 %', bad: true });
    expect(livePercent('3', '0')).toEqual({ text: 'tổng số bằng 0', bad: true });
    expect(livePercent('4a', '10')?.bad).toBe(true);
    expect(livePercent('412', '')).toBeNull();
  });

  it('names the verdict by the rule: provisional while figures are missing', () => {
    expect(verdictTitle(DEMO.overview.verdict)).toBe('Chưa đủ số liệu để kết luận');
    expect(verdictTitle({ ...DEMO.overview.verdict, complete: true })).toBe('Chưa đạt chuẩn');
    expect(verdictTitle({ ...DEMO.overview.verdict, complete: true, recognised: true })).toBe('Đạt chuẩn xã phù hợp với trẻ em');
  });
});

describe('the form of a sub-item becomes one change for the core', () => {
  it('fills the draft from what the core holds', () => {
    expect(draftOf(item('7.1'))).toMatchObject({ value: '', numerator: '412', denominator: '415', points: '', reason: '' });
    expect(draftOf(item('1.1')).value).toBe('có');
    expect(draftOf(item('1.3'))).toMatchObject({ value: 'Hằng quý', points: '10' });
    expect(draftOf(item('3.1'))).toMatchObject({ value: '', evidence: '' });
  });

  it('sends a rate only when both numbers are there, and nothing when unchanged', () => {
    const i = item('10.1');
    const d = draftOf(i);
    expect(plan('value', i, d)).toBeNull();
    expect(plan('value', i, { ...d, numerator: '180' })).toEqual({ wait: 'Nhập cả số đạt và tổng số để tính tỷ lệ.' });
    expect(plan('value', i, { ...d, numerator: '180', denominator: ' 185 ' })).toEqual({ edit: { code: '10.1', value: '180/185' } });
    const vacc = item('7.1');
    expect(plan('value', vacc, draftOf(vacc))).toBeNull();
    expect(plan('value', vacc, { ...draftOf(vacc), numerator: '416' })).toEqual({ edit: { code: '7.1', value: '416/415' } });
    // Emptying both clears the figures.
    expect(plan('value', vacc, { ...draftOf(vacc), numerator: '', denominator: '' })).toEqual({ edit: { code: '7.1', value: '' } });
  });

  it('sends hand points with their reason, waits for the reason, clears with an empty field', () => {
    const i = item('3.1');
    const d = draftOf(i);
    expect(plan('points', i, { ...d, points: '40' })).toEqual({ wait: expect.stringContaining('Ghi lý do') });
    expect(plan('points', i, { ...d, points: '40', reason: '  Theo hướng dẫn  của Sở Y tế ' })).toEqual({
      edit: { code: '3.1', points: '40', reason: 'Theo hướng dẫn của Sở Y tế' },
    });
    const m = item('1.3');
    expect(plan('points', m, draftOf(m))).toBeNull();
    expect(plan('points', m, { ...draftOf(m), points: '12,5' })).toEqual({ edit: { code: '1.3', points: '12,5', reason: m.reason } });
    expect(plan('points', m, { ...draftOf(m), points: '' })).toEqual({ edit: { code: '1.3', points: '' } });
    expect(plan('evidence', m, { ...draftOf(m), evidence: ' Biên bản họp ' })).toEqual({ edit: { code: '1.3', evidence: 'Biên bản họp' } });
  });

  it('shows hand points where the catalogue has no scale, not for 7.1 unless asked', () => {
    expect(showsHandPoints(item('3.1'))).toBe(true);
    expect(showsHandPoints(item('1.3'))).toBe(true);
    expect(showsHandPoints(item('7.1'))).toBe(false);
  });

  it('takes the core answer except in the fields being typed', () => {
    const old = draftOf(item('7.1'));
    const typing = { ...old, evidence: 'Sổ tiêm chủng, tháng 1' };
    const fresh = { ...old, numerator: '413', evidence: 'Sổ tiêm chủng mở rộng' };
    expect(mergeDraft(typing, old, fresh)).toEqual({ ...fresh, evidence: 'Sổ tiêm chủng, tháng 1' });
  });
});

describe('saving', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs the changes one after another, so the last answer is the last change', async () => {
    const run = serial();
    const done: string[] = [];
    const slow = run(() => new Promise<string>((r) => setTimeout(() => r('a'), 300)).then((v) => (done.push(v), v)));
    const fast = run(async () => (done.push('b'), 'b'));
    const failing = run(async () => {
      throw new Error('từ chối');
    });
    const after = run(async () => (done.push('c'), 'c'));
    await vi.advanceTimersByTimeAsync(300);
    expect(await slow).toBe('a');
    expect(await fast).toBe('b');
    await expect(failing).rejects.toThrow('từ chối');
    expect(await after).toBe('c');
    expect(done).toEqual(['a', 'b', 'c']);
  });

  it('saves evidence once after a pause in typing, or at once when the field is left', async () => {
    const saved: string[] = [];
    let text = '';
    const later = debounce(() => saved.push(text), 1200);
    for (const ch of 'Sổ') {
      text += ch;
      later();
      await vi.advanceTimersByTimeAsync(200);
    }
    expect(saved).toEqual([]);
    await vi.advanceTimersByTimeAsync(1200);
    expect(saved).toEqual(['Sổ']);
    text += ' tiêm';
    later();
    later.flush(); // blur
    expect(saved).toEqual(['Sổ', 'Sổ tiêm']);
  });
});
