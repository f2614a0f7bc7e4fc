import { describe, expect, it } from 'vitest';
import { decodeSnapshot, encodeSnapshot } from './snapshot-file';

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
});
