/**
 * Typed arrays reused from one simulation to the next in the same thread. A fresh multi-megabyte array costs
 * its page faults on first touch (about 4 ms per MB on the shared development VM, more than binning a million
 * values), so a worker or a pane that runs many simulations takes its design, grade and histogram buffers from
 * here and gives them back when the run ends. Pure bookkeeping: no clock, no global effect beyond this thread.
 */

type Pooled = Float64Array | Int32Array | Uint16Array;

const free = new Map<string, Pooled[]>();
let pooledBytes = 0;
/** At most this much is kept for reuse; beyond it returned arrays are left to the garbage collector. */
const MAX_POOLED_BYTES = 256 * 1024 ** 2;

function take<T extends Pooled>(kind: 'f64' | 'i32' | 'u16', length: number, make: (n: number) => T, zero: boolean): T {
  const list = free.get(`${kind}:${length}`);
  const found = list?.pop() as T | undefined;
  if (!found) return make(length);
  pooledBytes -= found.byteLength;
  if (zero) found.fill(0);
  return found;
}

/** A Float64Array of `length` values, zero-filled when `zero` (otherwise its contents are undefined). */
export function takeFloat64(length: number, zero = true): Float64Array {
  return take('f64', length, (n) => new Float64Array(n), zero);
}

export function takeInt32(length: number, zero = true): Int32Array {
  return take('i32', length, (n) => new Int32Array(n), zero);
}

export function takeUint16(length: number, zero = true): Uint16Array {
  return take('u16', length, (n) => new Uint16Array(n), zero);
}

/** Gives arrays back for reuse; the caller must not use them afterwards. */
export function release(...arrays: Pooled[]): void {
  for (const a of arrays) {
    if (a.length === 0 || pooledBytes + a.byteLength > MAX_POOLED_BYTES) continue;
    const key = `${a instanceof Float64Array ? 'f64' : a instanceof Int32Array ? 'i32' : 'u16'}:${a.length}`;
    const list = free.get(key) ?? [];
    if (list.includes(a)) continue;
    list.push(a);
    free.set(key, list);
    pooledBytes += a.byteLength;
  }
}
