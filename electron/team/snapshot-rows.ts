/**
 * A team workspace's snapshots in the database (`snapshots`): the engine's stored form as of
 * a batch, a cache for a fast open (the batches all stay). Written by the instance (PGlite)
 * or by the snapshot worker (team-snapshot-worker.ts), read when a workspace is opened
 * (team-log.ts).
 */
import type { ServiceError } from '../../shared/contract/errors';
import { fromSnapshotSteps, type WorkspaceState } from '../../shared/engine';
import { err, ok, type Result } from '../../shared/model/result';
import { inTurns } from '../in-turns';
import { parseJsonSteps, utf8Steps } from '../store/parse-json-steps';
import { databaseError, num, type Database, type Sql } from './database';

/**
 * Saves `content` as the workspace's snapshot as of `seq`, keeping the one before it as the
 * last-good backup (older ones are removed; the batches all stay).
 */
export async function writeSnapshot(
  db: Database,
  workspace: string,
  seq: number,
  content: string,
): Promise<Result<void, ServiceError>> {
  try {
    await db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO snapshots (workspace, seq, content) VALUES ($1, $2, $3)
         ON CONFLICT (workspace, seq) DO NOTHING`,
        [workspace, seq, content],
      );
      await tx.query(
        `DELETE FROM snapshots WHERE workspace = $1 AND seq < (
           SELECT min(seq) FROM (
             SELECT seq FROM snapshots WHERE workspace = $1 ORDER BY seq DESC LIMIT 2
           ) AS kept)`,
        [workspace],
      );
    });
    return ok(undefined);
  } catch (cause) {
    return err(databaseError(cause, 'write a snapshot'));
  }
}

export interface ReadSnapshot {
  /** The latest snapshot that loads (null: none), and the batch it is as of (0: none). */
  state: WorkspaceState | null;
  seq: number;
  /** What the person is told about a snapshot passed over. */
  problems: string[];
}

/**
 * The workspace's latest snapshot up to batch `upTo` that loads. Of the latest two, the one
 * before is the last-good backup: a snapshot that does not load is passed over (and said so
 * in `problems`), since the batches alone rebuild the state. Throws when the database fails.
 */
export async function readSnapshot(
  sql: Sql,
  workspace: string,
  upTo: number,
): Promise<ReadSnapshot> {
  const problems: string[] = [];
  const rows = await sql.query<{ seq: unknown; content: string }>(
    `SELECT seq, content FROM snapshots WHERE workspace = $1 AND seq <= $2
     ORDER BY seq DESC LIMIT 2`,
    [workspace, upTo],
  );
  for (const row of rows) {
    const loaded = await loadSnapshot(row.content);
    if (loaded.ok) return { state: loaded.value, seq: num(row.seq), problems };
    problems.push(
      `The saved snapshot ${num(row.seq)} of workspace ${workspace} could not be loaded (${loaded.error}); it was opened from its saved changes instead.`,
    );
  }
  return { state: null, seq: 0, problems };
}

/**
 * In turns (electron/in-turns.ts): a 100,000-node plan's snapshot is tens of MB of JSON and
 * most of a second of loading, and the server answers every member meanwhile.
 */
async function loadSnapshot(content: string): Promise<Result<WorkspaceState, string>> {
  try {
    const json = await inTurns(parseJsonSteps(await inTurns(utf8Steps(content))));
    const loaded = await inTurns(fromSnapshotSteps(json, { trusted: true }));
    return loaded.ok ? ok(loaded.value) : err(loaded.error.message);
  } catch (cause) {
    return err((cause as Error).message);
  }
}
