// Dates as the officer writes them (dd/mm/yyyy) and as the model stores them (ISO
// yyyy-mm-dd, or DocDate with an optional day). Messages mirror src/model/date.rs.

import type { DocDate } from './types';

export const YEAR_MIN = 2000;
export const YEAR_MAX = 2100;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(month: number, year: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** Null when the year is acceptable, else the message to show. */
export function checkYear(year: number): string | null {
  if (Number.isInteger(year) && year >= YEAR_MIN && year <= YEAR_MAX) return null;
  return `Năm ${Number.isFinite(year) ? year : '(trống)'} nằm ngoài khoảng cho phép (${YEAR_MIN}–${YEAR_MAX}). Hãy nhập năm có 4 chữ số, ví dụ 2027.`;
}

/** Null when the document date exists in the calendar (day may be blank), else a message. */
export function validateDocDate(d: DocDate): string | null {
  const y = checkYear(d.year);
  if (y) return y;
  if (!Number.isInteger(d.month) || d.month < 1 || d.month > 12) {
    return `Tháng ${Number.isFinite(d.month) ? d.month : '(trống)'} không hợp lệ: tháng phải từ 1 đến 12.`;
  }
  if (d.day !== null) {
    if (!Number.isInteger(d.day) || d.day < 1 || d.day > daysInMonth(d.month, d.year)) {
      return `Ngày ${pad2(d.day)}/${pad2(d.month)}/${d.year} không có trong lịch. Hãy kiểm tra lại ngày.`;
    }
  }
  return null;
}

export type ParsedDate = { ok: true; iso: string } | { ok: false; message: string };

/**
 * Reads "15/11/2027", "5/6/2027", "15-11-2027", "15.11.2027" or ISO "2027-11-15";
 * refuses impossible dates (31/02) with a Vietnamese message.
 */
export function parseDate(text: string): ParsedDate {
  const t = text.trim();
  const bad: ParsedDate = {
    ok: false,
    message: `Ngày “${t}” không hợp lệ. Hãy viết theo dạng ngày/tháng/năm, ví dụ 15/11/2027, và kiểm tra ngày có trong lịch.`,
  };
  if (!t) return { ok: false, message: 'Chưa nhập ngày. Hãy viết theo dạng ngày/tháng/năm, ví dụ 15/11/2027.' };
  let day: number, month: number, year: number;
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  if (m) {
    [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  } else if ((m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t))) {
    [day, month, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
  } else {
    return bad;
  }
  const yearProblem = checkYear(year);
  if (yearProblem) return { ok: false, message: yearProblem };
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(month, year)) return bad;
  return { ok: true, iso: `${year}-${pad2(month)}-${pad2(day)}` };
}

/** "2026-11-15" -> "15/11/2026"; anything else is returned unchanged. */
export function isoToVi(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

/** Today as ISO in local time. */
export function todayIso(now = new Date()): string {
  return `${now.getFullYear()}-${pad2(now.getMonth() + 1)}-${pad2(now.getDate())}`;
}

/**
 * The date line of the header (Nghị định 30): "Minh Hòa, ngày 08 tháng 4 năm 2026"; a day
 * below 10 and months 1–2 get a leading zero; a blank day leaves room to write by hand.
 */
export function dateLine(place: string, d: DocDate): string {
  const day = d.day === null ? '      ' : pad2(d.day);
  const month = d.month <= 2 ? pad2(d.month) : String(d.month);
  return `${place}, ngày ${day} tháng ${month} năm ${d.year}`;
}

/** "2026-04-08T14:05:00+07:00" -> "08/04/2026 14:05" (local time). */
export function formatTimestamp(rfc3339: string): string {
  const d = new Date(rfc3339);
  if (Number.isNaN(d.getTime())) return rfc3339;
  return `${pad2(d.getDate())}/${pad2(d.getMonth() + 1)}/${d.getFullYear()} ${pad2(d.getHours())}:${pad2(d.getMinutes())}`;
}

/** Whole days from today to an ISO date (negative when past). */
export function daysUntil(iso: string, now = new Date()): number {
  const [y, m, d] = iso.split('-').map(Number);
  const target = Date.UTC(y, m - 1, d);
  const today = Date.UTC(now.getFullYear(), now.getMonth(), now.getDate());
  return Math.round((target - today) / 86_400_000);
}

/** Where a deadline stands on a given day; only its date and whether it is done count. */
export type DeadlineState = 'done' | 'overdue' | 'today' | 'soon' | 'ahead';

export interface DeadlineStatus {
  state: DeadlineState;
  /** Whole days from today to the deadline, negative once past. */
  days: number;
  /** "Quá hạn 3 ngày", "Hôm nay", "Còn 5 ngày", "Đã xong". */
  text: string;
}

/** A deadline this close (days) is "soon". */
export const SOON_DAYS = 14;

/**
 * The status of a deadline on the local calendar day of `now`. It is counted here rather than
 * taken from the core's `days_left`, which is as old as the list: an app left open across
 * midnight must not keep saying "Còn 1 ngày" about yesterday. A date before today is overdue
 * unless known done, never "Còn -N ngày".
 */
export function deadlineStatus(d: { date: string; done?: boolean }, now = new Date()): DeadlineStatus {
  const days = daysUntil(d.date, now);
  if (d.done) return { state: 'done', days, text: 'Đã xong' };
  if (!Number.isFinite(days)) return { state: 'ahead', days, text: '' };
  if (days < 0) return { state: 'overdue', days, text: `Quá hạn ${-days} ngày` };
  if (days === 0) return { state: 'today', days, text: 'Hôm nay' };
  return { state: days <= SOON_DAYS ? 'soon' : 'ahead', days, text: `Còn ${days} ngày` };
}

/**
 * The home panel's two groups on the day of `now`: what is overdue and what is still ahead
 * ("Sắp tới", today included), each earliest first. A step already done is in neither.
 */
export function splitDeadlines<T extends { date: string; done?: boolean }>(items: T[], now = new Date()): { overdue: T[]; upcoming: T[] } {
  const overdue: T[] = [];
  const upcoming: T[] = [];
  const sorted = [...items].sort((a, b) => a.date.localeCompare(b.date));
  for (const d of sorted) {
    const s = deadlineStatus(d, now).state;
    if (s === 'overdue') overdue.push(d);
    else if (s !== 'done') upcoming.push(d);
  }
  return { overdue, upcoming };
}
