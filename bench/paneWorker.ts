/**
 * Stand-in for the pane's Web Worker in the benchmark: a Node worker thread running the pane worker's own
 * message handler (src/app/workers/simulation.worker.ts, createWorkerHandler), so the measured path is the pane's
 * code (shard host, coordinator in runParallel) with a worker thread instead of a browser Worker.
 */
import { parentPort } from 'node:worker_threads';
import { createWorkerHandler } from '../src/app/workers/simulation.worker';
import type { WorkerInbound } from '../src/app/simulation/simulationClient';

const port = parentPort;
if (port) {
  const handle = createWorkerHandler();
  port.on(
    'message',
    (message: WorkerInbound) => void handle(message, (m, transfer) => port.postMessage(m, (transfer ?? []) as ArrayBuffer[])),
  );
}
