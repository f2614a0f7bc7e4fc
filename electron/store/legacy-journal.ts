/**
 * The journal format written before 2026-11-23 (version 1), still read so that folders written
 * by earlier releases open; new journals are written in version 2 (journal-records.ts). Each
 * batch is one record:
 *
 *   magic "LGR1" (4 bytes) | payload length (u32 BE) | crc32 of length+payload (u32 BE) | payload
 *
 * where the payload is the batch as UTF-8 JSON. A version-1 file ends right after its last
 * record, so a last record cut short may be a torn append (never acknowledged) or a file cut
 * from outside (acknowledged changes lost): recovery cannot tell, so it keeps a copy and says so.
 */
import { crc32 } from 'node:zlib';
import { MAX_RECORD_BYTES } from './journal-records';

export const LEGACY_RECORD_MAGIC = 0x4c475231; // "LGR1"
export const LEGACY_HEADER_BYTES = 12;

/** Writes a version-1 record (tests and fixtures of folders written by earlier releases). */
export function encodeLegacyRecord(batch: unknown): Buffer {
  const payload = Buffer.from(JSON.stringify(batch), 'utf8');
  const record = Buffer.allocUnsafe(LEGACY_HEADER_BYTES + payload.length);
  record.writeUInt32BE(LEGACY_RECORD_MAGIC, 0);
  record.writeUInt32BE(payload.length, 4);
  record.writeUInt32BE(crc32(payload, crc32(record.subarray(4, 8))), 8);
  payload.copy(record, LEGACY_HEADER_BYTES);
  return record;
}

export type LegacyTail =
  | { kind: 'clean' }
  /** An unfinished last write: the bytes from `offset` on were never acknowledged. */
  | {
      kind: 'torn';
      offset: number;
      bytes: number;
      /**
       * True when the tail is a whole record with some bytes wrong (not merely cut short or
       * zeros): what a power cut mid-write leaves, but also what damage to an acknowledged last
       * record would look like, so recovery keeps a copy of it.
       */
      fullLength: boolean;
    }
  /** Damage where acknowledged data was: everything from `offset` on cannot be trusted. */
  | { kind: 'corrupt'; offset: number; reason: string };

export interface DecodedLegacyJournal {
  batches: unknown[];
  /** Bytes of intact records from the start of the file. */
  goodLength: number;
  tail: LegacyTail;
}

type RecordAt =
  | { ok: true; batch: unknown; end: number }
  | {
      ok: false;
      why: 'short_header' | 'bad_magic' | 'past_eof' | 'bad_crc' | 'bad_json';
      end: number;
    };

function readRecord(buf: Buffer, offset: number): RecordAt {
  if (buf.length - offset < LEGACY_HEADER_BYTES)
    return { ok: false, why: 'short_header', end: buf.length };
  if (buf.readUInt32BE(offset) !== LEGACY_RECORD_MAGIC)
    return { ok: false, why: 'bad_magic', end: buf.length };
  const length = buf.readUInt32BE(offset + 4);
  const end = offset + LEGACY_HEADER_BYTES + length;
  if (length > MAX_RECORD_BYTES) return { ok: false, why: 'bad_magic', end: buf.length };
  if (end > buf.length) return { ok: false, why: 'past_eof', end: buf.length };
  const payload = buf.subarray(offset + LEGACY_HEADER_BYTES, end);
  const expected = buf.readUInt32BE(offset + 8);
  if (crc32(payload, crc32(buf.subarray(offset + 4, offset + 8))) !== expected) {
    return { ok: false, why: 'bad_crc', end };
  }
  try {
    return { ok: true, batch: JSON.parse(payload.toString('utf8')), end };
  } catch {
    return { ok: false, why: 'bad_json', end };
  }
}

/** Is there any intact record starting after `from`? (Then the damage is in the middle.) */
function intactRecordAfter(buf: Buffer, from: number): boolean {
  const magic = Buffer.from([0x4c, 0x47, 0x52, 0x31]);
  let at = buf.indexOf(magic, from + 1);
  while (at !== -1) {
    if (readRecord(buf, at).ok) return true;
    at = buf.indexOf(magic, at + 1);
  }
  return false;
}

function allZero(buf: Buffer, from: number): boolean {
  for (let i = from; i < buf.length; i++) if (buf[i] !== 0) return false;
  return true;
}

/**
 * Reads every intact record and classifies what follows the last one. A tail counts as torn
 * only if no intact record follows it and it looks like what a crash leaves behind: a header
 * cut short, a payload cut short, a last record whose bytes were not all written (bad
 * checksum, ending exactly at end of file), or zeros (a file extended but not yet written).
 * Anything else (foreign bytes, a bad record with good ones after it) is corruption.
 */
export function decodeLegacyJournal(buf: Buffer): DecodedLegacyJournal {
  const batches: unknown[] = [];
  let offset = 0;
  while (offset < buf.length) {
    const record = readRecord(buf, offset);
    if (record.ok) {
      batches.push(record.batch);
      offset = record.end;
      continue;
    }
    const zeros = allZero(buf, offset);
    const fullLength = !zeros && record.why === 'bad_crc' && record.end === buf.length;
    const tornShape =
      zeros || record.why === 'short_header' || record.why === 'past_eof' || fullLength;
    if (tornShape && !intactRecordAfter(buf, offset)) {
      return {
        batches,
        goodLength: offset,
        tail: { kind: 'torn', offset, bytes: buf.length - offset, fullLength },
      };
    }
    const reason = {
      short_header: 'a record header is cut short',
      bad_magic: 'bytes that are not a journal record',
      past_eof: 'a record runs past the end of the file',
      bad_crc: 'a record fails its checksum',
      bad_json: 'a record is not valid JSON',
    }[record.why];
    return { batches, goodLength: offset, tail: { kind: 'corrupt', offset, reason } };
  }
  return { batches, goodLength: offset, tail: { kind: 'clean' } };
}
