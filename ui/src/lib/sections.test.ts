import { describe, expect, it } from 'vitest';
import {
  MAX_DEPTH,
  addChild,
  addSibling,
  appendTop,
  displayLabel,
  fromSections,
  getNode,
  groupStyle,
  indent,
  labelFor,
  moveDown,
  moveTo,
  moveUp,
  outdent,
  remapDeadlines,
  removeAt,
  renumber,
  reuseKeys,
  sectionRefs,
  toLetter,
  toRoman,
  toSections,
  type OpResult,
  type TreeNode,
} from './sections';
import type { Section } from './types';

const s = (label: string, title: string, children: Section[] = [], paragraphs: string[] = []): Section => ({ label, title, paragraphs, children });

/** The plan skeleton of the qd06 template. */
function sample(): TreeNode[] {
  return fromSections([
    s('I', 'MỤC ĐÍCH, YÊU CẦU', [s('1', 'Mục đích', [], ['- Nâng cao nhận thức']), s('2', 'Yêu cầu')]),
    s('II', 'NỘI DUNG'),
    s('III', 'KINH PHÍ'),
    s('IV', 'TỔ CHỨC THỰC HIỆN', [s('1', 'Phòng Văn hóa - Xã hội'), s('2', 'Phòng Kinh tế'), s('3', 'Các trường học')]),
  ]);
}

/** "I MỤC ĐÍCH…" lines, indented by level: a readable picture of a tree. */
function outline(tree: TreeNode[], depth = 0): string[] {
  return tree.flatMap((n) => [`${'  '.repeat(depth)}${n.label} ${n.title}`, ...outline(n.children, depth + 1)]);
}

function ok(r: OpResult): { tree: TreeNode[]; path: number[] } {
  if (!r.ok) throw new Error(`refused: ${r.reason}`);
  return r;
}

describe('labels', () => {
  it('writes Roman numerals', () => {
    expect([1, 2, 3, 4, 5, 9, 10, 14, 40, 90, 2026].map(toRoman)).toEqual(['I', 'II', 'III', 'IV', 'V', 'IX', 'X', 'XIV', 'XL', 'XC', 'MMXXVI']);
  });

  it('uses the letters of Vietnamese legal texts: đ after d, no f/j/w/z', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map(toLetter).join(' ')).toBe('a b c d đ e g');
    expect(toLetter(23)).toBe('y');
    expect(toLetter(24)).toBe('aa');
  });

  it('picks the style by level and keeps a group numbered 1.1, 1.2', () => {
    expect(groupStyle(0, [])).toBe('roman');
    expect(groupStyle(1, ['x'])).toBe('arabic');
    expect(groupStyle(2, ['a', 'b'])).toBe('letter');
    expect(groupStyle(2, ['1.1', '1.2'])).toBe('dotted');
    expect(groupStyle(2, [])).toBe('letter');
    expect(labelFor('dotted', 2, '2')).toBe('2.3');
  });

  it('prints labels as Nghị định 30 does', () => {
    expect(displayLabel('IV')).toBe('IV.');
    expect(displayLabel('1.2')).toBe('1.2.');
    expect(displayLabel('a')).toBe('a)');
    expect(displayLabel('đ')).toBe('đ)');
    expect(displayLabel('')).toBe('');
  });

  it('renumbers every level from position, whatever the labels were', () => {
    const tree = fromSections([s('', 'A', [s('7', 'x', [s('z', 'p'), s('', 'q')]), s('', 'y')]), s('II', 'B')]);
    expect(outline(renumber(tree))).toEqual(['I A', '  1 x', '    a p', '    b q', '  2 y', 'II B']);
  });

  it('keeps the dotted style of an imported plan (seed 002)', () => {
    const tree = fromSections([s('II', 'NỘI DUNG', [s('1', 'Mục tiêu', [s('1.1', 'chung'), s('1.2', 'cụ thể')]), s('2', 'Nhiệm vụ', [s('2.1', 'x')])])]);
    const r = ok(addSibling(tree, [0, 0, 0]));
    expect(outline(r.tree)).toEqual(['I NỘI DUNG', '  1 Mục tiêu', '    1.1 chung', '    1.2 ', '    1.3 cụ thể', '  2 Nhiệm vụ', '    2.1 x']);
  });

  it('round-trips to the model without the editor keys', () => {
    const back = toSections(sample());
    expect(back[0]).toEqual(s('I', 'MỤC ĐÍCH, YÊU CẦU', [s('1', 'Mục đích', [], ['- Nâng cao nhận thức']), s('2', 'Yêu cầu')]));
    expect(JSON.stringify(back)).not.toContain('key');
  });
});

