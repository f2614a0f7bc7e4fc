/**
 * The journal format (version 2; docs/store.md). A journal file is a run of records:
 *
 *   magic "LGR2" | kind (4 ASCII bytes) | payload length (u32 BE) | seq (u64 BE)
 *   | crc32 of those 20 header bytes (u32 BE) | crc32 of the payload (u32 BE) | payload (UTF-8 JSON)
 *
 * - "OPEN" comes first: `{format, version, generation, firstSeq}`. A journal is written with it
 *   under a temp name and renamed into place, so a journal file never exists without it.
 * - "BTCH" holds one batch; `seq` numbers batches 1, 2, 3, ... across journals, without gaps.
 * - "SEAL" ends a journal that compaction closed: `{nextGeneration}`, seq = the next batch's.
 *
 * The writer keeps at least SLACK_BYTES zero bytes after the last record of the active journal
 * (the file is extended before it is written into, never by the write itself). So an append
 * torn by a crash lies inside the file, its unwritten bytes still zero, with zeros after it;
 * a file that ends inside a record, or right after one with no zeros, was cut from outside and
 * lost saved changes. The header checksum makes a cut record's length and seq trustworthy.
 */
import { crc32 } from 'node:zlib';
import { drain, type Steps } from '../../shared/engine/steps';
import { parseJsonSteps } from './parse-json-steps';

export const RECORD_MAGIC = 0x4c475232; // "LGR2"
export const HEADER_BYTES = 28;
/**
 * Zero bytes always left after the last record of the active journal. No record holds a run
 * of zeros this long (JSON has none; a header at most ~18), so a file ending in this many zeros
 * ends in space the writer had not written yet.
 */
export const SLACK_BYTES = 64;
/** No sane batch is this large; a length field above it is damage, not data. */
export const MAX_RECORD_BYTES = 256 * 1024 * 1024;
export const JOURNAL_FORMAT = 'linkgraph-journal';

export type RecordKind = 'OPEN' | 'BTCH' | 'SEAL';
const KINDS: readonly string[] = ['OPEN', 'BTCH', 'SEAL'];

export function encodeRecord(kind: RecordKind, seq: number, value: unknown): Buffer {
  return recordOf(kind, seq, Buffer.from(JSON.stringify(value), 'utf8'));
}

/** A record around an already-serialised payload (the writer numbers batches as it commits them). */
export function recordOf(kind: RecordKind, seq: number, payload: Buffer): Buffer {
  const record = Buffer.alloc(HEADER_BYTES + payload.length);
  record.writeUInt32BE(RECORD_MAGIC, 0);
  record.write(kind, 4, 'latin1');
  record.writeUInt32BE(payload.length, 8);
  record.writeBigUInt64BE(BigInt(seq), 12);
  record.writeUInt32BE(crc32(record.subarray(0, 20)), 20);
  record.writeUInt32BE(crc32(payload), 24);
  payload.copy(record, HEADER_BYTES);
  return record;
}

export const encodeBatch = (seq: number, batch: unknown): Buffer =>
  encodeRecord('BTCH', seq, batch);

export const encodeOpening = (generation: number, firstSeq: number): Buffer =>
  encodeRecord('OPEN', firstSeq, { format: JOURNAL_FORMAT, version: 2, generation, firstSeq });

export const encodeSeal = (nextSeq: number, nextGeneration: number): Buffer =>
  encodeRecord('SEAL', nextSeq, { nextGeneration });

/** Is this a version-2 journal (else one written by an earlier release, or empty)? */
export function isJournalV2(buf: Buffer): boolean {
  return buf.length >= 4 && buf.readUInt32BE(0) === RECORD_MAGIC;
}

export type JournalTail =
  /** Nothing damaged. `slack`: zeros follow the last record (always so in an unsealed journal). */
  | { kind: 'clean'; slack: boolean }
  /** An append cut short while being written (some of its bytes still zero): never acknowledged. */
  | { kind: 'torn'; offset: number; bytes: number }
  /** The file ends inside a record or right after one: cut from outside. `seq`: the cut record's. */
  | { kind: 'cut'; offset: number; seq: number | null; reason: string }
  /** Damage where saved data was. */
  | { kind: 'corrupt'; offset: number; reason: string };

