/**
 * Properties of the model over random scenarios (fast-check): what an analyst holds the model to, whatever the
 * slider settings. Each property draws full parameter vectors inside the registry ranges.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REFERENCE_DATA as data } from '../../tests/helpers/referenceData';
import { scenarioProblems } from './constraints';
import { DESTINATIONS, PRODUCTS, REGIONS } from './ids';
import { OUTPUTS } from './outputs';
import { defaultValues, PARAM_IDS, PARAMS } from './params';
import { compileModel, runModels } from './run';
import { baseVector, stochasticInputs } from './sim/inputs';
import { breakEvenTariff, landedPriceUsd, sourcingTarget } from './trade';

const model = compileModel(data);
const ny = model.years.length;
const BASE_INDEX = model.years.indexOf(2025);
const row = (id: string) => model.outputIds.indexOf(id);
const evaluate = (values: Record<string, number>) => {
  const out = new Float64Array(model.outputIds.length * ny);
  model.evaluate(
    Float64Array.from(PARAM_IDS, (id) => values[id]),
    out,
  );
  return out;
};
const at = (out: Float64Array, id: string, year: number) => out[row(id) * ny + model.years.indexOf(year)];
const PROJECTION = model.years.filter((y) => y > 2025);
/** Largest observed annual change of the share per region (the speed limit). */
const MAX_STEP = [0.13, 0.07, 0.027, 0.0206];
const LAST_SHARE = [0.53, 0.28, 0.1, 0.0713];

/** A scenario: every parameter drawn inside its range (steps ignored), kept only when it can be computed. */
const scenario = fc
  .tuple(...PARAMS.map((p) => fc.double({ min: p.min, max: p.max, noNaN: true })))
  .map((xs) => Object.fromEntries(PARAMS.map((p, i) => [p.id, xs[i]])) as Record<string, number>)
  .filter((values) => scenarioProblems(values).length === 0);
/** A scenario that moves only some parameters away from the defaults (closer to how people use sliders). */
const partial = fc
  .array(fc.integer({ min: 0, max: PARAMS.length - 1 }), { maxLength: 8 })
  .chain((picked) =>
    fc.tuple(fc.constant(picked), fc.tuple(...picked.map((i) => fc.double({ min: PARAMS[i].min, max: PARAMS[i].max, noNaN: true })))),
  )
  .map(([picked, xs]) => {
    const values = defaultValues();
    picked.forEach((i, k) => (values[PARAMS[i].id] = xs[k]));
    return values;
  })
  .filter((values) => scenarioProblems(values).length === 0);
const anyScenario = fc.oneof(scenario, partial);

