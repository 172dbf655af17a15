/**
 * Start-up of the production standalone build: what the page downloads before the pane can start, and
 * how long until the pane is drawn and until its first figures. Sizes are asserted (a budget); times are
 * printed, not asserted (they depend on the machine; `npm run bench pane` measures them over several loads).
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INITIAL_JS_BUDGET_BYTES, initialJsGzip, measureDist } from '../../scripts/bundle-size';
import { openHeadlessPane, type HeadlessPane } from '../../scripts/headlessPane';
import { startupMarks, waitForFigures } from '../../scripts/paneLatency';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
let pane: HeadlessPane;

beforeAll(async () => {
  pane = await openHeadlessPane(root);
});

afterAll(async () => {
  await pane?.close();
});

describe('start-up', () => {
  it('loads under 300 KB of gzipped JavaScript up front; charts, mathjs, papaparse and exceljs come on demand', () => {
    const sizes = measureDist(join(root, 'dist'));
    const initial = sizes.filter((s) => s.initial && s.file.endsWith('.js')).map((s) => s.file);
    const js = initialJsGzip(sizes);
    console.log(`initial JavaScript: ${(js / 1024).toFixed(1)} KiB gzip in ${initial.join(', ')}`);
    expect(js).toBeLessThan(INITIAL_JS_BUDGET_BYTES);
    for (const lazy of ['vendor-mathjs', 'vendor-papaparse', 'vendor-exceljs', 'chart.', 'app.'])
      expect(initial.some((f) => f.startsWith(lazy))).toBe(false);
  });

  it('draws the pane, then its figures (the time is printed; npm run bench pane gives the median of 5 loads)', async () => {
    const page = await pane.browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${pane.url}/taskpane.html`);
    await waitForFigures(page);
    const t = await startupMarks(page);
    await page.close();
    console.log(`start-up: pane drawn and usable ${t.pane.toFixed(0)} ms, first figures ${t.figures.toFixed(0)} ms after navigation`);
    expect(t.figures).toBeGreaterThanOrEqual(t.pane);
  });
});
