import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  SLACK_BYTES,
  decodeJournal,
  decodeJournalSteps,
  encodeBatch,
  encodeOpening,
  encodeSeal,
} from './journal-records';
import { runCounting } from '../../shared/engine/test-support/run-steps';

const batches = [
  { batchId: 'a', set: { a: 1 } },
  { batchId: 'b', set: { b: 'two', nested: { x: [1, 2] } } },
  { batchId: 'c', set: { c: 'ünïcødé ✓' } },
];
const opening = encodeOpening(4, 10);
const records = Buffer.concat([opening, ...batches.map((b, i) => encodeBatch(10 + i, b))]);
/** The journal as the writer leaves it: records, then zeros. */
const journal = Buffer.concat([records, Buffer.alloc(256)]);
const ends = batches.reduce<number[]>(
  (acc, b, i) => [...acc, (acc.at(-1) ?? opening.length) + encodeBatch(10 + i, b).length],
  [],
);

describe('[S1] journal records (format 2)', () => {
  it('[S1] round-trips the opening, numbered batches and the zeros after them', () => {
    expect(decodeJournal(journal)).toEqual({
      generation: 4,
      firstSeq: 10,
      batches,
      nextSeq: 13,
      goodLength: records.length,
      batchesEnd: records.length,
      sealedInto: null,
      tail: { kind: 'clean', slack: true },
    });
  });

  it('[S1] a sealed journal names the journal after it', () => {
    const sealed = Buffer.concat([records, encodeSeal(13, 5)]);
    expect(decodeJournal(sealed)).toMatchObject({
      batches,
      nextSeq: 13,
      sealedInto: 5,
      batchesEnd: records.length,
      tail: { kind: 'clean', slack: false },
    });
  });

  it('[S1] an append torn at any byte (written into the zeros, the file length unchanged) is a torn tail', () => {
    const next = encodeBatch(13, { batchId: 'd', set: { d: 4 } });
    for (let cut = 1; cut < next.length; cut++) {
      const torn = Buffer.from(journal);
      next.copy(torn, records.length, 0, cut);
      const decoded = decodeJournal(torn);
      expect(decoded.batches, `cut ${cut}`).toEqual(batches);
      expect(decoded.tail, `cut ${cut}`).toEqual({
        kind: 'torn',
        offset: records.length,
        bytes: torn.length - records.length,
      });
    }
  });

  it('[S1] a file cut short at any byte inside its records is a cut, never a torn append', () => {
    for (let cut = opening.length + 1; cut < records.length; cut++) {
      const decoded = decodeJournal(records.subarray(0, cut));
      const complete = ends.filter((e) => e <= cut).length;
      expect(decoded.batches).toEqual(batches.slice(0, complete));
      expect(decoded.goodLength).toBe(ends[complete - 1] ?? opening.length);
      // Cut exactly after a record: clean but without the zeros the writer always leaves.
      expect(decoded.tail.kind, `cut ${cut}`).toBe(decoded.goodLength === cut ? 'clean' : 'cut');
      if (decoded.tail.kind === 'clean') expect(decoded.tail.slack).toBe(false);
      if (decoded.tail.kind === 'cut' && cut - decoded.goodLength >= 28)
        expect(decoded.tail.seq).toBe(10 + complete); // the header is whole: its number is known
    }
  });

  it('[S1] a flipped byte in any record is corruption or a cut, never a torn append', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: records.length - 1 }),
        fc.integer({ min: 1, max: 255 }),
        (at, xor) => {
          const damaged = Buffer.from(journal);
          damaged[at] = (damaged[at] ?? 0) ^ xor;
          fc.pre(damaged[at] !== 0); // a zero is what an unwritten byte looks like
          const decoded = decodeJournal(damaged);
          expect(['corrupt', 'cut']).toContain(decoded.tail.kind);
          const firstBad = ends.filter((e) => e <= at).length;
          expect(decoded.batches).toEqual(batches.slice(0, at < opening.length ? 0 : firstBad));
        },
      ),
    );
  });

  it('[S1] a record numbered out of order is corruption', () => {
    const skipped = Buffer.concat([
      opening,
      encodeBatch(10, batches[0]),
      encodeBatch(12, batches[1]),
      Buffer.alloc(SLACK_BYTES),
    ]);
    expect(decodeJournal(skipped)).toMatchObject({
      batches: batches.slice(0, 1),
      tail: { kind: 'corrupt', reason: 'change #12 where change #11 was expected' },
    });
  });

  it('[S1] a large record is read in steps (an imported plan’s genesis): the same batches', () => {
    const genesis = {
      genesis: { nodes: Array.from({ length: 120_000 }, (_, i) => (i % 3 ? `n${i}, é` : i)) },
    };
    const file = Buffer.concat([
      encodeOpening(1, 1),
      encodeBatch(1, genesis),
      encodeBatch(2, batches[0]),
      Buffer.alloc(SLACK_BYTES),
    ]);
    const { value: result, yields } = runCounting(decodeJournalSteps(file));
    // ~1.2 MB of JSON, parsed 256 KB at a time.
    expect(yields).toBeGreaterThanOrEqual(4);
    expect(result).toEqual(decodeJournal(file));
    expect(result.batches).toEqual([genesis, batches[0]]);
    expect(result.tail).toEqual({ kind: 'clean', slack: true });
  });
});
