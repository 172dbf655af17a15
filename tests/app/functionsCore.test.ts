import { describe, expect, it } from 'vitest';
import { bassShareCore, chinaShareForCycleCore, cycleTimeCore, isFunctionError, seriesCore } from '../../src/app/functionsCore';
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
    const p = 0.01, q = 0.4, x = 10;
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
