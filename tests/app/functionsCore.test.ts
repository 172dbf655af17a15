import { describe, expect, it } from 'vitest';
import {
  bassShareCore,
  breakEvenTariffCore,
  chinaShareForCycleCore,
  cycleTimeCore,
  isFunctionError,
  landedCostCore,
  optimalChinaShareCore,
  seriesCore,
  seriesSpillCore,
  SCENARIO_RUNS,
} from '../../src/app/functions/functionsCore';
import { runCli } from '../../src/cli/main';
import { PRESETS } from '../../src/model/presets';
import { landedPriceUsd } from '../../src/model/trade';
import { fakeIo } from '../helpers/fakeIo';
import { createAppServices, presetValues } from '../../src/app/createServices';
import { MemoryWorkbook } from '../../src/workbook/memory/memoryWorkbook';
import { isClose } from '../helpers/tolerance';

/** Relative 1e-9, and 1e-9 absolute near zero. */
const close = (a: number, b: number, rel = 1e-9) => isClose(a, b, rel, rel);

describe('custom function cores', () => {
  it('SERIES returns the same number the pane writes to the Results sheet', async () => {
    const v = seriesCore('nev.share.China', 2030, 'baseline');
    expect(isFunctionError(v)).toBe(false);
    const services = createAppServices({ port: new MemoryWorkbook(), mode: 'standalone' });
    const run = await services.runScenario('baseline', presetValues('baseline'));
    const s = run.series.find((x) => x.id === 'nev.share.China')!;
    expect(close(v as number, s.values[s.years.indexOf(2030)])).toBe(true);
  });

  it('SERIES names the bad argument', () => {
    expect(seriesCore('nev.shar.China', 2030)).toEqual({ error: 'invalidValue', message: expect.stringContaining('nev.shar.China') });
    expect(seriesCore('nev.share.China', 1990)).toMatchObject({ error: 'notAvailable' });
    expect(seriesCore('nev.share.China', 2030, 'nope')).toMatchObject({ message: expect.stringContaining('unknown preset "nope"') });
  });

  it('BASSSHARE and CYCLETIME compute the documented formulas', () => {
    const p = 0.01,
      q = 0.4,
      x = 10;
    const e = Math.exp(-(p + q) * x);
    expect(close(bassShareCore(2030, p, q, 2020, 0.8) as number, (0.8 * (1 - e)) / (1 + (q / p) * e))).toBe(true);
    expect(close(cycleTimeCore(0, 45, 24, 1.5) as number, 45)).toBe(true);
    expect(close(cycleTimeCore(1, 45, 24, 1.5) as number, 24 + 21 * Math.exp(-1.5))).toBe(true);
    expect(bassShareCore(2030, 'x', q, 2020, 0.8)).toMatchObject({ message: 'p must be a number' });
    expect(cycleTimeCore(1.5)).toMatchObject({ message: expect.stringContaining('between 0 and 1') });
  });

  it('CHINASHAREFORCYCLE inverts CYCLETIME (checked by substitution)', () => {
    const share = chinaShareForCycleCore(36);
    expect(isFunctionError(share)).toBe(false);
    expect(close(cycleTimeCore(share) as number, 36, 1e-9)).toBe(true);
    expect(chinaShareForCycleCore(10)).toMatchObject({ error: 'notAvailable' });
  });
});

