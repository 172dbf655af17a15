import { describe, expect, it } from 'vitest';
import { runModels } from '../../model/run';
import { defaultValues } from '../../model/params';
import { comparisonChart, exportsChart, fanChart, frontierChart, nevShareChart, tornadoChart } from './charts';
import { referenceModelData } from '../scenario/modelInputs';

const result = runModels(defaultValues(), referenceModelData());

describe('chart specs', () => {
  it('NEV share: observed solid with points to the last history year, projection dashed from it, fit error in the tooltip', () => {
    const spec = nevShareChart(result.series, result.calibration);
    expect(spec.kind).toBe('line');
    expect(spec.y).toMatchObject({ title: 'Share of new-car sales (%)', unit: 'fraction', min: 0, max: 1 });
    const observed = spec.series.find((s) => s.id === 'nev.share.China:observed')!;
    const projection = spec.series.find((s) => s.id === 'nev.share.China:projection')!;
    expect(observed).toMatchObject({ type: 'line', style: 'solid', markers: true, outputId: 'nev.share.China' });
    expect(projection).toMatchObject({ type: 'line', style: 'dashed', markers: false });
    if (observed.type !== 'line' || projection.type !== 'line') throw new Error('line series expected');
    expect(observed.points.at(-1)!.x).toBe(2025);
    expect(projection.points[0].x).toBe(2025); // joined at the last observed year
    expect(observed.points[0].note).toMatch(/^Fit error of the calibrated curve, 2015-2025: \d+\.\d\d pp \(RMSE\)$/);
    expect(spec.legend.map((l) => l.label)).toEqual(['China', 'Europe', 'United States', 'Rest of world', 'Observed', 'Projection']);
    expect(spec.summary).toMatch(
      /^NEV share of new-car sales, 2015-2040, observed up to 2025 and projected after: China \d+\.\d % in 2025/,
    );
    expect(spec.summary).not.toMatch(/NaN/);
  });

  it('turns values the model has no number for into gaps and "no value", never NaN', () => {
    const years = [2024, 2025, 2026];
    const spec = comparisonChart({ id: 'rnd.npv', label: 'NPV', unit: 'USD m' }, [{ name: 'A', years, values: [Number.NaN, 10, 20] }]);
    const line = spec.series[0];
    expect(line.type === 'line' && line.points.map((p) => p.y)).toEqual([null, 10, 20]);
    const fan = fanChart(
      {
        id: 'rnd.npv',
        label: 'NPV',
        unit: 'USD m',
        years,
        p5: [NaN, 1, 2],
        p25: [NaN, 2, 3],
        p50: [NaN, 3, 4],
        p75: [NaN, 4, 5],
        p95: [NaN, 5, 6],
      },
      1000,
    );
    expect(fan.summary).not.toMatch(/NaN/);
    expect(fan.series.map((s) => s.type)).toEqual(['band', 'band', 'line']);
  });

  it('tornado: one shared axis in the output unit, the base line, flat inputs left out', () => {
    const spec = tornadoChart({ id: 'nev.share.China', label: 'NEV share, China', unit: 'fraction' }, 2030, 0.8, [
      { paramId: 'a', label: 'A', low: 0, high: 1, outputAtLow: 0.7, outputAtHigh: 0.9 },
      { paramId: 'b', label: 'B', low: 0, high: 1, outputAtLow: 0.85, outputAtHigh: 0.78 },
      { paramId: 'c', label: 'C', low: 0, high: 1, outputAtLow: 0.8, outputAtHigh: 0.8 },
    ]);
    expect(spec.x).toMatchObject({ title: 'NEV share, China, 2030 (%)', unit: 'fraction' });
    expect(spec.bars.map((b) => [b.id, b.segments[0].from, b.segments[0].to, b.segments[0].color])).toEqual([
      ['a', 0.7, 0.9, 0],
      ['b', 0.78, 0.85, 1],
    ]);
    expect(spec.marks).toEqual([{ type: 'xLine', id: 'base', x: 0.8, label: 'Base case 80.0 %', style: 'solid' }]);
    expect(spec.summary).toBe(
      'NEV share, China in 2030, base case 80.0 %. 2 inputs move it; the largest: A (70.0 % to 90.0 %); B (78.0 % to 85.0 %).',
    );
    const one = tornadoChart({ id: 'nev.share.China', label: 'NEV share, China', unit: 'fraction' }, 2030, 0.8, [
      { paramId: 'a', label: 'A', low: 0, high: 1, outputAtLow: 0.7, outputAtHigh: 0.9 },
    ]);
    expect(one.summary).toBe('NEV share, China in 2030, base case 80.0 %. 1 input moves it; the largest: A (70.0 % to 90.0 %).');
  });

  it('frontier: NPV against the China share with the optimum and the cap', () => {
    const best = result.series.find((s) => s.id === 'rnd.optimalChinaShare')!.values.at(-1)!;
    const npv = result.series.find((s) => s.id === 'rnd.npv')!.values.at(-1)!;
    const spec = frontierChart(result.frontier, { share: best, npvUsdM: npv }, defaultValues()['rnd.cap.China']);
    expect(spec.x).toMatchObject({ unit: 'fraction', min: 0, max: 1 });
    expect(spec.marks.map((m) => m.id)).toEqual(['optimum', 'cap']);
    expect(spec.summary).toMatch(
      /optimum within the caps is \d+\.\d % in China with an NPV of [\d.,]+ (bn|M) USD; the China cap is 60\.0 %/,
    );
  });

  it('exports: destinations stacked by product, in USD, with the total in the summary', () => {
    const spec = exportsChart(result.series, 2030);
    expect(spec.bars.map((b) => b.label)).toEqual(['Europe', 'North America', 'Rest of world']);
    const europe = spec.bars[0];
    for (let i = 1; i < europe.segments.length; i++) expect(europe.segments[i].from).toBeCloseTo(europe.segments[i - 1].to, 6);
    expect(europe.segments[0].outputId).toBe('exports.value.edrive.Europe');
    expect(spec.summary).toMatch(/^China component exports in 2030: [\d.,]+ (bn|M) USD in all; Europe /);
  });
});
