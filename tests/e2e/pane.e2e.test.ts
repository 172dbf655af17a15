/**
 * The pane as a person uses it: the production build served on localhost, opened in headless
 * Chromium (standalone mode: office.js answers with host null), data loaded, a slider moved.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadReferenceData, writeResults } from '../../scripts/paneActions';
import { openHeadlessPane, type HeadlessPane } from '../../scripts/headlessPane';
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

/**
 * Every cell of a preview grid by address: the grid draws only the rows in view, so this scrolls through
 * it (as a person would) and collects what each position shows.
 */
async function allCells(grid: Locator): Promise<Map<string, string>> {
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
async function showCell(grid: Locator, address: string): Promise<void> {
  await grid.evaluate(async (table, at) => {
    const scroller = table.closest('[data-grid-scroller]') as HTMLElement;
    const row = Number(/\d+$/.exec(at)![0]);
    scroller.scrollTop = Math.max(0, row * 24 - scroller.clientHeight / 2);
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  }, address);
  await grid.locator(`td[data-cell="${address}"]`).waitFor();
}

/** Finds the preview row whose first cell is `label` and returns its cells' texts. */
async function rowByLabel(page: Page, label: string): Promise<string[]> {
  const row = page
    .locator('[role="grid"] tbody tr', {
      has: page.locator('td', { hasText: new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }),
    })
    .first();
  return row.locator('td').allTextContents();
}

describe('task pane in a browser (standalone, in-memory workbook)', () => {
  it('loads the sourced supplier facts into a Suppliers sheet', async () => {
    const { page, errors } = await openPane();
    await page.getByText('Standalone workbook').waitFor();
    await loadReferenceData(page);
    await page.getByRole('tab', { name: 'Suppliers', exact: true }).click();
    const grid = page.getByRole('grid', { name: 'Sheet Suppliers' });
    await grid.waitFor();
    const text = [...(await allCells(grid)).values()].join(' ');
    expect(text).toContain('Bosch (Robert Bosch GmbH)');
    expect(text).toContain('CATL');
    expect(text).toMatch(/per article|verified/);
    expect(text).toContain('https://');
    await page.screenshot({ path: join(shots, 'pane-suppliers.png') });
    expect(errors).toEqual([]);
    await page.close();
  });

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

  it('runs a seeded Monte Carlo in the worker and writes percentiles', async () => {
    const { page, errors } = await openPane();
    await page.getByRole('tab', { name: 'Simulation' }).click();
    const iterations = page.getByRole('spinbutton', { name: 'Iterations' });
    await iterations.fill('1000');
    await page.getByRole('button', { name: 'Run simulation' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /Ran 1,000 trials/ })
      .waitFor({ timeout: 60000 });
    const table = page.getByRole('table', { name: 'Simulation percentiles' });
    const rows = await table.locator('tbody tr').all();
    expect(rows.length).toBeGreaterThan(2);
    const num = (t: string) => Number.parseFloat(t.replace(/[^0-9.-]/g, ''));
    for (const row of rows) {
      const cells = await row.locator('td').allTextContents(); // P5, P50, P95 (the year is the row header)
      if (cells.length === 0) continue; // the output's name across the table
      const [p5, p50, p95] = cells.map(num);
      expect(p5).toBeLessThanOrEqual(p50);
      expect(p50).toBeLessThanOrEqual(p95);
    }
    await page.getByRole('tab', { name: 'Simulation', exact: true }).last().click();
    expect(await page.getByRole('grid', { name: 'Sheet Simulation' }).textContent()).toContain('P95');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('refuses an invalid import with a report naming row, column and value, and writes nothing', async () => {
    const { page, errors } = await openPane();
    await page.getByRole('tab', { name: 'Data' }).click();
    await page.getByRole('combobox', { name: 'Import as' }).click();
    await page.getByRole('option', { name: 'NEV sales by region' }).click();
    await page.getByLabel('Choose a file to import').setInputFiles(join(root, 'tests/fixtures/import/text-in-number.input.csv'));
    const report = page.getByRole('status').filter({ hasText: /so nothing was written/ });
    await report.waitFor({ timeout: 30000 });
    const text = await report.textContent();
    expect(text).toContain('bev_sales_vehicles');
    expect(text).toContain('lots');
    expect(await page.getByRole('tab', { name: 'NEV sales' }).count()).toBe(0);

    // A valid UTF-16 file with BOM imports, umlauts and CJK intact.
    await page.getByRole('combobox', { name: 'Import as' }).click();
    await page.getByRole('option', { name: /Tariffs/ }).click();
    await page.getByLabel('Choose a file to import').setInputFiles(join(root, 'tests/fixtures/import/utf16-bom.input.csv'));
    await page
      .getByRole('status')
      .filter({ hasText: /Wrote 1 row to Tariffs/ })
      .waitFor({ timeout: 30000 });
    const grid = page.getByRole('grid', { name: 'Sheet Tariffs' });
    expect(await grid.textContent()).toContain('BEV 中国');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('draws a tornado for the China share in 2030', async () => {
    const { page } = await openPane();
    await page.getByRole('tab', { name: 'Sensitivity' }).click();
    await page.getByRole('button', { name: 'Run tornado' }).click();
    const chart = page
      .getByRole('figure', { name: 'What moves NEV share of new-car sales, China in 2030' })
      .and(page.locator(':not(section[aria-label="Workbook preview"] *)'));
    await chart.waitFor({ timeout: 30000 });
    // The China share moves with the uncertain NEV inputs (its ceiling, the adoption speed); inputs that do not move it are not drawn.
    const summary = await chart
      .getByRole('group')
      .evaluate((el) => document.getElementById(el.getAttribute('aria-describedby')!)!.textContent ?? '');
    expect(Number(/(\d+) inputs move it/.exec(summary)?.[1])).toBeGreaterThanOrEqual(2);
    expect(await page.getByText(/inputs do not move this output/).count()).toBe(1);
    await page.getByRole('tab', { name: 'Sensitivity', exact: true }).last().click();
    expect(await page.getByRole('grid', { name: 'Sheet Sensitivity' }).textContent()).toContain('nev.ceiling.China');
    await page.screenshot({ path: join(shots, 'pane-tornado.png') });
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
