import { describe, expect, it } from 'vitest';
import {
  decodeGraph,
  decodeGraphSteps,
  decodeRecords,
  encodeRecords,
  encodeRecordSteps,
  idIndexSteps,
  idsOf,
} from './graph-columns';
import { runCounting } from '../engine/test-support/run-steps';

const rows = Array.from({ length: 40 }, (_, r) => ({
  id: `n${r}`,
  status: r % 3,
  position: { x: r * 10, y: 0 },
  tags: r % 2 ? ['a'] : [],
  // An optional field too varied for a dictionary, absent on some records.
  ...(r % 5 ? { estimate: r * 1.5 } : {}),
  // An optional field with few values.
  ...(r % 4 ? {} : { due_date: '2026-12-01' }),
  // Varied, and missing only on the last record (the dictionary was already given up).
  ...(r < 39 ? { note: `note ${r}` } : {}),
}));

describe('graph columns (graph.columns)', () => {
  it('[A4] round-trips records with optional, repeated, varied and object fields, in field order', () => {
    const encoded = encodeRecords(rows);
    expect(Object.keys(encoded.columns)).toEqual([
      'id',
      'status',
      'position',
      'tags',
      'due_date',
      'note',
      'estimate',
    ]);
    expect('v' in encoded.columns.id!).toBe(true);
    expect(encoded.columns.status).toEqual({ d: [0, 1, 2], i: rows.map((r) => r.status) });
    const back = decodeRecords<(typeof rows)[number]>(JSON.parse(JSON.stringify(encoded)));
    expect(back).toEqual(rows);
    expect(back.filter((r) => 'estimate' in r).length).toBe(32);
    expect(back.filter((r) => 'note' in r).length).toBe(39);
    // Dictionary objects are copies: changing one record's tags leaves the others alone.
    back[1]!.tags.push('b');
    expect(back[3]!.tags).toEqual(['a']);
  });

  it('[A4] encodes in steps, one per column, the same columns as at once', () => {
    const records = [
      { id: 'a', title: 'A', status: 0 },
      { id: 'b', title: 'B', status: 0, tags: ['x'] },
    ];
    const { value: result, yields } = runCounting(encodeRecordSteps(records));
    expect(yields).toBe(4);
    expect(result).toEqual(encodeRecords(records));
    expect(decodeRecords(result)).toEqual(records);
  });

  it('[A4] a long column is encoded a part at a time (16,384 records a step), runs and ends across the parts', () => {
    const nodes = Array.from({ length: 40_000 }, (_, r) => ({ id: `n${r}` }));
    const links = Array.from({ length: 40_000 }, (_, r) => ({
      id: `l${r}`,
      // Long runs of one end that cross the parts' edges (16,384), and a dictionary whose
      // run-length form is decided over all of them.
      source: `n${Math.floor(r / 7_000)}`,
      target: `n${r}`,
      owner: r < 20_000 ? 'me' : 'you',
      ...(r % 3 ? { tags: r % 2 ? ['a'] : [] } : {}),
    }));
    const index = new Map(nodes.map((n, i) => [n.id, i]));
    const { value: result, yields } = runCounting(
      encodeRecordSteps(links, { keys: ['source', 'target'], index }),
    );
    // A yield before each of the five columns, and between the three parts of each but the
    // ids (plain values, copied at once).
    expect(yields).toBe(5 + 4 * 2);
    const encoded = JSON.parse(JSON.stringify(result)) as typeof result;
    expect(encoded.columns.source).toEqual({ n: links.map((l) => index.get(l.source)) });
    expect(encoded.columns.owner).toEqual({ d: ['me', 'you'], r: [0, 20_000, 1, 20_000] });
    const ids = nodes.map((n) => n.id);
    expect(decodeRecords(encoded, { ids })).toEqual(links);
  });

  it('[A4] link ends point into the node ids, or stay strings when one is not there', () => {
    const nodes = encodeRecords(rows);
    const index = new Map(rows.map((r, i) => [r.id, i]));
    const links = [
      { id: 'l1', source: 'n3', target: 'n7' },
      { id: 'l2', source: 'n7', target: 'n39' },
    ];
    const encoded = encodeRecords(links, { keys: ['source', 'target'], index });
    expect(encoded.columns.source).toEqual({ n: [3, 7] });
    expect(decodeRecords(encoded, { ids: idsOf(nodes) })).toEqual(links);
    const stray = encodeRecords([{ id: 'l3', source: 'gone', target: 'n1' }], {
      keys: ['source', 'target'],
      index,
    });
    expect(decodeRecords(stray, { ids: idsOf(nodes) })).toEqual([
      { id: 'l3', source: 'gone', target: 'n1' },
    ]);
  });

  it('[A4] decodes a graph in two steps (its nodes, then its links), the same view as at once', () => {
    const index = new Map(rows.map((r, i) => [r.id, i]));
    const links = [{ id: 'l1', source: 'n3', target: 'n7' }];
    const columns = {
      workspace: { id: 'w1', name: 'Plan' },
      member: 'me',
      nodes: encodeRecords(rows),
      links: encodeRecords(links, { keys: ['source', 'target'], index }),
    } as unknown as Parameters<typeof decodeGraph>[0];
    const stepped = runCounting(decodeGraphSteps(columns));
    expect(stepped.yields).toBe(1);
    expect(stepped.value).toEqual(decodeGraph(columns));
    expect(stepped.value).toEqual({
      workspace: columns.workspace,
      member: 'me',
      nodes: rows,
      links,
    });
  });

  it('[A4] run-length codes long runs (one owner, one import time), absent runs included', () => {
    const plan = Array.from({ length: 400 }, (_, r) => ({
      id: `n${r}`,
      owner: 'me',
      version: r < 300 ? 1 : 2,
      // Present, absent, present again with the same value: three runs, not two.
      ...(r >= 100 && r < 200 ? {} : { due: '2026-12-01' }),
      tags: [] as string[],
    }));
    const encoded = encodeRecords(plan);
    expect(encoded.columns.owner).toEqual({ d: ['me'], r: [0, 400] });
    expect(encoded.columns.version).toEqual({ d: [1, 2], r: [0, 300, 1, 100] });
    expect(encoded.columns.due).toEqual({ d: ['2026-12-01'], r: [0, 100, -1, 100, 0, 200] });
    expect(encoded.columns.tags).toEqual({ d: [[]], r: [0, 400] });
    const back = decodeRecords<(typeof plan)[number]>(JSON.parse(JSON.stringify(encoded)));
    expect(back).toEqual(plan);
    expect(back.map((r) => Object.keys(r))).toEqual(plan.map((r) => Object.keys(r)));
    back[0]!.tags.push('x');
    expect(back[1]!.tags).toEqual([]);
    expect(idsOf(encodeRecords([{ id: 'a' }, { id: 'a' }, { id: 'a' }, { id: 'a' }]))).toEqual([
      'a',
      'a',
      'a',
      'a',
    ]);
  });

  it('[A4] one value for every record (null, false, 0, a string, an object) decodes into every shape', () => {
    const plan = Array.from({ length: 300 }, (_, r) => ({
      id: `n${r}`,
      parent: null,
      done: false,
      estimate: 0,
      owner: 'me',
      place: { x: 1, y: 2 },
      // Optional, so records come in two shapes (two templates).
      ...(r % 3 ? { due: `2026-12-${(r % 28) + 1}` } : {}),
    }));
    const encoded = encodeRecords(plan);
    for (const key of ['parent', 'done', 'estimate', 'owner', 'place'])
      expect(encoded.columns[key]).toMatchObject({ r: [0, 300] });
    const back = decodeRecords<(typeof plan)[number]>(JSON.parse(JSON.stringify(encoded)));
    expect(back).toEqual(plan);
    expect(back.map((r) => Object.keys(r))).toEqual(plan.map((r) => Object.keys(r)));
    // The templates are not the records: a record changed in place changes no other.
    back[0]!.owner = 'you';
    back[0]!.place.x = 9;
    expect(back[3]!.owner).toBe('me');
    expect(back[1]!.owner).toBe('me');
    expect(back[1]!.place).toEqual({ x: 1, y: 2 });
    expect(decodeRecords(JSON.parse(JSON.stringify(encoded)))[0]).toEqual(plan[0]);
  });
});

describe('ids indexed in steps (graph.columns)', () => {
  it('[A4] gives each record its position, a yield every 10,000 records', () => {
    const records = Array.from({ length: 25_000 }, (_, i) => ({ id: `n${i}` }));
    const { value: result, yields } = runCounting(idIndexSteps(records));
    expect(yields).toBe(2);
    expect(result.size).toBe(25_000);
    expect(result.get('n0')).toBe(0);
    expect(result.get('n24999')).toBe(24_999);
  });
});
