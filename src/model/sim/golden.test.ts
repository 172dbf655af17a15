/**
 * Golden values pinned BEFORE the simulator speed-up (Nov 2026): the same seed must keep giving the same
 * numbers bit for bit, so any change to rng, sampling, quantiles or percentile selection that alters a
 * result fails here. Tolerance 0 on purpose (relClose with rel 0 is exact equality of the doubles).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { toModelData } from '../../app/modelData';
import { PARAMS, defaultValues } from '../params';
import { compileModel } from '../run';
import { createRng, createStream } from './rng';
import { runSimulation, statsAt } from './simulation';
import { relClose } from './testing';

const csv = (name: string) => readFileSync(fileURLToPath(new URL(`../../data/reference/${name}`, import.meta.url)), 'utf8');
const data = toModelData({ nevSales: csv('nev_sales_by_region.csv'), tariffs: csv('tariffs.csv'), exports: csv('china_exports.csv') });
const outputIds = ['nev.share.China', 'nev.share.Europe', 'nev.sales.World', 'exports.value.total', 'rnd.npv'];
const model = compileModel(data, { outputIds });
const values = defaultValues();
const exact = (actual: number, expected: number) => expect(relClose(actual, expected, 0, 0), `${actual} vs ${expected}`).toBe(true);

describe('golden: same seed, same bits', () => {
  it('pins the first raw draws of sfc32 and of a keyed stream', () => {
    const r = createRng(42);
    expect(Array.from({ length: 5 }, () => r.nextUint32())).toEqual([1028872839, 2516511472, 400437680, 853279530, 1920286840]);
    const s = createStream(3, 'nev.ceiling.Europe|batch0');
    exact(s.next(), 0.4297225911868736);
    expect(s.nextInt(1000)).toBe(927);
    exact(s.next(), 0.7440853362204507);
  });

  it('pins mean and P5..P95 of a 10,000-trial LHS run (seed 7) on the real models', () => {
    const r = runSimulation({ model, params: PARAMS, values, iterations: 10_000, seed: 7, sampling: 'lhs' });
    const pinned = [
      ['nev.share.Europe', 2035, 0.6138343893414986, 0.48124341549495964, 0.5088698873769102, 0.6254533620057161, 0.6977539256213781, 0.7081999056528092],
      ['exports.value.total', 2040, 113332618751.77087, 92412863053.16943, 96252886904.46445, 113022756693.62183, 130825259192.76717, 134595650376.64491],
      ['rnd.npv', 2025, 4639.2377225824775, 3829.393923062476, 3983.95555472816, 4612.54932584185, 5341.353462485649, 5543.857418735618],
      ['nev.sales.World', 2030, 40347163.94929449, 36914480.09300774, 37544508.46433751, 40188090.07189162, 43371268.258856505, 44243851.37379669],
    ] as const;
    for (const [id, year, mean, p5, p10, p50, p90, p95] of pinned) {
      const s = statsAt(r, id, year)!;
      exact(s.mean, mean);
      exact(s.p5, p5);
      exact(s.p10, p10);
      exact(s.p50, p50);
      exact(s.p90, p90);
      exact(s.p95, p95);
    }
  });

  it('pins a plain Monte Carlo run of 777 trials (odd n, interpolated percentiles)', () => {
    const r = runSimulation({ model, params: PARAMS, values, iterations: 777, seed: 7, sampling: 'mc' });
    const s = statsAt(r, 'nev.share.China', 2040)!;
    exact(s.mean, 0.878034943433619);
    exact(s.p5, 0.822030913183067);
    exact(s.p50, 0.8729665404152436);
    exact(s.p95, 0.9560480628877687);
  });
});
