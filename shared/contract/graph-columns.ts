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
 * - `{ d, r }`: the same, the indexes run-length coded as `[index, run length, …]` — chosen
 *   when the column is mostly long runs (a plan imported at once: one owner, one time, one
 *   version), so 150,000 zeros travel as two numbers;
 * - `{ n }`: each record's index into another record list's `id` column (a link's ends).
 */

import type { LinkRecord, NodeRecord } from '../model/types';
import type { GraphColumns, GraphView } from './methods';
import { drain, type Steps } from '../engine/steps';

export type Column =
  | { v: unknown[] }
  | { d: unknown[]; i: number[] }
  | { d: unknown[]; r: number[] }
  | { n: number[] };

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
  return drain(encodeRecordSteps(records, refs));
}

/**
 * `encodeRecords` in steps (shared/engine/steps.ts), a yield after each column (tens of
 * milliseconds each at 100,000 records), so the service answers others in between. The records
 * are never changed in place (a change replaces a record), so the columns are of one moment.
 */
export function* encodeRecordSteps(
  records: readonly object[],
  refs?: ColumnRefs,
): Steps<RecordColumns> {
  const rows = records as readonly Rec[];
  const count = rows.length;
  // Field names in first-seen order: a record's own order, then optional fields as met.
  const keys: string[] = [];
  const seen = new Set<string>();
  // Records mostly share one shape: a record with the previous one's keys adds nothing
  // (compared without building a key array per record).
  let last: string[] = [];
  for (const row of rows) {
    if (sameKeys(row, last)) continue;
    last = Object.keys(row);
    for (const key of last) {
      if (!seen.has(key)) {
        seen.add(key);
        keys.push(key);
      }
    }
  }
  const columns: Record<string, Column> = {};
  for (const key of keys) {
    yield;
    const ref = refs?.keys.includes(key) ? yield* refColumnSteps(rows, key, refs.index) : null;
    columns[key] = ref ?? (yield* columnSteps(rows, key));
  }
  return { count, columns };
}

/**
 * Records a column is encoded for between two yields. One column of 150,000 links was one
 * step of 40–110 ms (a dictionary's look-ups, a link end's), and the server answered nothing
 * else meanwhile; the loops themselves stay plain functions (a generator's loop is slower).
 */
const ROWS_PER_STEP = 16_384;

function sameKeys(row: Rec, keys: readonly string[]): boolean {
  let n = 0;
  for (const key in row) {
    if (keys[n] !== key) return false;
    n++;
  }
  return n === keys.length;
}

/** A `{ n }` column, or null when a record's value is not an id of `index`. */
function* refColumnSteps(
  rows: readonly Rec[],
  key: string,
  index: ReadonlyMap<string, number>,
): Steps<Column | null> {
  const n = new Array<number>(rows.length);
  const last: LastRef = { id: undefined, at: -1 };
  for (let from = 0; from < rows.length; from += ROWS_PER_STEP) {
    if (from > 0) yield;
    const to = Math.min(rows.length, from + ROWS_PER_STEP);
    if (!refRows(rows, key, index, n, last, from, to)) return null;
  }
  return { n };
}

interface LastRef {
  id: unknown;
  at: number;
}

function refRows(
  rows: readonly Rec[],
  key: string,
  index: ReadonlyMap<string, number>,
  n: number[],
  last: LastRef,
  from: number,
  to: number,
): boolean {
  // Links come grouped by an end more often than not: the same id again skips the lookup.
  let lastId = last.id;
  let lastAt = last.at;
  for (let r = from; r < to; r++) {
    const id = rows[r]![key];
    if (id !== lastId) {
      const at = index.get(id as string);
      if (at === undefined) return false;
      lastId = id;
      lastAt = at;
    }
    n[r] = lastAt;
  }
  last.id = lastId;
  last.at = lastAt;
  return true;
}

function* columnSteps(rows: readonly Rec[], key: string): Steps<Column> {
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
      if (value === undefined) return yield* dictColumnSteps(rows, key);
      v[r] = value;
    }
    return { v };
  }
  return yield* dictColumnSteps(rows, key);
}

const SAMPLE = 1024;

/** Primitives are their own dictionary keys; objects and arrays are keyed by their JSON. */
const dictKey = (value: unknown): unknown =>
  typeof value !== 'object' || value === null
    ? value
    : Array.isArray(value) && value.length === 0
      ? EMPTY_LIST_KEY
      : `\u0000${JSON.stringify(value)}`;
const EMPTY_LIST_KEY = '\u0000[]';

/** Run-length coding pays off when a column has at most this many runs per record. */
const RUN_SHARE = 0.25;

