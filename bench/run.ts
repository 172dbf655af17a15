/**
 * `npm run bench` (tsx bench/run.ts [filter]): runs every bench/*.bench.ts in its own Node process, so each
 * reports an honest peak memory (its process's maxRSS), and prints all their lines. A bench file's
 * default export is `async () => string[]`. Exit code 1 when a bench fails to run.
 */
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = dirname(fileURLToPath(import.meta.url));
const filter = process.argv[2];
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts') && (!filter || f.includes(filter)))
  .sort();

function runOne(file: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    // --expose-gc lets a bench collect garbage between phases; tsx loads the TypeScript sources.
    const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', join(dir, 'child.ts'), join(dir, file)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

let failed = 0;
for (const file of files) {
  const started = performance.now();
  const { code, output } = await runOne(file);
  process.stdout.write(`== ${file} (${((performance.now() - started) / 1000).toFixed(1)} s, exit ${code}) ==\n${output.trimEnd()}\n\n`);
  if (code !== 0) failed++;
}
if (files.length === 0) process.stdout.write(`no bench/*.bench.ts matched "${filter ?? ''}"\n`);
process.exitCode = failed > 0 ? 1 : 0;
