/**
 * Appends records to the active journal file and answers only once they are on disk.
 *
 * Appends that arrive while a write+fsync is in flight are committed together in the next one
 * (group commit), so many concurrent callers share one fsync. Writes go to an explicit offset
 * (not O_APPEND) so a failed write can be undone: the file is truncated back to its last
 * committed length and fsynced, leaving it byte-identical to before. If even that fails, the
 * file's state is unknown, so the writer refuses everything until the workspace is reopened.
 */
import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { err, ok } from '../../shared/model/result';
import type { Result } from '../../shared/model/result';
import { fsyncDir, writeAll } from './durable-fs';
import { storeErrorFrom } from './store-errors';
import type { StoreError } from './store-errors';
import { journalName } from './workspace-layout';

type Task =
  | { kind: 'append'; bytes: Buffer; done: (r: Result<void, StoreError>) => void }
  | { kind: 'exclusive'; run: () => Promise<void> };

export class JournalWriter {
  private fh: FileHandle;
  private committedLength: number;
  private tasks: Task[] = [];
  private draining = false;
  private failed: StoreError | null = null;
  private closed = false;

  private constructor(
    private readonly dir: string,
    public generation: number,
    fh: FileHandle,
    length: number,
  ) {
    this.fh = fh;
    this.committedLength = length;
  }

  /** Opens journal `generation` for appending after its first `length` bytes (created if absent). */
  static async open(dir: string, generation: number, length: number): Promise<JournalWriter> {
    const fh = await open(join(dir, journalName(generation)), 'a+').then(async (created) => {
      // 'a+' creates without truncating; reopen 'r+' so writes go to explicit offsets.
      await created.close();
      return open(join(dir, journalName(generation)), 'r+');
    });
    return new JournalWriter(dir, generation, fh, length);
  }

  get length(): number {
    return this.committedLength;
  }

  get path(): string {
    return join(this.dir, journalName(this.generation));
  }

  /** Resolves once `bytes` are durable, or with an error and the file as it was. */
  append(bytes: Buffer): Promise<Result<void, StoreError>> {
    if (this.closed) return Promise.resolve(err(closedError()));
    if (this.failed) return Promise.resolve(err(this.failed));
    return new Promise((done) => {
      this.tasks.push({ kind: 'append', bytes, done });
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

  /** Switches appends to a fresh, empty journal file of the next generation. */
  async switchTo(generation: number): Promise<void> {
    const next = await JournalWriter.open(this.dir, generation, 0);
    try {
      // The new name must be durable before anything acknowledged is written into it.
      await fsyncDir(this.dir);
    } catch (cause) {
      await next.fh.close();
      throw cause;
    }
    await this.fh.close();
    this.fh = next.fh;
    this.generation = generation;
    this.committedLength = 0;
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
      const result = await this.commit(Buffer.concat(group.map((t) => t.bytes)));
      for (const task of group) task.done(result);
    }
    this.draining = false;
  }

  private async commit(data: Buffer): Promise<Result<void, StoreError>> {
    if (this.closed) return err(closedError());
    if (this.failed) return err(this.failed);
    const before = this.committedLength;
    try {
      await writeAll(this.fh, data, before);
      await this.fh.sync();
      this.committedLength = before + data.length;
      return ok(undefined);
    } catch (cause) {
      const error = storeErrorFrom(cause, 'save the change to the journal', this.path);
      try {
        await this.fh.truncate(before);
        await this.fh.sync();
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
