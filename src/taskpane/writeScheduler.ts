/**
 * Coalesces result writes while a person moves a slider: at most one write in flight, the latest values
 * always written last. While dragging, a write starts at most every `dragIntervalMs`; after keyboard or
 * programmatic changes, `settleMs` after the last one; on release (`now`), at once. Figures in the pane do
 * not wait for any of this: they come from the instant model in the same frame.
 */
export type WriteMode = 'drag' | 'settle' | 'now';

export interface WriteScheduler<T> {
  request(value: T, mode: WriteMode): void;
  /** Writes the latest requested value now (after the write in flight), if it was not written yet. */
  flush(): void;
  /** True while a write runs or one is waiting. */
  busy(): boolean;
  dispose(): void;
}

export interface WriteSchedulerOptions<T> {
  write(value: T): Promise<void>;
  dragIntervalMs?: number;
  settleMs?: number;
  now?: () => number;
  onBusyChange?: (busy: boolean) => void;
}

export function createWriteScheduler<T>(options: WriteSchedulerOptions<T>): WriteScheduler<T> {
  const dragIntervalMs = options.dragIntervalMs ?? 500;
  const settleMs = options.settleMs ?? 300;
  const now = options.now ?? (() => Date.now());
  let latest: { value: T } | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let inFlight = false;
  let again = false;
  let lastStart = -Infinity;
  let disposed = false;
  let wasBusy = false;

  const report = () => {
    const busy = inFlight || latest !== null;
    if (busy !== wasBusy) {
      wasBusy = busy;
      options.onBusyChange?.(busy);
    }
  };
  const clear = () => {
    if (timer) clearTimeout(timer);
    timer = null;
  };
  const pump = () => {
    timer = null;
    if (disposed) return;
    if (inFlight) {
      again = true;
      return;
    }
    if (!latest) return report();
    const { value } = latest;
    latest = null;
    inFlight = true;
    lastStart = now();
    report();
    options
      .write(value)
      .catch(() => undefined) // the writer reports its own errors
      .finally(() => {
        inFlight = false;
        if (again && latest && !timer) {
          again = false;
          pump();
        } else {
          again = false;
          report();
        }
      });
  };

  return {
    request(value, mode) {
      if (disposed) return;
      latest = { value };
      report();
      if (mode === 'now') {
        clear();
        pump();
      } else if (mode === 'settle') {
        clear();
        timer = setTimeout(pump, settleMs);
      } else if (!timer) {
        timer = setTimeout(pump, Math.max(0, lastStart + dragIntervalMs - now()));
      }
    },
    flush() {
      if (!latest) return;
      clear();
      pump();
    },
    busy: () => inFlight || latest !== null,
    dispose() {
      disposed = true;
      clear();
    },
  };
}
