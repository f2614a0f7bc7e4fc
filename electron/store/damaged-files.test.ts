import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeSnapshot } from './snapshot-file';
import { batch, openItems } from './test-support/open-items';
import { tempDirs } from './test-support/temp-dirs';

const dirs = tempDirs();
afterAll(() => dirs.removeAll());

/** snapshot.json = {a,b,c} (gen 2), snapshot.prev.json = {a,b} (gen 1), journals 2: [c], 3: [d,e,f]. */
async function workspaceWithHistory(label: string): Promise<string> {
  const dir = dirs.make(label);
  const { store } = await openItems(dir);
  await store.append(batch('a'));
  await store.append(batch('b'));
  expect((await store.compact()).ok).toBe(true);
  await store.append(batch('c'));
  expect((await store.compact()).ok).toBe(true);
  for (const id of ['d', 'e', 'f']) await store.append(batch(id));
  await store.close();
  return dir;
}

const ALL = { a: 'a', b: 'b', c: 'c', d: 'd', e: 'e', f: 'f' };

const damages: [string, (bytes: Buffer) => Buffer][] = [
  ['truncated', (b) => b.subarray(0, Math.floor(b.length / 2))],
  ['zero-filled', (b) => Buffer.alloc(b.length)],
  ['random', (b) => randomBytes(b.length)],
  [
    'schema-violating',
    () => Buffer.concat(encodeSnapshot(2, { items: 'not a record' }, new Date())),
  ],
];

describe('[S1] a damaged file is kept aside, the last good state opens, and the person is told', () => {
  for (const [kind, damage] of damages) {
    it(`[S1] ${kind} snapshot.json: kept aside byte-identical, backup + journals restore every batch`, async () => {
      const dir = await workspaceWithHistory(kind);
      const damaged = damage(readFileSync(join(dir, 'snapshot.json')));
      writeFileSync(join(dir, 'snapshot.json'), damaged);

      const opened = await openItems(dir);
      expect(opened.state.items).toEqual(ALL);
      expect(opened.snapshot).toEqual({ items: { a: 'a', b: 'b' } }); // the last-good backup
      expect(opened.problems).toHaveLength(1);
      const [problem] = opened.problems;
      expect(problem).toMatchObject({
        severity: 'error',
        code: 'internal.store_corrupt',
        file: 'snapshot.json',
      });
      expect(problem?.message).toMatch(
        /snapshot\.json is damaged \(.+\); it was kept aside as snapshot\.json\.corrupt-/,
      );
      expect(readFileSync(join(dir, problem?.keptAs ?? 'missing'))).toEqual(damaged);

      // The workspace keeps working: new batches, a new snapshot, and a clean reopen.
      await opened.store.append(batch('g'));
      expect((await opened.store.compact()).ok).toBe(true);
      await opened.store.close();
      const again = await openItems(dir);
      expect(again.state.items).toEqual({ ...ALL, g: 'g' });
      expect(again.problems).toEqual([]);
      await again.store.close();
    });
  }

  it('[S1] a damaged record in the middle of the journal: good records open, the file is copied aside', async () => {
    const dir = await workspaceWithHistory('journal');
    const path = join(dir, 'journal-000003.log');
    const bytes = readFileSync(path);
    const eStart = bytes.indexOf('"e"');
    bytes[eStart] = 0x21; // inside record e, with record f intact after it
    writeFileSync(path, bytes);

    const opened = await openItems(dir);
    expect(opened.state.items).toEqual({ a: 'a', b: 'b', c: 'c', d: 'd' });
    const [problem] = opened.problems;
    expect(opened.problems).toHaveLength(1);
    expect(problem).toMatchObject({
      severity: 'error',
      code: 'internal.store_corrupt',
      file: 'journal-000003.log',
    });
    expect(problem?.message).toContain('fails its checksum');
    expect(readFileSync(join(dir, problem?.keptAs ?? 'missing'))).toEqual(bytes);
    await opened.store.append(batch('g'));
    await opened.store.close();
    expect((await openItems(dir)).state.items).toEqual({ a: 'a', b: 'b', c: 'c', d: 'd', g: 'g' });
  });

  it('[S1] both snapshots damaged: nothing is deleted, every file is kept aside, the errors say so', async () => {
    const dir = await workspaceWithHistory('both');
    const before = new Map(readdirSync(dir).map((n) => [n, readFileSync(join(dir, n))]));
    writeFileSync(join(dir, 'snapshot.json'), 'garbage');
    writeFileSync(join(dir, 'snapshot.prev.json'), 'garbage');
    before.set('snapshot.json', Buffer.from('garbage'));
    before.set('snapshot.prev.json', Buffer.from('garbage'));

    const opened = await openItems(dir);
    expect(opened.snapshot).toBeNull();
    expect(opened.journal).toEqual([]);
    expect(opened.problems.map((p) => [p.severity, p.code, p.file])).toEqual([
      ['error', 'internal.store_corrupt', 'snapshot.json'],
      ['error', 'internal.store_corrupt', 'snapshot.prev.json'],
      ['error', 'store.missing_journal', 'journal-000001.log'],
    ]);
    await opened.store.close();
    // Every original file's bytes are still on disk under its aside name.
    for (const [name, bytes] of before) {
      const aside = readdirSync(dir).find((n) => n.startsWith(`${name}.corrupt-`));
      expect(aside, name).toMatch(new RegExp(`^${name.replaceAll('.', '\\.')}\\.corrupt-`));
      expect(readFileSync(join(dir, aside ?? ''))).toEqual(bytes);
    }
    expect(existsSync(join(dir, 'journal-000001.log'))).toBe(true); // the fresh, empty journal
  });
});
