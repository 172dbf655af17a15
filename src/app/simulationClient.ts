/**
 * Runs a simulation off the UI thread when a Worker exists (the task pane), in-process otherwise (Node:
 * CLI, tests). Both paths execute the same executeSimulationRequest; cancellation rejects with CancelledError.
 */
import { executeSimulationRequest, type SimulationRequest } from '../model/sim/request';
import { CancelledError, type SimulationProgress, type SimulationResult } from '../model/sim/simulation';
import { percentilesInPlace } from '../model/sim/stats';

export type { SimulationRequest } from '../model/sim/request';
export { CancelledError } from '../model/sim/simulation';

/** P25 and P75 per output and year (the fan chart's inner band), computed from the kept samples. */
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

/** Messages to the worker. */
export type WorkerInbound = { type: 'run'; id: number; request: SimulationRequest; quartiles?: boolean } | { type: 'cancel'; id: number };

/** Messages from the worker. */
export type WorkerOutbound =
  | { type: 'progress'; id: number; done: number; total: number }
  | { type: 'result'; id: number; result: SimulationResult; quartiles?: Quartiles }
  | { type: 'cancelled'; id: number; partial?: SimulationResult }
  | { type: 'error'; id: number; message: string };

/** P25/P75 of every kept output and year, by linear-time selection on a copy of each cell's samples. */
export function quartilesOf(result: SimulationResult): Quartiles {
  const n = result.iterations;
  const ny = result.years.length;
  const work = new Float64Array(n);
  const out: Quartiles = {};
  result.outputIds.forEach((id, o) => {
    const p25: number[] = [];
    const p75: number[] = [];
    for (let y = 0; y < ny; y++) {
      const from = (o * ny + y) * n;
      work.set(result.outputSamples.subarray(from, from + n));
      const [a, b] = n > 0 ? percentilesInPlace(work, [25, 75]) : [NaN, NaN];
      p25.push(a);
      p75.push(b);
    }
    out[id] = { p25, p75 };
  });
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
  /** Also compute P25/P75 per output and year (in the worker, off the UI thread). */
  quartiles?: boolean;
  /**
   * How long a cancel waits for the worker's partial statistics before the worker is stopped outright
   * (default 150 ms): a person who presses Cancel sees the run stop at once, whatever the chunk size.
   */
  cancelDeadlineMs?: number;
  /** Worker factory; default: the bundled simulation worker when `Worker` exists, else run in-process. */
  createWorker?: () => WorkerLike;
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
export function runSimulationAsync(request: SimulationRequest, hooks: RunSimulationHooks = {}): Promise<ClientSimulationResult> {
  const { onProgress, signal } = hooks;
  if (signal?.aborted) return Promise.reject(new SimulationCancelled(undefined, 0));
  const worker = hooks.createWorker ? hooks.createWorker() : defaultWorker();
  let done = 0;
  const track = (p: SimulationProgress) => {
    done = p.done;
    onProgress?.(p);
  };
  if (!worker) {
    return executeSimulationRequest(request, { onProgress: track, signal, yieldControl: yieldToEventLoop }).then(
      (result) => (hooks.quartiles ? { ...result, quartiles: quartilesOf(result) } : result),
      (error: unknown) => {
        throw error instanceof CancelledError ? new SimulationCancelled(error.partial, error.partial?.iterations ?? done) : error;
      },
    );
  }

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
      if (data.id !== id) return;
      switch (data.type) {
        case 'progress':
          track({ done: data.done, total: data.total });
          return;
        case 'result':
          finish();
          resolve(data.quartiles ? { ...data.result, quartiles: data.quartiles } : data.result);
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
    worker.postMessage({ type: 'run', id, request, ...(hooks.quartiles ? { quartiles: true } : {}) });
  });
}
