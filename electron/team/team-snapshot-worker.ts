/**
 * Worker-thread entry of a team server's snapshot (team-snapshot.ts): reads the workspace
 * as of batch `seq` from PostgreSQL itself (its latest snapshot up to `seq` plus the batches
 * after it, as an instance opening it does), serialises the engine's stored form and writes
 * it — all off the instance's main thread, which goes on answering members meanwhile.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { yieldToMainThread } from '../worker-thread';
import { toStoredSnapshot } from '../../shared/engine';
import { err, ok, type Result } from '../../shared/model/result';
import type { ServiceError } from '../../shared/contract/errors';
import { openPostgres } from './pg-database';
import { writeSnapshot } from './snapshot-rows';
import { openTeamLog } from './team-log';

export interface SnapshotJob {
  url: string;
  workspace: string;
  seq: number;
}

async function main(job: SnapshotJob): Promise<Result<{ seq: number }, ServiceError>> {
  let db;
  try {
    db = await openPostgres(job.url, { poolSize: 1 });
  } catch (cause) {
    return err({
      code: 'unavailable.database_unreachable',
      message: `The snapshot worker could not reach the database: ${(cause as Error).message}`,
      retry_after: 2,
    });
  }
  try {
    const opened = await openTeamLog(db, job.workspace, { upTo: job.seq });
    if (!opened.ok) return opened;
    const seq = opened.value.log.seq;
    if (seq !== job.seq)
      return err({
        code: 'internal.unexpected',
        message: `The workspace ${job.workspace} has no batch ${job.seq} to snapshot.`,
      });
    const content = JSON.stringify(toStoredSnapshot(opened.value.state));
    const written = await writeSnapshot(db, job.workspace, seq, content);
    return written.ok ? ok({ seq }) : written;
  } finally {
    await db.close();
  }
}

yieldToMainThread();

void main(workerData as SnapshotJob).then(
  (result) => parentPort?.postMessage(result),
  (cause: unknown) =>
    parentPort?.postMessage(
      err({ code: 'internal.unexpected', message: `The snapshot worker failed: ${String(cause)}` }),
    ),
);
