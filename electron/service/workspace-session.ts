/**
 * One open workspace: the engine's state in memory and its durable log — the files on disk
 * (docs/store.md) or a team server's database (electron/team, docs/team-server.md). Commands
 * run one at a time: execute (pure, validates and applies), append the batch durably, and
 * only then answer; if the write fails the batch is rolled back, so memory and the log agree
 * and the caller is told the change was refused.
 *
 * A log shared by several writers (server instances on one database) hands each write the
 * records the others committed since this session last saw, under the workspace's write lock:
 * they are applied first (and announced through `onExternal`), so every command runs on the
 * latest state.
 */
import { createHash, randomUUID } from 'node:crypto';
import {
  batchAudience,
  createWorkspace,
  execute,
  fromSnapshotSteps,
  replayBatch,
  STORED_VERSION,
  rollbackBatch,
  toSnapshot,
  SNAPSHOT_FORMAT,
  type Batch,
  type BatchAudience,
  type CommandInput,
  type Steps,
  type WorkspaceState,
} from '../../shared/engine';
import type { ServiceError } from '../../shared/contract/errors';
import { err, ok, type Result } from '../../shared/model/result';
import type { Member } from '../../shared/model/types';
import { openWorkspaceFiles, type StoreProblem, type WorkspaceStore } from '../store';
import { inTurns } from '../in-turns';
import { foldModuleUrl, isGenesis, replayRecordSteps } from './workspace-fold';

const deps = { newId: () => randomUUID(), now: () => new Date().toISOString() };

/** A committed change: its batch, and who may see what of it (judged as of the change). */
export interface Committed {
  batch: Batch;
  audience: BatchAudience;
}

/** A record of a workspace's log and its number in it (1, 2, 3, … without a gap). */
export interface LoggedRecord {
  seq: number;
  record: unknown;
}

/**
 * A change sent with a client's request key (docs/team-server.md, "A retried change"): the
 * log stores `answer` with the key in the same transaction as the record, and a retry with
 * the same key is handed that first answer instead of making the change again.
 */
export interface RequestKey {
  member: string;
  key: string;
  /** sha256 (hex) of the command's name and parameters. */
  fingerprint: string;
}

/** What a log holds for a request key: the first answer, and what it answered. */
export interface StoredAnswer {
  seq: number;
  fingerprint: string;
  answer: unknown;
}

/** What one write answers: its value, and the record to make durable (none: nothing to write). */
export interface WriteStep<T> {
  value: Result<T, ServiceError>;
  record?: unknown;
  /** With a request key: the answer stored with the record (JSON). */
  answer?: unknown;
  /** Takes the record's change back out of memory when it could not be made durable. */
  undo?: () => void;
}

/**
 * Where a session's records live. `write` runs `step` once, with the workspace's writes
 * serialised (one process for the file store; a transaction-scoped lock for the team
 * database), and resolves only once `step`'s record is durable — or with the error, after
 * calling its `undo`. `external` are the records other writers committed since this log last
 * saw; `step` applies them before it decides (it throws if one does not apply).
 */
export interface WorkspaceLog {
  /**
   * With `request`, `step` is also handed what the log holds for that key (read under the
   * same lock), and `step`'s `answer` is stored with its record. A log that keeps no keys
   * (the file store: one process, its answers never cross a lost connection to another
   * instance) hands nothing.
   */
  write<T>(
    step: (external: readonly LoggedRecord[], stored?: StoredAnswer) => WriteStep<T>,
    request?: RequestKey,
  ): Promise<Result<T, ServiceError>>;
  /**
   * Hands `apply` the records other writers committed since this log last saw (nothing for a
   * one-writer log) and answers how many; `apply` throws if one does not apply.
   */
  catchUp(
    apply: (external: readonly LoggedRecord[]) => void,
  ): Promise<Result<number, ServiceError>>;
  /**
   * Writes a snapshot: of `state` when `compactsFromState` (the session then calls it between
   * two writes, when `state` is exactly the log's last record), else from the log's own
   * records (the file store folds its files on a worker thread while appends go on).
   */
  compact(state: WorkspaceState): Promise<Result<unknown, ServiceError>>;
  readonly compactsFromState?: boolean;
  /** True when enough records follow the last snapshot for the session to compact now. */
  wantsCompaction?(): boolean;
  close(): Promise<Result<void, ServiceError>>;
}

