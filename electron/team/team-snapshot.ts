/**
 * A team server's snapshots built on a worker thread (team-snapshot-worker.ts): serialising
 * a 100,000-node workspace takes the main thread hundreds of milliseconds, during which an
 * instance would answer no one. The worker reads the workspace from PostgreSQL as of the
 * batch asked for, so nothing large crosses threads. PGlite runs inside this process and
 * cannot be reached from another thread: there the snapshot stays on the main thread.
 */
import type { ServiceError } from '../../shared/contract/errors';
import { err, type Result } from '../../shared/model/result';
import { siblingModuleUrl, startModuleWorker } from '../worker-thread';
import type { SnapshotJob } from './team-snapshot-worker';

export function snapshotWorkerUrl(): URL {
  return siblingModuleUrl(import.meta.url, 'team-snapshot-worker.ts', 'team-snapshot-worker.mjs');
}

/** Writes the snapshot of `workspace` as of batch `seq` on a worker thread. */
export function snapshotOnWorker(
  job: SnapshotJob,
  workerUrl: URL = snapshotWorkerUrl(),
): Promise<Result<{ seq: number }, ServiceError>> {
  return new Promise((resolve) => {
    let settled = false;
    const done = (result: Result<{ seq: number }, ServiceError>) => {
      if (settled) return;
      settled = true;
      resolve(result);
    };
    const worker = startModuleWorker(workerUrl, job);
    worker.once('message', (result: Result<{ seq: number }, ServiceError>) => {
      done(result);
      void worker.terminate();
    });
    worker.once('error', (cause) =>
      done(
        err({
          code: 'internal.unexpected',
          message: `The snapshot worker failed: ${cause.message}`,
        }),
      ),
    );
    worker.once('exit', (code) =>
      done(err({ code: 'internal.unexpected', message: `The snapshot worker stopped (${code}).` })),
    );
  });
}
