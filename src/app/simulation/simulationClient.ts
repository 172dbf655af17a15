/**
 * Runs a simulation off the UI thread when a Worker exists (the task pane: one worker, or several for a large
 * run), in-process otherwise (Node: CLI, tests). Every path executes the same model (executeSimulationRequest
 * or its shards); cancellation rejects with SimulationCancelled.
 */
import type { ShardInbound, ShardOutbound } from '../../model/sim/host';
import { runParallel, threadsFor, type ShardPort } from '../../model/sim/parallel';
import { executeSimulationRequest, type SimulationRequest } from '../../model/sim/request';
import { CancelledError, type SimulationProgress, type SimulationResult } from '../../model/sim/simulation';

export type { SimulationRequest } from '../../model/sim/request';
export { CancelledError } from '../../model/sim/simulation';

/** P25 and P75 per output and year (the fan chart's inner band). */
export type Quartiles = Record<string, { p25: number[]; p75: number[] }>;

/** The result the pane gets: the model's statistics plus the quartiles when asked for. */
export type ClientSimulationResult = SimulationResult & { quartiles?: Quartiles };

/** A cancelled run; `trialsDone` counts the trials finished when it stopped (also without partial statistics). */
export class SimulationCancelled extends CancelledError {
  constructor(
    partial: SimulationResult | undefined,
    readonly trialsDone: number,
  ) {
    super(partial);
    this.message = `simulation cancelled after ${trialsDone} trials`;
  }
}

/** Messages to the worker (shard:* when a run is split over several workers). */
export type WorkerInbound = { type: 'run'; id: number; request: SimulationRequest } | { type: 'cancel'; id: number } | ShardInbound;

/** Messages from the worker. */
export type WorkerOutbound =
  | { type: 'progress'; id: number; done: number; total: number }
  | { type: 'result'; id: number; result: SimulationResult }
  | { type: 'cancelled'; id: number; partial?: SimulationResult }
  | { type: 'error'; id: number; message: string }
  | ShardOutbound;

/**
 * P25/P75 of every output and year, read from the run's statistics (the engine computes them as extra
 * percentiles, exact or streaming like the others): no samples need to be kept for the fan chart.
 */
export function quartilesOf(result: SimulationResult): Quartiles {
  const out: Quartiles = {};
  for (const st of result.stats) {
    const p25 = st.extra?.p25;
    const p75 = st.extra?.p75;
    if (p25 && p75) out[st.id] = { p25, p75 };
  }
  return out;
}

/** The part of the Worker API the client uses (lets tests pass a fake). */
export interface WorkerLike {
  postMessage(message: WorkerInbound): void;
  onmessage: ((event: { data: WorkerOutbound }) => void) | null;
  onerror: ((event: { message?: string }) => void) | null;
  terminate(): void;
}

export interface RunSimulationHooks {
  onProgress?: (progress: SimulationProgress) => void;
  signal?: AbortSignal;
  /** Also report P25/P75 per output and year (asked of the engine as extra percentiles). */
  quartiles?: boolean;
  /**
   * How long a cancel waits for the worker's partial statistics before the worker is stopped outright
   * (default 150 ms): a person who presses Cancel sees the run stop at once, whatever the chunk size.
   */
  cancelDeadlineMs?: number;
  /** Worker factory; default: the bundled simulation worker when `Worker` exists, else run in-process. */
  createWorker?: () => WorkerLike;
  /** Workers a large run is split over (default: navigator.hardwareConcurrency; at most one per 5,000 trials). */
  threads?: number;
}

/** A zero-delay timer: lets pending messages and abort events run between chunks. */
export const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

function defaultWorker(): WorkerLike | undefined {
  if (typeof Worker === 'undefined') return undefined;
  // webpack 5 recognises this exact form and emits the worker as its own chunk.
  return new Worker(new URL('../workers/simulation.worker.ts', import.meta.url)) as unknown as WorkerLike;
}

let nextId = 1;

/**
 * Runs `request` and resolves with the statistics. Rejects with SimulationCancelled (its `partial` holds the
 * statistics of the trials done, when they arrived in time) when `signal` aborts, and with an Error naming the
 * problem otherwise.
 */
