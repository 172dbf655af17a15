import { describe, expect, it } from 'vitest';
import { REFERENCE_DATA } from './fixtures/referenceData';
import { assertClose, isClose } from './fixtures/tolerance';
import { OUTPUTS } from './outputs';
import { defaultValues, PARAM_IDS, PARAMS } from './params';
import { calibrateHistory, chinaShareForCycleTime, compileModel, runModels } from './run';
import { scenarioValues } from './scenario';

const data = REFERENCE_DATA;
const base = runModels(defaultValues(), data);
const get = (result: typeof base, id: string) => {
  const s = result.series.find((x) => x.id === id);
  if (!s) throw new Error(`no series ${id}`);
  return s;
};
const at = (result: typeof base, id: string, year: number) => {
  const s = get(result, id);
  return s.values[s.years.indexOf(year)];
};

describe('runModels: NEV adoption', () => {
  it('covers 2015-2040 with every catalogued output', () => {
    expect(base.series.map((s) => s.id)).toEqual(OUTPUTS.map((o) => o.id));
    for (const s of base.series) {
      expect(s.years[0]).toBe(2015);
      expect(s.years[s.years.length - 1]).toBe(2040);
      expect(s.values.every(Number.isFinite), s.id).toBe(true);
    }
    expect(base.warnings).toEqual([]);
  });

  it('runs the @example: history years are the observed shares', () => {
    assertClose(at(base, 'nev.share.China', 2025), 0.53);
    assertClose(at(base, 'nev.share.Europe', 2020), 0.1);
    assertClose(at(base, 'nev.sales.China', 2024), 11_300_000, 1e-6);
  });

  it('projects towards the ceiling and sums the world', () => {
    const c2040 = at(base, 'nev.share.China', 2040);
    expect(c2040).toBeGreaterThan(0.8);
    expect(c2040).toBeLessThanOrEqual(0.85);
    for (const year of [2015, 2025, 2030, 2040]) {
      const sum = ['China', 'Europe', 'UnitedStates', 'RestOfWorld'].reduce((s, r) => s + at(base, `nev.sales.${r}`, year), 0);
      assertClose(at(base, 'nev.sales.World', year), sum);
    }
    // World 2030 within 10 % of IEA STEPS (GEVO 2024) 40.7 M.
    assertClose(at(base, 'nev.sales.World', 2030), 40_700_000, 0.1);
  });

  it("reports China's share of global NEV sales in both senses", () => {
    // 2024: IEA domestic 11.3 / world of the four regions; CPCA-like incl. CAAM exports 1.284 M.
    const world2024 = at(base, 'nev.sales.World', 2024);
    // 1e-6: sales are rebuilt as share x implied market, which IEA rounding leaves a few vehicles off.
    assertClose(at(base, 'nev.chinaShareOfGlobal.domestic', 2024), 11_300_000 / world2024, 1e-6);
    assertClose(at(base, 'nev.chinaShareOfGlobal.chinaMade', 2024), (11_300_000 + 1_284_000) / world2024, 1e-6);
    assertClose(at(base, 'nev.chinaShareOfGlobal.chinaMade', 2024), 0.704, 0.03); // CPCA 70.4 %
    assertClose(at(base, 'nev.chinaShareOfGlobal.domestic', 2024), 0.646, 0.03); // IEA/OWID 64.6 %
  });

  it('uses CAAM NEV exports where published and a documented ratio elsewhere', () => {
    assertClose(at(base, 'nev.chinaExports', 2025), 2_615_000);
    const foreign = (year: number) => at(base, 'nev.sales.World', year) - at(base, 'nev.sales.China', year);
    const ratio2021 = 310_000 / foreign(2021);
    assertClose(ratio2021, 0.0925, 0.01);
    // 1e-4: the ratio uses the CSV's EV sales, the outputs share x implied market (IEA rounding).
    assertClose(at(base, 'nev.chinaExports', 2018), ratio2021 * foreign(2018), 1e-4);
    assertClose(at(base, 'nev.chinaExports', 2030), 0.331 * foreign(2030), 1e-9);
  });

  it('moves with the levers: speed, ceiling, shock', () => {
    const fast = runModels({ ...defaultValues(), 'nev.speedMultiplier': 1.5 }, data);
    expect(at(fast, 'nev.share.Europe', 2030)).toBeGreaterThan(at(base, 'nev.share.Europe', 2030));
    const shock = runModels({ ...defaultValues(), 'nev.shock.year': 2032, 'nev.shock.sizePct': -20 }, data);
    assertClose(at(shock, 'nev.share.China', 2031), at(base, 'nev.share.China', 2031));
    assertClose(at(shock, 'nev.share.China', 2032), 0.8 * at(base, 'nev.share.China', 2032));
  });

  it('feeds a tariff-driven price rise back into the share (own-price elasticity)', () => {
    const tariff = runModels({ ...defaultValues(), 'exports.tariff.Europe': 1 }, data);
    expect(at(tariff, 'nev.share.Europe', 2030)).toBeLessThan(at(base, 'nev.share.Europe', 2030));
    const inelastic = runModels({ ...defaultValues(), 'exports.tariff.Europe': 1, 'nev.priceElasticity': 0 }, data);
    assertClose(at(inelastic, 'nev.share.Europe', 2030), at(base, 'nev.share.Europe', 2030));
  });

  it('returns the calibration with RMSE per region', () => {
    const china = base.calibration.find((c) => c.region === 'China')!;
    expect(china.model).toBe('bass');
    expect(china.rmsePp).toBeLessThanOrEqual(3);
    expect(Object.keys(china.params)).toEqual(['p', 'q', 'tau', 'm']);
  });
});

