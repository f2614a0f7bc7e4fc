/**
 * Child process for the fault-injection tests, run under strace which makes a chosen fsync or
 * rename fail. Prints one JSON line with what the store answered and what the files looked like.
 *   append DIR: appends "c" (the one meant to fail) then "d", checking the journal after "c".
 *   compact DIR: runs one compaction.
 *   compact-twice DIR: a compaction, then appends "late" and compacts again.
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { isTempName } from '../durable-fs';
import { openWorkspaceFiles } from '../workspace-store';
import { fold } from './items-fold';

const [scenario, dir] = process.argv.slice(2);
if (!dir || !['append', 'compact', 'compact-twice'].includes(scenario ?? ''))
  throw new Error('usage: fault-child append|compact|compact-twice DIR');

const opened = await openWorkspaceFiles(dir, { fold: { fn: fold }, autoCompactBytes: false });
if (!opened.ok) throw new Error(opened.error.message);
const { store } = opened.value;
const hashOf = (name: string): string =>
  createHash('sha256')
    .update(readFileSync(join(dir, name)))
    .digest('hex');
const activeJournal = (): string =>
  readdirSync(dir)
    .filter((n) => n.startsWith('journal-'))
    .sort()
    .at(-1) ?? '';

if (scenario === 'append') {
  const journal = activeJournal();
  const before = hashOf(journal);
  const first = await store.append({ batchId: 'c', set: { c: 'c' } });
  const unchangedAfterFailure = hashOf(journal) === before;
  const second = await store.append({ batchId: 'd', set: { d: 'd' } });
  await store.close();
  process.stdout.write(`${JSON.stringify({ first, unchangedAfterFailure, second })}\n`);
} else {
  const result = await store.compact();
  const snapshotAfterFailure = readFileSync(join(dir, 'snapshot.json')).toString('base64');
  let second: unknown;
  if (scenario === 'compact-twice') {
    await store.append({ batchId: 'late', set: { late: 'late' } });
    second = await store.compact();
  }
  const tempFiles = readdirSync(dir).filter(isTempName);
  await store.close();
  process.stdout.write(`${JSON.stringify({ result, snapshotAfterFailure, second, tempFiles })}\n`);
}
