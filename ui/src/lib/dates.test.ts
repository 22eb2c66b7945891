import { describe, expect, it } from 'vitest';
import { dateLine, daysInMonth, daysUntil, isoToVi, parseDate, validateDocDate } from './dates';

describe('document date', () => {
  it('refuses 31/02 with a Vietnamese message', () => {
    expect(validateDocDate({ day: 31, month: 2, year: 2026 })).toBe('Ngày 31/02/2026 không có trong lịch. Hãy kiểm tra lại ngày.');
  });

  it('knows leap years', () => {
    expect(validateDocDate({ day: 29, month: 2, year: 2028 })).toBeNull();
    expect(validateDocDate({ day: 29, month: 2, year: 2026 })).not.toBeNull();
    expect(validateDocDate({ day: 29, month: 2, year: 2100 })).not.toBeNull();
    expect(daysInMonth(2, 2000)).toBe(29);
  });

  it('accepts a blank day and refuses month 13 or a five-digit year', () => {
    expect(validateDocDate({ day: null, month: 4, year: 2026 })).toBeNull();
    expect(validateDocDate({ day: null, month: 13, year: 2026 })).toMatch(/^Tháng 13 không hợp lệ/);
    expect(validateDocDate({ day: null, month: 4, year: 20266 })).toMatch(/^Năm 20266 nằm ngoài khoảng cho phép/);
    expect(validateDocDate({ day: 0, month: 4, year: 2026 })).toMatch(/không có trong lịch/);
  });
});

describe('typed dates', () => {
  it('reads dd/mm/yyyy, d/m/yyyy and ISO', () => {
    expect(parseDate('15/11/2027')).toEqual({ ok: true, iso: '2027-11-15' });
    expect(parseDate(' 5/6/2027 ')).toEqual({ ok: true, iso: '2027-06-05' });
    expect(parseDate('05.06.2027')).toEqual({ ok: true, iso: '2027-06-05' });
    expect(parseDate('2027-11-15')).toEqual({ ok: true, iso: '2027-11-15' });
  });

  it('refuses impossible or malformed dates with a message', () => {
    const r = parseDate('31/02/2026');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/^Ngày “31\/02\/2026” không hợp lệ\. Hãy viết theo dạng ngày\/tháng\/năm/);
    expect(parseDate('15/11').ok).toBe(false);
    expect(parseDate('').ok).toBe(false);
    expect(parseDate('hôm nay').ok).toBe(false);
    const y = parseDate('15/11/1999');
    expect(!y.ok && y.message).toMatch(/^Năm 1999/);
  });
});

describe('formatting', () => {
  it('writes the header date line with leading zeros as Nghị định 30 asks', () => {
    expect(dateLine('Minh Hòa', { day: 8, month: 4, year: 2026 })).toBe('Minh Hòa, ngày 08 tháng 4 năm 2026');
    expect(dateLine('Minh Hòa', { day: 15, month: 2, year: 2026 })).toBe('Minh Hòa, ngày 15 tháng 02 năm 2026');
    expect(dateLine('Minh Hòa', { day: null, month: 11, year: 2026 })).toBe(`Minh Hòa, ngày ${' '.repeat(6)} tháng 11 năm 2026`);
  });

  it('shows ISO dates the Vietnamese way and counts days', () => {
    expect(isoToVi('2026-11-15')).toBe('15/11/2026');
    const now = new Date(2026, 10, 10);
    expect(daysUntil('2026-11-15', now)).toBe(5);
    expect(daysUntil('2026-11-09', now)).toBe(-1);
  });
});
