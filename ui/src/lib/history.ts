// Which change an undo or redo would touch, from `history({limit})` (newest first).

import type { HistoryEntry } from './types';

/** The entry `undo` would revert, or `redo` would apply again. */
export function historyTarget(recent: HistoryEntry[], kind: 'undo' | 'redo'): HistoryEntry | undefined {
  const firstActive = recent.findIndex((h) => !h.undone);
  if (kind === 'undo') return firstActive === -1 ? undefined : recent[firstActive];
  // Redo applies the oldest of the undone entries that are newer than every active one.
  const undoneRun = firstActive === -1 ? recent : recent.slice(0, firstActive);
  return undoneRun[undoneRun.length - 1];
}

/** True when the entry is an edit of this plan (not its creation or deletion). */
export function editsThisPlan(entry: HistoryEntry | undefined, planId: number): boolean {
  return !!entry && entry.entity === 'plan' && entry.entity_id === planId && entry.action === 'update';
}
