/**
 * Thread-count independence: the same request on 1 (in this thread), 2 and 4 worker threads gives the same
 * `simulate --json` bytes, in streaming mode (three design batches), in exact mode and under a convergence
 * rule. Real worker threads running src/cli/simulate.worker.ts, each handed several chunks of every run.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Worker } from 'node:worker_threads';
import { REFERENCE_DATA as data } from '../../tests/helpers/referenceData';
import { defaultValues } from '../model/params';
import { runParallel, type ShardPort } from '../model/sim/parallel';
import type { SimulationRequest } from '../model/sim/request';
import type { SimulationResult } from '../model/sim/simulation';
import { SUMMARY_OUTPUTS, toSimulateJson } from './commands/simulate';
import { inProcessPort, runSimulationThreads, shardPortOf, startWorker, threadsFor } from './simulateThreads';

const scenario = { name: 'baseline', preset: 'baseline', overrides: {} };
const base: SimulationRequest = {
  data,
  values: defaultValues(),
  iterations: 24_000,
  seed: 5,
  sampling: 'lhs',
  outputIds: [...SUMMARY_OUTPUTS],
  rankTargets: SUMMARY_OUTPUTS.map((outputId) => ({ outputId, year: 2040 })),
};

const json = (result: SimulationResult): string => JSON.stringify(toSimulateJson(scenario, result));

/**
 * The shards' ports in lockstep, counting the chunks each shard is handed. The coordinator hands the next chunk
 * to whichever shard answers first: left alone, this thread's shard runs (nearly) every chunk while the workers
 * are still starting (measured on a 2-core machine, workers started per run as the CLI does: they ran 2 of the
 * 76 chunks of the six 2- and 4-thread runs), and a result that depended on the partition would go unnoticed.
 * Here the chunks' results reach the coordinator only once every shard has opened and every chunk handed out
 * is back, then all together: each round hands one chunk to every shard the current batch has work for. Only
 * the timing changes; what a shard computes and the order in which the coordinator merges the chunks (by
 * index) do not, and that independence is the property under test.
 */
function lockstep(inner: readonly ShardPort[]): { ports: ShardPort[]; chunks: number[] } {
  const chunks = inner.map(() => 0);
  let opened = 0;
  let out = 0;
  const held: { index: number; deliver: () => void }[] = [];
  // Checked a macrotask after each answer, once the coordinator has reacted to those before (joins, new chunks).
  // A round's results go back latest chunk first, so the coordinator always merges chunks that arrived out of order.
  const release = () => {
    if (opened < inner.length || held.length === 0 || held.length < out) return;
    out -= held.length;
    for (const { deliver } of held.splice(0).sort((a, b) => b.index - a.index)) deliver();
  };
  const ports = inner.map(
    (port, s): ShardPort => ({
      post: (message) => {
        if (message.type === 'shard:chunk') {
          chunks[s]++;
          out++;
        }
        port.post(message);
      },
      listen: (handler) => {
        let answered = false;
        port.listen((message) => {
          if (message.type === 'shard:chunk') held.push({ index: message.partial.index, deliver: () => handler(message) });
          else {
            // A shard that cannot open counts as answered (and then gets no chunk: the count below fails).
            if (!answered && (message.type === 'shard:opened' || message.type === 'shard:error')) opened++;
            answered = true;
            handler(message);
          }
          setImmediate(release);
        });
      },
    }),
  );
  return { ports, chunks };
}

describe('simulate on worker threads', () => {
  // Three workers for the whole file: every 2- and 4-thread run below uses them (a run opens its own shards on
  // them and closes them at its end), instead of starting 1 + 3 workers per run as the CLI does.
  let workers: Worker[] = [];
  let pool: ShardPort[] = [];
  // A worker that fails before a run listens to it (while starting): reported before the next run, not a hang.
  const failures: string[] = [];
  beforeAll(() => {
    workers = Array.from({ length: 3 }, startWorker);
    pool = workers.map(shardPortOf);
    workers.forEach((w, i) => w.on('error', (e) => failures.push(`worker ${i + 1}: ${e.message}`)));
  });
  afterAll(() => Promise.all(workers.map((w) => w.terminate())));

  it('gives byte-identical JSON on 1, 2 and 4 threads: streaming, exact and converging runs', async () => {
    for (const request of [
      // 24 chunks in three design batches: 12 per thread on 2 threads, 6 on 4.
      base,
      // 8 chunks: 4 per thread on 2 threads, 2 on 4 (4000 trials, 4 chunks, could not give 4 threads two each).
      { ...base, iterations: 8000, sampling: 'mc' as const, statistics: 'exact' as const },
      // Batches of 2 chunks until it converges (5 batches): each batch's two chunks on two threads.
      {
        ...base,
        iterations: 20_000,
        outputIds: ['nev.share.China', 'rnd.npv'],
        convergence: { relTol: 0.006, batchSize: 2000, maxIterations: 20_000 },
      },
    ]) {
      const one = json(await runSimulationThreads(request, { threads: 1, exactThreads: true }));
      const parsed = JSON.parse(one);
      // The converging run stops at a batch boundary before its cap.
      if (request.convergence) expect(parsed.converged && parsed.iterations < 20_000).toBe(true);
      // The default request streams (the 2- and 4-thread runs below give these same bytes).
      if (request === base) expect(parsed.statistics).toBe('streaming');
      for (const threads of [2, 4]) {
        expect(failures).toEqual([]);
        const { ports, chunks } = lockstep([inProcessPort(), ...pool.slice(0, threads - 1)]);
        expect(json(await runParallel(request, ports)), `${threads} threads`).toBe(one);
        // Every thread ran at least two chunks of the run (this thread's shard and each worker's).
        expect(Math.min(...chunks), `chunks per thread on ${threads} threads: ${chunks.join(', ')}`).toBeGreaterThanOrEqual(2);
      }
      // The CLI's own entry point on 2 threads, with a worker of its own (started and terminated by the run), once:
      // the runs above are the partition check (its worker mostly starts too late to take a chunk).
      if (request.statistics === 'exact') expect(json(await runSimulationThreads(request, { threads: 2, exactThreads: true }))).toBe(one);
    }
  }, 240_000);

  it('uses no more threads than the run has work for', () => {
    expect(threadsFor(8, 1000)).toBe(1);
    expect(threadsFor(8, 10_000)).toBe(2);
    expect(threadsFor(2, 1_000_000)).toBe(2);
  });
});
