// The self-assessment part of the mock backend (../mock.ts): assessments per year in memory,
// scored with the core's rules (./score.ts, ./edit.ts). The demo year is the core's own demo,
// written by `cargo test --test it ui_fixture` into ../fixtures/demo-assessment.json.

import type { Assessment, AssessmentEdit, Category, Commune, Overview } from '../types';
import { applyEdit, Invalid } from './edit';
import { buildOverview, type Catalog } from './score';
import catalogJson from '../../../../assets/criteria/qd06-2019.json';
import fixture from '../fixtures/demo-assessment.json';

export const CATALOG = catalogJson as unknown as Catalog;

/** The core's demo, as the fixture holds it (commune, the overview of 2026 on `today`). */
export const DEMO = fixture as unknown as { today: string; commune: Commune; overview: Overview };

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

/** The demo's assessment moved to `year` (its dates follow). */
export function demoAssessment(year: number): Assessment {
  const from = String(DEMO.overview.year);
  const moved = JSON.stringify(DEMO.overview.assessment).split(`"${from}-`).join(`"${year}-`);
  return { ...(JSON.parse(moved) as Assessment), year };
}

export function checkCategory(c: Commune): void {
  const id = c.category;
  if (id && !CATALOG.rule.categories.some((k) => k.id === id)) {
    const known = CATALOG.rule.categories.map((k) => `${k.id} (${k.name}, ${k.threshold} điểm)`).join('; ');
    throw new Invalid(`Loại xã “${id}” không có. Các loại: ${known}.`);
  }
}

export class MockAssessments {
  private byYear = new Map<number, Assessment>();

  get(year: number): Assessment {
    return clone(this.byYear.get(year) ?? emptyAssessment(year));
  }

  /** Replaces (or with null removes) the stored assessment of `year`: load, undo, redo. */
  put(year: number, a: Assessment | null): void {
    if (a) this.byYear.set(year, clone(a));
    else this.byYear.delete(year);
  }

  has(year: number): boolean {
    return this.byYear.has(year);
  }

  overview(commune: Commune, year: number, today: string): Overview {
    return buildOverview(commune, CATALOG, this.get(year), today);
  }

  /**
   * One change; returns the old stored value (for history) and the summary. Throws the
   * core's `{code, message}` for a refused value, with nothing changed.
   */
  set(year: number, edit: AssessmentEdit, now: string): { old: Assessment | null; summary: string; changed: boolean } {
    const old = this.byYear.get(year) ?? null;
    try {
      const { next, summary } = applyEdit(this.get(year), CATALOG, edit, now);
      const changed = JSON.stringify(next) !== JSON.stringify(old ?? emptyAssessment(year));
      if (changed) this.byYear.set(year, next);
      return { old: old && clone(old), summary, changed };
    } catch (e) {
      if (e instanceof Invalid) throw { code: e.code, message: e.message };
      throw e;
    }
  }

  categories(): Category[] {
    return clone(CATALOG.rule.categories);
  }
}

export function emptyAssessment(year: number): Assessment {
  return {
    year,
    entries: {},
    criterion_points: {},
    meeting: { date: null, start: '', end: '', place: '', chair: '', secretary: '', attendees: [], votes_for: null, votes_total: null },
    documents: {},
    schedule: { units_due: null, meeting_due: null, notice_due: null, dossier_due: null },
  };
}
