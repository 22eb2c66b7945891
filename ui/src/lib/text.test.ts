import { describe, expect, it } from 'vitest';
import { deepNfc, nfc, upperVi } from './text';
import { authorityDefault, cleanCommune, emptyCommune, superiorDefault, validateCommune } from './commune';

describe('text', () => {
  it('turns decomposed Vietnamese into NFC, deeply', () => {
    const decomposed = 'Hòa'.normalize('NFD');
    expect(decomposed).not.toBe('Hòa');
    expect(nfc(decomposed)).toBe('Hòa');
    expect(deepNfc({ a: [decomposed], b: { c: decomposed }, n: 3, z: null })).toEqual({ a: ['Hòa'], b: { c: 'Hòa' }, n: 3, z: null });
  });

  it('upper-cases Vietnamese', () => {
    expect(upperVi('xã Minh Hòa')).toBe('XÃ MINH HÒA');
  });
});

describe('commune form', () => {
  it('derives the defaults from what is typed', () => {
    expect(superiorDefault('Phú Thọ')).toBe('Sở Y tế tỉnh Phú Thọ');
    expect(authorityDefault('xã', 'Minh Hòa')).toEqual(['ỦY BAN NHÂN DÂN', 'XÃ MINH HÒA']);
    expect(authorityDefault('đặc khu', 'Phú Quốc')).toEqual(['ỦY BAN NHÂN DÂN', 'ĐẶC KHU PHÚ QUỐC']);
  });

  it('says in Vietnamese what is missing', () => {
    const e = validateCommune(emptyCommune());
    expect(e.name).toBe('Hãy nhập tên xã, ví dụ “Minh Hòa”.');
    expect(e.province).toMatch(/^Hãy nhập tên tỉnh/);
    expect(e.leaders).toMatch(/ít nhất một người ký/);
    const c = { ...emptyCommune(), name: 'xã Minh Hòa', province: 'tỉnh Phú Thọ', superior_email: 'abc' };
    const e2 = validateCommune(c);
    expect(e2.name).toMatch(/không kèm chữ “xã”/);
    expect(e2.province).toMatch(/không kèm chữ “tỉnh”/);
    expect(e2.email).toMatch(/thư điện tử/);
  });

  it('cleans the profile before saving', () => {
    const c = cleanCommune({
      ...emptyCommune(),
      name: '  Minh   Hòa ',
      leaders: [{ name: ' Lê Thị Hương ', position: 'Phó Chủ tịch' }, { name: '', position: 'Chủ tịch' }],
      units: [{ name: '', kind: 'thôn' }],
      superior_email: '  ',
    });
    expect(c.name).toBe('Minh Hòa');
    expect(c.leaders).toEqual([{ name: 'Lê Thị Hương', position: 'Phó Chủ tịch' }]);
    expect(c.units).toEqual([]);
    expect(c.superior_email).toBeNull();
  });
});
