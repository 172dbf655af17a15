import { describe, expect, it } from 'vitest';
import { pickHistory, type NevHistoryPoint } from './data';
import { REFERENCE_DATA } from '../../tests/helpers/referenceData';

describe('pickHistory', () => {
  const picked = pickHistory(REFERENCE_DATA.nevHistory);

  it('runs the @example: one China row per year 2015-2025', () => {
    const china = picked.filter((p) => p.region === 'China');
    expect(china.map((p) => p.year)).toEqual([2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025]);
  });

  it('prefers OWID over the rounded press release and the Benchmark tracker', () => {
    const china2024 = picked.find((p) => p.region === 'China' && p.year === 2024)!;
    expect(china2024.evSales).toBe(11_300_000); // OWID, not the press release's 11 M
    const china2025 = picked.find((p) => p.region === 'China' && p.year === 2025)!;
    expect(china2025.evSales).toBe(13_300_000); // OWID, not Benchmark/Rho Motion 12.9 M
    const world2025 = picked.find((p) => p.region === 'World' && p.year === 2025)!;
    expect(world2025.evSales).toBe(21_200_000);
  });

  it('drops rows without a share (cross-check trackers)', () => {
    expect(picked.some((p) => p.region.startsWith('North America'))).toBe(false);
  });

  it('is independent of row order', () => {
    const reversed = pickHistory([...REFERENCE_DATA.nevHistory].reverse());
    const key = (p: NevHistoryPoint) => `${p.region}|${p.year}|${p.evSales}`;
    expect(reversed.map(key)).toEqual(picked.map(key));
  });
});
