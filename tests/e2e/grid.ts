/** Reading the standalone preview grid in the browser suite (it draws only the rows in view). */
import { type Locator } from 'playwright-core';

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

/** Column letters to a number (A = 1, AA = 27), to order a row's cells. */
const columnNumber = (letters: string) => [...letters].reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0);

/**
 * The texts of the row whose column-A cell is `label` in a preview grid, in column order (A first), read
 * wherever the grid is scrolled to; empty when no row has that label.
 */
export async function rowOf(grid: Locator, label: string): Promise<string[]> {
  const cells = await allCells(grid);
  const at = [...cells].find(([address, text]) => /^A\d+$/.test(address) && text === label)?.[0];
  if (!at) return [];
  const row = at.slice(1);
  return [...cells]
    .filter(([address]) => address.replace(/^[A-Z]+/, '') === row)
    .sort(([a], [b]) => columnNumber(/^[A-Z]+/.exec(a)![0]) - columnNumber(/^[A-Z]+/.exec(b)![0]))
    .map(([, text]) => text);
}
