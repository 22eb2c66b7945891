// The linter of the mock backend (browser development, UI tests): two rules of the core's
// linter, enough to show the findings panel; the real rules live in src/check/.

import type { Finding, Plan } from './types';

/** A small stand-in of the core's linter: enough to show the panel in a browser. */
export function mockFindings(plan: Plan): Finding[] {
  const out: Finding[] = [];
  if (!plan.title.trim())
    out.push({ severity: 'error', code: 'title-empty', message: 'Kế hoạch chưa có tên: hãy nhập tên kế hoạch.', excerpt: '', suggestion: null, section: 'header', field: 'title' });
  plan.bases.forEach((b, i) => {
    const m = /06\/QĐ-TTg ngày (\d{2}\/\d{2}\/(\d{4}))/.exec(b);
    if (m && m[2] !== '2019')
      out.push({ severity: 'warning', code: 'date-wrong-reference', message: 'Quyết định 06/QĐ-TTg được ban hành ngày 03/01/2019: hãy sửa ngày.', excerpt: m[1], suggestion: '03/01/2019', section: 'preamble', field: 'bases', index: i });
  });
  return out;
}
