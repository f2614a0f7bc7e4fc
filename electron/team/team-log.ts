/**
 * A team workspace's log in the database (docs/team-server.md): its batches, numbered 1, 2,
 * 3, … per workspace, and snapshots for a fast open. This is the `WorkspaceLog` a
 * `WorkspaceSession` writes through on a team server.
 *
 * A write is one transaction: take the workspace's advisory lock (transaction-scoped, so
 * writers on every instance take turns and a crashed one releases it), apply the batches
 * committed elsewhere since this instance last saw, let the session execute its command,
 * insert its batch with the next number, NOTIFY the other instances, store the answer of a
 * request key, commit — in one round trip when no other instance is known to have written,
 * else two (`write` below). The change is answered only after the commit (SPEC T2, S1); a
 * refusal or a failed commit leaves the database as it was and the session's memory too.
 *
 * A commit whose answer is lost (the connection breaks during COMMIT) may have happened: the
 * change is then reported refused, and read back as a batch committed "elsewhere" at the next
 * write or catch-up, so memory and database agree again; a retry with the same request key
 * is then answered the first answer (docs/team-server.md, "A retried change").
 *
 * The statements themselves are in batch-rows.ts, the snapshots' reading and writing in
 * snapshot-rows.ts; this file holds the order they run in and what memory learns from them.
 */
import type { ServiceError } from '../../shared/contract/errors';
import { toStoredSnapshot, type WorkspaceState } from '../../shared/engine';
import { err, ok, type Result } from '../../shared/model/result';
// Snapshots of a PostgreSQL workspace are built on a worker thread (team-snapshot.ts).
import { snapshotOnWorker } from './team-snapshot';
import { inTurns } from '../in-turns';
import { replayRecordSteps } from '../service/workspace-fold';
import type {
  LoggedRecord,
  RequestKey,
  StoredAnswer,
  WorkspaceLog,
  WriteStep,
} from '../service/workspace-session';
import {
  appendStatements,
  bytesOf,
  catchUpStatements,
  closedError,
  corrupt,
  loggedRecords,
  loggedRecordSteps,
  lockStatement,
  rowsAfter,
  type AnswerRow,
  type BatchRow,
} from './batch-rows';
import { databaseError, isUniqueViolation, num, type Database } from './database';
import { readSnapshot, writeSnapshot } from './snapshot-rows';

/** Journal bytes after the last snapshot that make the session write a new one (as the file store). */
export const COMPACT_AFTER_BYTES = 4 * 1024 * 1024;

/** What a one-round-trip write answers when it wrote nothing and must be made the careful way. */
const AGAIN = Symbol('again');

export interface TeamLogOptions {
  /** Called when the session's memory can no longer be trusted (a record that does not apply). */
  onBroken?: (error: ServiceError) => void;
  compactAfterBytes?: number;
  /**
   * The PostgreSQL URL, to build snapshots on a worker thread that reads the workspace itself
   * (team-snapshot.ts); absent (PGlite, tests), the snapshot is built from the state here.
   */
  snapshotDatabaseUrl?: string;
}

export class TeamLog implements WorkspaceLog {
  /** False when a worker builds snapshots from the database (the session's state is not needed). */
  get compactsFromState(): boolean {
    return this.options.snapshotDatabaseUrl === undefined;
  }
  private closed = false;
  private compacting = false;

  constructor(
    private readonly db: Database,
    readonly workspace: string,
    /** The last record the session's memory holds. */
    public seq: number,
    /** The seq of the last snapshot written or read (0: none). */
    public snapshotSeq: number,
    /** Bytes of the records after that snapshot. */
    private bytesSinceSnapshot: number,
    private readonly options: TeamLogOptions = {},
  ) {}

  /** The highest batch another instance is known to have committed (from its NOTIFY). */
  private heard = 0;

  /** A NOTIFY said batch `seq` of this workspace was committed (here or elsewhere). */
  noteHeard(seq: number): void {
    if (seq > this.heard) this.heard = seq;
  }