describe('runModels: exports', () => {
  const v = defaultValues();
  it('computes the landed cost by hand: e-drive, 2,000 USD local, 30 % cheaper, 6.6 % freight, duty', () => {
    const cn = 2000 * (1 - 0.3); // 1,400 USD
    assertClose(at(base, 'exports.landedCostUsd.edrive.Europe', 2030), cn * 1.066 * (1 + 0) * 1); // no EU component duty
    // North America 2030: Section 301 25 % + Section 232 25 % = 50 %
    assertClose(at(base, 'exports.tariffRate.edrive.NorthAmerica', 2030), 0.5);
    assertClose(at(base, 'exports.landedCostUsd.edrive.NorthAmerica', 2030), 1400 * 1.066 * 1.5); // 2,238.6 USD
    assertClose(1400 * 1.066 * 1.5, 2238.6, 1e-12);
  });

  it('gives the closed-form break-even tariff', () => {
    assertClose(at(base, 'exports.breakEvenTariff.sic.Europe', 2030), 1 / (0.7 * 1.066) - 1); // 34.0 %
    assertClose(at(base, 'exports.breakEvenTariff.sic.Europe', 2030), 0.3401, 1e-3);
  });

  it('blocks China ADAS to North America from model year 2027 (BIS rule)', () => {
    expect(at(base, 'exports.units.adas.NorthAmerica', 2026)).toBeGreaterThan(0);
    for (const year of [2027, 2030, 2040]) expect(at(base, 'exports.units.adas.NorthAmerica', year)).toBe(0);
    expect(at(base, 'exports.units.adas.Europe', 2030)).toBeGreaterThan(0);
  });

  it('keeps units within demand x sigma_max and within capacity, and values at FOB cost', () => {
    for (const year of [2020, 2030, 2040]) {
      const demand = at(base, 'nev.sales.Europe', year) * v['exports.content.battery'];
      expect(at(base, 'exports.units.battery.Europe', year)).toBeLessThanOrEqual(demand * v['exports.sigmaMax.Europe'] + 1e-6);
      const exported = ['Europe', 'NorthAmerica', 'RestOfWorld'].reduce((s, d) => s + at(base, `exports.units.battery.${d}`, year), 0);
      expect(exported).toBeLessThanOrEqual(v['exports.capacityHeadroom'] * at(base, 'nev.sales.China', year) + 1e-6);
      assertClose(at(base, 'exports.value.battery.Europe', year), at(base, 'exports.units.battery.Europe', year) * 9000 * 0.7);
    }
    const supply = at(base, 'exports.chinaSupplyShare.Europe', 2030);
    expect(supply).toBeGreaterThan(0);
    expect(supply).toBeLessThanOrEqual(v['exports.sigmaMax.Europe']);
  });

  it('sums the total value over products and destinations', () => {
    let total = 0;
    for (const k of ['edrive', 'adas', 'sbw', 'thermal', 'sic', 'battery'])
      for (const d of ['Europe', 'NorthAmerica', 'RestOfWorld']) total += at(base, `exports.value.${k}.${d}`, 2035);
    assertClose(at(base, 'exports.value.total', 2035), total);
  });

  it('lowers China supply under the fortress preset and raises it under accelerated', () => {
    const fortress = runModels(scenarioValues({ name: 'f', preset: 'fortress', overrides: {} }), data);
    const accelerated = runModels(scenarioValues({ name: 'a', preset: 'accelerated', overrides: {} }), data);
    expect(at(fortress, 'exports.value.total', 2035)).toBeLessThan(at(base, 'exports.value.total', 2035));
    expect(at(accelerated, 'exports.value.total', 2035)).toBeGreaterThan(at(base, 'exports.value.total', 2035));
  });
});

