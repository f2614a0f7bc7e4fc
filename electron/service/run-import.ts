/**
 * Runs an import on a worker thread (import-into-folder.ts): parsing, checking and writing a
 * 100,000-node file takes seconds, and on the main thread that would stall every window and
 * the local API for as long. The main thread only hands the file over, in slices: one
 * structured clone of a 200 MB string copies it in one go (~100 ms), slices of 4 M characters
 * take a few milliseconds each, with the event loop free in between. A file that came as
 * bytes (the local API's raw body) goes over as bytes, gathered into slices of 4 MB whose
 * buffers are transferred, and the worker decodes it: decoding 150 MB of UTF-8 here held
 * the API for 0.7 s.
 */
import type { ServiceError } from '../../shared/contract/errors';
import { exchangeError } from '../../shared/exchange/types';
import { MAX_IMPORT_BYTES } from '../../shared/exchange/limits';
import { err, type Result } from '../../shared/model/result';
import { siblingModuleUrl, startModuleWorker } from '../worker-thread';
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

/** What the worker starts with; the content follows in `slices` messages. */
export type WorkerJob = Omit<FolderImportJob, 'content'> & { slices: number };

/** The file as `runImport` takes it: its text, or its UTF-8 bytes in chunks. */
export type ImportContent = string | readonly Uint8Array[];

/**
 * The messages that carry `content` to the worker, each made when it is sent: text in slices
 * of SLICE_CHARS; bytes gathered into fresh buffers of about SLICE_BYTES (a chunk may be a
 * view of a larger buffer, which a structured clone would copy whole), to be transferred.
 */
function contentSlices(content: ImportContent): (() => string | Uint8Array)[] {
  if (typeof content === 'string') {
    const count = Math.max(1, Math.ceil(content.length / SLICE_CHARS));
    return Array.from(
      { length: count },
      (_, i) => () => content.slice(i * SLICE_CHARS, (i + 1) * SLICE_CHARS),
    );
  }
  const groups: (readonly Uint8Array[])[] = [];
  let group: Uint8Array[] = [];
  let size = 0;
  for (const chunk of content) {
    group.push(chunk);
    size += chunk.byteLength;
    if (size >= SLICE_BYTES) {
      groups.push(group);
      group = [];
      size = 0;
    }
  }
  if (group.length > 0 || groups.length === 0) groups.push(group);
  return groups.map((chunks) => () => {
    const slice = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
    let at = 0;
    for (const c of chunks) {
      slice.set(c, at);
      at += c.byteLength;
    }
    return slice;
  });
}

const byteLength = (content: ImportContent): number =>
  typeof content === 'string' ? 0 : content.reduce((n, c) => n + c.byteLength, 0);

export function importWorkerUrl(): URL {
  return siblingModuleUrl(import.meta.url, 'import-worker.ts', 'import-worker.mjs');
}

export function runImport(
  job: Omit<FolderImportJob, 'content'> & { content: ImportContent },
  workerUrl: URL = importWorkerUrl(),
): Promise<Result<ImportedWorkspace, ServiceError>> {
  // Bytes are counted before anything else (text is measured by the importers themselves).
  const bytes = byteLength(job.content);
  if (bytes > MAX_IMPORT_BYTES) {
    return Promise.resolve(
      err(
        exchangeError(
          'bad_request.import_too_large',
          `The file is larger than the import limit of ${MAX_IMPORT_BYTES} bytes`,
        ),
      ),
    );
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
    const { content, ...rest } = job;
    const slices = contentSlices(content);
    const start: WorkerJob = { ...rest, slices: slices.length };
    try {
      worker = startModuleWorker(workerUrl, start, WORKER_LIMITS);
    } catch (cause) {
      failed(`its worker did not start (${String(cause)})`);
      return;
    }
    worker.once('message', (m: Result<ImportedWorkspace, ServiceError>) => settle(m));
    worker.once('error', (cause) => failed(String(cause)));
    worker.once('exit', (code) => failed(`its worker exited (${code}) without a result`));
    let sent = 0;
    const sendNext = (): void => {
      if (settled) return;
      const slice = (slices[sent] as () => string | Uint8Array)();
      if (typeof slice === 'string') worker.postMessage(slice);
      else worker.postMessage(slice, [slice.buffer as ArrayBuffer]);
      sent++;
      if (sent < slices.length) setImmediate(sendNext);
    };
    sendNext();
  });
}
