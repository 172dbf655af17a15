import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../main';
import { fakeIo } from '../fakeIo';

const history = readFileSync(new URL('../../data/reference/nev_sales_by_region.csv', import.meta.url), 'utf8');


describe('reversal-lab calibrate', () => {
  it('fits through 2025, prints the RMSE table and writes the documented JSON', async () => {
    const f = fakeIo({ 'h.csv': history });
    const code = await runCli(['calibrate', '--history', 'h.csv', '--json', 'fit.json'], f.io);
    expect(f.err.join('')).toBe('');
    expect(code).toBe(0);
    expect(f.text()).toMatch(/region\s+n\s+p\s+q\s+tau\s+m\s+RMSE pp/);
    expect(f.text()).toMatch(/\nChina\s+11\s/);
    const json = JSON.parse(f.written['fit.json']);
    expect(json.format).toBe('reversal-lab/calibrate@1');
    expect(json.through).toBe(2025);
    const china = json.regions.find((r: { region: string }) => r.region === 'China');
    expect(china.rmsePp).toBeLessThanOrEqual(3);
    expect(china.projection[0].year).toBe(2026);
    expect(china.projection.at(-1).year).toBe(2040);
    expect(Object.keys(china.params)).toEqual(['p', 'q', 'tau', 'm']);
  });

  it('fits on rows up to --through and shows the hold-out years', async () => {
    const f = fakeIo({ 'h.csv': history });
    const code = await runCli(['calibrate', '--history', 'h.csv', '--through', '2022', '--ceiling', 'China=0.9', '--json', 'o.json'], f.io);
    expect(code).toBe(0);
    const json = JSON.parse(f.written['o.json']);
    const china = json.regions.find((r: { region: string }) => r.region === 'China');
    expect(china.n).toBe(8);
    expect(Math.abs(china.params.m - 0.9)).toBeLessThan(1e-12);
    const y2023 = china.projection.find((p: { year: number }) => p.year === 2023);
    expect(Math.abs(y2023.observed - 0.38)).toBeLessThan(1e-12);
    expect(f.text()).toMatch(/2023 [\d.]+ % \[38\.0 %\]/);
  });

  it('rejects bad usage with exit code 2 and a named problem', async () => {
    for (const [args, message] of [
      [['calibrate'], /missing --history/],
      [['calibrate', '--history', 'h.csv', '--through', 'soon'], /--through must be a year/],
      [['calibrate', '--history', 'h.csv', '--ceiling', 'Mars=0.5'], /--ceiling must be Region=fraction/],
      [['calibrate', '--history', 'h.csv', '--ceiling', 'China=1.5'], /out of range \[0.05, 1\]/],
      [['calibrate', '--history', 'h.csv', '--colour'], /unknown option --colour/],
    ] as const) {
      const f = fakeIo({ 'h.csv': history });
      expect(await runCli([...args], f.io)).toBe(2);
      expect(f.err.join('')).toMatch(message);
    }
  });

  it('fails with exit code 1 on a missing file or a bad number', async () => {
    const missing = fakeIo();
    expect(await runCli(['calibrate', '--history', 'none.csv'], missing.io)).toBe(1);
    expect(missing.err.join('')).toMatch(/ENOENT: no such file none.csv/);
    const bad = fakeIo({ 'b.csv': 'region,year,ev_sales_total_vehicles,ev_sales_share_new_cars_pct,status\nChina,2015,lots,1,x\n' });
    expect(await runCli(['calibrate', '--history', 'b.csv'], bad.io)).toBe(1);
    expect(bad.err.join('')).toMatch(/b.csv line 2, column ev_sales_total_vehicles: 'lots' is not a number/);
  });
});
