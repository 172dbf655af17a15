/** Reading the standalone preview grid in the browser suite (it draws only the rows in view). */
import { type Locator } from 'playwright-core';
import { parseCell } from '../../src/workbook/address';

/**
 * Every cell of a preview grid by address: the grid draws only the rows in view, so this scrolls through
 * it (as a person would), collects what each position shows, and scrolls back to where it was.
 */
export async function allCells(grid: Locator): Promise<Map<string, string>> {
  const entries = await grid.evaluate(async (table) => {
    const scroller = table.closest('[data-grid-scroller]') as HTMLElement;
    const frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const cells = new Map<string, string>();
    const collect = () =>
      table.querySelectorAll('td[data-cell]').forEach((td) => cells.set(td.getAttribute('data-cell')!, td.textContent ?? ''));
    const was = scroller.scrollTop;
    scroller.scrollTop = 0;
    await frame();
    for (let guard = 0; guard < 200; guard++) {
      collect();
      if (scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 1) break;
      scroller.scrollTop += Math.max(24, scroller.clientHeight * 0.8);
      await frame();
    }
    scroller.scrollTop = was; // reading leaves the view where it was
    await frame();
    return [...cells.entries()];
  });
  return new Map(entries);
}

/** Scrolls the grid so the row of `address` is drawn. */
export async function showCell(grid: Locator, address: string): Promise<void> {
  await grid.evaluate(async (table, at) => {
    const scroller = table.closest('[data-grid-scroller]') as HTMLElement;
    const row = Number(/\d+$/.exec(at)![0]);
    scroller.scrollTop = Math.max(0, row * 24 - scroller.clientHeight / 2);
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  }, address);
  await grid.locator(`td[data-cell="${address}"]`).waitFor();
}

/**
 * The texts of the row whose column-A cell is `label` in a preview grid, in column order (A first), read
 * wherever the grid is scrolled to; empty when no row has that label. Scrolls down from the top only until
 * that row is drawn (the first such row, as reading every cell would give), then back to where it was.
 */
export async function rowOf(grid: Locator, label: string): Promise<string[]> {
  const entries = await grid.evaluate(async (table, label) => {
    const scroller = table.closest('[data-grid-scroller]') as HTMLElement;
    const frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const find = () =>
      [...table.querySelectorAll('td[data-cell]')].find((td) => /^A\d+$/.test(td.getAttribute('data-cell')!) && td.textContent === label);
    const was = scroller.scrollTop;
    if (was !== 0) {
      scroller.scrollTop = 0;
      await frame();
    }
    let found = find();
    for (let guard = 0; !found && guard < 200; guard++) {
      if (scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 1) break;
      scroller.scrollTop += Math.max(24, scroller.clientHeight * 0.8);
      await frame();
      found = find();
    }
    const row = found?.getAttribute('data-cell')!.slice(1);
    const cells = row
      ? [...table.querySelectorAll('td[data-cell]')]
          .filter((td) => td.getAttribute('data-cell')!.replace(/^[A-Z]+/, '') === row)
          .map((td) => [td.getAttribute('data-cell')!, td.textContent ?? ''] as const)
      : [];
    if (scroller.scrollTop !== was) {
      scroller.scrollTop = was; // reading leaves the view where it was
      await frame();
    }
    return cells;
  }, label);
  return entries
    .map(([address, text]) => ({ at: parseCell(address)!, text }))
    .sort((a, b) => a.at.col - b.at.col)
    .map(({ text }) => text);
}
