import { describe, expect, it } from 'vitest';
import { CATALOG, DEMO, demoAssessment } from './mock';
import { bandPoints, buildOverview, unitMatches } from './score';

describe('the mock scoring follows the core', () => {
  it('gives the overview the core wrote for its demo (fixtures/demo-assessment.json)', () => {
    const ov = buildOverview(DEMO.commune, CATALOG, DEMO.overview.assessment, DEMO.today);
    expect(ov).toEqual(DEMO.overview);
    // The fixture is a real, unfinished assessment: the test is about something.
    expect(ov.verdict.complete).toBe(false);
    expect(ov.units.some((u) => u.missing.length > 0)).toBe(true);
    expect(ov.criteria.some((c) => c.items.some((i) => i.source === 'manual'))).toBe(true);
  });

  it('reads band edges exactly: 97,9 % is below 98 %, 98 % is in', () => {
    const [, vacc] = CATALOG.criteria.flatMap((c) => c.items.map((i) => [c, i] as const)).find(([, i]) => i.code === '7.1')!;
    expect(bandPoints(vacc, { numerator: 979, denominator: 1000 })).toBeNull();
    expect(bandPoints(vacc, { numerator: 49, denominator: 50 })).toBe(vacc.bands[0].points);
  });

  it('moves the demo to another year with its dates', () => {
    const a = demoAssessment(2027);
    expect(a.year).toBe(2027);
    expect(JSON.stringify(a)).not.toContain('"2026-');
    expect(Object.keys(a.entries)).toEqual(Object.keys(DEMO.overview.assessment.entries));
  });

  it('matches the catalogue roles to the commune units as the core does', () => {
    expect(unitMatches('Trạm Y tế', 'Trạm Y tế xã')).toBe(true);
    expect(unitMatches('Văn hóa - Xã hội', 'Phòng Văn hóa – Xã hội')).toBe(true);
    expect(unitMatches('Trạm Y tế', 'Công an xã')).toBe(false);
  });
});
