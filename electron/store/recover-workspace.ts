/**
 * Opening a workspace folder: finds the newest good snapshot and the journals after it,
 * repairs what a crash can leave behind, and keeps anything damaged aside. It never deletes
 * or overwrites data that might be the only copy of something acknowledged:
 *
 * - leftover temp files (`*.tmp-*`) were never renamed into place, so never acknowledged: removed;
 * - a damaged snapshot is renamed to `*.corrupt-<time>` and the last-good `snapshot.prev.json`
 *   is used with the journals kept since it, so nothing acknowledged is lost;
 * - the journals after the snapshot are checked as one chain (recover-journals.ts): only an
 *   append torn by a crash is dropped quietly; anything else that lost saved changes is kept
 *   aside and reported with how many were lost.
 *
 * Throws only on I/O errors (e.g. the folder is not readable); the caller turns them into values.
 */
import { open } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import {
  fsyncDir,
  isTempName,
  keepAside,
  mkdir,
  readIfExists,
  readdir,
  unlinkIfExists,
} from './durable-fs';
import { recoverJournals } from './recover-journals';
import type { ActiveJournal } from './recover-journals';
import { inTurns } from '../in-turns';
import { decodeSnapshotSteps } from './snapshot-file';
import type { StoreProblem } from './store-errors';
import { SNAPSHOT, SNAPSHOT_PREV, journalGeneration, journalName } from './workspace-layout';

/**
 * Answers true if the content is acceptable, or false / a reason if it is not; or a promise of
 * that (the session loads a large snapshot in turns of the event loop).
 */
export type SnapshotValidator = (content: unknown) => boolean | string | Promise<boolean | string>;

export interface RecoveredWorkspace {
  /** The content of the snapshot the state starts from, or null for an empty workspace. */
  snapshot: unknown;
  /** The file `snapshot` came from, and the last journal generation folded into it. */
  baseFile: string | null;
  baseGeneration: number;
  /** Generation of `snapshot.prev.json` if its header reads, else null. */
  prevGeneration: number | null;
  /** The batches after the snapshot, oldest first. */
  journal: unknown[];
  problems: StoreProblem[];
  /** The journal to append to (resumed, or a new one). */
  active: ActiveJournal;
  /** Bytes of batches after the snapshot in journals other than the active one. */
  sealedBytes: number;
}

interface LoadedSnapshot {
  generation: number;
  seq?: number;
  content: unknown;
}

export async function recoverWorkspace(
  dir: string,
  validate: SnapshotValidator,
  now: Date,
): Promise<RecoveredWorkspace> {
  await createFolderDurably(dir);
  const problems: StoreProblem[] = [];
  let touched = false;

  const names = await readdir(dir);
  for (const name of names.filter(isTempName)) {
    await unlinkIfExists(join(dir, name));
    touched = true;
    problems.push({
      severity: 'info',
      code: 'store.leftover',
      file: name,
      message: `Removed ${name}, an unfinished write from an interrupted session (never saved).`,
    });
  }

  const loadSnapshot = async (name: string): Promise<LoadedSnapshot | null> => {
    const bytes = await readIfExists(join(dir, name));
    if (bytes === null) return null;
    // In turns: a large plan's snapshot is tens of MB of JSON.
    const decoded = await inTurns(decodeSnapshotSteps(bytes));
    let reason = decoded.ok ? null : decoded.reason;
    if (decoded.ok) {
      try {
        const verdict = await validate(decoded.value.content);
        if (verdict !== true)
          reason = typeof verdict === 'string' ? verdict : 'its content is not a valid workspace';
      } catch (cause) {
        reason = `its content is not a valid workspace (${String(cause)})`;
      }
    }
    if (decoded.ok && reason === null) return decoded.value;
    const keptAs = await keepAside(dir, name, now);
    touched = true;
    problems.push({
      severity: 'error',
      code: 'internal.store_corrupt',
      file: name,
      keptAs,
      message: `${name} is damaged (${reason ?? 'unknown'}); it was kept aside as ${keptAs} and an older good state was opened.`,
    });
    return null;
  };

  let base: LoadedSnapshot | null = await loadSnapshot(SNAPSHOT);
  let baseFile: string | null = base ? SNAPSHOT : null;
  let prevGeneration: number | null = null;
  if (base) {
    prevGeneration = await readPrevGeneration(join(dir, SNAPSHOT_PREV));
  } else {
    // Missing because it was kept aside at an earlier open (the person was told then), until
    // the next compaction writes a new one: nothing to repeat.
    const hadSnapshot =
      names.includes(SNAPSHOT) || names.some((n) => n.startsWith(`${SNAPSHOT}.corrupt-`));
    base = await loadSnapshot(SNAPSHOT_PREV);
    if (base) {
      baseFile = SNAPSHOT_PREV;
      prevGeneration = base.generation;
      if (!hadSnapshot) {
        problems.push({
          severity: 'warning',
          code: 'store.missing_journal',
          file: SNAPSHOT,
          message: `${SNAPSHOT} was missing; opened the last good backup ${SNAPSHOT_PREV} and the journals since.`,
        });
      }
    }
  }
  const baseGeneration = base?.generation ?? 0;

  // Journals folded into both snapshots are no longer needed by anything.
  const obsoleteUpTo = Math.min(prevGeneration ?? baseGeneration, baseGeneration);
  const generations = names
    .map(journalGeneration)
    .filter((g): g is number => g !== null)
    .sort((a, b) => a - b);
  for (const g of generations.filter((g) => g <= obsoleteUpTo)) {
    await unlinkIfExists(join(dir, journalName(g)));
    touched = true;
  }

  const journals = await recoverJournals(
    dir,
    generations.filter((g) => g > baseGeneration),
    // Batches are numbered from 1; a snapshot of an earlier release does not say its number.
    { generation: baseGeneration, seq: base ? (base.seq ?? null) : 0, hasSnapshot: base !== null },
    now,
  );
  problems.push(...journals.problems);
  if (touched || journals.touched) await fsyncDir(dir);

  return {
    snapshot: base?.content ?? null,
    baseFile,
    baseGeneration,
    prevGeneration,
    journal: journals.journal,
    problems,
    active: journals.active,
    sealedBytes: journals.sealedBytes,
  };
}

async function readPrevGeneration(path: string): Promise<number | null> {
  const fh = await open(path, 'r').catch(() => null);
  if (!fh) return null;
  try {
    const head = Buffer.alloc(4096);
    const { bytesRead } = await fh.read(head, 0, head.length, 0);
    const line = head.subarray(0, bytesRead);
    const newline = line.indexOf(0x0a);
    if (newline < 0) return null;
    const header = JSON.parse(line.subarray(0, newline).toString('utf8')) as {
      generation?: unknown;
    };
    return Number.isSafeInteger(header.generation) ? (header.generation as number) : null;
  } catch {
    return null;
  } finally {
    await fh.close();
  }
}

/** Creates the workspace folder (and parents) so that the new names survive a power cut. */
export async function createFolderDurably(dir: string): Promise<void> {
  const first = await mkdir(dir, { recursive: true });
  if (first === undefined) return;
  for (let at = dir; at.length >= first.length; at = dirname(at)) await fsyncDir(dirname(at));
}
