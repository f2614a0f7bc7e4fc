/**
 * Asks the layout worker (layout.worker.ts) for a layout: the main thread only sends the
 * graph and waits, so panning, typing and clicking go on while ELK works. One worker for the
 * page, made on first use; each job carries an id so answers find their caller.
 */
import type { LayoutRequest, LayoutResult } from './layout-types';

type Answer = { id: number; result: LayoutResult } | { id: number; error: string };

let worker: Worker | null = null;
let nextId = 1;
const waiting = new Map<number, { resolve(r: LayoutResult): void; reject(e: Error): void }>();

function layoutWorker(): Worker {
  if (worker) return worker;
  worker = new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module' });
  worker.onmessage = (event: MessageEvent<Answer>) => {
    const job = waiting.get(event.data.id);
    if (!job) return;
    waiting.delete(event.data.id);
    if ('error' in event.data) job.reject(new Error(event.data.error));
    else job.resolve(event.data.result);
  };
  worker.onerror = (event) => {
    // A worker that fails to load or crashes fails every job waiting on it; the next
    // layout starts a fresh one.
    for (const job of waiting.values()) job.reject(new Error(event.message || 'layout failed'));
    waiting.clear();
    worker?.terminate();
    worker = null;
  };
  return worker;
}

export function layoutInWorker(request: LayoutRequest): Promise<LayoutResult> {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    waiting.set(id, { resolve, reject });
    layoutWorker().postMessage({ id, request });
  });
}
