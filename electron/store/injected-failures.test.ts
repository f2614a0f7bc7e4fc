import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { batch, openItems } from './test-support/open-items';
import { spawnScript } from './test-support/spawn-child';
import { whyNoStrace } from './test-support/strace';
import { tempDirs } from './test-support/temp-dirs';

const missing = whyNoStrace();
if (missing) console.warn(`SKIPPING fsync/rename fault-injection tests: ${missing}`);

const dirs = tempDirs();
afterAll(() => dirs.removeAll());

/**
 * Runs the fault child under strace, failing the `when`-th call of `syscall` with EIO. One
 * libuv thread makes strace's per-thread call count deterministic.
 */
async function runUnderFault(
  scenario: string,
  dir: string,
  syscall: string,
  when: string,
): Promise<unknown> {
  const run = spawnScript(
    'fault-child.ts',
    [scenario, dir],
    [
      'strace',
      '-f',
      '-qq',
      '-o',
      '/dev/null',
      '-e',
      `trace=${syscall}`,
      '-e',
      `inject=${syscall}:error=EIO:when=${when}`,
    ],
    { UV_THREADPOOL_SIZE: '1' },
  );
  expect(await run.exited).toBe(0);
  const line = run.lines.find((l) => l.startsWith('{'));
  expect(line).toMatch(/^\{.*\}$/);
  return JSON.parse(line ?? '{}');
}

async function seeded(label: string, ids: string[], compactFirst = false): Promise<string> {
  const dir = dirs.make(label);
  const { store } = await openItems(dir);
  for (const id of ids) await store.append(batch(id));
  if (compactFirst) {
    expect((await store.compact()).ok).toBe(true);
    await store.append(batch('after'));
  }
  await store.close();
  return dir;
}

describe('[S1] a failing fsync or rename refuses the change and leaves the files as they were', () => {
  // fsync #1 is the folder fsync on open; #2 is the journal fsync of batch "c".
  it.skipIf(missing !== null)(
    '[S1] one failed journal fsync: the batch is refused, rolled back, and the next one works',
    async () => {
      const dir = await seeded('fsync-once', ['a', 'b']);
      const report = await runUnderFault('append', dir, 'fsync', '2');
      expect(report).toMatchObject({
        first: { ok: false, error: { code: 'internal.write_failed', errno: 'EIO' } },
        unchangedAfterFailure: true,
        second: { ok: true },
      });
      const reopened = await openItems(dir);
      expect(reopened.journal).toEqual([batch('a'), batch('b'), batch('d')]);
      expect(reopened.problems).toEqual([]);
      await reopened.store.close();
    },
  );

  it.skipIf(missing !== null)(
    '[S1] fsync failing for good: refused, then every later append refused too (never acknowledged unsaved)',
    async () => {
      const dir = await seeded('fsync-always', ['a', 'b']);
      const report = await runUnderFault('append', dir, 'fsync', '2+');
      expect(report).toMatchObject({
        first: { ok: false, error: { code: 'internal.write_failed', errno: 'EIO' } },
        unchangedAfterFailure: true,
        second: { ok: false, error: { code: 'internal.store_failed' } },
      });
      const reopened = await openItems(dir);
      expect(reopened.journal).toEqual([batch('a'), batch('b')]);
      await reopened.store.close();
    },
  );

  // Opening this workspace fsyncs the folder twice (#1 removing a journal already in the
  // snapshot, #2 after opening the journal); a compaction then fsyncs #3 the new journal file,
  // #4 the folder for its name, #5 the sealed journal (see the test after this loop), #6 the
  // new snapshot file, #7 the folder after the renames.
  for (const [when, step, doing] of [
    ['3', 'the new journal file', 'start a new journal file'],
    ['4', 'the new journal file name', 'start a new journal file'],
    ['6', 'the new snapshot file', 'write a new snapshot'],
    ['7', 'the folder after the renames', 'make the new snapshot durable'],
  ] as const) {
    it.skipIf(missing !== null)(
      `[S1] fsync of ${step} failing in a compaction: refused, nothing lost, the next compaction works`,
      async () => {
        const dir = await seeded(`fsync-compact-${when}`, ['a', 'b'], true);
        const before = readFileSync(join(dir, 'snapshot.json'));
        const report = await runUnderFault('compact-twice', dir, 'fsync', when);
        expect(report).toMatchObject({
          result: {
            ok: false,
            error: {
              code: 'internal.write_failed',
              errno: 'EIO',
              message: expect.stringContaining(doing),
            },
          },
          second: { ok: true },
          tempFiles: [],
        });
        if (when !== '7')
          expect(report).toMatchObject({ snapshotAfterFailure: before.toString('base64') });
        const reopened = await openItems(dir);
        expect(reopened.state.items).toEqual({ a: 'a', b: 'b', after: 'after', late: 'late' });
        expect(reopened.problems).toEqual([]);
        await reopened.store.close();
      },
    );
  }

  it.skipIf(missing !== null)(
    '[S1] fsync of the sealed journal failing in a compaction: not an error (the new journal already chains it), nothing lost',
    async () => {
      const dir = await seeded('fsync-seal', ['a', 'b'], true);
      const report = await runUnderFault('compact-twice', dir, 'fsync', '5');
      expect(report).toMatchObject({ result: { ok: true }, second: { ok: true }, tempFiles: [] });
      const reopened = await openItems(dir);
      expect(reopened.state.items).toEqual({ a: 'a', b: 'b', after: 'after', late: 'late' });
      expect(reopened.problems).toEqual([]);
      await reopened.store.close();
    },
  );

  for (const [when, step] of [
    ['1', 'snapshot.json → snapshot.prev.json'],
    ['2', 'new snapshot → snapshot.json'],
  ] as const) {
    it.skipIf(missing !== null)(
      `[S1] rename ${when} (${step}) failing: compaction refused, snapshot.json unchanged, no temp file`,
      async () => {
        const dir = await seeded(`rename-${when}`, ['a', 'b'], true);
        const snapshotBefore = readFileSync(join(dir, 'snapshot.json'));
        const report = await runUnderFault('compact', dir, 'rename', when);
        expect(report).toMatchObject({
          result: { ok: false, error: { code: 'internal.write_failed', errno: 'EIO' } },
          tempFiles: [],
        });
        expect(readFileSync(join(dir, 'snapshot.json'))).toEqual(snapshotBefore);
        expect(readdirSync(dir).filter((n) => n.includes('.tmp-'))).toEqual([]);
        const reopened = await openItems(dir);
        expect(reopened.state.items).toEqual({ a: 'a', b: 'b', after: 'after' });
        expect(reopened.problems).toEqual([]);
        await reopened.store.close();
      },
    );
  }
});
