/**
 * [S1] A saved (acknowledged) change is never dropped without telling the person: a journal cut
 * short from outside, a cut sealed journal, or a deleted journal is noticed, what is left is kept
 * aside, the last good state opens, and the problem says what was lost. Only the torn write of
 * the change being appended when the process died may be dropped quietly (crash-kill.test.ts).
 */
import { existsSync, readFileSync, readdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { batch, openItems } from './test-support/open-items';
import { tempDirs } from './test-support/temp-dirs';

const dirs = tempDirs();
afterAll(() => dirs.removeAll());

/** Where a journal's records end (the writer may leave zeros after them). */
function dataEnd(bytes: Buffer): number {
  let end = bytes.length;
  while (end > 0 && bytes[end - 1] === 0) end--;
  return end;
}

const failingFold = {
  fold: {
    fn: (): never => {
      throw new Error('fold refused');
    },
  },
};

async function appendAll(
  store: { append: (b: unknown) => Promise<{ ok: boolean }> },
  ids: string[],
) {
  for (const id of ids) expect((await store.append(batch(id))).ok).toBe(true);
}

const only = (ids: string[]): Record<string, string> => Object.fromEntries(ids.map((i) => [i, i]));

describe('[S1] a journal cut from outside loses no change silently', () => {
  it('[S1] the last journal cut a few bytes into its last change: kept aside, the person is told a saved change was lost', async () => {
    const dir = dirs.make('cut-few');
    const { store } = await openItems(dir);
    await appendAll(store, ['a', 'b', 'c', 'd', 'e']);
    await store.close();
    const path = join(dir, 'journal-000001.log');
    const full = readFileSync(path);
    const cut = full.subarray(0, dataEnd(full) - 3);
    writeFileSync(path, cut);

    const opened = await openItems(dir);
    expect(opened.state.items).toEqual(only(['a', 'b', 'c', 'd']));
    const errors = opened.problems.filter((p) => p.severity === 'error');
    expect(errors).toHaveLength(1);
    const [problem] = errors;
    expect(problem).toMatchObject({ code: 'internal.store_corrupt', file: 'journal-000001.log' });
    expect(problem?.message).toMatch(/at least 1 saved change was lost/);
    expect(problem?.message).not.toMatch(/never confirmed|never saved/);
    expect(readFileSync(join(dir, problem?.keptAs ?? 'missing'))).toEqual(cut);

    // The workspace goes on from what was there, and the next open is clean.
    await appendAll(opened.store, ['f']);
    await opened.store.close();
    const again = await openItems(dir);
    expect(again.state.items).toEqual(only(['a', 'b', 'c', 'd', 'f']));
    expect(again.problems).toEqual([]);
    await again.store.close();
  });

  it('[S1] the last journal cut across several changes: the changes before the cut open, the cut file is kept aside, the person is told', async () => {
    const dir = dirs.make('cut-across');
    const { store } = await openItems(dir);
    await appendAll(store, ['a', 'b', 'c', 'd', 'e']);
    await store.close();
    const path = join(dir, 'journal-000001.log');
    const full = readFileSync(path);
    const cut = full.subarray(0, full.indexOf('{"batchId":"c"') + 5);
    writeFileSync(path, cut);

    const opened = await openItems(dir);
    expect(opened.state.items).toEqual(only(['a', 'b']));
    const errors = opened.problems.filter((p) => p.severity === 'error');
    expect(errors.map((p) => [p.code, p.file])).toEqual([
      ['internal.store_corrupt', 'journal-000001.log'],
    ]);
    expect(errors[0]?.message).toMatch(/at least 1 saved change was lost/);
    expect(readFileSync(join(dir, errors[0]?.keptAs ?? 'missing'))).toEqual(cut);
    await opened.store.close();
  });

  it('[S1] a sealed journal cut inside a change: later journals are not replayed over the gap but kept aside, and the person is told how many changes were lost', async () => {
    const dir = dirs.make('cut-sealed');
    const { store } = await openItems(dir, failingFold);
    await appendAll(store, ['a', 'b', 'c']);
    expect((await store.compact()).ok).toBe(false); // journal 1 sealed, no snapshot
    await appendAll(store, ['d', 'e']);
    await store.close();
    expect(
      readdirSync(dir)
        .filter((n) => n.startsWith('journal-'))
        .sort(),
    ).toEqual(['journal-000001.log', 'journal-000002.log']);
    const sealed = join(dir, 'journal-000001.log');
    const full = readFileSync(sealed);
    const cut = full.subarray(0, full.indexOf('{"batchId":"c"') + 5);
    writeFileSync(sealed, cut);
    const later = readFileSync(join(dir, 'journal-000002.log'));

    const opened = await openItems(dir);
    expect(opened.state.items).toEqual(only(['a', 'b']));
    const errors = opened.problems.filter((p) => p.severity === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: 'internal.store_corrupt', file: 'journal-000001.log' });
    // c was cut away; d and e cannot be applied without it.
    expect(errors[0]?.message).toMatch(/3 saved changes were lost/);
    const kept = (errors[0]?.keptAs ?? '').split(', ');
    expect(kept.map((k) => readFileSync(join(dir, k)))).toEqual([cut, later]);
    await opened.store.close();
  });
});

describe('[S1] a deleted journal is noticed', () => {
  it('[S1] the latest journal deleted after a compaction: the snapshot opens and the person is told its changes are lost', async () => {
    const dir = dirs.make('deleted-latest');
    const { store } = await openItems(dir);
    await appendAll(store, ['a', 'b']);
    expect((await store.compact()).ok).toBe(true);
    await appendAll(
      store,
      Array.from({ length: 40 }, (_, i) => `k${i}`),
    );
    await store.close();
    unlinkSync(join(dir, 'journal-000002.log'));

    const opened = await openItems(dir);
    expect(opened.state.items).toEqual(only(['a', 'b']));
    const errors = opened.problems.filter((p) => p.severity === 'error');
    expect(errors.map((p) => [p.code, p.file])).toEqual([
      ['store.missing_journal', 'journal-000002.log'],
    ]);
    expect(errors[0]?.message).toMatch(/journal-000002\.log is missing/);
    expect(errors[0]?.message).toMatch(/lost/);
    await appendAll(opened.store, ['z']);
    await opened.store.close();
    const again = await openItems(dir);
    expect(again.state.items).toEqual(only(['a', 'b', 'z']));
    expect(again.problems).toEqual([]);
    await again.store.close();
  });

  it('[S1] the latest journal deleted after a sealed one (a compaction that did not finish): the person is told', async () => {
    const dir = dirs.make('deleted-after-sealed');
    const { store } = await openItems(dir, failingFold);
    await appendAll(store, ['a', 'b']);
    expect((await store.compact()).ok).toBe(false);
    await appendAll(store, ['c', 'd']);
    await store.close();
    unlinkSync(join(dir, 'journal-000002.log'));

    const opened = await openItems(dir);
    expect(opened.state.items).toEqual(only(['a', 'b']));
    const errors = opened.problems.filter((p) => p.severity === 'error');
    expect(errors.map((p) => [p.code, p.file])).toEqual([
      ['store.missing_journal', 'journal-000002.log'],
    ]);
    await opened.store.close();
    expect(existsSync(join(dir, 'journal-000001.log'))).toBe(true);
  });
});