  /**
   * A write (docs/team-server.md, "Throughput"). While no other instance is known to have
   * written since this one last read, the change is made on memory as it is and sent in one
   * round trip, lock to COMMIT: the batch's primary key (workspace, seq) is the guard, so
   * if another instance did commit that number meanwhile, or the request key is already
   * stored, nothing is written (unique violation), the change is taken back out of memory and
   * made again the careful way: catch up under the lock first, then write.
   */
  async write<T>(
    step: (external: readonly LoggedRecord[], stored?: StoredAnswer) => WriteStep<T>,
    request?: RequestKey,
  ): Promise<Result<T, ServiceError>> {
    if (this.closed) return err(closedError(this.workspace));
    if (this.heard <= this.seq) {
      const fast = await this.writeAhead(step, request);
      if (fast !== AGAIN) return fast;
    }
    return this.writeCaughtUp(step, request);
  }

  /** The one-round-trip write, or AGAIN: nothing was written, write the careful way. */
  private async writeAhead<T>(
    step: (external: readonly LoggedRecord[], stored?: StoredAnswer) => WriteStep<T>,
    request: RequestKey | undefined,
  ): Promise<Result<T, ServiceError> | typeof AGAIN> {
    let stepped: WriteStep<T>;
    try {
      stepped = step([]);
    } catch (error) {
      return this.broken(error as Error);
    }
    // A refusal may come from a state that missed another instance's change, and a retried
    // key must be answered its stored answer: both are decided again after catching up.
    if (stepped.record === undefined) return AGAIN;
    const seq = this.seq + 1;
    const text = JSON.stringify(stepped.record);
    const script = [
      lockStatement(this.workspace),
      ...appendStatements(this.workspace, seq, text, request, stepped.answer),
    ].join(';\n');
    try {
      await this.db.scriptOnce(script);
    } catch (cause) {
      stepped.undo?.();
      if (isUniqueViolation(cause)) return AGAIN;
      return err(databaseError(cause, 'save the change'));
    }
    this.seq = seq;
    this.bytesSinceSnapshot += text.length;
    return stepped.value;
  }

  /** The careful write: catch up under the lock, then execute and append (two round trips). */
  private async writeCaughtUp<T>(
    step: (external: readonly LoggedRecord[], stored?: StoredAnswer) => WriteStep<T>,
    request: RequestKey | undefined,
  ): Promise<Result<T, ServiceError>> {
    let stepped: WriteStep<T> | undefined;
    let stepFailed: Error | undefined;
    let caughtUp = this.seq;
    let read = 0;
    // Two round trips: the lock, the batches committed elsewhere and the request key's answer
    // go together (batch-rows.ts); the batch, its NOTIFY and the key's answer go with the COMMIT.
    const opening = catchUpStatements(this.workspace, this.seq, request);
    try {
      const committed = await this.db.scripted(opening, (results) => {
        const rows = (results[1] ?? []) as unknown as BatchRow[];
        const found = results[2]?.[0] as AnswerRow | undefined;
        let external: LoggedRecord[];
        try {
          external = loggedRecords(rows, this.seq);
          stepped = step(
            external,
            found && {
              seq: num(found.seq),
              fingerprint: found.fingerprint,
              answer: JSON.parse(found.answer) as unknown,
            },
          );
        } catch (error) {
          stepFailed = error as Error;
          throw error;
        }
        caughtUp = external.at(-1)?.seq ?? this.seq;
        read = bytesOf(rows);
        if (stepped.record === undefined) return { closing: null, value: null };
        const seq = caughtUp + 1;
        const text = JSON.stringify(stepped.record);
        const statements = appendStatements(this.workspace, seq, text, request, stepped.answer);
        return { closing: statements.join(';\n'), value: { seq, bytes: text.length } };
      });
      this.seq = committed?.seq ?? caughtUp;
      this.bytesSinceSnapshot += read + (committed?.bytes ?? 0);
      return (stepped as WriteStep<T>).value;
    } catch (cause) {
      if (stepFailed) return this.broken(stepFailed);
      // Records committed elsewhere were applied (they stand); this change was not made.
      this.seq = caughtUp;
      this.bytesSinceSnapshot += read;
      stepped?.undo?.();
      return err(databaseError(cause, 'save the change'));
    }
  }

  async catchUp(
    apply: (external: readonly LoggedRecord[]) => void,
  ): Promise<Result<number, ServiceError>> {
    if (this.closed) return err(closedError(this.workspace));
    let rows: BatchRow[];
    try {
      rows = await rowsAfter(this.db, this.workspace, this.seq);
    } catch (cause) {
      return err(databaseError(cause, 'read the latest changes'));
    }
    // The session's queue runs one catch-up or write at a time, so `seq` is still ours here.
    let external: LoggedRecord[];
    try {
      external = loggedRecords(rows, this.seq);
      apply(external);
    } catch (error) {
      return this.broken(error as Error);
    }
    this.seq = external.at(-1)?.seq ?? this.seq;
    this.bytesSinceSnapshot += bytesOf(rows);
    return ok(external.length);
  }

