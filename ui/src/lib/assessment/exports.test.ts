import { describe, expect, it } from 'vitest';
import { ASSESSMENT_DOCS, docLabel, parentDir, progressPercent } from './exports';

describe('assessment exports', () => {
  it('lists each document of the core once, only the score table with a workbook', () => {
    const kinds = ASSESSMENT_DOCS.map((d) => d.kind).sort();
    expect(kinds).toEqual(['assessment', 'minutes', 'notice', 'proposal', 'report', 'report-6m']);
    const withXlsx = ASSESSMENT_DOCS.filter((d) => d.formats.includes('xlsx')).map((d) => d.kind);
    expect(withXlsx).toEqual(['assessment']);
    for (const d of ASSESSMENT_DOCS) expect(d.formats.slice(0, 2)).toEqual(['pdf', 'docx']);
    expect(docLabel('minutes')).toBe('Biên bản họp');
  });

  it('turns progress into a clamped percentage', () => {
    expect(progressPercent(null)).toBe(0);
    expect(progressPercent({ done: 0, total: 0, label: '' })).toBe(0);
    expect(progressPercent({ done: 3, total: 12, label: 'x' })).toBe(25);
    expect(progressPercent({ done: 20, total: 12, label: 'x' })).toBe(100);
  });

  it('finds the folder of a path on Linux and Windows', () => {
    expect(parentDir('/home/canbo/Tre/2026_MinhHoa_BC-tu-danh-gia.pdf')).toBe('/home/canbo/Tre');
    expect(parentDir('C:\\Users\\canbo\\Tre\\a.zip')).toBe('C:\\Users\\canbo\\Tre');
    expect(parentDir('a.zip')).toBe('a.zip');
  });
});
