/**
 * Bit-for-bit guard of the kernel: every output of several hundred scenarios (random parameter vectors inside
 * the registry ranges, the presets, tariff and shock edge cases), through the full, a partial and a shifted
 * output layout, and evaluated one after another on the same compiled models (so state kept between runs is
 * covered), hashed to SHA-256, the R&D rows apart from the others. Both hashes were pinned on the kernel of
 * commit 6a60012 before any speed-up: a faster kernel must give the same doubles, not merely close ones
 * (golden.test.ts pins the simulator). The R&D hash was re-pinned once, for the R&D optimiser of commit
 * e557ae4 (optimum to 1e-13 instead of 1e-5): over these 400 scenarios the China share moved by at most
 * 1.8e-4 relative (median 0, 99th percentile 4.3e-5), the NPV by at most 1.4e-7; every other row is unchanged.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { REFERENCE_DATA as data } from '../../tests/helpers/referenceData';
import { scenarioProblems } from './constraints';
import { OUTPUTS } from './outputs';
import { defaultValues, PARAM_IDS, PARAMS } from './params';
import { PRESETS } from './presets';
import { compileModel } from './run';
import { createRng } from './sim/rng';

/** Scenarios in a fixed order: defaults, presets, edge cases, then random vectors inside the ranges. */
function scenarios(): Record<string, number>[] {
  const list: Record<string, number>[] = [defaultValues()];
  for (const preset of PRESETS) list.push({ ...defaultValues(), ...preset.overrides });
  const edge = (over: Record<string, number>) => list.push({ ...defaultValues(), ...over });
  edge({ 'nev.priceElasticity': 0 });
  edge({ 'exports.tariff.Europe': 0.5, 'exports.tariff.NorthAmerica': 1.5, 'exports.vehicleTariff.RestOfWorld': 0.3 });
  edge({ 'exports.vehicleTariff.Europe': -0.5, 'exports.vehicleTariff.NorthAmerica': -2 });
  edge({ 'nev.shock.sizePct': -60, 'nev.shock.year': 2031 });
  edge({ 'nev.shock.sizePct': 40, 'nev.shock.year': 2026, 'nev.ceiling.China': 0.4 });
  edge({ 'exports.passThrough': 0, 'exports.exporterMargin': 0 });
  edge({ 'exports.adasBanYear.NorthAmerica': 2032.5 });
  const rng = createRng(20261130);
  while (list.length < 400) {
    const values: Record<string, number> = {};
    // Half the vectors move every parameter, half a few (closer to slider use).
    const all = rng.next() < 0.5;
    for (const p of PARAMS) values[p.id] = all || rng.next() < 0.15 ? p.min + rng.next() * (p.max - p.min) : p.default;
    if (scenarioProblems(values).length === 0) list.push(values);
  }
  return list;
}

/** SHA-256 over the output bits (NaNs canonicalised): one hash for the R&D rows, one for every other row. */
function fingerprint(): { rnd: string; other: string } {
  const rnd = createHash('sha256'),
    other = createHash('sha256');
  const layouts = [
    compileModel(data),
    compileModel(data, {
      outputIds: [
        'nev.share.Europe',
        'exports.value.total',
        'exports.chinaSupplyShare.Europe',
        'rnd.npv',
        'nev.chinaShareOfGlobal.chinaMade',
      ],
    }),
    compileModel(data, { outputIds: OUTPUTS.map((o) => o.id).reverse(), firstYear: 2020, lastYear: 2045 }),
  ];
  const outs = layouts.map((m) => new Float64Array(m.outputIds.length * m.years.length));
  for (const values of scenarios()) {
    const params = Float64Array.from(PARAM_IDS, (id) => values[id]);
    layouts.forEach((m, i) => {
      m.evaluate(params, outs[i]);
      const ny = m.years.length;
      m.outputIds.forEach((id, o) => {
        const row = Float64Array.from(outs[i].subarray(o * ny, (o + 1) * ny), (v) => (Number.isNaN(v) ? NaN : v));
        (id.startsWith('rnd.') ? rnd : other).update(new Uint8Array(row.buffer));
      });
    });
  }
  return { rnd: rnd.digest('hex'), other: other.digest('hex') };
}

describe('kernel fingerprint', () => {
  it('gives the same doubles as the kernel of commit 6a60012 for 400 scenarios in three output layouts', () => {
    const { rnd, other } = fingerprint();
    expect(other).toBe('1ebaa6b0ab116eb18710a8272b39e1b74849b2209ed48a179878bdd618a9e0aa');
    expect(rnd).toBe('34832ceb54f798793cafcc1e47604603d91637a1f45fbebac05f01e74ef572df');
  });

  it('keeps the invariants it declares (fixed history years, cells that repeat the year before) in every scenario', () => {
    for (const m of [
      compileModel(data),
      compileModel(data, { outputIds: OUTPUTS.map((o) => o.id).reverse(), firstYear: 2020, lastYear: 2045 }),
    ]) {
      const ny = m.years.length;
      const { fixedYears, sameAsPreviousYear } = m.invariants!;
      expect(fixedYears).toBe(m.years.indexOf(2025) + 1);
      // Most repeating cells are the R&D rows, break-even tariffs and flat tariff schedules.
      expect(sameAsPreviousYear.reduce((a, b) => a + b, 0)).toBeGreaterThan(500);
      const reference = new Float64Array(m.outputIds.length * ny);
      m.evaluate(
        Float64Array.from(PARAM_IDS, (id) => defaultValues()[id]),
        reference,
      );
      const out = new Float64Array(reference.length);
      // Broken invariants are collected and compared once (an expect per cell cost ~6 s of the suite's CPU).
      const broken: string[] = [];
      for (const values of scenarios().slice(0, 120)) {
        m.evaluate(
          Float64Array.from(PARAM_IDS, (id) => values[id]),
          out,
        );
        for (let o = 0; o < m.outputIds.length; o++)
          for (let y = 0; y < ny; y++) {
            const cell = o * ny + y;
            if (y < fixedYears && !Object.is(out[cell], reference[cell])) broken.push(`${m.outputIds[o]} ${m.years[y]} fixed`);
            if (sameAsPreviousYear[cell] && !Object.is(out[cell], out[cell - 1])) broken.push(`${m.outputIds[o]} ${m.years[y]} repeats`);
          }
      }
      expect(broken).toEqual([]);
    }
  });
});
