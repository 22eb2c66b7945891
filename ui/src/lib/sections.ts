// The sections tree of a plan, as pure functions: every operation returns a new tree
// (renumbered) and never mutates its input, so the editor can keep undo-friendly state and
// the functions can be tested without a browser.
//
// Labels follow Nghị định 30 practice by level:
//   level 0: I, II, III, …      (printed "I.")
//   level 1: 1, 2, 3, …         (printed "1.")
//   level 2: a, b, c, d, đ, e…  (printed "a)") — the Vietnamese alphabet of legal texts,
//            or 1.1, 1.2, … when the group already uses that style (seed 002 does).
// The editor allows at most MAX_DEPTH levels.

import type { Deadline, Section } from './types';

export interface TreeNode {
  /** Stable identity for the editor (keyed lists, drag and drop); never saved. */
  key: string;
  label: string;
  title: string;
  paragraphs: string[];
  children: TreeNode[];
}

/** Index path from the root: [3, 0] is the first child of the fourth top-level section. */
export type Path = number[];

export type OpResult = { ok: true; tree: TreeNode[]; path: Path } | { ok: false; reason: string };

export const MAX_DEPTH = 3;

let keyCounter = 0;
export function newKey(): string {
  keyCounter += 1;
  return `s${keyCounter}`;
}

export function fromSections(sections: Section[]): TreeNode[] {
  return sections.map((s) => ({
    key: newKey(),
    label: s.label ?? '',
    title: s.title ?? '',
    paragraphs: [...(s.paragraphs ?? [])],
    children: fromSections(s.children ?? []),
  }));
}

export function toSections(nodes: TreeNode[]): Section[] {
  return nodes.map((n) => ({
    label: n.label,
    title: n.title,
    paragraphs: [...n.paragraphs],
    children: toSections(n.children),
  }));
}

export function emptyNode(): TreeNode {
  return { key: newKey(), label: '', title: '', paragraphs: [], children: [] };
}

// ---------------------------------------------------------------------------------------
// Labels

