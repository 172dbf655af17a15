import { describe, expect, it } from 'vitest';
import { defaultValues, PARAMS, paramById } from './params';
import { PRESETS, presetById } from './presets';
import { assertClose } from './fixtures/tolerance';

describe('parameter registry', () => {
  it('has unique ids and complete metadata', () => {
    const ids = new Set(PARAMS.map((p) => p.id));
    expect(ids.size).toBe(PARAMS.length);
    for (const p of PARAMS) {
      expect(p.label.length, p.id).toBeGreaterThan(3);
      expect(p.unit.length, p.id).toBeGreaterThan(0);
      expect(p.source.length, p.id).toBeGreaterThan(5);
      expect(p.status.length, p.id).toBeGreaterThan(3);
      expect(p.step, p.id).toBeGreaterThan(0);
      expect(p.min <= p.default && p.default <= p.max, `${p.id} default in range`).toBe(true);
      // Every default cites a source or says it is an assumption.
      expect(/assumption|estimate|[A-Z]{2,}|derived|published|csv/i.test(p.source), p.id).toBe(true);
    }
  });

  it('keeps distributions inside the parameter range with the default as mode', () => {
    const withDistribution = PARAMS.filter((p) => p.distribution);
    expect(withDistribution.length).toBeGreaterThanOrEqual(8);
    for (const p of withDistribution) {
      const d = p.distribution!;
      if (d.kind !== 'triangular' && d.kind !== 'pert') throw new Error(`${p.id}: unexpected ${d.kind}`);
      expect(d.min >= p.min && d.max <= p.max && d.min <= d.mode && d.mode <= d.max, p.id).toBe(true);
      assertClose(d.mode, p.default);
    }
  });

  it('runs the @examples', () => {
    assertClose(paramById('nev.ceiling.China')!.default, 0.85);
    assertClose(defaultValues()['exports.costAdvantage'], 0.3);
    expect(paramById('nope')).toBeUndefined();
  });

  it('anchors ceilings and R&D times to the data rows', () => {
    assertClose(paramById('nev.ceiling.Europe')!.default, 0.87); // IEA STEPS 2035
    assertClose(paramById('rnd.cycleBaseMonths')!.default, 45); // McKinsey mass-market OEM
    assertClose(paramById('rnd.cycleMinMonths')!.default, 24); // McKinsey Chinese EV OEM
    // kappa derived from Valeo 12 -> 7.5 months: T(1)/T(0) = 7.5/12
    const kappa = paramById('rnd.kappa')!.default;
    assertClose((24 + 21 * Math.exp(-kappa)) / 45, 7.5 / 12, 1e-3);
  });
});

describe('presets', () => {
  it('has the three documented presets with sources', () => {
    expect(PRESETS.map((p) => p.id)).toEqual(['baseline', 'accelerated', 'fortress']);
    for (const preset of PRESETS) expect(preset.sources.length).toBeGreaterThan(0);
  });

  it('overrides only known parameters within their ranges', () => {
    for (const preset of PRESETS)
      for (const [id, value] of Object.entries(preset.overrides)) {
        const meta = paramById(id);
        expect(meta, `${preset.id}: ${id}`).toBeDefined();
        expect(value >= meta!.min && value <= meta!.max, `${preset.id}: ${id}`).toBe(true);
      }
  });

  it('runs the @example', () => {
    assertClose(presetById('fortress')!.overrides['exports.tariff.Europe'], 0.25);
  });
});
