import { describe, expect, it } from 'vitest';
import { CancelledError, createSimulation, runSimulation, runSimulationStepwise, statsAt, type SimulationOptions } from './simulation';
import { rankCorrelations } from './sensitivity';
import { isClose } from '../../../tests/helpers/tolerance';
import { toyModel, toyParam } from '../../../tests/helpers/toyModel';

// out "level" = a + c * yearIndex, "double" = 2 b, "fixed" = c. a ~ U(0, 10), b ~ N(5, 1), c fixed at 3.
const model = toyModel(['a', 'b', 'c'], ['level', 'double', 'fixed'], [2025, 2026], (p, y) => [p[0] + p[2] * y, 2 * p[1], p[2]]);
const params = [
  toyParam('a', 5, { distribution: { kind: 'uniform', min: 0, max: 10 } }),
  toyParam('b', 5, { distribution: { kind: 'normal', mean: 5, sd: 1 } }),
  toyParam('c', 3),
];
const base: SimulationOptions = { model, params, iterations: 10_000, seed: 42, sampling: 'lhs' };

describe('runSimulation', () => {
  it('is bit-identical for the same seed and differs for another seed', () => {
    const r1 = runSimulation(base);
    const r2 = runSimulation(base);
    expect(Array.from(r2.outputSamples)).toEqual(Array.from(r1.outputSamples));
    expect(r2.stats).toEqual(r1.stats);
    const r3 = runSimulation({ ...base, seed: 43 });
    expect(r3.stats[0].mean[0]).not.toBe(r1.stats[0].mean[0]);
  });

  it('reports P5..P95, mean and sd per output and year close to the exact quantiles', () => {
    const r = runSimulation(base);
    expect(r.iterations).toBe(10_000);
    const level2025 = statsAt(r, 'level', 2025)!;
    for (const [got, want] of [
      [level2025.p5, 0.5],
      [level2025.p10, 1],
      [level2025.p50, 5],
      [level2025.p90, 9],
      [level2025.p95, 9.5],
    ]) {
      expect(isClose(got, want, 2e-3)).toBe(true);
    }
    // The fixed input c = 3 shifts 2026 by exactly 3 in every trial.
    expect(isClose(statsAt(r, 'level', 2026)!.p50 - level2025.p50, 3, 1e-9)).toBe(true);
    const double = statsAt(r, 'double', 2025)!;
    expect(isClose(double.mean, 10, 1e-4)).toBe(true);
    expect(isClose(double.sd, 2, 5e-3)).toBe(true);
    expect(isClose(double.p95, 10 + 2 * 1.6448536, 2e-3)).toBe(true);
  });

  it('keeps parameters without a distribution at their scenario value', () => {
    const r = runSimulation({ ...base, values: { c: 7 }, iterations: 500 });
    const fixed = statsAt(r, 'fixed', 2026)!;
    expect(fixed.p5).toBe(7);
    expect(fixed.p95).toBe(7);
    expect(fixed.sd).toBe(0);
    expect(r.inputIds).toEqual(['a', 'b']);
  });

  it('moves a distribution with the scenario value (anchor "scenario") and clamps to [min, max]', () => {
    const shifted = runSimulation({ ...base, values: { a: 8 }, iterations: 2000 });
    expect(isClose(statsAt(shifted, 'level', 2025)!.p50, 8, 5e-3)).toBe(true);
    const fixed = runSimulation({ ...base, values: { a: 8 }, iterations: 2000, anchor: 'fixed' });
    expect(isClose(statsAt(fixed, 'level', 2025)!.p50, 5, 5e-3)).toBe(true);
    const clamped = runSimulation({
      ...base,
      params: [toyParam('a', 5, { min: 2, max: 8, distribution: { kind: 'uniform', min: 0, max: 10 } }), ...params.slice(1)],
      iterations: 1000,
    });
    const a = statsAt(clamped, 'level', 2025)!;
    expect(a.p5).toBe(2);
    expect(a.p95).toBe(8);
  });

  it('keeps input samples aligned with outputs and imposes input rank correlations', () => {
    const r = runSimulation({ ...base, correlations: [{ a: 'a', b: 'b', rho: 0.7 }] });
    expect(r.inputSamples.length).toBe(2 * 10_000);
    const rc = rankCorrelations(r, 'level', 2025);
    // level = a exactly, so its rank correlation with a is 1, and with b the imposed 0.7.
    expect(rc[0]).toEqual({ paramId: 'a', rho: expect.closeTo(1, 12) });
    expect(Math.abs(rc[1].rho - 0.7)).toBeLessThan(0.05);
  });

  it('plain Monte Carlo gives unbiased but noisier estimates than LHS', () => {
    const mc = runSimulation({ ...base, sampling: 'mc' });
    const lhs = runSimulation(base);
    const errMc = Math.abs(statsAt(mc, 'level', 2025)!.mean - 5);
    const errLhs = Math.abs(statsAt(lhs, 'level', 2025)!.mean - 5);
    expect(errMc).toBeLessThan(0.1);
    expect(errLhs).toBeLessThan(errMc);
  });
});