/** The file store (docs/store.md) as a session's log: one writer, so nothing is external. */
export function fileLog(store: WorkspaceStore): WorkspaceLog {
  return {
    async write(step) {
      const { value, record, undo } = step([]);
      if (record === undefined) return value;
      const written = await store.append(record);
      if (written.ok) return value;
      undo?.();
      return err(written.error);
    },
    catchUp: async () => ok(0),
    // The store folds its own files on a worker thread; the state in memory is not needed.
    compact: () => store.compact(),
    close: () => store.close(),
  };
}

export class WorkspaceSession {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly externalListeners = new Set<(committed: Committed) => void>();

  private constructor(
    readonly id: string,
    readonly state: WorkspaceState,
    private readonly log: WorkspaceLog,
    /** What opening found (a damaged file kept aside, ...), in words for the person. */
    readonly problems: string[],
  ) {}

  /** A session over any log, its state already loaded up to the log's last record. */
  static over(
    id: string,
    state: WorkspaceState,
    log: WorkspaceLog,
    problems: string[] = [],
  ): WorkspaceSession {
    return new WorkspaceSession(id, state, log, problems);
  }

  /**
   * Listens for changes other writers committed (another server instance), as this session
   * applies them; each is announced once, in order, like a change made here.
   */
  onExternal(listener: (committed: Committed) => void): () => void {
    this.externalListeners.add(listener);
    return () => this.externalListeners.delete(listener);
  }

  /**
   * Opens the workspace in `dir`; with `create`, an empty folder becomes a new workspace owned
   * by that member (its genesis record written durably first).
   */
  static async open(
    id: string,
    dir: string,
    create?: { owner: Member },
  ): Promise<Result<WorkspaceSession, ServiceError>> {
    const problems: string[] = [];
    // The engine loads each snapshot as the store reads it, so one that passes its checksum but
    // does not load (an edited file, a bug in an earlier release) counts as damaged like any
    // other: kept aside, and the last-good backup opens instead (SPEC S1).
    const loaded = new WeakMap<object, WorkspaceState>();
    const opened = await openWorkspaceFiles(dir, {
      fold: { modulePath: foldModuleUrl() },
      validateSnapshot: async (json) => {
        const head = json as { format?: unknown; version?: unknown } | null;
        if (
          typeof head !== 'object' ||
          head === null ||
          head.format !== SNAPSHOT_FORMAT ||
          (head.version !== 1 && head.version !== STORED_VERSION)
        )
          return 'not a Linkgraph workspace snapshot';
        // In turns (in-turns.ts): the app answers while a large workspace loads.
        const state = await inTurns(fromSnapshotSteps(json, { trusted: true }));
        if (!state.ok) return `the engine cannot load it: ${state.error.message}`;
        loaded.set(head, state.value);
        return true;
      },
      onBackgroundError: (e) =>
        console.error(`[store] background compaction of ${id} failed: ${e.message}`),
    });
    if (!opened.ok) return err(opened.error);
    const { store, snapshot, journal } = opened.value;
    problems.push(
      ...opened.value.problems
        .filter((p: StoreProblem) => p.severity !== 'info')
        .map((p) => p.message),
    );

    let state: WorkspaceState | null = null;
    try {
      if (snapshot !== null) {
        const known = loaded.get(snapshot as object);
        if (known) state = known;
        else {
          const again = await inTurns(fromSnapshotSteps(snapshot, { trusted: true }));
          if (!again.ok) throw new Error(again.error.message);
          state = again.value;
        }
      }
      state = await inTurns(replayRecordSteps(state, journal));
    } catch (cause) {
      await store.close();
      return err({
        code: 'internal.store_corrupt',
        message: `The workspace ${id} cannot be read: ${(cause as Error).message}`,
      });
    }
    if (!state) {
      if (!create) {
        await store.close();
        return err({
          code: 'not_found.workspace_empty',
          message: `The workspace ${id} has no content.`,
        });
      }
      state = createWorkspace({ owner: create.owner });
      const written = await store.append({ genesis: toSnapshot(state) });
      if (!written.ok) {
        await store.close();
        return err(written.error);
      }
    }
    return ok(new WorkspaceSession(id, state, fileLog(store), problems));
  }

  /**
   * Runs one command as `actor`; resolves once its batch is durable (or refused). The batch's
   * audience is captured at once, while the state is exactly the batch's `after` [A4].
   */
  run(actor: string, command: CommandInput): Promise<Result<Committed, ServiceError>> {
    return this.enqueueWrite((external) => this.step(actor, command, external));
  }

