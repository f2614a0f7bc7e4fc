/**
 * The few file operations the store needs, each done so it survives a crash or a power cut:
 * every write loops until all bytes are written (a short write is not success), files are
 * fsynced before they are renamed into place, and the folder is fsynced after a rename or
 * unlink so the new name itself is durable.
 */
import { open, rename, unlink, readdir, mkdir, link, readFile } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';

/** Writes all of `data` at `position`, looping on short writes. Throws on error. */
export async function writeAll(fh: FileHandle, data: Uint8Array, position: number): Promise<void> {
  let done = 0;
  while (done < data.length) {
    const { bytesWritten } = await fh.write(data, done, data.length - done, position + done);
    if (bytesWritten <= 0) {
      throw Object.assign(new Error('write wrote 0 bytes'), { code: 'EIO' });
    }
    done += bytesWritten;
  }
}

/** fsyncs a folder so that renames, creations and unlinks in it survive a power cut. */
export async function fsyncDir(dir: string): Promise<void> {
  let fh: FileHandle | undefined;
  try {
    fh = await open(dir, 'r');
    await fh.sync();
  } catch (cause) {
    // Windows cannot open or fsync a folder; NTFS journals the metadata itself.
    const code = (cause as { code?: string }).code;
    if (process.platform === 'win32' && (code === 'EISDIR' || code === 'EPERM')) return;
    throw cause;
  } finally {
    await fh?.close();
  }
}

/** A name next to `path` that no other writer uses; recognised and removed on open. */
export function tempNameFor(path: string): string {
  return join(
    dirname(path),
    `${basename(path)}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`,
  );
}

export function isTempName(name: string): boolean {
  return /\.tmp-\d+-[0-9a-f]{8}$/.test(name);
}

/**
 * Writes `parts` to a new temporary file next to `path` and fsyncs it; answers the temporary
 * name. On failure the temporary file is removed and the error rethrown.
 */
export async function writeTempDurably(path: string, parts: Uint8Array[]): Promise<string> {
  const temp = tempNameFor(path);
  const fh = await open(temp, 'wx');
  try {
    let position = 0;
    for (const part of parts) {
      await writeAll(fh, part, position);
      position += part.length;
    }
    await fh.sync();
    await fh.close();
  } catch (cause) {
    await fh.close().catch(() => undefined);
    await unlink(temp).catch(() => undefined);
    throw cause;
  }
  return temp;
}

/**
 * Keeps a damaged file aside under `<name>.corrupt-<timestamp>` by renaming it (so the bytes
 * are exactly what was found). Answers the new name.
 */
export async function keepAside(dir: string, name: string, now: Date): Promise<string> {
  const aside = asideName(name, now);
  await rename(join(dir, name), join(dir, aside));
  await fsyncDir(dir);
  return aside;
}

/** Keeps a byte-identical copy of a file aside (used when the original must stay in use). */
export async function copyAside(dir: string, name: string, now: Date): Promise<string> {
  const aside = asideName(name, now);
  const bytes = await readFile(join(dir, name));
  const temp = await writeTempDurably(join(dir, aside), [bytes]);
  await rename(temp, join(dir, aside));
  await fsyncDir(dir);
  return aside;
}

function asideName(name: string, now: Date): string {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  return `${name}.corrupt-${stamp}-${randomBytes(2).toString('hex')}`;
}

export async function readIfExists(path: string): Promise<Buffer | null> {
  try {
    return await readFile(path);
  } catch (cause) {
    if ((cause as { code?: string }).code === 'ENOENT') return null;
    throw cause;
  }
}

export async function unlinkIfExists(path: string): Promise<void> {
  try {
    await unlink(path);
  } catch (cause) {
    if ((cause as { code?: string }).code !== 'ENOENT') throw cause;
  }
}

export { rename, readdir, mkdir, link };