describe('runModels: R&D and expressions', () => {
  it('repeats the R&D scalars in every year and optimises within the caps', () => {
    const s = get(base, 'rnd.optimalChinaShare');
    expect(new Set(s.values).size).toBe(1);
    const x = s.values[0];
    expect(x).toBeGreaterThan(0);
    expect(x).toBeLessThanOrEqual(0.6);
    assertClose(at(base, 'rnd.cycleTimeMonths', 2030), 24 + 21 * Math.exp(-1.627 * x));
  });

  it('returns the frontier on its own grid, with the optimum at or above every feasible point', () => {
    expect(base.frontier.id).toBe('rnd.frontier.npv');
    expect(base.frontier.chinaShare).toHaveLength(21);
    assertClose(base.frontier.chinaShare[20], 1);
    const npv = at(base, 'rnd.npv', 2040);
    base.frontier.npvUsdM.forEach((v, i) => {
      if (base.frontier.feasible[i]) expect(v).toBeLessThanOrEqual(npv + 1e-6);
    });
    expect(base.frontier.feasible[20]).toBe(false); // above the 0.6 cap
  });

  it('appends expressions as expr.<id> series and reports bad ones as warnings', () => {
    const result = runModels(defaultValues(), data, {
      expressions: [
        { id: 'perEuNev', expr: 'exports.value.total / nev.sales.Europe', unit: 'USD per vehicle' },
        { id: 'ceil', expr: 'nev.ceiling.China * 100' },
        { id: 'bad', expr: 'constructor' },
      ],
    });
    const per = result.series.find((s) => s.id === 'expr.perEuNev')!;
    assertClose(per.values[15], at(base, 'exports.value.total', 2030) / at(base, 'nev.sales.Europe', 2030));
    const ceil = result.series.find((s) => s.id === 'expr.ceil')!;
    expect(ceil.values).toHaveLength(26);
    assertClose(ceil.values[0], 85);
    expect(result.warnings).toEqual(["expression 'bad': unknown symbol 'constructor'"]);
  });

  it('starts a run after the history at the right point of the curve', () => {
    const late = runModels(defaultValues(), data, { firstYear: 2030 });
    for (const year of [2030, 2035, 2040]) assertClose(at(late, 'nev.share.China', year), at(base, 'nev.share.China', year));
    const early = runModels(defaultValues(), data, { firstYear: 2010 });
    expect(at(early, 'nev.share.China', 2012)).toBeGreaterThanOrEqual(0);
    assertClose(at(early, 'nev.share.China', 2016), 0.015);
  });

  it('warns about unknown parameter ids', () => {
    expect(runModels({ ...defaultValues(), 'nev.ceilng.China': 1 }, data).warnings).toEqual(["ignored unknown parameter 'nev.ceilng.China'"]);
  });

  it('honours firstYear/lastYear and rejects a reversed range', () => {
    const short = runModels(defaultValues(), data, { firstYear: 2020, lastYear: 2030 });
    expect(short.series[0].years).toEqual([2020, 2021, 2022, 2023, 2024, 2025, 2026, 2027, 2028, 2029, 2030]);
    assertClose(at(short, 'nev.share.China', 2025), 0.53);
    expect(() => runModels(defaultValues(), data, { firstYear: 2030, lastYear: 2020 })).toThrow(/firstYear/);
  });
});

