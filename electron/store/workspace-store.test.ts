import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeBatch } from './journal-records';
import { FOLD_MODULE, fold } from './test-support/items-fold';

const inWorker = { fold: { modulePath: FOLD_MODULE } };
import { batch, openItems } from './test-support/open-items';
import { tempDirs } from './test-support/temp-dirs';

const dirs = tempDirs();
afterAll(() => dirs.removeAll());

/** Where a journal's records end (the writer leaves zeros after them). */
function dataEnd(bytes: Buffer): number {
  let end = bytes.length;
  while (end > 0 && bytes[end - 1] === 0) end--;
  return end;
}

describe('[S1] workspace store', () => {
  it('[S1] a new folder opens empty; appended batches are there after reopening', async () => {
    const dir = dirs.make('basic');
    const first = await openItems(dir);
    expect(first.snapshot).toBeNull();
    expect(first.journal).toEqual([]);
    expect(first.problems).toEqual([]);
    for (const id of ['a', 'b', 'c']) expect((await first.store.append(batch(id))).ok).toBe(true);
    expect((await first.store.close()).ok).toBe(true);

    const second = await openItems(dir);
    expect(second.journal).toEqual([batch('a'), batch('b'), batch('c')]);
    expect(second.problems).toEqual([]);
    await second.store.close();
  });

  it('[S1] concurrent appends are all durable and kept in call order', async () => {
    const dir = dirs.make('concurrent');
    const { store } = await openItems(dir);
    const ids = Array.from({ length: 50 }, (_, i) => `b${i}`);
    const results = await Promise.all(ids.map((id) => store.append(batch(id))));
    expect(results.every((r) => r.ok)).toBe(true);
    await store.close();
    const reopened = await openItems(dir);
    expect(reopened.journal.map((b) => (b as { batchId: string }).batchId)).toEqual(ids);
    await reopened.store.close();
  });

  it('[S1] compaction in a worker folds the journal into snapshot.json and rotates the backup', async () => {
    const dir = dirs.make('compact');
    const { store } = await openItems(dir, inWorker);
    await store.append(batch('a'));
    await store.append(batch('b'));
    const first = await store.compact();
    expect(first).toEqual({
      ok: true,
      value: { compacted: true, generation: 1, batches: 2, bytes: expect.any(Number) },
    });
    await store.append(batch('c'));
    const second = await store.compact();
    expect(second.ok && second.value.generation).toBe(2);
    expect(store.journalBytes).toBe(0);
    // Nothing new: nothing to do.
    expect(await store.compact()).toEqual({
      ok: true,
      value: { compacted: false, generation: 2, batches: 0, bytes: 0 },
    });
    await store.append(batch('d'));
    await store.close();

    // prev (gen 1) + the journals since it are kept so the backup alone can restore everything.
    expect(readdirSync(dir).sort()).toEqual([
      'journal-000002.log',
      'journal-000003.log',
      'snapshot.json',
      'snapshot.prev.json',
    ]);
    const reopened = await openItems(dir);
    expect(reopened.snapshot).toEqual({ items: { a: 'a', b: 'b', c: 'c' } });
    expect(reopened.journal).toEqual([batch('d')]);
    expect(reopened.state).toEqual({ items: { a: 'a', b: 'b', c: 'c', d: 'd' } });
    expect(reopened.problems).toEqual([]);
    await reopened.store.close();
  });

  it('[S1] appends made while a compaction runs are kept', async () => {
    const dir = dirs.make('during');
    const { store } = await openItems(dir, inWorker);
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.append(batch(`x${i}`))));
    const compaction = store.compact();
    const during = await Promise.all(
      Array.from({ length: 20 }, (_, i) => store.append(batch(`y${i}`))),
    );
    expect(during.every((r) => r.ok)).toBe(true);
    expect((await compaction).ok).toBe(true);
    await store.close();
    const reopened = await openItems(dir);
    expect(Object.keys(reopened.state.items)).toHaveLength(40);
    await reopened.store.close();
  });

  it('[S1] auto-compaction runs in the background once the journal passes the limit', async () => {
    const dir = dirs.make('auto');
    const { store } = await openItems(dir, { ...inWorker, autoCompactBytes: 2000 });
    for (let i = 0; i < 60; i++)
      expect((await store.append(batch(`k${i}`, 'x'.repeat(50)))).ok).toBe(true);
    await store.close(); // waits for a running compaction
    expect(readdirSync(dir)).toContain('snapshot.json');
    const reopened = await openItems(dir);
    expect(Object.keys(reopened.state.items)).toHaveLength(60);
    expect(
      (reopened.snapshot as { items: object } | null) &&
        Object.keys((reopened.snapshot as { items: object }).items).length,
    ).toBeGreaterThan(0);
    await reopened.store.close();
  });

  it('[S1] a plain fold function compacts on the calling thread with the same result', async () => {
    const dir = dirs.make('fn');
    const { store } = await openItems(dir, { fold: { fn: fold } });
    await store.append(batch('a'));
    expect((await store.compact()).ok).toBe(true);
    await store.close();
    expect(readFileSync(join(dir, 'snapshot.json'), 'utf8')).toContain('{"items":{"a":"a"}}');
  });

  it('[S1] a closed store refuses appends with a typed error', async () => {
    const dir = dirs.make('closed');
    const { store } = await openItems(dir);
    await store.close();
    const result = await store.append(batch('late'));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.code).toBe('internal.store_closed');
  });

  it('[S1] an append torn by a crash (cut at any point inside the file, zeros after it) is dropped on open and reported as info', async () => {
    const dir = dirs.make('torn');
    const { store } = await openItems(dir);
    await store.append(batch('a'));
    await store.append(batch('b'));
    await store.close();
    const path = join(dir, 'journal-000001.log');
    const clean = readFileSync(path);
    const end = dataEnd(clean);
    // What a crash leaves: the next record written part-way into the zeros after the last one.
    const next = encodeBatch(3, batch('c'));
    for (const cut of [1, 10, 27, 28, 40, next.length - 1]) {
      const torn = Buffer.from(clean);
      next.copy(torn, end, 0, cut);
      writeFileSync(path, torn);
      const reopened = await openItems(dir);
      expect(reopened.journal, `cut at ${cut}`).toEqual([batch('a'), batch('b')]);
      expect(reopened.problems.map((p) => [p.severity, p.code])).toEqual([
        ['info', 'store.torn_tail'],
      ]);
      expect(reopened.problems[0]?.message).toMatch(/never confirmed/);
      await reopened.store.close();
      expect(readFileSync(path)).toEqual(clean); // repaired: the torn bytes are zeros again
    }
    // Appends continue after the good prefix.
    const reopened = await openItems(dir);
    await reopened.store.append(batch('c'));
    await reopened.store.close();
    expect((await openItems(dir)).journal).toEqual([batch('a'), batch('b'), batch('c')]);
  });
});

