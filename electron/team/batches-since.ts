/**
 * "Batches since N" (`batches.since`, the base of offline sync, SPEC T5): the history
 * batches of a workspace numbered after N, each with who may see what of it judged as of
 * that batch [A4] — the workspace is read as of N (a snapshot at or before it plus the
 * batches up to it) and the later batches are replayed one by one, as an instance hearing of
 * them would. Batches are append-only (migrations/001_init.sql), so any N can be answered.
 */
import type { ServiceError } from '../../shared/contract/errors';
import { batchAudience, replayBatch, type Batch, type BatchAudience } from '../../shared/engine';
import { err, ok, type Result } from '../../shared/model/result';
import { databaseError, num, type Database } from './database';
import { openTeamLog } from './team-log';

export interface SinceEntry {
  seq: number;
  batch: Batch;
  audience: BatchAudience;
}

export interface BatchesSince {
  entries: SinceEntry[];
  /** The number of the last batch looked at (N when there was none): the next call's N. */
  last: number;
  /** Whether batches follow `last` (ask again from it). */
  more: boolean;
}

export async function readBatchesSince(
  db: Database,
  workspace: string,
  after: number,
  limit: number,
): Promise<Result<BatchesSince, ServiceError>> {
  // Record 1 is the genesis (the new workspace's snapshot), not a change: start after it.
  const base = Math.max(after, 1);
  const opened = await openTeamLog(db, workspace, { upTo: base });
  if (!opened.ok) return opened;
  const { state } = opened.value;
  const reached = opened.value.log.seq;
  if (reached < base)
    return err({
      code: 'not_found.no_such_batch',
      message: `The workspace has ${reached} batches; there is no batch ${after} to read after.`,
    });
  let rows: { seq: unknown; record: string }[];
  try {
    rows = await db.query(
      'SELECT seq, record FROM batches WHERE workspace = $1 AND seq > $2 ORDER BY seq LIMIT $3',
      [workspace, base, limit + 1],
    );
  } catch (cause) {
    return err(databaseError(cause, 'read the batches'));
  }
  const entries: SinceEntry[] = [];
  for (const row of rows.slice(0, limit)) {
    const batch = JSON.parse(row.record) as Batch;
    const replayed = replayBatch(state, batch);
    if (!replayed.ok)
      return err({
        code: 'internal.store_corrupt',
        message: `Batch ${num(row.seq)} of workspace ${workspace} does not replay: ${replayed.error.message}`,
      });
    entries.push({ seq: num(row.seq), batch, audience: batchAudience(state, batch) });
  }
  return ok({ entries, last: entries.at(-1)?.seq ?? base, more: rows.length > limit });
}
