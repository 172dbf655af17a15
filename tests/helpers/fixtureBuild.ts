/**
 * webpack builds of the small fixture app (tests/manifest/fixtures/app) with the project's webpack.config.js, so
 * the build tests do not depend on the state of src/: tests/manifest/build.test.ts (production) and
 * tests/e2e/devBuild.e2e.test.ts (development, opened in the browser suite's Chromium).
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const WEBPACK_CLI = join(root, 'node_modules', 'webpack-cli', 'bin', 'cli.js');

/** Builds the fixture app into outputPath; RLAB_BASE_URL as given ('' for none). */
export function buildFixture(mode: 'production' | 'development', outputPath: string, baseUrl: string) {
  const args = [
    WEBPACK_CLI,
    '--mode',
    mode,
    '--env',
    'taskpaneEntry=./tests/manifest/fixtures/app/index.tsx',
    '--env',
    'functionsEntry=./tests/manifest/fixtures/app/functions.ts',
    '--env',
    `outputPath=${outputPath}`,
  ];
  return run(process.execPath, args, { cwd: root, env: { ...process.env, RLAB_BASE_URL: baseUrl }, maxBuffer: 16 * 1024 * 1024 });
}

export const readOut = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8');

/** The src of every script tag of a page, in order. */
export const scriptSrcs = (html: string) => [...html.matchAll(/<script\b[^>]*\bsrc="?([^" >]+)/g)].map((m) => m[1]);
