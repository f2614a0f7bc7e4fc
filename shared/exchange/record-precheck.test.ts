// [F1] [E1] The record pre-check (record-precheck.ts: the zod schemas rendered as JSON Schema,
// compiled by Ajv) never says yes where the model's zod schemas would refuse a record or
// change it; on real records it says yes (the fast path).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LinkRecordSchema, NodeRecordSchema } from '../model/schemas';
import { graphRecordsPass, linkPasses, nodePasses } from './record-precheck';
import { bigGraph, sampleGraph } from './test-support/fixtures';

const sample = sampleGraph();
const NODES = [...sample.nodes, ...bigGraph(20).nodes];
const LINKS = [...sample.links, ...bigGraph(20).links];

/** Values a field may be set to: right and wrong types, edges of every limit. */
const VALUES: unknown[] = [
  undefined,
  null,
  '',
  ' ',
  'x',
  'x'.repeat(40),
  'x'.repeat(41),
  'x'.repeat(50),
  'x'.repeat(51),
  'x'.repeat(80),
  'x'.repeat(81),
  'x'.repeat(400),
  'x'.repeat(401),
  '00000000-0000-4000-8000-000000000001',
  '00000000-0000-4000-8000-00000000000G',
  'AAAAAAAA-0000-4000-8000-000000000001',
  '2026-01-02T03:04:05Z',
  '2026-01-02T03:04:05.123+02:00',
  '2026-02-30T03:04:05Z',
  '2026-01-02 03:04:05Z',
  '2026-01-02T03:04:05',
  '2026-12-31',
  '2026-02-30',
  'task',
  'feature',
  'nope',
  'is_parent_of',
  'custom_link',
  0,
  1,
  2,
  3,
  4,
  9,
  10,
  -1,
  -0,
  0.5,
  1e21,
  2 ** 53,
  NaN,
  Infinity,
  true,
  false,
  [],
  ['a'],
  ['a', 'a'],
  [' a'],
  ['x'.repeat(51)],
  Array.from({ length: 33 }, (_, i) => `t${i}`),
  [1],
  {},
  { x: 1, y: 2 },
  { x: 1, y: 2, z: 3 },
  { x: NaN, y: 2 },
  { x: '1', y: 2 },
];
const NODE_FIELDS = [...Object.keys(NodeRecordSchema.shape), 'extra'];
const LINK_FIELDS = [...Object.keys(LinkRecordSchema.shape), 'extra'];

function mutated<T extends object>(base: T, edits: [string, number][]): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [field, i] of edits) {
    const value = VALUES[i % VALUES.length];
    if (value === undefined && i % 2 === 0) delete copy[field];
    else copy[field] = value;
  }
  return copy;
}

describe('[E1] the record pre-check agrees with the schemas', () => {
  it('[F1] says yes to every real node and link (exports, planning fields, custom links)', () => {
    for (const n of NODES) expect(nodePasses(n)).toBe(true);
    for (const l of LINKS) expect(linkPasses(l)).toBe(true);
    expect(graphRecordsPass(sample)).toBe(true);
  });

  it('[E1] a yes only where zod accepts the record and gives it back unchanged (nodes)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...NODES),
        fc.array(fc.tuple(fc.constantFrom(...NODE_FIELDS), fc.nat()), {
          minLength: 1,
          maxLength: 3,
        }),
        (base, edits) => {
          const record = mutated(base, edits);
          const zod = NodeRecordSchema.safeParse(record);
          if (nodePasses(record)) {
            expect(zod.success).toBe(true);
            expect(zod.data).toEqual(record);
          }
        },
      ),
      { numRuns: 4000 },
    );
  });

  it('[E1] a yes only where zod accepts the record and gives it back unchanged (links)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...LINKS),
        fc.array(fc.tuple(fc.constantFrom(...LINK_FIELDS), fc.nat()), {
          minLength: 1,
          maxLength: 3,
        }),
        (base, edits) => {
          const record = mutated(base, edits);
          const zod = LinkRecordSchema.safeParse(record);
          if (linkPasses(record)) {
            expect(zod.success).toBe(true);
            expect(zod.data).toEqual(record);
          }
        },
      ),
      { numRuns: 4000 },
    );
  });

  it('[E1] what the JSON Schema cannot say is still a no: stripped keys, refinements, trims, NaN', () => {
    const node = NODES[0]!;
    expect(nodePasses({ ...node, position: { x: 1, y: 2, z: 3 } })).toBe(false); // zod strips z
    expect(nodePasses({ ...node, due_date: '2026-02-30' })).toBe(false); // refine: no such date
    expect(nodePasses({ ...node, start_date: '2026-02-30' })).toBe(false); // the same schema
    expect(nodePasses({ ...node, assignee: [' ann'] })).toBe(false); // zod would trim it
    expect(nodePasses({ ...node, assignee: ['ann', 'ann'] })).toBe(false); // refine: twice
    expect(nodePasses({ ...node, position: { x: NaN, y: 0 } })).toBe(false);
    expect(nodePasses({ ...node, due_date: '2026-02-28', assignee: ['ann'] })).toBe(true);
  });

  it('[E1] a graph with one record the schemas refuse is not passed as trusted', () => {
    const bad = sampleGraph();
    bad.nodes[3] = { ...bad.nodes[3]!, title: 'x'.repeat(81) };
    expect(graphRecordsPass(bad)).toBe(false);
    const badLink = sampleGraph();
    badLink.links[0] = { ...badLink.links[0]!, created_time: 'yesterday' };
    expect(graphRecordsPass(badLink)).toBe(false);
  });
});
