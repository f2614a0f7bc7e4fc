/**
 * The compaction work itself, shared by the worker thread and the in-thread fallback: read
 * the base snapshot and the sealed journals from disk, fold them with the injected function,
 * and write the result to a fsynced temp file. Installing it (renames) is the caller's job.
 */
import { join } from 'node:path';
import { err, ok } from '../../shared/model/result';
import type { Result } from '../../shared/model/result';
import { readIfExists, writeTempDurably } from './durable-fs';
import { decodeJournal, isJournalV2 } from './journal-records';
import { decodeLegacyJournal } from './legacy-journal';
import { decodeSnapshot, encodeSnapshot } from './snapshot-file';
import { storeErrorFrom } from './store-errors';
import type { StoreError } from './store-errors';
import { SNAPSHOT, journalName } from './workspace-layout';

/** Folds batches into a snapshot: `toSnapshot(batches.reduce(replayBatch, fromSnapshot(base)))`. */
export type FoldFn = (snapshot: unknown, batches: readonly unknown[]) => unknown;

export interface FoldJob {
  dir: string;
  /** The snapshot file to start from (null: empty workspace) and its generation. */
  baseFile: string | null;
  baseGeneration: number;
  /** Fold journals baseGeneration+1 .. upTo. */
  upTo: number;
  writtenAt: string;
}

export interface FoldOutput {
  tempPath: string;
  generation: number;
  batches: number;
  bytes: number;
}

export async function foldToTempSnapshot(
  job: FoldJob,
  fold: FoldFn,
): Promise<Result<FoldOutput, StoreError>> {
  let base: unknown = null;
  /** The seq of the last batch folded so far (null: not known, a folder of an earlier release). */
  let seq: number | null = job.baseFile === null ? 0 : null;
  if (job.baseFile !== null) {
    const path = join(job.dir, job.baseFile);
    const bytes = await readIfExists(path).catch(() => null);
    const decoded = bytes ? decodeSnapshot(bytes) : null;
    if (!decoded?.ok || decoded.value.generation !== job.baseGeneration) {
      return err(
        corrupt(path, decoded && !decoded.ok ? decoded.reason : 'it changed or disappeared'),
      );
    }
    base = decoded.value.content;
    seq = decoded.value.seq ?? null;
  }
  const batches: unknown[] = [];
  for (let g = job.baseGeneration + 1; g <= job.upTo; g++) {
    const path = join(job.dir, journalName(g));
    const bytes = await readIfExists(path).catch(() => null);
    if (bytes === null) return err(corrupt(path, 'it is missing'));
    if (isJournalV2(bytes)) {
      const decoded = decodeJournal(bytes);
      if (decoded.tail.kind !== 'clean' || decoded.nextSeq === null)
        return err(corrupt(path, `its tail is ${decoded.tail.kind}`));
      batches.push(...decoded.batches);
      seq = decoded.nextSeq - 1;
    } else {
      const decoded = decodeLegacyJournal(bytes);
      if (decoded.tail.kind !== 'clean')
        return err(corrupt(path, `its tail is ${decoded.tail.kind}`));
      batches.push(...decoded.batches);
      if (seq !== null) seq += decoded.batches.length;
    }
  }
  let content: unknown;
  try {
    content = fold(base, batches);
  } catch (cause) {
    return err({
      code: 'internal.write_failed',
      message: `Folding the journal into a snapshot failed: ${String(cause)}`,
    });
  }
  const target = join(job.dir, SNAPSHOT);
  try {
    const parts = encodeSnapshot(job.upTo, content, new Date(job.writtenAt), seq);
    const tempPath = await writeTempDurably(target, parts);
    const bytes = parts.reduce((n, p) => n + p.length, 0);
    return ok({ tempPath, generation: job.upTo, batches: batches.length, bytes });
  } catch (cause) {
    return err(storeErrorFrom(cause, 'write a new snapshot', target));
  }
}

function corrupt(path: string, why: string): StoreError {
  return {
    code: 'internal.store_corrupt',
    message: `Cannot compact: ${path} is not as it was written (${why}). Reopen the workspace to recover.`,
    path,
  };
}
