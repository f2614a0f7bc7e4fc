/**
 * conf (and electron-store, built on it) writes `settings.json` through `atomically`, whose
 * `writeFileSync` writes a string with ONE `write` call and does not check how much of it
 * was written: on a nearly full disk the write is cut short without an error, and the
 * truncated temp file is renamed over the good settings (docs/store.md names this). Every
 * later start then finds a damaged file. So the store classes used here write the file
 * themselves, the way the workspace store does: a temp file written in full (a short write
 * is continued, and ENOSPC is an error), fsynced, renamed into place, the folder fsynced.
 * A failed write throws the file system's error and leaves the old file as it was.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** Writes `data` to `path` durably, or throws and leaves `path` untouched. */
export function writeFileDurablySync(path: string, data: string | Uint8Array): void {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const temp = join(
    dirname(path),
    `.${basename(path)}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`,
  );
  const fd = openSync(temp, 'wx', 0o600);
  try {
    for (let done = 0; done < bytes.length;) {
      const wrote = writeSync(fd, bytes, done, bytes.length - done, done);
      if (wrote <= 0) throw Object.assign(new Error('write wrote 0 bytes'), { code: 'EIO' });
      done += wrote;
    }
    fsyncSync(fd);
    closeSync(fd);
  } catch (cause) {
    try {
      closeSync(fd);
    } catch {
      // Already closed (the fsync succeeded and close failed): the unlink below still runs.
    }
    try {
      unlinkSync(temp);
    } catch {
      // Nothing more to do: the error that matters is `cause`.
    }
    throw cause;
  }
  try {
    renameSync(temp, path);
  } catch (cause) {
    try {
      unlinkSync(temp);
    } catch {
      // As above.
    }
    throw cause;
  }
  fsyncFolder(dirname(path));
}

function fsyncFolder(dir: string): void {
  if (process.platform === 'win32') return; // NTFS journals metadata; folders cannot be fsynced
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

interface ConfInternals {
  readonly path: string;
  _serialize(value: unknown): string;
}

/**
 * A subclass of conf or electron-store whose writes go through `writeFileDurablySync`.
 * `_write` is conf's (untyped, private in its .d.ts) single write path, also used while the
 * constructor migrates, which is why the prototype itself is patched.
 */
// A mixin's constructor must take `any[]` (TS2545).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function withDurableWrites<C extends new (...args: any[]) => object>(Base: C): C {
  class Durable extends Base {}
  Object.defineProperty(Durable.prototype, '_write', {
    value(this: ConfInternals, value: unknown): void {
      writeFileDurablySync(this.path, this._serialize(value));
    },
    writable: true,
    configurable: true,
  });
  return Durable;
}
