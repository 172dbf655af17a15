/**
 * The compiled CLI (scripts/cliBuild.mjs -> dist-cli/, started by bin/reversal-lab.mjs) behaves exactly as the
 * TypeScript sources do, picks up every command src/cli/commands/index.ts lists, compiles the workers the
 * sources start, and refuses to run when a source changed since it was built. Start-up time is measured by
 * `npm run bench` (bench/cli.bench.ts), not here.
 *
 * The build under test is dist-cli/ itself when it is current (built from the sources as they are now, after the
 * last change to the build script: npm test builds it just before the unit tests), otherwise a fresh build in a
 * temporary folder. Either way it is what scripts/cliBuild.mjs makes of the current sources; an esbuild build of
 * the CLI costs about 5 s of CPU, which the test no longer spends twice.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, checkCompiledCli, currentBuild, DEFAULT_OUT_DIR, listOutput } from '../../scripts/cliBuild.mjs';
import type { CliBuildInfo } from '../../scripts/cliCheck.mjs';
import { commands } from '../../src/cli/commands/index';
import { runCli } from '../../src/cli/main';
import type { CliIo } from '../../src/cli/types';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const launcher = join(root, 'bin', 'reversal-lab.mjs');
let work: string;
let outDir: string;
let info: CliBuildInfo;

/** Runs the launcher on the build in outDir (or another dir) with the real file system. */
function compiled(args: string[], dir = outDir, cwd = work) {
  const r = spawnSync(process.execPath, [launcher, ...args], { cwd, encoding: 'utf8', env: { ...process.env, RLAB_CLI_DIR: dir } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** The same arguments through the TypeScript sources, in this process, with the real file system. */
async function fromSources(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    readFile: async (p) => new Uint8Array(readFileSync(resolve(work, p))),
    writeFile: async (p, d) => writeFileSync(resolve(work, p), d),
  };
  const code = await runCli(args, io);
  return { code, out: out.join(''), err: err.join('') };
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'rlab-compiled-cli-'));
  const current = currentBuild();
  if (current) {
    outDir = DEFAULT_OUT_DIR;
    info = current;
  } else {
    outDir = join(work, 'dist-cli');
    ({ info } = await buildCli({ outDir }));
  }
}, 120_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('compiled CLI (dist-cli)', () => {
  it('lists every command of src/cli/commands/index.ts, each loaded only when it runs', () => {
    expect(info.commands).toEqual(commands.map((c) => expect.stringMatching(new RegExp(`^${c.name}: src/cli/commands/\\w+\\.ts#\\w+$`))));
    for (const source of [
      'src/cli/commands/index.ts',
      'src/cli/main.ts',
      ...commands.map((_, i) => (info.commands as string[])[i].split(': ')[1].split('#')[0]),
    ])
      expect(Object.keys(info.sources)).toContain(source);
    // The entry holds the command list only: mathjs and exceljs stay in chunks loaded on use.
    const entry = readFileSync(join(outDir, info.main), 'utf8');
    expect(entry.length).toBeLessThan(60_000);
    expect(entry).not.toMatch(/typed-function|exceljs/);
  });

  it('prints the same help as the sources, for the CLI and for every command', async () => {
    for (const args of [['--help'], ['--version'], ['no-such-command'], ...commands.map((c) => [c.name, '--help'])]) {
      const expected = await fromSources(args);
      expect(compiled(args), args.join(' ')).toEqual(expected);
    }
  });

  it('imports, simulates, calibrates and lists presets exactly as the sources do (reference CSVs found next to the sources)', async () => {
    const csv = join(root, 'tests', 'fixtures', 'import', 'text-in-number.input.csv');
    const cases = [
      ['import', join(root, 'src', 'data', 'reference', 'tariffs.csv'), '--kind', 'tariffs', '--today', '2026-11-28'],
      ['import', csv, '--kind', 'nev-sales', '--today', '2026-11-28'],
      ['simulate', '--iterations', '200', '--seed', '3'],
      // Every output, as `simulate --iterations 50000 --outputs all` will ask once the engine allows it.
      ['simulate', '--iterations', '100', '--seed', '5', '--outputs', 'all', '--json', 'all.json'],
      ['calibrate', '--history', join(root, 'src', 'data', 'reference', 'nev_sales_by_region.csv'), '--through', '2022'],
      ['presets'],
    ];
    for (const args of cases) {
      const expected = await fromSources(args);
      const jsonOut = args.includes('--json') ? readFileSync(join(work, 'all.json'), 'utf8') : null;
      expect(compiled(args), args.join(' ')).toEqual(expected);
      if (jsonOut !== null) expect(readFileSync(join(work, 'all.json'), 'utf8')).toBe(jsonOut);
    }
  });

  it('writes .xlsx and JSON files from the compiled code (exceljs loads from its chunk)', async () => {
    const tariffs = join(root, 'src', 'data', 'reference', 'tariffs.csv');
    const r = compiled(['import', tariffs, '--kind', 'tariffs', '--xlsx', 'out.xlsx', '--json', 'out.json', '--today', '2026-11-28']);
    expect(r.err).toBe('');
    expect(r.out).toContain('Wrote 43 rows to Tariffs (tblTariffs) in out.xlsx');
    expect(r.code).toBe(0);
    expect(readFileSync(join(work, 'out.xlsx')).subarray(0, 2).toString()).toBe('PK');
    expect(JSON.parse(readFileSync(join(work, 'out.json'), 'utf8')).records).toHaveLength(43);
  });

  it('compiles the workers the sources start (new URL("./x.worker.ts", import.meta.url)) as entries that run on their own', async () => {
    // simulate --threads starts src/cli/simulate.worker.ts (one simulation shard per worker thread).
    expect(info.workers['src/cli/simulate.worker.ts']).toBe('worker-simulate.worker.mjs');
    // Loads on its own (outside a worker thread it only waits: no parentPort).
    await expect(import(pathToFileURL(join(outDir, 'worker-simulate.worker.mjs')).href)).resolves.toBeDefined();
    // The client code in the bundle points at the compiled worker, never at a .ts file.
    const code = listOutput(outDir)
      .filter((f) => f.endsWith('.mjs'))
      .map((f) => readFileSync(join(outDir, f), 'utf8'))
      .join('\n');
    expect(code).toContain('new URL("./worker-simulate.worker.mjs", import.meta.url)');
    expect(code.match(/new URL\("[^"]*\.worker\.ts"/g)).toBeNull();
  });

  it('refuses a build whose sources changed, naming the file and the command that rebuilds it', () => {
    const stale = join(work, 'stale');
    cpSync(outDir, stale, { recursive: true });
    const record = JSON.parse(readFileSync(join(stale, 'build-info.json'), 'utf8'));
    record.sources['src/cli/main.ts'] = '0'.repeat(40);
    writeFileSync(join(stale, 'build-info.json'), JSON.stringify(record));
    const r = compiled(['--help'], stale);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toMatch(
      /^reversal-lab: the compiled CLI in .*stale\/ is out of date: src\/cli\/main\.ts changed since it was built\. Run "npm run build:cli"/,
    );
    rmSync(join(stale, 'build-info.json'));
    expect(compiled(['--help'], stale).err).toMatch(/the compiled CLI is missing \(no .*build-info\.json\)\. Run "npm run build:cli"/);
  });

  it('the build in dist-cli/ is current (npm test, npm run build and npm install rebuild it)', () => {
    const check = checkCompiledCli();
    expect(check.ok ? 'current' : check.message).toBe('current');
  });
});

describe('a command added to src/cli/commands/index.ts', () => {
  let copy: string;
  beforeAll(() => {
    // A copy of the sources with one more command, as the engineers adding `run` and `backtest` will do.
    copy = join(mkdtempSync(join(tmpdir(), 'rlab-cli-copy-')), 'repo');
    cpSync(join(root, 'src'), join(copy, 'src'), { recursive: true });
    symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'), 'dir');
    writeFileSync(
      join(copy, 'src', 'cli', 'commands', 'hello.ts'),
      "import type { CliCommand } from '../types';\n" +
        "export const helloCommand: CliCommand = { name: 'hello', summary: 'say hello', usage: 'Usage: reversal-lab hello', async run(args, io) {\n" +
        "  if (args[0] === '--worker') {\n" +
        '    // A Node worker started the way a multi-core simulation engine would start one.\n' +
        "    const { Worker } = await import('node:worker_threads');\n" +
        "    const worker = new Worker(new URL('./hello.worker.ts', import.meta.url), { workerData: 20 });\n" +
        "    const sum = await new Promise((resolve, reject) => { worker.once('message', resolve); worker.once('error', reject); });\n" +
        '    io.out(`worker says ${sum}\\n`);\n' +
        '    return 0;\n' +
        '  }\n' +
        "  io.out(`hello ${args.join(' ')}\\n`); return 0; } };\n",
    );
    writeFileSync(
      join(copy, 'src', 'cli', 'commands', 'hello.worker.ts'),
      "import { parentPort, workerData } from 'node:worker_threads';\n" +
        "import { formatByUnit } from './simulate';\n" +
        "parentPort!.postMessage(formatByUnit((workerData as number) / 100, 'fraction'));\n",
    );
    const indexFile = join(copy, 'src', 'cli', 'commands', 'index.ts');
    const index = readFileSync(indexFile, 'utf8');
    writeFileSync(
      indexFile,
      index
        .replace(
          "import { presetsCommand } from './presets';",
          "import { presetsCommand } from './presets';\nimport { helloCommand } from './hello';",
        )
        .replace(/presetsCommand\]/, 'presetsCommand, helloCommand]'),
    );
  });
  afterAll(() => rmSync(dirname(copy), { recursive: true, force: true }));

  it('is built, listed and run without touching the build script (its Node worker too); editing it makes the build stale', async () => {
    const out = join(copy, 'dist-cli');
    const built = await buildCli({ root: copy, outDir: out });
    expect(built.info.commands).toContain('hello: src/cli/commands/hello.ts#helloCommand');
    const main = join(out, built.info.main);
    const help = spawnSync(process.execPath, [main, '--help'], { encoding: 'utf8' });
    expect(help.stdout).toMatch(/\n {2}hello +say hello\n/);
    expect(spawnSync(process.execPath, [main, 'hello', 'world'], { encoding: 'utf8' }).stdout).toBe('hello world\n');
    expect(built.info.workers['src/cli/commands/hello.worker.ts']).toBe('worker-hello.worker.mjs');
    expect(spawnSync(process.execPath, [main, 'hello', '--worker'], { encoding: 'utf8' }).stdout).toBe('worker says 20.0 %\n');
    expect(checkCompiledCli(out, copy).ok).toBe(true);
    writeFileSync(
      join(copy, 'src', 'cli', 'commands', 'hello.ts'),
      readFileSync(join(copy, 'src', 'cli', 'commands', 'hello.ts'), 'utf8').replace('say hello', 'greet'),
    );
    const check = checkCompiledCli(out, copy);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.message).toContain('src/cli/commands/hello.ts changed since it was built');
    expect(existsSync(join(out, 'package.json'))).toBe(true);
  }, 120_000);
});
