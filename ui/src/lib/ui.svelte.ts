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

/**
 * Autosizes a textarea to its content (WebKitGTK has no `field-sizing`). Pass the bound value
 * as the parameter so a value set from code (after undo) also resizes it.
 */
export function autosize(node: HTMLTextAreaElement, _value?: unknown) {
  let lastWidth = 0;
  const fit = () => {
    node.style.height = 'auto';
    node.style.height = `${node.scrollHeight + 2}px`;
  };
  queueMicrotask(fit);
  node.addEventListener('input', fit);
  const ro = new ResizeObserver((entries) => {
    const w = entries[0]?.contentRect.width ?? 0;
    if (Math.abs(w - lastWidth) > 0.5) {
      lastWidth = w;
      fit();
    }
  });
  ro.observe(node);
  return {
    update: () => queueMicrotask(fit),
    destroy() {
      node.removeEventListener('input', fit);
      ro.disconnect();
    },
  };
}