describe('scenario functions: the model the CLI runs, for a preset or the workbook scenario', () => {
  type RunJson = { series: { id: string; years: number[]; values: (number | null)[] }[] };
  async function cliRun(...args: string[]): Promise<RunJson> {
    const f = fakeIo();
    expect(await runCli(['run', ...args, '--json', 'out.json'], f.io), f.err.join('')).toBe(0);
    return JSON.parse(f.written['out.json']) as RunJson;
  }
  const cellValue = (v: unknown) => (isFunctionError(v) ? null : v);
  const within = (a: number, b: number) => Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(b));

  it.each(PRESETS.map((p) => p.id))('SERIES of preset %s spills every output exactly as `reversal-lab run` writes it', async (preset) => {
    const json = await cliRun('--scenario', preset);
    for (const s of json.series.filter((x) => !x.id.startsWith('expr.'))) {
      const spilled = seriesSpillCore(s.id, undefined, preset);
      expect(Array.isArray(spilled) && spilled.length).toBe(1);
      const row = (spilled as unknown[][])[0].map(cellValue) as (number | null)[];
      expect(row.length).toBe(s.values.length);
      row.forEach((v, i) => expect(v === null ? s.values[i] === null : within(v, s.values[i]!), `${s.id} ${s.years[i]}`).toBe(true));
    }
  });

  it('an overrides range changes the result exactly as --set does on the CLI, on top of the preset', async () => {
    const overrides = [
      ['Parameter id', 'Value'],
      ['nev.ceiling.China', 0.7],
      ['', null],
      ['exports.tariff.Europe', 0.4],
    ];
    const json = await cliRun('--scenario', 'accelerated', '--set', 'nev.ceiling.China=0.7', '--set', 'exports.tariff.Europe=0.4');
    const plain = await cliRun('--scenario', 'accelerated');
    for (const id of ['nev.share.China', 'exports.value.total', 'exports.landedCostUsd.edrive.Europe', 'rnd.optimalChinaShare']) {
      const s = json.series.find((x) => x.id === id)!;
      const row = (seriesSpillCore(id, undefined, 'accelerated', overrides) as unknown[][])[0].map(cellValue) as (number | null)[];
      row.forEach((v, i) => expect(v === null ? s.values[i] === null : within(v, s.values[i]!), `${id} ${s.years[i]}`).toBe(true));
    }
    const at = (j: RunJson, id: string, y: number) => j.series.find((x) => x.id === id)!.values[j.series[0].years.indexOf(y)]!;
    expect(at(json, 'nev.share.China', 2035)).not.toBeCloseTo(at(plain, 'nev.share.China', 2035), 3);
    expect(seriesCore('nev.share.China', 2035, 'accelerated', overrides)).toBe(at(json, 'nev.share.China', 2035));
    // A row or column of years spills in that shape; a year the model does not cover is #N/A in place.
    expect(seriesSpillCore('nev.share.China', [[2030], [2035], [1990]], 'accelerated', overrides)).toEqual([
      [at(json, 'nev.share.China', 2030)],
      [at(json, 'nev.share.China', 2035)],
      [expect.objectContaining({ error: 'notAvailable' })],
    ]);
    expect(seriesSpillCore('nev.share.China', [[2030, 2035]], 'accelerated', overrides)).toEqual([
      [at(json, 'nev.share.China', 2030), at(json, 'nev.share.China', 2035)],
    ]);
  });

  it('LANDEDCOST, BREAKEVENTARIFF and OPTIMALCHINASHARE are the outputs of the same run, and agree with trade.ts', async () => {
    const json = await cliRun('--scenario', 'fortress', '--set', 'exports.passThrough=0.4');
    const overrides = [['exports.passThrough', 0.4]];
    const at = (id: string, y: number) => json.series.find((x) => x.id === id)!.values[json.series[0].years.indexOf(y)]!;
    expect(landedCostCore('edrive', 'Europe', 2030, 'fortress', overrides)).toBe(at('exports.landedCostUsd.edrive.Europe', 2030));
    expect(landedCostCore('Battery pack', 'north america', 2032, 'fortress', overrides)).toBe(
      at('exports.landedCostUsd.battery.NorthAmerica', 2032),
    );
    expect(breakEvenTariffCore('sbw', 'RestOfWorld', 2028, 'fortress', overrides)).toBe(
      at('exports.breakEvenTariff.sbw.RestOfWorld', 2028),
    );
    expect(optimalChinaShareCore('fortress', overrides)).toBe(at('rnd.optimalChinaShare', 2040));
    // The landed cost is trade.ts's price at the model's tariff of that year.
    const v = presetValues('fortress');
    const tariff = at('exports.tariffRate.edrive.Europe', 2030);
    const expected = landedPriceUsd(
      v['exports.localCostUsd.edrive'],
      v['exports.costAdvantage'],
      v['exports.fxFactor'],
      v['exports.freight.Europe'],
      tariff,
      v['exports.exporterMargin'],
      0.4,
    );
    expect(close(landedCostCore('edrive', 'Europe', 2030, 'fortress', overrides) as number, expected, 1e-12)).toBe(true);
    // China ADAS into North America is barred from the ban year: #N/A with the reason.
    expect(breakEvenTariffCore('adas', 'NorthAmerica', 2030)).toMatchObject({
      error: 'notAvailable',
      message: expect.stringContaining('connected-vehicle rule'),
    });
  });

  it('bad arguments come back as #VALUE! naming the argument (and the overrides row)', () => {
    const bad = (r: unknown) => (r as { message: string }).message;
    expect(bad(landedCostCore('turbo', 'Europe', 2030))).toMatch(/^product: unknown product "turbo"; use edrive, adas/);
    expect(bad(landedCostCore('edrive', 'Mars', 2030))).toMatch(/^destination: unknown destination "Mars"/);
    expect(bad(landedCostCore('edrive', 'Europe', 'soon'))).toBe('year must be a number');
    expect(bad(landedCostCore('edrive', 'Europe', 2030.5))).toMatch(/year must be a whole year/);
    expect(bad(optimalChinaShareCore('nope'))).toMatch(/^preset: unknown preset "nope"/);
    expect(bad(seriesSpillCore('nev.share.Mars'))).toMatch(/^outputId: unknown output id "nev.share.Mars"/);
    expect(
      bad(
        seriesSpillCore('nev.share.China', [
          [2030, 2031],
          [2032, 2033],
        ]),
      ),
    ).toMatch(/^years: must be one row or one column/);
    expect(bad(optimalChinaShareCore('baseline', [['nev.ceiling.China', 0.9, 'x']]))).toMatch(
      /^overrides: must be a range of 2 columns .* got 3 columns/,
    );
    expect(
      bad(
        optimalChinaShareCore('baseline', [
          ['nev.ceiling.China', 0.9],
          ['nev.ceiling.Chna', 0.9],
        ]),
      ),
    ).toMatch(/^overrides row 2: unknown parameter id "nev.ceiling.Chna"/);
    expect(bad(optimalChinaShareCore('baseline', [['nev.ceiling.China', 'high']]))).toMatch(
      /^overrides row 1: the value of "nev.ceiling.China" must be a number, got "high"/,
    );
    expect(bad(optimalChinaShareCore('baseline', [['nev.ceiling.China', '']]))).toMatch(
      /^overrides row 1: the value of "nev.ceiling.China" must be a number/,
    );
    expect(
      bad(
        optimalChinaShareCore('baseline', [
          ['nev.ceiling.China', 0.9],
          ['nev.ceiling.China', 0.8],
        ]),
      ),
    ).toMatch(/^overrides row 2: "nev.ceiling.China" is already set in row 1/);
    expect(
      bad(
        optimalChinaShareCore('baseline', [
          ['Header', 'Value'],
          ['nev.ceiling.China', 1.5],
        ]),
      ),
    ).toMatch(/^overrides row 2: parameter 'nev.ceiling.China' = 1.5 is out of range \[/);
    expect(
      bad(
        seriesCore('nev.share.China', 2030, 'baseline', [
          ['rnd.cap.China', 0.1],
          ['rnd.cap.EU', 0.1],
          ['rnd.cap.US', 0.1],
          ['rnd.cap.India', 0.1],
        ]),
      ),
    ).toMatch(/cap/i);
  });

  it('keeps the few most recent scenario runs: a second call for the same scenario does not run the model again', () => {
    // A scenario no other test asks for (the runs are shared by every caller in this process).
    const before = SCENARIO_RUNS.modelRuns;
    seriesCore('nev.share.Europe', 2030, 'baseline', [['nev.ceiling.Europe', 0.8137]]);
    expect(SCENARIO_RUNS.modelRuns).toBe(before + 1);
    for (let i = 0; i < 20; i++) seriesCore('nev.share.Europe', 2030 + (i % 5), 'baseline', [['nev.ceiling.Europe', 0.8137]]);
    expect(SCENARIO_RUNS.modelRuns).toBe(before + 1);
    // A different scenario is a new run.
    seriesCore('nev.share.Europe', 2030, 'baseline', [['nev.ceiling.Europe', 0.8138]]);
    expect(SCENARIO_RUNS.modelRuns).toBe(before + 2);
    // Only the most recent few are kept: after 8 other scenarios, the first one runs again.
    for (let i = 0; i < 8; i++) seriesCore('nev.share.Europe', 2030, 'baseline', [['nev.ceiling.Europe', 0.7 + i / 100]]);
    const afterOthers = SCENARIO_RUNS.modelRuns;
    seriesCore('nev.share.Europe', 2030, 'baseline', [['nev.ceiling.Europe', 0.8137]]);
    expect(SCENARIO_RUNS.modelRuns).toBe(afterOthers + 1);
  });
});
