/**
 * Opening, part 2: the journals after the snapshot. They must form one unbroken chain: journal
 * generations consecutive from the snapshot's + 1, batch numbers (seq) consecutive from the
 * snapshot's + 1, the last journal unsealed (a sealed one names the journal after it). Where
 * the chain breaks, saved changes were lost: what is left after the break is kept aside (never
 * replayed over the gap), the state opens as it was just before, and an `error` problem says
 * how many changes were lost. The one thing dropped quietly is an append torn by a crash at the
 * end of the last journal (never acknowledged). See docs/store.md, "Opening".
 */
import { open, truncate } from 'node:fs/promises';
import { join } from 'node:path';
import { copyAside, keepAside, readIfExists, writeAll } from './durable-fs';
import { inTurns } from '../in-turns';
import { HEADER_BYTES, damagedHeader, decodeJournalSteps, isJournalV2 } from './journal-records';
import type { DecodedJournal } from './journal-records';
import { decodeLegacyJournal } from './legacy-journal';
import type { DecodedLegacyJournal } from './legacy-journal';
import type { StoreProblem } from './store-errors';
import { journalName } from './workspace-layout';

/** Where appends go on: resume a version-2 journal, or create a new one. */
export type ActiveJournal =
  | { kind: 'resume'; generation: number; length: number; dataStart: number; nextSeq: number }
  | { kind: 'create'; generation: number; firstSeq: number };

export interface RecoveredJournals {
  journal: unknown[];
  problems: StoreProblem[];
  active: ActiveJournal;
  /** Bytes of batches in journals other than the active one. */
  sealedBytes: number;
  touched: boolean;
}

type Entry =
  | { generation: number; name: string; bytes: Buffer; v2: true; d: DecodedJournal }
  | { generation: number; name: string; bytes: Buffer; v2: false; d: DecodedLegacyJournal };

const changes = (n: number): string => (n === 1 ? '1 saved change was' : `${n} saved changes were`);

