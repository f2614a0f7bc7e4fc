/**
 * Runs an import's preparation on a worker thread and answers its result. Parsing and
 * checking a 10,000-node GraphML file takes seconds; on the main thread that would stall
 * every window and the local API for as long.
 */
import type { ServiceError } from '../../shared/contract/errors';
import { err, type Result } from '../../shared/model/result';
import { siblingModuleUrl, startModuleWorker } from '../worker-thread';
import type { ImportJob, PreparedImport } from './prepare-import';

export function importWorkerUrl(): URL {
  return siblingModuleUrl(import.meta.url, 'import-worker.ts', 'import-worker.mjs');
}

export function runImport(
  job: ImportJob,
  workerUrl: URL = importWorkerUrl(),
): Promise<Result<PreparedImport, ServiceError>> {
  return new Promise((resolve) => {
    const failed = (message: string) =>
      settle(err({ code: 'internal.import_failed', message: `The import failed: ${message}` }));
    let settled = false;
    let worker: ReturnType<typeof startModuleWorker>;
    const settle = (r: Result<PreparedImport, ServiceError>): void => {
      if (settled) return;
      settled = true;
      resolve(r);
      void worker?.terminate();
    };
    try {
      worker = startModuleWorker(workerUrl, job);
    } catch (cause) {
      failed(`its worker did not start (${String(cause)})`);
      return;
    }
    worker.once('message', (m: Result<PreparedImport, ServiceError>) => settle(m));
    worker.once('error', (cause) => failed(String(cause)));
    worker.once('exit', (code) => failed(`its worker exited (${code}) without a result`));
  });
}
