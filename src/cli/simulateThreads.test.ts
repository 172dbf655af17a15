/**
 * Thread-count independence: the same request on 1 (in this thread), 2 and 4 worker threads gives the same
 * `simulate --json` bytes, in streaming mode (three design batches), in exact mode and under a convergence
 * rule. Real worker threads running src/cli/simulate.worker.ts.
 */
import { describe, expect, it } from 'vitest';
import { REFERENCE_DATA as data } from '../../tests/helpers/referenceData';
import { defaultValues } from '../model/params';
import type { SimulationRequest } from '../model/sim/request';
import { SUMMARY_OUTPUTS, toSimulateJson } from './commands/simulate';
import { runSimulationThreads, threadsFor } from './simulateThreads';

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

async function jsonOn(request: SimulationRequest, threads: number): Promise<string> {
  const result = await runSimulationThreads(request, { threads, exactThreads: true });
  return JSON.stringify(toSimulateJson(scenario, result));
}

describe('simulate on worker threads', () => {
  it('gives byte-identical JSON on 1, 2 and 4 threads: streaming, exact and converging runs', async () => {
    for (const request of [
      base,
      { ...base, iterations: 4000, sampling: 'mc' as const, statistics: 'exact' as const },
      {
        ...base,
        iterations: 20_000,
        outputIds: ['nev.share.China', 'rnd.npv'],
        convergence: { relTol: 0.006, batchSize: 2000, maxIterations: 20_000 },
      },
    ]) {
      const one = await jsonOn(request, 1);
      const parsed = JSON.parse(one);
      // The converging run stops at a batch boundary before its cap.
      if (request.convergence) expect(parsed.converged && parsed.iterations < 20_000).toBe(true);
      // The default request streams (the 2- and 4-thread runs below give these same bytes).
      if (request === base) expect(parsed.statistics).toBe('streaming');
      expect(await jsonOn(request, 2)).toBe(one);
      expect(await jsonOn(request, 4)).toBe(one);
    }
  }, 240_000);

  it('uses no more threads than the run has work for', () => {
    expect(threadsFor(8, 1000)).toBe(1);
    expect(threadsFor(8, 10_000)).toBe(2);
    expect(threadsFor(2, 1_000_000)).toBe(2);
  });
});
