import { describe, expect, it } from 'vitest';
import { restoreScenario, scenarioValues } from './scenario';
import { assertClose } from '../../tests/helpers/tolerance';

describe('restoreScenario', () => {
  it('accepts a valid scenario and layers defaults <- preset <- overrides', () => {
    const result = restoreScenario({
      name: 'My case',
      preset: 'fortress',
      overrides: { 'nev.ceiling.China': 0.9, 'exports.tariff.Europe': 0.4 },
      expressions: [{ id: 'exportsPerEuNev', expr: 'exports.value.total / nev.sales.Europe', unit: 'USD per vehicle' }],
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    assertClose(result.values['nev.ceiling.China'], 0.9);
    assertClose(result.values['exports.tariff.Europe'], 0.4); // override beats the preset's 0.25
    assertClose(result.values['exports.sigmaMax.Europe'], 0.2); // from the preset
    assertClose(result.values['rnd.discountRate'], 0.08); // default
    expect(result.scenario.expressions).toHaveLength(1);
  });

  it('runs the @example: unknown parameter with a suggestion', () => {
    const result = restoreScenario({ name: 'x', preset: 'fortress', overrides: { 'nev.ceilng.China': 0.9 } });
    expect(result).toEqual({ ok: false, errors: ["overrides: unknown parameter 'nev.ceilng.China' (did you mean 'nev.ceiling.China'?)"] });
  });

  it('names min and max for out-of-range values', () => {
    const result = restoreScenario({ name: 'x', preset: 'baseline', overrides: { 'exports.passThrough': 1.5 } });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]).toBe("overrides: parameter 'exports.passThrough' = 1.5 is out of range [0, 1] (fraction)");
  });

  it('rejects wrong types, unknown presets, unknown fields and bad expressions, all at once', () => {
    const result = restoreScenario({
      name: 3,
      preset: 'moonshot',
      overrides: { 'nev.ceiling.China': '0.9' },
      colour: 'red',
      expressions: [
        { id: 'bad', expr: 'import({}, {override:true})' },
        { id: 'proto', expr: '__proto__' },
        { id: '9lives', expr: '1' },
      ],
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([
      "scenario: unknown field 'colour'",
      'name: must be a non-empty string',
      "preset: unknown preset 'moonshot' (known: baseline, accelerated, fortress)",
      `overrides: parameter 'nev.ceiling.China' must be a finite number, got "0.9"`,
      "expressions[0] ('bad'): character '{' is not allowed in expressions",
      "expressions[1] ('proto'): unknown symbol '__proto__'",
      'expressions[2].id: must be a letter followed by up to 39 letters, digits or _',
    ]);
  });

  it('rejects non-objects and non-finite numbers', () => {
    expect(restoreScenario(null).ok).toBe(false);
    expect(restoreScenario([1]).ok).toBe(false);
    const nan = restoreScenario({ name: 'x', preset: 'baseline', overrides: { 'nev.speedMultiplier': Number.NaN } });
    expect(nan.ok).toBe(false);
  });

  it('defaults a missing preset to baseline', () => {
    const result = restoreScenario({ name: 'x', overrides: {} });
    expect(result.ok && result.scenario.preset).toBe('baseline');
  });
});

describe('scenarioValues', () => {
  it('runs the @example', () => {
    assertClose(scenarioValues({ name: 'f', preset: 'fortress', overrides: {} })['exports.tariff.Europe'], 0.25);
  });
  it('throws on an unknown preset', () => {
    expect(() => scenarioValues({ name: 'f', preset: 'nope', overrides: {} })).toThrow("unknown preset 'nope'");
  });
});
