import { describe, expect, it } from 'vitest';
import { joinPath, leadersFor, numberLine, presetOf, SIGNER_PRESETS, validateNumber, validatePlan } from './plan';
import { demoCommune, demoPlan } from './fixtures/demo';

const plan = () => demoPlan('qd06');

describe('plan validation', () => {
  it('accepts a fresh plan from every template', () => {
    for (const t of ['qd06', 'program', 'early-childhood', 'blank']) {
      expect(validatePlan(demoPlan(t))).toBeNull();
    }
  });

  it('refuses 31/02 in the header date', () => {
    const p = plan();
    p.date = { day: 31, month: 2, year: 2026 };
    expect(validatePlan(p)).toBe('Ngày 31/02/2026 không có trong lịch. Hãy kiểm tra lại ngày.');
  });

  it('asks for the subject and for a number made of digits', () => {
    const p = plan();
    p.title = '  ';
    expect(validatePlan(p)).toBe('Thiếu trích yếu (tên kế hoạch). Hãy nhập trích yếu (tên kế hoạch) trước khi lưu.');
    expect(validateNumber(null)).toBeNull();
    expect(validateNumber('15')).toBeNull();
    expect(validateNumber('15a')).toMatch(/chỉ gồm chữ số, hoặc để trống/);
  });

  it('names the deadline whose date is wrong', () => {
    const p = plan();
    p.deadlines[0].date = '2026-02-30';
    expect(validatePlan(p)).toMatch(/^Thời hạn “Tổng hợp hồ sơ/);
  });
});

describe('header and file names', () => {
  it('writes the number line with a leading zero, or room to write by hand', () => {
    expect(numberLine('5', 'KH-UBND')).toBe('Số: 05/KH-UBND');
    expect(numberLine('15', 'KH-UBND')).toBe('Số: 15/KH-UBND');
    expect(numberLine(null, 'KH-UBND')).toBe('Số:      /KH-UBND');
  });

  it('joins a folder and a file name with the folder\'s separator', () => {
    expect(joinPath('/home/a/Tài liệu', 'x.pdf')).toBe('/home/a/Tài liệu/x.pdf');
    expect(joinPath('C:\\Users\\a\\Documents\\', 'x.pdf')).toBe('C:\\Users\\a\\Documents\\x.pdf');
  });
});

describe('signer', () => {
  it('recognises the presets and offers the matching leaders first', () => {
    expect(presetOf({ titles: ['KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH'], name: '' })?.id).toBe('kt');
    expect(presetOf({ titles: ['TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH'], name: '' })?.id).toBe('tm');
    expect(presetOf({ titles: ['KT. TRƯỞNG BAN'], name: '' })).toBeUndefined();
    const tm = SIGNER_PRESETS.find((p) => p.id === 'tm');
    expect(leadersFor(tm, demoCommune().leaders)[0].name).toBe('Nguyễn Văn Thành');
    const kt = SIGNER_PRESETS.find((p) => p.id === 'kt');
    expect(leadersFor(kt, demoCommune().leaders).map((l) => l.name)).toEqual(['Lê Thị Hương', 'Hà Quang Vinh', 'Nguyễn Văn Thành']);
  });
});

describe('preview pages', () => {
  it('gives an SVG without a viewBox one, so it scales to the panel', async () => {
    const { fitSvg } = await import('./plan');
    expect(fitSvg('<svg xmlns="http://www.w3.org/2000/svg" width="595.3pt" height="841.9pt"><g/></svg>', 210, 297)).toBe(
      '<svg viewBox="0 0 595.3 841.9" xmlns="http://www.w3.org/2000/svg" width="595.3pt" height="841.9pt"><g/></svg>',
    );
    expect(fitSvg('<svg><g/></svg>', 210, 297)).toBe('<svg viewBox="0 0 210 297"><g/></svg>');
    const ok = '<svg viewBox="0 0 210 297" width="210mm"></svg>';
    expect(fitSvg(ok, 210, 297)).toBe(ok);
  });
});
