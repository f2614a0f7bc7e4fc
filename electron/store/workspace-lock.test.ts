import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openWorkspaceFiles } from './workspace-store';
import { fold } from './test-support/items-fold';
import { openItems } from './test-support/open-items';
import { spawnScript } from './test-support/spawn-child';
import { tempDirs } from './test-support/temp-dirs';

const dirs = tempDirs();
afterAll(() => dirs.removeAll());

describe('[S1] one writer per workspace', () => {
  it('[S1] a second open in the same process is refused until the first is closed', async () => {
    const dir = dirs.make('lock-same');
    const first = await openItems(dir);
    const second = await openWorkspaceFiles(dir, { fold: { fn: fold } });
    expect(second.ok).toBe(false);
    expect(!second.ok && second.error.code).toBe('internal.store_locked');
    expect(!second.ok && second.error.message).toMatch(/already open in this process/);
    await first.store.close();
    expect(existsSync(join(dir, 'workspace.lock'))).toBe(false);
    const third = await openItems(dir);
    await third.store.close();
  });

  it('[S1] a workspace open in a live process is refused; once that process dies, it opens', async () => {
    const dir = dirs.make('lock-other');
    const child = spawnScript('writer-child.ts', [dir, 'held', 'inline']);
    expect(await child.waitFor('ack ')).toBe(true);
    const refused = await openWorkspaceFiles(dir, { fold: { fn: fold } });
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.error).toMatchObject({
      code: 'internal.store_locked',
      message: expect.stringContaining(
        `already open in process ${child.child.pid} on ${hostname()}`,
      ),
    });
    child.child.kill('SIGKILL');
    await child.exited;
    const acked = child.lines.filter((l) => l.startsWith('ack ')).map((l) => l.slice(4));
    const opened = await openItems(dir); // the lock's owner is gone: taken over
    expect(acked.filter((id) => !(id in opened.state.items))).toEqual([]);
    expect(acked.length).toBeGreaterThan(0);
    await opened.store.close();
  });

  it('[S1] a lock naming a live process that is not the one that took it (its pid reused) is taken over', async () => {
    const dir = dirs.make('lock-reused');
    const child = spawnScript('writer-child.ts', [dir, 'gone', 'inline']);
    expect(await child.waitFor('ack ')).toBe(true);
    child.child.kill('SIGKILL');
    await child.exited;
    // The crashed writer's lock, as it left it, now names a live, unrelated process: what a
    // reused pid looks like.
    const unrelated = spawn('sleep', ['30'], { stdio: 'ignore' });
    try {
      const lockPath = join(dir, 'workspace.lock');
      const lock = JSON.parse(readFileSync(lockPath, 'utf8')) as { pid: number };
      expect(lock.pid).toBe(child.child.pid);
      writeFileSync(lockPath, JSON.stringify({ ...lock, pid: unrelated.pid }));
      const acked = child.lines.filter((l) => l.startsWith('ack ')).map((l) => l.slice(4));
      const opened = await openItems(dir);
      expect(acked.filter((id) => !(id in opened.state.items))).toEqual([]);
      await opened.store.close();
    } finally {
      unrelated.kill('SIGKILL');
    }
  });

  it('[S1] a lock without a start tick count (an earlier release, or not Linux) naming a process started after it is taken over', async () => {
    const earlier = new Date(Date.now() - 60_000).toISOString();
    const locks = {
      'earlier release': { since: earlier },
      'start time only': { since: earlier, started: earlier },
    };
    for (const [label, times] of Object.entries(locks)) {
      const dir = dirs.make('lock-no-ticks');
      const unrelated = spawn('sleep', ['30'], { stdio: 'ignore' });
      try {
        writeFileSync(
          join(dir, 'workspace.lock'),
          JSON.stringify({ pid: unrelated.pid, host: hostname(), ...times }),
        );
        const opened = await openWorkspaceFiles(dir, { fold: { fn: fold } });
        expect(opened.ok, label).toBe(true);
        if (opened.ok) await opened.value.store.close();
      } finally {
        unrelated.kill('SIGKILL');
      }
    }
  });
});
