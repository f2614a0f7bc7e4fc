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

type Read = (v: Scalar | undefined) => Scalar | undefined;
/** A record field filled from one `<data>` name: the name, the field, how the value is read. */
type Field<R> = readonly [data: string, field: keyof R & string, read: Read];

/**
 * The node fields that are one `<data>` value each, in the order the record gets them (one
 * order, so every record has one shape). title, x, y, tags and assignee have fallbacks or a
 * parse of their own (readNode).
 */
const NODE_FIELDS: readonly Field<ForeignNode>[] = [
  ['description', 'description', str],
  ['kind', 'kind', str],
  ['status', 'status', raw],
  ['dependent', 'dependent', bool],
  ['priority', 'priority', num],
  ['display_id', 'display_id', str],
  ['version', 'version', num],
  ['created_time', 'created_time', str],
  ['last_edited_time', 'last_edited_time', str],
  ['in_trash', 'in_trash', bool],
  ['due_date', 'due_date', str],
  ['start_date', 'start_date', str],
  ['estimate', 'estimate', num],
];

/** The edge fields read from `<data>` (source and target are the element's attributes). */
const EDGE_FIELDS: readonly Field<ForeignLink>[] = [
  ['link_type', 'link_type', str],
  ['custom_link_type_name', 'custom_type_name', str],
  ['type', 'type', raw],
  ['private', 'private', bool],
  ['was_blocker', 'was_blocker', bool],
  ['version', 'version', num],
  ['in_trash', 'in_trash', bool],
  ['display_id', 'display_id', str],
  ['created_time', 'created_time', str],
  ['modified_time', 'modified_time', str],
];

/**
 * Each `<data>` name a record is read from, with a slot in one array reused for every record
 * (a Map cleared per record regrew its table 3 times each: 25,000 records at 10,000 nodes).
 * Slots are fixed here, so reading a record is plain array loads.
 */
const SLOT_NAMES = [
  ...new Set([
    'title',
    'label',
    'name',
    'x',
    'y',
    'tags',
    'assignee',
    ...NODE_FIELDS.map((f) => f[0]),
    ...EDGE_FIELDS.map((f) => f[0]),
  ]),
];
const SLOTS: ReadonlyMap<string, number> = new Map(SLOT_NAMES.map((name, i) => [name, i]));
const slotOf = (name: string): number => SLOTS.get(name) as number;
const TITLE = slotOf('title');
const LABEL = slotOf('label');
const NAME = slotOf('name');
const X = slotOf('x');
const Y = slotOf('y');
const TAGS = slotOf('tags');
const ASSIGNEE = slotOf('assignee');

/** A table's field with its `<data>` name replaced by its slot. */
interface SlotField<R> {
  slot: number;
  field: keyof R & string;
  read: Read;
}
const bySlot = <R>(fields: readonly Field<R>[]): readonly SlotField<R>[] =>
  fields.map(([data, field, read]) => ({ slot: slotOf(data), field, read }));
const NODE_SLOTS = bySlot(NODE_FIELDS);
const EDGE_SLOTS = bySlot(EDGE_FIELDS);

export type Values = (Scalar | undefined)[];
/** One values array, for a reader to reuse for every record. */
export const newValues = (): Values => new Array<Scalar | undefined>(SLOTS.size).fill(undefined);

/** Copies the table's fields from `values` into `record`, every field, in the table's order. */
function fill<R>(record: R, values: Readonly<Values>, fields: readonly SlotField<R>[]): R {
  const out = record as Record<string, unknown>;
  for (const f of fields) out[f.field] = f.read(values[f.slot]);
  return record;
}

export interface KeyDef {
  scope: string;
  name: string;
  type: 'string' | 'int' | 'long' | 'float' | 'double' | 'boolean';
  /** Where a record keeps this key's value; -1: checked against its type, not kept. */
  slot: number;
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
    { scope: attrs.for ?? 'all', name, type: type as KeyDef['type'], slot: SLOTS.get(name) ?? -1 },
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
  const rawTags = v[TAGS];
  const tags = rawTags === undefined ? undefined : parseTags(String(rawTags), where);
  if (tags !== undefined && !tags.ok) return tags;
  const rawAssignee = v[ASSIGNEE];
  const assignee =
    rawAssignee === undefined ? undefined : parseList(String(rawAssignee), 'assignee', where);
  if (assignee !== undefined && !assignee.ok) return assignee;
  const node = fill<ForeignNode>(
    {
      fileId,
      title: str(v[TITLE] ?? v[LABEL] ?? v[NAME]) ?? label?.trim(),
      x: num(v[X]) ?? num(geometry?.x),
      y: num(v[Y]) ?? num(geometry?.y),
    },
    v,
    NODE_SLOTS,
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
  return fill<ForeignLink>({ fileId: attrs.id, source, target }, v, EDGE_SLOTS);
}
