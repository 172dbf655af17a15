/**
 * The coordinator of a multi-threaded simulation: opens one shard per thread (host.ts) on the same request,
 * has one of them run the pilot (streaming mode), hands out chunks of the plan one at a time to whichever
 * shard is free, merges what comes back in chunk order (collect.ts) and the shards' sketches at the end.
 * The result is the in-process runSimulation's to the bit, whatever the number of threads (tested). Plain
 * message passing, so the CLI's Node worker threads and the pane's Web Workers use the same code.
 */
import { addChunk, createCollector, type Collector } from './collect';
import { emptySketch, mergeSketch, type Layout, type ShardSketch } from './engine';
import type { ShardInbound, ShardOutbound } from './host';
import type { SimulationRequest } from './request';
import { afterBatch, buildResult, CancelledError, type AbortLike, type ConvergenceState, type RunSettings, type SimulationProgress, type SimulationResult } from './simulation';

/** Trials a thread should have at least: below, starting a worker costs more than it saves (same results). */
export const MIN_TRIALS_PER_THREAD = 5000;

/** The threads a run of `trials` uses when `requested` are allowed: never more than one per MIN_TRIALS_PER_THREAD. */
export function threadsFor(requested: number, trials: number): number {
  return Math.max(1, Math.min(Math.floor(requested), Math.floor(trials / MIN_TRIALS_PER_THREAD)));
}

/** One shard (a worker) as the coordinator sees it. */
export interface ShardPort {
  post(message: ShardInbound): void;
  /** Registers the handler of the shard's messages (called once). */
  listen(handler: (message: ShardOutbound) => void): void;
}

export interface ParallelHooks {
  onProgress?: (progress: SimulationProgress) => void;
  /** Polled whenever a chunk comes back: a cancelled run stops handing out chunks and reports what it has. */
  signal?: AbortLike;
}

/** A queue of the messages one shard sent, awaited in order. */
class Inbox {
  private queue: ShardOutbound[] = [];
  private waiting: ((m: ShardOutbound) => void) | null = null;
  constructor(port: ShardPort) {
    port.listen((m) => {
      if (this.waiting) {
        const w = this.waiting;
        this.waiting = null;
        w(m);
      } else this.queue.push(m);
    });
  }
  next(): Promise<ShardOutbound> {
    const m = this.queue.shift();
    if (m) return Promise.resolve(m);
    return new Promise((resolve) => (this.waiting = resolve));
  }
}

async function expect<T extends ShardOutbound['type']>(inbox: Inbox, type: T): Promise<Extract<ShardOutbound, { type: T }>> {
  const m = await inbox.next();
  if (m.type === 'shard:error') throw new Error(m.message);
  if (m.type !== type) throw new Error(`simulation shard: expected ${type}, got ${m.type}`);
  return m as Extract<ShardOutbound, { type: T }>;
}

/**
 * Runs `request` on the shards behind `ports` (one per thread) and resolves with the result; rejects with
 * CancelledError (partial statistics of the chunks done) when the signal aborts, with an Error naming the
 * problem otherwise. The ports stay open: the caller closes or terminates its workers.
 */
export async function runParallel(request: SimulationRequest, ports: readonly ShardPort[], hooks: ParallelHooks = {}): Promise<SimulationResult> {
  if (ports.length === 0) throw new RangeError('runParallel needs at least one shard');
  const inboxes = ports.map((p) => new Inbox(p));
  ports.forEach((p) => p.post({ type: 'shard:open', request }));
  const opened = await Promise.all(inboxes.map((box) => expect(box, 'shard:opened')));
  const { layout, settings, shift } = opened[0];
  const collector = createCollector(layout, shift, settings.total, settings.extraPercentiles);
  if (layout.mode === 'streaming') {
    ports[0].post({ type: 'shard:pilot' });
    const { spec } = await expect(inboxes[0], 'shard:spec');
    collector.spec = spec;
    collector.sketch = emptySketch(layout, spec);
    ports.forEach((p) => p.post({ type: 'shard:spec', spec }));
  }
  const state: ConvergenceState = { converged: false, worst: { rel: settings.conv ? Infinity : 0, sketch: layout.watched[0] ?? -1 } };
  const finished = await dispatch(layout, settings, collector, state, ports, inboxes, hooks);
  // Sketches of every shard (exact in any order), then the result.
  if (collector.sketch) {
    ports.forEach((p) => p.post({ type: 'shard:sketch' }));
    for (const box of inboxes) {
      const { sketch } = await expect(box, 'shard:sketch');
      if (sketch) mergeSketch(collector.sketch, sketch as ShardSketch);
    }
  }
  ports.forEach((p) => p.post({ type: 'shard:close' }));
  const result = buildResult(collector, settings, state, finished);
  if (!finished) throw new CancelledError(result.iterations > 0 ? result : undefined);
  return result;
}

/**
 * Hands out chunks batch by batch (a convergence rule decides after each batch; without one the whole plan is
 * one stream of chunks) to whichever shard is free, merging as they come back. Returns true when the run
 * finished, false when it was cancelled (the chunks handed out are still merged).
 */
async function dispatch(
  layout: Layout,
  settings: RunSettings,
  col: Collector,
  state: ConvergenceState,
  ports: readonly ShardPort[],
  inboxes: readonly Inbox[],
  hooks: ParallelHooks,
): Promise<boolean> {
  const { chunks, batches } = layout.plan;
  let next = 0;
  let cancelled = false;
  for (let b = 0; b < batches.length; b++) {
    // Without a convergence rule every chunk of the run may go out at once (merging waits for order anyway).
    const end = settings.conv ? chunks.findIndex((c) => c.batch > b) : chunks.length;
    const last = end < 0 ? chunks.length : end;
    let inFlight = 0;
    const running: Promise<void>[] = [];
    const work = async (s: number): Promise<void> => {
      while (next < last && !cancelled) {
        if (hooks.signal?.aborted) {
          cancelled = true;
          break;
        }
        const index = next++;
        inFlight++;
        ports[s].post({ type: 'shard:chunk', index });
        const { partial } = await expect(inboxes[s], 'shard:chunk');
        inFlight--;
        addChunk(col, partial);
        hooks.onProgress?.({ done: col.merged, total: settings.total });
      }
    };
    for (let s = 0; s < ports.length; s++) running.push(work(s));
    await Promise.all(running);
    void inFlight;
    if (cancelled) return false;
    if (!settings.conv) return true;
    const batch = batches[b];
    if (col.merged !== batch.trial0 + batch.n) throw new Error('simulation: a batch ended with chunks missing');
    if (afterBatch(col, settings, state)) return true;
    if (hooks.signal?.aborted) return false;
  }
  return true;
}