const ROMAN: [number, string][] = [
  [1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'],
  [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I'],
];

export function toRoman(n: number): string {
  let out = '';
  for (const [value, sym] of ROMAN) {
    while (n >= value) {
      out += sym;
      n -= value;
    }
  }
  return out;
}

/** The letters Vietnamese legal texts number with: no f, j, w, z; đ after d. */
export const VI_LETTERS = ['a', 'b', 'c', 'd', 'đ', 'e', 'g', 'h', 'i', 'k', 'l', 'm', 'n', 'o', 'p', 'q', 'r', 's', 't', 'u', 'v', 'x', 'y'];

/** 1 -> "a", 5 -> "đ", 24 -> "aa". */
export function toLetter(n: number): string {
  const base = VI_LETTERS.length;
  let out = '';
  let i = n;
  while (i > 0) {
    const r = (i - 1) % base;
    out = VI_LETTERS[r] + out;
    i = Math.floor((i - 1) / base);
  }
  return out;
}

export type LabelStyle = 'roman' | 'arabic' | 'letter' | 'dotted';

/** The style a sibling group at `level` should use, given the labels it has now. */
export function groupStyle(level: number, labels: string[]): LabelStyle {
  if (level === 0) return 'roman';
  if (level === 1) return 'arabic';
  if (level === 2) {
    const first = labels.find((l) => l.trim() !== '');
    return first !== undefined && /^\d+\.\d+$/.test(first.trim()) ? 'dotted' : 'letter';
  }
  return 'arabic';
}

/** Label of the `index`-th (0-based) section of a group; `parentLabel` is used by 'dotted'. */
export function labelFor(style: LabelStyle, index: number, parentLabel = ''): string {
  const n = index + 1;
  switch (style) {
    case 'roman':
      return toRoman(n);
    case 'arabic':
      return String(n);
    case 'letter':
      return toLetter(n);
    case 'dotted': {
      const head = parentLabel.split('.').filter(Boolean).pop() ?? '';
      return /^\d+$/.test(head) ? `${head}.${n}` : String(n);
    }
  }
}

/** How a label is printed: "I.", "1.", "1.2.", "a)", "đ)". */
export function displayLabel(label: string): string {
  if (!label) return '';
  return /^\p{Ll}+$/u.test(label) ? `${label})` : `${label}.`;
}

/** A new tree with every label recomputed from its position. */
export function renumber(nodes: TreeNode[], level = 0, parentLabel = ''): TreeNode[] {
  const style = groupStyle(level, nodes.map((n) => n.label));
  return nodes.map((n, i) => {
    const label = labelFor(style, i, parentLabel);
    return { ...n, label, children: renumber(n.children, level + 1, label) };
  });
}

// ---------------------------------------------------------------------------------------
// Navigation

export function getNode(tree: TreeNode[], path: Path): TreeNode | undefined {
  let list = tree;
  let node: TreeNode | undefined;
  for (const i of path) {
    node = list[i];
    if (!node) return undefined;
    list = node.children;
  }
  return node;
}

/** Number of levels of a node's subtree, itself included (a leaf is 1). */
export function subtreeDepth(node: TreeNode): number {
  return 1 + node.children.reduce((m, c) => Math.max(m, subtreeDepth(c)), 0);
}

export function samePath(a: Path, b: Path): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/** True when `inner` is `outer` or lies inside it. */
export function isWithin(inner: Path, outer: Path): boolean {
  return inner.length >= outer.length && outer.every((v, i) => inner[i] === v);
}

/** Replaces the children list at `parent` (the root when empty) with `fn(children)`. */
function updateChildren(tree: TreeNode[], parent: Path, fn: (list: TreeNode[]) => TreeNode[]): TreeNode[] {
  if (parent.length === 0) return fn(tree);
  const [head, ...rest] = parent;
  return tree.map((n, i) => (i === head ? { ...n, children: updateChildren(n.children, rest, fn) } : n));
}

/** Returns a new tree with the node at `path` replaced by `fn(node)` (no renumbering). */
export function updateNode(tree: TreeNode[], path: Path, fn: (n: TreeNode) => TreeNode): TreeNode[] {
  const parent = path.slice(0, -1);
  const index = path[path.length - 1];
  return updateChildren(tree, parent, (list) => list.map((n, i) => (i === index ? fn(n) : n)));
}

function done(tree: TreeNode[], path: Path): OpResult {
  return { ok: true, tree: renumber(tree), path };
}

// ---------------------------------------------------------------------------------------
// Operations

/** Inserts `node` into the children of `parent` at `index` (clamped). */
export function insertAt(tree: TreeNode[], parent: Path, index: number, node: TreeNode = emptyNode()): OpResult {
  if (parent.length > 0 && !getNode(tree, parent)) return { ok: false, reason: 'Không tìm thấy mục.' };
  if (parent.length + subtreeDepth(node) > MAX_DEPTH) return { ok: false, reason: tooDeep() };
  let at = 0;
  const next = updateChildren(tree, parent, (list) => {
    at = Math.max(0, Math.min(index, list.length));
    return [...list.slice(0, at), node, ...list.slice(at)];
  });
  return done(next, [...parent, at]);
}

/** A new section at the end of the top level. */
export function appendTop(tree: TreeNode[], node: TreeNode = emptyNode()): OpResult {
  return insertAt(tree, [], tree.length, node);
}

/** A new section right after the one at `path`, on the same level. */
export function addSibling(tree: TreeNode[], path: Path, node: TreeNode = emptyNode()): OpResult {
  return insertAt(tree, path.slice(0, -1), path[path.length - 1] + 1, node);
}

/** A new last child of the section at `path`. */
export function addChild(tree: TreeNode[], path: Path, node: TreeNode = emptyNode()): OpResult {
  const parent = getNode(tree, path);
  if (!parent) return { ok: false, reason: 'Không tìm thấy mục.' };
  return insertAt(tree, path, parent.children.length, node);
}

export function removeAt(tree: TreeNode[], path: Path): OpResult {
  if (!getNode(tree, path)) return { ok: false, reason: 'Không tìm thấy mục.' };
  const index = path[path.length - 1];
  const parent = path.slice(0, -1);
  const next = updateChildren(tree, parent, (list) => list.filter((_, i) => i !== index));
  // Where the focus should go: the previous sibling, else the parent, else the first section.
  const siblings = parent.length ? getNode(next, parent)!.children : next;
  let focus: Path;
  if (siblings.length > 0) focus = [...parent, Math.max(0, Math.min(index - 1, siblings.length - 1))];
  else focus = parent.length ? parent : [];
  return done(next, focus);
}

export function moveUp(tree: TreeNode[], path: Path): OpResult {
  const index = path[path.length - 1];
  if (!getNode(tree, path)) return { ok: false, reason: 'Không tìm thấy mục.' };
  if (index === 0) return { ok: false, reason: 'Mục này đã ở đầu.' };
  return swap(tree, path, index - 1);
}

export function moveDown(tree: TreeNode[], path: Path): OpResult {
  const index = path[path.length - 1];
  const parent = path.slice(0, -1);
  const siblings = parent.length ? getNode(tree, parent)?.children : tree;
  if (!siblings || !siblings[index]) return { ok: false, reason: 'Không tìm thấy mục.' };
  if (index === siblings.length - 1) return { ok: false, reason: 'Mục này đã ở cuối.' };
  return swap(tree, path, index + 1);
}

function swap(tree: TreeNode[], path: Path, other: number): OpResult {
  const index = path[path.length - 1];
  const parent = path.slice(0, -1);
  const next = updateChildren(tree, parent, (list) => {
    const copy = [...list];
    [copy[index], copy[other]] = [copy[other], copy[index]];
    return copy;
  });
  return done(next, [...parent, other]);
}

/** Makes the section the last child of its previous sibling (Tab, Alt+→). */
export function indent(tree: TreeNode[], path: Path): OpResult {
  const node = getNode(tree, path);
  if (!node) return { ok: false, reason: 'Không tìm thấy mục.' };
  const index = path[path.length - 1];
  if (index === 0) return { ok: false, reason: 'Không lùi vào được: phía trên không có mục cùng cấp để làm mục cha.' };
  if (path.length + subtreeDepth(node) > MAX_DEPTH) return { ok: false, reason: tooDeep() };
  const parent = path.slice(0, -1);
  const newParent = [...parent, index - 1];
  const prev = getNode(tree, newParent)!;
  let next = updateChildren(tree, parent, (list) => list.filter((_, i) => i !== index));
  next = updateChildren(next, newParent, (list) => [...list, node]);
  return done(next, [...newParent, prev.children.length]);
}

/** Makes the section the next sibling of its parent (Shift+Tab, Alt+←). */
export function outdent(tree: TreeNode[], path: Path): OpResult {
  if (!getNode(tree, path)) return { ok: false, reason: 'Không tìm thấy mục.' };
  if (path.length < 2) return { ok: false, reason: 'Mục này đã ở cấp cao nhất.' };
  const parent = path.slice(0, -1);
  const node = getNode(tree, path)!;
  const index = path[path.length - 1];
  const grand = parent.slice(0, -1);
  const parentIndex = parent[parent.length - 1];
  let next = updateChildren(tree, parent, (list) => list.filter((_, i) => i !== index));
  next = updateChildren(next, grand, (list) => [...list.slice(0, parentIndex + 1), node, ...list.slice(parentIndex + 1)]);
  return done(next, [...grand, parentIndex + 1]);
}

/**
 * Moves the section at `from` so it becomes child number `index` of `toParent` (indices of
 * the tree before the move). Used by drag and drop.
 */
export function moveTo(tree: TreeNode[], from: Path, toParent: Path, index: number): OpResult {
  const node = getNode(tree, from);
  if (!node) return { ok: false, reason: 'Không tìm thấy mục.' };
  if (isWithin(toParent, from)) return { ok: false, reason: 'Không thể chuyển một mục vào bên trong chính nó.' };
  if (toParent.length > 0 && !getNode(tree, toParent)) return { ok: false, reason: 'Không tìm thấy mục.' };
  if (toParent.length + subtreeDepth(node) > MAX_DEPTH) return { ok: false, reason: tooDeep() };
  const fromParent = from.slice(0, -1);
  const fromIndex = from[from.length - 1];
  // Removing `from` shifts later siblings, and the target parent too if it comes after it.
  let target = [...toParent];
  if (fromParent.length < target.length && isWithin(target, fromParent) && target[fromParent.length] > fromIndex) {
    target = [...target];
    target[fromParent.length] -= 1;
  }
  let at = index;
  if (samePath(fromParent, toParent) && index > fromIndex) at -= 1;
  if (samePath(fromParent, toParent) && at === fromIndex) return { ok: true, tree, path: from };
  let next = updateChildren(tree, fromParent, (list) => list.filter((_, i) => i !== fromIndex));
  let placed = 0;
  next = updateChildren(next, target, (list) => {
    placed = Math.max(0, Math.min(at, list.length));
    return [...list.slice(0, placed), node, ...list.slice(placed)];
  });
  return done(next, [...target, placed]);
}

function tooDeep(): string {
  return `Không thể thêm cấp: kế hoạch chỉ có tối đa ${MAX_DEPTH} cấp mục (I. / 1. / a).`;
}

// ---------------------------------------------------------------------------------------
// Paths of labels, as deadlines refer to them ("IV.3")

export interface SectionRef {
  key: string;
  path: Path;
  /** "IV.3", like the Rust core's `Plan::walk_sections`. */
  labelPath: string;
  depth: number;
  title: string;
}

/** Every section in reading order with its label path. */
export function sectionRefs(tree: TreeNode[]): SectionRef[] {
  const out: SectionRef[] = [];
  const walk = (nodes: TreeNode[], prefix: string, path: Path) => {
    nodes.forEach((n, i) => {
      let labelPath: string;
      if (!prefix) labelPath = n.label;
      else if (n.label.includes('.')) labelPath = `${prefix.split('.')[0]}.${n.label}`;
      else labelPath = `${prefix}.${n.label}`;
      const p = [...path, i];
      out.push({ key: n.key, path: p, labelPath, depth: p.length - 1, title: n.title });
      walk(n.children, labelPath, p);
    });
  };
  walk(tree, '', []);
  return out;
}

/**
 * After a tree operation, points each deadline at the same section under its new label
 * path (a deadline of "IV.3" follows its section when it becomes "IV.2"). Deadlines whose
 * section was removed keep no section ("").
 */
export function remapDeadlines(before: TreeNode[], after: TreeNode[], deadlines: Deadline[]): Deadline[] {
  const keyByOldPath = new Map(sectionRefs(before).map((r) => [r.labelPath, r.key]));
  const newPathByKey = new Map(sectionRefs(after).map((r) => [r.key, r.labelPath]));
  let changed = false;
  const out = deadlines.map((d) => {
    if (!d.section) return d;
    const key = keyByOldPath.get(d.section);
    if (key === undefined) return d;
    const section = newPathByKey.get(key) ?? '';
    if (section === d.section) return d;
    changed = true;
    return { ...d, section };
  });
  return changed ? out : deadlines;
}

/**
 * Builds editor nodes for `fresh` sections, reusing the keys of `old` nodes at the same
 * positions, so reloading after undo keeps the same DOM (and the cursor) where it can.
 */
export function reuseKeys(old: TreeNode[], fresh: Section[]): TreeNode[] {
  return fresh.map((s, i) => ({
    key: old[i]?.key ?? newKey(),
    label: s.label ?? '',
    title: s.title ?? '',
    paragraphs: [...(s.paragraphs ?? [])],
    children: reuseKeys(old[i]?.children ?? [], s.children ?? []),
  }));
}

/**
 * Switches how the children of `parent` are numbered at level 2: letters (a, b, c) or the
 * parent's number (1.1, 1.2). Other levels have one style only and are left as they are.
 */
export function setGroupStyle(tree: TreeNode[], parent: Path, style: 'letter' | 'dotted'): OpResult {
  const node = getNode(tree, parent);
  if (!node || parent.length !== 2 || node.children.length === 0) return { ok: false, reason: 'Chỉ mục cấp ba (a, b, c) mới đổi được kiểu đánh số.' };
  const first = style === 'dotted' ? `${node.label}.1` : 'a';
  const next = updateNode(tree, parent, (n) => ({ ...n, children: n.children.map((c, i) => (i === 0 ? { ...c, label: first } : c)) }));
  return done(next, [...parent, 0]);
}

/** A click on a third-level label: its group switches between a, b, c and 1.1, 1.2. */
export function toggleGroupStyle(tree: TreeNode[], path: Path): OpResult {
  const dotted = /^\d+\.\d+$/.test(getNode(tree, path)?.label ?? '');
  return setGroupStyle(tree, path.slice(0, -1), dotted ? 'letter' : 'dotted');
}

/** The question asked before a section goes, naming what goes with it (subsections, paragraphs). */
export function removalQuestion(node: TreeNode): string {
  const count = sectionRefs([node]).length - 1;
  const countParas = (n: TreeNode): number => n.paragraphs.filter((p) => p.trim()).length + n.children.reduce((a, c) => a + countParas(c), 0);
  const paras = countParas(node);
  const what = [count ? `${count} mục con` : '', paras ? `${paras} đoạn văn` : ''].filter(Boolean).join(' và ');
  return `Xóa mục “${displayLabel(node.label)} ${node.title || '(chưa có tên)'}”${what ? ` cùng ${what}` : ''}? Có thể hoàn tác bằng Ctrl+Z.`;
}