describe('[S1] a damaged last record is not taken for a torn append', () => {
  it('[S1] a complete last record with a changed byte: kept aside, the person is told a saved change was lost', async () => {
    const dir = dirs.make('fulllength');
    const { store } = await openItems(dir);
    await store.append(batch('a'));
    await store.append(batch('b'));
    await store.close();
    const path = join(dir, 'journal-000001.log');
    const bytes = readFileSync(path);
    bytes[dataEnd(bytes) - 4] = 0x21; // inside b's payload: every byte written, one of them wrong
    writeFileSync(path, bytes);
    const reopened = await openItems(dir);
    expect(reopened.journal).toEqual([batch('a')]);
    const [problem] = reopened.problems;
    expect(reopened.problems).toHaveLength(1);
    expect(problem).toMatchObject({
      severity: 'error',
      code: 'internal.store_corrupt',
      file: 'journal-000001.log',
    });
    expect(problem?.message).toMatch(/fails its checksum.*at least 1 saved change was lost/);
    expect(readFileSync(join(dir, problem?.keptAs ?? 'missing'))).toEqual(bytes);
    await reopened.store.close();
  });
});

describe('[S1] compaction failures are values and never cost a batch', () => {
  it('[S1] a fold module that cannot be loaded: compact answers an error, appends go on', async () => {
    const dir = dirs.make('badmodule');
    const { store } = await openItems(dir, { fold: { modulePath: join(dir, 'no-such-fold.ts') } });
    await store.append(batch('a'));
    const result = await store.compact();
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatchObject({
      code: 'internal.write_failed',
      message: expect.stringContaining('Cannot load the fold module'),
    });
    expect((await store.append(batch('b'))).ok).toBe(true);
    await store.close();
    expect((await openItems(dir)).journal).toEqual([batch('a'), batch('b')]);
  });

  it('[S1] a failing background compaction is reported, not retried on every append', async () => {
    const dir = dirs.make('badfold');
    const errors: string[] = [];
    const { store } = await openItems(dir, {
      fold: {
        fn: () => {
          throw new Error('engine refused');
        },
      },
      autoCompactBytes: 1000,
      onBackgroundError: (e) => errors.push(e.message),
    });
    for (let i = 0; i < 100; i++)
      expect((await store.append(batch(`k${i}`, 'x'.repeat(20)))).ok).toBe(true);
    const journalBytes = store.journalBytes;
    await store.close();
    // A first try at 1,000 bytes, then at most one more per further 1,000 bytes (not 100 tries).
    expect(errors.length).toBeGreaterThanOrEqual(1);
    expect(errors.length).toBeLessThanOrEqual(Math.ceil(journalBytes / 1000));
    expect(journalBytes).toBeLessThan(10_000);
    expect(errors[0]).toContain('engine refused');
    const reopened = await openItems(dir);
    expect(Object.keys(reopened.state.items)).toHaveLength(100);
    expect(reopened.problems).toEqual([]);
    await reopened.store.close();
  });
});
