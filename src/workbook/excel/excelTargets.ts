/**
 * Where a plan lands in a workbook the adapter has read (its Outline): the range a table block will
 * cover, whether an existing table is kept (written in place), and the regions to snapshot before
 * writing (see excelUndo.ts), per sheet.
 */
import type { RangeRef } from '../address';
import type { WriteBlock, WritePlan } from '../plan';
import { blockRange, META_SHEET } from '../validate';
import { metadataRows } from './excelMeta';
import type { Outline } from './excelOutline';
import { splitAroundTables, withoutCovered } from './excelRegions';

const low = (s: string) => s.toLowerCase();

/** The range a block's table will cover: a header-only table gets the empty data row Excel adds. */
export function tableTarget(block: WriteBlock): RangeRef {
  const r = blockRange(block)!;
  return block.values.length === 1 ? { ...r, bottom: r.bottom + 1 } : r;
}

/** A table the plan writes again at the same sheet and top-left cell is kept (written in place). */
export function keepsTable(o: Outline, block: WriteBlock): RangeRef | null {
  const t = block.table && o.table(block.table.name);
  if (!t?.range || low(t.sheet) !== low(block.sheet)) return null;
  const r = blockRange(block)!;
  return t.range.top === r.top && t.range.left === r.left ? t.range : null;
}

/** Regions the plan can change on sheets that exist, per sheet, split so none holds a whole table. */
export function snapshotRegions(plan: WritePlan, o: Outline): Map<string, RangeRef[]> {
  const bySheet = new Map<string, RangeRef[]>();
  const add = (sheet: string, box: RangeRef) => {
    const info = o.sheet(sheet);
    if (!info) return;
    if (!bySheet.has(info.name)) bySheet.set(info.name, []);
    bySheet.get(info.name)!.push(box);
  };
  for (const block of plan.blocks) {
    add(block.sheet, block.table ? tableTarget(block) : blockRange(block)!);
    const old = block.table && o.table(block.table.name);
    if (old?.range) add(old.sheet, old.range);
  }
  for (const s of plan.sheets) {
    const used = s.clear ? o.used.get(low(s.name)) : null;
    if (used) add(s.name, used);
  }
  if (plan.metadata?.length && o.sheet(META_SHEET)) {
    const rows = Math.max(o.metaRows, metadataRows(o.meta ?? new Map(), plan.metadata).length);
    add(META_SHEET, { top: 0, left: 0, bottom: rows - 1, right: 1 });
  }
  for (const [sheet, boxes] of bySheet) {
    const tables = o.tablesOnSheet(sheet).flatMap((t) => (t.range ? [t.range] : []));
    bySheet.set(sheet, withoutCovered(splitAroundTables(withoutCovered(boxes), tables)));
  }
  return bySheet;
}
