// How backups read on screen: what kind, how recent the data inside is, what it holds, and the
// off-laptop reminder's words. Pure functions; the core decides what is a good backup and when
// a copy is due (backup_status), never this file.

import type { BackupInfo, BackupKind, BackupStatus } from './types';
import { formatTimestamp } from './dates';

const KIND_LABELS: Record<BackupKind, string> = {
  daily: 'Hằng ngày',
  'before-migration': 'Trước khi nâng cấp',
  'before-restore': 'Trước khi khôi phục',
  'off-laptop': 'Ngoài máy (USB, thư mục đồng bộ)',
  other: 'Tệp khác',
};

export function kindLabel(kind: BackupKind): string {
  return KIND_LABELS[kind] ?? KIND_LABELS.other;
}

/** How recent the data inside is: its newest change, else when the file was written;
 * "08/04/2026 14:05". */
export function dataDate(b: Pick<BackupInfo, 'last_change' | 'written'>): string {
  const t = b.last_change ?? b.written;
  return t ? formatTimestamp(t) : 'không rõ ngày';
}

/** "4 kế hoạch, năm 2026, 2025", or "chưa có kế hoạch". */
export function contentsLine(b: Pick<BackupInfo, 'plans' | 'years'>): string {
  const plans = b.plans > 0 ? `${b.plans} kế hoạch` : 'chưa có kế hoạch';
  return b.years.length ? `${plans}, năm ${b.years.join(', ')}` : plans;
}

/** The last part of a path, with either separator (Windows or Unix). */
export function fileName(path: string): string {
  const parts = path.split(/[\\/]/).filter(Boolean);
  return parts[parts.length - 1] ?? path;
}

/** The folder holding a file, with either separator; the path itself when it has none. */
export function folderOf(path: string): string {
  const i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return i > 0 ? path.slice(0, i) : i === 0 ? path.slice(0, 1) : path;
}

/** The note under the list when some files failed their check; '' when none did. */
export function refusedLine(refused: number): string {
  return refused > 0 ? `${refused} tệp khác không qua được kiểm tra nên không được đưa vào.` : '';
}

/** The reminder banner's title; '' when no copy is due. */
export function reminderTitle(s: BackupStatus): string {
  if (!s.due) return '';
  if (s.days_since === null) return 'Chưa sao lưu ra ngoài máy';
  return `Đã ${s.days_since} ngày chưa sao lưu ra ngoài máy (USB hoặc thư mục đồng bộ)`;
}

/** "hôm nay", "hôm qua", "5 ngày trước". */
export function daysAgo(days: number): string {
  return days <= 0 ? 'hôm nay' : days === 1 ? 'hôm qua' : `${days} ngày trước`;
}

/** One line on the backups page: when and where the last off-laptop copy went. */
export function offsiteLine(s: BackupStatus): string {
  if (s.last === null || s.days_since === null) return 'Chưa sao lưu ra ngoài máy lần nào.';
  const where = s.folder ? `, vào ${s.folder}` : '';
  return `Lần sao lưu ra ngoài máy gần nhất: ${daysAgo(s.days_since)} (${formatTimestamp(s.last)})${where}.`;
}

/** The toast after an off-laptop copy: which file, and that it was read back and checked. */
export function offsiteDone(b: BackupInfo): string {
  return `Đã sao lưu vào tệp ${fileName(b.path)} trong thư mục ${folderOf(b.path)}. Tre đã đọc lại bản sao lưu này và kiểm tra: dùng được để khôi phục.`;
}

/** The toast after a restore: from which backup, and where the previous content was kept. */
export function restoredLine(b: BackupInfo, kept: string | null): string {
  const from = `Đã khôi phục dữ liệu từ bản sao lưu ngày ${dataDate(b)}.`;
  return kept ? `${from} Dữ liệu trước đó được giữ lại trong tệp ${kept}.` : from;
}
