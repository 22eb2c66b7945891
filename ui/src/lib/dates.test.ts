import { describe, expect, it } from 'vitest';
import { dateLine, daysInMonth, daysUntil, deadlineStatus, isoToVi, parseDate, splitDeadlines, validateDocDate } from './dates';

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

describe('deadlines on a fixed today', () => {
  const on = (y: number, m: number, d: number, h = 12, min = 0) => new Date(y, m - 1, d, h, min);
  const text = (date: string, now: Date, done?: boolean) => deadlineStatus({ date, done }, now).text;

  it('never says "Còn -N ngày": the reported 12/11/2026 on 06/12/2026 is 24 days overdue', () => {
    const now = on(2026, 12, 6);
    expect(deadlineStatus({ date: '2026-11-12' }, now)).toEqual({ state: 'overdue', days: -24, text: 'Quá hạn 24 ngày' });
    const { overdue, upcoming } = splitDeadlines([{ date: '2026-11-12' }, { date: '2026-12-06' }, { date: '2026-12-20' }], now);
    expect(overdue.map((d) => d.date)).toEqual(['2026-11-12']);
    expect(upcoming.map((d) => d.date)).toEqual(['2026-12-06', '2026-12-20']);
  });

  it('counts across a month boundary', () => {
    const now = on(2026, 11, 30);
    expect(text('2026-12-01', now)).toBe('Còn 1 ngày');
    expect(text('2026-10-31', now)).toBe('Quá hạn 30 ngày');
    expect(text('2027-03-01', on(2027, 2, 28))).toBe('Còn 1 ngày');
    expect(text('2028-03-01', on(2028, 2, 28))).toBe('Còn 2 ngày');
  });

  it('counts across a year boundary', () => {
    expect(text('2027-01-01', on(2026, 12, 31))).toBe('Còn 1 ngày');
    expect(text('2026-12-31', on(2027, 1, 1))).toBe('Quá hạn 1 ngày');
    expect(text('2026-12-20', on(2027, 1, 5))).toBe('Quá hạn 16 ngày');
    const { overdue, upcoming } = splitDeadlines([{ date: '2027-01-02' }, { date: '2026-12-31' }], on(2027, 1, 1, 0, 1));
    expect([overdue.map((d) => d.date), upcoming.map((d) => d.date)]).toEqual([['2026-12-31'], ['2027-01-02']]);
  });

  it('turns at midnight: at 23:59 the date is today, at 00:01 the next day it is overdue', () => {
    expect(deadlineStatus({ date: '2026-12-06' }, on(2026, 12, 6, 23, 59))).toEqual({ state: 'today', days: 0, text: 'Hôm nay' });
    expect(deadlineStatus({ date: '2026-12-06' }, on(2026, 12, 7, 0, 1))).toEqual({ state: 'overdue', days: -1, text: 'Quá hạn 1 ngày' });
    expect(text('2026-12-07', on(2026, 12, 6, 23, 59))).toBe('Còn 1 ngày');
    expect(text('2026-12-07', on(2026, 12, 7, 0, 1))).toBe('Hôm nay');
    expect(text('2027-01-01', on(2026, 12, 31, 23, 59))).toBe('Còn 1 ngày');
    expect(text('2026-12-31', on(2027, 1, 1, 0, 1))).toBe('Quá hạn 1 ngày');
  });

  it('keeps a done step out of both groups and marks the near ones soon', () => {
    const now = on(2026, 12, 6);
    expect(text('2026-11-12', now, true)).toBe('Đã xong');
    const { overdue, upcoming } = splitDeadlines([{ date: '2026-11-12', done: true }, { date: '2026-12-10', done: true }], now);
    expect([overdue, upcoming]).toEqual([[], []]);
    expect(deadlineStatus({ date: '2026-12-20' }, now).state).toBe('soon');
    expect(deadlineStatus({ date: '2026-12-21' }, now).state).toBe('ahead');
  });
});