describe('compileModel', () => {
  const params = Float64Array.from(PARAM_IDS, (id) => defaultValues()[id]);

  it('runs the @example and matches runModels exactly for the default values', () => {
    const model = compileModel(data);
    expect(model.paramIds).toEqual(PARAM_IDS);
    const out = new Float64Array(model.outputIds.length * model.years.length);
    model.evaluate(params, out);
    const ny = model.years.length;
    model.outputIds.forEach((id, o) => {
      const series = get(base, id);
      series.values.forEach((v, y) => expect(isClose(out[o * ny + y], v, 1e-12, 1e-9), `${id} ${series.years[y]}`).toBe(true));
    });
  });

  it('writes a subset of outputs in the requested order, and repeated calls give the same numbers', () => {
    const model = compileModel(data, { outputIds: ['nev.share.China', 'rnd.npv'], lastYear: 2030 });
    expect(model.years).toHaveLength(16);
    const out = new Float64Array(32);
    model.evaluate(params, out);
    const first = Array.from(out);
    model.evaluate(params, out);
    expect(Array.from(out)).toEqual(first);
    assertClose(out[10], 0.53);
    // The NPV horizon is lastYear - 2025, so compare with a run over the same years.
    assertClose(out[16], at(runModels(defaultValues(), data, { lastYear: 2030 }), 'rnd.npv', 2030));
    expect(out[16]).toBeLessThan(at(base, 'rnd.npv', 2040));
  });

  it('scales the projection with a sampled ceiling without refitting', () => {
    const model = compileModel(data, { outputIds: ['nev.share.China'] });
    const out = new Float64Array(26);
    const high = Float64Array.from(params);
    high[PARAM_IDS.indexOf('nev.ceiling.China')] = 0.95;
    model.evaluate(high, out);
    assertClose(out[10], 0.53); // history untouched
    const plain = new Float64Array(26);
    model.evaluate(params, plain);
    assertClose(out[25] / plain[25], 0.95 / 0.85, 1e-9);
  });

  it('re-optimises R&D whenever any R&D parameter changes (memo of unchanged inputs)', () => {
    const model = compileModel(data, { outputIds: ['rnd.npv'] });
    const out = new Float64Array(26);
    model.evaluate(params, out);
    const reference = out[0];
    for (const meta of PARAMS.filter((m) => m.group === 'rnd')) {
      const changed = Float64Array.from(params);
      const i = PARAM_IDS.indexOf(meta.id);
      changed[i] = meta.default + (meta.max - meta.default > 1e-9 ? 0.5 : -0.5) * meta.step * 10;
      model.evaluate(changed, out);
      const expected = runModels(Object.fromEntries(PARAM_IDS.map((id, j) => [id, changed[j]])), data).series.find((x) => x.id === 'rnd.npv')!.values[0];
      expect(isClose(out[0], expected, 1e-12, 1e-9), meta.id).toBe(true);
      model.evaluate(params, out);
      assertClose(out[0], reference);
    }
  });

  it('rejects unknown outputs and wrong buffer sizes', () => {
    expect(() => compileModel(data, { outputIds: ['nev.share.Mars'] })).toThrow("unknown output id 'nev.share.Mars'");
    const model = compileModel(data, { outputIds: ['nev.share.China'] });
    expect(() => model.evaluate(new Float64Array(3), new Float64Array(26))).toThrow(/expected/);
    expect(() => model.evaluate(params, new Float64Array(2))).toThrow(/out needs/);
  });
});

describe('calibrateHistory and chinaShareForCycleTime', () => {
  it('runs the calibrateHistory @example', () => {
    const china = calibrateHistory(data.nevHistory, { through: 2025 }).find((c) => c.region === 'China')!;
    expect(china.rmsePp).toBeLessThanOrEqual(3);
    expect(china.n).toBe(11);
  });

  it('runs the chinaShareForCycleTime @example: 36 months', () => {
    const goal = chinaShareForCycleTime(36, defaultValues());
    expect(goal.ok).toBe(true);
    if (goal.ok) {
      assertClose(goal.chinaShare, -Math.log((36 - 24) / 21) / 1.627);
      assertClose(goal.cycleTimeMonths, 36);
    }
  });

  it('says when a target is not reachable within the caps or below the floor', () => {
    const capped = chinaShareForCycleTime(26, defaultValues());
    expect(capped.ok).toBe(false);
    if (!capped.ok) {
      expect(capped.reason).toMatch(/^not reachable within caps/);
      assertClose(capped.bestChinaShare, 0.6);
    }
    const floor = chinaShareForCycleTime(20, defaultValues());
    expect(!floor.ok && floor.reason).toMatch(/floor T_min is 24/);
    const easy = chinaShareForCycleTime(50, defaultValues());
    expect(easy.ok && easy.chinaShare).toBe(0);
  });
});