  wantsCompaction(): boolean {
    return (
      !this.closed &&
      !this.compacting &&
      this.bytesSinceSnapshot >= (this.options.compactAfterBytes ?? COMPACT_AFTER_BYTES)
    );
  }

  /**
   * Writes the snapshot of `state` as of `seq` (the session calls this between two writes),
   * keeping the one before it as the last-good backup. Snapshots are a cache of the batches,
   * which all stay: losing one costs only time at the next open.
   */
  async compact(state: WorkspaceState): Promise<Result<{ seq: number }, ServiceError>> {
    if (this.closed) return err(closedError(this.workspace));
    const seq = this.seq;
    if (seq === this.snapshotSeq) return ok({ seq });
    this.compacting = true;
    const bytes = this.bytesSinceSnapshot;
    try {
      const url = this.options.snapshotDatabaseUrl;
      const written = url
        ? await snapshotOnWorker({ url, workspace: this.workspace, seq })
        : await writeSnapshot(
            this.db,
            this.workspace,
            seq,
            JSON.stringify(toStoredSnapshot(state)),
          );
      if (!written.ok) return written;
      this.snapshotSeq = Math.max(this.snapshotSeq, seq);
      // What was written meanwhile (a worker's snapshot takes a while) still counts.
      this.bytesSinceSnapshot = Math.max(0, this.bytesSinceSnapshot - bytes);
      return ok({ seq });
    } catch (cause) {
      return err(databaseError(cause, 'write a snapshot'));
    } finally {
      this.compacting = false;
    }
  }

  async close(): Promise<Result<void, ServiceError>> {
    this.closed = true;
    return ok(undefined);
  }

  private broken(cause: Error): Result<never, ServiceError> {
    const error = corrupt(this.workspace, cause.message);
    this.closed = true;
    console.error(`[team] ${error.message}`);
    this.options.onBroken?.(error);
    return err(error);
  }
}

export interface OpenedTeamLog {
  state: WorkspaceState;
  log: TeamLog;
  /** Where the state came from: the snapshot's seq (0: none) and how many batches followed. */
  from: { snapshotSeq: number; replayed: number };
  problems: string[];
}

/**
 * Reads a workspace from the database: its latest snapshot (up to `upTo`, when given) and
 * the batches after it. A snapshot that does not load is passed over (the person is told):
 * the batches alone rebuild the state, since none is ever removed.
 */
export async function openTeamLog(
  db: Database,
  workspace: string,
  options: TeamLogOptions & { upTo?: number } = {},
): Promise<Result<OpenedTeamLog, ServiceError>> {
  const upTo = options.upTo ?? Number.MAX_SAFE_INTEGER;
  let problems: string[];
  let rows: BatchRow[];
  let base: number;
  let state: WorkspaceState | null;
  try {
    ({ state, seq: base, problems } = await readSnapshot(db, workspace, upTo));
    // Batches are append-only: whatever was committed after the snapshot read above is here.
    rows = await db.query<BatchRow>(
      'SELECT seq, record FROM batches WHERE workspace = $1 AND seq > $2 AND seq <= $3 ORDER BY seq',
      [workspace, base, upTo],
    );
  } catch (cause) {
    return err(databaseError(cause, `open the workspace ${workspace}`));
  }
  let records: LoggedRecord[];
  try {
    // In turns, as the snapshot was read: a large workspace's batches are seconds of work.
    records = await inTurns(loggedRecordSteps(rows, base));
    state = await inTurns(
      replayRecordSteps(
        state,
        records.map((r) => r.record),
      ),
    );
  } catch (cause) {
    return err(corrupt(workspace, (cause as Error).message));
  }
  if (!state)
    return err({
      code: 'not_found.workspace_empty',
      message: `The workspace ${workspace} has no content.`,
    });
  const seq = records.at(-1)?.seq ?? base;
  return ok({
    state,
    log: new TeamLog(db, workspace, seq, base, bytesOf(rows), options),
    from: { snapshotSeq: base, replayed: records.length },
    problems,
  });
}
