import { describe, expect, it } from 'vitest';
import { EXPORT_FORMATS, EXPORTERS } from './formats';
import { joinPieces, prettyJsonPieces } from './pieces';
import { bigGraph, sampleGraph } from './test-support/fixtures';
import { planGraph, withSchedule } from './test-support/plan-fixture';

/** Every format's graph: the plan's exports need the schedule the service adds. */
const graphFor = (format: (typeof EXPORT_FORMATS)[number]) =>
  EXPORTERS[format].schedule ? withSchedule(planGraph()) : sampleGraph();

describe('exports written in pieces', () => {
  it('[F1] every format: pieces of any size join to the same file', () => {
    for (const format of EXPORT_FORMATS) {
      const graph = graphFor(format);
      const whole = EXPORTERS[format].write(graph);
      // 1 unit: a piece after every record; 500: a few records each.
      for (const size of [1, 500]) {
        const pieces = [...EXPORTERS[format].pieces(graph, size)];
        expect(pieces.length, `${format} at ${size}`).toBeGreaterThan(2);
        expect(pieces.join(''), `${format} at ${size}`).toBe(whole);
      }
    }
  });

  it('[F1] a piece ends at a record: a 1,200-node file in pieces of ~64 KiB', () => {
    const graph = bigGraph(1_200);
    const pieces = [...EXPORTERS.graphml.pieces(graph, 1 << 16)];
    expect(pieces.length).toBeGreaterThan(10);
    for (const piece of pieces.slice(0, -1)) expect(piece).toMatch(/<\/(node|edge)>\n$/);
    expect(pieces.join('')).toBe(EXPORTERS.graphml.write(graph));
  });

  it('[F1] pretty JSON in pieces is JSON.stringify(value, null, 2), byte for byte', () => {
    const many = Array.from({ length: 1_234 }, (_, i) => ({
      i,
      text: `line\nbreak "${i}" \u{1F680}`,
      nested: { list: [i, [], {}], none: null, gone: undefined },
    }));
    const cases: Record<string, unknown>[] = [
      {},
      { only: undefined },
      { a: 1 },
      { empty: [], nothing: {}, s: 'x\ny', u: undefined, f: () => 1 },
      { many, after: [1, 2, 3], last: { deep: { deeper: ['a'] } } },
      { holes: [undefined, () => 1, 3] },
    ];
    for (const value of cases) {
      const want = JSON.stringify(value, null, 2);
      for (const size of [1, 100, Infinity]) {
        expect(joinPieces(prettyJsonPieces(value, size))).toBe(want);
      }
    }
    // A piece per slice of records (500), whatever the size asked: 1,234 records, 3 slices.
    expect([...prettyJsonPieces({ many }, 1 << 12)].length).toBeGreaterThanOrEqual(3);
  });
});