function* dictColumnSteps(rows: readonly Rec[], key: string): Steps<Column> {
  // One value on every record (one owner, one import time, one version): checked first, as it
  // is the most common column of a plan imported at once and needs no index per record.
  const only = rows.length > 0 ? rows[0]![key] : undefined;
  let same = 1;
  while (same < rows.length && rows[same]![key] === only) same++;
  if (rows.length > 0 && same === rows.length)
    return only === undefined ? { d: [], r: [-1, same] } : { d: [only], r: [0, same] };
  const dict: Dict = {
    at: new Map(),
    d: [],
    i: new Array<number>(rows.length),
    lastValue: undefined,
    lastN: -1,
    runs: 0,
  };
  for (let from = 0; from < rows.length; from += ROWS_PER_STEP) {
    if (from > 0) yield;
    dictRows(rows, key, dict, from, Math.min(rows.length, from + ROWS_PER_STEP));
  }
  const { d, i, runs } = dict;
  return runs <= rows.length * RUN_SHARE ? { d, r: runLengths(i, runs) } : { d, i };
}

/** A dictionary column being made: its values, each record's index, and the runs so far. */
interface Dict {
  at: Map<unknown, number>;
  d: unknown[];
  i: number[];
  lastValue: unknown;
  lastN: number;
  runs: number;
}

function dictRows(rows: readonly Rec[], key: string, dict: Dict, from: number, to: number): void {
  const { at, d, i } = dict;
  let { lastValue, lastN, runs } = dict;
  for (let r = from; r < to; r++) {
    const value = rows[r]![key];
    let n: number | undefined;
    if (value === undefined) n = -1;
    // Runs of one value (one owner, one import time) skip the lookup.
    else if (value === lastValue) n = lastN;
    else {
      const k = dictKey(value);
      n = at.get(k);
      if (n === undefined) {
        n = d.length;
        at.set(k, n);
        d.push(value);
      }
      lastValue = value;
      lastN = n;
    }
    if (r === 0 || i[r - 1] !== n) runs++;
    i[r] = n;
  }
  dict.lastValue = lastValue;
  dict.lastN = lastN;
  dict.runs = runs;
}

function runLengths(i: readonly number[], runs: number): number[] {
  const r = new Array<number>(runs * 2);
  let at = 0;
  for (let k = 0; k < i.length;) {
    const value = i[k]!;
    let end = k + 1;
    while (end < i.length && i[end] === value) end++;
    r[at++] = value;
    r[at++] = end - k;
    k = end;
  }
  return r;
}

/** A dictionary column's indexes, one per record (run-length coded ones expanded). */
function indexesOf(col: { d: unknown[] } & ({ i: number[] } | { r: number[] })): ArrayLike<number> {
  if ('i' in col) return col.i;
  const out = new Int32Array(col.r.reduce((sum, n, k) => (k % 2 ? sum + n : sum), 0));
  let at = 0;
  for (let k = 0; k < col.r.length; k += 2) {
    out.fill(col.r[k]!, at, at + col.r[k + 1]!);
    at += col.r[k + 1]!;
  }
  return out;
}

