import { describe, expect, it } from 'vitest';
import { isSectionPath, locate, summary } from './findings';
import type { Finding } from './types';

const f = (over: Partial<Finding>): Finding => ({ severity: 'warning', code: 'x', message: 'm', excerpt: '', suggestion: null, section: 'preamble', ...over });

describe('findings', () => {
  it('locates list items, section paragraphs and plain fields', () => {
    expect(locate(f({ field: 'bases', index: 2 }))).toEqual({ container: '#p-bases', field: '[data-testid="bases-item"]', index: 2 });
    expect(locate(f({ section: 'II.1', field: 'paragraphs', index: 1 }))).toEqual({
      container: '[data-testid="section"][data-label="II.1"]',
      field: '[data-testid="paragraph"]',
      index: 1,
    });
    expect(locate(f({ section: 'III', field: 'title' })).field).toBe('[data-testid="section-title"]');
    expect(locate(f({ section: 'recipients', field: 'recipients', index: 0 })).field).toBe('[data-testid="recipients-item"]');
    expect(locate(f({ field: 'title' }))).toEqual({ container: '#p-header', field: '[data-testid="plan-title"]', index: undefined });
    expect(locate(f({ section: 'deadlines', index: 3 })).index).toBe(3);
    expect(locate(f({ section: 'references' }))).toEqual({ container: '#p-bases' });
  });

  it('tells section paths from named places', () => {
    expect(isSectionPath('II.1.a')).toBe(true);
    expect(isSectionPath('preamble')).toBe(false);
    expect(isSectionPath('signer')).toBe(false);
  });

  it('summarises by severity in Vietnamese', () => {
    expect(summary([])).toBe('Không có vấn đề');
    expect(summary([f({ severity: 'error' }), f({}), f({ severity: 'error' })])).toBe('2 lỗi, 1 cảnh báo');
  });
});
