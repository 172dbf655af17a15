import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createWriteScheduler } from './writeScheduler';

describe('write scheduler', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function setup() {
    const written: number[] = [];
    let release: (() => void) | null = null;
    const scheduler = createWriteScheduler<number>({
      write: (v) =>
        new Promise<void>((resolve) => {
          written.push(v);
          release = resolve;
        }),
      dragIntervalMs: 500,
      settleMs: 300,
      now: () => Date.now(),
    });
    return {
      written,
      scheduler,
      finish: async () => {
        release?.();
        release = null;
        await vi.advanceTimersByTimeAsync(0);
      },
    };
  }

  it('while dragging writes at most every 500 ms, one at a time, and the last value on release', async () => {
    const { written, scheduler, finish } = setup();
    for (let v = 1; v <= 20; v++) {
      scheduler.request(v, 'drag');
      await vi.advanceTimersByTimeAsync(50);
    }
    // 1 s of dragging: the first write starts at once, the next after the interval, each with the then-latest value.
    expect(written[0]).toBe(1);
    await finish();
    await vi.advanceTimersByTimeAsync(500);
    expect(written.length).toBe(2);
    expect(written[1]).toBe(20);
    scheduler.request(21, 'drag');
    scheduler.flush(); // pointer up: the last value waits for the write in flight, then goes
    expect(written.length).toBe(2);
    await finish();
    expect(written).toEqual([1, 20, 21]);
    expect(scheduler.busy()).toBe(true);
    await finish();
    expect(scheduler.busy()).toBe(false);
  });

  it('after keyboard steps writes once, 300 ms after the last one', async () => {
    const { written, scheduler, finish } = setup();
    for (let v = 1; v <= 5; v++) {
      scheduler.request(v, 'settle');
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(written).toEqual([]);
    await vi.advanceTimersByTimeAsync(300);
    expect(written).toEqual([5]);
    await finish();
    scheduler.request(6, 'now');
    expect(written).toEqual([5, 6]);
  });
});
