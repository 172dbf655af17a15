/**
 * `npm test`: every check of the project, run as a small dependency graph so that both cores stay busy.
 *
 *   check:code (typecheck + lint) ── format:check                     (one lane: each needs little CPU)
 *   build:cli ── vitest unit/contract/UI suite                         (2 workers)
 *   build:standalone ─┬─ validate ── check:licenses
 *                     └─ browser suite (test:e2e)                      (starts as soon as dist/ is built)
 *
 * The chain build:standalone -> browser suite is the longest; its steps run at normal priority and the others
 * at a lower one (nice 10), so they take the CPU the chain leaves (the browser suite waits on Chromium a third
 * of its time) instead of stretching it.
 *
 * Each step is an npm script of package.json, so each one can still be run alone (`npm run <script>`). They run
 * here as npm runs them, through `sh -c` with node_modules/.bin first on the PATH, without an npm process per step
 * (about 0.3 s of CPU each; on Windows, through npm). Output is streamed line by line
 * with the step's name in front; at the end a table gives each step's time, CPU and result, and the machine's
 * busy and idle CPU over the run (Linux). A step whose prerequisite failed is skipped and counted as failed.
 * Exit code 0 only when every step passed.
 * Plain JavaScript (no tsx) so that it starts at once.
 *
 *   node scripts/test.mjs [--only step,step]     (--only: those steps and what they need)
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** name -> [npm script, prerequisites] */
export const STEPS = {
  // Kept when current (npm install's prepare has usually just built it): scripts/cliBuild.mjs --if-stale.
  'build:cli': ['build:cli:if-stale', []],
  // npm run typecheck and npm run lint in one process, sharing one TypeScript program (scripts/checkCode.mjs).
  'check:code': ['check:code', []],
  'format:check': ['format:check', ['check:code']],
  unit: ['test:unit', ['build:cli']],
  'build:standalone': ['build:standalone', []],
  validate: ['validate', ['build:standalone']],
  'check:licenses': ['check:licenses', ['validate']],
  e2e: ['test:e2e', ['build:standalone']],
};

/** The longest chain of steps: normal priority. Every other step runs at nice 10 (see above). */
const CHAIN = new Set(['build:standalone', 'e2e']);

function selected(only) {
  if (!only) return Object.keys(STEPS);
  const want = new Set();
  const add = (name) => {
    if (!STEPS[name]) throw new Error(`--only: no step "${name}" (steps: ${Object.keys(STEPS).join(', ')})`);
    if (want.has(name)) return;
    want.add(name);
    STEPS[name][1].forEach(add);
  };
  only.split(',').forEach((n) => add(n.trim()));
  return Object.keys(STEPS).filter((n) => want.has(n));
}

