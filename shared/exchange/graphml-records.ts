/**
 * GraphML's `<key>` declarations and the records built from `<data>`: which `<data>` names a
 * node or edge is read from, how each value is checked against its key's attr.type, and how
 * the values become the ForeignNode / ForeignLink handed to ForeignGraphBuilder. The stream
 * reader (graphml-reader.ts) fills one values array per record and calls readNode / readEdge
 * when the record's element closes.
 */
import { err } from '../model/result';
import { parseList, parseTags } from './field-parse';
import type { ForeignLink, ForeignNode } from './foreign-graph';
import { exchangeError, type ExchangeError, shown, type Where } from './types';
import type { XmlAttrs } from './xml-guard';

/** How messages name the file. */
export const WHAT = 'GraphML file';

export type Scalar = string | number | boolean;
export type Fail = { readonly ok: false; readonly error: ExchangeError };
export const fail = (code: ExchangeError['code'], message: string): Fail =>
  err(exchangeError(code, message));
export const isFail = (v: unknown): v is Fail =>
  typeof v === 'object' && v !== null && (v as { ok?: unknown }).ok === false;

/** A `<data>` value as a record field: other tools write numbers and booleans as strings. */
export const str = (v: Scalar | undefined): string | undefined =>
  v === undefined ? undefined : String(v);
function num(v: Scalar | undefined): number | undefined {
  if (v === undefined || typeof v === 'boolean') return undefined;
  return typeof v === 'number' ? v : v.trim() === '' ? undefined : Number(v);
}
function bool(v: Scalar | undefined): boolean | undefined {
  if (typeof v === 'boolean' || v === undefined) return v;
  const s = String(v).trim().toLowerCase();
  return s === 'true' || s === '1' ? true : s === 'false' || s === '0' ? false : undefined;
}
/** status and type: a number or a name, which the builder reads either way. */
const raw = (v: Scalar | undefined): number | string | undefined =>
  v as number | string | undefined;

/**
 * Each `<data>` name a record is read from, with a slot in one array reused for every record
 * (a Map cleared per record regrew its table 3 times each: 25,000 records at 10,000 nodes).
 * Slots are numbers fixed here, so reading a record is plain array loads.
 */
const F = {
  title: 0,
  label: 1,
  name: 2,
  description: 3,
  kind: 4,
  status: 5,
  dependent: 6,
  x: 7,
  y: 8,
  priority: 9,
  display_id: 10,
  version: 11,
  created_time: 12,
  last_edited_time: 13,
  in_trash: 14,
  due_date: 15,
  start_date: 16,
  estimate: 17,
  tags: 18,
  assignee: 19,
  link_type: 20,
  custom_link_type_name: 21,
  type: 22,
  private: 23,
  was_blocker: 24,
  modified_time: 25,
} as const;
const SLOTS: ReadonlyMap<string, number> = new Map(Object.entries(F));

export type Values = (Scalar | undefined)[];
/** One values array, for a reader to reuse for every record. */
export const newValues = (): Values => new Array<Scalar | undefined>(SLOTS.size).fill(undefined);

/** A record as readRecord builds it: a node's fields and an edge's; S is string for an edge. */
type FileRecord<S> = ForeignNode &
  Omit<ForeignLink, 'source' | 'target'> & { source: S; target: S };

/**
 * One record of the file, node or edge, with every field either kind has, each read from its
 * `<data>` slot, in one object literal; the caller gives what does not come from a slot.
 * ForeignGraphBuilder reads a node's fields of it (ForeignNode) or an edge's (ForeignLink);
 * the other kind's are undefined. Why one literal: each field is listed once, and every record
 * has one shape that V8 builds in one step. A table of fields copied in a loop by computed
 * name (tried for this split) made the whole 10,000-node import 3% slower, and building
 * 25,000 records 5-7× slower; this literal costs ~1 ms more per 25,000 than one per kind.
 */
