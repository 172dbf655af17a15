/**
 * The pane when office.js cannot be loaded at all: the production build served on localhost, opened in headless
 * Chromium. What a person does (sliders, typed values, the grid edited by keyboard, the download, a reload that
 * brings the workbook back and a corrupted save set aside) is in journey.e2e.test.ts.
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
  it('starts in standalone mode when office.js cannot be loaded at all', async () => {
    const { page, errors } = await openPane({ blockOfficeJs: true });
    await page.getByText('Standalone workbook').waitFor();
    // The page's office.js tag failed (its onerror ran), and the pane went on without it.
    expect(await page.evaluate(() => (window as unknown as { __rlabOfficeJs: string }).__rlabOfficeJs)).toBe('failed');
    await expect.poll(() => page.getByRole('button', { name: 'Write results' }).isEnabled(), { timeout: 30000 }).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });
});
