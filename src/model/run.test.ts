import { describe, expect, it } from 'vitest';
import { REFERENCE_DATA } from '../../tests/helpers/referenceData';
import { assertClose } from '../../tests/helpers/tolerance';
import { OUTPUTS } from './outputs';
import { defaultValues, PARAM_IDS } from './params';
import { PRESETS } from './presets';
import { calibrateHistory, chinaShareForCycleTime, compileModel, runModels, type ModelResult } from './run';
import { breakEvenTariff, landedPriceUsd, sourcingTarget } from './trade';

const data = REFERENCE_DATA;
const base = runModels(defaultValues(), data);
const get = (result: ModelResult, id: string) => {
  const s = result.series.find((x) => x.id === id);
  if (!s) throw new Error(`no series ${id}`);
  return s;
};
const at = (result: ModelResult, id: string, year: number) => {
  const s = get(result, id);
  return s.values[s.years.indexOf(year)];
};
const REGION_KEYS = ['China', 'Europe', 'UnitedStates', 'RestOfWorld'];
/** Largest observed annual change of the share, 2015-2025, per region (nev_sales_by_region.csv). */
const MAX_STEP: Record<string, number> = { China: 0.13, Europe: 0.07, UnitedStates: 0.027, RestOfWorld: 0.0206 };

