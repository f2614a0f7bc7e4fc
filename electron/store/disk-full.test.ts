import {
  closeSync,
  openSync,
  readFileSync,
  readdirSync,
  rmSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isTempName } from './durable-fs';
import { batch, openItems } from './test-support/open-items';
import { mountSmallDisk, whyNoTmpfs } from './test-support/tmpfs';
import type { SmallDisk } from './test-support/tmpfs';

const missing = whyNoTmpfs();
if (missing) console.warn(`SKIPPING disk-full tests: ${missing}`);

let disk: SmallDisk | null = null;
beforeAll(() => {
  if (!missing) disk = mountSmallDisk(1024 * 1024);
});
afterAll(() => disk?.unmount());
// A failed test must not leave the disk full for the next one.
afterEach(() => {
  if (disk) rmSync(join(disk.dir, 'filler'), { force: true });
});

/** Fills the disk, then frees `leave` bytes so the next write is cut short part-way. */
function fillDisk(dir: string, leave: number): () => void {
  const spare = join(dir, 'spare');
  const spareFd = openSync(spare, 'w');
  writeSync(spareFd, Buffer.alloc(leave, 1));
  closeSync(spareFd);
  const filler = join(dir, 'filler');
  const fd = openSync(filler, 'w');
  const chunk = Buffer.alloc(4096, 2);
  try {
    for (;;) writeSync(fd, chunk);
  } catch (cause) {
    expect((cause as { code?: string }).code).toBe('ENOSPC');
  }
  closeSync(fd);
  unlinkSync(spare);
  return () => unlinkSync(filler);
}

/** Where a journal's records end (the writer leaves zeros after them). */
function dataEnd(bytes: Buffer): number {
  let end = bytes.length;
  while (end > 0 && bytes[end - 1] === 0) end--;
  return end;
}

function snapshotOfFiles(dir: string): Map<string, Buffer> {
  return new Map(readdirSync(dir).map((n) => [n, readFileSync(join(dir, n))]));
}

describe('[S1] a full disk refuses the change and leaves the files as they were', () => {
  it.skipIf(missing !== null)(
    '[S1] an append cut short by ENOSPC is refused and the journal is byte-identical',
    async () => {
      const dir = join((disk as SmallDisk).dir, 'append');
      const { store } = await openItems(dir);
      for (const id of ['a', 'b']) expect((await store.append(batch(id))).ok).toBe(true);
      const journal = join(dir, 'journal-000001.log');
      const before = readFileSync(journal);

      const freeDisk = fillDisk((disk as SmallDisk).dir, 8192);
      const result = await store.append(batch('huge', 'x'.repeat(64 * 1024)));
      expect(result.ok).toBe(false);
      expect(!result.ok && result.error.code).toBe('internal.disk_full');
      expect(!result.ok && result.error.message).toMatch(
        /^The disk is full: .*Nothing was changed/,
      );
      expect(readFileSync(journal)).toEqual(before);

      // The store is not broken by a refusal: a batch that fits is accepted.
      expect((await store.append(batch('small'))).ok).toBe(true);
      await store.close();
      freeDisk();
      const reopened = await openItems(dir);
      expect(reopened.journal).toEqual([batch('a'), batch('b'), batch('small')]);
      expect(reopened.problems).toEqual([]);
      await reopened.store.close();
    },
  );

  it.skipIf(missing !== null)(
    '[S1] a compaction on a full disk fails cleanly: snapshots unchanged, no temp file',
    async () => {
      const dir = join((disk as SmallDisk).dir, 'compact');
      const { store } = await openItems(dir);
      await store.append(batch('a', 'x'.repeat(2000)));
      expect((await store.compact()).ok).toBe(true);
      for (let i = 0; i < 40; i++) await store.append(batch(`k${i}`, 'y'.repeat(2000)));
      const before = snapshotOfFiles(dir);

      const freeDisk = fillDisk((disk as SmallDisk).dir, 4096);
      const result = await store.compact();
      expect(result.ok).toBe(false);
      expect(!result.ok && result.error.code).toBe('internal.disk_full');
      expect(readdirSync(dir).filter(isTempName)).toEqual([]);
      expect(readFileSync(join(dir, 'snapshot.json'))).toEqual(before.get('snapshot.json'));
      // The compaction sealed journal 2 before it ran out of space: its changes are unchanged.
      const journalBefore = before.get('journal-000002.log') as Buffer;
      const records = journalBefore.subarray(0, dataEnd(journalBefore));
      const journalAfter = readFileSync(join(dir, 'journal-000002.log'));
      expect(journalAfter.subarray(0, records.length)).toEqual(records);
      await store.close();
      freeDisk();
      const reopened = await openItems(dir);
      expect(Object.keys(reopened.state.items)).toHaveLength(41);
      expect(reopened.problems).toEqual([]);
      await reopened.store.close();
    },
  );
});
