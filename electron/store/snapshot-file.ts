/**
 * The snapshot file format: one JSON header line, then the content as JSON.
 *
 *   {"format":"linkgraph-workspace-snapshot","version":1,"generation":7,"contentBytes":N,"contentCrc32":C,...}\n
 *   <N bytes of content JSON>
 *
 * The length and checksum catch a truncated, zero-filled or overwritten file before its
 * content is trusted; `generation` says which journals it already contains and `seq` the number
 * of the last batch folded in (absent in files of earlier releases; see docs/store.md).
 */
import { crc32 } from 'node:zlib';
import { drain, type Steps } from '../../shared/engine/steps';
import { parseJsonSteps } from './parse-json-steps';

export const SNAPSHOT_FORMAT = 'linkgraph-workspace-snapshot';
export const SNAPSHOT_VERSION = 1;

export interface SnapshotHeader {
  format: typeof SNAPSHOT_FORMAT;
  version: number;
  /** Every journal with a generation up to this one is folded into the content. */
  generation: number;
  /** The seq of the last batch folded in (journal-records.ts); absent if not known. */
  seq?: number;
  contentBytes: number;
  contentCrc32: number;
  writtenAt: string;
}

export interface DecodedSnapshot {
  generation: number;
  /** Present when the header records it. */
  seq?: number;
  content: unknown;
}

export function encodeSnapshot(
  generation: number,
  content: unknown,
  now: Date,
  seq: number | null = null,
): Buffer[] {
  const body = Buffer.from(JSON.stringify(content), 'utf8');
  const header: SnapshotHeader = {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    generation,
    ...(seq === null ? {} : { seq }),
    contentBytes: body.length,
    contentCrc32: crc32(body),
    writtenAt: now.toISOString(),
  };
  return [Buffer.from(JSON.stringify(header) + '\n', 'utf8'), body];
}

type SnapshotRead = { ok: true; value: DecodedSnapshot } | { ok: false; reason: string };

/** Answers the snapshot, or why the bytes are not a good snapshot. */
export function decodeSnapshot(buf: Buffer): SnapshotRead {
  return drain(decodeSnapshotSteps(buf));
}

/**
 * `decodeSnapshot` in steps: the content (tens of MB for a large plan) is parsed a run at a
 * time (parse-json-steps.ts), so the first open does not hold the thread.
 */
export function* decodeSnapshotSteps(buf: Buffer): Steps<SnapshotRead> {
  const newline = buf.indexOf(0x0a);
  if (newline < 0 || newline > 4096) return { ok: false, reason: 'no snapshot header' };
  let header: Partial<SnapshotHeader>;
  try {
    header = JSON.parse(buf.subarray(0, newline).toString('utf8')) as Partial<SnapshotHeader>;
  } catch {
    return { ok: false, reason: 'the snapshot header is not JSON' };
  }
  if (header.format !== SNAPSHOT_FORMAT) return { ok: false, reason: 'not a Linkgraph snapshot' };
  if (header.version !== SNAPSHOT_VERSION) {
    return {
      ok: false,
      reason: `snapshot format version ${String(header.version)} is not supported`,
    };
  }
  const { generation, seq, contentBytes, contentCrc32 } = header;
  if (!Number.isSafeInteger(generation) || (generation as number) < 0) {
    return { ok: false, reason: 'the snapshot header has no valid generation' };
  }
  if (seq !== undefined && (!Number.isSafeInteger(seq) || seq < 0)) {
    return { ok: false, reason: 'the snapshot header has no valid seq' };
  }
  const body = buf.subarray(newline + 1);
  if (body.length !== contentBytes) {
    return {
      ok: false,
      reason: `the snapshot is ${body.length} bytes long, expected ${String(contentBytes)} (truncated or extended)`,
    };
  }
  if (crc32(body) !== contentCrc32) return { ok: false, reason: 'the snapshot fails its checksum' };
  let content: unknown;
  try {
    content = yield* parseJsonSteps(body);
  } catch {
    return { ok: false, reason: 'the snapshot content is not JSON' };
  }
  return {
    ok: true,
    value: { generation: generation as number, ...(seq === undefined ? {} : { seq }), content },
  };
}
