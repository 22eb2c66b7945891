import { describe, expect, it } from 'vitest';
import type { BackupInfo, BackupStatus } from './types';
import { contentsLine, dataDate, daysAgo, fileName, folderOf, kindLabel, offsiteDone, offsiteLine, refusedLine, reminderTitle, restoredLine } from './backups';

// Local times, as the core writes them (RFC 3339 with the machine's offset).
const at = (y: number, mo: number, d: number, h: number, mi: number) => new Date(y, mo - 1, d, h, mi).toISOString();

const backup: BackupInfo = {
  path: '/media/usb/Tre/tre-sao-luu-2026-04-08-140500.db',
  kind: 'off-laptop',
  written: at(2026, 4, 8, 14, 6),
  last_change: at(2026, 4, 8, 14, 5),
  size: 81920,
  commune: 'xã Minh Hòa, tỉnh Phú Thọ',
  plans: 4,
  years: [2026, 2025],
};

describe('a backup in the list', () => {
  it('names each kind in Vietnamese', () => {
    expect(kindLabel('daily')).toBe('Hằng ngày');
    expect(kindLabel('before-migration')).toBe('Trước khi nâng cấp');
    expect(kindLabel('before-restore')).toBe('Trước khi khôi phục');
    expect(kindLabel('off-laptop')).toBe('Ngoài máy (USB, thư mục đồng bộ)');
    expect(kindLabel('other')).toBe('Tệp khác');
  });

  it('dates the data by its newest change, else by the file', () => {
    expect(dataDate(backup)).toBe('08/04/2026 14:05');
    expect(dataDate({ ...backup, last_change: null })).toBe('08/04/2026 14:06');
  });

  it('says what is inside', () => {
    expect(contentsLine(backup)).toBe('4 kế hoạch, năm 2026, 2025');
    expect(contentsLine({ plans: 0, years: [] })).toBe('chưa có kế hoạch');
    expect(contentsLine({ plans: 0, years: [2026] })).toBe('chưa có kế hoạch, năm 2026');
  });

  it('splits paths of either system', () => {
    expect(fileName(backup.path)).toBe('tre-sao-luu-2026-04-08-140500.db');
    expect(folderOf(backup.path)).toBe('/media/usb/Tre');
    expect(fileName('E:\\Tre\\tre-sao-luu-1.db')).toBe('tre-sao-luu-1.db');
    expect(folderOf('E:\\Tre\\tre-sao-luu-1.db')).toBe('E:\\Tre');
    expect(folderOf('/tre.db')).toBe('/');
  });

  it('counts the refused files, and says nothing when there are none', () => {
    expect(refusedLine(0)).toBe('');
    expect(refusedLine(2)).toBe('2 tệp khác không qua được kiểm tra nên không được đưa vào.');
  });

  it('says where the previous data was kept after a restore', () => {
    expect(restoredLine(backup, '/home/a/.local/share/tre/backups/tre-before-restore-1.db')).toBe(
      'Đã khôi phục dữ liệu từ bản sao lưu ngày 08/04/2026 14:05. Dữ liệu trước đó được giữ lại trong tệp /home/a/.local/share/tre/backups/tre-before-restore-1.db.',
    );
    expect(restoredLine(backup, null)).toBe('Đã khôi phục dữ liệu từ bản sao lưu ngày 08/04/2026 14:05.');
  });

  it('names the file of an off-laptop copy and that it was checked', () => {
    expect(offsiteDone(backup)).toMatch(/^Đã sao lưu vào tệp tre-sao-luu-2026-04-08-140500\.db trong thư mục \/media\/usb\/Tre\. Tre đã đọc lại/);
  });
});

describe('the off-laptop reminder', () => {
  const status = (s: Partial<BackupStatus>): BackupStatus => ({ folder: null, last: null, days_since: null, due: true, ...s });

  it('is silent when a copy is recent', () => {
    expect(reminderTitle(status({ due: false, days_since: 2, last: at(2026, 4, 6, 9, 0) }))).toBe('');
  });

  it('says never, or how many days', () => {
    expect(reminderTitle(status({}))).toBe('Chưa sao lưu ra ngoài máy');
    expect(reminderTitle(status({ days_since: 9, last: at(2026, 3, 30, 9, 0) }))).toBe('Đã 9 ngày chưa sao lưu ra ngoài máy (USB hoặc thư mục đồng bộ)');
  });

  it('tells when and where the last copy went', () => {
    expect(offsiteLine(status({}))).toBe('Chưa sao lưu ra ngoài máy lần nào.');
    expect(offsiteLine(status({ folder: '/media/usb/Tre', last: at(2026, 4, 1, 8, 30), days_since: 3 }))).toBe(
      'Lần sao lưu ra ngoài máy gần nhất: 3 ngày trước (01/04/2026 08:30), vào /media/usb/Tre.',
    );
    expect(daysAgo(0)).toBe('hôm nay');
    expect(daysAgo(1)).toBe('hôm qua');
  });
});
