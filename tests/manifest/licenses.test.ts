/** scripts/check-licenses.ts on a fake bundle: a GPL package and an undeclared license must fail the gate. */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkLicenses, classifyLicense, formatTable, packageOf } from '../../scripts/check-licenses';

let sandbox: string;

function fakePackage(dir: string, pkg: Record<string, unknown>): void {
  mkdirSync(join(sandbox, dir), { recursive: true });
  writeFileSync(join(sandbox, dir, 'package.json'), JSON.stringify(pkg));
}

beforeAll(() => {
  sandbox = mkdtempSync(join(tmpdir(), 'rlab-licenses-'));
  writeFileSync(join(sandbox, 'package.json'), JSON.stringify({ name: 'reversal-lab', version: '0.1.0', license: 'MIT' }));
  fakePackage('node_modules/left-pad-mit', { name: 'left-pad-mit', version: '1.3.0', license: 'MIT' });
  fakePackage('node_modules/spreadsheet-engine', { name: 'spreadsheet-engine', version: '2.0.0', license: 'GPL-3.0-only' });
  fakePackage('node_modules/@scope/dual', { name: '@scope/dual', version: '3.1.0', license: '(MIT OR GPL-3.0-or-later)' });
  fakePackage('node_modules/old-style', { name: 'old-style', version: '0.0.1', licenses: [{ type: 'BSD-3-Clause' }] });
  fakePackage('node_modules/mystery', { name: 'mystery', version: '9.9.9' });
  fakePackage('node_modules/mystery/node_modules/left-pad-mit', { name: 'left-pad-mit', version: '1.3.0', license: 'MIT' });
  fakePackage('node_modules/left-pad-mit/node_modules/inner-lgpl', { name: 'inner-lgpl', version: '1.0.0', license: 'LGPL-2.1' });
  // A nested package.json inside a package (e.g. {"type":"module"}) must not be taken for the package's own.
  fakePackage('node_modules/@scope/dual/esm', { type: 'module' });
  const stats = {
    modules: [
      { resource: 'src/taskpane/index.tsx', chunks: ['taskpane'] },
      { resource: 'node_modules/left-pad-mit/index.js', chunks: ['taskpane'] },
      { resource: 'node_modules/left-pad-mit/lib/pad.js', chunks: ['taskpane', 'functions'] },
      { resource: 'node_modules/spreadsheet-engine/dist/engine.js', chunks: ['vendor-engine'] },
      { resource: 'node_modules/@scope/dual/esm/index.js', chunks: ['taskpane'] },
      { resource: 'node_modules/old-style/index.js', chunks: ['functions'] },
      { resource: 'node_modules/mystery/index.js', chunks: ['taskpane'] },
      { resource: 'node_modules/mystery/node_modules/left-pad-mit/index.js', chunks: ['vendor-x'] },
      { resource: 'node_modules/left-pad-mit/node_modules/inner-lgpl/index.js', chunks: ['taskpane'] },
    ],
  };
  mkdirSync(join(sandbox, 'dist'));
  writeFileSync(join(sandbox, 'dist', 'stats-modules.json'), JSON.stringify(stats));
});

afterAll(() => rmSync(sandbox, { recursive: true, force: true }));

describe('classifyLicense', () => {
  it.each([
    ['MIT', 'allowed'],
    ['Apache-2.0', 'allowed'],
    ['(MIT OR GPL-3.0-or-later)', 'allowed'],
    ['GPL-3.0-only', 'forbidden'],
    ['AGPL-3.0', 'forbidden'],
    ['LGPL-2.1+', 'forbidden'],
    ['MIT AND GPL-2.0', 'forbidden'],
    ['SEE LICENSE IN LICENSE.md', 'unknown'],
    ['', 'unknown'],
  ])('%s -> %s', (expression, verdict) => {
    expect(classifyLicense(expression)).toBe(verdict);
  });
});

describe('packageOf', () => {
  it('finds the innermost package, scoped or not, and nothing for own sources', () => {
    expect(packageOf('node_modules/@fluentui/react-text/lib/Text.js')).toEqual({
      dir: 'node_modules/@fluentui/react-text',
      name: '@fluentui/react-text',
    });
    expect(packageOf('node_modules/a/node_modules/b/x.js')).toEqual({ dir: 'node_modules/a/node_modules/b', name: 'b' });
    expect(packageOf('/abs/proj/node_modules/c/x.js')).toEqual({ dir: '/abs/proj/node_modules/c', name: 'c' });
    expect(packageOf('src/model/bass.ts')).toBeNull();
  });
});

describe('checkLicenses', () => {
  it('fails on the GPL and LGPL packages and on the undeclared license, and lists the rest', () => {
    const { rows, problems } = checkLicenses(join(sandbox, 'dist', 'stats-modules.json'), sandbox);
    expect(problems).toEqual([
      'inner-lgpl@1.0.0 is LGPL-2.1: copyleft licenses may not ship in the bundle (chunks: taskpane)',
      'mystery@9.9.9 has an unknown license "(none declared)": review it and add its SPDX id to ALLOWED_LICENSES if it is acceptable',
      'spreadsheet-engine@2.0.0 is GPL-3.0-only: copyleft licenses may not ship in the bundle (chunks: vendor-engine)',
    ]);
    const byName = Object.fromEntries(rows.map((r) => [r.name, r]));
    expect(byName['left-pad-mit']).toMatchObject({
      license: 'MIT',
      verdict: 'allowed',
      moduleCount: 3,
      chunks: ['taskpane', 'functions', 'vendor-x'],
    });
    expect(rows.filter((r) => r.name === 'left-pad-mit')).toHaveLength(1); // nested copy of the same version merged
    expect(byName['@scope/dual']).toMatchObject({ version: '3.1.0', verdict: 'allowed' });
    expect(byName['old-style']).toMatchObject({ license: 'BSD-3-Clause', verdict: 'allowed' });
    expect(byName['reversal-lab (own sources)']).toMatchObject({ license: 'MIT', moduleCount: 1 });
    const table = formatTable(rows);
    expect(table.split('\n')[0]).toMatch(/^package\s+version\s+license\s+verdict\s+files\s+chunks$/);
    expect(table).toMatch(/spreadsheet-engine\s+2\.0\.0\s+GPL-3\.0-only\s+forbidden\s+1\s+vendor-engine/);
  });

  it('explains a missing stats file', () => {
    const missing = join(sandbox, 'nowhere', 'stats-modules.json');
    expect(checkLicenses(missing, dirname(missing)).problems).toEqual([
      `${missing} not found: run "npm run build" (production) first; it writes the list of bundled modules`,
    ]);
  });
});