export interface DecodedJournal {
  /** From the OPEN record; null when that is damaged. */
  generation: number | null;
  firstSeq: number | null;
  batches: unknown[];
  /** The seq the next batch after the intact ones has. */
  nextSeq: number | null;
  /** Bytes of intact records (OPEN, batches, SEAL) from the start of the file. */
  goodLength: number;
  /** Where the intact batches end (before a SEAL): where appends would go on. */
  batchesEnd: number;
  /** Set when the journal ends in a SEAL: the generation appends went on in. */
  sealedInto: number | null;
  tail: JournalTail;
}

type Why = 'short_header' | 'bad_magic' | 'bad_header' | 'past_eof' | 'bad_crc' | 'bad_json';
type RecordAt =
  | { ok: true; kind: RecordKind; seq: number; value: unknown; end: number }
  | { ok: false; why: Why; seq?: number; end?: number };

/**
 * The record at `offset`. Its payload is parsed in steps (parse-json-steps.ts): an imported
 * plan's genesis is one record of tens of MB, and the first open must not hold the thread.
 */
function* readRecordSteps(buf: Buffer, offset: number): Steps<RecordAt> {
  if (buf.length - offset < HEADER_BYTES) return { ok: false, why: 'short_header' };
  if (buf.readUInt32BE(offset) !== RECORD_MAGIC) return { ok: false, why: 'bad_magic' };
  if (crc32(buf.subarray(offset, offset + 20)) !== buf.readUInt32BE(offset + 20))
    return { ok: false, why: 'bad_header' };
  const kind = buf.toString('latin1', offset + 4, offset + 8);
  const length = buf.readUInt32BE(offset + 8);
  const seq = Number(buf.readBigUInt64BE(offset + 12));
  if (!KINDS.includes(kind) || length > MAX_RECORD_BYTES || !Number.isSafeInteger(seq))
    return { ok: false, why: 'bad_header' };
  const end = offset + HEADER_BYTES + length;
  if (end > buf.length) return { ok: false, why: 'past_eof', seq, end };
  const payload = buf.subarray(offset + HEADER_BYTES, end);
  if (crc32(payload) !== buf.readUInt32BE(offset + 24))
    return { ok: false, why: 'bad_crc', seq, end };
  let value: unknown;
  try {
    value = yield* parseJsonSteps(payload);
  } catch {
    return { ok: false, why: 'bad_json', seq, end };
  }
  return { ok: true, kind: kind as RecordKind, seq, value, end };
}

const readRecord = (buf: Buffer, offset: number): RecordAt => drain(readRecordSteps(buf, offset));

function intactRecordAfter(buf: Buffer, from: number): boolean {
  const magic = Buffer.from('LGR2', 'latin1');
  for (let at = buf.indexOf(magic, from + 1); at !== -1; at = buf.indexOf(magic, at + 1))
    if (readRecord(buf, at).ok) return true;
  return false;
}

function allZero(buf: Buffer, from: number, to = buf.length): boolean {
  for (let i = from; i < to; i++) if (buf[i] !== 0) return false;
  return true;
}

function hasZero(buf: Buffer, from: number, to: number): boolean {
  return buf.subarray(from, to).includes(0);
}

function trailingZeros(buf: Buffer): number {
  let n = 0;
  while (n < buf.length && buf[buf.length - 1 - n] === 0) n++;
  return n;
}

const REASONS: Record<Why, string> = {
  short_header: 'the file ends inside a record header',
  bad_magic: 'bytes that are not a journal record',
  bad_header: 'a record header fails its checksum',
  past_eof: 'the file ends inside a record',
  bad_crc: 'a record fails its checksum',
  bad_json: 'a record is not valid JSON',
};

/**
 * What follows the intact records when the bytes at `offset` are not one. A torn append can
 * only be the last thing written, inside the file, with zeros after it, and with some of its
 * own bytes still zero (never written): a header with zeros and nothing written after it (or
 * no header at all), or a trustworthy header whose payload has zeros and fits before the slack.
 */