describe('model properties over random scenarios', () => {
  it('keeps every history year identical across scenarios (observed data and the reference backcast)', () => {
    const reference = evaluate(defaultValues());
    fc.assert(
      fc.property(anyScenario, (values) => {
        const out = evaluate(values);
        for (let o = 0; o < model.outputIds.length; o++)
          for (let y = 0; y <= BASE_INDEX; y++) if (!Object.is(out[o * ny + y], reference[o * ny + y])) return false;
        return true;
      }),
      { numRuns: 60 },
    );
  });

  it('continues from the last observation: no projected annual change exceeds the largest observed one', () => {
    fc.assert(
      fc.property(anyScenario, (values) => {
        const out = evaluate(values);
        return REGIONS.every((r, ri) => {
          let previous = at(out, `nev.share.${r.key}`, 2025);
          return PROJECTION.every((year) => {
            const share = at(out, `nev.share.${r.key}`, year);
            const ok = Math.abs(share - previous) <= MAX_STEP[ri] + 1e-12 && share >= 0 && share <= 1;
            previous = share;
            return ok;
          });
        });
      }),
      { numRuns: 80 },
    );
  });

  it('keeps shares between the last observation and the ceiling (no shock, no price feedback)', () => {
    // The dated schedule still moves after 2025 (Section 232 parts for a full year): with the elasticity at 0 the
    // effective ceiling is the scenario's own.
    const calm = anyScenario.map(
      (v): Record<string, number> => ({
        ...v,
        'nev.shock.sizePct': 0,
        'nev.priceElasticity': 0,
        ...Object.fromEntries(
          DESTINATIONS.flatMap((d) => [
            [`exports.tariff.${d.key}`, 0],
            [`exports.vehicleTariff.${d.key}`, 0],
          ]),
        ),
      }),
    );
    fc.assert(
      fc.property(calm, (values) => {
        const out = evaluate(values);
        return REGIONS.every((r, ri) => {
          const m = values[`nev.ceiling.${r.key}`];
          return PROJECTION.every((year) => {
            const s = at(out, `nev.share.${r.key}`, year);
            return LAST_SHARE[ri] <= m ? s <= m + 1e-12 && s >= 0 : s >= m - 1e-12 && s <= LAST_SHARE[ri] + 1e-12;
          });
        });
      }),
      { numRuns: 60 },
    );
  });

  it('never raises exports to a destination, nor its NEV share, when its component tariff rises', () => {
    const cases = fc.tuple(
      anyScenario,
      fc.integer({ min: 0, max: DESTINATIONS.length - 1 }),
      fc.double({ min: 0.01, max: 1, noNaN: true }),
    );
    fc.assert(
      fc.property(cases, ([values, d, delta]) => {
        const key = `exports.tariff.${DESTINATIONS[d].key}`;
        if (values[key] + delta > 2) return true;
        const low = evaluate(values);
        const high = evaluate({ ...values, [key]: values[key] + delta });
        const tol = (x: number) => 1e-9 * Math.abs(x) + 1e-9;
        const region = REGIONS[DESTINATIONS[d].region].key;
        return PROJECTION.every((year) => {
          for (const k of PRODUCTS)
            for (const what of ['units', 'value'])
              if (
                at(high, `exports.${what}.${k.key}.${DESTINATIONS[d].key}`, year) >
                at(low, `exports.${what}.${k.key}.${DESTINATIONS[d].key}`, year) +
                  tol(at(low, `exports.${what}.${k.key}.${DESTINATIONS[d].key}`, year))
              )
                return false;
          return at(high, `nev.share.${region}`, year) <= at(low, `nev.share.${region}`, year) * (1 + 1e-9) + 1e-12;
        });
      }),
      { numRuns: 60 },
    );
  });

  it('gives the same numbers whatever the first display year', () => {
    fc.assert(
      fc.property(anyScenario, fc.integer({ min: 2015, max: 2039 }), (values, first) => {
        const ids = ['nev.share.Europe', 'nev.chinaExports', 'exports.value.total', 'rnd.npv', 'exports.units.battery.RestOfWorld'];
        const narrow = compileModel(data, { outputIds: ids, firstYear: first });
        const out = new Float64Array(ids.length * narrow.years.length);
        narrow.evaluate(
          Float64Array.from(PARAM_IDS, (id) => values[id]),
          out,
        );
        const full = evaluate(values);
        return ids.every((id, o) => narrow.years.every((year, y) => Object.is(out[o * narrow.years.length + y], at(full, id, year))));
      }),
      { numRuns: 25 },
    );
  });

  it('a Monte Carlo trial with every sampled input at its scenario value is the deterministic run', () => {
    fc.assert(
      fc.property(anyScenario, (values) => {
        // The simulation's own path: the scenario vector, each sampled input written into its slot.
        const trial = baseVector(model, PARAMS, values);
        for (const input of stochasticInputs(model, PARAMS, trial)) trial[input.index] = values[input.id];
        const out = new Float64Array(model.outputIds.length * ny);
        model.evaluate(trial, out);
        const run = runModels(values, data);
        return OUTPUTS.every((o, r) =>
          run.series[r].values.every((v, y) => Object.is(v, out[r * ny + y]) || Math.abs(v - out[r * ny + y]) <= 1e-12 * Math.abs(v)),
        );
      }),
      { numRuns: 25 },
    );
  });

  it('flips the sourcing decision at the break-even tariff, as the kernel reports it', () => {
    const inputs = fc.record({
      local: fc.double({ min: 100, max: 20000, noNaN: true }),
      advantage: fc.double({ min: 0, max: 0.6, noNaN: true }),
      freight: fc.double({ min: 0, max: 0.3, noNaN: true }),
      margin: fc.double({ min: 0, max: 0.6, noNaN: true }),
      passThrough: fc.double({ min: 0.01, max: 1, noNaN: true }),
      sigmaMax: fc.double({ min: 0.05, max: 1, noNaN: true }),
      beta: fc.double({ min: 0.5, max: 20, noNaN: true }),
    });
    fc.assert(
      fc.property(inputs, ({ local, advantage, freight, margin, passThrough, sigmaMax, beta }) => {
        const tau = breakEvenTariff(1 / ((1 - advantage) * (1 + freight)), margin, passThrough);
        const eps = 1e-6;
        const target = (t: number) =>
          sourcingTarget(local, landedPriceUsd(local, advantage, 1, freight, t, margin, passThrough), sigmaMax, beta);
        return target(tau - eps) > sigmaMax / 2 && target(tau + eps) < sigmaMax / 2;
      }),
      { numRuns: 300 },
    );
    const values = { ...defaultValues(), 'exports.costAdvantage': 0.25, 'exports.passThrough': 0.8, 'exports.exporterMargin': 0.2 };
    const out = evaluate(values);
    expect(at(out, 'exports.breakEvenTariff.battery.Europe', 2030)).toBeCloseTo(breakEvenTariff(1 / (0.75 * 1.066), 0.2, 0.8), 12);
  });
});
