/**
 * Worker thread of `reversal-lab simulate --threads N`: hosts one simulation shard (src/model/sim/host.ts) and
 * answers the coordinator in src/cli/simulateThreads.ts. A plain module: a bundler builds it as an entry of
 * its own (it is started as `new Worker(new URL('./simulate.worker.ts', import.meta.url))`).
 */
import { parentPort } from 'node:worker_threads';
import { createShardHost, type ShardInbound } from '../model/sim/host';

const port = parentPort;
if (port) {
  const host = createShardHost((message, transfer) => port.postMessage(message, transfer ?? []));
  port.on('message', (message: ShardInbound) => host(message));
}
