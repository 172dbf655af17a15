/**
 * The one float comparison of the tests (never toBe on a computed float): |actual - expected| <= max(rel
 * |expected|, abs). `rel` bounds the relative error, `abs` the error near zero; isClose(a, b, 0, 0) is exact
 * equality.
 */
export function isClose(actual: number, expected: number, rel = 1e-9, abs = 1e-12): boolean {
  return Math.abs(actual - expected) <= Math.max(rel * Math.abs(expected), abs);
}

/** Throws with both numbers when they differ by more than the tolerance (for loops and property tests). */
export function assertClose(actual: number, expected: number, rel = 1e-9, abs = 1e-12): void {
  if (!isClose(actual, expected, rel, abs)) throw new Error(`expected ${expected} (rel ${rel}, abs ${abs}), got ${actual}`);
}
