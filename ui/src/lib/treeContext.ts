// What the sections tree's nodes share with the editor that owns the tree.
import { getContext, setContext } from 'svelte';

export type TreeOp = 'up' | 'down' | 'indent' | 'outdent' | 'addChild' | 'addSibling' | 'remove' | 'toggleStyle';
export type DropWhere = 'before' | 'after' | 'inside';

export interface TreeContext {
  /** Runs an operation on the section with this key. */
  op(kind: TreeOp, key: string, focus?: 'title' | 'grip'): void;
  /** Drops the dragged section relative to the target section. */
  drop(fromKey: string, targetKey: string, where: DropWhere): void;
  /** Keyboard "move mode", drag state and outline view (titles only), shared by all nodes. */
  readonly state: { moving: string | null; dragging: string | null; dropTarget: string | null; dropWhere: DropWhere | null; outline: boolean };
  /** Levels allowed (I / 1 / a). */
  readonly maxDepth: number;
}

const KEY = Symbol('sections-tree');

export function setTreeContext(ctx: TreeContext): void {
  setContext(KEY, ctx);
}

export function getTreeContext(): TreeContext {
  return getContext<TreeContext>(KEY);
}