function classify(buf: Buffer, offset: number, record: RecordAt & { ok: false }): JournalTail {
  if (intactRecordAfter(buf, offset))
    return { kind: 'corrupt', offset, reason: REASONS[record.why] };
  const slack = trailingZeros(buf) >= SLACK_BYTES;
  const headerTrusted = record.end !== undefined;
  if (headerTrusted) {
    const end = record.end as number;
    const fits = end <= buf.length - SLACK_BYTES;
    if (slack && fits && record.why === 'bad_crc' && hasZero(buf, offset + HEADER_BYTES, end))
      return { kind: 'torn', offset, bytes: buf.length - offset };
    if (record.why === 'past_eof' || !slack)
      return {
        kind: 'cut',
        offset,
        seq: record.seq ?? null,
        reason: `the file ends inside change #${String(record.seq)}`,
      };
    return { kind: 'corrupt', offset, reason: REASONS[record.why] };
  }
  const headerEnd = Math.min(offset + HEADER_BYTES, buf.length);
  if (
    slack &&
    hasZero(buf, offset, headerEnd) &&
    (allZero(buf, headerEnd) || allZero(buf, offset, headerEnd))
  )
    return { kind: 'torn', offset, bytes: buf.length - offset };
  if (!slack) return { kind: 'cut', offset, seq: null, reason: REASONS[record.why] };
  return { kind: 'corrupt', offset, reason: REASONS[record.why] };
}

function openingOf(value: unknown): { generation: number; firstSeq: number } | null {
  const v = value as { format?: unknown; generation?: unknown; firstSeq?: unknown } | null;
  if (v?.format !== JOURNAL_FORMAT) return null;
  if (!Number.isSafeInteger(v.generation) || !Number.isSafeInteger(v.firstSeq)) return null;
  return { generation: v.generation as number, firstSeq: v.firstSeq as number };
}

/** A journal whose header cannot be read: nothing of it is usable. */
export function damagedHeader(reason: string): DecodedJournal {
  return {
    generation: null,
    firstSeq: null,
    batches: [],
    nextSeq: null,
    goodLength: 0,
    batchesEnd: 0,
    sealedInto: null,
    tail: { kind: 'corrupt', offset: 0, reason },
  };
}

/** Reads every intact record of a version-2 journal and says what follows the last one. */
export function decodeJournal(buf: Buffer): DecodedJournal {
  return drain(decodeJournalSteps(buf));
}

/** `decodeJournal` in steps: a yield between records, and within a large one. */
export function* decodeJournalSteps(buf: Buffer): Steps<DecodedJournal> {
  const first = yield* readRecordSteps(buf, 0);
  const opening = first.ok && first.kind === 'OPEN' ? openingOf(first.value) : null;
  if (!first.ok || !opening || first.seq !== opening.firstSeq) {
    return damagedHeader('the journal header is damaged');
  }
  const batches: unknown[] = [];
  let nextSeq = opening.firstSeq;
  let sealedInto: number | null = null;
  let offset = first.end;
  let batchesEnd = offset;
  const done = (tail: JournalTail): DecodedJournal => ({
    generation: opening.generation,
    firstSeq: opening.firstSeq,
    batches,
    nextSeq,
    goodLength: offset,
    batchesEnd,
    sealedInto,
    tail,
  });
  while (offset < buf.length) {
    const record = yield* readRecordSteps(buf, offset);
    if (!record.ok) {
      if (allZero(buf, offset)) return done({ kind: 'clean', slack: true });
      return done(classify(buf, offset, record));
    }
    const out = (reason: string): DecodedJournal => done({ kind: 'corrupt', offset, reason });
    if (sealedInto !== null) return out('a record after the end of a sealed journal');
    if (record.seq !== nextSeq)
      return out(`change #${record.seq} where change #${nextSeq} was expected`);
    if (record.kind === 'BTCH') {
      batches.push(record.value);
      nextSeq++;
    } else if (record.kind === 'SEAL') {
      const next = (record.value as { nextGeneration?: unknown } | null)?.nextGeneration;
      if (!Number.isSafeInteger(next)) return out('a damaged seal record');
      sealedInto = next as number;
    } else {
      return out('a second journal header');
    }
    offset = record.end;
    if (record.kind === 'BTCH') batchesEnd = offset;
  }
  return done({ kind: 'clean', slack: false });
}