describe('convergence stop', () => {
  // out = x, x ~ N(100, 10): the 95 % half-width 1.96 * 10 / sqrt(n) falls below 1 % of 100 from n = 385.
  const m = toyModel(['x'], ['y'], [2030], (p) => [p[0]]);
  const ps = [toyParam('x', 100, { distribution: { kind: 'normal', mean: 100, sd: 10 } })];

  it('stops at the first batch boundary where the mean is within +-1 % at 95 %', () => {
    const r = runSimulation({
      model: m,
      params: ps,
      iterations: 5000,
      seed: 1,
      sampling: 'lhs',
      convergence: { relTol: 0.01, confidence: 0.95, batchSize: 100, minIterations: 100 },
    });
    expect(r.converged).toBe(true);
    expect(r.iterations).toBe(400);
    expect(r.convergence!.worstRelHalfWidth).toBeLessThanOrEqual(0.01);
    expect(r.convergence!.worstOutputId).toBe('y');
  });

  it('runs to the cap and reports not converged when the rule is too strict', () => {
    const r = runSimulation({
      model: m,
      params: ps,
      iterations: 100,
      seed: 1,
      sampling: 'mc',
      convergence: { relTol: 1e-5, maxIterations: 2000, batchSize: 300 },
    });
    expect(r.converged).toBe(false);
    expect(r.iterations).toBe(2000);
    expect(r.convergence!.worstRelHalfWidth).toBeGreaterThan(1e-5);
  });
});

describe('progress and cancellation', () => {
  it('reports monotone progress up to the total', () => {
    const seen: number[] = [];
    runSimulation({ ...base, iterations: 1000, chunkSize: 250, onProgress: (p) => seen.push(p.done / p.total) });
    expect(seen).toEqual([0.25, 0.5, 0.75, 1]);
  });

  it('throws CancelledError carrying the statistics of the completed trials', () => {
    const signal = { aborted: false };
    let caught: unknown;
    try {
      runSimulation({
        ...base,
        chunkSize: 300,
        signal,
        onProgress: (p) => {
          if (p.done >= 600) signal.aborted = true;
        },
      });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(CancelledError);
    const partial = (caught as CancelledError).partial!;
    expect(partial.cancelled).toBe(true);
    expect(partial.iterations).toBe(600);
    expect(partial.outputSamples.length).toBe(600 * 3 * 2);
  });

  it('the stepwise variant yields between chunks and returns the same result', async () => {
    let yields = 0;
    const stepwise = await runSimulationStepwise({ ...base, iterations: 2000, chunkSize: 500 }, async () => {
      yields++;
    });
    const sync = runSimulation({ ...base, iterations: 2000 });
    expect(yields).toBe(4);
    expect(stepwise.stats).toEqual(sync.stats);
  });

  it('a stepper can be advanced by hand', () => {
    const run = createSimulation({ ...base, iterations: 10 });
    expect(run.step(4)).toBe(false);
    expect(run.done).toBe(4);
    expect(run.step(100)).toBe(true);
    expect(run.result().iterations).toBe(10);
  });
});

describe('validation', () => {
  it('names what is wrong', () => {
    expect(() => runSimulation({ ...base, outputIds: ['nope'] })).toThrow(/outputIds: "nope" is not computed/);
    expect(() => runSimulation({ ...base, iterations: 0 })).toThrow(/iterations must be an integer >= 1/);
    expect(() => runSimulation({ ...base, sampling: 'sobol' as never })).toThrow(/sampling must be "lhs" or "mc"/);
    expect(() => runSimulation({ ...base, params: params.slice(0, 2) })).toThrow(/c: no scenario value and no parameter metadata/);
    expect(() => runSimulation({ ...base, values: { a: Number.NaN } })).toThrow(/a: value must be a finite number/);
    expect(() =>
      runSimulation({
        ...base,
        params: [toyParam('a', 1, { distribution: { kind: 'pert', min: 3, mode: 1, max: 2 } }), ...params.slice(1)],
      }),
    ).toThrow(/parameter a: pert distribution/);
  });
});
