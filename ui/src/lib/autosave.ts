// Saving without a Save button: every edit schedules a save after a short pause; one save at a
// time; the newest value always wins; a failure is shown and retried with the next edit.

export type SaveState =
  | { kind: 'idle' }
  | { kind: 'pending' }
  | { kind: 'saving' }
  | { kind: 'saved' }
  | { kind: 'invalid'; message: string }
  | { kind: 'error'; message: string };

/** The Vietnamese text of the status shown in the editor's toolbar. */
export function saveStateText(s: SaveState): string {
  switch (s.kind) {
    case 'idle':
      return '';
    case 'pending':
    case 'saving':
      return 'Đang lưu…';
    case 'saved':
      return 'Đã lưu';
    case 'invalid':
      return `Chưa lưu: ${s.message}`;
    case 'error':
      return `Lỗi khi lưu: ${s.message}`;
  }
}

export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const realTimers: Timers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export interface AutoSaverOptions<T> {
  delay: number;
  save: (value: T) => Promise<void>;
  onState: (state: SaveState) => void;
  /** Returns a message when the value must not be saved (e.g. 31/02). */
  validate?: (value: T) => string | null;
  /** Turns a rejection into the message to show. */
  describeError?: (err: unknown) => string;
  timers?: Timers;
}

export class AutoSaver<T> {
  private opts: AutoSaverOptions<T>;
  private timers: Timers;
  private timer: unknown = null;
  private pending: { value: T } | null = null;
  private inFlight: Promise<void> | null = null;
  private state: SaveState = { kind: 'idle' };
  private disposed = false;

  constructor(opts: AutoSaverOptions<T>) {
    this.opts = opts;
    this.timers = opts.timers ?? realTimers;
  }

  get current(): SaveState {
    return this.state;
  }

  /** True while an edit has not reached the store yet. */
  get dirty(): boolean {
    return this.pending !== null || this.inFlight !== null;
  }

  private setState(s: SaveState) {
    this.state = s;
    if (!this.disposed) this.opts.onState(s);
  }

  /** Records an edit; the save runs `delay` ms after the last one. */
  schedule(value: T): void {
    if (this.disposed) return;
    const problem = this.opts.validate?.(value) ?? null;
    if (problem) {
      // Nothing is sent while the value is invalid; the last good value stays in the store.
      this.cancelTimer();
      this.pending = null;
      this.setState({ kind: 'invalid', message: problem });
      return;
    }
    this.pending = { value };
    if (this.state.kind !== 'saving') this.setState({ kind: 'pending' });
    this.cancelTimer();
    this.timer = this.timers.set(() => {
      this.timer = null;
      void this.run();
    }, this.opts.delay);
  }

  /** Saves what is pending now and waits until everything has reached the store. */
  async flush(): Promise<void> {
    this.cancelTimer();
    while (this.pending || this.inFlight) {
      if (this.inFlight) await this.inFlight.catch(() => undefined);
      else await this.run();
      if (this.state.kind === 'error') return;
    }
  }

  /** Forgets what is pending (used after undo, when the store's version wins). */
  reset(state: SaveState = { kind: 'idle' }): void {
    this.cancelTimer();
    this.pending = null;
    this.setState(state);
  }

  dispose(): void {
    this.cancelTimer();
    this.disposed = true;
  }

  private cancelTimer() {
    if (this.timer !== null) {
      this.timers.clear(this.timer);
      this.timer = null;
    }
  }

  private run(): Promise<void> {
    if (this.inFlight) return this.inFlight; // it picks up `pending` when it ends
    if (!this.pending) return Promise.resolve();
    const { value } = this.pending;
    this.pending = null;
    this.setState({ kind: 'saving' });
    const p = this.opts
      .save(value)
      .then(
        () => {
          this.inFlight = null;
          if (this.pending) return this.run();
          this.setState({ kind: 'saved' });
        },
        (err: unknown) => {
          this.inFlight = null;
          // Keep the newest unsaved value so the next edit or a retry sends it.
          if (!this.pending) this.pending = { value };
          const message = this.opts.describeError ? this.opts.describeError(err) : String(err);
          this.setState({ kind: 'error', message });
        },
      );
    this.inFlight = p;
    return p;
  }

  /** Sends the pending value again after an error (the "Thử lại" button). */
  retry(): Promise<void> {
    return this.flush();
  }
}

/** A debounced call with cancel and flush. */
export function debounce<A extends unknown[]>(fn: (...args: A) => void, ms: number, timers: Timers = realTimers) {
  let handle: unknown = null;
  let last: A | null = null;
  const call = (...args: A) => {
    last = args;
    if (handle !== null) timers.clear(handle);
    handle = timers.set(() => {
      handle = null;
      const a = last!;
      last = null;
      fn(...a);
    }, ms);
  };
  call.cancel = () => {
    if (handle !== null) timers.clear(handle);
    handle = null;
    last = null;
  };
  call.flush = () => {
    if (handle === null || !last) return;
    timers.clear(handle);
    handle = null;
    const a = last;
    last = null;
    fn(...a);
  };
  return call;
}

/**
 * Runs async requests and keeps only the newest one's answer: the preview of an older text
 * never replaces the preview of a newer one, whatever order the answers arrive in.
 */
export function latestOnly<A extends unknown[], R>(fn: (...args: A) => Promise<R>) {
  let seq = 0;
  return async (...args: A): Promise<{ stale: true } | { stale: false; value: R }> => {
    seq += 1;
    const mine = seq;
    const value = await fn(...args);
    return mine === seq ? { stale: false, value } : { stale: true };
  };
}
