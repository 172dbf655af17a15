import { describe, expect, it } from 'vitest';
import { placeBars } from '../../src/taskpane/components/SensitivityPanel/useSensitivityPanel';

const bar = (paramId: string, outputAtLow: number, outputAtHigh: number) => ({ paramId, label: paramId, low: 0, high: 1, outputAtLow, outputAtHigh });

describe('placeBars', () => {
  it('puts every bar and the base on one axis and drops inputs that do not move the output', () => {
    const { placed, flat, position } = placeBars([bar('a', 0.2, 0.6), bar('b', 0.5, 0.4), bar('c', 0.45, 0.45)], 0.45);
    expect(flat).toBe(1);
    expect(placed.map((b) => b.paramId)).toEqual(['a', 'b']);
    // axis 0.2 .. 0.6
    expect(placed[0].left).toBeCloseTo(0, 10);
    expect(placed[0].width).toBeCloseTo(100, 10);
    expect(placed[1].left).toBeCloseTo(50, 10);
    expect(placed[1].width).toBeCloseTo(25, 10);
    expect(placed[0].rising).toBe(true);
    expect(placed[1].rising).toBe(false);
    expect(position).toBeCloseTo(62.5, 10);
  });
});
