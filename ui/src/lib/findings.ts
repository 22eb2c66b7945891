// Where a finding of the linter points in the plan editor, so that clicking it in the panel
// can scroll to and focus the field. The core names a place as `section` ("preamble",
// "closing", "recipients", "signer", "deadlines", "references" or a section label path such
// as "II.1") plus an optional `field` and list `index` (src/check/finding.rs).

import type { Finding } from './types';

export interface Locator {
  /** The element holding the place: a card of the form or a section node. */
  container: string;
  /** The field inside it; absent to focus the container's first field. */
  field?: string;
  /** Which of the `field` elements (list fields), from 0. */
  index?: number;
}

const FIELDS: Record<string, Locator> = {
  title: { container: '#p-header', field: '[data-testid="plan-title"]' },
  number: { container: '#p-header', field: '[data-testid="plan-number"]' },
  symbol: { container: '#p-header', field: '[data-testid="plan-number"]' },
  date: { container: '#p-header', field: '[data-testid="plan-day"]' },
  place: { container: '#p-header', field: '[data-testid="plan-place"]' },
  doc_type: { container: '#p-header', field: '[data-testid="plan-title"]' },
  intro: { container: '#p-bases', field: '[data-testid="plan-intro"]' },
  bases: { container: '#p-bases', field: '[data-testid="bases-item"]' },
  closing: { container: '#p-signer', field: '[data-testid="plan-closing"]' },
  recipients: { container: '#p-signer', field: '[data-testid="recipients-item"]' },
  titles: { container: '#p-signer', field: '[data-testid="signer-titles"]' },
  name: { container: '#p-signer', field: '[data-testid="signer-name"]' },
};

const SECTIONS: Record<string, string> = {
  header: '#p-header',
  preamble: '#p-bases',
  references: '#p-bases',
  closing: '#p-signer',
  recipients: '#p-signer',
  signer: '#p-signer',
  deadlines: '#p-deadlines',
};

/** A section label path ("I", "II.1", "III.2.a"): the plan's own sections. */
export function isSectionPath(s: string): boolean {
  return /^[IVXLC]+(\.[0-9a-zđ]+)*$/.test(s);
}

export function locate(f: Finding): Locator {
  if (isSectionPath(f.section)) {
    const container = `[data-testid="section"][data-label="${f.section}"]`;
    if (f.field === 'title') return { container, field: '[data-testid="section-title"]' };
    if (f.field === 'paragraphs') return { container, field: '[data-testid="paragraph"]', index: f.index ?? 0 };
    return { container };
  }
  if (f.section === 'deadlines' || f.field === 'deadlines') {
    return { container: '#p-deadlines', field: '[data-testid="deadline-text"]', index: f.index ?? 0 };
  }
  const known = f.field ? FIELDS[f.field] : undefined;
  if (known) return { ...known, index: known.field?.includes('-item') || f.field === 'titles' ? (f.index ?? undefined) : undefined };
  return { container: SECTIONS[f.section] ?? '#p-header' };
}

export const SEVERITY: Record<Finding['severity'], { label: string }> = {
  error: { label: 'Lỗi' },
  warning: { label: 'Cảnh báo' },
  info: { label: 'Gợi ý' },
};
/** "2 lỗi, 1 cảnh báo" for the panel's head; "Không có vấn đề" when clean. */
export function summary(findings: Finding[]): string {
  const n = (s: Finding['severity']) => findings.filter((f) => f.severity === s).length;
  const parts = [
    [n('error'), 'lỗi'],
    [n('warning'), 'cảnh báo'],
    [n('info'), 'gợi ý'],
  ]
    .filter(([c]) => (c as number) > 0)
    .map(([c, w]) => `${c} ${w}`);
  return parts.length ? parts.join(', ') : 'Không có vấn đề';
}
