import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeSnapshot, decodeSnapshotSteps, encodeSnapshot } from './snapshot-file';
import { runCounting } from '../../shared/engine/test-support/run-steps';

const content = { items: { a: 1, b: { c: 'ü' } } };
const file = Buffer.concat(encodeSnapshot(7, content, new Date('2026-01-01T00:00:00Z')));

describe('[S1] snapshot file', () => {
  it('[S1] round-trips content and generation', () => {
    expect(decodeSnapshot(file)).toEqual({ ok: true, value: { generation: 7, content } });
  });

  it('[S1] rejects truncation at every length', () => {
    for (let cut = 0; cut < file.length; cut++) {
      expect(decodeSnapshot(file.subarray(0, cut)).ok).toBe(false);
    }
  });

  it('[S1] rejects zero fill, a changed byte in the content, and trailing bytes', () => {
    expect(decodeSnapshot(Buffer.alloc(file.length))).toEqual({
      ok: false,
      reason: 'no snapshot header',
    });
    const flipped = Buffer.from(file);
    flipped[flipped.length - 3] = (flipped[flipped.length - 3] ?? 0) ^ 1;
    expect(decodeSnapshot(flipped)).toEqual({
      ok: false,
      reason: 'the snapshot fails its checksum',
    });
    expect(decodeSnapshot(Buffer.concat([file, Buffer.from(' ')])).ok).toBe(false);
  });

  it('[S1] large content is read in steps: the same snapshot, and a damaged one still refused', () => {
    const big = { nodes: Array.from({ length: 120_000 }, (_, i) => ({ i, t: `n${i}` })) };
    const bytes = Buffer.concat(encodeSnapshot(3, big, new Date('2026-01-01T00:00:00Z')));
    const { value: result, yields } = runCounting(decodeSnapshotSteps(bytes));
    expect(yields).toBeGreaterThanOrEqual(4);
    expect(result).toEqual({ ok: true, value: { generation: 3, content: big } });
    // Content that passes its checksum but is not JSON (written so by a bug, say).
    const header = bytes.subarray(0, bytes.indexOf(0x0a) + 1);
    const body = Buffer.from(JSON.stringify(big).replace('"n5"', '"n5'));
    const bad = JSON.parse(header.toString()) as Record<string, unknown>;
    bad.contentBytes = body.length;
    bad.contentCrc32 = crc32(body);
    const damaged = Buffer.concat([Buffer.from(`${JSON.stringify(bad)}\n`), body]);
    expect(decodeSnapshot(damaged)).toEqual({
      ok: false,
      reason: 'the snapshot content is not JSON',
    });
  });
});
