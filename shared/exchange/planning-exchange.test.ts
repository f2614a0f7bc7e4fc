/**
 * [PL5] [PL1] The planning fields in the data formats: read back from CSV as people write them,
 * refused with the row named when the model's schemas refuse them; the calendar in native JSON.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PLANNING_FIELDS, type NodeRecord } from '../model/types';
import { exportCsv, exportCsvCombined } from './csv-export';
import { importCsv } from './csv-import';
import { exportGraphml } from './graphml-export';
import { importGraphml } from './graphml-import';
import { exportNativeJson, importNativeJson } from './native-json';
import { printable } from './text';
import type { ExchangeGraph } from './types';
import { OWNER, importContext, link, node, sampleGraph } from './test-support/fixtures';

const NODES_HEAD = 'title,due_date,start_date,estimate,assignee';
const csv = (row: string) =>
  importCsv({ nodes: `${NODES_HEAD}\r\n${row}\r\n`, links: 'source,target\r\n' }, importContext());

describe('[PL5] planning fields in exchange formats', () => {
  it('[PL5] CSV: dates, a decimal estimate and assignees written as a list or a JSON array', () => {
    const r = csv('Ship,2026-12-24,2026-12-01,2.5,"ann, bob@example.com"');
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.nodes[0]).toMatchObject({
      due_date: '2026-12-24',
      start_date: '2026-12-01',
      estimate: 2.5,
      assignee: ['ann', 'bob@example.com'],
    });
    const empty = csv('Plain,,,,');
    if (!empty.ok) throw new Error(empty.error.message);
    expect(Object.keys(empty.value.nodes[0] ?? {})).not.toContain('due_date');
  });

  it('[PL5] CSV: a bad date, estimate or assignee list is refused naming the row and field', () => {
    for (const [row, field] of [
      ['x,2026-02-30,,,', 'due_date'],
      ['x,,24/12/2026,,', 'start_date'],
      ['x,,,-1,', 'estimate'],
      ['x,,,,"[""ann"",""ann""]"', 'assignee'],
    ] as const) {
      const r = csv(row);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('bad_request.import_invalid');
        expect(r.error.message).toContain(field);
      }
    }
  });

  it('[PL5] [PL1] native JSON carries the calendar, and refuses a broken one', () => {
    const graph = {
      ...sampleGraph(),
      calendar: { plan_start: '2026-12-07', working_days: [1, 2, 3, 4], holidays: ['2026-12-25'] },
    };
    const back = importNativeJson(exportNativeJson(graph));
    if (!back.ok) throw new Error(back.error.message);
    expect(back.value.calendar).toEqual(graph.calendar);
    expect(back.value.nodes).toEqual(graph.nodes);
    const broken = exportNativeJson({ ...graph, calendar: { working_days: [], holidays: [] } });
    const refused = importNativeJson(broken);
    expect(!refused.ok && refused.error.code).toBe('bad_request.import_invalid');
  });

  it('[PL5] arbitrary planning fields round-trip exactly through native JSON, CSV and GraphML', () => {
    const date = fc
      .integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2200, 11, 31) })
      .map((t) => new Date(t).toISOString().slice(0, 10));
    // Names as people type them: any printable text (XML cannot hold the rest), trimmed.
    const name = fc
      .string({ unit: 'binary', minLength: 1, maxLength: 30 })
      .map((t) => printable(t).trim())
      .filter((t) => t.length > 0);
    const planning = fc.record(
      {
        due_date: date,
        start_date: date,
        estimate: fc.oneof(
          fc.double({ min: 0, max: 100_000, noNaN: true }).map((x) => Math.abs(x)),
          fc.integer({ min: 0, max: 400 }).map((x) => x / 4),
        ),
        assignee: fc.uniqueArray(name, { minLength: 1, maxLength: 5 }),
      },
      { requiredKeys: [] },
    );
    const graphOf = (rows: Partial<NodeRecord>[]): ExchangeGraph => ({
      nodes: rows.map((r, i) => node(i, r)),
      links: rows.slice(1).map((_, i) => link(i, node(i).id, node(i + 1).id)),
      custom_link_types: [],
      members: [OWNER],
      owner: OWNER.id,
      grants: [],
    });
    const fields = (g: ExchangeGraph) => g.nodes.map((n) => PLANNING_FIELDS.map((f) => n[f]));
    const unwrap = <T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }) => {
      if (!r.ok) throw new Error(r.error.message);
      return r.value;
    };
    fc.assert(
      fc.property(fc.array(planning, { minLength: 1, maxLength: 6 }), (rows) => {
        const g = graphOf(rows);
        expect(unwrap(importNativeJson(exportNativeJson(g)))).toEqual(g);
        const ctx = importContext();
        expect(fields(unwrap(importCsv(exportCsv(g), ctx)))).toEqual(fields(g));
        expect(fields(unwrap(importCsv(exportCsvCombined(g), importContext())))).toEqual(fields(g));
        expect(fields(unwrap(importGraphml(exportGraphml(g), importContext())))).toEqual(fields(g));
      }),
      { numRuns: 80, seed: 15 },
    );
  });
});
