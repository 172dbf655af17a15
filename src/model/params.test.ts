import { describe, expect, it } from 'vitest';
import { defaultValues, PARAMS, paramById } from './params';
import { PRESETS, presetById } from './presets';
import { assertClose } from '../../tests/helpers/tolerance';
import { validateDistribution } from './sim/distributions';

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

  it('gives every uncertain input a usable distribution inside its range, with the default as mode; levers have none', () => {
    for (const p of PARAMS) {
      if (p.role === 'lever') {
        expect(p.distribution, p.id).toBeUndefined();
        continue;
      }
      expect(p.role, p.id).toBe('uncertain');
      const d = p.distribution!;
      expect(validateDistribution(d, p.id), p.id).toEqual([]);
      if (d.kind !== 'triangular' && d.kind !== 'pert') throw new Error(`${p.id}: unexpected ${d.kind}`);
      // Inside [min, max], so the simulation's clamp never changes a draw.
      expect(d.min >= p.min && d.max <= p.max, p.id).toBe(true);
      assertClose(d.mode, p.default);
      // Its source says where the range comes from.
      expect(/range|low|high|\.\.|-/.test(p.source), p.id).toBe(true);
    }
    expect(PARAMS.filter((p) => p.role === 'uncertain').length).toBeGreaterThanOrEqual(40);
    // The US ceiling's range (BNEF 27 % .. STEPS 71 %) is kept, not dropped because its mode is its maximum.
    expect(paramById('nev.ceiling.UnitedStates')!.distribution).toEqual({ kind: 'triangular', min: 0.27, mode: 0.71, max: 0.71 });
  });

  it('runs the @examples', () => {
    assertClose(paramById('nev.ceiling.China')!.default, 0.85);
    assertClose(defaultValues()['exports.costAdvantage'], 0.3);
    expect(paramById('nope')).toBeUndefined();
  });

  it('anchors ceilings and R&D times to the data rows', () => {
    assertClose(paramById('nev.ceiling.Europe')!.default, 0.87); // IEA STEPS 2035
    assertClose(paramById('rnd.cycleBaseMonths')!.default, 36); // Marelli: 3-year product lead times
    assertClose(paramById('rnd.cycleMinMonths')!.default, 12); // Marelli "China Speed" target
    assertClose(paramById('rnd.valueToBudgetRatio')!.default, (423 + 630) / 630, 1e-3); // MAHLE FY2024
    assertClose(paramById('exports.exporterMargin')!.default, 1300 / 20500, 1e-2); // Rhodium BYD Seal U
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