export async function recoverJournals(
  dir: string,
  generations: number[],
  base: { generation: number; seq: number | null; hasSnapshot: boolean },
  now: Date,
): Promise<RecoveredJournals> {
  const problems: StoreProblem[] = [];
  const journal: unknown[] = [];
  let touched = false;
  const entries: Entry[] = [];
  for (const generation of generations) {
    const name = journalName(generation);
    const bytes = (await readIfExists(join(dir, name))) ?? Buffer.alloc(0);
    entries.push(
      isJournalV2(bytes)
        ? // In turns: an imported plan's journal is one record of tens of MB.
          { generation, name, bytes, v2: true, d: await inTurns(decodeJournalSteps(bytes)) }
        : { generation, name, bytes, v2: false, d: decodeLegacyJournal(bytes) },
    );
  }
  const batchesIn = (list: Entry[]): number => list.reduce((n, e) => n + e.d.batches.length, 0);
  /** Renames journals aside (nothing in them is replayed); answers their new names. */
  const keepLater = async (list: Entry[]): Promise<string[]> => {
    const kept: string[] = [];
    for (const e of list) kept.push(await keepAside(dir, e.name, now));
    touched ||= list.length > 0;
    return kept;
  };

  let expected = base.generation + 1;
  let nextSeq: number | null = base.seq === null ? null : base.seq + 1;
  let active: ActiveJournal | null = null;
  let sealedBytes = 0;

  if (entries.length === 0 && base.hasSnapshot) {
    // The snapshot's compaction created this journal before it wrote the snapshot.
    problems.push({
      severity: 'error',
      code: 'store.missing_journal',
      file: journalName(expected),
      message: `${journalName(expected)} is missing: the changes saved after the last snapshot were lost (the snapshot opened).`,
    });
  }

  for (let i = 0; i < entries.length; i++) {
    const e = entries[i] as Entry;
    const later = entries.slice(i + 1);
    if (e.generation !== expected) {
      const lost = batchesIn(entries.slice(i));
      const kept = await keepLater(entries.slice(i));
      problems.push({
        severity: 'error',
        code: 'store.missing_journal',
        file: journalName(expected),
        keptAs: kept.join(', '),
        message: `${journalName(expected)} is missing, so the changes after it cannot be applied: at least ${changes(lost)} lost from the open workspace. The later journals were kept aside as ${kept.join(', ')}.`,
      });
      break;
    }
    if (e.v2 && nextSeq !== null && e.d.firstSeq !== null && e.d.firstSeq !== nextSeq) {
      const missing = e.d.firstSeq - nextSeq;
      const lost = (missing > 0 ? missing : 0) + batchesIn(entries.slice(i));
      const kept = await keepLater(entries.slice(i));
      problems.push({
        severity: 'error',
        code: 'store.missing_journal',
        file: e.name,
        keptAs: kept.join(', '),
        message: `${e.name} starts at change #${e.d.firstSeq}, but the journals before it end at change #${nextSeq - 1}: ${changes(lost)} lost from the open workspace. ${e.name} and the journals after it were kept aside as ${kept.join(', ')}.`,
      });
      break;
    }
    // A journal this release wrote must be one: its header names its own generation, and no
    // version-1 (or empty) file can follow one (this release writes only version 2 after it).
    if (e.v2 && e.d.generation !== null && e.d.generation !== e.generation)
      e.d = damagedHeader(`its header says it is journal ${e.d.generation}`);
    const afterCurrent = i === 0 ? base.hasSnapshot && base.seq !== null : entries[i - 1]?.v2;
    if (!e.v2 && afterCurrent && e.d.tail.kind === 'clean')
      e.d.tail = {
        kind: 'corrupt',
        offset: 0,
        reason: e.bytes.length === 0 ? 'the file is empty' : 'it is not a journal of this release',
      };
    if (e.v2 && e.d.generation === null) {
      // Its first record is damaged: nothing in it can be trusted. Kept aside as it is.
      const kept = await keepLater(entries.slice(i));
      const known = followerFirstSeq(entries, i);
      const from = nextSeq;
      const exact = known !== null && from !== null;
      const lost = batchesIn(later) + (exact ? known - from : 1);
      problems.push({
        severity: 'error',
        code: 'internal.store_corrupt',
        file: e.name,
        keptAs: kept.join(', '),
        message: `${e.name} is damaged (${'reason' in e.d.tail ? e.d.tail.reason : 'unreadable'}): ${exact ? '' : 'at least '}${changes(lost)} lost from the open workspace. It and the journals after it were kept aside as ${kept.join(', ')}.`,
      });
      break;
    }
    journal.push(...e.d.batches);
    const ownNext = e.v2 ? e.d.nextSeq : nextSeq === null ? null : nextSeq + e.d.batches.length;
    const isLast = later.length === 0;
    const followerFirst = followerFirstSeq(entries, i);
    /** The next journal starts exactly where this one's intact batches end: nothing lost here. */
    const chained = followerFirst !== null && ownNext !== null && followerFirst === ownNext;
    expected = e.generation + 1;
    nextSeq = ownNext;

    const tail = e.d.tail;
    if (e.v2 && tail.kind === 'clean') {
      if (e.d.sealedInto !== null) {
        sealedBytes += e.d.batchesEnd;
        if (isLast) {
          problems.push({
            severity: 'error',
            code: 'store.missing_journal',
            file: journalName(e.d.sealedInto),
            message: `${journalName(e.d.sealedInto)} is missing: the changes saved in it (from change #${String(ownNext)} on) were lost; the workspace opened with the changes before them.`,
          });
        }
        continue;
      }
      if (!isLast) {
        sealedBytes += e.d.batchesEnd; // sealing it was interrupted; the next journal chains it
        continue;
      }
      if ('slack' in tail && !tail.slack) {
        // The writer always leaves zeros after the last record: the end of the file was cut.
        const keptAs = await copyAside(dir, e.name, now);
        touched = true;
        problems.push({
          severity: 'error',
          code: 'internal.store_corrupt',
          file: e.name,
          keptAs,
          message: `The end of ${e.name} was cut off after change #${String((ownNext ?? 1) - 1)}: any changes saved after it were lost (how many cannot be known). The file was kept as ${keptAs}.`,
        });
      }
      active = resumeAt(e);
      break;
    }
    if (e.v2 && tail.kind === 'torn' && isLast && e.d.sealedInto === null) {
      await zeroFrom(join(dir, e.name), e.d.batchesEnd, e.bytes);
      touched = true;
      problems.push({
        severity: 'info',
        code: 'store.torn_tail',
        file: e.name,
        message: `Removed an unfinished change from the end of ${e.name}: it was being written when the app stopped and was never confirmed.`,
      });
      active = resumeAt(e);
      break;
    }
    if (e.v2 && chained) {
      // Damage after the last batch of a journal whose successor starts right after it (a seal
      // cut short, or cut off): no change is missing. Tidied so that compaction reads it.
      const keptAs = tail.kind === 'torn' ? undefined : await copyAside(dir, e.name, now);
      await zeroFrom(join(dir, e.name), e.d.batchesEnd, e.bytes);
      touched = true;
      problems.push({
        severity: keptAs ? 'warning' : 'info',
        code: 'store.torn_tail',
        file: e.name,
        ...(keptAs ? { keptAs } : {}),
        message:
          `The end of ${e.name} (after its last change) was ${tail.kind === 'torn' ? 'left unfinished when the app stopped while closing it' : 'damaged'}; no saved change is missing.` +
          (keptAs ? ` A copy of the file was kept as ${keptAs}.` : ''),
      });
      sealedBytes += e.d.batchesEnd;
      continue;
    }
    if (!e.v2 && tail.kind === 'clean') {
      sealedBytes += e.d.goodLength;
      if (isLast) {
        // Written by an earlier release: new changes go to a new journal in the current format.
        active = { kind: 'create', generation: e.generation + 1, firstSeq: ownNext ?? 1 };
        break;
      }
      continue;
    }
    if (!e.v2 && tail.kind === 'torn' && isLast) {
      // A version-1 file cannot show whether its cut-short last record was being appended when
      // the app stopped (never confirmed) or was saved and cut from outside: keep a copy, say so.
      const keptAs = await copyAside(dir, e.name, now);
      await truncateDurably(join(dir, e.name), e.d.goodLength);
      touched = true;
      problems.push({
        severity: 'warning',
        code: 'store.torn_tail',
        file: e.name,
        keptAs,
        message: `The last change in ${e.name} is incomplete and was removed: either it was being saved when the app stopped (then it was never confirmed) or the file was cut short (then 1 saved change was lost). A copy of the file was kept as ${keptAs}.`,
      });
      sealedBytes += e.d.goodLength;
      active = { kind: 'create', generation: e.generation + 1, firstSeq: ownNext ?? 1 };
      break;
    }

    // Saved changes are missing: keep this journal's bytes (a copy) and the later journals
    // (renamed) aside, go on from the intact changes before the damage, and say what was lost.
    const copy = await copyAside(dir, e.name, now);
    const kept = [copy, ...(await keepLater(later))];
    touched = true;
    const ownLost = followerFirst !== null && ownNext !== null ? followerFirst - ownNext : null;
    const laterLost = batchesIn(later);
    // Without a next journal to count from, the damaged record is at least one change.
    const lost =
      ownLost !== null ? changes(ownLost + laterLost) : `at least ${changes(1 + laterLost)}`;
    const where =
      tail.kind === 'clean'
        ? 'is damaged'
        : `is damaged at byte ${tail.offset} (${'reason' in tail ? tail.reason : 'an incomplete record'})`;
    problems.push({
      severity: 'error',
      code: 'internal.store_corrupt',
      file: e.name,
      keptAs: kept.join(', '),
      message: `${e.name} ${where}: ${lost} lost. The changes before the damage were opened; the damaged files were kept aside as ${kept.join(', ')}.`,
    });
    if (e.v2) {
      await zeroFrom(join(dir, e.name), e.d.batchesEnd, e.bytes);
      active = resumeAt(e);
    } else {
      await truncateDurably(join(dir, e.name), e.d.goodLength);
      sealedBytes += e.d.goodLength;
      active = { kind: 'create', generation: e.generation + 1, firstSeq: ownNext ?? 1 };
    }
    break;
  }

  return {
    journal,
    problems,
    active: active ?? { kind: 'create', generation: expected, firstSeq: nextSeq ?? 1 },
    sealedBytes,
    touched,
  };
}

/** The first seq of the journal after entry i, when it directly follows and is readable. */
function followerFirstSeq(entries: Entry[], i: number): number | null {
  const e = entries[i];
  const next = entries[i + 1];
  return e && next?.v2 && next.generation === e.generation + 1 ? next.d.firstSeq : null;
}

function resumeAt(e: Entry & { v2: true }): ActiveJournal {
  return {
    kind: 'resume',
    generation: e.generation,
    length: e.d.batchesEnd,
    // The OPEN record's length: header + its payload length.
    dataStart: HEADER_BYTES + e.bytes.readUInt32BE(8),
    nextSeq: e.d.nextSeq ?? 1,
  };
}

/** Overwrites with zeros what follows `from` (only the bytes that are not zero already). */
async function zeroFrom(path: string, from: number, bytes: Buffer): Promise<void> {
  let end = bytes.length;
  while (end > from && bytes[end - 1] === 0) end--;
  if (end <= from) return;
  const fh = await open(path, 'r+');
  try {
    await writeAll(fh, Buffer.alloc(end - from), from);
    await fh.sync();
  } finally {
    await fh.close();
  }
}

async function truncateDurably(path: string, length: number): Promise<void> {
  await truncate(path, length);
  const fh = await open(path, 'r+');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}
