/**
 * `npm run check:code`: the type check and the lint of `npm test` in one process. It checks exactly what
 * `npm run typecheck` (tsconfig.json, then tsconfig.model.json) and `npm run lint` (eslint.config.js) check,
 * but ESLint's type-aware rules read the TypeScript program the type check has just built and checked, instead
 * of building and checking the same files a second time through the project service (measured: about 15 s of
 * CPU less than the two commands one after the other). Both commands still run alone.
 *
 * Prints TypeScript's diagnostics, then ESLint's report (stylish); exits 1 when either finds an error.
 * Plain JavaScript (no tsx) so that it starts at once.
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { ESLint } from 'eslint';
import { TYPED_FILES } from '../eslint.config.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const pretty = Boolean(process.stdout.isTTY);

/** Builds and checks one tsconfig as `tsc -p <config>` (noEmit) does; returns the program and its diagnostics. */
function typecheck(configFile) {
  const failures = [];
  const host = { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => failures.push(d) };
  const parsed = ts.getParsedCommandLineOfConfigFile(configFile, undefined, host);
  if (!parsed) return { program: null, diagnostics: failures };
  const program = ts.createProgram({
    rootNames: parsed.fileNames,
    options: parsed.options,
    projectReferences: parsed.projectReferences,
    configFileParsingDiagnostics: ts.getConfigFileParsingDiagnostics(parsed),
  });
  return { program, diagnostics: ts.getPreEmitDiagnostics(program) };
}

function printDiagnostics(diagnostics) {
  const formatHost = { getCanonicalFileName: (f) => f, getCurrentDirectory: () => root, getNewLine: () => '\n' };
  const text = pretty ? ts.formatDiagnosticsWithColorAndContext(diagnostics, formatHost) : ts.formatDiagnostics(diagnostics, formatHost);
  process.stdout.write(text);
}

async function main() {
  let failed = false;
  let mainProgram = null;
  for (const config of ['tsconfig.json', 'tsconfig.model.json']) {
    const { program, diagnostics } = typecheck(join(root, config));
    if (config === 'tsconfig.json') mainProgram = program;
    const errors = diagnostics.filter((d) => d.category === ts.DiagnosticCategory.Error);
    printDiagnostics(diagnostics);
    process.stdout.write(`typecheck ${config}: ${errors.length ? `${errors.length} error(s)` : 'no errors'}\n`);
    failed ||= errors.length > 0;
  }

  // The files eslint.config.js lints with type information (TYPED_FILES) get the program above: every one of them
  // is in tsconfig.json's program, so the type-aware rules see the same types as the project service.
  const eslint = new ESLint({
    cwd: root,
    overrideConfig: mainProgram
      ? [
          {
            ...TYPED_FILES,
            languageOptions: { parserOptions: { projectService: false, programs: [mainProgram] } },
          },
        ]
      : [],
  });
  const results = await eslint.lintFiles(['.']);
  const report = (await eslint.loadFormatter('stylish')).format(results);
  if (report) process.stdout.write(report);
  const lintErrors = results.reduce((n, r) => n + r.errorCount, 0);
  process.stdout.write(`eslint: ${results.length} files, ${lintErrors ? `${lintErrors} error(s)` : 'no errors'}\n`);
  failed ||= lintErrors > 0;
  process.exitCode = failed ? 1 : 0;
}

await main();
