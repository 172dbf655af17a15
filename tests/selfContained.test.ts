/**
 * A user's clone has nothing beside it: no file tracked by git may read ../shared or an absolute path of
 * a development machine, and what the build and tests need (reference data, manifest XSDs) is in the repo.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** Paths of a development machine or the team's shared folder: never in a tracked file. */
const FORBIDDEN = /(?:^|[\s'"`(=])(?:\/work\/|\/tmp\/[\w.-]+\/|\/root\/|\/home\/\w+\/)|\.\.\/shared\b|\bshared\/(?:data|schemas)\b/;

function trackedFiles(): string[] {
  return execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' }).split('\0').filter(Boolean);
}

describe('self-contained repository', () => {
  it('finds no machine path or ../shared in any tracked text file', () => {
    const hits: string[] = [];
    for (const file of trackedFiles()) {
      // .ci/run names ../shared to prove it is absent in the isolated clone.
      if (
        file === 'package-lock.json' ||
        file === '.gitignore' ||
        file === '.ci/run' ||
        file === 'tests/selfContained.test.ts' ||
        /\.(png|ico|xlsx)$/.test(file)
      )
        continue;
      const text = readFileSync(join(root, file), 'utf8');
      text.split('\n').forEach((line, i) => {
        if (FORBIDDEN.test(line)) hits.push(`${file}:${i + 1}: ${line.trim().slice(0, 120)}`);
      });
    }
    expect(hits).toEqual([]);
  });

  it('catches the paths it is meant to catch', () => {
    for (const bad of [
      "join(root, '../shared/schemas')",
      'see /work/shared/data/README.md',
      "read('/tmp/session/x.csv')",
      'copies of shared/data',
    ])
      expect(FORBIDDEN.test(bad), bad).toBe(true);
    for (const good of ['manifest/schemas/OfficeAppManifestV1_1.xsd', 'src/data/reference/README.md', "mkdtempSync(join(tmpdir(), 'rl-'))"])
      expect(FORBIDDEN.test(good), good).toBe(false);
  });

  it('vendors the manifest XSDs with their licence notice and the reference data with its README', () => {
    for (const f of ['OfficeAppManifestV1_1.xsd', 'OfficeAppBasicTypesV1_0.xsd', 'TaskPaneAppVersionOverridesV1_0.xsd', 'README.md'])
      expect(existsSync(join(root, 'manifest', 'schemas', f)), f).toBe(true);
    expect(readFileSync(join(root, 'manifest', 'schemas', 'README.md'), 'utf8')).toMatch(/Open Specifications/);
    expect(readFileSync(join(root, 'src', 'data', 'reference', 'README.md'), 'utf8')).toMatch(/Status words/);
  });
});
