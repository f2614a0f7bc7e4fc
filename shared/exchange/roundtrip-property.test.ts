// Property tests: any text a person can type survives export → import in every format that
// carries it (after the documented clean-up for XML: control characters and lone
// surrogates, which XML cannot hold, are dropped; tags travel as JSON text, so exactly).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exportCanvas } from './canvas-export';
import { importCanvas } from './canvas-import';
import { exportCsv, exportCsvCombined } from './csv-export';
import { importCsv } from './csv-import';
import { exportGraphml } from './graphml-export';
import { importGraphml } from './graphml-import';
import { exportNativeJson, importNativeJson } from './native-json';
import { printable } from './text';
import type { ExchangeGraph } from './types';
import { OWNER, importContext, link, node } from './test-support/fixtures';

const text = (maxLength: number) => fc.string({ unit: 'binary', maxLength });
const graphOf = (
  rows: { title: string; description: string; tags: string[] }[],
): ExchangeGraph => ({
  nodes: rows.map((r, i) => node(i, r)),
  links: rows.slice(1).map((_, i) => link(i, node(i).id, node(i + 1).id)),
  custom_link_types: [],
  members: [OWNER],
  owner: OWNER.id,
  grants: [],
});
const rows = fc.array(
  fc.record({
    title: text(80),
    description: text(400),
    tags: fc.array(
      text(50).filter((t) => t.trim() !== ''),
      { maxLength: 4 },
    ),
  }),
  { minLength: 1, maxLength: 8 },
);
const fields = (g: ExchangeGraph) => g.nodes.map((n) => [n.id, n.title, n.description, n.tags]);
const unwrap = <T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

describe('[F1] round trips hold for arbitrary text', () => {
  it('[F1] native JSON: exact', () => {
    fc.assert(
      fc.property(rows, (r) => {
        const g = graphOf(r);
        expect(unwrap(importNativeJson(exportNativeJson(g)))).toEqual(g);
      }),
      { numRuns: 60, seed: 1 },
    );
  });

  it('[F1] CSV (both shapes): exact, formula guard included', () => {
    fc.assert(
      fc.property(rows, (r) => {
        const g = graphOf(r);
        expect(fields(unwrap(importCsv(exportCsv(g), importContext())))).toEqual(fields(g));
        expect(fields(unwrap(importCsv(exportCsvCombined(g), importContext())))).toEqual(fields(g));
      }),
      { numRuns: 60, seed: 2 },
    );
  });

  it('[F1] GraphML: exact up to characters XML cannot hold', () => {
    fc.assert(
      fc.property(rows, (r) => {
        const g = graphOf(r);
        const back = unwrap(importGraphml(exportGraphml(g), importContext()));
        expect(fields(back)).toEqual(
          g.nodes.map((n) => [n.id, printable(n.title), printable(n.description), n.tags]),
        );
      }),
      { numRuns: 60, seed: 3 },
    );
  });

  it('[F1] Canvas: descriptions exact, titles on one line and trimmed', () => {
    fc.assert(
      fc.property(rows, (r) => {
        const g = graphOf(r);
        const back = unwrap(importCanvas(exportCanvas(g), importContext()));
        expect(back.nodes.map((n) => [n.id, n.title, n.description])).toEqual(
          g.nodes.map((n) => [
            n.id,
            printable(n.title)
              .replace(/[\r\n]+/g, ' ')
              .replace(/^#{1,6}[ \t]+/, '')
              .trim(),
            printable(n.description).replace(/\r\n?/g, '\n'),
          ]),
        );
      }),
      { numRuns: 60, seed: 4 },
    );
  });
});