describe('tree operations', () => {
  it('adds a section at the end and after another', () => {
    let r = ok(appendTop(sample()));
    expect(r.path).toEqual([4]);
    expect(getNode(r.tree, r.path)!.label).toBe('V');
    r = ok(addSibling(sample(), [1]));
    expect(outline(r.tree).filter((l) => !l.startsWith(' '))).toEqual(['I MỤC ĐÍCH, YÊU CẦU', 'II NỘI DUNG', 'III ', 'IV KINH PHÍ', 'V TỔ CHỨC THỰC HIỆN']);
  });

  it('adds a child numbered after its siblings', () => {
    const r = ok(addChild(sample(), [3]));
    expect(r.path).toEqual([3, 3]);
    expect(getNode(r.tree, r.path)!.label).toBe('4');
    const sub = ok(addChild(r.tree, [3, 3]));
    expect(getNode(sub.tree, sub.path)!.label).toBe('a');
  });

  it(`refuses a level deeper than ${MAX_DEPTH}`, () => {
    const a = ok(addChild(sample(), [0, 0]));
    const r = addChild(a.tree, a.path);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(/tối đa 3 cấp/);
  });

  it('removes a section and renumbers the rest', () => {
    const r = ok(removeAt(sample(), [1]));
    expect(outline(r.tree).filter((l) => !l.startsWith(' '))).toEqual(['I MỤC ĐÍCH, YÊU CẦU', 'II KINH PHÍ', 'III TỔ CHỨC THỰC HIỆN']);
    expect(r.path).toEqual([0]);
    const child = ok(removeAt(sample(), [3, 0]));
    expect(outline(child.tree).slice(-2)).toEqual(['  1 Phòng Kinh tế', '  2 Các trường học']);
  });

  it('moves up and down with Alt+↑/↓, and refuses past the ends', () => {
    const up = ok(moveUp(sample(), [3, 2]));
    expect(up.path).toEqual([3, 1]);
    expect(outline(up.tree).slice(-3)).toEqual(['  1 Phòng Văn hóa - Xã hội', '  2 Các trường học', '  3 Phòng Kinh tế']);
    const down = ok(moveDown(sample(), [0]));
    expect(down.path).toEqual([1]);
    expect(outline(down.tree).slice(0, 2)).toEqual(['I NỘI DUNG', 'II MỤC ĐÍCH, YÊU CẦU']);
    expect(outline(down.tree)[2]).toBe('  1 Mục đích');
    expect(moveUp(sample(), [0]).ok).toBe(false);
    expect(moveDown(sample(), [3]).ok).toBe(false);
  });

  it('indents under the previous sibling (Tab) and outdents after the parent (Shift+Tab)', () => {
    const ind = ok(indent(sample(), [2]));
    expect(ind.path).toEqual([1, 0]);
    expect(outline(ind.tree)).toContain('  1 KINH PHÍ');
    expect(outline(ind.tree)).toContain('III TỔ CHỨC THỰC HIỆN');
    const out = ok(outdent(ind.tree, ind.path));
    expect(outline(out.tree)).toEqual(outline(sample()));
    expect(out.path).toEqual([2]);
  });

  it('refuses to indent the first of a group or too deep, and to outdent the top level', () => {
    expect(indent(sample(), [0]).ok).toBe(false);
    expect(outdent(sample(), [1]).ok).toBe(false);
    // I has children; indenting II under I is fine, indenting I's subtree one more level is not.
    const a = ok(addChild(sample(), [0, 1]));
    const deep = indent(a.tree, [1]);
    expect(deep.ok).toBe(true);
    const tooDeep = indent(a.tree, [0, 1]);
    expect(tooDeep.ok).toBe(false);
  });

  it('moves by drag and drop, across levels, and never into itself', () => {
    // Drag "Phòng Kinh tế" (IV.2) before "Yêu cầu" (I.2).
    const r = ok(moveTo(sample(), [3, 1], [0], 1));
    expect(outline(r.tree).slice(0, 4)).toEqual(['I MỤC ĐÍCH, YÊU CẦU', '  1 Mục đích', '  2 Phòng Kinh tế', '  3 Yêu cầu']);
    expect(r.path).toEqual([0, 1]);
    // Same group, downwards: the index counts positions before the move.
    const down = ok(moveTo(sample(), [0], [], 3));
    expect(outline(down.tree).filter((l) => !l.startsWith(' '))).toEqual(['I NỘI DUNG', 'II KINH PHÍ', 'III MỤC ĐÍCH, YÊU CẦU', 'IV TỔ CHỨC THỰC HIỆN']);
    expect(down.path).toEqual([2]);
    // A top-level section into a later one: the target path shifts after the removal.
    const into = ok(moveTo(sample(), [1], [3], 0));
    expect(into.path).toEqual([2, 0]);
    expect(getNode(into.tree, into.path)!.title).toBe('NỘI DUNG');
    expect(moveTo(sample(), [3], [3], 0).ok).toBe(false);
    expect(moveTo(sample(), [0], [0, 1], 0).ok).toBe(false);
  });

  it('does not change its input', () => {
    const tree = sample();
    const before = JSON.stringify(tree);
    moveDown(tree, [0]);
    indent(tree, [1]);
    removeAt(tree, [3, 1]);
    moveTo(tree, [3, 1], [0], 0);
    expect(JSON.stringify(tree)).toBe(before);
  });

  it('keeps node keys through moves, so the editor keeps focus and state', () => {
    const tree = sample();
    const key = tree[3].children[2].key;
    const r = ok(moveUp(tree, [3, 2]));
    expect(getNode(r.tree, r.path)!.key).toBe(key);
  });
});