export function runSimulationAsync(request: SimulationRequest, hooks: RunSimulationHooks = {}): Promise<ClientSimulationResult> {
  const { onProgress, signal } = hooks;
  if (signal?.aborted) return Promise.reject(new SimulationCancelled(undefined, 0));
  if (hooks.quartiles) {
    const extra = new Set([...(request.extraPercentiles ?? []), 25, 75]);
    request = { ...request, extraPercentiles: [...extra].sort((a, b) => a - b) };
  }
  const withQuartiles = (result: SimulationResult): ClientSimulationResult =>
    hooks.quartiles ? { ...result, quartiles: quartilesOf(result) } : result;
  let done = 0;
  const track = (p: SimulationProgress) => {
    done = p.done;
    onProgress?.(p);
  };
  const asCancelled = (error: unknown) => {
    throw error instanceof CancelledError && !(error instanceof SimulationCancelled)
      ? new SimulationCancelled(error.partial, error.partial?.iterations ?? done)
      : error;
  };

  const threads = threadsFor(
    hooks.threads ?? (typeof navigator !== 'undefined' ? navigator.hardwareConcurrency || 1 : 1),
    request.convergence?.maxIterations ?? request.iterations,
  );
  const create = hooks.createWorker ?? defaultWorker;
  if (threads > 1 && (hooks.createWorker || typeof Worker !== 'undefined')) {
    return runOnWorkers(
      request,
      Array.from({ length: threads }, () => create()!),
      { ...hooks, onProgress: track },
    ).then(withQuartiles, asCancelled);
  }
  const worker = hooks.createWorker ? hooks.createWorker() : defaultWorker();
  if (!worker)
    return executeSimulationRequest(request, { onProgress: track, signal, yieldControl: yieldToEventLoop }).then(
      withQuartiles,
      asCancelled,
    );

  const id = nextId++;
  return new Promise<ClientSimulationResult>((resolve, reject) => {
    let deadline: ReturnType<typeof setTimeout> | null = null;
    const finish = () => {
      signal?.removeEventListener('abort', onAbort);
      if (deadline) clearTimeout(deadline);
      worker.onmessage = null;
      worker.terminate();
    };
    const onAbort = () => {
      worker.postMessage({ type: 'cancel', id });
      deadline = setTimeout(() => {
        finish();
        reject(new SimulationCancelled(undefined, done));
      }, hooks.cancelDeadlineMs ?? 150);
    };
    worker.onmessage = ({ data }) => {
      if (!('id' in data) || data.id !== id) return;
      switch (data.type) {
        case 'progress':
          track({ done: data.done, total: data.total });
          return;
        case 'result':
          finish();
          resolve(withQuartiles(data.result));
          return;
        case 'cancelled':
          finish();
          reject(new SimulationCancelled(data.partial, data.partial?.iterations ?? done));
          return;
        case 'error':
          finish();
          reject(new Error(data.message));
          return;
      }
    };
    worker.onerror = (event) => {
      finish();
      reject(new Error(`simulation worker failed: ${event.message ?? 'unknown error'}`));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.postMessage({ type: 'run', id, request });
  });
}

/**
 * A run split over several workers, each hosting one shard; the same statistics as one worker, to the bit.
 * A cancel stops every worker within `cancelDeadlineMs` even if a shard is in the middle of a block.
 */
function runOnWorkers(request: SimulationRequest, workers: WorkerLike[], hooks: RunSimulationHooks): Promise<SimulationResult> {
  const ports: ShardPort[] = workers.map((worker) => ({
    post: (message) => worker.postMessage(message),
    listen(handler) {
      worker.onmessage = ({ data }) => handler(data as ShardOutbound);
      worker.onerror = (event) =>
        handler({ type: 'shard:error', message: `simulation worker failed: ${event.message ?? 'unknown error'}` });
    },
  }));
  const stopAll = () => workers.forEach((w) => w.terminate());
  let done = 0;
  const onProgress = (p: SimulationProgress) => {
    done = p.done;
    hooks.onProgress?.(p);
  };
  const run = runParallel(request, ports, { onProgress, signal: hooks.signal }).finally(stopAll);
  if (!hooks.signal) return run;
  const signal = hooks.signal;
  const hardStop = new Promise<never>((_, reject) => {
    signal.addEventListener(
      'abort',
      () => {
        setTimeout(() => {
          stopAll();
          reject(new SimulationCancelled(undefined, done));
        }, hooks.cancelDeadlineMs ?? 150);
      },
      { once: true },
    );
  });
  hardStop.catch(() => undefined);
  return Promise.race([run, hardStop]);
}
