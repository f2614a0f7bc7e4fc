/**
 * Starts the compaction worker and answers its result. In development and tests the worker
 * is TypeScript, and Node 20 does not pass tsx's loader on to workers, so a tiny bootstrap
 * registers tsx inside the worker first. A bundled build passes `workerUrl` to a built .mjs.
 */
import { err } from '../../shared/model/result';
import type { Result } from '../../shared/model/result';
import { siblingModuleUrl, startModuleWorker } from '../worker-thread';
import type { WorkerInput } from './compaction-worker';
import type { FoldOutput } from './fold-to-snapshot';
import type { StoreError } from './store-errors';

export function defaultWorkerUrl(): URL {
  return siblingModuleUrl(import.meta.url, 'compaction-worker.ts', 'store-compaction-worker.mjs');
}

export function runFoldWorker(
  workerUrl: URL,
  input: WorkerInput,
): Promise<Result<FoldOutput, StoreError>> {
  return new Promise((resolve) => {
    const worker = startModuleWorker(workerUrl, input);
    let settled = false;
    const settle = (r: Result<FoldOutput, StoreError>): void => {
      if (settled) return;
      settled = true;
      resolve(r);
      void worker.terminate();
    };
    worker.once('message', (m: Result<FoldOutput, StoreError>) => settle(m));
    worker.once('error', (cause) =>
      settle(
        err({
          code: 'internal.write_failed',
          message: `The compaction worker failed: ${String(cause)}`,
        }),
      ),
    );
    worker.once('exit', (code) =>
      settle(
        err({
          code: 'internal.write_failed',
          message: `The compaction worker exited (${code}) without a result.`,
        }),
      ),
    );
  });
}