describe('label paths and deadlines', () => {
  it('names sections as the core does ("IV.3", "II.1.2")', () => {
    const refs = sectionRefs(fromSections([s('II', 'x', [s('1', 'y', [s('1.2', 'z')])]), s('IV', 'w', [s('3', 'v', [s('a', 'u')])])]));
    expect(refs.map((r) => r.labelPath)).toEqual(['II', 'II.1', 'II.1.2', 'IV', 'IV.3', 'IV.3.a']);
  });

  it('moves a deadline with its section when sections are renumbered', () => {
    const before = sample();
    const deadlines = [
      { date: '2026-11-10', text: 'Các trường gửi hồ sơ', section: 'IV.3' },
      { date: '2026-11-15', text: 'Gửi Sở Y tế', section: 'IV.1', unit: 'Phòng Văn hóa - Xã hội' },
      { date: '2026-06-01', text: 'Không thuộc mục', section: '' },
    ];
    const after = ok(removeAt(before, [1])).tree; // NỘI DUNG removed: IV becomes III
    const moved = remapDeadlines(before, after, deadlines);
    expect(moved.map((d) => d.section)).toEqual(['III.3', 'III.1', '']);
    const gone = ok(removeAt(before, [3, 2])).tree;
    expect(remapDeadlines(before, gone, deadlines)[0].section).toBe('');
    // Nothing moved: the same array comes back (no needless save).
    expect(remapDeadlines(before, renumber(before), deadlines)).toBe(deadlines);
  });
});

describe('reloading', () => {
  it('reuses the keys of sections at the same positions', () => {
    const old = sample();
    const fresh = toSections(old);
    fresh[3].children.push(s('4', 'Thôn'));
    const again = reuseKeys(old, fresh);
    expect(again[0].key).toBe(old[0].key);
    expect(again[3].children[2].key).toBe(old[3].children[2].key);
    expect(again[3].children[3].key).not.toBe(undefined);
    expect(new Set(sectionRefs(again).map((r) => r.key)).size).toBe(sectionRefs(again).length);
  });
});

describe('numbering style of the third level', () => {
  it('switches a group between a, b, c and 1.1, 1.2', async () => {
    const { setGroupStyle } = await import('./sections');
    const tree = fromSections([s('I', 'x', [s('2', 'y', [s('a', 'p'), s('b', 'q')])])]);
    const dotted = ok(setGroupStyle(tree, [0, 0], 'dotted'));
    expect(outline(dotted.tree)).toEqual(['I x', '  1 y', '    1.1 p', '    1.2 q']);
    const back = ok(setGroupStyle(dotted.tree, [0, 0], 'letter'));
    expect(outline(back.tree)).toEqual(['I x', '  1 y', '    a p', '    b q']);
    expect(setGroupStyle(tree, [0], 'dotted').ok).toBe(false);
  });
});

describe('editor actions on a section', () => {
  it('toggles the third level of a group from a label of that group', async () => {
    const { toggleGroupStyle } = await import('./sections');
    const tree = fromSections([s('I', 'x', [s('2', 'y', [s('a', 'p'), s('b', 'q')])])]);
    const dotted = ok(toggleGroupStyle(tree, [0, 0, 1]));
    expect(outline(dotted.tree)).toEqual(['I x', '  1 y', '    1.1 p', '    1.2 q']);
    expect(outline(ok(toggleGroupStyle(dotted.tree, [0, 0, 0])).tree)).toEqual(['I x', '  1 y', '    a p', '    b q']);
  });

  it('asks before removing, naming the subsections and paragraphs that go with it', async () => {
    const { removalQuestion } = await import('./sections');
    const tree = sample();
    expect(removalQuestion(tree[0])).toBe('Xóa mục “I. MỤC ĐÍCH, YÊU CẦU” cùng 2 mục con và 1 đoạn văn? Có thể hoàn tác bằng Ctrl+Z.');
    expect(removalQuestion({ ...tree[1], title: '' })).toBe('Xóa mục “II. (chưa có tên)”? Có thể hoàn tác bằng Ctrl+Z.');
  });
});
