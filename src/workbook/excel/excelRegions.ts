/**
 * Rectangle arithmetic for the Excel adapter's snapshots and clears (pure, unit-tested).
 * A snapshot is a server-side copy (Range.copyFrom) to a hidden sheet at the same address; like paste in
 * Excel, copying a range that holds a whole table would paste a new table, so `splitAroundTables` cuts
 * every region at the header row of any table it fully contains (a table's header row, or its body, alone
 * is only part of a table and pastes as plain cells).
 */
import type { RangeRef } from '../address';

export const contains = (outer: RangeRef, inner: RangeRef) =>
  outer.top <= inner.top && outer.left <= inner.left && outer.bottom >= inner.bottom && outer.right >= inner.right;

const overlaps = (a: RangeRef, b: RangeRef) => a.left <= b.right && b.left <= a.right && a.top <= b.bottom && b.top <= a.bottom;

/** `a` minus every hole, as disjoint rectangles (bands above/below, then left/right of each hole). */
export function subtract(a: RangeRef, holes: RangeRef[]): RangeRef[] {
  let pieces = [a];
  for (const h of holes) {
    const next: RangeRef[] = [];
    for (const p of pieces) {
      if (!overlaps(p, h)) {
        next.push(p);
        continue;
      }
      const top = Math.max(p.top, h.top);
      const bottom = Math.min(p.bottom, h.bottom);
      if (p.top < h.top) next.push({ ...p, bottom: h.top - 1 });
      if (p.bottom > h.bottom) next.push({ ...p, top: h.bottom + 1 });
      if (p.left < h.left) next.push({ top, bottom, left: p.left, right: h.left - 1 });
      if (p.right > h.right) next.push({ top, bottom, left: h.right + 1, right: p.right });
    }
    pieces = next;
  }
  return pieces;
}

/** Cuts each region that fully contains a table at that table's header row. */
export function splitAroundTables(regions: RangeRef[], tables: RangeRef[]): RangeRef[] {
  const out: RangeRef[] = [];
  const queue = [...regions];
  while (queue.length > 0) {
    const r = queue.pop()!;
    const t = tables.find((x) => contains(r, x));
    if (!t) {
      out.push(r);
      continue;
    }
    if (r.top < t.top) queue.push({ ...r, bottom: t.top - 1 });
    out.push({ ...r, top: t.top, bottom: t.top }); // the header row alone
    if (r.bottom > t.top) queue.push({ ...r, top: t.top + 1 });
  }
  return out;
}

/** Drops regions another region already covers; keeps the order of the rest. */
export function withoutCovered(regions: RangeRef[]): RangeRef[] {
  return regions.filter((r, i) => !regions.some((o, j) => j !== i && contains(o, r) && (!contains(r, o) || j < i)));
}
