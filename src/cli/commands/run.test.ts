import { describe, expect, it } from 'vitest';
import { defaultValues } from '../../model/params';
import { runModels } from '../../model/run';
import { REFERENCE_DATA } from '../../../tests/helpers/referenceData';
import { fakeIo } from '../../../tests/helpers/fakeIo';
import { runCli } from '../main';

describe('reversal-lab run', () => {
  it('writes every output series of one deterministic run, the same numbers as runModels', async () => {
    const f = fakeIo();
    expect(await runCli(['run', '--json', 'run.json'], f.io)).toBe(0);
    expect(f.text()).toMatch(/history through 2025/);
    expect(f.text()).toMatch(/nev\.share\.China\s+53\.0 %\s+58\.0 %/);
    const json = JSON.parse(f.written['run.json']);
    expect(json.format).toBe('reversal-lab/run@1');
    const expected = runModels(defaultValues(), REFERENCE_DATA);
    expect(json.series.map((s: { id: string }) => s.id)).toEqual(expected.series.map((s) => s.id));
    const china = json.series.find((s: { id: string }) => s.id === 'nev.share.China');
    expect(china).toMatchObject({ label: 'NEV share of new-car sales, China', unit: 'fraction' });
    expect(china.values).toEqual(expected.series.find((s) => s.id === 'nev.share.China')!.values);
    // No value in a year (R&D before the base year) is null, not NaN.
    expect(json.series.find((s: { id: string }) => s.id === 'rnd.npv').values[0]).toBeNull();
  });

  it("evaluates the scenario's derived expressions and warns about non-finite years", async () => {
    const scenario = {
      name: 'with metrics',
      preset: 'fortress',
      overrides: { 'nev.ceiling.China': 0.9 },
      expressions: [
        {
          id: 'perNev',
          label: 'Component exports per European NEV',
          unit: 'USD per vehicle',
          expr: 'exports.value.total / nev.sales.Europe',
        },
        { id: 'zero', expr: 'nev.share.China / (nev.share.China - nev.share.China)' },
      ],
    };
    const f = fakeIo({ 's.json': JSON.stringify(scenario) });
    expect(await runCli(['run', '--scenario', 's.json', '--json', 'o.json'], f.io)).toBe(0);
    const json = JSON.parse(f.written['o.json']);
    const perNev = json.series.find((s: { id: string }) => s.id === 'expr.perNev');
    const total = json.series.find((s: { id: string }) => s.id === 'exports.value.total');
    const europe = json.series.find((s: { id: string }) => s.id === 'nev.sales.Europe');
    expect(perNev.values[15]).toBeCloseTo(total.values[15] / europe.values[15], 9);
    expect(f.text()).toMatch(/expr\.perNev/);
    expect(f.err.join('')).toMatch(/warning: expression 'zero' is infinite \(division by zero\?\) in 2015-2040/);
  });

  it('refuses a scenario whose output is undefined, naming the parameters, and a value that is too large', async () => {
    const caps = fakeIo({
      'c.json': JSON.stringify({ name: 'x', preset: 'baseline', overrides: { 'rnd.cap.China': 0.1, 'rnd.cap.EU': 0.1 } }),
    });
    expect(await runCli(['run', '--scenario', 'c.json'], caps.io)).toBe(1);
    expect(caps.err.join('')).toMatch(/rnd\.cap\.China \+ rnd\.cap\.EU \+ rnd\.cap\.US \+ rnd\.cap\.India = 90 % < 100 %/);
    const huge = fakeIo({ 'h.json': '{"name":"x","preset":"baseline","overrides":{"nev.ceiling.China":1e400}}' });
    expect(await runCli(['run', '--scenario', 'h.json'], huge.io)).toBe(1);
    expect(huge.err.join('')).toMatch(/'nev\.ceiling\.China' is too large/);
    expect(huge.err.join('')).not.toMatch(/null/);
  });
});

describe('reversal-lab backtest', () => {
  it('prints the model and the two naive forecasts per region and horizon, and meets the target on the shipped history', async () => {
    const f = fakeIo();
    expect(await runCli(['backtest', '--json', 'b.json'], f.io)).toBe(0);
    const text = f.text();
    expect(text).toMatch(/cut-offs 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, horizons 1-3/);
    expect(text).toMatch(/All regions\s+[\d.]+ \| [\d.]+ \| [\d.]+/);
    expect(text).toMatch(/no worse \(target met\)/);
    const json = JSON.parse(f.written['b.json']);
    const all = json.summary.find((s: { region: string; horizon: number }) => s.region === 'all' && s.horizon === 0);
    expect(all.maeModel).toBeLessThanOrEqual(Math.min(all.maeNaiveLast, all.maeNaiveDrift));
    expect(all.n).toBe(84);
  });

  it('takes cut-offs and horizons, and rejects bad ones', async () => {
    const f = fakeIo();
    expect(await runCli(['backtest', '--cutoffs', '2020-2023', '--horizons', '2'], f.io)).toBe(0);
    expect(f.text()).toMatch(/cut-offs 2020, 2021, 2022, 2023, horizons 1-2/);
    const bad = fakeIo();
    expect(await runCli(['backtest', '--cutoffs', '2010-2012'], bad.io)).toBe(1);
    expect(bad.err.join('')).toMatch(/cut-off 2010 is not possible with this history \(possible: 2017-2024\)/);
    const usage = fakeIo();
    expect(await runCli(['backtest', '--horizons', 'x'], usage.io)).toBe(2);
  });
});
