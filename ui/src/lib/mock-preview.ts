// The browser mock's preview: a rough sketch of the plan on A4 pages (210 × 297 mm),
// Times-like, so the editor can be developed without the core. The real pages come from the
// Rust layout; this only has to look like a document.

import type { Commune, PagePreview, Plan, Section } from './types';
import { dateLine } from './dates';
import { displayLabel } from './sections';
import { numberLine } from './plan';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

interface Line {
  text: string;
  x: number;
  size: number;
  bold?: boolean;
  italic?: boolean;
  anchor?: 'start' | 'middle';
  gapBefore?: number;
  /** Lines that must share a page with this one (headings keep with the next line). */
  keep?: number;
}

const MM_PER_PT = 0.3528;

function wrap(text: string, widthMm: number, sizePt: number, firstIndentMm = 0): string[] {
  // Average Times glyph width ≈ 0.46 em.
  const charMm = sizePt * MM_PER_PT * 0.46;
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let cur = '';
  let limit = Math.floor((widthMm - firstIndentMm) / charMm);
  for (const w of words) {
    if (cur && (cur + ' ' + w).length > limit) {
      lines.push(cur);
      cur = w;
      limit = Math.floor(widthMm / charMm);
    } else cur = cur ? `${cur} ${w}` : w;
  }
  if (cur || lines.length === 0) lines.push(cur);
  return lines;
}

export function previewPages(plan: Plan, commune: Commune | null): PagePreview[] {
  const W = 210;
  const H = 297;
  const left = 30;
  const right = W - 15;
  const top = 20;
  const bottom = H - 20;
  const textW = right - left;
  const body: Line[] = [];
  const para = (text: string, opts: Partial<Line> = {}, indent = 12.7) => {
    const size = opts.size ?? 14;
    wrap(text, textW, size, indent).forEach((t, i) =>
      body.push({ text: t, x: left + (i === 0 ? indent : 0), size, gapBefore: i === 0 ? 1.6 : 0, ...opts, ...(i > 0 ? { keep: 0 } : {}) }),
    );
  };
  const center = (text: string, size: number, bold = false, italic = false, gap = 0) => {
    wrap(text, textW - 20, size).forEach((t, i) =>
      body.push({ text: t, x: (left + right) / 2, size, bold, italic, anchor: 'middle', gapBefore: i === 0 ? gap : 0 }),
    );
  };

  center(plan.doc_type, 14, true, false, 8);
  center(plan.title, 14, true, false, 1);
  body.push({ text: '', x: left, size: 8, gapBefore: 0 });
  plan.bases.forEach((b, i) => para(b + (i === plan.bases.length - 1 ? '.' : ';'), { italic: true }));
  if (plan.intro) para(plan.intro);
  const walk = (ss: Section[], level: number) => {
    for (const s of ss) {
      const head = [displayLabel(s.label), s.title].filter(Boolean).join(' ');
      if (head) para(head, { bold: level < 2, italic: level >= 2, keep: 1 });
      for (const p of s.paragraphs) para(p);
      walk(s.children, level + 1);
    }
  };
  walk(plan.sections, 0);
  if (plan.closing) para(plan.closing);

  const pages: Line[][] = [[]];
  const positions: number[][] = [[]];
  // Room for the header on page 1.
  let y = top + 30;
  const newPage = () => {
    pages.push([]);
    positions.push([]);
    y = top + 8;
  };
  for (const l of body) {
    const h = l.size * MM_PER_PT * 1.15 + (l.gapBefore ?? 0);
    const need = l.keep ? h * 2 : h;
    if (y + need > bottom && pages[pages.length - 1].length > 0) newPage();
    y += h;
    pages[pages.length - 1].push(l);
    positions[positions.length - 1].push(y);
  }
  // Signature block (right) and recipients (left) side by side, never alone on a page.
  const blockHeight = Math.max(8 + plan.recipients.length * 4.4, 12 + plan.signer.titles.length * 5.2 + 24);
  if (y + blockHeight > bottom) newPage();
  const blockTop = y + 8;
  const sigX = left + textW * 0.72;

  const svgs = pages.map((lines, pageIndex) => {
    const parts: string[] = [];
    parts.push(`<rect x="0" y="0" width="${W}" height="${H}" fill="#fff"/>`);
    if (pageIndex === 0) {
      const lx = left + 30;
      const rx = left + textW * 0.64;
      const auth = plan.authority ?? commune?.authority_lines ?? ['ỦY BAN NHÂN DÂN', ''];
      auth.forEach((t, i) => parts.push(txt(t, lx, top + 5 + i * 5.2, 13, true, false, 'middle')));
      parts.push(`<line x1="${lx - 10}" x2="${lx + 10}" y1="${top + 6.6 + (auth.length - 1) * 5.2}" y2="${top + 6.6 + (auth.length - 1) * 5.2}" stroke="#000" stroke-width="0.25"/>`);
      parts.push(txt(numberLine(plan.number, plan.symbol), lx, top + 16, 13, false, false, 'middle'));
      parts.push(txt('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', rx, top + 5, 12, true, false, 'middle'));
      parts.push(txt('Độc lập - Tự do - Hạnh phúc', rx, top + 10.2, 13, true, false, 'middle'));
      parts.push(`<line x1="${rx - 27}" x2="${rx + 27}" y1="${top + 11.8}" y2="${top + 11.8}" stroke="#000" stroke-width="0.25"/>`);
      parts.push(txt(dateLine(plan.place, plan.date), rx, top + 18, 13, false, true, 'middle'));
    } else {
      parts.push(txt(String(pageIndex + 1), W / 2, 12, 13, false, false, 'middle'));
    }
    lines.forEach((l, i) => {
      if (l.text) parts.push(txt(l.text, l.x, positions[pageIndex][i], l.size, l.bold, l.italic, l.anchor));
    });
    if (pageIndex === pages.length - 1) {
      parts.push(txt('Nơi nhận:', left, blockTop, 12, true, true));
      plan.recipients.forEach((r, i) => {
        parts.push(txt(`- ${r}${i === plan.recipients.length - 1 ? '.' : ';'}`, left, blockTop + 4.4 * (i + 1), 11));
      });
      plan.signer.titles.forEach((t, i) => parts.push(txt(t, sigX, blockTop + 5.2 * i, 13, true, false, 'middle')));
      parts.push(txt(plan.signer.name, sigX, blockTop + 5.2 * plan.signer.titles.length + 24, 13, true, false, 'middle'));
    }
    parts.push(txt('Bản xem trước mô phỏng (chưa kết nối phần lõi Tre)', W / 2, H - 8, 8, false, true, 'middle', '#9a9a9a'));
    return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}mm" height="${H}mm" font-family="'Liberation Serif','Times New Roman',Tinos,serif">${parts.join('')}</svg>`;
  });
  return svgs.map((svg) => ({ width_mm: W, height_mm: H, svg }));
}

function txt(text: string, x: number, y: number, sizePt: number, bold = false, italic = false, anchor: 'start' | 'middle' = 'start', fill = '#000'): string {
  const size = (sizePt * MM_PER_PT).toFixed(2);
  return `<text x="${x.toFixed(2)}" y="${y.toFixed(2)}" font-size="${size}"${bold ? ' font-weight="bold"' : ''}${italic ? ' font-style="italic"' : ''}${anchor === 'middle' ? ' text-anchor="middle"' : ''} fill="${fill}">${esc(text)}</text>`;
}

