/**
 * The development webpack build (what `npm start` serves), run for real on the small fixture app
 * (tests/manifest/fixtures/app, built by tests/helpers/fixtureBuild.ts) and started in the browser suite's Chromium
 * with office.js served locally: one runtime for both entries, the module worker, exceljs on demand. The production
 * build of the same app is checked without a browser by tests/manifest/build.test.ts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HeadlessPane } from '../../scripts/headlessPane';
import { startServer, type RunningServer } from '../../scripts/serve';
import { buildFixture, readOut as read, scriptSrcs } from '../helpers/fixtureBuild';
import { connectPane } from './pane';

let sandbox: string;
let localDir: string;
let server: RunningServer;
let pane: HeadlessPane;

beforeAll(async () => {
  sandbox = mkdtempSync(join(tmpdir(), 'rlab-dev-build-'));
  localDir = join(sandbox, 'local');
  await buildFixture('development', localDir, '');
  server = await startServer({ port: 0, root: localDir });
  pane = await connectPane();
}, 240_000);

afterAll(async () => {
  await pane?.close();
  await server?.close();
  rmSync(sandbox, { recursive: true, force: true });
});

describe('development build in Chromium', () => {
  it('keeps the manifest on https://localhost:3000 and loads office.js from /office-js/', () => {
    expect(read(localDir, 'manifest.xml')).toContain('<SourceLocation DefaultValue="https://localhost:3000/taskpane.html"/>');
    expect(scriptSrcs(read(localDir, 'taskpane.html'))[0]).toBe('/office-js/office.js');
  });

  // office.js served locally, as npm start serves it. The same page with office.js blocked (the template's onerror)
  // is checked on the production build of the real pane (pane.e2e.test.ts).
  it('starts with office.js served locally: pane renders, worker answers, no page errors', async () => {
    const page = await pane.browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.url}/taskpane.html`);
    await page.getByRole('main', { name: 'Fixture pane' }).waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('mean').textContent()).toBe('5');
    await page.getByTestId('worker-sum').filter({ hasText: '6.5' }).waitFor({ timeout: 10_000 });
    expect(await page.evaluate(() => (window as unknown as { __rlabOfficeJs: string }).__rlabOfficeJs)).toBe('loaded');
    // The module both entries import ran once: one runtime, one module cache for the page.
    expect(await page.evaluate(() => (window as unknown as { __rlabSharedLoads: number }).__rlabSharedLoads)).toBe(1);
    await page.getByRole('button', { name: 'Load exceljs' }).click();
    await page.waitForFunction(() => document.title === 'exceljs function', undefined, { timeout: 20_000 });
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);
});
