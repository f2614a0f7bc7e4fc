/**
 * Runs an import on a worker thread (import-into-folder.ts): parsing, checking and writing a
 * 100,000-node file takes seconds, and on the main thread that would stall every window and
 * the local API for as long. The main thread only hands the file over, in slices: one
 * structured clone of a 200 MB string copies it in one go (~100 ms), slices of 4 M characters
 * take a few milliseconds each, with the event loop free in between. A file that came as
 * bytes (the local API's raw body) goes over as bytes, gathered into slices of 4 MB whose
 * buffers are transferred, and the worker decodes it: decoding 150 MB of UTF-8 here held
 * the API for 0.7 s. A body still arriving is read as it comes: the worker starts at once
 * and decodes each slice while the next is uploaded (it used to wait for the last byte), and
 * a GraphML file is parsed as it comes too.
 */
import type { ServiceError } from '../../shared/contract/errors';
import { exchangeError } from '../../shared/exchange/types';
import { MAX_IMPORT_BYTES } from '../../shared/exchange/limits';
import { err, type Result } from '../../shared/model/result';
import { siblingModuleUrl, startModuleWorker } from '../worker-thread';
import { nextTurn } from '../in-turns';
import type { FolderImportJob, ImportedWorkspace } from './import-into-folder';

/** Characters (or bytes) per message to the worker. */
const SLICE_CHARS = 4 * 1024 * 1024;
const SLICE_BYTES = 4 * 1024 * 1024;
/**
 * Parsing allocates millions of short-lived strings and objects; a young generation larger
 * than V8's default (16 MB semi-spaces) lets more of them die young instead of being copied
 * and promoted (about 10% less CPU on a 30,000-node GraphML file). The worker is short-lived.
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 192 };

/** What the worker starts with; the content follows in messages, then `null` (the end). */
export type WorkerJob = Omit<FolderImportJob, 'content'> & {
  /** Characters left to read at the end from which GraphML is read on two threads (tests). */
  splitFromChars?: number;
};

/** One message to the worker: a slice of the text or of the bytes, or `null` after the last. */
export type WorkerPart = string | Uint8Array | null;

/**
 * The file as `runImport` takes it: its text, its UTF-8 bytes in chunks, or its bytes as they
 * arrive (the local API's request body, read while the upload goes on: the worker starts and
 * decodes meanwhile, instead of after the last byte).
 */
export type ImportContent = string | readonly Uint8Array[] | AsyncIterable<Uint8Array>;

/**
 * Gathers chunks into fresh buffers of about SLICE_BYTES (a chunk may be a view of a larger
 * buffer, which a structured clone would copy whole), each to be transferred.
 */
class ByteSlices {
  private chunks: Uint8Array[] = [];
  private size = 0;
  /** Bytes taken so far. */
  total = 0;

  /** Takes a chunk; answers a slice once SLICE_BYTES are gathered. */
  push(chunk: Uint8Array): Uint8Array | null {
    this.chunks.push(chunk);
    this.size += chunk.byteLength;
    this.total += chunk.byteLength;
    return this.size >= SLICE_BYTES ? this.take() : null;
  }

  /** What is gathered, as one fresh buffer (null when nothing is). */
  take(): Uint8Array | null {
    if (this.chunks.length === 0) return null;
    const slice = new Uint8Array(this.size);
    let at = 0;
    for (const c of this.chunks) {
      slice.set(c, at);
      at += c.byteLength;
    }
    this.chunks = [];
    this.size = 0;
    return slice;
  }
}

const tooLarge = (): Result<never, ServiceError> =>
  err(
    exchangeError(
      'bad_request.import_too_large',
      `The file is larger than the import limit of ${MAX_IMPORT_BYTES} bytes`,
    ),
  );

const byteLength = (content: readonly Uint8Array[]): number =>
  content.reduce((n, c) => n + c.byteLength, 0);

const isStream = (content: ImportContent): content is AsyncIterable<Uint8Array> =>
  typeof content !== 'string' && Symbol.asyncIterator in content;

export function importWorkerUrl(): URL {
  return siblingModuleUrl(import.meta.url, 'import-worker.ts', 'import-worker.mjs');
}

export function runImport(
  job: WorkerJob & { content: ImportContent },
  workerUrl: URL = importWorkerUrl(),
): Promise<Result<ImportedWorkspace, ServiceError>> {
  const { content, ...rest } = job;
  // Bytes in hand are counted before anything else (text is measured by the importers
  // themselves; bytes still arriving as they come).
  if (!isStream(content) && typeof content !== 'string' && byteLength(content) > MAX_IMPORT_BYTES) {
    return Promise.resolve(tooLarge());
  }
  return new Promise((resolve) => {
    const failed = (message: string) =>
      settle(err({ code: 'internal.import_failed', message: `The import failed: ${message}` }));
    let settled = false;
    let worker: ReturnType<typeof startModuleWorker>;
    const settle = (r: Result<ImportedWorkspace, ServiceError>): void => {
      if (settled) return;
      settled = true;
      resolve(r);
      void worker?.terminate();
    };
    try {
      worker = startModuleWorker(workerUrl, rest satisfies WorkerJob, WORKER_LIMITS);
    } catch (cause) {
      failed(`its worker did not start (${String(cause)})`);
      return;
    }
    worker.once('message', (m: Result<ImportedWorkspace, ServiceError>) => settle(m));
    worker.once('error', (cause) => failed(String(cause)));
    worker.once('exit', (code) => failed(`its worker exited (${code}) without a result`));
    const send = (part: WorkerPart): void => {
      if (part instanceof Uint8Array) worker.postMessage(part, [part.buffer as ArrayBuffer]);
      else worker.postMessage(part);
    };
    // The content goes over a slice at a time, with a turn of the event loop between two.
    void (async () => {
      try {
        if (typeof content === 'string') {
          for (let at = 0; at < content.length && !settled; at += SLICE_CHARS) {
            send(content.slice(at, at + SLICE_CHARS));
            await nextTurn();
          }
        } else {
          const slices = new ByteSlices();
          for await (const chunk of content) {
            if (settled) return;
            if (slices.total + chunk.byteLength > MAX_IMPORT_BYTES) return settle(tooLarge());
            const slice = slices.push(chunk);
            if (slice) {
              send(slice);
              if (!isStream(content)) await nextTurn();
            }
          }
          const last = slices.take();
          if (last && !settled) send(last);
        }
        if (!settled) send(null);
      } catch (cause) {
        // The upload broke off (the client went away): nothing was made.
        failed(`the file did not arrive whole (${String(cause)})`);
      }
    })();
  });
}
