import { describe, expect, it } from 'vitest';
import { MockBackend } from './mock';
import type { DossierProgress, DossierResult, Finding, Overview, StoredPlan } from './types';

describe('mock backend: assessment exports, dossier, linter', () => {
  it('exports the documents, refusing the proposal while the verdict is not "đạt"', async () => {
    const b = new MockBackend();
    await b.invoke('demo_load', { year: 2026 });
    const path = await b.invoke<string>('assessment_export', { kind: 'assessment', year: 2026, format: 'xlsx' });
    expect(path.endsWith('.xlsx')).toBe(true);
    expect(b.exported).toEqual([path]);
    await expect(b.invoke('assessment_export', { kind: 'report', year: 2026, format: 'xlsx' })).rejects.toMatchObject({ code: 'invalid' });
    const ov = await b.invoke<Overview>('assessment_overview', { year: 2026 });
    const proposal = b.invoke('assessment_export', { kind: 'proposal', year: 2026, format: 'pdf' });
    if (ov.verdict.recognised) await expect(proposal).resolves.toContain('proposal');
    else await expect(proposal).rejects.toMatchObject({ message: expect.stringContaining('chưa đạt chuẩn') });
  });

  it('builds the dossier with progress, warning when the superior has no e-mail', async () => {
    const b = new MockBackend();
    await expect(b.invoke('dossier_build', { year: 2026 })).rejects.toBeTruthy();
    await b.invoke('demo_load', { year: 2026 });
    const steps: DossierProgress[] = [];
    b.onDossierProgress = (p) => steps.push(p);
    const r = await b.invoke<DossierResult>('dossier_build', { year: 2026 });
    expect(r.zip.endsWith('.zip') && r.eml.endsWith('.eml')).toBe(true);
    expect(steps.length).toBeGreaterThan(1);
    expect(steps.at(-1)!.done).toBe(steps.at(-1)!.total);
    const hasEmail = !!b.commune?.superior_email;
    expect(r.warnings.length === 0).toBe(hasEmail);
  });

  it('checks a draft and names the field of each finding', async () => {
    const b = new MockBackend();
    const [id] = await b.invoke<number[]>('demo_load', { year: 2026 });
    const sp = await b.invoke<StoredPlan>('plan_get', { id });
    expect(await b.invoke<Finding[]>('plan_check', { id })).toEqual([]);
    const bases = ['Căn cứ Quyết định số 06/QĐ-TTg ngày 03/01/2029 của Thủ tướng Chính phủ;', ...sp.plan.bases];
    const f = await b.invoke<Finding[]>('plan_check_draft', { plan: { ...sp.plan, title: ' ', bases } });
    expect(f.map((x) => [x.field, x.index ?? null])).toEqual([
      ['title', null],
      ['bases', 0],
    ]);
    expect(f[1].suggestion).toBe('03/01/2019');
  });
});

describe('mock backend: import and checked copy', () => {
  it('imports only plan files and answers the new id with findings', async () => {
    const b = new MockBackend();
    await b.invoke('demo_load', { year: 2026 });
    await expect(b.invoke('plan_import', { path: '/tmp/anh.png' })).rejects.toMatchObject({ message: expect.stringContaining('.docx') });
    const r = await b.invoke<{ id: number; warnings: string[]; findings: Finding[] }>('plan_import', { path: '/tmp/ke-hoach.docx' });
    expect((await b.invoke<StoredPlan>('plan_get', { id: r.id })).plan.title.length).toBeGreaterThan(0);
    expect(Array.isArray(r.findings)).toBe(true);
    const c = await b.invoke<{ id: number; findings: Finding[] }>('plan_copy_checked', { id: r.id, year: 2027 });
    expect((await b.invoke<{ id: number }[]>('plans_list', { year: 2027 })).map((p) => p.id)).toContain(c.id);
  });
});
