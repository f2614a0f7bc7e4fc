import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LEGACY_HEADER_BYTES, decodeLegacyJournal, encodeLegacyRecord } from './legacy-journal';

const batches = [
  { batchId: 'a', set: { a: 1 } },
  { batchId: 'b', set: { b: 'two', nested: { x: [1, 2] } } },
  { batchId: 'c', set: { c: 'ünïcødé ✓' } },
];
const journal = Buffer.concat(batches.map(encodeLegacyRecord));
const ends = batches.reduce<number[]>(
  (acc, b) => [...acc, (acc.at(-1) ?? 0) + encodeLegacyRecord(b).length],
  [],
);

describe('[S1] journal records written by earlier releases (version 1)', () => {
  it('[S1] round-trips batches', () => {
    expect(decodeLegacyJournal(journal)).toEqual({
      batches,
      goodLength: journal.length,
      tail: { kind: 'clean' },
    });
  });

  it('[S1] a cut at any byte is a torn tail holding exactly the complete records before it', () => {
    for (let cut = 0; cut < journal.length; cut++) {
      const decoded = decodeLegacyJournal(journal.subarray(0, cut));
      const complete = ends.filter((e) => e <= cut).length;
      expect(decoded.batches).toEqual(batches.slice(0, complete));
      expect(decoded.goodLength).toBe(ends[complete - 1] ?? 0);
      const expectedTail = decoded.goodLength === cut ? 'clean' : 'torn';
      expect(decoded.tail.kind).toBe(expectedTail);
    }
  });

  it('[S1] zeros after the last record (a file extended by a crash) are a torn tail', () => {
    const decoded = decodeLegacyJournal(Buffer.concat([journal, Buffer.alloc(300)]));
    expect(decoded.batches).toEqual(batches);
    expect(decoded.tail).toEqual({
      kind: 'torn',
      offset: journal.length,
      bytes: 300,
      fullLength: false,
    });
  });

  it('[S1] a last record with unwritten (zeroed) bytes is a torn tail', () => {
    const damaged = Buffer.from(journal);
    damaged.fill(0, damaged.length - 5);
    const decoded = decodeLegacyJournal(damaged);
    expect(decoded.batches).toEqual(batches.slice(0, 2));
    expect(decoded.tail).toEqual({
      kind: 'torn',
      offset: ends[1],
      bytes: journal.length - (ends[1] ?? 0),
      fullLength: true,
    });
  });

  it('[S1] a flipped byte in a middle record is corruption, not a torn tail', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: (ends[1] ?? 0) - 1 }),
        fc.integer({ min: 1, max: 255 }),
        (at, xor) => {
          const damaged = Buffer.from(journal);
          damaged[at] = (damaged[at] ?? 0) ^ xor;
          const decoded = decodeLegacyJournal(damaged);
          expect(decoded.tail.kind).toBe('corrupt');
          const firstBad = at < (ends[0] ?? 0) ? 0 : 1;
          expect(decoded.batches).toEqual(batches.slice(0, firstBad));
        },
      ),
    );
  });

  it('[S1] random bytes are corruption', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: LEGACY_HEADER_BYTES, maxLength: 500 }), (bytes) => {
        fc.pre(bytes.some((b) => b !== 0) && bytes[0] !== 0x4c);
        expect(decodeLegacyJournal(Buffer.from(bytes)).tail.kind).toBe('corrupt');
      }),
    );
  });
});
