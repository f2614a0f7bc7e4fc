/**
 * The import worker's side of a GraphML file read on two threads (graphml-halves.ts): starts
 * the thread that reads the second half (graphml-half-worker.ts), sends it the file's head and
 * the half's slices, and gathers the records it sends back. Any failure of that thread is an
 * answer too: the file is then read again in one pass.
 */
import type { HalfBatch, HalfEnd, SecondHalf } from '../../shared/exchange/graphml-halves';
import { siblingModuleUrl, startModuleWorker } from '../worker-thread';
import type { WorkerJob } from './run-import';

/** What the second thread posts: a batch of records, in file order, then how it ended. */
export type HalfMessage = { batch: HalfBatch } | { end: HalfEnd };

/** As the import worker's own (run-import.ts): parsing makes millions of short-lived objects. */
const LIMITS = { maxYoungGenerationSizeMb: 192 };

export class SecondThread {
  private readonly worker: ReturnType<typeof startModuleWorker>;
  private readonly batches: HalfBatch[] = [];
  /** The second half once read; undefined if the thread failed. */
  readonly done: Promise<SecondHalf | undefined>;

  /** Starts the thread (before the cut is known: it is ready by the time it is needed). */
  constructor(job: WorkerJob) {
    this.worker = startModuleWorker(
      siblingModuleUrl(import.meta.url, 'graphml-half-worker.ts', 'graphml-half-worker.mjs'),
      job,
      LIMITS,
    );
    this.done = new Promise((resolve) => {
      this.worker.on('message', (m: HalfMessage) => {
        if ('batch' in m) this.batches.push(m.batch);
        else resolve({ batches: this.batches, end: m.end });
      });
      this.worker.on('error', () => resolve(undefined));
      this.worker.once('exit', () => resolve(undefined));
    });
  }

  /** The file's head (up to its `<graph …>` tag), then the slices of the second half (once). */
  send(head: string, slices: readonly string[]): void {
    this.worker.postMessage(head);
    for (const slice of slices) this.worker.postMessage(slice);
    this.worker.postMessage(null);
  }

  /** Ends the thread (once its half is in, or when it is not needed). */
  stop(): void {
    void this.worker.terminate();
  }
}