export function decodeRecords<T>(encoded: RecordColumns, refs?: { ids: readonly string[] }): T[] {
  const { count, columns } = encoded;
  const names = Object.keys(columns);
  // A column of one primitive value for every record (one owner, one import time, one
  // version: a single run) is written into the templates, not record by record, and never
  // expanded to one index per record.
  const constant = names.map((name) => constantOf(columns[name]!));
  // Each other column read once into a plain form: its values, or its dictionary and one index
  // per record (run-length coded ones expanded), or its references.
  const values: (readonly unknown[] | null)[] = [];
  const dicts: (readonly unknown[] | null)[] = [];
  const indexes: (ArrayLike<number> | null)[] = [];
  for (let c = 0; c < names.length; c++) {
    const col = columns[names[c]!]!;
    values.push('v' in col ? col.v : null);
    dicts.push('d' in col ? col.d : null);
    indexes.push(constant[c] ? null : 'n' in col ? col.n : 'd' in col ? indexesOf(col) : null);
  }
  const isRef = names.map((name) => 'n' in columns[name]!);
  const ids = refs?.ids ?? [];
  // Records are cloned from a template with every field they hold, in order (one hidden
  // class per shape, fields then overwritten in place): several times faster than adding
  // 15 fields one by one under names the engine cannot predict. A shape is which optional
  // fields (columns with −1s) a record has.
  const optional: number[] = [];
  for (let c = 0; c < names.length; c++) {
    const col = columns[names[c]!]!;
    if (constant[c] || !('d' in col)) continue;
    if (hasAbsent(col)) optional.push(c);
  }
  const templates = new Map<number, Rec>();
  const templateFor = (mask: number): Rec => {
    let t = templates.get(mask);
    if (!t) {
      t = {};
      for (let c = 0; c < names.length; c++) {
        const o = optional.indexOf(c);
        if (o < 0 || mask & (1 << o)) t[names[c]!] = constant[c]?.value ?? null;
      }
      templates.set(mask, t);
    }
    return t;
  };
  // The columns written per record, by kind: plain values, link ends, dictionaries of
  // primitives, dictionaries holding an object or a list (copied per record).
  const plain: number[] = [];
  const refs_: number[] = [];
  const dict: number[] = [];
  const objectDict: number[] = [];
  for (let c = 0; c < names.length; c++) {
    if (constant[c]) continue;
    if (values[c]) plain.push(c);
    else if (isRef[c]) refs_.push(c);
    else (dicts[c]!.some((v) => typeof v === 'object' && v !== null) ? objectDict : dict).push(c);
  }
  const out = new Array<T>(count);
  let lastMask = -1;
  let template: Rec = {};
  for (let r = 0; r < count; r++) {
    let mask = 0;
    for (let o = 0; o < optional.length && o < 31; o++) {
      if (indexes[optional[o]!]![r]! >= 0) mask |= 1 << o;
    }
    // Records mostly share a shape: the previous one's template again skips the lookup.
    if (mask !== lastMask) {
      template = templateFor(mask);
      lastMask = mask;
    }
    const rec: Rec = { ...template };
    for (const c of plain) rec[names[c]!] = values[c]![r];
    for (const c of refs_) rec[names[c]!] = ids[indexes[c]![r]!];
    for (const c of dict) {
      const at = indexes[c]![r]!;
      if (at >= 0) rec[names[c]!] = dicts[c]![at];
    }
    for (const c of objectDict) {
      const at = indexes[c]![r]!;
      // A dictionary's object values are shared by the records that hold them: copy, so a
      // record changed in place never changes another.
      if (at >= 0) rec[names[c]!] = copy(dicts[c]![at]);
    }
    out[r] = rec as T;
  }
  return out;
}

/** Whether a dictionary column has a record without the field (an index of −1). */
function hasAbsent(col: { d: unknown[] } & ({ i: number[] } | { r: number[] })): boolean {
  if ('r' in col) {
    for (let k = 0; k < col.r.length; k += 2) if (col.r[k]! < 0) return true;
    return false;
  }
  for (let r = 0; r < col.i.length; r++) if (col.i[r]! < 0) return true;
  return false;
}

/** The value of a column that is one run of one primitive value (present), if it is. */
function constantOf(col: Column): { value: unknown } | null {
  if (!('r' in col) || col.r.length !== 2 || col.r[0]! < 0) return null;
  const value = col.d[col.r[0]!];
  return typeof value === 'object' && value !== null ? null : { value };
}

const copy = (value: unknown): unknown =>
  typeof value !== 'object' || value === null
    ? value
    : Array.isArray(value)
      ? value.map(copy)
      : Object.fromEntries(Object.entries(value).map(([k, v]) => [k, copy(v)]));

/** Records whose ids are indexed between two yields of `idIndexSteps`. */
const IDS_PER_STEP = 10_000;

/**
 * Each record's position by its id (the `index` of ColumnRefs), in steps: 100,000 ids are
 * ~30–60 ms of Map work, too long for one step of the server's thread.
 */
export function* idIndexSteps(records: readonly { id: string }[]): Steps<Map<string, number>> {
  const index = new Map<string, number>();
  for (let i = 0; i < records.length; i++) {
    index.set(records[i]!.id, i);
    if (i % IDS_PER_STEP === IDS_PER_STEP - 1) yield;
  }
  return index;
}

/** The id column of an encoded record list (what `{ n }` columns point into). */
export function idsOf(encoded: RecordColumns): string[] {
  const col = encoded.columns.id;
  if (!col) return [];
  if ('v' in col) return col.v as string[];
  if ('d' in col) return Array.from(indexesOf(col), (at) => col.d[at] as string);
  return [];
}

/** `graph.columns`' answer as the `graph.get` answer it stands for. */
export function decodeGraph(columns: GraphColumns): GraphView {
  return drain(decodeGraphSteps(columns));
}

/**
 * `decodeGraph` in steps (shared/engine/steps.ts): a yield between the nodes and the links
 * (~0.1 s each at 100,000 nodes), so a page opening a large plan gives itself a turn between
 * them (renderer/app/commands.ts, reloadView).
 */
export function* decodeGraphSteps(columns: GraphColumns): Steps<GraphView> {
  const nodes = decodeRecords<NodeRecord>(columns.nodes);
  yield;
  const links = decodeRecords<LinkRecord>(columns.links, { ids: idsOf(columns.nodes) });
  return { workspace: columns.workspace, member: columns.member, nodes, links };
}
