/**
 * `npm run check:code`: the type check and the lint of `npm test` in one step. It checks exactly what
 * `npm run typecheck` (tsconfig.json, then tsconfig.model.json) and `npm run lint` (eslint.config.js) check.
 *
 * - The type check is TypeScript 7's native compiler (the `typescript-7` devDependency), single-threaded:
 *   about 4 s of CPU for the whole tree against about 25 s for TypeScript 5.9's `tsc` (measured on this project).
 * - ESLint's type-aware rules need a program from TypeScript's JavaScript API, which TypeScript 7 does not have
 *   yet; they get one TypeScript 5.9 program of the files they lint (the `typescript` devDependency, which
 *   typescript-eslint and custom-functions-metadata also use). The rules ask it for the types they need; nothing
 *   checks the whole program twice.
 * The two run side by side. Prints the compilers' diagnostics, then ESLint's report (stylish); exits 1 when either
 * finds an error. Plain JavaScript (no tsx) so that it starts at once.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { ESLint } from 'eslint';
import { TYPED_FILES } from '../eslint.config.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const TSC_7 = join(dirname(createRequire(import.meta.url).resolve('typescript-7/package.json')), 'bin', 'tsc');
const CONFIGS = ['tsconfig.json', 'tsconfig.model.json'];

/** `tsc -p <config>` with TypeScript 7; resolves with its output and whether it found no error. */
function typecheck(config) {
  const args = [TSC_7, '-p', join(root, config), '--singleThreaded', '--pretty', String(Boolean(process.stdout.isTTY))];
  return new Promise((done) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', (error) => done({ output: `${error.message}\n`, ok: false }));
    child.on('close', (code) => done({ output, ok: code === 0 }));
  });
}

/**
 * ESLint with the program its type-aware rules read (TypeScript 5.9's API; not checked here): tsconfig.json's options,
 * rooted at the files eslint.config.js lints with types (TYPED_FILES, as ESLint itself resolves them for each file of
 * tsconfig.json), and whatever those import. The tests are left out, as ESLint parses them itself (2.5 s of CPU and
 * 330 MB less than the whole tree). The program goes into the `programs` array the override already holds, which
 * typescript-eslint reads at lint time; a typed file missing from it fails the lint ("not found in any of the
 * provided programs"). Without a readable tsconfig.json the rules fall back to the project service.
 */
async function lintWithProgram() {
  const host = { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} };
  const parsed = ts.getParsedCommandLineOfConfigFile(join(root, 'tsconfig.json'), undefined, host);
  if (!parsed) return new ESLint({ cwd: root });
  const programs = [];
  const eslint = new ESLint({
    cwd: root,
    overrideConfig: [{ ...TYPED_FILES, languageOptions: { parserOptions: { projectService: false, programs } } }],
  });
  const typed = [];
  for (const file of parsed.fileNames)
    if ((await eslint.calculateConfigForFile(file))?.languageOptions?.parserOptions?.programs === programs) typed.push(file);
  programs.push(ts.createProgram({ rootNames: typed, options: parsed.options }));
  return eslint;
}

async function lint() {
  const eslint = await lintWithProgram();
  const results = await eslint.lintFiles(['.']);
  const report = (await eslint.loadFormatter('stylish')).format(results);
  const errors = results.reduce((n, r) => n + r.errorCount, 0);
  return { report, summary: `eslint: ${results.length} files, ${errors ? `${errors} error(s)` : 'no errors'}\n`, ok: errors === 0 };
}

async function main() {
  // Both type checks (child processes) start first and run while ESLint works in this process.
  const checks = Promise.all(CONFIGS.map(typecheck));
  const linted = lint();
  let failed = false;
  for (const [i, { output, ok }] of (await checks).entries()) {
    process.stdout.write(output);
    process.stdout.write(`typecheck ${CONFIGS[i]}: ${ok ? 'no errors' : 'errors (above)'}\n`);
    failed ||= !ok;
  }
  const { report, summary, ok } = await linted;
  if (report) process.stdout.write(report);
  process.stdout.write(summary);
  failed ||= !ok;
  process.exitCode = failed ? 1 : 0;
}

await main();
