/**
 * The webpack build, run for real on a small fixture app (tests/manifest/fixtures/app) so the test does not
 * depend on the state of src/: shared-runtime page with both chunks, functions.json, vendor chunks, exceljs
 * on demand, a module worker, the production manifest rewritten to RLAB_BASE_URL and valid, the license gate,
 * and the page starting in Chromium with office.js served locally or blocked.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { measureDist } from '../../scripts/bundle-size';
import { checkLicenses } from '../../scripts/check-licenses';
import { CHROMIUM_ARGS, chromiumPath } from '../../scripts/headlessPane';
import { startServer, type RunningServer } from '../../scripts/serve';
import { listFiles, validateManifestFile } from '../../scripts/validate-manifest';

const run = promisify(execFile);
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const WEBPACK_CLI = join(root, 'node_modules', 'webpack-cli', 'bin', 'cli.js');
const CHROMIUM = chromiumPath();
const BASE_URL = 'https://addins.example.org/reversal-lab';
const fixtureEnv = [
  '--env',
  'taskpaneEntry=./tests/manifest/fixtures/app/index.tsx',
  '--env',
  'functionsEntry=./tests/manifest/fixtures/app/functions.ts',
];

let sandbox: string;
let prodDir: string;
let localDir: string;

function webpack(args: string[], env: NodeJS.ProcessEnv = {}) {
  return run(process.execPath, [WEBPACK_CLI, ...args], { cwd: root, env: { ...process.env, ...env }, maxBuffer: 16 * 1024 * 1024 });
}

beforeAll(async () => {
  sandbox = mkdtempSync(join(tmpdir(), 'rlab-build-'));
  prodDir = join(sandbox, 'prod');
  localDir = join(sandbox, 'local');
  await Promise.all([
    webpack(['--mode', 'production', ...fixtureEnv, '--env', `outputPath=${prodDir}`], { RLAB_BASE_URL: `${BASE_URL}/` }),
    webpack(['--mode', 'development', ...fixtureEnv, '--env', `outputPath=${localDir}`], { RLAB_BASE_URL: '' }),
  ]);
}, 240_000);

afterAll(() => rmSync(sandbox, { recursive: true, force: true }));

const read = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8');
const scriptSrcs = (html: string) => [...html.matchAll(/<script\b[^>]*\bsrc="?([^" >]+)/g)].map((m) => m[1]);

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

describe('development build in Chromium', () => {
  let server: RunningServer;
  let browser: Browser | undefined;

  beforeAll(async () => {
    server = await startServer({ port: 0, root: localDir });
    if (existsSync(CHROMIUM)) browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('keeps the manifest on https://localhost:3000 and loads office.js from /office-js/', () => {
    expect(read(localDir, 'manifest.xml')).toContain('<SourceLocation DefaultValue="https://localhost:3000/taskpane.html"/>');
    expect(scriptSrcs(read(localDir, 'taskpane.html'))[0]).toBe('/office-js/office.js');
  });

  // office.js served locally, as npm start serves it. The same page with office.js blocked (the template's onerror)
  // is checked on the production build by the browser suite (tests/e2e/pane.e2e.test.ts).
  it('starts with office.js served locally: pane renders, worker answers, no page errors', async () => {
    if (!browser) return expect.fail(`Chromium not found at ${CHROMIUM} (set CHROMIUM_PATH)`);
    const page = await browser.newPage();
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
