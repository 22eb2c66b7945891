import { describe, expect, it } from 'vitest';
import { fmtPoints } from './province';

describe('fmtPoints', () => {
  it('prints points as the documents do', () => {
    expect(fmtPoints(95)).toBe('95');
    expect(fmtPoints(12.5)).toBe('12,5');
    expect(fmtPoints(-3)).toBe('-3');
    expect(fmtPoints(null)).toBe('');
  });
});
