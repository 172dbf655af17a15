/** Relative-tolerance float comparison for tests (never toBe on computed floats). */
export function relClose(actual: number, expected: number, relTol = 1e-9): boolean {
  if (actual === expected) return true;
  return Math.abs(actual - expected) <= relTol * Math.max(Math.abs(actual), Math.abs(expected));
}
