/** Reading the standalone preview grid in the browser suite (it draws only the rows in view). */
import { type Locator, type Page } from 'playwright-core';

/**
 * Every cell of a preview grid by address: the grid draws only the rows in view, so this scrolls through
 * it (as a person would) and collects what each position shows.
 */
export async function allCells(grid: Locator): Promise<Map<string, string>> {
  const entries = await grid.evaluate(async (table) => {
    const scroller = table.closest('[data-grid-scroller]') as HTMLElement;
    const frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const cells = new Map<string, string>();
    const collect = () =>
      table.querySelectorAll('td[data-cell]').forEach((td) => cells.set(td.getAttribute('data-cell')!, td.textContent ?? ''));
    scroller.scrollTop = 0;
    await frame();
    for (let guard = 0; guard < 200; guard++) {
      collect();
      if (scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 1) break;
      scroller.scrollTop += Math.max(24, scroller.clientHeight * 0.8);
      await frame();
    }
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

/** Finds the preview row whose first cell is `label` and returns its cells' texts. */
export async function rowByLabel(page: Page, label: string): Promise<string[]> {
  const row = page
    .locator('[role="grid"] tbody tr', {
      has: page.locator('td', { hasText: new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }),
    })
    .first();
  return row.locator('td').allTextContents();
}
