/**
 * The columnar form of a member's graph (`graph.columns`, docs/canvas-performance.md "First
 * frame"): the same records `graph.get` answers, field by field instead of object by object,
 * so a 100,000-node plan travels as ~30 MB of flat arrays instead of ~117 MB of objects, and
 * serialises and parses several times faster. Lossless: `decodeRecords(encodeRecords(x))`
 * gives records deep-equal to `x`, fields in the same order (a test checks it).
 *
 * A column is one of:
 * - `{ v }`: every record's value, in record order (all records have the field);
 * - `{ d, i }`: a dictionary of distinct values and each record's index into it, −1 where the
 *   record has no such field (statuses, owners, kinds, timestamps of an import…);
 * - `{ n }`: each record's index into another record list's `id` column (a link's ends).
 */

import type { LinkRecord, NodeRecord } from '../model/types';
import type { GraphColumns, GraphView } from './methods';

export type Column = { v: unknown[] } | { d: unknown[]; i: number[] } | { n: number[] };

export interface RecordColumns {
  count: number;
  /** Field name → column, in the records' field order. */
  columns: Record<string, Column>;
}

/** Fields whose values are ids of records in `refs` (by position) become `{ n }` columns. */
export interface ColumnRefs {
  keys: readonly string[];
  index: ReadonlyMap<string, number>;
}

/** A dictionary pays off when at most this share of the records hold distinct values. */
const DICT_SHARE = 0.5;

type Rec = Record<string, unknown>;

export function encodeRecords(records: readonly object[], refs?: ColumnRefs): RecordColumns {
  const rows = records as readonly Rec[];
  const count = rows.length;
  // Field names in first-seen order: a record's own order, then optional fields as met.
  const keys: string[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    for (const key in row) {
      if (!seen.has(key)) {
        seen.add(key);
        keys.push(key);
      }
    }
  }
  const columns: Record<string, Column> = {};
  for (const key of keys) {
    columns[key] =
      (refs?.keys.includes(key) && refColumn(rows, key, refs.index)) || column(rows, key);
  }
  return { count, columns };
}

function refColumn(rows: readonly Rec[], key: string, index: ReadonlyMap<string, number>) {
  const n = new Array<number>(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const at = index.get(rows[r]![key] as string);
    if (at === undefined) return null;
    n[r] = at;
  }
  return { n };
}

function column(rows: readonly Rec[], key: string): Column {
  const count = rows.length;
  const limit = Math.max(8, count * DICT_SHARE);
  const values = new Array<unknown>(count);
  let complete = true;
  // Primitives are their own dictionary keys; objects and arrays are keyed by their JSON.
  const prims = new Map<unknown, number>();
  const objects = new Map<string, number>();
  const d: unknown[] = [];
  const i = new Array<number>(count);
  let dict = true;
  for (let r = 0; r < count; r++) {
    const row = rows[r]!;
    const value = row[key];
    if (value === undefined || !Object.hasOwn(row, key)) {
      complete = false;
      i[r] = -1;
      continue;
    }
    values[r] = value;
    if (!dict) continue;
    const isObject = typeof value === 'object' && value !== null;
    const map: Map<unknown, number> = isObject ? objects : prims;
    const k = isObject ? JSON.stringify(value) : value;
    let at = map.get(k);
    if (at === undefined) {
      at = d.length;
      map.set(k, at);
      d.push(value);
      if (d.length > limit && complete) dict = false;
    }
    i[r] = at;
  }
  if (complete && !dict) return { v: values };
  if (dict) return { d, i };
  // Missing somewhere and too varied for a dictionary so far: finish the dictionary anyway
  // (−1 marks the records without the field).
  return { d: values.filter((_, r) => i[r] !== -1), i: indexOfPresent(rows, key) };
}

/** Each record's position among the records that have `key` (−1 where it is absent). */
function indexOfPresent(rows: readonly Rec[], key: string): number[] {
  let next = 0;
  return rows.map((row) => (row[key] === undefined || !Object.hasOwn(row, key) ? -1 : next++));
}

export function decodeRecords<T>(encoded: RecordColumns, refs?: { ids: readonly string[] }): T[] {
  const { count, columns } = encoded;
  const names = Object.keys(columns);
  const cols = names.map((name) => columns[name]!);
  const out = new Array<T>(count);
  for (let r = 0; r < count; r++) {
    const rec: Rec = {};
    for (let c = 0; c < cols.length; c++) {
      const col = cols[c]!;
      if ('v' in col) rec[names[c]!] = col.v[r];
      else if ('n' in col) rec[names[c]!] = refs?.ids[col.n[r]!];
      else {
        const at = col.i[r]!;
        // A dictionary's object values are shared by the records that hold them: copy, so a
        // record changed in place never changes another.
        if (at >= 0) rec[names[c]!] = copy(col.d[at]);
      }
    }
    out[r] = rec as T;
  }
  return out;
}

const copy = (value: unknown): unknown =>
  typeof value !== 'object' || value === null
    ? value
    : Array.isArray(value)
      ? value.map(copy)
      : Object.fromEntries(Object.entries(value).map(([k, v]) => [k, copy(v)]));

/** The id column of an encoded record list (what `{ n }` columns point into). */
export function idsOf(encoded: RecordColumns): string[] {
  const col = encoded.columns.id;
  if (!col) return [];
  if ('v' in col) return col.v as string[];
  if ('d' in col) return col.i.map((at) => col.d[at] as string);
  return [];
}

/** `graph.columns`' answer as the `graph.get` answer it stands for. */
export function decodeGraph(columns: GraphColumns): GraphView {
  return {
    workspace: columns.workspace,
    member: columns.member,
    nodes: decodeRecords<NodeRecord>(columns.nodes),
    links: decodeRecords<LinkRecord>(columns.links, { ids: idsOf(columns.nodes) }),
  };
}
