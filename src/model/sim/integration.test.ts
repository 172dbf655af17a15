/** The simulation layer on the real compiled models and reference data. */
import { describe, expect, it } from 'vitest';
import { REFERENCE_DATA as data } from '../../../tests/helpers/referenceData';
import { PARAMS } from '../params';
import { compileModel } from '../run';
import { scenarioValues } from '../scenario';
import { compareScenarios } from './crn';
import { tornado } from './sensitivity';
import { statsAt } from './simulation';

const model = compileModel(data, { outputIds: ['nev.share.Europe', 'exports.value.total'] });
const baseline = scenarioValues({ name: 'b', preset: 'baseline', overrides: {} });

describe('simulation layer on the real models', () => {
  it('tornado: among the uncertain inputs, the Europe ceiling drives Europe NEV share in 2035 most', () => {
    const uncertain = PARAMS.filter((p) => p.distribution).map((p) => p.id);
    const t = tornado(model, baseline, PARAMS, 'nev.share.Europe', 2035);
    expect(t.bars.map((b) => b.paramId).sort()).toEqual([...uncertain].sort());
    expect(t.bars[0].paramId).toBe('nev.ceiling.Europe');
    expect(t.bars[0].range).toBe('P10-P90');
    // A history year moves with no input.
    expect(tornado(model, baseline, PARAMS, 'nev.share.Europe', 2025).bars.every((b) => b.swing === 0)).toBe(true);
    expect(t.bars[0].outputAtHigh).toBeGreaterThan(t.base);
    expect(t.bars[0].outputAtLow).toBeLessThan(t.base);
  });

  it('CRN: identical scenarios compare to exactly zero; a higher Europe ceiling raises every trial', () => {
    const same = compareScenarios(model, PARAMS, [baseline, baseline], { iterations: 300, seed: 4, sampling: 'lhs' });
    expect(same.differences[0][0].p95.every((v) => v === 0)).toBe(true);
    const higher = { ...baseline, 'nev.ceiling.Europe': baseline['nev.ceiling.Europe'] + 0.03 };
    const c = compareScenarios(model, PARAMS, [baseline, higher], { iterations: 300, seed: 4, sampling: 'lhs' });
    const diff2035 = statsAt({ ...c.scenarios[0], stats: c.differences[0] }, 'nev.share.Europe', 2035)!;
    expect(diff2035.p5).toBeGreaterThan(0);
  });
});
