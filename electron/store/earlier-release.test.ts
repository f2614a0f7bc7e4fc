/**
 * [S1] Folders written by the release before journal format 2 still open. The files in
 * test-support/earlier-release/ were written by that release's store (a, b; compact; c;
 * compact; d, e): snapshots without a batch number, version-1 journals.
 */
import { cpSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { batch, openItems } from './test-support/open-items';
import { tempDirs } from './test-support/temp-dirs';

const dirs = tempDirs();
afterAll(() => dirs.removeAll());

const FIXTURE = fileURLToPath(new URL('./test-support/earlier-release', import.meta.url));
const only = (ids: string[]): Record<string, string> => Object.fromEntries(ids.map((i) => [i, i]));

function earlierFolder(label: string): string {
  const dir = dirs.make(label);
  cpSync(FIXTURE, dir, { recursive: true });
  return dir;
}

describe('[S1] a folder written by the earlier release', () => {
  it('[S1] opens with every change; new changes go to a current-format journal; it compacts, falls back and reopens', async () => {
    const dir = earlierFolder('earlier');
    const opened = await openItems(dir);
    expect(opened.snapshot).toEqual({ items: only(['a', 'b', 'c']) });
    expect(opened.state.items).toEqual(only(['a', 'b', 'c', 'd', 'e']));
    expect(opened.problems).toEqual([]);
    expect((await opened.store.append(batch('f'))).ok).toBe(true);
    await opened.store.close();
    // The earlier journal is left as it was; the new change is in a new, version-2 journal.
    expect(readFileSync(join(dir, 'journal-000003.log'))).toEqual(
      readFileSync(join(FIXTURE, 'journal-000003.log')),
    );
    expect(readFileSync(join(dir, 'journal-000004.log')).subarray(0, 4).toString()).toBe('LGR2');

    const second = await openItems(dir);
    expect(second.state.items).toEqual(only(['a', 'b', 'c', 'd', 'e', 'f']));
    expect(second.problems).toEqual([]);
    expect((await second.store.compact()).ok).toBe(true);
    await second.store.append(batch('g'));
    await second.store.close();

    const third = await openItems(dir);
    expect(third.state.items).toEqual(only(['a', 'b', 'c', 'd', 'e', 'f', 'g']));
    expect(third.problems).toEqual([]);
    await third.store.close();

    // snapshot.prev.json is now the earlier release's snapshot: it and the journals since
    // (versions 1 and 2) still restore everything.
    writeFileSync(join(dir, 'snapshot.json'), 'damaged');
    const fourth = await openItems(dir);
    expect(fourth.state.items).toEqual(only(['a', 'b', 'c', 'd', 'e', 'f', 'g']));
    expect(fourth.problems.map((p) => [p.severity, p.file])).toEqual([['error', 'snapshot.json']]);
    await fourth.store.close();
  });

  it('[S1] a cut-short last record cannot be told from a torn append: removed, a copy kept, and the person is told it may have been saved', async () => {
    const dir = earlierFolder('earlier-cut');
    const path = join(dir, 'journal-000003.log');
    const full = readFileSync(path);
    writeFileSync(path, full.subarray(0, full.length - 3));
    const opened = await openItems(dir);
    expect(opened.state.items).toEqual(only(['a', 'b', 'c', 'd']));
    expect(opened.problems).toHaveLength(1);
    const [problem] = opened.problems;
    expect(problem).toMatchObject({
      severity: 'warning',
      code: 'store.torn_tail',
      file: 'journal-000003.log',
    });
    expect(problem?.message).toMatch(/either it was being saved .* or the file was cut short/);
    expect(readFileSync(join(dir, problem?.keptAs ?? 'missing'))).toEqual(full.subarray(0, -3));
    await opened.store.append(batch('f'));
    await opened.store.close();
    const again = await openItems(dir);
    expect(again.state.items).toEqual(only(['a', 'b', 'c', 'd', 'f']));
    expect(again.problems).toEqual([]);
    expect(
      readdirSync(dir)
        .filter((n) => /^journal-\d+\.log$/.test(n))
        .sort(),
    ).toEqual(['journal-000002.log', 'journal-000003.log', 'journal-000004.log']);
    await again.store.close();
  });
});
