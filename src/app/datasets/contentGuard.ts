/**
 * A person's own content on a data sheet survives every load, import and refresh: dataset sheets are
 * not cleared (the old table goes with its cells, the title and the new table are written, everything
 * else on the sheet stays). The one way a write could still destroy content is a table that grows over
 * cells a person filled below or beside it; this guard finds those cells first, so the action can refuse
 * with their addresses and write nothing.
 */
import { columnIndexToLetters, parseCell, parseRange, type RangeRef } from '../../workbook/address';
import type { WritePlan } from '../../workbook/plan';
import type { OverwrittenCell, WorkbookPort } from '../../workbook/port';

export type { OverwrittenCell };

const LISTED = 5;

const inside = (r: number, c: number, range: RangeRef) => r >= range.top && r <= range.bottom && c >= range.left && c <= range.right;

/** Non-empty cells that the plan's tables would write over and that are not part of the table they replace. */
export async function findOverwrittenContent(port: WorkbookPort, plan: WritePlan): Promise<OverwrittenCell[]> {
  // An adapter that can read just the cells a table would grow over (Excel) does it in one round trip.
  if (port.findOverwritten) return port.findOverwritten(plan);
  const found: OverwrittenCell[] = [];
  const sheets = new Set((await port.listSheets()).map((s) => s.toLowerCase()));
  for (const block of plan.blocks) {
    if (!block.table || !sheets.has(block.sheet.toLowerCase())) continue;
    const anchor = parseCell(block.address);
    if (!anchor) continue;
    const target: RangeRef = {
      top: anchor.row,
      left: anchor.col,
      bottom: anchor.row + block.values.length - 1,
      right: anchor.col + block.values[0].length - 1,
    };
    // Cheap case first (no sheet read): the new table is no bigger than the old one, which the app wrote
    // at the same anchor, so it covers only the old table's own cells.
    const old = await port.readTable(block.table.name);
    if (old && old.length >= block.values.length && (old[0]?.length ?? 0) >= block.values[0].length) continue;
    const snapshot = await port.readSheet(block.sheet);
    if (!snapshot) continue;
    const ownRange = snapshot.tables?.find((t) => t.name.toLowerCase() === block.table!.name.toLowerCase());
    const own = ownRange ? parseRange(ownRange.address) : null;
    // Cells of other tables are refused by the adapters already (tables may not overlap).
    const others = (snapshot.tables ?? [])
      .filter((t) => t !== ownRange)
      .map((t) => parseRange(t.address))
      .filter((r): r is RangeRef => r !== null);
    for (let r = target.top; r <= Math.min(target.bottom, snapshot.values.length - 1); r++) {
      const row = snapshot.values[r];
      for (let c = target.left; c <= Math.min(target.right, row.length - 1); c++) {
        const v = row[c];
        const formula = snapshot.formulas?.[r]?.[c];
        if ((v === null || v === '') && !formula) continue;
        if (own && inside(r, c, own)) continue;
        if (others.some((o) => inside(r, c, o))) continue;
        found.push({ sheet: snapshot.name, address: `${columnIndexToLetters(c)}${r + 1}`, value: formula || String(v) });
      }
    }
  }
  return found;
}

/** The refusal message, listing the first cells and counting the rest; null when nothing would be lost. */
export function overwriteMessage(cells: OverwrittenCell[]): string | null {
  if (cells.length === 0) return null;
  const listed = cells
    .slice(0, LISTED)
    .map((c) => `${c.sheet}!${c.address} ("${c.value.length > 40 ? `${c.value.slice(0, 39)}…` : c.value}")`);
  const more = cells.length > LISTED ? ` and ${cells.length - LISTED} more` : '';
  return `the table would grow over your own content at ${listed.join(', ')}${more}; move it (or delete it) and try again`;
}

/** Throws with the refusal message when the plan would write over a person's content. */
export async function assertNoOverwrite(port: WorkbookPort, plan: WritePlan): Promise<void> {
  const message = overwriteMessage(await findOverwrittenContent(port, plan));
  if (message) throw new Error(message);
}
