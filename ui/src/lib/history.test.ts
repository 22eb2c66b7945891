import { describe, expect, it } from 'vitest';
import { editsThisPlan, historyTarget } from './history';
import type { HistoryEntry } from './types';

let n = 0;
const h = (action: HistoryEntry['action'], undone = false, entity_id = 1, entity: HistoryEntry['entity'] = 'plan'): HistoryEntry => ({
  id: ++n,
  at: '2026-04-08T10:00:00+07:00',
  entity,
  entity_id,
  action,
  summary: '',
  undone,
});

describe('undo and redo targets', () => {
  it('undo takes the newest active change, redo the oldest undone one after it', () => {
    const insert = h('insert');
    const e1 = h('update');
    const e2 = h('update', true);
    const e3 = h('update', true);
    const recent = [e3, e2, e1, insert]; // newest first
    expect(historyTarget(recent, 'undo')).toBe(e1);
    expect(historyTarget(recent, 'redo')).toBe(e2);
    expect(historyTarget([e1, insert], 'redo')).toBeUndefined();
    expect(historyTarget([], 'undo')).toBeUndefined();
  });

  it('the editor never undoes the plan creation, another plan or the commune', () => {
    expect(editsThisPlan(h('update'), 1)).toBe(true);
    expect(editsThisPlan(h('insert'), 1)).toBe(false);
    expect(editsThisPlan(h('update', false, 2), 1)).toBe(false);
    expect(editsThisPlan(h('update', false, 1, 'commune'), 1)).toBe(false);
    expect(editsThisPlan(undefined, 1)).toBe(false);
  });
});