describe('runModels: NEV adoption', () => {
  it('covers 2015-2040 with every catalogued output; history years of the NEV block are the data', () => {
    expect(base.series.map((s) => s.id)).toEqual(OUTPUTS.map((o) => o.id));
    expect(base.baseYear).toBe(2025);
    for (const s of base.series) {
      expect(s.years[0]).toBe(2015);
      expect(s.years[s.years.length - 1]).toBe(2040);
      // Only the R&D decision has no value in history years; every other output is defined everywhere.
      const defined = s.values.map(Number.isFinite);
      if (s.id.startsWith('rnd.')) expect(defined, s.id).toEqual(s.years.map((y) => y > 2025));
      else if (!s.id.startsWith('exports.breakEvenTariff.adas.NorthAmerica')) expect(defined.every(Boolean), s.id).toBe(true);
    }
    assertClose(at(base, 'nev.share.China', 2025), 0.53);
    assertClose(at(base, 'nev.share.Europe', 2020), 0.1);
    assertClose(at(base, 'nev.sales.China', 2024), 11_300_000, 1e-6);
    expect(base.warnings.filter((w) => w.startsWith('nev'))).toEqual([]);
  });

  it('continues from the last observation: the first projected step is within the largest observed step', () => {
    for (const r of REGION_KEYS) {
      const step = at(base, `nev.share.${r}`, 2026) - at(base, `nev.share.${r}`, 2025);
      expect(Math.abs(step), r).toBeLessThanOrEqual(MAX_STEP[r] + 1e-12);
    }
    // China continues 2024 -> 2025 (+5 pp) with a fading momentum: +5.0 pp in 2026, by hand:
    // d = 0.8 x 0.05 + 0.2 x kappa x 0.53 (1 - 0.53 / 0.85), kappa = 0.052 / (0.53 (1 - 0.53 / 0.85)) -> d = 0.04 + 0.2 x 0.052.
    assertClose(at(base, 'nev.share.China', 2026), 0.53 + 0.8 * 0.05 + 0.2 * 0.052, 1e-9);
  });

  it('saturates at the ceiling and sums the world', () => {
    expect(at(base, 'nev.share.China', 2040)).toBeLessThanOrEqual(0.85 + 1e-12);
    assertClose(at(base, 'nev.share.China', 2040), 0.85, 1e-6);
    for (const year of [2015, 2025, 2030, 2040]) {
      const sum = REGION_KEYS.reduce((s, r) => s + at(base, `nev.sales.${r}`, year), 0);
      assertClose(at(base, 'nev.sales.World', year), sum);
    }
  });

  it("reports China's share of global NEV sales in both senses", () => {
    const world2024 = at(base, 'nev.sales.World', 2024);
    assertClose(at(base, 'nev.chinaShareOfGlobal.domestic', 2024), 11_300_000 / world2024, 1e-6);
    assertClose(at(base, 'nev.chinaShareOfGlobal.chinaMade', 2024), (11_300_000 + 1_284_000) / world2024, 1e-6);
    assertClose(at(base, 'nev.chinaShareOfGlobal.chinaMade', 2024), 0.704, 0.03); // CPCA 70.4 %
    assertClose(at(base, 'nev.chinaShareOfGlobal.domestic', 2024), 0.646, 0.03); // IEA/OWID 64.6 %
  });

  it('uses CAAM NEV exports where published and the first published ratio before', () => {
    for (const [year, units] of [
      [2021, 310_000],
      [2023, 1_203_000],
      [2025, 2_615_000],
    ] as const)
      assertClose(at(base, 'nev.chinaExports', year), units);
    const foreign = (year: number) => at(base, 'nev.sales.World', year) - at(base, 'nev.sales.China', year);
    const ratio2021 = 310_000 / foreign(2021);
    assertClose(at(base, 'nev.chinaExports', 2018), ratio2021 * foreign(2018), 1e-9);
  });

  it('moves only the projection with the levers: speed, ceiling, shock on the ceiling', () => {
    const fast = runModels({ ...defaultValues(), 'nev.speedMultiplier': 1.5 }, data);
    expect(at(fast, 'nev.share.Europe', 2030)).toBeGreaterThan(at(base, 'nev.share.Europe', 2030));
    const high = runModels({ ...defaultValues(), 'nev.ceiling.UnitedStates': 0.95 }, data);
    expect(at(high, 'nev.share.UnitedStates', 2035)).toBeGreaterThan(at(base, 'nev.share.UnitedStates', 2035));
    const shock = runModels({ ...defaultValues(), 'nev.shock.year': 2032, 'nev.shock.sizePct': -50 }, data);
    assertClose(at(shock, 'nev.share.China', 2031), at(base, 'nev.share.China', 2031));
    const drop = at(shock, 'nev.share.China', 2031) - at(shock, 'nev.share.China', 2032);
    expect(drop).toBeGreaterThan(0); // falls towards the halved ceiling...
    expect(drop).toBeLessThanOrEqual(MAX_STEP.China + 1e-12); // ...within the speed limit, no jump
    for (const run of [fast, high, shock])
      for (const s of run.series)
        for (let y = 0; y <= 10; y++) expect(s.values[y], `${s.id} ${s.years[y]}`).toEqual(get(base, s.id).values[y]);
  });

  it('bends down gradually towards a ceiling below the last observed share and says so', () => {
    const low = runModels({ ...defaultValues(), 'nev.ceiling.China': 0.3 }, data);
    const path = get(low, 'nev.share.China').values.slice(10);
    for (let i = 1; i < path.length; i++) {
      expect(path[i]).toBeLessThanOrEqual(path[i - 1] + 1e-12);
      expect(path[i - 1] - path[i]).toBeLessThanOrEqual(MAX_STEP.China + 1e-12);
      expect(path[i]).toBeGreaterThanOrEqual(0.3 - 1e-12);
    }
    expect(path[path.length - 1]).toBeLessThan(0.4);
    expect(low.warnings.some((w) => /China ceiling 30 % is below the last observed share 53.0 % \(2025\)/.test(w))).toBe(true);
  });

  it('feeds a tariff-driven price rise back into the share (own-price elasticity on the ceiling)', () => {
    const tariff = runModels({ ...defaultValues(), 'exports.tariff.Europe': 1 }, data);
    expect(at(tariff, 'nev.share.Europe', 2030)).toBeLessThan(at(base, 'nev.share.Europe', 2030));
    const inelastic = runModels({ ...defaultValues(), 'exports.tariff.Europe': 1, 'nev.priceElasticity': 0 }, data);
    assertClose(at(inelastic, 'nev.share.Europe', 2030), at(base, 'nev.share.Europe', 2030));
  });

  it('returns the calibration per region with the data-only estimates', () => {
    const china = base.calibration.find((c) => c.region === 'China')!;
    expect(china.model).toBe('damped-pace logistic');
    assertClose(china.params.maxStep, 0.13);
    assertClose(china.params.meanStep, 0.052);
    assertClose(china.params.lastStep, 0.05);
    expect(china.atBound).toEqual([]);
    expect(china.rmsePp).toBeLessThan(5);
  });
});

