/** Generated documentation stays current: the backtest, preset and parameter tables in docs/models.md. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderModelsDoc } from '../scripts/docs-tables';

describe('docs/models.md', () => {
  it('holds the backtest report, preset table and parameter table as the code produces them (npm run docs:tables)', () => {
    const text = readFileSync(new URL('../docs/models.md', import.meta.url), 'utf8');
    expect(renderModelsDoc(text)).toBe(text);
    expect(text).toMatch(/Model [\d.]+ pp against the better naive forecast [\d.]+ pp: no worse \(target met\)/);
  });
});

describe('preset labels tell the truth', () => {
  it("the baseline's description quotes its own 2030 NEV shares (to the point)", async () => {
    const { PRESETS } = await import('../src/model/presets');
    const { runModels } = await import('../src/model/run');
    const { defaultValues } = await import('../src/model/params');
    const { REFERENCE_DATA } = await import('./helpers/referenceData');
    const run = runModels(defaultValues(), REFERENCE_DATA);
    const description = PRESETS.find((p) => p.id === 'baseline')!.description;
    for (const [region, key] of [
      ['China', 'China'],
      ['Europe', 'Europe'],
      ['Rest of world', 'RestOfWorld'],
      ['United States', 'UnitedStates'],
    ]) {
      const quoted = Number(new RegExp(`${region} (\\d+) % vs`).exec(description)?.[1]);
      const s = run.series.find((x) => x.id === `nev.share.${key}`)!;
      expect(quoted, region).toBe(Math.round(100 * s.values[s.years.indexOf(2030)]));
    }
  });
});