function readRecord<S extends string | undefined>(
  v: Readonly<Values>,
  fileId: string | undefined,
  source: S,
  target: S,
  title: string | undefined,
  x: number | undefined,
  y: number | undefined,
): FileRecord<S> {
  return {
    fileId,
    source,
    target,
    title,
    x,
    y,
    description: str(v[F.description]),
    kind: str(v[F.kind]),
    status: raw(v[F.status]),
    dependent: bool(v[F.dependent]),
    priority: num(v[F.priority]),
    display_id: str(v[F.display_id]),
    version: num(v[F.version]),
    created_time: str(v[F.created_time]),
    last_edited_time: str(v[F.last_edited_time]),
    in_trash: bool(v[F.in_trash]),
    due_date: str(v[F.due_date]),
    start_date: str(v[F.start_date]),
    estimate: num(v[F.estimate]),
    link_type: str(v[F.link_type]),
    custom_type_name: str(v[F.custom_link_type_name]),
    type: raw(v[F.type]),
    private: bool(v[F.private]),
    was_blocker: bool(v[F.was_blocker]),
    modified_time: str(v[F.modified_time]),
  };
}

export interface KeyDef {
  id: string;
  scope: string;
  name: string;
  type: 'string' | 'int' | 'long' | 'float' | 'double' | 'boolean';
  /** Where a record keeps this key's value; -1: checked against its type, not kept. */
  slot: number;
  /** The key whose `<data>` came next in a record the last time (the reader's guess). */
  next: KeyDef | undefined;
}

const TYPES: ReadonlySet<string> = new Set(['string', 'int', 'long', 'float', 'double', 'boolean']);

/** A `<key>` element's declaration, or why it is refused. */
export function readKey(attrs: XmlAttrs): [string, KeyDef] | Fail {
  const id = attrs.id;
  if (id === undefined) return fail('bad_request.import_invalid', `${WHAT}: a <key> has no id`);
  const type = attrs['attr.type'] ?? 'string';
  // yEd's graphics keys have no attr.name; their content is read structurally (the reader).
  const name = (attrs['attr.name'] ?? attrs['yfiles.type'] ?? id).toLowerCase();
  if (!TYPES.has(type)) {
    return fail(
      'bad_request.import_invalid',
      `${WHAT}: key ${shown(id)} has unknown attr.type ${shown(type)}`,
    );
  }
  return [
    id,
    {
      id,
      scope: attrs.for ?? 'all',
      name,
      type: type as KeyDef['type'],
      slot: SLOTS.get(name) ?? -1,
      next: undefined,
    },
  ];
}

/** A `<data>` text as its key's declared attr.type, or why it is not one. */
export function typedValue(text: string, def: KeyDef, where: Where): Scalar | Fail {
  if (def.type === 'string') return text;
  const trimmed = text.trim();
  switch (def.type) {
    case 'boolean': {
      const lower = trimmed.toLowerCase();
      if (lower === 'true' || lower === '1') return true;
      if (lower === 'false' || lower === '0') return false;
      break;
    }
    case 'int':
    case 'long':
      if (/^[+-]?\d{1,15}$/.test(trimmed)) return Number(trimmed);
      break;
    default: {
      const n = Number(trimmed);
      if (trimmed !== '' && Number.isFinite(n)) return n;
    }
  }
  return fail(
    'bad_request.import_invalid',
    `${where}: ${shown(def.name)} should be ${def.type} but is ${shown(trimmed)}`,
  );
}

/** What one node's `<data>` said, and the yEd graphics found in it. */
export function readNode(
  v: Readonly<Values>,
  fileId: string,
  geometry: XmlAttrs | undefined,
  label: string | undefined,
  where: Where,
): ForeignNode | Fail {
  const rawTags = v[F.tags];
  const tags = rawTags === undefined ? undefined : parseTags(String(rawTags), where);
  if (tags !== undefined && !tags.ok) return tags;
  const rawAssignee = v[F.assignee];
  const assignee =
    rawAssignee === undefined ? undefined : parseList(String(rawAssignee), 'assignee', where);
  if (assignee !== undefined && !assignee.ok) return assignee;
  const node: ForeignNode = readRecord(
    v,
    fileId,
    undefined,
    undefined,
    str(v[F.title] ?? v[F.label] ?? v[F.name]) ?? label?.trim(),
    num(v[F.x]) ?? num(geometry?.x),
    num(v[F.y]) ?? num(geometry?.y),
  );
  if (tags !== undefined) node.tags = tags.value;
  if (assignee !== undefined) node.assignee = assignee.value;
  return node;
}

/** What one edge's attributes and `<data>` said. */
export function readEdge(v: Readonly<Values>, attrs: XmlAttrs, where: Where): ForeignLink | Fail {
  const source = attrs.source;
  const target = attrs.target;
  if (source === undefined || target === undefined) {
    return fail('bad_request.import_invalid', `${where}: an edge needs both source and target`);
  }
  return readRecord(v, attrs.id, source, target, undefined, undefined, undefined);
}