describe('runModels: exports', () => {
  const v = defaultValues();
  it('prices a China e-drive by hand: 2,000 USD local, 30 % cheaper, 6.6 % freight, 6.3 % margin, duty', () => {
    const cost = 2000 * 0.7 * 1.066;
    assertClose(at(base, 'exports.landedCostUsd.edrive.Europe', 2030), cost * 1.063); // no EU component duty
    // North America 2030: Section 301 25 % + Section 232 25 % = 50 %; the 6.3 % margin cannot absorb half of it,
    // so the exporter passes the whole duty on at cost: 1,400 x 1.066 x 1.5 = 2,238.6 USD.
    assertClose(at(base, 'exports.tariffRate.edrive.NorthAmerica', 2030), 0.5);
    assertClose(at(base, 'exports.landedCostUsd.edrive.NorthAmerica', 2030), 2238.6, 1e-12);
    assertClose(landedPriceUsd(2000, 0.3, 1, 0.066, 0.5, 0.063, 0.5), 2238.6, 1e-12);
  });

  it('puts the break-even tariff where the sourcing rule flips', () => {
    const tau = at(base, 'exports.breakEvenTariff.sic.Europe', 2030);
    assertClose(tau, breakEvenTariff(1 / (0.7 * 1.066), 0.063, 0.5));
    assertClose(tau, 1 / (0.7 * 1.066) - 1); // 34.0 %: the margin is used up before the duty closes the gap
    for (const eps of [1e-6, 1e-3]) {
      const below = sourcingTarget(1200, landedPriceUsd(1200, 0.3, 1, 0.066, tau - eps, 0.063, 0.5), 0.6, 5.6);
      const above = sourcingTarget(1200, landedPriceUsd(1200, 0.3, 1, 0.066, tau + eps, 0.063, 0.5), 0.6, 5.6);
      expect(below).toBeGreaterThan(0.3);
      expect(above).toBeLessThan(0.3);
    }
  });

  it('never sells below cost: FOB value per unit at least the China cost, even at 200 % duty and no pass-through', () => {
    const harsh = runModels({ ...defaultValues(), 'exports.tariff.Europe': 2, 'exports.passThrough': 0 }, data);
    for (const year of [2026, 2030, 2040]) {
      const units = at(harsh, 'exports.units.edrive.Europe', year);
      expect(at(harsh, 'exports.value.edrive.Europe', year) / units).toBeGreaterThanOrEqual(2000 * 0.7 - 1e-9);
    }
    // The duty is then passed on at cost: Europe e-drive exports collapse instead of staying unchanged.
    expect(at(harsh, 'exports.units.edrive.Europe', 2035)).toBeLessThan(0.2 * at(base, 'exports.units.edrive.Europe', 2035));
  });

  it('blocks China ADAS to North America from model year 2027 (BIS rule)', () => {
    expect(at(base, 'exports.units.adas.NorthAmerica', 2026)).toBeGreaterThan(0);
    for (const year of [2027, 2030, 2040]) {
      expect(at(base, 'exports.units.adas.NorthAmerica', year)).toBe(0);
      expect(at(base, 'exports.breakEvenTariff.adas.NorthAmerica', year)).toBeNaN();
    }
    expect(at(base, 'exports.units.adas.Europe', 2030)).toBeGreaterThan(0);
  });

  it('counts component demand only on NEVs not imported from China (no double counting)', () => {
    for (const year of [2020, 2030, 2040]) {
      const built = at(base, 'nev.sales.Europe', year) - at(base, 'exports.vehicles.units.Europe', year);
      expect(at(base, 'exports.units.battery.Europe', year)).toBeLessThanOrEqual(
        built * v['exports.content.battery'] * v['exports.sigmaMax.Europe'] + 1e-6,
      );
      const exported = ['Europe', 'NorthAmerica', 'RestOfWorld'].reduce((s, d) => s + at(base, `exports.units.battery.${d}`, year), 0);
      const production = at(base, 'nev.sales.China', year) + at(base, 'nev.chinaExports', year);
      expect(exported).toBeLessThanOrEqual(v['exports.capacityHeadroom'] * production + 1e-6);
    }
  });

  it('ties the Europe vehicle exports to the EU import figures of 2023 and moves them with the vehicle tariff', () => {
    // EU27 EV imports from China 2023: 11.5 bn USD at the unit value of EU car imports from China
    // (12.9 bn EUR x 1.08 / 706,976 cars) = 583,500 EVs = 23.8 % of EU27 NEV sales (2.45 M), applied to Europe.
    const share2023 = 11.5e9 / ((12.9e9 * 1.08) / 706_976) / 2_450_000;
    assertClose(at(base, 'exports.vehicles.units.Europe', 2023) / at(base, 'nev.sales.Europe', 2023), share2023, 1e-9);
    const wall = runModels({ ...defaultValues(), 'exports.vehicleTariff.Europe': 0.25 }, data);
    const ratio = (r: ModelResult) => at(r, 'exports.vehicles.units.Europe', 2030) / at(r, 'nev.sales.Europe', 2030);
    assertClose(ratio(wall) / ratio(base), Math.exp(-1.25 * 0.25), 1e-9);
    expect(at(wall, 'nev.chinaExports', 2030)).toBeLessThan(at(base, 'nev.chinaExports', 2030));
    const fortress = runModels({ ...defaultValues(), ...PRESETS.find((p) => p.id === 'fortress')!.overrides }, data);
    expect(at(fortress, 'nev.chinaExports', 2030)).toBeLessThan(at(base, 'nev.chinaExports', 2030));
  });

  it('differentiates the product lines (launch years, content, tariff lines, the ADAS ban)', () => {
    // e-drive, ADAS and thermal modules into Europe share one unit curve: the data has no figure that tells their
    // sourcing apart (docs/models.md, "Known limits"); their values differ by unit price.
    const lines = ['edrive', 'sbw', 'sic', 'battery'].map((k) => get(base, `exports.units.${k}.Europe`).values.join());
    expect(new Set(lines).size).toBe(4);
    expect(get(base, 'exports.units.adas.NorthAmerica').values.join()).not.toBe(
      get(base, 'exports.units.edrive.NorthAmerica').values.join(),
    );
    expect(at(base, 'exports.value.adas.Europe', 2030)).not.toBe(at(base, 'exports.value.edrive.Europe', 2030));
    expect(at(base, 'exports.units.battery.Europe', 2020)).toBeGreaterThan(0);
    expect(at(base, 'exports.units.edrive.Europe', 2020)).toBe(0); // launched in 2025 (suppliers.csv claims)
    // Section 301: Li-ion EV batteries 7.5 % until 2024-09-27 (then 25 %), other parts 25 % since 2018.
    assertClose(at(base, 'exports.tariffRate.battery.NorthAmerica', 2023), 0.075);
    assertClose(at(base, 'exports.tariffRate.edrive.NorthAmerica', 2023), 0.25);
  });
});

