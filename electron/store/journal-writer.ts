/**
 * Appends records to the active journal file and answers only once they are on disk.
 *
 * The file is always longer than its records: at least SLACK_BYTES of zeros follow them, and
 * it is extended (by CHUNK_BYTES, fsynced) before a write would reach into that slack. A write
 * never changes the file's length, so an append torn by a crash is recognisable: it lies inside
 * the file with zeros after it (journal-records.ts). Each batch gets the next sequence number.
 *
 * Appends that arrive while a write+fsync is in flight are committed together in the next one
 * (group commit), so many concurrent callers share one fsync. Writes go to an explicit offset
 * (not O_APPEND) so a failed write can be undone: the file is truncated back to its last
 * committed length and fsynced, leaving it byte-identical to before. If even that fails, the
 * file's state is unknown, so the writer refuses everything until the workspace is reopened.
 */
import { link, open, unlink } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { err, ok } from '../../shared/model/result';
import type { Result } from '../../shared/model/result';
import { fsyncDir, tempNameFor, writeAll } from './durable-fs';
import { SLACK_BYTES, encodeOpening, encodeSeal, recordOf } from './journal-records';
import { storeErrorFrom } from './store-errors';
import type { StoreError } from './store-errors';
import { journalName } from './workspace-layout';

type Task =
  | { kind: 'append'; payload: Buffer; done: (r: Result<void, StoreError>) => void }
  | { kind: 'exclusive'; run: () => Promise<void> };

/** The file grows by this much at a time (sparse where the file system allows). */
export const CHUNK_BYTES = 64 * 1024;

const roomFor = (bytes: number): number =>
  Math.ceil((bytes + SLACK_BYTES) / CHUNK_BYTES) * CHUNK_BYTES;

export class JournalWriter {
  private fh: FileHandle;
  private committedLength: number;
  /** The file's length: committedLength + at least SLACK_BYTES of zeros. */
  private size: number;
  /** Where the batches start (after the OPEN record). */
  private dataStart: number;
  /** The sequence number the next batch gets. */
  private seq: number;
  private tasks: Task[] = [];
  private draining = false;
  private failed: StoreError | null = null;
  private closed = false;

  private constructor(
    private readonly dir: string,
    public generation: number,
    fh: FileHandle,
    at: { length: number; size: number; dataStart: number; nextSeq: number },
  ) {
    this.fh = fh;
    this.committedLength = at.length;
    this.size = at.size;
    this.dataStart = at.dataStart;
    this.seq = at.nextSeq;
  }

  /**
   * Creates journal `generation`, its first batch numbered `firstSeq`: written with its OPEN
   * record and slack under a temp name, fsynced, then linked into place (never over an existing
   * file) and the folder fsynced, so the name is durable before anything is acknowledged in it.
   */
  static async create(dir: string, generation: number, firstSeq: number): Promise<JournalWriter> {
    const path = join(dir, journalName(generation));
    const opening = encodeOpening(generation, firstSeq);
    const size = roomFor(opening.length);
    const temp = tempNameFor(path);
    const fh = await open(temp, 'wx+');
    try {
      await writeAll(fh, opening, 0);
      await fh.truncate(size);
      await fh.sync();
      await link(temp, path);
    } catch (cause) {
      await fh.close().catch(() => undefined);
      await unlink(temp).catch(() => undefined);
      throw cause;
    }
    await unlink(temp).catch(() => undefined); // a leftover temp name is removed on open anyway
    try {
      await fsyncDir(dir);
    } catch (cause) {
      // Not used after all (nothing is in it yet), so the next attempt can create it again.
      await fh.close().catch(() => undefined);
      await unlink(path).catch(() => undefined);
      throw cause;
    }
    return new JournalWriter(dir, generation, fh, {
      length: opening.length,
      size,
      dataStart: opening.length,
      nextSeq: firstSeq,
    });
  }

  /**
   * Opens journal `generation` to append after its first `length` bytes (everything after them
   * is zeros: recovery saw to it), extending it if fewer than SLACK_BYTES follow.
   */
  static async resume(
    dir: string,
    generation: number,
    at: { length: number; dataStart: number; nextSeq: number },
  ): Promise<JournalWriter> {
    const fh = await open(join(dir, journalName(generation)), 'r+');
    try {
      let size = (await fh.stat()).size;
      if (size < at.length + SLACK_BYTES) {
        size = roomFor(at.length);
        await fh.truncate(size);
        await fh.sync();
      }
      return new JournalWriter(dir, generation, fh, { ...at, size });
    } catch (cause) {
      await fh.close().catch(() => undefined);
      throw cause;
    }
  }

