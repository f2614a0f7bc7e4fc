/**
 * Writes a text export on a worker thread (export-worker.ts) and answers it as a stream of
 * UTF-8 bytes: a 100,000-node GraphML file takes about a second to write and is 200 MB, and on
 * the main thread writing it, measuring it and handing it to the socket stalled the local
 * API for 1–2 s. The main thread now only sends the graph over in parts (export-parts.ts),
 * one message per task, and passes the worker's chunks on as the client reads them (the
 * stream pulls one chunk at a time, so a slow client holds the worker, not the server's heap).
 */
import type { ServiceError } from '../../shared/contract/errors';
import type { ExchangeGraph } from '../../shared/exchange';
import type { ExportFormat } from '../../shared/exchange/formats';
import { err, ok, type Result } from '../../shared/model/result';
import { siblingModuleUrl, startModuleWorker } from '../worker-thread';
import {
  CHARS_PER_CHUNK,
  graphParts,
  type ExportJob,
  type FromWorker,
  type ToWorker,
} from './export-parts';

export function exportWorkerUrl(): URL {
  return siblingModuleUrl(import.meta.url, 'export-worker.ts', 'export-worker.mjs');
}

const failed = (message: string): ServiceError => ({
  code: 'internal.export_failed',
  message: `The export failed: ${message}`,
});

/**
 * Answers once the file is written (so a failure is a typed answer, before any byte is sent):
 * its bytes as a stream. Cancelling the stream ends the worker.
 */
export function runExport(
  format: ExportFormat,
  graph: ExchangeGraph,
  options: { workerUrl?: URL; charsPerChunk?: number } = {},
): Promise<Result<ReadableStream<Uint8Array>, ServiceError>> {
  return new Promise((resolve) => {
    const job: ExportJob = { format, charsPerChunk: options.charsPerChunk ?? CHARS_PER_CHUNK };
    let worker: ReturnType<typeof startModuleWorker>;
    try {
      worker = startModuleWorker(options.workerUrl ?? exportWorkerUrl(), job);
    } catch (cause) {
      resolve(err(failed(`its worker did not start (${String(cause)})`)));
      return;
    }
    let ended = false;
    /** Whoever waits for the worker's next answer: the first `ready`, then each `more`. */
    let waiting: ((m: FromWorker) => void) | undefined;
    const finish = (): void => {
      ended = true;
      void worker.terminate();
    };
    const answer = (m: FromWorker): void => {
      const w = waiting;
      waiting = undefined;
      w?.(m);
    };
    worker.on('message', answer);
    worker.once('error', (cause) => answer({ kind: 'failed', message: String(cause) }));
    worker.once('exit', (code) => {
      if (!ended) answer({ kind: 'failed', message: `its worker exited (${code})` });
    });
    const post = (m: ToWorker): void => worker.postMessage(m);

    const body = new ReadableStream<Uint8Array>(
      {
        pull: (controller) =>
          new Promise<void>((done) => {
            waiting = (m) => {
              if (m.kind === 'chunk') controller.enqueue(m.bytes);
              else if (m.kind === 'end') {
                finish();
                controller.close();
              } else {
                finish();
                controller.error(new Error(m.kind === 'failed' ? m.message : m.kind));
              }
              done();
            };
            post({ kind: 'more' });
          }),
        cancel: () => finish(),
      },
      { highWaterMark: 0 },
    );

    waiting = (m) => {
      if (m.kind === 'ready') resolve(ok(body));
      else {
        finish();
        resolve(err(failed(m.kind === 'failed' ? m.message : `unexpected ${m.kind}`)));
      }
    };
    // One part per task: the API answers between them.
    const parts = graphParts(graph);
    const sendNext = (): void => {
      if (ended) return;
      const next = parts.next();
      if (next.done) return;
      post(next.value);
      setImmediate(sendNext);
    };
    sendNext();
  });
}