describe('runModels: R&D and expressions', () => {
  it('writes the R&D decision in projection years only and scales the NPV with the budget', () => {
    expect(at(base, 'rnd.npv', 2025)).toBeNaN();
    const npv = at(base, 'rnd.npv', 2030);
    expect(npv).toBeGreaterThan(0);
    const double = runModels({ ...defaultValues(), 'rnd.budgetUsdM': 1360 }, data);
    assertClose(at(double, 'rnd.npv', 2030), 2 * npv, 1e-9);
    assertClose(at(double, 'rnd.optimalChinaShare', 2030), at(base, 'rnd.optimalChinaShare', 2030), 1e-9);
    expect(at(base, 'rnd.optimalChinaShare', 2030)).toBeLessThanOrEqual(0.6 + 1e-12);
    expect(base.frontier.optimum).toBe(at(base, 'rnd.optimalChinaShare', 2030));
    expect(base.frontier.cap).toBe(0.6);
  });

  it('refuses caps that cannot place the budget, naming the parameters', () => {
    expect(() => runModels({ ...defaultValues(), 'rnd.cap.China': 0.1, 'rnd.cap.EU': 0.1 }, data)).toThrow(
      'rnd.cap.China + rnd.cap.EU + rnd.cap.US + rnd.cap.India = 90 % < 100 %',
    );
    expect(() =>
      runModels({ ...defaultValues(), 'rnd.cap.China': 0.2, 'rnd.weight.EU': 0, 'rnd.weight.US': 0, 'rnd.weight.India': 0 }, data),
    ).toThrow(/rnd\.weight\.EU, rnd\.weight\.US, rnd\.weight\.India = 0/);
  });

  it('appends expressions as expr.<id> series and warns about non-finite years with the years', () => {
    const r = runModels(defaultValues(), data, {
      expressions: [
        { id: 'exportsPerNev', expr: 'exports.value.total / nev.sales.Europe', unit: 'USD per vehicle' },
        { id: 'gap', expr: '1 / (nev.share.China - nev.share.China)' },
        { id: 'bad', expr: 'nev.share.Chna * 2' },
      ],
    });
    const s = get(r, 'expr.exportsPerNev');
    assertClose(s.values[15], at(r, 'exports.value.total', 2030) / at(r, 'nev.sales.Europe', 2030));
    expect(r.warnings).toContain("expression 'gap' is infinite (division by zero?) in 2015-2040");
    expect(r.warnings.some((w) => w.startsWith("expression 'bad'"))).toBe(true);
    expect(r.series.some((x) => x.id === 'expr.bad')).toBe(false);
  });

  it('warns about unknown parameter ids', () => {
    const r = runModels({ ...defaultValues(), 'nev.nope': 1 }, data);
    expect(r.warnings).toContain("ignored unknown parameter 'nev.nope'");
  });
});