  /** Bytes of batches in this journal. */
  get length(): number {
    return this.committedLength - this.dataStart;
  }

  get hasBatches(): boolean {
    return this.committedLength > this.dataStart;
  }

  get nextSeq(): number {
    return this.seq;
  }

  get path(): string {
    return join(this.dir, journalName(this.generation));
  }

  /** Resolves once the batch (`payload`, its JSON) is durable, or with an error and the file as it was. */
  append(payload: Buffer): Promise<Result<void, StoreError>> {
    if (this.closed) return Promise.resolve(err(closedError()));
    if (this.failed) return Promise.resolve(err(this.failed));
    return new Promise((done) => {
      this.tasks.push({ kind: 'append', payload, done });
      this.kick();
    });
  }

  /** Runs `run` with no append in flight (used to switch to a new journal file). */
  exclusive<T>(run: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.tasks.push({ kind: 'exclusive', run: () => run().then(resolve, reject) });
      this.kick();
    });
  }

  /**
   * Seals this journal and switches appends to a new one (call inside `exclusive`). The new
   * journal is made first; its OPEN record names the first seq it holds, which already chains
   * it to this one. Then a SEAL record, naming the new journal, ends this one (its slack cut
   * off), so a reader knows that journal must exist. If sealing fails, nothing is lost (the
   * chain holds without it), so it is not an error.
   */
  async sealAndSwitch(): Promise<void> {
    if (this.failed) throw Object.assign(new Error(this.failed.message), { code: 'EIO' });
    const generation = this.generation + 1;
    const next = await JournalWriter.create(this.dir, generation, this.seq);
    try {
      const seal = encodeSeal(this.seq, generation);
      await writeAll(this.fh, seal, this.committedLength);
      await this.fh.truncate(this.committedLength + seal.length);
      await this.fh.sync();
    } catch {
      // See above: an unsealed journal followed by its successor is complete. Put back the
      // zeros so that no half-written seal is left for compaction to trip over.
      await this.fh.truncate(this.committedLength).catch(() => undefined);
      await this.fh.truncate(this.size).catch(() => undefined);
    }
    await this.fh.close().catch(() => undefined);
    this.fh = next.fh;
    this.generation = generation;
    this.committedLength = next.committedLength;
    this.size = next.size;
    this.dataStart = next.dataStart;
  }

  async close(): Promise<void> {
    await this.exclusive(async () => {
      this.closed = true;
      await this.fh.close();
    });
  }

  private kick(): void {
    if (this.draining) return;
    this.draining = true;
    void this.drain();
  }

  private async drain(): Promise<void> {
    while (this.tasks.length > 0) {
      const first = this.tasks[0];
      if (first?.kind === 'exclusive') {
        this.tasks.shift();
        await first.run().catch(() => undefined);
        continue;
      }
      const group: Extract<Task, { kind: 'append' }>[] = [];
      while (this.tasks[0]?.kind === 'append') group.push(this.tasks.shift() as (typeof group)[0]);
      const result = await this.commit(group.map((t) => t.payload));
      for (const task of group) task.done(result);
    }
    this.draining = false;
  }

  private async commit(payloads: Buffer[]): Promise<Result<void, StoreError>> {
    if (this.closed) return err(closedError());
    if (this.failed) return err(this.failed);
    const before = this.committedLength;
    const size = this.size;
    const data = Buffer.concat(payloads.map((p, i) => recordOf('BTCH', this.seq + i, p)));
    try {
      if (before + data.length + SLACK_BYTES > size) {
        // Grow first, durably, so the write below never changes the file's length.
        await this.fh.truncate(roomFor(before + data.length));
        await this.fh.sync();
        this.size = roomFor(before + data.length);
      }
      await writeAll(this.fh, data, before);
      await this.fh.sync();
      this.committedLength = before + data.length;
      this.seq += payloads.length;
      return ok(undefined);
    } catch (cause) {
      const error = storeErrorFrom(cause, 'save the change to the journal', this.path);
      try {
        // Back to the file as it was: zeros after `before`, the old length (cutting and
        // re-growing needs no free space).
        await this.fh.truncate(before);
        await this.fh.truncate(size);
        await this.fh.sync();
        this.size = size;
      } catch (rollbackCause) {
        // The file may now hold a partial record we cannot remove. Stop writing: reopening
        // the workspace treats that tail as torn (it was never acknowledged).
        this.failed = {
          code: 'internal.store_failed',
          message: `The journal could not be restored after a failed write; the workspace must be reopened. (${String(rollbackCause)})`,
          path: this.path,
        };
      }
      return err(error);
    }
  }
}

function closedError(): StoreError {
  return { code: 'internal.store_closed', message: 'The workspace store is closed.' };
}
