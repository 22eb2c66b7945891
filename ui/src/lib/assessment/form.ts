// The data-entry form of one sub-item: what the officer types (a draft of strings), how it
// becomes one change for the core (`assessment_set`), and how a fresh answer from the core is
// merged without overwriting what is still being typed.

import type { AssessmentEdit, Figure, ItemScore } from '../types';
import { fmtPoints } from './format';

/** A figure given as "số đạt / tổng số" (the core's `Figure::Rate`). */
export const isRate = (f: Figure | null | undefined): f is { numerator: number; denominator: number } =>
  typeof f === 'object' && f !== null && 'numerator' in f;

export interface ItemDraft {
  /** yes_no: "có" | "không" | ""; count: digits; choice: the option; rate: unused. */
  value: string;
  numerator: string;
  denominator: string;
  evidence: string;
  points: string;
  reason: string;
}

export type DraftField = keyof ItemDraft;

/** The three groups saved separately, each with its own error place. */
export type FieldGroup = 'value' | 'evidence' | 'points';

export const GROUP_FIELDS: Record<FieldGroup, DraftField[]> = {
  value: ['value', 'numerator', 'denominator'],
  evidence: ['evidence'],
  points: ['points', 'reason'],
};

/** The figures as the core reads them back ("412/415", "có", "3", "Hằng quý"). */
export function figureText(f: Figure | null): string {
  if (f === null) return '';
  if (typeof f === 'boolean') return f ? 'có' : 'không';
  if (isRate(f)) return `${f.numerator}/${f.denominator}`;
  return String(f);
}

export function draftOf(item: ItemScore): ItemDraft {
  const rate = isRate(item.value) ? item.value : null;
  const manual = item.source === 'manual';
  return {
    value: rate ? '' : figureText(item.value),
    numerator: rate ? String(rate.numerator) : '',
    denominator: rate ? String(rate.denominator) : '',
    evidence: item.evidence,
    points: manual && item.points !== null ? fmtPoints(item.points) : '',
    reason: manual ? item.reason : '',
  };
}

/** A change to send, nothing to send, or a note on what is still missing before sending. */
export type Planned = { edit: AssessmentEdit } | { wait: string } | null;

const clean = (s: string) => s.normalize('NFC').trim().replace(/\s+/g, ' ');

/** The figures of the draft as one value text, or a note while a rate is half typed. */
export function planValue(item: ItemScore, d: ItemDraft): Planned {
  let text: string;
  if (item.kind === 'rate') {
    const [n, den] = [d.numerator.trim(), d.denominator.trim()];
    if ((n === '') !== (den === '')) return { wait: 'Nhập cả số đạt và tổng số để tính tỷ lệ.' };
    text = n === '' ? '' : `${n}/${den}`;
  } else text = clean(d.value);
  if (text === figureText(item.value)) return null;
  return { edit: { code: item.code, value: text } };
}

export function planEvidence(item: ItemScore, d: ItemDraft): Planned {
  const text = clean(d.evidence);
  return text === item.evidence ? null : { edit: { code: item.code, evidence: text } };
}

/** Hand points go with their reason; an emptied points field clears them. */
export function planPoints(item: ItemScore, d: ItemDraft): Planned {
  const points = d.points.trim();
  const reason = clean(d.reason);
  const manual = item.source === 'manual';
  if (points === '') return manual ? { edit: { code: item.code, points: '' } } : null;
  const same = manual && Number(points.replace(',', '.')) === item.points && reason === item.reason;
  if (same) return null;
  if (!reason) return { wait: 'Ghi lý do để lưu điểm nhập tay, ví dụ “Theo hướng dẫn của Sở Y tế tỉnh”.' };
  return { edit: { code: item.code, points, reason } };
}

export function plan(group: FieldGroup, item: ItemScore, d: ItemDraft): Planned {
  return group === 'value' ? planValue(item, d) : group === 'evidence' ? planEvidence(item, d) : planPoints(item, d);
}

/**
 * The draft after the core answered with `fresh`: fields the officer has not changed since
 * `synced` (the previous answer) take the new value; fields being typed keep what is typed.
 */
export function mergeDraft(draft: ItemDraft, synced: ItemDraft, fresh: ItemDraft): ItemDraft {
  const out = { ...draft };
  for (const k of Object.keys(out) as DraftField[]) {
    if (draft[k] === synced[k]) out[k] = fresh[k];
  }
  return out;
}

/** The draft of one group reset to what the core holds (after a successful save). */
export function resetGroup(draft: ItemDraft, fresh: ItemDraft, group: FieldGroup): ItemDraft {
  const out = { ...draft };
  for (const k of GROUP_FIELDS[group]) out[k] = fresh[k];
  return out;
}

/** Whether the item shows the hand-points fields: the catalogue does not know its points, or they were entered. */
export function showsHandPoints(item: ItemScore): boolean {
  return !item.confirmed || item.source === 'manual' || item.source === 'needs_points';
}

/**
 * Runs async calls one after another, in the order they were made: each change the page
 * sends gets back the whole overview, so the last answer must be the last change's.
 */
export function serial() {
  let last: Promise<unknown> = Promise.resolve();
  return <T>(fn: () => Promise<T>): Promise<T> => {
    const p = last.then(fn, fn);
    last = p.catch(() => undefined);
    return p;
  };
}