/** Reads a /proc file (Linux); null elsewhere. */
function proc(file) {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

/** CPU seconds (user + system) used by this process's children that have ended and their own waited-for children. */
function childrenCpu() {
  const stat = proc('/proc/self/stat');
  if (!stat) return null;
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // from field 3 (state) on
  return (Number(fields[13]) + Number(fields[14])) / 100; // cutime, cstime (fields 16, 17) in USER_HZ ticks
}

/** Busy and idle CPU seconds of the whole machine so far (all cores), from /proc/stat. */
function machineCpu() {
  const line = proc('/proc/stat')?.split('\n')[0];
  if (!line?.startsWith('cpu ')) return null;
  const [user, nice, system, idle, iowait, irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number);
  return { busy: (user + nice + system + irq + softirq + steal) / 100, idle: (idle + iowait) / 100 };
}

const SCRIPTS = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts;

/** The command line of an npm script, as `npm run -s <script>` would run it. */
function commandOf(script) {
  if (process.platform === 'win32') return ['npm', 'run', '-s', script];
  if (!SCRIPTS[script]) throw new Error(`package.json has no script "${script}"`);
  return ['sh', '-c', SCRIPTS[script]];
}

function run(name, script) {
  return new Promise((done) => {
    const started = performance.now();
    const command = commandOf(script);
    if (!CHAIN.has(name) && process.platform !== 'win32') command.unshift('nice', '-n', '10');
    const child = spawn(command[0], command.slice(1), {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        PATH: [join(root, 'node_modules', '.bin'), process.env.PATH].filter(Boolean).join(delimiter),
        FORCE_COLOR: '0',
        NO_COLOR: '1',
      },
    });
    const prefix = `[${name}] `;
    for (const stream of [child.stdout, child.stderr]) {
      let rest = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk) => {
        const lines = (rest + chunk).split('\n');
        rest = lines.pop();
        for (const line of lines) process.stdout.write(prefix + line + '\n');
      });
      stream.on('end', () => rest && process.stdout.write(prefix + rest + '\n'));
    }
    child.on('error', (error) => done({ code: 1, seconds: (performance.now() - started) / 1000, error }));
    // The CPU of this step: what this process's ended children used, read as the step's process ends (steps
    // rarely end in the same instant; when they do, the first reading holds both). Null where there is no /proc.
    // Only descendants that their parents wait for count: Chromium's renderer and GPU processes do not reach the
    // browser suite's figure (about two thirds of its CPU); the machine line below counts every process.
    let cpu = null;
    child.on('exit', () => {
      const now = childrenCpu();
      if (now === null) return;
      cpu = now - lastChildrenCpu;
      lastChildrenCpu = now;
    });
    child.on('close', (code, signal) => done({ code: code ?? (signal ? 1 : 0), seconds: (performance.now() - started) / 1000, cpu }));
  });
}

let lastChildrenCpu = childrenCpu() ?? 0;

async function main() {
  const onlyAt = process.argv.indexOf('--only');
  const names = selected(onlyAt > 0 ? process.argv[onlyAt + 1] : undefined);
  const started = performance.now();
  const machineAtStart = machineCpu();
  const results = new Map();
  const running = new Map();
  const start = (name) => {
    const [script, needs] = STEPS[name];
    const promise = Promise.all(needs.filter((n) => names.includes(n)).map((n) => running.get(n))).then(async (before) => {
      const failed = needs.filter((n, i) => names.includes(n) && before[i]?.code !== 0);
      if (failed.length) {
        const r = { code: 1, seconds: 0, skipped: `skipped: ${failed.join(', ')} failed` };
        results.set(name, r);
        return r;
      }
      process.stdout.write(`── ${name} (npm run ${script}) started at ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
      const r = await run(name, script);
      process.stdout.write(`── ${name} ${r.code === 0 ? 'passed' : `FAILED (exit ${r.code})`} in ${r.seconds.toFixed(1)} s\n`);
      results.set(name, r);
      return r;
    });
    running.set(name, promise);
  };
  names.forEach(start);
  await Promise.all(running.values());

  const total = (performance.now() - started) / 1000;
  const bad = names.filter((n) => results.get(n).code !== 0);
  const machineAtEnd = machineCpu();
  process.stdout.write('\nstep               time       CPU    result\n');
  for (const n of names) {
    const r = results.get(n);
    const verdict = r.skipped ?? (r.code === 0 ? 'passed' : `FAILED (exit ${r.code})${r.error ? `: ${r.error.message}` : ''}`);
    const cpu = r.cpu == null ? '       ' : `${r.cpu.toFixed(1).padStart(6)} s`;
    process.stdout.write(`${n.padEnd(18)} ${r.seconds.toFixed(1).padStart(6)} s  ${cpu}  ${verdict}\n`);
  }
  if (machineAtStart && machineAtEnd)
    process.stdout.write(
      `machine: ${(machineAtEnd.busy - machineAtStart.busy).toFixed(0)} s of CPU busy, ` +
        `${(machineAtEnd.idle - machineAtStart.idle).toFixed(0)} s idle (all cores, every process)\n`,
    );
  process.stdout.write(
    `npm test: ${bad.length ? `${bad.length} step(s) failed (${bad.join(', ')})` : 'every step passed'} in ${total.toFixed(1)} s\n`,
  );
  process.exitCode = bad.length ? 1 : 0;
}

await main();
