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

/** A dictionary pays off when at most this share of the (sampled) records hold distinct values. */
const DICT_SHARE = 0.5;

type Rec = Record<string, unknown>;

export function encodeRecords(records: readonly object[], refs?: ColumnRefs): RecordColumns {
  const rows = records as readonly Rec[];
  const count = rows.length;
  // Field names in first-seen order: a record's own order, then optional fields as met.
  const keys: string[] = [];
  const seen = new Set<string>();
  // Records mostly share one shape: a record with the previous one's keys adds nothing.
  let last: string[] = [];
  for (const row of rows) {
    const own = Object.keys(row);
    if (own.length === last.length && own.every((k, n) => k === last[n])) continue;
    last = own;
    for (const key of own) {
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
  // Decided on a sample, so a field of distinct values (ids, titles, positions) never builds
  // a dictionary it would throw away.
  const sample = Math.min(rows.length, SAMPLE);
  const distinct = new Set<unknown>();
  for (let r = 0; r < sample; r++) distinct.add(dictKey(rows[r]![key]));
  if (distinct.size > Math.max(8, sample * DICT_SHARE)) {
    const v = new Array<unknown>(rows.length);
    for (let r = 0; r < rows.length; r++) {
      const value = rows[r]![key];
      // Missing on some record: only a dictionary says "absent" (−1).
      if (value === undefined) return dictColumn(rows, key);
      v[r] = value;
    }
    return { v };
  }
  return dictColumn(rows, key);
}

const SAMPLE = 1024;

/** Primitives are their own dictionary keys; objects and arrays are keyed by their JSON. */
const dictKey = (value: unknown): unknown =>
  typeof value === 'object' && value !== null ? `\u0000${JSON.stringify(value)}` : value;

function dictColumn(rows: readonly Rec[], key: string): Column {
  const at = new Map<unknown, number>();
  const d: unknown[] = [];
  const i = new Array<number>(rows.length);
  let lastValue: unknown = undefined;
  let lastN = -1;
  for (let r = 0; r < rows.length; r++) {
    const value = rows[r]![key];
    if (value === undefined) {
      i[r] = -1;
      continue;
    }
    // Runs of one value (one owner, one import time) skip the lookup.
    if (value === lastValue) {
      i[r] = lastN;
      continue;
    }
    const k = dictKey(value);
    let n = at.get(k);
    if (n === undefined) {
      n = d.length;
      at.set(k, n);
      d.push(value);
    }
    i[r] = n;
    lastValue = value;
    lastN = n;
  }
  return { d, i };
}

export function decodeRecords<T>(encoded: RecordColumns, refs?: { ids: readonly string[] }): T[] {
  const { count, columns } = encoded;
  const names = Object.keys(columns);
  const cols = names.map((name) => columns[name]!);
  // Records are cloned from a template with every field they hold, in order (one hidden
  // class per shape, fields then overwritten in place): several times faster than adding
  // 15 fields one by one under names the engine cannot predict. A shape is which optional
  // fields (columns with −1s) a record has.
  const optional = cols.flatMap((col, c) => ('i' in col && col.i.includes(-1) ? [c] : []));
  const templates = new Map<number, Rec>();
  const templateFor = (mask: number): Rec => {
    let t = templates.get(mask);
    if (!t) {
      t = {};
      for (let c = 0; c < cols.length; c++) {
        const o = optional.indexOf(c);
        if (o < 0 || mask & (1 << o)) t[names[c]!] = null;
      }
      templates.set(mask, t);
    }
    return t;
  };
  const out = new Array<T>(count);
  for (let r = 0; r < count; r++) {
    let mask = 0;
    for (let o = 0; o < optional.length && o < 31; o++) {
      if ((cols[optional[o]!] as { i: number[] }).i[r]! >= 0) mask |= 1 << o;
    }
    const rec: Rec = { ...templateFor(mask) };
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
