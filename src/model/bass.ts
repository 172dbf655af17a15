/**
 * The textbook Bass curve, for the RLAB.BASSSHARE custom function (a formula helper). The model's own NEV
 * projection is the damped-pace logistic of nev.ts (docs/models.md explains why it is not a fitted Bass curve).
 */

/**
 * Cumulative Bass adoption F(x) = (1 - e^{-(p+q)x}) / (1 + (q/p) e^{-(p+q)x}) for x > 0, else 0.
 * @example bassF(10, 0.01, 0.4) // ~0.5914
 */
export function bassF(x: number, p: number, q: number): number {
  if (x <= 0) return 0;
  const e = Math.exp(-(p + q) * x);
  return (1 - e) / (1 + (q / p) * e);
}
