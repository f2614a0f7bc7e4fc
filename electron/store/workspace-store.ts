/**
 * The durable store of one workspace: open (with recovery), append a batch (durable before
 * the promise resolves), compact in the background, close. See docs/store.md for the files.
 */
import { unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { err, ok } from '../../shared/model/result';
import type { Result } from '../../shared/model/result';
import { fsyncDir, link, rename, tempNameFor, unlinkIfExists } from './durable-fs';
import { foldToTempSnapshot } from './fold-to-snapshot';
import type { FoldFn, FoldJob, FoldOutput } from './fold-to-snapshot';
import { JournalWriter } from './journal-writer';
import { createFolderDurably, recoverWorkspace } from './recover-workspace';
import { lockWorkspace } from './workspace-lock';
import type { SnapshotValidator } from './recover-workspace';
import { defaultWorkerUrl, runFoldWorker } from './run-fold-worker';
import { storeErrorFrom } from './store-errors';
import type { StoreError, StoreProblem } from './store-errors';
import { SNAPSHOT, SNAPSHOT_PREV, journalName } from './workspace-layout';

/**
 * How to fold batches into a snapshot. A module path (or file URL) is loaded in a worker
 * thread, so compaction never blocks the caller's thread; a plain function runs on the
 * caller's thread (tests, tiny workspaces).
 */
export type FoldSpec = { modulePath: string; exportName?: string } | { fn: FoldFn };

export interface OpenOptions {
  fold: FoldSpec;
  /** Checks a snapshot's content before it is trusted; false or a reason rejects it. */
  validateSnapshot?: SnapshotValidator;
  /** Compact in the background once this many journal bytes follow the snapshot (false: never). */
  autoCompactBytes?: number | false;
  /** Told about background compaction failures (appends are unaffected by them). */
  onBackgroundError?: (error: StoreError) => void;
  /** The compaction worker script (a bundled build points this at its built file). */
  workerUrl?: URL;
  now?: () => Date;
}

export interface OpenedWorkspace {
  store: WorkspaceStore;
  /** Snapshot content to start from (null: empty), then the batches to replay, oldest first. */
  snapshot: unknown;
  journal: unknown[];
  /** What recovery found; show every `error` and `warning` to the person. */
  problems: StoreProblem[];
}

export interface AppendReceipt {
  journalGeneration: number;
}

export interface CompactionReport {
  /** False when there was nothing to fold. */
  compacted: boolean;
  generation: number;
  batches: number;
  bytes: number;
}

const DEFAULT_AUTO_COMPACT_BYTES = 4 * 1024 * 1024;

export async function openWorkspaceFiles(
  dir: string,
  options: OpenOptions,
): Promise<Result<OpenedWorkspace, StoreError>> {
  const now = options.now ?? (() => new Date());
  let lock: Awaited<ReturnType<typeof lockWorkspace>>;
  try {
    await createFolderDurably(dir);
    lock = await lockWorkspace(dir);
  } catch (cause) {
    return err(storeErrorFrom(cause, `open the workspace in ${dir}`, dir));
  }
  if (!lock.ok) {
    return err({
      code: 'internal.store_locked',
      message: `The workspace in ${dir} is already open in ${lock.owner}. Close it there first.`,
      path: dir,
    });
  }
  try {
    const recovered = await recoverWorkspace(dir, options.validateSnapshot ?? (() => true), now());
    const { active } = recovered;
    const writer =
      active.kind === 'resume'
        ? await JournalWriter.resume(dir, active.generation, active)
        : await JournalWriter.create(dir, active.generation, active.firstSeq);
    await fsyncDir(dir);
    const store = new WorkspaceStore(dir, options, writer, lock.release, {
      baseFile: recovered.baseFile,
      baseGeneration: recovered.baseGeneration,
      prevGeneration: recovered.prevGeneration,
      sealedBytes: recovered.sealedBytes,
    });
    return ok({
      store,
      snapshot: recovered.snapshot,
      journal: recovered.journal,
      problems: recovered.problems,
    });
  } catch (cause) {
    await lock.release();
    return err(storeErrorFrom(cause, `open the workspace in ${dir}`, dir));
  }
}

interface BaseState {
  baseFile: string | null;
  baseGeneration: number;
  prevGeneration: number | null;
  /** Bytes in sealed journals not yet folded into the snapshot. */
  sealedBytes: number;
}

export class WorkspaceStore {
  private compacting: Promise<Result<CompactionReport, StoreError>> | null = null;
  /** Set when close() starts: no new appends or compactions from then on. */
  private closed = false;
  /** After a failed background compaction, wait for this much journal before trying again. */
  private autoCompactFloor = 0;

  constructor(
    readonly dir: string,
    private readonly options: OpenOptions,
    private readonly writer: JournalWriter,
    private readonly releaseLock: () => Promise<void>,
    private base: BaseState,
  ) {}

  /** Journal bytes after the snapshot (what a reopen replays). */
  get journalBytes(): number {
    return this.base.sealedBytes + this.writer.length;
  }

  /**
   * Appends one batch. Resolves once it is on disk (written and fsynced); on failure resolves
   * with an error and the journal is byte-identical to before.
   */
  async append(batch: unknown): Promise<Result<AppendReceipt, StoreError>> {
    if (this.closed)
      return err({ code: 'internal.store_closed', message: 'The workspace store is closed.' });
    let payload: Buffer;
    try {
      payload = Buffer.from(JSON.stringify(batch), 'utf8');
    } catch (cause) {
      return err({
        code: 'internal.write_failed',
        message: `The change cannot be saved as JSON: ${String(cause)}`,
      });
    }
    const result = await this.writer.append(payload);
    if (!result.ok) return result;
    this.maybeAutoCompact();
    return ok({ journalGeneration: this.writer.generation });
  }

  /** Folds the journal into a new snapshot off the main thread. Concurrent calls share one run. */
  compact(): Promise<Result<CompactionReport, StoreError>> {
    if (this.closed)
      return Promise.resolve(
        err({ code: 'internal.store_closed', message: 'The workspace store is closed.' }),
      );
    this.compacting ??= this.runCompaction().finally(() => {
      this.compacting = null;
    });
    return this.compacting;
  }

  /**
   * Refuses new work, waits for appends already made and a running compaction to finish,
   * then closes the journal and releases the workspace lock.
   */
  async close(): Promise<Result<void, StoreError>> {
    if (this.closed) return ok(undefined);
    this.closed = true;
    while (this.compacting) await this.compacting;
    try {
      await this.writer.close();
      return ok(undefined);
    } catch (cause) {
      return err(storeErrorFrom(cause, 'close the journal', this.writer.path));
    } finally {
      await this.releaseLock();
    }
  }

  private maybeAutoCompact(): void {
    const limit = this.options.autoCompactBytes ?? DEFAULT_AUTO_COMPACT_BYTES;
    if (limit === false || this.compacting || this.closed) return;
    if (this.journalBytes < Math.max(limit, this.autoCompactFloor)) return;
    void this.compact().then((r) => {
      // A failing compaction (e.g. disk full) is not retried on every append.
      this.autoCompactFloor = r.ok ? 0 : this.journalBytes + limit;
      if (!r.ok) this.options.onBackgroundError?.(r.error);
    });
  }

  private async runCompaction(): Promise<Result<CompactionReport, StoreError>> {
    const dir = this.dir;
    // 1. Seal the active journal (appends continue in a new one) so the fold sees a fixed set.
    let upTo: number;
    try {
      upTo = await this.writer.exclusive(async () => {
        if (!this.writer.hasBatches) return this.writer.generation - 1;
        const sealing = this.writer.length;
        await this.writer.sealAndSwitch();
        this.base.sealedBytes += sealing;
        return this.writer.generation - 1;
      });
    } catch (cause) {
      return err(
        storeErrorFrom(
          cause,
          'start a new journal file',
          join(dir, journalName(this.writer.generation + 1)),
        ),
      );
    }
    if (upTo <= this.base.baseGeneration) {
      return ok({ compacted: false, generation: this.base.baseGeneration, batches: 0, bytes: 0 });
    }

    // 2. Fold on a worker thread (or here, if given a plain function) into a fsynced temp file.
    const job: FoldJob = {
      dir,
      baseFile: this.base.baseFile,
      baseGeneration: this.base.baseGeneration,
      upTo,
      writtenAt: (this.options.now?.() ?? new Date()).toISOString(),
    };
    const folded = await this.fold(job);
    if (!folded.ok) return folded;

    // 3. Install: the current snapshot becomes the last-good backup, the new one takes its place.
    const installed = await this.install(folded.value);
    if (!installed.ok) return installed;

    // 4. Journals folded into both snapshots are no longer needed (failure here is harmless:
    //    the next open removes them).
    const prev = this.base.prevGeneration;
    if (prev !== null) {
      for (let g = prev; g > 0; g--) {
        try {
          await unlink(join(dir, journalName(g)));
        } catch {
          break; // ENOENT: the older ones went in an earlier compaction
        }
      }
      await fsyncDir(dir).catch(() => undefined);
    }
    return ok({
      compacted: true,
      generation: upTo,
      batches: folded.value.batches,
      bytes: folded.value.bytes,
    });
  }

  private async fold(job: FoldJob): Promise<Result<FoldOutput, StoreError>> {
    const spec = this.options.fold;
    if ('fn' in spec) return foldToTempSnapshot(job, spec.fn);
    const url = spec.modulePath.startsWith('file:')
      ? spec.modulePath
      : pathToFileURL(spec.modulePath).href;
    return runFoldWorker(this.options.workerUrl ?? defaultWorkerUrl(), {
      job,
      foldModuleUrl: url,
      exportName: spec.exportName ?? 'fold',
    });
  }

  /**
   * Renames the new snapshot into place. `snapshot.json` is hard-linked to a temp name and
   * renamed over `snapshot.prev.json` first, so at every instant both names hold a complete
   * snapshot; then the new file is renamed over `snapshot.json`. Each rename is atomic.
   */
  private async install(output: FoldOutput): Promise<Result<void, StoreError>> {
    const dir = this.dir;
    const current = join(dir, SNAPSHOT);
    const hasCurrent = this.base.baseFile === SNAPSHOT;
    try {
      if (hasCurrent) {
        const prevTemp = tempNameFor(join(dir, SNAPSHOT_PREV));
        await link(current, prevTemp);
        try {
          await rename(prevTemp, join(dir, SNAPSHOT_PREV));
        } catch (cause) {
          await unlinkIfExists(prevTemp).catch(() => undefined);
          throw cause;
        }
        this.base.prevGeneration = this.base.baseGeneration;
      }
      await rename(output.tempPath, current);
    } catch (cause) {
      await unlinkIfExists(output.tempPath).catch(() => undefined);
      return err(storeErrorFrom(cause, 'install the new snapshot', current));
    }
    // The new snapshot is in place (whether or not the folder fsync below succeeds, this
    // process now sees it), so the state follows it.
    this.base.baseFile = SNAPSHOT;
    this.base.baseGeneration = output.generation;
    this.base.sealedBytes = 0; // every sealed journal is now in the snapshot
    try {
      await fsyncDir(dir);
    } catch (cause) {
      // Nothing is lost either way: the journals since snapshot.prev.json are all kept.
      return err(storeErrorFrom(cause, 'make the new snapshot durable', current));
    }
    return ok(undefined);
  }
}
