import { describe, expect, it } from 'vitest';
import { runCli } from '../main';
import { fakeIo } from '../../../tests/helpers/fakeIo';
import { REFERENCE_FILES } from '../../data/reference/index';

/** The bundled history, given to the CLI as a user's file would be. */
const history = REFERENCE_FILES.find((f) => f.file === 'nev_sales_by_region.csv')!.csv;

describe('reversal-lab calibrate', () => {
  it('calibrates through 2025, prints the estimates and writes the documented JSON', async () => {
    const f = fakeIo({ 'h.csv': history });
    const code = await runCli(['calibrate', '--history', 'h.csv', '--json', 'fit.json'], f.io);
    expect(f.err.join('')).toBe('');
    expect(code).toBe(0);
    expect(f.text()).toMatch(/region\s+n\s+last\s+last chg\s+mean chg\s+max chg\s+kappa\s+RMSE pp/);
    expect(f.text()).toMatch(/\nChina\s+11\s+53\.0 %\s+5\.00\s+5\.20\s+13\.00\s/);
    expect(f.text()).toMatch(/No estimate at a bound\./);
    const json = JSON.parse(f.written['fit.json']);
    expect(json.format).toBe('reversal-lab/calibrate@2');
    expect(json.through).toBe(2025);
    const china = json.regions.find((r: { region: string }) => r.region === 'China');
    expect(china.model).toBe('damped-pace logistic');
    expect(china.projection[0].year).toBe(2026);
    expect(china.projection.at(-1).year).toBe(2040);
    expect(Object.keys(china.params)).toEqual(['lastShare', 'lastStep', 'meanStep', 'maxStep', 'kappa', 'referenceCeiling']);
    expect(china.atBound).toEqual([]);
  });

  it('calibrates on rows up to --through and shows the hold-out years beside the projection', async () => {
    const f = fakeIo({ 'h.csv': history });
    const code = await runCli(['calibrate', '--history', 'h.csv', '--through', '2022', '--json', 'o.json'], f.io);
    expect(code).toBe(0);
    const json = JSON.parse(f.written['o.json']);
    const china = json.regions.find((r: { region: string }) => r.region === 'China');
    expect(china.n).toBe(8);
    const y2023 = china.projection.find((p: { year: number }) => p.year === 2023);
    expect(Math.abs(y2023.observed - 0.38)).toBeLessThan(1e-12);
    expect(f.text()).toMatch(/2023 [\d.]+ % \[38\.0 %\]/);
  });

  it('reports an estimate held at a bound', async () => {
    // A flat US history: no change at all, so the speed limit and the pace are held at 0.
    const flat = history
      .split('\n')
      .map((line) => (line.startsWith('United States,') ? line.replace(/^(United States,\d{4},[^,]*,[^,]*,[^,]*,)[^,]*/, '$15.0') : line))
      .join('\n');
    const f = fakeIo({ 'flat.csv': flat });
    expect(await runCli(['calibrate', '--history', 'flat.csv'], f.io)).toBe(0);
    expect(f.text()).toMatch(/Estimates at a bound:\n {2}United States: no annual change in the history/);
  });

  it('rejects bad usage with exit code 2 and a named problem', async () => {
    for (const [args, message] of [
      [['calibrate', '--history', 'h.csv', '--through', 'soon'], /--through must be a year/],
      [['calibrate', '--history'], /--history needs a value/],
      [['calibrate', '--history', 'h.csv', '--colour'], /unknown option --colour/],
    ] as const) {
      const f = fakeIo({ 'h.csv': history });
      expect(await runCli([...args], f.io)).toBe(2);
      expect(f.err.join('')).toMatch(message);
    }
  });

  it('fails with exit code 1 on a missing file, a bad number or an impossible share', async () => {
    const missing = fakeIo();
    expect(await runCli(['calibrate', '--history', 'none.csv'], missing.io)).toBe(1);
    expect(missing.err.join('')).toMatch(/ENOENT: no such file none.csv/);
    const bad = fakeIo({
      'b.csv': 'region,year,ev_sales_total_vehicles,ev_sales_share_new_cars_pct,dataset,status\nChina,2015,lots,1,d,x\n',
    });
    expect(await runCli(['calibrate', '--history', 'b.csv'], bad.io)).toBe(1);
    expect(bad.err.join('')).toMatch(/b.csv line 2 \(data row 1\): "lots" is not a number \(column ev_sales_total_vehicles/);
    const share = fakeIo({
      's.csv': 'region,year,ev_sales_total_vehicles,ev_sales_share_new_cars_pct,dataset,status\nChina,2015,100,120,d,x\n',
    });
    expect(await runCli(['calibrate', '--history', 's.csv'], share.io)).toBe(1);
    expect(share.err.join('')).toMatch(/s.csv line 2 \(data row 1\): 120 in ev_sales_share_new_cars_pct is above the maximum 100/);
    // Broken quoting is refused with its line, never merged into the next row.
    const quote = fakeIo({
      'q.csv':
        'region,year,ev_sales_total_vehicles,ev_sales_share_new_cars_pct,dataset,status\nChina,2015,100,1,"d,x\nChina,2016,200,2,d,x\n',
    });
    expect(await runCli(['calibrate', '--history', 'q.csv'], quote.io)).toBe(1);
    expect(quote.err.join('')).toMatch(/q.csv: Line 2: the quote opening the field .* is never closed/);
  });
});
