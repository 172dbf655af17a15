/**
 * The dependency rule of STYLE.md as a test: taskpane, functions, cli -> app -> data, workbook -> model.
 * Nothing in model/ imports from another folder of src/; mathjs only in model/math.ts; the Office
 * globals only in workbook/excel and functions.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findCycles, findImportViolations, findGlobalViolations, findTestCodeInSrc, type SourceFile } from './architecture';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function listSources(dir: string): SourceFile[] {
  const out: SourceFile[] = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...listSources(full));
    else if (/\.(ts|tsx)$/.test(name) && !/\.d\.ts$/.test(name)) {
      out.push({ path: relative(root, full).split(sep).join('/'), text: readFileSync(full, 'utf8') });
    }
  }
  return out;
}

describe('architecture', () => {
  const files = listSources(join(root, 'src'));

  it('finds the source tree', () => {
    expect(files.length).toBeGreaterThan(10);
    expect(files.some((f) => f.path.startsWith('src/model/'))).toBe(true);
  });

  it('keeps every import pointing inward', () => {
    expect(findImportViolations(files)).toEqual([]);
  });

  it('has no import cycle that loads code anywhere in src, and none at all (types too) in the app layer', () => {
    const shipped = files.filter((f) => !/\.test\.tsx?$/.test(f.path));
    expect(findCycles(shipped, false)).toEqual([]);
    expect(
      findCycles(
        shipped.filter((f) => f.path.startsWith('src/app/')),
        true,
      ),
    ).toEqual([]);
  });

  it('finds a cycle when there is one (the check can fail)', () => {
    const a = { path: 'src/app/a.ts', text: "import { b } from './b';\n" };
    const b = { path: 'src/app/b.ts', text: "import type { A } from './a';\n" };
    expect(findCycles([a, b], true)).toEqual(['src/app/a.ts -> src/app/b.ts -> src/app/a.ts']);
    expect(findCycles([a, b], false)).toEqual([]);
    const c = { path: 'src/app/c.ts', text: "export { b } from './b';\n" };
    const b2 = { path: 'src/app/b.ts', text: "import { c } from './c';\n" };
    expect(findCycles([b2, c], false)).toEqual(['src/app/b.ts -> src/app/c.ts -> src/app/b.ts']);
  });

  it('keeps the Excel and Office globals inside workbook/excel and functions', () => {
    expect(findGlobalViolations(files)).toEqual([]);
  });

  it('keeps test support code out of src (it lives in tests/helpers)', () => {
    expect(findTestCodeInSrc(files)).toEqual([]);
  });

  it('leaves the test environment to the vitest projects: no test file sets its own (a worker restarts on each change)', () => {
    const tests = [...files, ...listSources(join(root, 'tests'))].filter((f) => /\.test\.tsx?$/.test(f.path));
    expect(tests.length).toBeGreaterThan(50);
    expect(tests.filter((f) => /^\s*(\/\/|\/?\*+)\s*@vitest-environment\s/m.test(f.text)).map((f) => f.path)).toEqual([]);
  });

  it('catches test support files in src and shipped code importing from tests/', () => {
    const bad: SourceFile[] = [
      { path: 'src/model/sim/testing.ts', text: 'export const toy = 1;\n' },
      { path: 'src/data/testing/closeTo.ts', text: 'export const relClose = 1;\n' },
      { path: 'src/cli/fakeIo.ts', text: 'export const fakeIo = 1;\n' },
      { path: 'src/workbook/memory/memoryWorkbook.ts', text: "import { faultAfterBlocks } from '../../../tests/helpers/faults';\n" },
      { path: 'src/model/nev.test.ts', text: "import { isClose } from '../../tests/helpers/tolerance';\n" },
      { path: 'src/model/nev.ts', text: "import { x } from './trade';\n" },
    ];
    expect(findTestCodeInSrc(bad)).toEqual([
      'src/model/sim/testing.ts is test support code (it belongs under tests/helpers)',
      'src/data/testing/closeTo.ts is test support code (it belongs under tests/helpers)',
      'src/cli/fakeIo.ts is test support code (it belongs under tests/helpers)',
      "src/workbook/memory/memoryWorkbook.ts imports '../../../tests/helpers/faults' (shipped code may not import test code)",
    ]);
  });

  it('catches a model file that imports the app layer, mathjs outside math.ts and a stray Office call', () => {
    const bad: SourceFile[] = [
      { path: 'src/model/nev.ts', text: "import { x } from '../app/session';\n" },
      { path: 'src/model/exports.ts', text: "import { create } from 'mathjs';\n" },
      { path: 'src/data/csv.ts', text: "import React from 'react';\n" },
      { path: 'src/app/run.ts', text: 'await Excel.run(async (ctx) => ctx.sync());\n' },
      { path: 'src/taskpane/x.tsx', text: 'Office.onReady(() => {});\n' },
    ];
    const imports = findImportViolations(bad);
    expect(imports).toEqual([
      "src/model/nev.ts imports '../app/session' (model may not import app)",
      "src/model/exports.ts imports 'mathjs' (mathjs is imported only in src/model/math.ts)",
      "src/data/csv.ts imports 'react' (data may not import the package react)",
    ]);
    expect(findGlobalViolations(bad)).toEqual([
      'src/app/run.ts uses the Excel global (only src/workbook/excel and src/functions may)',
      'src/taskpane/x.tsx uses the Office global (only src/workbook/excel and src/functions may)',
    ]);
  });
});
