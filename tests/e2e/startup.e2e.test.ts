/**
 * Start-up of the production standalone build: what the page downloads before the pane can start. Sizes are
 * asserted (a budget). How long until the pane is drawn and until its first figures is printed by the journey
 * at each width (journey.e2e.test.ts, step 1: figures after the pane), not asserted (it depends on the machine;
 * `npm run bench pane` measures it over several loads).
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { INITIAL_JS_BUDGET_BYTES, initialJsGzip, measureDist } from '../../scripts/bundle-size';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
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
});
