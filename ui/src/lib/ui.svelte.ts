// App-wide UI state: toasts and the confirmation dialog. Runes in a module, shared by import.

export interface ToastAction {
  label: string;
  run: () => void | Promise<void>;
  testid?: string;
}

let nextToast = 1;
export const toasts = $state<Toast[]>([]);

export interface Toast {
  id: number;
  text: string;
  kind: 'info' | 'success' | 'error';
  actions: ToastAction[];
  /** A toast with the same tag replaces the previous one (e.g. repeated undo). */
  tag?: string;
}

export function toast(
  text: string,
  opts: { kind?: Toast['kind']; actions?: ToastAction[]; timeout?: number; tag?: string } = {},
): number {
  const id = nextToast++;
  if (opts.tag) {
    const i = toasts.findIndex((t) => t.tag === opts.tag);
    if (i >= 0) toasts.splice(i, 1);
  }
  toasts.push({ id, text, kind: opts.kind ?? 'info', actions: opts.actions ?? [], tag: opts.tag });
  while (toasts.length > 3) toasts.shift();
  const timeout = opts.timeout ?? (opts.kind === 'error' ? 12000 : opts.actions?.length ? 9000 : 3500);
  if (timeout > 0) setTimeout(() => dismiss(id), timeout);
  return id;
}

export function dismiss(id: number): void {
  const i = toasts.findIndex((t) => t.id === id);
  if (i >= 0) toasts.splice(i, 1);
}

export interface ConfirmRequest {
  title: string;
  text: string;
  confirmLabel: string;
  danger: boolean;
  resolve: (ok: boolean) => void;
}

export const dialog = $state<{ confirm: ConfirmRequest | null }>({ confirm: null });

/** A yes/no question in a modal; resolves true when the officer confirms. */
export function confirmAction(title: string, text: string, confirmLabel = 'Đồng ý', danger = true): Promise<boolean> {
  return new Promise((resolve) => {
    dialog.confirm = {
      title,
      text,
      confirmLabel,
      danger,
      resolve: (ok) => {
        dialog.confirm = null;
        resolve(ok);
      },
    };
  });
}

const nativeAutosize = typeof CSS !== 'undefined' && CSS.supports?.('field-sizing', 'content');

/**
 * Autosizes a textarea to its content. Chromium-based webviews do it natively
 * (`field-sizing`); elsewhere (WebKitGTK) a keystroke only grows the box, with one layout
 * read, and the exact fit is done when the value is set from code or the field is left.
 * Pass the bound value as the parameter so a value set from code (after undo) also fits.
 */
export function autosize(node: HTMLTextAreaElement, _value?: unknown) {
  if (nativeAutosize) {
    node.style.setProperty('field-sizing', 'content');
    return {};
  }
  let lastWidth = 0;
  let lastValue = node.value;
  const fit = () => {
    node.style.height = 'auto';
    node.style.height = `${node.scrollHeight + 2}px`;
    lastValue = node.value;
  };
  const grow = () => {
    // Deleting text may leave the box a line too tall until the field is left: harmless.
    if (node.value.length < lastValue.length - 40) return fit();
    lastValue = node.value;
    if (node.scrollHeight > node.clientHeight) node.style.height = `${node.scrollHeight + 2}px`;
  };
  queueMicrotask(fit);
  node.addEventListener('input', grow);
  node.addEventListener('blur', fit);
  const ro = new ResizeObserver((entries) => {
    const w = entries[0]?.contentRect.width ?? 0;
    if (Math.abs(w - lastWidth) > 0.5) {
      lastWidth = w;
      fit();
    }
  });
  ro.observe(node);
  return {
    update: () => {
      if (node.value !== lastValue) queueMicrotask(fit);
    },
    destroy() {
      node.removeEventListener('input', grow);
      node.removeEventListener('blur', fit);
      ro.disconnect();
    },
  };
}