  /**
   * Runs a command sent with the client's request `key` (docs/team-server.md, "A retried
   * change"): the first time, as `run` does, storing `answerOf(committed)` with its batch; a
   * retry with the same key is answered that stored answer (`committed: null`: nothing new
   * was made, nothing to announce). The same key with another command is refused.
   */
  runOnce(
    actor: string,
    command: CommandInput,
    key: string,
    answerOf: (committed: Committed) => unknown,
  ): Promise<Result<{ committed: Committed | null; answer: unknown }, ServiceError>> {
    const fingerprint = createHash('sha256')
      .update(JSON.stringify([command.name, command.params]))
      .digest('hex');
    return this.enqueueWrite(
      (external, stored): WriteStep<{ committed: Committed | null; answer: unknown }> => {
        if (stored) {
          this.applyExternal(external);
          if (stored.fingerprint !== fingerprint)
            return {
              value: err({
                code: 'conflict.idempotency_key_reused',
                message: `The request key "${key}" was already used for another change (batch ${stored.seq}); a retry must repeat the same request, a new change needs a new key.`,
              }),
            };
          return { value: ok({ committed: null, answer: stored.answer }) };
        }
        const made = this.step(actor, command, external);
        if (!made.value.ok) return { value: made.value };
        const committed = made.value.value;
        const answer = answerOf(committed);
        return { ...made, value: ok({ committed, answer }), answer };
      },
      { member: actor, key, fingerprint },
    );
  }

  /** Applies `external`, executes `command` as `actor`: the write's step (see WorkspaceLog). */
  private step(
    actor: string,
    command: CommandInput,
    external: readonly LoggedRecord[],
  ): WriteStep<Committed> {
    this.applyExternal(external);
    const result = execute(this.state, actor, command, deps);
    if (!result.ok) return { value: result };
    const batch = result.value;
    const audience = batchAudience(this.state, batch);
    return {
      value: ok({ batch, audience }),
      record: batch,
      undo: () => {
        const undone = rollbackBatch(this.state, batch);
        if (!undone.ok)
          console.error(`[service] rollback of ${batch.batchId} failed: ${undone.error.message}`);
      },
    };
  }

  /**
   * A read that takes turns of the event loop (in-turns.ts) with no write of this session in
   * between: queued after the writes before it, and the writes after it wait for it, so what
   * it reads across its turns is of one moment (a plan's schedule view for its exports).
   */
  readInTurns<R>(steps: () => Steps<R>): Promise<R> {
    const next = this.queue.then(() => inTurns(steps()));
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Queues one write after the session's others; may compact once it is done. */
  private enqueueWrite<T>(
    step: (external: readonly LoggedRecord[], stored?: StoredAnswer) => WriteStep<T>,
    request?: RequestKey,
  ): Promise<Result<T, ServiceError>> {
    const next = this.queue.then(() => this.log.write(step, request));
    this.queue = next.catch(() => undefined);
    void next.then(() => {
      if (this.log.wantsCompaction?.()) void this.compact();
    });
    return next;
  }

  /**
   * Applies what other writers committed since this session last saw (a team server's other
   * instances), in order, announcing each; a no-op for the file store.
   */
  catchUp(): Promise<Result<number, ServiceError>> {
    const next = this.queue.then(() => this.log.catchUp((records) => this.applyExternal(records)));
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Applies records committed elsewhere; throws if one does not apply (the log is damaged). */
  private applyExternal(records: readonly LoggedRecord[]): void {
    for (const { record } of records) {
      if (isGenesis(record)) throw new Error('a genesis record after the workspace was made');
      const replayed = replayBatch(this.state, record);
      if (!replayed.ok) throw new Error(`batch does not replay: ${replayed.error.message}`);
      const batch = record as Batch;
      const committed = { batch, audience: batchAudience(this.state, batch) };
      for (const listener of this.externalListeners) {
        try {
          listener(committed);
        } catch (error) {
          console.error('[service] an external-change listener failed:', error);
        }
      }
    }
  }

  /** Folds the log into a snapshot now (the file store also does so in the background). */
  compact(): Promise<Result<unknown, ServiceError>> {
    if (!this.log.compactsFromState) return this.log.compact(this.state);
    const next = this.queue.then(() => this.log.compact(this.state));
    this.queue = next.catch(() => undefined);
    return next;
  }

  async close(): Promise<void> {
    await this.queue;
    const closed = await this.log.close();
    if (!closed.ok) console.error(`[service] closing ${this.id}: ${closed.error.message}`);
  }
}
