import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AutoSaver, debounce, latestOnly, saveStateText, type SaveState } from './autosave';

function deferred() {
  let resolve!: () => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('AutoSaver', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function setup(opts: { validate?: (v: string) => string | null } = {}) {
    const saved: string[] = [];
    const states: SaveState['kind'][] = [];
    let gate: ReturnType<typeof deferred> | null = null;
    const saver = new AutoSaver<string>({
      delay: 500,
      save: async (v) => {
        if (gate) await gate.promise;
        saved.push(v);
      },
      onState: (s) => states.push(s.kind),
      describeError: (e) => (e as { message: string }).message,
      ...opts,
    });
    return { saver, saved, states, setGate: (g: ReturnType<typeof deferred> | null) => (gate = g) };
  }

  it('saves once, after the pause that follows the last edit', async () => {
    const { saver, saved, states } = setup();
    saver.schedule('T');
    await vi.advanceTimersByTimeAsync(300);
    saver.schedule('Tr');
    await vi.advanceTimersByTimeAsync(300);
    saver.schedule('Tre');
    expect(saved).toEqual([]);
    expect(saver.dirty).toBe(true);
    await vi.advanceTimersByTimeAsync(500);
    expect(saved).toEqual(['Tre']);
    expect(states).toEqual(['pending', 'pending', 'pending', 'saving', 'saved']);
    expect(saver.dirty).toBe(false);
  });

  it('never runs two saves at once, and the newest value wins', async () => {
    const { saver, saved, setGate } = setup();
    const gate = deferred();
    setGate(gate);
    saver.schedule('a');
    await vi.advanceTimersByTimeAsync(500); // 'a' is being saved, held by the gate
    saver.schedule('ab');
    saver.schedule('abc');
    await vi.advanceTimersByTimeAsync(500); // timer fires while 'a' is in flight
    expect(saved).toEqual([]);
    setGate(null);
    gate.resolve();
    await vi.advanceTimersByTimeAsync(0);
    expect(saved).toEqual(['a', 'abc']);
    expect(saver.current.kind).toBe('saved');
  });

  it('flush saves at once (before undo, export or leaving the editor)', async () => {
    const { saver, saved } = setup();
    saver.schedule('x');
    await saver.flush();
    expect(saved).toEqual(['x']);
    expect(saver.dirty).toBe(false);
  });

  it('shows an error, keeps the value and sends it again on retry', async () => {
    let fail = true;
    const saved: string[] = [];
    const states: SaveState[] = [];
    const saver = new AutoSaver<string>({
      delay: 100,
      save: async (v) => {
        if (fail) throw { code: 'disk-full', message: 'Không còn chỗ trống trên ổ đĩa.' };
        saved.push(v);
      },
      onState: (s) => states.push(s),
      describeError: (e) => (e as { message: string }).message,
    });
    saver.schedule('v1');
    await vi.advanceTimersByTimeAsync(100);
    expect(states[states.length - 1]).toEqual({ kind: 'error', message: 'Không còn chỗ trống trên ổ đĩa.' });
    expect(saveStateText(states[states.length - 1]!)).toBe('Lỗi khi lưu: Không còn chỗ trống trên ổ đĩa.');
    expect(saver.dirty).toBe(true);
    fail = false;
    await saver.retry();
    expect(saved).toEqual(['v1']);
    expect(saver.current.kind).toBe('saved');
  });

  it('does not send an invalid value and says why', async () => {
    const { saver, saved, states } = setup({ validate: (v) => (v.includes('31/02') ? 'Ngày 31/02/2026 không có trong lịch.' : null) });
    saver.schedule('ngày 31/02');
    await vi.advanceTimersByTimeAsync(1000);
    expect(saved).toEqual([]);
    expect(states).toEqual(['invalid']);
    expect(saveStateText(saver.current)).toBe('Chưa lưu: Ngày 31/02/2026 không có trong lịch.');
    saver.schedule('ngày 28/02');
    await vi.advanceTimersByTimeAsync(500);
    expect(saved).toEqual(['ngày 28/02']);
  });

  it('reset drops a pending edit (the store version wins after undo)', async () => {
    const { saver, saved } = setup();
    saver.schedule('stale');
    saver.reset();
    await vi.advanceTimersByTimeAsync(1000);
    expect(saved).toEqual([]);
    expect(saver.dirty).toBe(false);
  });

  it('labels the states in Vietnamese', () => {
    expect(saveStateText({ kind: 'pending' })).toBe('Đang lưu…');
    expect(saveStateText({ kind: 'saving' })).toBe('Đang lưu…');
    expect(saveStateText({ kind: 'saved' })).toBe('Đã lưu');
    expect(saveStateText({ kind: 'idle' })).toBe('');
  });
});

describe('debounce', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('calls once with the last arguments; flush and cancel work', () => {
    const calls: number[] = [];
    const d = debounce((n: number) => calls.push(n), 200);
    d(1);
    d(2);
    vi.advanceTimersByTime(199);
    expect(calls).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(calls).toEqual([2]);
    d(3);
    d.flush();
    expect(calls).toEqual([2, 3]);
    d(4);
    d.cancel();
    vi.advanceTimersByTime(500);
    expect(calls).toEqual([2, 3]);
  });
});

describe('latestOnly', () => {
  it('marks answers to older requests as stale', async () => {
    const gates = [deferred(), deferred()];
    let i = 0;
    const run = latestOnly(async (label: string) => {
      await gates[i++].promise;
      return label;
    });
    const first = run('old');
    const second = run('new');
    gates[1].resolve();
    expect(await second).toEqual({ stale: false, value: 'new' });
    gates[0].resolve();
    expect(await first).toEqual({ stale: true });
  });
});
