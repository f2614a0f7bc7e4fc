/**
 * One open workspace: the engine's state in memory and its durable files on disk. Commands
 * run one at a time: execute (pure, validates and applies), append the batch durably, and
 * only then answer; if the write fails the batch is rolled back, so memory and disk agree and
 * the caller is told the change was refused.
 */
import { randomUUID } from 'node:crypto';
import {
  batchAudience,
  createWorkspace,
  execute,
  fromSnapshot,
  STORED_VERSION,
  rollbackBatch,
  toSnapshot,
  SNAPSHOT_FORMAT,
  type Batch,
  type BatchAudience,
  type CommandInput,
  type WorkspaceState,
} from '../../shared/engine';
import type { ServiceError } from '../../shared/contract/errors';
import { err, ok, type Result } from '../../shared/model/result';
import type { Member } from '../../shared/model/types';
import { openWorkspaceFiles, type StoreProblem, type WorkspaceStore } from '../store';
import { foldModuleUrl, replayRecords } from './workspace-fold';

const deps = { newId: () => randomUUID(), now: () => new Date().toISOString() };

/** A committed change: its batch, and who may see what of it (judged as of the change). */
export interface Committed {
  batch: Batch;
  audience: BatchAudience;
}

export class WorkspaceSession {
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly id: string,
    readonly state: WorkspaceState,
    private readonly store: WorkspaceStore,
    /** What opening found (a damaged file kept aside, ...), in words for the person. */
    readonly problems: string[],
  ) {}

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
      validateSnapshot: (json) => {
        const head = json as { format?: unknown; version?: unknown } | null;
        if (
          typeof head !== 'object' ||
          head === null ||
          head.format !== SNAPSHOT_FORMAT ||
          (head.version !== 1 && head.version !== STORED_VERSION)
        )
          return 'not a Linkgraph workspace snapshot';
        const state = fromSnapshot(json, { trusted: true });
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
          const again = fromSnapshot(snapshot, { trusted: true });
          if (!again.ok) throw new Error(again.error.message);
          state = again.value;
        }
      }
      state = replayRecords(state, journal);
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
    return ok(new WorkspaceSession(id, state, store, problems));
  }

  /**
   * Runs one command as `actor`; resolves once its batch is durable (or refused). The batch's
   * audience is captured at once, while the state is exactly the batch's `after` [A4].
   */
  run(actor: string, command: CommandInput): Promise<Result<Committed, ServiceError>> {
    const next = this.queue.then(async (): Promise<Result<Committed, ServiceError>> => {
      const result = execute(this.state, actor, command, deps);
      if (!result.ok) return result;
      const audience = batchAudience(this.state, result.value);
      const written = await this.store.append(result.value);
      if (written.ok) return ok({ batch: result.value, audience });
      const undone = rollbackBatch(this.state, result.value);
      if (!undone.ok)
        console.error(
          `[service] rollback of ${result.value.batchId} failed: ${undone.error.message}`,
        );
      return err(written.error);
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Folds the journal into a snapshot now (also happens in the background as it grows). */
  async compact(): Promise<Result<unknown, ServiceError>> {
    return this.store.compact();
  }

  async close(): Promise<void> {
    await this.queue;
    const closed = await this.store.close();
    if (!closed.ok) console.error(`[service] closing ${this.id}: ${closed.error.message}`);
  }
}
