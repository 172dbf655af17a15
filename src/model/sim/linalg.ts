/** Small dense matrices (row-major Float64Array, k x k) for Iman-Conover; k is the number of correlated inputs. */

/** Lower Cholesky factor L with A = L L^T; throws when A is not positive definite. */
export function cholesky(a: Float64Array, k: number, what = 'matrix'): Float64Array {
  const l = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = a[i * k + j];
      for (let m = 0; m < j; m++) sum -= l[i * k + m] * l[j * k + m];
      if (i === j) {
        if (!(sum > 1e-12)) throw new RangeError(`${what} is not positive definite (pivot ${i + 1} = ${sum.toPrecision(3)})`);
        l[i * k + i] = Math.sqrt(sum);
      } else {
        l[i * k + j] = sum / l[j * k + j];
      }
    }
  }
  return l;
}

/** Inverse of a lower-triangular matrix (forward substitution column by column). */
export function invertLower(l: Float64Array, k: number): Float64Array {
  const inv = new Float64Array(k * k);
  for (let col = 0; col < k; col++) {
    for (let i = col; i < k; i++) {
      let sum = i === col ? 1 : 0;
      for (let m = col; m < i; m++) sum -= l[i * k + m] * inv[m * k + col];
      inv[i * k + col] = sum / l[i * k + i];
    }
  }
  return inv;
}

/** C = A B for k x k matrices. */
export function multiply(a: Float64Array, b: Float64Array, k: number): Float64Array {
  const c = new Float64Array(k * k);
  for (let i = 0; i < k; i++)
    for (let m = 0; m < k; m++) {
      const aim = a[i * k + m];
      if (aim === 0) continue;
      for (let j = 0; j < k; j++) c[i * k + j] += aim * b[m * k + j];
    }
  return c;
}

/** Transpose of a k x k matrix. */
export function transpose(a: Float64Array, k: number): Float64Array {
  const t = new Float64Array(k * k);
  for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) t[j * k + i] = a[i * k + j];
  return t;
}
