import { describe, expect, it } from 'vitest';
import { runCli } from '../main';
import { XlsxWorkbook } from '../../workbook/xlsx/xlsxWorkbook';
import { fakeIo } from '../../../tests/helpers/fakeIo';

describe('reversal-lab simulate', () => {
  it('prints a P5/P50/P95 table and writes the documented JSON', async () => {
    const f = fakeIo();
    const code = await runCli(['simulate', '--iterations', '300', '--seed', '11', '--json', 'out.json'], f.io);
    expect(f.err.join('')).toBe('');
    expect(code).toBe(0);
    expect(f.text()).toMatch(/Scenario "baseline" \(preset baseline\): 300 trials, LHS, seed 11/);
    expect(f.text()).toMatch(/output \(P5 \/ P50 \/ P95\)\s+2025\s+2030\s+2035\s+2040/);
    expect(f.text()).toMatch(/\nnev\.share\.Europe\s+[\d.]+ % \/ [\d.]+ % \/ [\d.]+ %/);
    const json = JSON.parse(f.written['out.json']);
    expect(json.format).toBe('reversal-lab/simulate@1');
    expect(json.iterations).toBe(300);
    expect(json.years[0]).toBe(2015);
    expect(json.years.at(-1)).toBe(2040);
    const europe = json.outputs.find((o: { id: string }) => o.id === 'nev.share.Europe');
    const y2035 = json.years.indexOf(2035);
    expect(europe.p5[y2035]).toBeLessThan(europe.p50[y2035]);
    expect(europe.p50[y2035]).toBeLessThan(europe.p95[y2035]);
    expect(json.inputs.find((i: { id: string }) => i.id === 'nev.ceiling.Europe').distribution.kind).toBe('triangular');
    // The Europe ceiling drives Europe's 2040 share more than anything else.
    expect(json.rankCorrelations.byOutput['nev.share.Europe'][0].paramId).toBe('nev.ceiling.Europe');
  });

  it('reproduces a run exactly with the same seed and differs with another', async () => {
    const runs = await Promise.all(
      [5, 5, 6].map(async (seed) => {
        const f = fakeIo();
        await runCli(['simulate', '--iterations', '200', '--seed', String(seed), '--sampling', 'mc', '--json', 'o.json'], f.io);
        return JSON.parse(f.written['o.json']).outputs;
      }),
    );
    expect(runs[1]).toEqual(runs[0]);
    expect(runs[2]).not.toEqual(runs[0]);
  });

  it('reads a scenario file and restores it through restoreScenario', async () => {
    const scenario = { name: 'tough EU', preset: 'fortress', overrides: { 'nev.ceiling.Europe': 0.6 } };
    const f = fakeIo({ 'tough.json': JSON.stringify(scenario) });
    const code = await runCli(
      ['simulate', '--scenario', 'tough.json', '--iterations', '100', '--outputs', 'nev.share.Europe', '--json', 'x.json'],
      f.io,
    );
    expect(code).toBe(0);
    const json = JSON.parse(f.written['x.json']);
    expect(json.scenario).toEqual(scenario);
    expect(json.outputs.map((o: { id: string }) => o.id)).toEqual(['nev.share.Europe']);
  });

  it('stops early with --converge and says so', async () => {
    const f = fakeIo();
    const code = await runCli(['simulate', '--iterations', '20000', '--converge', '--outputs', 'nev.share.China'], f.io);
    expect(code).toBe(0);
    expect(f.text()).toMatch(/: (\d+) trials, LHS, seed 1, converged \(\+-1 % at 95 %\)/);
    const trials = Number(/: (\d+) trials/.exec(f.text())![1]);
    expect(trials).toBeLessThan(20000);
  });

  it('rejects bad usage (exit 2) and bad scenarios (exit 1) with messages naming the problem', async () => {
    const a = fakeIo();
    expect(await runCli(['simulate', '--sampling', 'sobol'], a.io)).toBe(2);
    expect(a.err.join('')).toMatch(/--sampling must be lhs or mc, got "sobol"/);
    const b = fakeIo();
    expect(await runCli(['simulate', '--outputs', 'nev.share.Mars'], b.io)).toBe(2);
    expect(b.err.join('')).toMatch(/unknown output id\(s\) nev\.share\.Mars/);
    const c = fakeIo({ 'bad.json': JSON.stringify({ name: 'x', overrides: { 'nev.ceiling.China': 7 } }) });
    expect(await runCli(['simulate', '--scenario', 'bad.json'], c.io)).toBe(1);
    expect(c.err.join('')).toMatch(/bad\.json: invalid scenario[\s\S]*nev\.ceiling\.China' = 7 is out of range/);
    const d = fakeIo();
    expect(await runCli(['simulate', '--scenario', 'moonshot'], d.io)).toBe(1);
    expect(d.err.join('')).toMatch(/"moonshot" is neither a preset/);
  });

  it("writes the Simulation sheet into an .xlsx, keeping the workbook's other sheets", async () => {
    const existing = XlsxWorkbook.create();
    await existing.apply({ sheets: [], blocks: [{ sheet: 'My notes', address: 'A1', values: [['kept']] }] });
    const f = fakeIo({ 'book.xlsx': await existing.toBytes() });
    const code = await runCli(['simulate', '--iterations', '200', '--seed', '3', '--json', 's.json', '--xlsx', 'book.xlsx'], f.io);
    expect(f.err.join('')).toBe('');
    expect(code).toBe(0);
    expect(f.text()).toContain('Wrote the Simulation sheet to book.xlsx');
    const book = await XlsxWorkbook.fromBytes(f.writtenBytes['book.xlsx']);
    expect(await book.listSheets()).toEqual(['My notes', 'Simulation']);
    expect((await book.readSheet('My notes'))!.values).toEqual([['kept']]);
    // The sheet holds the same P50 the JSON reports, for the China share in 2030.
    const json = JSON.parse(f.written['s.json']);
    const china = json.outputs.find((o: { id: string }) => o.id === 'nev.share.China');
    const y = json.years.indexOf(2030);
    const sheet = (await book.readSheet('Simulation'))!.values;
    const header = sheet.find((r) => r[0] === 'Output id')!;
    const row = sheet.find((r) => r[0] === 'nev.share.China' && r[3] === 'P50')!;
    expect(row[header.indexOf('2030')]).toBe(china.p50[y]);
    expect(sheet[0][0]).toMatch(/^Reversal Lab simulation: preset Baseline/);
  });

  it('refuses an --xlsx that is not a workbook without touching it, and a path without .xlsx', async () => {
    const f = fakeIo({ 'notes.xlsx': new TextEncoder().encode('not a zip') });
    expect(await runCli(['simulate', '--iterations', '50', '--xlsx', 'notes.xlsx'], f.io)).toBe(1);
    expect(f.err.join('')).toMatch(/nothing written to notes\.xlsx: it exists but is not a readable \.xlsx/);
    expect(f.writtenBytes['notes.xlsx']).toBeUndefined();
    const g = fakeIo();
    expect(await runCli(['simulate', '--xlsx', 'out.csv'], g.io)).toBe(2);
    expect(g.err.join('')).toMatch(/--xlsx needs a path ending in \.xlsx, got "out\.csv"/);
  });
});
