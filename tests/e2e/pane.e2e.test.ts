/**
 * The pane as a person uses it: the production build served on localhost, opened in headless
 * Chromium (standalone mode: office.js answers with host null), data loaded, a slider moved.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadReferenceData, writeResults } from '../../scripts/paneActions';
import { openHeadlessPane, type HeadlessPane } from '../../scripts/headlessPane';
import { allCells, rowByLabel, showCell } from './grid';
import { XlsxWorkbook } from '../../src/workbook/xlsx/xlsxWorkbook';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const shots = join(root, 'test-results');

let pane: HeadlessPane;

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  pane = await openHeadlessPane(root);
});

afterAll(async () => {
  await pane?.close();
});

async function openPane(options: { blockOfficeJs?: boolean } = {}): Promise<{ page: Page; errors: string[] }> {
  // Reduced motion: screenshots show the selected tab's indicator where it ends, not mid-animation.
  const page = await pane.browser.newPage({ viewport: { width: 1440, height: 900 }, reducedMotion: 'reduce' });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  if (options.blockOfficeJs) await page.route('**/office.js', (route) => route.abort());
  await page.goto(`${pane.url}/taskpane.html`);
  await page.getByRole('main', { name: 'Reversal Lab task pane' }).waitFor({ timeout: 30000 });
  return { page, errors };
}

describe('task pane in a browser (standalone, in-memory workbook)', () => {
  it('moving the China NEV ceiling slider rewrites the results cells', async () => {
    const { page, errors } = await openPane();
    await writeResults(page);
    const before = await rowByLabel(page, 'nev.share.China');
    expect(before.length).toBeGreaterThan(20);

    const slider = page.locator('input[type="range"][data-param="nev.ceiling.China"]');
    await slider.focus();
    await page.keyboard.press('Home'); // lowest ceiling the registry allows
    await expect.poll(async () => (await rowByLabel(page, 'nev.share.China')).join('|'), { timeout: 15000 }).not.toBe(before.join('|'));
    const after = await rowByLabel(page, 'nev.share.China');
    // 2040 is the last filled column (the editable grid draws one empty column after it); a lower
    // ceiling gives a lower long-run share.
    const last = (cells: string[]) =>
      Number.parseFloat(
        cells
          .filter((c) => c.trim() !== '')
          .at(-1)!
          .replace(/[^0-9.-]/g, ''),
      );
    expect(last(after)).toBeLessThan(last(before));
    await page.screenshot({ path: join(shots, 'pane-results.png') });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('keeps the workbook across a reload, and keeps a corrupted save aside with a notice', async () => {
    const { page } = await openPane();
    await page.getByRole('button', { name: 'Write results' }).click();
    await page.getByRole('tab', { name: 'Results', exact: true }).waitFor({ timeout: 30000 });
    await page.waitForTimeout(800); // the save is debounced
    await page.reload();
    // The workbook came back with both sheets the run wrote (Inputs and Results); open Results as a person would.
    await page.getByRole('tab', { name: 'Inputs', exact: true }).waitFor({ timeout: 30000 });
    await page.getByRole('tab', { name: 'Results', exact: true }).click({ timeout: 30000 });
    expect(await page.getByRole('grid', { name: 'Sheet Results' }).textContent()).toContain('nev.share.China');

    await page.evaluate(() => localStorage.setItem('reversal-lab.workbook.v1', '{"version":1,"sheets":[{"name":'));
    await page.reload();
    await page.getByText(/could not be restored/).waitFor({ timeout: 30000 });
    const kept = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes('.unreadable.')).length);
    expect(kept).toBe(1);
    await page.close();
  });

  it('downloads the workbook as an .xlsx whose Results hold the cells the preview shows', async () => {
    const { page, errors } = await openPane();
    await writeResults(page);
    const shown = await rowByLabel(page, 'nev.sales.China');
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 30000 }),
      page.getByRole('button', { name: 'Download .xlsx' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^reversal-lab-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const file = await XlsxWorkbook.fromBytes(readFileSync((await download.path())!));
    expect(await file.listSheets()).toContain('Results');
    const results = (await file.readSheet('Results'))!;
    const row = results.values.find((r) => r[0] === 'nev.sales.China')!;
    expect(row).toBeDefined();
    // The preview shows 2015 China NEV sales as "1,234,567"; the file holds the number itself.
    const firstYear = shown[3].replace(/,/g, '');
    expect(Number(firstYear)).toBeGreaterThan(0);
    expect(Math.round(row[3] as number)).toBe(Number(firstYear));
    expect(file.listNames().some((n) => n.name === 'RL_nev.sales.China')).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('edits the NEV history in the grid by keyboard, and the results follow', async () => {
    const { page, errors } = await openPane();
    await loadReferenceData(page);
    await writeResults(page);
    const before = (await rowByLabel(page, 'nev.share.China')).join('|');

    await page.getByRole('tab', { name: 'NEV sales', exact: true }).click();
    const grid = page.getByRole('grid', { name: 'Sheet NEV sales' });
    await grid.waitFor();
    // Find the China 2024 share cell from the header row, then type a revised value over it.
    const cells = await allCells(grid);
    const split = (at: string) => ({ col: /^[A-Z]+/.exec(at)![0], row: Number(/\d+$/.exec(at)![0]) });
    const headerAt = [...cells].find(([, text]) => text === 'region')![0];
    const headerRow = split(headerAt).row;
    const columnOf = (re: RegExp) => [...cells].find(([at, text]) => split(at).row === headerRow && re.test(text))![0].replace(/\d+$/, '');
    const [region, year, share] = [columnOf(/^region$/), columnOf(/^year$/), columnOf(/share/)];
    const row = [...cells]
      .map(([at]) => split(at).row)
      .find((r) => cells.get(`${region}${r}`) === 'China' && cells.get(`${year}${r}`) === '2024')!;
    const address = `${share}${row}`;
    await showCell(grid, address);
    const target = grid.locator(`td[data-cell="${address}"]`);
    await target.click();
    await page.keyboard.type('0.2');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await target.textContent())?.trim(), { timeout: 5000 }).toMatch(/^(0\.2|20(\.0)?%|0\.20?)$/);
    // Enter moved the selection one row down, as in Excel.
    const below = address.replace(/\d+$/, (n) => String(Number(n) + 1));
    expect(await grid.locator(`td[data-cell="${below}"]`).getAttribute('aria-selected')).toBe('true');

    await page.getByRole('tab', { name: 'Results', exact: true }).click();
    await expect.poll(async () => (await rowByLabel(page, 'nev.share.China')).join('|'), { timeout: 15000 }).not.toBe(before);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('starts in standalone mode when office.js cannot be loaded at all', async () => {
    const { page } = await openPane({ blockOfficeJs: true });
    await page.getByText('Standalone workbook').waitFor();
    await expect.poll(() => page.getByRole('button', { name: 'Write results' }).isEnabled(), { timeout: 30000 }).toBe(true);
    await page.close();
  });
});
