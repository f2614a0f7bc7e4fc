/**
 * One process at a time per workspace folder: two writers appending to the same journal would
 * interleave records and corrupt it. The lock is a file naming its owner (pid, host, and when
 * that process started); a lock whose process is gone (a crash) is taken over, and so is one
 * whose pid now belongs to another process (process-identity.ts). Opening the same folder
 * twice in one process is refused as well.
 */
import { open, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { tempNameFor } from './durable-fs';
import { START_TOLERANCE_MS, processIdentity } from './process-identity';

export const LOCK = 'workspace.lock';

interface LockOwner {
  pid: number;
  host: string;
  /** When the lock was taken. */
  since: string;
  /** When the owner process started (absent in locks of earlier releases). */
  started?: string;
  /** Linux: the owner's start in clock ticks since boot, and the boot id. */
  startTicks?: string;
  bootId?: string;
}

const heldHere = new Set<string>();

export type LockResult = { ok: true; release: () => Promise<void> } | { ok: false; owner: string };

export async function lockWorkspace(dir: string): Promise<LockResult> {
  const key = resolve(dir);
  if (heldHere.has(key)) return { ok: false, owner: 'this process (it is already open)' };
  const path = join(dir, LOCK);
  const self = processIdentity(process.pid);
  const me: LockOwner = {
    pid: process.pid,
    host: hostname(),
    since: new Date().toISOString(),
    started: new Date(self?.startedAt ?? Date.now() - process.uptime() * 1000).toISOString(),
    ...(self?.startTicks ? { startTicks: self.startTicks } : {}),
    ...(self?.bootId ? { bootId: self.bootId } : {}),
  };
  const body = JSON.stringify(me);
  try {
    const fh = await open(path, 'wx');
    await fh.writeFile(body);
    await fh.close();
  } catch (cause) {
    if ((cause as { code?: string }).code !== 'EEXIST') throw cause;
    const owner = await readOwner(path);
    if (owner && isHeld(owner))
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

/** Is the lock's owner still running? A live pid is not enough: it may have been reused. */
function isHeld(owner: LockOwner): boolean {
  if (owner.host !== hostname()) return true; // cannot check another machine: assume it is in use
  if (owner.pid === process.pid) return false; // an earlier open in this process that was not closed cleanly
  try {
    process.kill(owner.pid, 0);
  } catch (cause) {
    if ((cause as { code?: string }).code !== 'EPERM') return false; // no such process
  }
  const now = processIdentity(owner.pid);
  if (!now) return true; // alive, and no way to tell who it is: assume it is the owner
  if (owner.bootId && now.bootId) {
    if (owner.bootId !== now.bootId) return false; // the machine restarted since the lock was taken
    if (owner.startTicks && now.startTicks) return owner.startTicks === now.startTicks;
  }
  if (owner.started) {
    return Math.abs(now.startedAt - Date.parse(owner.started)) <= START_TOLERANCE_MS;
  }
  // A lock of an earlier release: its owner was running when it wrote the lock.
  const since = Date.parse(owner.since);
  return !Number.isFinite(since) || now.startedAt <= since + START_TOLERANCE_MS;
}
