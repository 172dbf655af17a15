import { describe, expect, it } from 'vitest';
import { runCli } from '../main';
import { fakeIo } from '../../../tests/helpers/fakeIo';

describe('reversal-lab presets', () => {
  it('lists the three presets with their overrides and sources', async () => {
    const f = fakeIo();
    expect(await runCli(['presets'], f.io)).toBe(0);
    const text = f.text();
    expect(text).toMatch(/^baseline: Baseline \(observed pace, STEPS 2035 ceilings\)/);
    expect(text).toMatch(/\(no overrides: parameter defaults\)/);
    expect(text).toMatch(/\naccelerated: Accelerated reversal/);
    expect(text).toMatch(/exports\.tariff\.Europe\s+0\.25\s+\(default 0; fraction\)/);
    expect(text).toMatch(/source: IEA GEVO 2024 APS 2035/);
  });

  it('writes the documented JSON', async () => {
    const f = fakeIo();
    expect(await runCli(['presets', '--json', 'p.json'], f.io)).toBe(0);
    const json = JSON.parse(f.written['p.json']);
    expect(json.format).toBe('reversal-lab/presets@1');
    expect(json.presets.map((p: { id: string }) => p.id)).toEqual(['baseline', 'accelerated', 'fortress']);
    const fortress = json.presets[2];
    expect(fortress.overrides).toContainEqual({
      id: 'rnd.cap.China',
      label: 'Cap on China share of R&D',
      unit: 'fraction',
      value: 0.2,
      default: 0.6,
    });
  });

  it('rejects unknown arguments', async () => {
    const f = fakeIo();
    expect(await runCli(['presets', '--verbose'], f.io)).toBe(2);
    expect(f.err.join('')).toMatch(/unknown argument "--verbose"/);
  });
});
