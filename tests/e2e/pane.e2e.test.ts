/**
 * The pane across page loads: the production build served on localhost, opened in headless Chromium
 * (standalone mode: office.js answers with host null). What a person does within one load (sliders, typed
 * values, the grid edited by keyboard, the download) is in journey.e2e.test.ts.
 */
import { type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HeadlessPane } from '../../scripts/headlessPane';
import { connectPane } from './pane';

let pane: HeadlessPane;

beforeAll(async () => {
  pane = await connectPane();
});

afterAll(async () => {
  await pane?.close();
});

async function openPane(options: { blockOfficeJs?: boolean } = {}): Promise<{ page: Page; errors: string[] }> {
  const page = await pane.browser.newPage({ viewport: { width: 1440, height: 900 }, reducedMotion: 'reduce' });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  if (options.blockOfficeJs) await page.route('**/office.js', (route) => route.abort());
  await page.goto(`${pane.url}/taskpane.html`);
  await page.getByRole('main', { name: 'Reversal Lab task pane' }).waitFor({ timeout: 30000 });
  return { page, errors };
}

describe('task pane in a browser (standalone, in-memory workbook)', () => {
  it('keeps the workbook across a reload, and keeps a corrupted save aside with a notice', async () => {
    const { page } = await openPane();
    await page.getByRole('button', { name: 'Write results' }).click();
    await page.getByRole('tab', { name: 'Results', exact: true }).waitFor({ timeout: 30000 });
    // The save is debounced and runs when the page is idle: wait until the stored workbook has Results.
    await expect
      .poll(() => page.evaluate(() => localStorage.getItem('reversal-lab.workbook.v1')?.includes('"Results"') ?? false), { timeout: 10000 })
      .toBe(true);
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

  it('starts in standalone mode when office.js cannot be loaded at all', async () => {
    const { page } = await openPane({ blockOfficeJs: true });
    await page.getByText('Standalone workbook').waitFor();
    await expect.poll(() => page.getByRole('button', { name: 'Write results' }).isEnabled(), { timeout: 30000 }).toBe(true);
    await page.close();
  });
});
