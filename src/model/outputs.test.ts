import { describe, expect, it } from 'vitest';
import { OUTPUTS, TARGET_OUTPUTS } from './outputs';

describe('output catalogue', () => {
  it('gives every output a group, a display format and a category, ids unique', () => {
    expect(new Set(OUTPUTS.map((o) => o.id)).size).toBe(OUTPUTS.length);
    for (const o of OUTPUTS) {
      expect(['nev', 'vehicles', 'components', 'rnd']).toContain(o.group);
      expect(o.format).toBeTruthy();
      expect(['result', 'tariff']).toContain(o.category);
    }
  });

  it('marks every tariff series as a tariff shown in %, and offers no tariff input or landed price as a target', () => {
    const tariffs = OUTPUTS.filter((o) => /^Tariff (on|at which)/.test(o.label));
    expect(tariffs.length).toBe(3 + 6 * 3 * 2);
    for (const o of tariffs) {
      expect(o.category).toBe('tariff');
      expect(o.format).toBe('percent');
    }
    const inputs = OUTPUTS.filter((o) => /^Tariff on|^Price of a China/.test(o.label));
    expect(inputs.length).toBe(3 + 6 * 3 * 2);
    for (const o of inputs) expect(TARGET_OUTPUTS).not.toContain(o);
    // Break-even tariffs stay targets: they move with the cost inputs a scenario does not set directly.
    expect(TARGET_OUTPUTS.map((o) => o.id)).toContain('exports.breakEvenTariff.adas.Europe');
    expect(TARGET_OUTPUTS.length).toBe(OUTPUTS.length - inputs.length);
  });
});
