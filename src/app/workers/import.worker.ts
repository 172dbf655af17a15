/**
 * Parsing and validation off the UI thread. In a Web Worker this file installs a message handler;
 * in Node (CLI, tests) createInProcessImportClient runs the same handler in-process, so both paths
 * share one protocol: progress messages, a result, and cancellation by id.
 */
import { parseAndValidate } from '../../data/parseAndValidate';
import type { ValidationResult } from '../../data/types';

export type ImportWorkerRequest =
  | { type: 'import'; id: number; kind: string; fileName: string; bytes: Uint8Array; today: string; sheetName?: string }
  | { type: 'cancel'; id: number };

export type ImportWorkerResponse =
  | { type: 'progress'; id: number; done: number; total: number }
  | { type: 'result'; id: number; result: ValidationResult }
  | { type: 'error'; id: number; message: string; rule?: string };

/** Handles requests and posts responses; the core shared by the worker and the in-process client. */
export function createImportHandler(post: (message: ImportWorkerResponse) => void): (request: ImportWorkerRequest) => void {
  const running = new Map<number, AbortController>();
  return (request) => {
    if (request.type === 'cancel') {
      running.get(request.id)?.abort();
      return;
    }
    const controller = new AbortController();
    running.set(request.id, controller);
    parseAndValidate(request.kind, request.bytes, request.fileName, {
      today: request.today,
      sheetName: request.sheetName,
      signal: controller.signal,
      onProgress: (p) => post({ type: 'progress', id: request.id, ...p }),
    })
      .then((result) => post({ type: 'result', id: request.id, result }))
      .catch((error: Error & { rule?: string }) => post({ type: 'error', id: request.id, message: error.message, rule: error.rule }))
      .finally(() => running.delete(request.id));
  };
}

export interface ImportClientOptions {
  today: string;
  sheetName?: string;
  onProgress?: (p: { done: number; total: number }) => void;
  signal?: AbortSignal;
}

export interface ImportClient {
  validate(kind: string, bytes: Uint8Array, fileName: string, options: ImportClientOptions): Promise<ValidationResult>;
}

/** A client over any message channel (a Worker, or the in-process handler). */
function createClient(
  send: (req: ImportWorkerRequest) => void,
  subscribe: (fn: (res: ImportWorkerResponse) => void) => void,
): ImportClient {
  let nextId = 1;
  const waiting = new Map<number, { resolve: (r: ValidationResult) => void; reject: (e: Error) => void; options: ImportClientOptions }>();
  subscribe((res) => {
    const entry = waiting.get(res.id);
    if (!entry) return;
    if (res.type === 'progress') entry.options.onProgress?.({ done: res.done, total: res.total });
    else {
      waiting.delete(res.id);
      if (res.type === 'result') entry.resolve(res.result);
      else entry.reject(Object.assign(new Error(res.message), { rule: res.rule }));
    }
  });
  return {
    validate(kind, bytes, fileName, options) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        waiting.set(id, { resolve, reject, options });
        options.signal?.addEventListener('abort', () => send({ type: 'cancel', id }), { once: true });
        send({ type: 'import', id, kind, fileName, bytes, today: options.today, sheetName: options.sheetName });
      });
    },
  };
}

/** Runs imports in the current thread (Node CLI, tests, or a browser without workers). */
export function createInProcessImportClient(): ImportClient {
  let listener: (res: ImportWorkerResponse) => void = () => undefined;
  const handle = createImportHandler((res) => listener(res));
  return createClient(handle, (fn) => (listener = fn));
}

interface WorkerLike {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', fn: (event: { data: unknown }) => void): void;
}

/** Client for a real Web Worker started from this file (new Worker(new URL('./import.worker.ts', import.meta.url))). */
export function createWorkerImportClient(worker: WorkerLike): ImportClient {
  return createClient(
    (req) => worker.postMessage(req),
    (fn) => worker.addEventListener('message', (e) => fn(e.data as ImportWorkerResponse)),
  );
}

// Inside a dedicated worker only: answer messages from the page.
const scope = globalThis as unknown as { WorkerGlobalScope?: unknown; postMessage?: (m: unknown) => void; onmessage?: unknown };
if (typeof scope.WorkerGlobalScope !== 'undefined' && typeof scope.postMessage === 'function') {
  const handle = createImportHandler((m) => scope.postMessage!(m));
  scope.onmessage = (event: { data: ImportWorkerRequest }) => handle(event.data);
}
