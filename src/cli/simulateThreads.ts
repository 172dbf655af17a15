/**
 * Runs a simulation on N threads: this one and N - 1 Node worker threads (one shard each,
 * src/cli/simulate.worker.ts), coordinated by runParallel (src/model/sim/parallel.ts); one thread runs in
 * process. The result does not depend on the number of threads (tested byte for byte on the CLI's JSON).
 *
 * Starting the worker: from the TypeScript sources (tsx) the worker is a .ts file and gets tsx's loader;
 * from a bundle (esbuild, dist-cli/) the URL points at the compiled worker entry and no loader is needed.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { createShardHost, type ShardInbound, type ShardOutbound } from '../model/sim/host';
import { runParallel, threadsFor, type ShardPort } from '../model/sim/parallel';

export { MIN_TRIALS_PER_THREAD, threadsFor } from '../model/sim/parallel';
import { executeSimulationRequest, type SimulationRequest } from '../model/sim/request';
import type { AbortLike, SimulationProgress, SimulationResult } from '../model/sim/simulation';

/** Threads used when none is asked for: every core this process may use. */
export function defaultThreads(): number {
  return Math.max(1, availableParallelism());
}

/** URL of tsx's ESM register API (the "import" condition of its "./esm/api" export). */
function tsxEsmApiUrl(): string {
  const require = createRequire(import.meta.url);
  const manifest = require.resolve('tsx/package.json');
  const exportsMap = (JSON.parse(readFileSync(manifest, 'utf8')) as { exports: Record<string, { import: { default: string } }> }).exports;
  return pathToFileURL(join(dirname(manifest), exportsMap['./esm/api'].import.default)).href;
}

/** A worker thread hosting one simulation shard. */
export function startWorker(): Worker {
  return startModuleWorker(new URL('./simulate.worker.ts', import.meta.url));
}

/**
 * Starts a worker thread on a module: a compiled one (.js/.mjs, from a bundle) as it is; a TypeScript source
 * after registering tsx's loader inside the worker (resolved from here, whatever the working directory),
 * because a worker's execArgv cannot carry --import on Node 20.
 */
export function startModuleWorker(url: URL): Worker {
  if (!url.pathname.endsWith('.ts')) return new Worker(url);
  const bootstrap = `import(${JSON.stringify(tsxEsmApiUrl())}).then((tsx) => { tsx.register(); return import(${JSON.stringify(url.href)}); });`;
  return new Worker(bootstrap, { eval: true });
}

/** Wraps a worker that hosts a shard as the coordinator's port. */
export function shardPortOf(worker: Worker): ShardPort {
  return portOf(worker);
}

function portOf(worker: Worker): ShardPort {
  // One listener per worker, forwarding to the current run's handler (a port may serve several runs).
  let handler: (message: ShardOutbound) => void = () => undefined;
  worker.on('message', (m: ShardOutbound) => handler(m));
  worker.on('error', (e) => handler({ type: 'shard:error', message: `simulation worker failed: ${e.message}` }));
  worker.on('exit', (code) => code !== 0 && handler({ type: 'shard:error', message: `simulation worker exited with code ${code}` }));
  return {
    post: (message: ShardInbound) => worker.postMessage(message),
    listen: (h) => (handler = h),
  };
}

export interface ThreadHooks {
  threads: number;
  /** Use exactly `threads` (tests), not fewer for a small run. */
  exactThreads?: boolean;
  onProgress?: (progress: SimulationProgress) => void;
  signal?: AbortLike;
}

/** The request's result on up to `threads` threads (this one when 1; see threadsFor). */
export async function runSimulationThreads(request: SimulationRequest, hooks: ThreadHooks): Promise<SimulationResult> {
  const threads = hooks.exactThreads
    ? Math.max(1, Math.floor(hooks.threads))
    : threadsFor(hooks.threads, request.convergence?.maxIterations ?? request.iterations);
  if (threads === 1)
    return executeSimulationRequest(request, {
      onProgress: hooks.onProgress,
      signal: hooks.signal,
      yieldControl: () => new Promise((r) => setImmediate(r)),
    });
  // This thread is one of the shards: it works from the start while the workers start up and join.
  const workers = Array.from({ length: threads - 1 }, startWorker);
  try {
    return await runParallel(request, [inProcessPort(), ...workers.map(portOf)], { onProgress: hooks.onProgress, signal: hooks.signal });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/** A shard in this thread: each message handled in a macrotask of its own, so the workers' messages get through between chunks. */
export function inProcessPort(): ShardPort {
  let handler: (message: ShardOutbound) => void = () => undefined;
  const host = createShardHost((message) => handler(message));
  return {
    post: (message) => setImmediate(() => host(message)),
    listen: (h) => (handler = h),
  };
}