describe('compileModel: the same function as runModels', () => {
  it('equals runModels exactly for every preset and for changed ceilings', () => {
    const model = compileModel(data);
    const out = new Float64Array(model.outputIds.length * model.years.length);
    const scenarios = [
      ...PRESETS.map((p) => ({ ...defaultValues(), ...p.overrides })),
      { ...defaultValues(), 'nev.ceiling.China': 0.3, 'nev.ceiling.Europe': 1, 'nev.speedMultiplier': 2.5 },
    ];
    for (const values of scenarios) {
      const run = runModels(values, data);
      model.evaluate(
        Float64Array.from(PARAM_IDS, (id) => values[id]),
        out,
      );
      run.series.slice(0, OUTPUTS.length).forEach((s, o) => {
        for (let y = 0; y < s.years.length; y++)
          expect(Object.is(out[o * s.years.length + y], s.values[y]), `${s.id} ${s.years[y]}`).toBe(true);
      });
    }
  });

  it('gives the same numbers whatever the display range', () => {
    const ids = ['nev.share.Europe', 'exports.value.total', 'nev.chinaExports'];
    const values: Record<string, number> = { ...defaultValues(), 'exports.tariff.Europe': 0.3 };
    const params = Float64Array.from(PARAM_IDS, (id) => values[id]);
    const wide = compileModel(data, { outputIds: ids });
    const narrow = compileModel(data, { outputIds: ids, firstYear: 2025, lastYear: 2035 });
    const a = new Float64Array(ids.length * wide.years.length);
    const b = new Float64Array(ids.length * narrow.years.length);
    wide.evaluate(params, a);
    narrow.evaluate(params, b);
    ids.forEach((_, o) => {
      for (let y = 0; y < narrow.years.length; y++) expect(b[o * narrow.years.length + y]).toBe(a[o * wide.years.length + y + 10]);
    });
  });

  it('re-optimises R&D whenever any R&D parameter changes, and repeated calls give the same numbers', () => {
    const model = compileModel(data, { outputIds: ['rnd.npv', 'nev.share.China'] });
    const p = Float64Array.from(PARAM_IDS, (id) => defaultValues()[id]);
    const out1 = new Float64Array(2 * 26);
    const out2 = new Float64Array(2 * 26);
    model.evaluate(p, out1);
    model.evaluate(p, out2);
    expect(Array.from(out2)).toEqual(Array.from(out1));
    p[PARAM_IDS.indexOf('rnd.discountRate')] = 0.12;
    model.evaluate(p, out2);
    expect(out2[20]).toBeLessThan(out1[20]);
  });
});

describe('calibrateHistory and chinaShareForCycleTime', () => {
  it('calibrates the history up to a cut-off year', () => {
    const through2021 = calibrateHistory(data.nevHistory, { through: 2021 }).find((c) => c.region === 'Europe')!;
    expect(through2021.through).toBe(2021);
    assertClose(through2021.params.lastStep, 0.07);
  });

  it('inverts the cycle-time curve: a 24-month target needs the China share that gives 24 months', () => {
    const goal = chinaShareForCycleTime(24, defaultValues());
    expect(goal.ok).toBe(true);
    if (goal.ok) {
      assertClose(goal.cycleTimeMonths, 24, 1e-12);
      assertClose(goal.chinaShare, -Math.log((24 - 12) / (36 - 12)) / 2.3, 1e-12); // 0.301
    }
  });

  it('says when a target is not reachable within the caps or below the floor', () => {
    const capped = chinaShareForCycleTime(13, { ...defaultValues(), 'rnd.cap.China': 0.2 });
    expect(capped.ok).toBe(false);
    if (!capped.ok) expect(capped.reason).toMatch(/not reachable within caps/);
    const floor = chinaShareForCycleTime(10, defaultValues());
    expect(floor.ok).toBe(false);
    if (!floor.ok) expect(floor.reason).toMatch(/floor T_min is 12 months/);
  });
});
