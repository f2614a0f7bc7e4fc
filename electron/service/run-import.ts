/**
 * Runs an import on a worker thread (import-into-folder.ts): parsing, checking and writing a
 * 100,000-node file takes seconds, and on the main thread that would stall every window and
 * the local API for as long. The main thread only hands the file over, in slices: one
 * structured clone of a 200 MB string copies it in one go (~100 ms), slices of 4 M characters
 * take a few milliseconds each, with the event loop free in between.
 */
import type { ServiceError } from '../../shared/contract/errors';
import { err, type Result } from '../../shared/model/result';
import { siblingModuleUrl, startModuleWorker } from '../worker-thread';
import type { FolderImportJob, ImportedWorkspace } from './import-into-folder';

/** Characters per message to the worker. */
const SLICE_CHARS = 4 * 1024 * 1024;
/**
 * Parsing allocates millions of short-lived strings and objects; a young generation larger
 * than V8's default (16 MB semi-spaces) lets more of them die young instead of being copied
 * and promoted (about 10% less CPU on a 30,000-node GraphML file). The worker is short-lived.
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 192 };

/** What the worker starts with; the content follows in `slices` messages. */
export type WorkerJob = Omit<FolderImportJob, 'content'> & { slices: number };

export function importWorkerUrl(): URL {
  return siblingModuleUrl(import.meta.url, 'import-worker.ts', 'import-worker.mjs');
}

export function runImport(
  job: FolderImportJob,
  workerUrl: URL = importWorkerUrl(),
): Promise<Result<ImportedWorkspace, ServiceError>> {
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
    const slices = Math.max(1, Math.ceil(content.length / SLICE_CHARS));
    try {
      worker = startModuleWorker(workerUrl, { ...rest, slices } satisfies WorkerJob, WORKER_LIMITS);
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
      worker.postMessage(content.slice(sent * SLICE_CHARS, (sent + 1) * SLICE_CHARS));
      sent++;
      if (sent < slices) setImmediate(sendNext);
    };
    sendNext();
  });
}
