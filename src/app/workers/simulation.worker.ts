/**
 * Web Worker running simulations for the task pane. Protocol (WorkerInbound / WorkerOutbound in
 * simulationClient.ts): "run" starts a job, "progress" is posted after each chunk, "cancel" stops the job
 * at the next chunk and answers "cancelled" with the partial statistics; sample buffers are transferred.
 * A run split over several workers sends "shard:*" messages instead: each worker then hosts one shard of it
 * (src/model/sim/host.ts) for the coordinator in simulationClient.ts.
 */
import { createShardHost } from '../../model/sim/host';
import { executeSimulationRequest } from '../../model/sim/request';
import { CancelledError, type SimulationResult } from '../../model/sim/simulation';
import type { ShardInbound } from '../../model/sim/host';
import type { WorkerInbound, WorkerOutbound } from '../simulation/simulationClient';

type Post = (message: WorkerOutbound, transfer?: Transferable[]) => void;

const cancelled = new Set<number>();
const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

function buffers(result: SimulationResult | undefined): Transferable[] {
  return result ? [result.inputSamples.buffer as ArrayBuffer, result.outputSamples.buffer as ArrayBuffer] : [];
}

/** A message handler with its own shard (one per worker; tests make several to stand for several workers). */
export function createWorkerHandler(): (message: WorkerInbound, post: Post) => Promise<void> {
  let shardHost: ((message: ShardInbound) => void) | null = null;
  let shardPost: Post = () => undefined;
  return async (message, post) => {
    if (message.type.startsWith('shard:')) {
      shardPost = post;
      shardHost ??= createShardHost((m, transfer) => shardPost(m, transfer));
      shardHost(message as ShardInbound);
      return;
    }
    return handleWorkerMessage(message, post);
  };
}

/** Handles one inbound message; exported so tests can drive the worker logic without a browser. */
export async function handleWorkerMessage(message: WorkerInbound, post: Post): Promise<void> {
  if (message.type.startsWith('shard:')) return workerHandler(message, post);
  if (message.type === 'cancel') {
    cancelled.add(message.id);
    return;
  }
  if (message.type !== 'run') return;
  const { id, request } = message;
  const signal = {
    get aborted() {
      return cancelled.has(id);
    },
  };
  try {
    const result = await executeSimulationRequest(request, {
      signal,
      yieldControl: yieldToEventLoop,
      onProgress: (p) => post({ type: 'progress', id, done: p.done, total: p.total }),
    });
    post({ type: 'result', id, result }, buffers(result));
  } catch (error) {
    if (error instanceof CancelledError) post({ type: 'cancelled', id, partial: error.partial }, buffers(error.partial));
    else post({ type: 'error', id, message: error instanceof Error ? error.message : String(error) });
  } finally {
    cancelled.delete(id);
  }
}

const workerHandler = createWorkerHandler();

// Attach only inside a worker global scope (it has importScripts; a window or Node does not).
const scope = globalThis as unknown as { importScripts?: unknown; onmessage: unknown; postMessage: Post };
if (typeof scope.importScripts === 'function') {
  scope.onmessage = (event: MessageEvent<WorkerInbound>) => {
    void handleWorkerMessage(event.data, (m, transfer) => scope.postMessage(m, transfer));
  };
}
