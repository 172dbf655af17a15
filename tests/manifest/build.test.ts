/**
 * The production webpack build, run for real on a small fixture app (tests/manifest/fixtures/app) so the test does
 * not depend on the state of src/: shared-runtime page with both chunks, functions.json, vendor chunks, exceljs on
 * demand, a module worker, the production manifest rewritten to RLAB_BASE_URL and valid, and the license gate.
 * The development build of the same app, started in Chromium with office.js served locally, is in the browser
 * suite (tests/e2e/devBuild.e2e.test.ts), on the suite's Chromium; the production build of the real pane starting
 * with office.js blocked is tests/e2e/pane.e2e.test.ts.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { measureDist } from '../../scripts/bundle-size';
import { checkLicenses } from '../../scripts/check-licenses';
import { listFiles, validateManifestFile } from '../../scripts/validate-manifest';
import { buildFixture, readOut as read, root, scriptSrcs } from '../helpers/fixtureBuild';

const BASE_URL = 'https://addins.example.org/reversal-lab';

let sandbox: string;
let prodDir: string;

beforeAll(async () => {
  sandbox = mkdtempSync(join(tmpdir(), 'rlab-build-'));
  prodDir = join(sandbox, 'prod');
  await buildFixture('production', prodDir, `${BASE_URL}/`);
}, 240_000);

afterAll(() => rmSync(sandbox, { recursive: true, force: true }));

describe('production build', () => {
  it('loads office.js from the Office CDN first, then functions before the pane, with onerror on office.js', () => {
    const html = read(prodDir, 'taskpane.html');
    const srcs = scriptSrcs(html);
    expect(srcs[0]).toBe('https://appsforoffice.microsoft.com/lib/1/hosted/office.js');
    expect(html).toMatch(/office\.js[^>]*onerror=/);
    const functionsAt = srcs.indexOf('functions.js');
    const paneAt = srcs.findIndex((s) => /^taskpane\.[0-9a-f]{8}\.js$/.test(s));
    const runtimeAt = srcs.findIndex((s) => /^runtime\.[0-9a-f]{8}\.js$/.test(s));
    expect(runtimeAt).toBe(1); // one webpack runtime for both entries, right after office.js
    expect(functionsAt).toBeGreaterThan(runtimeAt);
    expect(paneAt).toBeGreaterThan(functionsAt);
    for (const vendor of ['react', 'fluent', 'mathjs'])
      expect(srcs.some((s) => new RegExp(`^vendor-${vendor}\\.[0-9a-f]{8}\\.js$`).test(s))).toBe(true);
    expect(srcs.some((s) => s.includes('exceljs'))).toBe(false);
  });

  it('emits functions.json from the JSDoc tags and associates the functions', () => {
    const metadata = JSON.parse(read(prodDir, 'functions.json')) as { functions: { id: string; parameters: { name: string }[] }[] };
    expect(metadata.functions.map((f) => f.id)).toEqual(['ADD']);
    expect(metadata.functions[0].parameters.map((p) => p.name)).toEqual(['first', 'second']);
    expect(read(prodDir, 'functions.js')).toContain('CustomFunctions.associate("ADD"');
  });

  it('puts exceljs in its own on-demand chunk and builds the module worker', () => {
    const files = readdirSync(prodDir);
    expect(files.some((f) => /^vendor-exceljs\.[0-9a-f]{8}\.js$/.test(f))).toBe(true);
    const sizes = measureDist(prodDir);
    expect(sizes.find((s) => s.file.startsWith('vendor-exceljs') && s.file.endsWith('.js'))?.initial).toBe(false);
    const workerChunks = files.filter((f) => f.endsWith('.js') && !/^(taskpane|functions|vendor-)/.test(f));
    expect(workerChunks.some((f) => read(prodDir, f).includes('postMessage'))).toBe(true);
  });

  it('rewrites every manifest URL to RLAB_BASE_URL, and the result passes schema and semantic checks', () => {
    const xml = read(prodDir, 'manifest.xml');
    expect(xml).not.toContain('localhost');
    expect(xml).toContain(`<SourceLocation DefaultValue="${BASE_URL}/taskpane.html"/>`);
    const result = validateManifestFile(join(prodDir, 'manifest.xml'), { iconRoot: prodDir, emittedFiles: listFiles(prodDir) });
    expect(result.errors).toEqual([]);
  });

  it('lists the shipped modules, and every shipped package passes the license gate', () => {
    const { rows, problems } = checkLicenses(join(prodDir, 'stats-modules.json'), root);
    expect(problems).toEqual([]);
    const names = rows.map((r) => r.name);
    for (const name of ['react', 'react-dom', 'mathjs', 'exceljs', '@fluentui/react-text']) expect(names).toContain(name);
  });
});
