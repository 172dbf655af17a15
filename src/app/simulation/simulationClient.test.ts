import { describe, expect, it } from 'vitest';
import { PARAMS, defaultValues } from '../../model/params';
import type { SimulationResult } from '../../model/sim/simulation';
import { referenceModelData } from '../scenario/modelInputs';
import { createWorkerHandler, handleWorkerMessage } from '../workers/simulation.worker';
import {
  CancelledError,
  runSimulationAsync,
  SimulationCancelled,
  type SimulationRequest,
  type WorkerInbound,
  type WorkerLike,
  type WorkerOutbound,
} from './simulationClient';

const data = referenceModelData();
const request: SimulationRequest = {
  data,
  values: defaultValues(),
  iterations: 400,
  seed: 7,
  sampling: 'lhs',
  outputIds: ['nev.share.Europe', 'exports.value.total'],
  chunkSize: 100,
};

/** Runs the real worker message handler in-process, cloning messages as postMessage would. */
class FakeWorker implements WorkerLike {
  onmessage: ((event: { data: WorkerOutbound }) => void) | null = null;
  onerror: ((event: { message?: string }) => void) | null = null;
  terminated = false;
  posted: WorkerInbound[] = [];
  postMessage(message: WorkerInbound): void {
    this.posted.push(message);
    void handleWorkerMessage(structuredClone(message), (m) => {
      if (!this.terminated) this.onmessage?.({ data: structuredClone(m) });
    });
  }
  terminate(): void {
    this.terminated = true;
  }
}

const p50 = (r: SimulationResult, id: string, year: number) => r.stats.find((s) => s.id === id)!.p50[r.years.indexOf(year)];

describe('runSimulationAsync', () => {
  it('runs in-process when no Worker exists (Node) and reports progress', async () => {
    expect(typeof Worker).toBe('undefined');
    const progress: number[] = [];
    const r = await runSimulationAsync(request, { onProgress: (p) => progress.push(p.done) });
    expect(r.iterations).toBe(400);
    expect(progress).toEqual([100, 200, 300, 400]);
    expect(r.inputIds.length).toBe(PARAMS.filter((p) => p.distribution).length);
    // Europe's NEV share in 2035 lies inside the ceiling's triangular range (0.52 .. 0.92).
    const share = p50(r, 'nev.share.Europe', 2035);
    expect(share).toBeGreaterThan(0.3);
    expect(share).toBeLessThan(0.92);
  });

  it('gives bit-identical statistics through the worker protocol (same code path)', async () => {
    const direct = await runSimulationAsync(request);
    const worker = new FakeWorker();
    const progress: number[] = [];
    const viaWorker = await runSimulationAsync(request, { createWorker: () => worker, onProgress: (p) => progress.push(p.done) });
    expect(viaWorker.stats).toEqual(direct.stats);
    expect(Array.from(viaWorker.outputSamples)).toEqual(Array.from(direct.outputSamples));
    expect(progress).toEqual([100, 200, 300, 400]);
    expect(worker.terminated).toBe(true);
  });

  it('cancels through the worker: a cancel message, then CancelledError with partial statistics', async () => {
    const worker = new FakeWorker();
    const controller = new AbortController();
    const run = runSimulationAsync(request, {
      createWorker: () => worker,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.done === 200) controller.abort();
      },
    });
    const error = await run.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CancelledError);
    const partial = (error as CancelledError).partial!;
    expect(partial.cancelled).toBe(true);
    expect(partial.iterations).toBe(200);
    expect(worker.posted.map((m) => m.type)).toEqual(['run', 'cancel']);
  });

  it('cancels in-process too, and refuses to start when already aborted', async () => {
    const controller = new AbortController();
    const error = await runSimulationAsync(request, {
      signal: controller.signal,
      onProgress: (p) => p.done === 100 && controller.abort(),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CancelledError);
    expect((error as CancelledError).partial!.iterations).toBe(100);
    await expect(runSimulationAsync(request, { signal: AbortSignal.abort() })).rejects.toBeInstanceOf(CancelledError);
  });

  it('splits a large run over several workers (one shard each) with the statistics of one, to the bit', async () => {
    class ShardWorker extends FakeWorker {
      private readonly handle = createWorkerHandler();
      override postMessage(message: WorkerInbound): void {
        this.posted.push(message);
        void this.handle(structuredClone(message), (m) => {
          if (!this.terminated) this.onmessage?.({ data: structuredClone(m) });
        });
      }
    }
    const big: SimulationRequest = { ...request, iterations: 15_000, statistics: 'streaming', chunkSize: undefined };
    const direct = await runSimulationAsync(big);
    const workers: ShardWorker[] = [];
    const progress: number[] = [];
    const split = await runSimulationAsync(big, {
      threads: 3,
      createWorker: () => (workers.push(new ShardWorker()), workers.at(-1)!),
      onProgress: (p) => progress.push(p.done),
    });
    expect(workers.length).toBe(3);
    expect(split.stats).toEqual(direct.stats);
    expect(split.rankCorrelationsByTarget).toEqual(direct.rankCorrelationsByTarget);
    expect(progress.at(-1)).toBe(15_000);
    expect(workers.every((w) => w.terminated)).toBe(true);
  });

  it('reports bad requests from the worker as errors naming the problem', async () => {
    const bad = { ...request, outputIds: ['nev.share.Atlantis'] };
    await expect(runSimulationAsync(bad, { createWorker: () => new FakeWorker() })).rejects.toThrow(
      /unknown output id 'nev.share.Atlantis'/,
    );
  });
});

describe('simulation client for the pane', () => {
  it('computes P25/P75 in the worker, between P10 and P90', async () => {
    const r = await runSimulationAsync(request, { createWorker: () => new FakeWorker(), quartiles: true });
    const q = r.quartiles!['nev.share.Europe'];
    const s = r.stats.find((x) => x.id === 'nev.share.Europe')!;
    const y = r.years.indexOf(2035);
    expect(s.p10[y]).toBeLessThanOrEqual(q.p25[y]);
    expect(q.p25[y]).toBeLessThanOrEqual(s.p50[y]);
    expect(s.p50[y]).toBeLessThanOrEqual(q.p75[y]);
    expect(q.p75[y]).toBeLessThanOrEqual(s.p90[y]);
  });

  it('stops a worker that does not answer a cancel within the deadline, saying how many trials were done', async () => {
    /** A worker that reports progress and then hangs (a long chunk, a slow machine). */
    class SlowWorker implements WorkerLike {
      onmessage: ((event: { data: WorkerOutbound }) => void) | null = null;
      onerror: ((event: { message?: string }) => void) | null = null;
      terminated = false;
      postMessage(message: WorkerInbound): void {
        if (message.type === 'run')
          setTimeout(() => this.onmessage?.({ data: { type: 'progress', id: message.id, done: 12500, total: 100000 } }), 0);
      }
      terminate(): void {
        this.terminated = true;
      }
    }
    const worker = new SlowWorker();
    const controller = new AbortController();
    const started = Date.now();
    const error = await runSimulationAsync(request, {
      createWorker: () => worker,
      signal: controller.signal,
      cancelDeadlineMs: 50,
      onProgress: () => controller.abort(),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CancelledError);
    expect((error as SimulationCancelled).trialsDone).toBe(12500);
    expect(worker.terminated).toBe(true);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
