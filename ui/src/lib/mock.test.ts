import { describe, expect, it } from 'vitest';
import { MockBackend } from './mock';
import type { Category, Overview, Plan, PlanSummary, StoredPlan, YearDeadline } from './types';

describe('mock backend', () => {
  it('loads the demo commune with one plan per template', async () => {
    const b = new MockBackend();
    expect(await b.invoke('commune_get')).toBeNull();
    const ids = await b.invoke<number[]>('demo_load', { year: 2026 });
    expect(ids).toHaveLength(4);
    const list = await b.invoke<PlanSummary[]>('plans_list', { year: 2026 });
    expect(list).toHaveLength(4);
    const qd06 = await b.invoke<StoredPlan>('plan_get', { id: ids[0] });
    expect(qd06.plan.number).toBe('15');
    expect(qd06.plan.signer).toEqual({ titles: ['KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH'], name: 'Lê Thị Hương' });
    expect(JSON.stringify(qd06.plan)).not.toContain('{{');
    await expect(b.invoke('demo_load', { year: 2026 })).rejects.toMatchObject({ code: 'invalid' });
  });

  it('saves, undoes and redoes edits, and deletes with undo', async () => {
    const b = new MockBackend();
    const [id] = await b.invoke<number[]>('demo_load', { year: 2026 });
    const sp = await b.invoke<StoredPlan>('plan_get', { id });
    const edited: Plan = { ...sp.plan, title: 'Kế hoạch mới' };
    await b.invoke('plan_update', { id, plan: edited });
    expect((await b.invoke<StoredPlan>('plan_get', { id })).plan.title).toBe('Kế hoạch mới');
    const entry = await b.invoke<{ action: string }>('undo');
    expect(entry.action).toBe('update');
    expect((await b.invoke<StoredPlan>('plan_get', { id })).plan.title).toBe(sp.plan.title);
    await b.invoke('redo');
    expect((await b.invoke<StoredPlan>('plan_get', { id })).plan.title).toBe('Kế hoạch mới');
    await b.invoke('plan_delete', { id });
    await expect(b.invoke('plan_get', { id })).rejects.toMatchObject({ code: 'plan-not-found' });
    await b.invoke('undo');
    expect((await b.invoke<StoredPlan>('plan_get', { id })).plan.title).toBe('Kế hoạch mới');
  });

  it('refuses an impossible date with the core message', async () => {
    const b = new MockBackend();
    const [id] = await b.invoke<number[]>('demo_load', { year: 2026 });
    const sp = await b.invoke<StoredPlan>('plan_get', { id });
    await expect(b.invoke('plan_update', { id, plan: { ...sp.plan, date: { day: 31, month: 2, year: 2026 } } })).rejects.toEqual({
      code: 'invalid',
      message: 'Ngày 31/02/2026 không có trong lịch. Hãy kiểm tra lại ngày.',
    });
  });

  it('copies a plan to another year and lists the deadlines of a year', async () => {
    const b = new MockBackend();
    const [id] = await b.invoke<number[]>('demo_load', { year: 2026 });
    const copy = await b.invoke<number>('plan_copy', { id, year: 2027 });
    const p = (await b.invoke<StoredPlan>('plan_get', { id: copy })).plan;
    expect(p.date).toEqual({ day: null, month: 4, year: 2027 });
    expect(p.number).toBeNull();
    expect(p.title).toMatch(/năm 2027/);
    expect(p.bases[0]).toMatch(/03\/01\/2019/);
    const ds = await b.invoke<YearDeadline[]>('deadlines', { year: 2027 });
    expect(ds.map((d) => d.date)).toEqual(['2027-11-10', '2027-11-15']);
    expect(ds[0].plan_id).toBe(copy);
  });

  it('draws A4 preview pages as SVG', async () => {
    const b = new MockBackend();
    const [id] = await b.invoke<number[]>('demo_load', { year: 2026 });
    const sp = await b.invoke<StoredPlan>('plan_get', { id });
    const pages = await b.invoke<{ width_mm: number; height_mm: number; svg: string }[]>('plan_preview', { plan: sp.plan });
    expect(pages.length).toBeGreaterThan(1);
    expect(pages[0]).toMatchObject({ width_mm: 210, height_mm: 297 });
    expect(pages[0].svg).toContain('KẾ HOẠCH');
    expect(pages[0].svg).toContain('Minh Hòa, ngày 08 tháng 4 năm 2026');
  });

  it('scores the demo assessment, applies a change, refuses 416/415 and undoes', async () => {
    const b = new MockBackend();
    await b.invoke('demo_load', { year: 2026 });
    const before = await b.invoke<Overview>('assessment_overview', { year: 2026 });
    expect(before.total).toBe(270);
    expect(before.units.filter((u) => u.missing.length).map((u) => u.unit)).toEqual(['Công an xã', 'Trường Mầm non Minh Hòa']);
    const after = await b.invoke<Overview>('assessment_set', { year: 2026, edit: { code: '10.1', value: '180/185' } });
    expect(after.criteria[9].items[0]).toMatchObject({ display: '180/185 (97,3 %)', source: 'needs_points' });
    expect(after.units.find((u) => u.unit === 'Trường Mầm non Minh Hòa')!.missing).toEqual([]);
    await expect(b.invoke('assessment_set', { year: 2026, edit: { code: '7.1', value: '416/415' } })).rejects.toMatchObject({
      code: 'invalid',
      message: expect.stringContaining('trên 100 %'),
    });
    expect((await b.invoke<Overview>('assessment_overview', { year: 2026 })).assessment).toEqual(after.assessment);
    const undone = await b.invoke<{ entity: string; summary: string }>('undo');
    expect(undone).toMatchObject({ entity: 'assessment', summary: 'Tự đánh giá năm 2026: 10.1 = 180/185 (97,3 %)' });
    expect((await b.invoke<Overview>('assessment_overview', { year: 2026 })).assessment).toEqual(before.assessment);
  });

  it('lists the threshold categories and refuses an unknown one for the commune', async () => {
    const b = new MockBackend();
    await b.invoke('demo_load', { year: 2026 });
    const cats = await b.invoke<Category[]>('assessment_categories');
    expect(cats.map((c) => c.threshold)).toEqual([900, 850, 800]);
    const c = (await b.invoke<{ category?: string }>('commune_get'))!;
    await expect(b.invoke('commune_set', { commune: { ...c, category: 'khác' } })).rejects.toMatchObject({ message: expect.stringContaining('Loại xã “khác” không có') });
    await b.invoke('commune_set', { commune: { ...c, category: 'disadvantaged' } });
    expect((await b.invoke<Overview>('assessment_overview', { year: 2026 })).verdict.threshold).toBe(800);
  });
});
