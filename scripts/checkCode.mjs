/**
 * `npm run check:code`: the type check and the lint of `npm test` in one step. It checks exactly what
 * `npm run typecheck` (tsconfig.json, then tsconfig.model.json) and `npm run lint` (eslint.config.js) check.
 *
 * - The type check is TypeScript 7's native compiler (the `typescript-7` devDependency), single-threaded:
 *   about 4 s of CPU for the whole tree against about 25 s for TypeScript 5.9's `tsc` (measured on this project).
 * - ESLint's type-aware rules need a program from TypeScript's JavaScript API, which TypeScript 7 does not have
 *   yet; they get one TypeScript 5.9 program of tsconfig.json's files (the `typescript` devDependency, which
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

/** The shipped code's files of tsconfig.json (src/, tests excluded): what TYPED_FILES in eslint.config.js lints with types. */
const isTyped = (file) => file.startsWith(`${root}/src/`.replaceAll('\\', '/')) && !/\.test\.tsx?$/.test(file);

/**
 * The program the type-aware lint rules read (TypeScript 5.9's API; not checked here): tsconfig.json's options, rooted
 * at the files they lint, and whatever those import. The tests are left out, as ESLint parses them itself (about 1 s
 * of CPU less); a typed file missing from the program fails the lint ("not found in any of the provided programs").
 */
function lintProgram() {
  const host = { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} };
  const parsed = ts.getParsedCommandLineOfConfigFile(join(root, 'tsconfig.json'), undefined, host);
  return parsed ? ts.createProgram({ rootNames: parsed.fileNames.filter(isTyped), options: parsed.options }) : null;
}

async function lint() {
  // Every file eslint.config.js lints with type information (TYPED_FILES) is in tsconfig.json's program, so the
  // rules see the same types as through the project service; a file missing from it fails the lint.
  const program = lintProgram();
  const eslint = new ESLint({
    cwd: root,
    overrideConfig: program ? [{ ...TYPED_FILES, languageOptions: { parserOptions: { projectService: false, programs: [program] } } }] : [],
  });
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
