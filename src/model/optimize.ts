/** Small, pure Nelder-Mead minimiser (no allocation concerns: calibration runs once per compile). */

export interface NelderMeadOptions {
  /** Initial simplex step per coordinate. */
  step: readonly number[];
  maxIterations?: number;
  /** Stop when the spread of objective values in the simplex is below this. */
  tolerance?: number;
}

/**
 * Minimises f from x0 with the Nelder-Mead simplex (standard coefficients 1, 2, 0.5, 0.5).
 * @example nelderMead(([x, y]) => (x - 1) ** 2 + (y + 2) ** 2, [0, 0], { step: [1, 1] }).x // ~[1, -2]
 */
export function nelderMead(
  f: (x: number[]) => number,
  x0: readonly number[],
  options: NelderMeadOptions,
): { x: number[]; fx: number; iterations: number } {
  const n = x0.length;
  const maxIterations = options.maxIterations ?? 2000;
  const tolerance = options.tolerance ?? 1e-12;
  const simplex: number[][] = [x0.slice()];
  for (let i = 0; i < n; i++) {
    const v = x0.slice();
    v[i] += options.step[i];
    simplex.push(v);
  }
  let values = simplex.map(f);
  let iterations = 0;
  const order = () => {
    const idx = simplex.map((_, i) => i).sort((a, b) => values[a] - values[b]);
    const s = idx.map((i) => simplex[i]);
    const v = idx.map((i) => values[i]);
    simplex.splice(0, simplex.length, ...s);
    values = v;
  };
  const along = (from: number[], to: number[], t: number) => from.map((fi, i) => fi + t * (to[i] - fi));
  for (; iterations < maxIterations; iterations++) {
    order();
    if (Math.abs(values[n] - values[0]) <= tolerance * (Math.abs(values[0]) + tolerance)) break;
    const centroid = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) centroid[j] += simplex[i][j] / n;
    const worst = simplex[n];
    const reflected = along(centroid, worst, -1);
    const fr = f(reflected);
    if (fr < values[0]) {
      const expanded = along(centroid, worst, -2);
      const fe = f(expanded);
      if (fe < fr) [simplex[n], values[n]] = [expanded, fe];
      else [simplex[n], values[n]] = [reflected, fr];
    } else if (fr < values[n - 1]) {
      [simplex[n], values[n]] = [reflected, fr];
    } else {
      const contracted = fr < values[n] ? along(centroid, reflected, 0.5) : along(centroid, worst, 0.5);
      const fc = f(contracted);
      if (fc < Math.min(fr, values[n])) [simplex[n], values[n]] = [contracted, fc];
      else {
        for (let i = 1; i <= n; i++) {
          simplex[i] = along(simplex[0], simplex[i], 0.5);
          values[i] = f(simplex[i]);
        }
      }
    }
  }
  order();
  return { x: simplex[0], fx: values[0], iterations };
}
