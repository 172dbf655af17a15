/**
 * Runs a simulation off the UI thread when a Worker exists (the task pane), in-process otherwise (Node:
 * CLI, tests). Both paths execute the same executeSimulationRequest; cancellation rejects with CancelledError.
 */
import type { ShardInbound, ShardOutbound } from '../model/sim/host';
import { runParallel, threadsFor, type ShardPort } from '../model/sim/parallel';
import { executeSimulationRequest, type SimulationRequest } from '../model/sim/request';
import { CancelledError, type SimulationProgress, type SimulationResult } from '../model/sim/simulation';

export type { SimulationRequest } from '../model/sim/request';
export { CancelledError } from '../model/sim/simulation';

/** Messages to the worker (shard:* when a run is split over several workers). */
export type WorkerInbound = { type: 'run'; id: number; request: SimulationRequest } | { type: 'cancel'; id: number } | ShardInbound;

/** Messages from the worker. */
export type WorkerOutbound =
  | { type: 'progress'; id: number; done: number; total: number }
  | { type: 'result'; id: number; result: SimulationResult }
  | { type: 'cancelled'; id: number; partial?: SimulationResult }
  | { type: 'error'; id: number; message: string }
  | ShardOutbound;

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
  return new Worker(new URL('./simulation.worker.ts', import.meta.url)) as unknown as WorkerLike;
}

let nextId = 1;

/**
 * Runs `request` and resolves with the statistics. Rejects with CancelledError (its `partial` holds the
 * statistics of the trials done) when `signal` aborts, and with an Error naming the problem otherwise.
 */
export function runSimulationAsync(request: SimulationRequest, hooks: RunSimulationHooks = {}): Promise<SimulationResult> {
  const { onProgress, signal } = hooks;
  if (signal?.aborted) return Promise.reject(new CancelledError(undefined));
  const threads = threadsFor(hooks.threads ?? (typeof navigator !== 'undefined' ? navigator.hardwareConcurrency || 1 : 1), request.convergence?.maxIterations ?? request.iterations);
  const create = hooks.createWorker ?? defaultWorker;
  if (threads > 1 && (hooks.createWorker || typeof Worker !== 'undefined')) return runOnWorkers(request, Array.from({ length: threads }, () => create()!), hooks);
  const worker = hooks.createWorker ? hooks.createWorker() : defaultWorker();
  if (!worker) return executeSimulationRequest(request, { onProgress, signal, yieldControl: yieldToEventLoop });

  const id = nextId++;
  return new Promise<SimulationResult>((resolve, reject) => {
    const onAbort = () => worker.postMessage({ type: 'cancel', id });
    const finish = () => {
      signal?.removeEventListener('abort', onAbort);
      worker.terminate();
    };
    worker.onmessage = ({ data }) => {
      if (!('id' in data) || data.id !== id) return;
      switch (data.type) {
        case 'progress':
          onProgress?.({ done: data.done, total: data.total });
          return;
        case 'result':
          finish();
          resolve(data.result);
          return;
        case 'cancelled':
          finish();
          reject(new CancelledError(data.partial));
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

/** A run split over several workers, each hosting one shard; the same statistics as one worker, to the bit. */
function runOnWorkers(request: SimulationRequest, workers: WorkerLike[], hooks: RunSimulationHooks): Promise<SimulationResult> {
  const ports: ShardPort[] = workers.map((worker) => ({
    post: (message) => worker.postMessage(message),
    listen(handler) {
      worker.onmessage = ({ data }) => handler(data as ShardOutbound);
      worker.onerror = (event) => handler({ type: 'shard:error', message: `simulation worker failed: ${event.message ?? 'unknown error'}` });
    },
  }));
  return runParallel(request, ports, { onProgress: hooks.onProgress, signal: hooks.signal }).finally(() => workers.forEach((w) => w.terminate()));
}
