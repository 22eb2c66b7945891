// The commune profile form: defaults derived from what the officer types, and validation.

import type { Commune } from './types';
import { upperVi } from './text';

export const KINDS = ['xã', 'phường', 'đặc khu'] as const;
export const POSITIONS = ['Chủ tịch', 'Phó Chủ tịch'] as const;
export const UNIT_KINDS = ['phòng', 'ban', 'ngành', 'đoàn thể', 'trường', 'trạm y tế', 'thôn'] as const;

export function superiorDefault(province: string): string {
  const p = province.trim();
  return p ? `Sở Y tế tỉnh ${p}` : 'Sở Y tế tỉnh …';
}

export function authorityDefault(kind: string, name: string): string[] {
  return ['ỦY BAN NHÂN DÂN', upperVi(`${kind} ${name.trim()}`).trim()];
}

export function emptyCommune(): Commune {
  return {
    name: '',
    kind: 'xã',
    province: '',
    superior: '',
    superior_email: null,
    parent_authority: null,
    authority_lines: ['ỦY BAN NHÂN DÂN', ''],
    place: '',
    leaders: [
      { name: '', position: 'Chủ tịch' },
      { name: '', position: 'Phó Chủ tịch' },
    ],
    units: [],
    recipients: ['TT Đảng ủy, HĐND xã (b/c)', 'Các cơ quan, ban, ngành, đoàn thể xã', 'Lưu: VT, VHXH'],
  };
}

export type CommuneErrors = Partial<Record<'name' | 'province' | 'superior' | 'authority' | 'place' | 'leaders' | 'email', string>>;

/** Field -> Vietnamese message; empty when the profile can be saved. */
export function validateCommune(c: Commune): CommuneErrors {
  const e: CommuneErrors = {};
  if (!c.name.trim()) e.name = 'Hãy nhập tên xã, ví dụ “Minh Hòa”.';
  else if (/^(xã|phường|đặc khu)\s/i.test(c.name.trim())) e.name = 'Chỉ nhập tên riêng, không kèm chữ “xã”/“phường” (loại chọn ở ô bên cạnh).';
  if (!c.province.trim()) e.province = 'Hãy nhập tên tỉnh, ví dụ “Phú Thọ”.';
  else if (/^tỉnh\s/i.test(c.province.trim())) e.province = 'Chỉ nhập tên tỉnh, không kèm chữ “tỉnh”.';
  if (!c.superior.trim()) e.superior = 'Hãy nhập cơ quan cấp trên nhận báo cáo, ví dụ “Sở Y tế tỉnh Phú Thọ”.';
  if (c.authority_lines.every((l) => !l.trim())) e.authority = 'Hãy nhập tên cơ quan ban hành, ví dụ “ỦY BAN NHÂN DÂN” / “XÃ MINH HÒA”.';
  if (!c.place.trim()) e.place = 'Hãy nhập địa danh ghi ở dòng ngày tháng, thường là tên xã.';
  const named = c.leaders.filter((l) => l.name.trim());
  if (named.length === 0) e.leaders = 'Hãy nhập ít nhất một người ký (Chủ tịch hoặc Phó Chủ tịch).';
  if (c.superior_email && c.superior_email.trim() && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(c.superior_email.trim())) {
    e.email = 'Địa chỉ thư điện tử chưa đúng, ví dụ “syt@phutho.gov.vn”.';
  }
  return e;
}

/** The profile as it is saved: trimmed, empty rows dropped. */
export function cleanCommune(c: Commune): Commune {
  const t = (s: string) => s.trim().replace(/\s+/g, ' ');
  return {
    ...c,
    name: t(c.name),
    province: t(c.province),
    superior: t(c.superior),
    superior_email: c.superior_email && c.superior_email.trim() ? c.superior_email.trim() : null,
    parent_authority: c.parent_authority && c.parent_authority.trim() ? t(c.parent_authority) : null,
    authority_lines: c.authority_lines.map(t).filter(Boolean),
    place: t(c.place),
    leaders: c.leaders.filter((l) => l.name.trim()).map((l) => ({ name: t(l.name), position: l.position })),
    units: c.units.filter((u) => u.name.trim()).map((u) => ({ name: t(u.name), kind: u.kind })),
    recipients: c.recipients.map(t).filter(Boolean),
  };
}
