/**
 * The custom functions' metadata as custom-functions-metadata-plugin generates functions.json from the JSDoc of
 * src/functions/functions.ts (the same generator webpack runs): every function has a description, parameter
 * help and a help URL whose anchor exists on the add-in's help page and in docs/functions.md.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateCustomFunctionsMetadata } from 'custom-functions-metadata';
import { beforeAll, describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
interface Param {
  name: string;
  description?: string;
  type: string;
  dimensionality?: string;
  optional?: boolean;
}
interface Fn {
  id: string;
  description: string;
  helpUrl?: string;
  parameters: Param[];
  result: { type?: string; dimensionality?: string };
}
let functions: Fn[];

beforeAll(async () => {
  const generated = await generateCustomFunctionsMetadata([join(root, 'src/functions/functions.ts')], true);
  expect(generated.errors).toEqual([]);
  functions = (JSON.parse(generated.metadataJson) as { functions: Fn[] }).functions;
}, 60_000);

const SCENARIO_FUNCTIONS = ['SERIES', 'LANDEDCOST', 'BREAKEVENTARIFF', 'OPTIMALCHINASHARE'];

describe('custom functions metadata', () => {
  it('declares the scenario functions, each with the optional preset and overrides range last', () => {
    const ids = functions.map((f) => f.id);
    for (const id of [...SCENARIO_FUNCTIONS, 'BASSSHARE', 'CYCLETIME', 'CHINASHAREFORCYCLE', 'VERSION']) expect(ids).toContain(id);
    for (const id of SCENARIO_FUNCTIONS) {
      const f = functions.find((x) => x.id === id)!;
      const [preset, overrides] = f.parameters.slice(-2);
      expect(preset).toMatchObject({ name: 'preset', type: 'string', optional: true });
      expect(overrides).toMatchObject({ name: 'overrides', type: 'any', dimensionality: 'matrix', optional: true });
    }
    // SERIES spills: a matrix result, and its years may be a range.
    const series = functions.find((f) => f.id === 'SERIES')!;
    expect(series.result).toEqual({ type: 'number', dimensionality: 'matrix' });
    expect(series.parameters[1]).toMatchObject({ name: 'years', dimensionality: 'matrix', optional: true });
  });

  it('gives every function and parameter help text, and a help URL to an anchor that exists', () => {
    const support = readFileSync(join(root, 'assets/support.html'), 'utf8');
    const docs = readFileSync(join(root, 'docs/functions.md'), 'utf8');
    for (const f of functions) {
      expect(f.description.length, f.id).toBeGreaterThan(20);
      expect(f.description.length, `${f.id}: Excel shows short descriptions`).toBeLessThanOrEqual(255);
      for (const p of f.parameters) expect(p.description?.length ?? 0, `${f.id}(${p.name})`).toBeGreaterThan(5);
      const url = f.helpUrl ?? '';
      // https://localhost:3000 is rewritten to the deployment's base URL by the build, like the manifest.
      expect(url, f.id).toBe(`https://localhost:3000/assets/support.html#rlab-${f.id.toLowerCase()}`);
      expect(support, f.id).toContain(`id="rlab-${f.id.toLowerCase()}"`);
      expect(docs, f.id).toMatch(new RegExp(`^## RLAB\\.${f.id}\\b`, 'm'));
    }
  });
});
