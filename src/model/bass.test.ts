import { describe, expect, it } from 'vitest';
import { bassF } from './bass';
import { assertClose } from '../../tests/helpers/tolerance';

describe('bassF', () => {
  it('matches the closed form and its limits', () => {
    const e = Math.exp(-0.41 * 10);
    assertClose(bassF(10, 0.01, 0.4), (1 - e) / (1 + 40 * e));
    expect(bassF(0, 0.01, 0.4)).toBe(0);
    expect(bassF(-3, 0.01, 0.4)).toBe(0);
    assertClose(bassF(500, 0.01, 0.4), 1);
  });
});
