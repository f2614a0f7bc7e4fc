/**
 * One process at a time per workspace folder: two writers appending to the same journal would
 * interleave records and corrupt it. The lock is a file naming its owner (pid, host); a lock
 * whose process is gone (a crash) is taken over. Opening the same folder twice in one process
 * is refused as well.
 */
import { open, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { tempNameFor } from './durable-fs';

export const LOCK = 'workspace.lock';

interface LockOwner {
  pid: number;
  host: string;
  since: string;
}

const heldHere = new Set<string>();

export type LockResult = { ok: true; release: () => Promise<void> } | { ok: false; owner: string };

export async function lockWorkspace(dir: string): Promise<LockResult> {
  const key = resolve(dir);
  if (heldHere.has(key)) return { ok: false, owner: 'this process (it is already open)' };
  const path = join(dir, LOCK);
  const me: LockOwner = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
  const body = JSON.stringify(me);
  try {
    const fh = await open(path, 'wx');
    await fh.writeFile(body);
    await fh.close();
  } catch (cause) {
    if ((cause as { code?: string }).code !== 'EEXIST') throw cause;
    const owner = await readOwner(path);
    if (owner && isAlive(owner))
      return { ok: false, owner: `process ${owner.pid} on ${owner.host}` };
    // Stale (its process is gone): replace it atomically, then check no one else did the same.
    const temp = tempNameFor(path);
    await writeFile(temp, body);
    await rename(temp, path);
    if ((await readFile(path, 'utf8').catch(() => '')) !== body) {
      return { ok: false, owner: 'another process that opened it at the same moment' };
    }
  }
  heldHere.add(key);
  return {
    ok: true,
    release: async () => {
      heldHere.delete(key);
      if ((await readFile(path, 'utf8').catch(() => '')) === body)
        await unlink(path).catch(() => undefined);
    },
  };
}

async function readOwner(path: string): Promise<LockOwner | null> {
  try {
    const owner = JSON.parse(await readFile(path, 'utf8')) as Partial<LockOwner>;
    return typeof owner.pid === 'number' && typeof owner.host === 'string'
      ? (owner as LockOwner)
      : null;
  } catch {
    return null; // unreadable: left by a crash while being written
  }
}

function isAlive(owner: LockOwner): boolean {
  if (owner.host !== hostname()) return true; // cannot check another machine: assume it is in use
  if (owner.pid === process.pid) return false; // an earlier open in this process that was not closed cleanly
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (cause) {
    return (cause as { code?: string }).code === 'EPERM';
  }
}
