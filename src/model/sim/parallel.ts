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
import {
  afterBatch,
  buildResult,
  CancelledError,
  type AbortLike,
  type ConvergenceState,
  type RunSettings,
  type SimulationProgress,
  type SimulationResult,
} from './simulation';

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
 * problem otherwise. The first shard to open sets up the run (and runs the pilot); every other shard joins
 * the work as soon as it is ready, so a slow-starting worker costs nothing but its own start. The ports stay
 * open: the caller closes or terminates its workers.
 */
export async function runParallel(
  request: SimulationRequest,
  ports: readonly ShardPort[],
  hooks: ParallelHooks = {},
): Promise<SimulationResult> {
  if (ports.length === 0) throw new RangeError('runParallel needs at least one shard');
  const inboxes = ports.map((p) => new Inbox(p));
  ports.forEach((p) => p.post({ type: 'shard:open', request }));
  const opening = inboxes.map((box, s) => expect(box, 'shard:opened').then((m) => ({ s, m })));
  // A request every shard refuses fails on the first; later failures of slow shards are not waited for.
  for (const o of opening) o.catch(() => undefined);
  const first = await Promise.race(opening);
  const { layout, settings, shift } = first.m;
  const collector = createCollector(layout, shift, settings.total, settings.extraPercentiles);
  if (layout.mode === 'streaming') {
    ports[first.s].post({ type: 'shard:pilot' });
    const { spec } = await expect(inboxes[first.s], 'shard:spec');
    collector.spec = spec;
    collector.sketch = emptySketch(layout, spec);
  }
  const state: ConvergenceState = { converged: false, worst: { rel: settings.conv ? Infinity : 0, sketch: layout.watched[0] ?? -1 } };
  const run = new Dispatch(layout, settings, collector, state, ports, inboxes, hooks);
  const finished = await run.start(opening, first.s);
  // Sketches of the shards that took part (exact in any order), then the result.
  if (collector.sketch)
    for (const s of run.joined) {
      ports[s].post({ type: 'shard:sketch' });
      const { sketch } = await expect(inboxes[s], 'shard:sketch');
      if (sketch) mergeSketch(collector.sketch, sketch as ShardSketch);
    }
  ports.forEach((p) => p.post({ type: 'shard:close' }));
  const result = buildResult(collector, settings, state, finished);
  if (!finished) throw new CancelledError(result.iterations > 0 ? result : undefined);
  return result;
}

/**
 * Hands out chunks to whichever shard is free, in plan order, merging as they come back. Without a
 * convergence rule every chunk may go out; with one, only the current batch's, and the rule decides after
 * each batch whether another is handed out. Resolves true when the run finished, false when cancelled (the
 * chunks already out are still merged).
 */
class Dispatch {
  /** Shards that opened and got the spec, in the order they joined. */
  readonly joined: number[] = [];
  private next = 0;
  private limit: number;
  private batch = 0;
  private inFlight = 0;
  private idle: number[] = [];
  private stopped = false;
  private cancelled = false;
  private settle: (finished: boolean) => void = () => undefined;
  private fail: (error: unknown) => void = () => undefined;

  constructor(
    private readonly layout: Layout,
    private readonly settings: RunSettings,
    private readonly col: Collector,
    private readonly state: ConvergenceState,
    private readonly ports: readonly ShardPort[],
    private readonly inboxes: readonly Inbox[],
    private readonly hooks: ParallelHooks,
  ) {
    this.limit = this.batchEnd(0);
  }

  /** Chunks before the end of batch b (every chunk without a convergence rule). */
  private batchEnd(b: number): number {
    const { chunks } = this.layout.plan;
    if (!this.settings.conv) return chunks.length;
    const end = chunks.findIndex((c) => c.batch > b);
    return end < 0 ? chunks.length : end;
  }

  start(opening: Promise<{ s: number; m: unknown }>[], first: number): Promise<boolean> {
    return new Promise<boolean>((resolve, reject) => {
      this.settle = resolve;
      this.fail = reject;
      this.join(first);
      for (const o of opening)
        o.then(
          ({ s }) => s !== first && this.join(s),
          () => undefined, // a shard that cannot open takes no part (the first one's error was raised)
        );
    });
  }

  private join(s: number): void {
    if (this.stopped) return;
    if (this.col.spec) this.ports[s].post({ type: 'shard:spec', spec: this.col.spec });
    this.joined.push(s);
    this.pump(s);
  }

  /** Gives shard s the next chunk, or parks it; settles the run once nothing is left or out. */
  private pump(s: number): void {
    if (!this.stopped && this.hooks.signal?.aborted) {
      this.stopped = true;
      this.cancelled = true;
    }
    if (this.stopped || this.next >= this.limit) {
      this.idle.push(s);
      if (this.inFlight === 0) this.endOfWork();
      return;
    }
    const index = this.next++;
    this.inFlight++;
    this.ports[s].post({ type: 'shard:chunk', index });
    expect(this.inboxes[s], 'shard:chunk').then(({ partial }) => {
      this.inFlight--;
      addChunk(this.col, partial);
      this.hooks.onProgress?.({ done: this.col.merged, total: this.settings.total });
      this.pump(s);
    }, this.fail);
  }

  /** Everything handed out is back: the end of a batch (a convergence decision) or of the run. */
  private endOfWork(): void {
    if (!this.stopped && this.settings.conv && this.next < this.layout.plan.chunks.length) {
      const batch = this.layout.plan.batches[this.batch];
      if (this.col.merged !== batch.trial0 + batch.n) return this.fail(new Error('simulation: a batch ended with chunks missing'));
      if (!afterBatch(this.col, this.settings, this.state)) {
        this.batch++;
        this.limit = this.batchEnd(this.batch);
        const waiting = this.idle.splice(0);
        waiting.forEach((s) => this.pump(s));
        return;
      }
    } else if (!this.stopped && this.settings.conv) afterBatch(this.col, this.settings, this.state);
    this.stopped = true;
    this.settle(!this.cancelled);
  }
}
