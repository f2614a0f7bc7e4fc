/**
 * GraphML import: our own exports (every field back, by attribute name) and files from other
 * tools (NetworkX, Gephi, yEd): a node's `title`, `label` or `name` attribute becomes its
 * title, `x`/`y` its position (or yEd's Geometry), and what the file lacks gets the defaults
 * of ForeignGraphBuilder. Each `<data>` value must parse as its key's declared attr.type.
 */
import { err, ok, type Result } from '../model/result';
import { parseList, parseTags } from './field-parse';
import { ForeignGraphBuilder, type ForeignLink, type ForeignNode } from './foreign-graph';
import { MAX_IMPORT_LINKS, MAX_IMPORT_NODES } from './limits';
import {
  exchangeError,
  type ExchangeError,
  type ExchangeGraph,
  type ImportContext,
  shown,
} from './types';
import { parseXmlSafely, type XmlElement } from './xml-guard';

const WHAT = 'GraphML file';
type Scalar = string | number | boolean;
type Fail = { readonly ok: false; readonly error: ExchangeError };
const fail = (code: ExchangeError['code'], message: string): Fail =>
  err(exchangeError(code, message));

interface KeyDef {
  scope: string;
  name: string;
  type: 'string' | 'int' | 'long' | 'float' | 'double' | 'boolean';
}

const TYPES: ReadonlySet<string> = new Set(['string', 'int', 'long', 'float', 'double', 'boolean']);

function typedValue(text: string, def: KeyDef, where: string): Scalar | Fail {
  const trimmed = text.trim();
  switch (def.type) {
    case 'string':
      return text;
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

const isFail = (v: unknown): v is Fail =>
  typeof v === 'object' && v !== null && (v as { ok?: unknown }).ok === false;

function readKeys(root: XmlElement): Map<string, KeyDef> | Fail {
  const keys = new Map<string, KeyDef>();
  for (const el of root.children) {
    if (el.name !== 'key') continue;
    const id = el.attrs.get('id');
    if (id === undefined) return fail('bad_request.import_invalid', `${WHAT}: a <key> has no id`);
    if (keys.has(id))
      return fail('bad_request.import_duplicate_id', `${WHAT}: duplicate key id ${shown(id)}`);
    const type = el.attrs.get('attr.type') ?? 'string';
    if (!TYPES.has(type)) {
      return fail(
        'bad_request.import_invalid',
        `${WHAT}: key ${shown(id)} has unknown attr.type ${shown(type)}`,
      );
    }
    keys.set(id, {
      scope: el.attrs.get('for') ?? 'all',
      // yEd's graphics keys have no attr.name; their content is read structurally below.
      name: (el.attrs.get('attr.name') ?? el.attrs.get('yfiles.type') ?? id).toLowerCase(),
      type: type as KeyDef['type'],
    });
  }
  return keys;
}

/** First descendant (depth-first) with this local name; depth is bounded by the parser. */
function find(el: XmlElement, name: string): XmlElement | undefined {
  for (const child of el.children) {
    if (child.name === name) return child;
    const deeper = find(child, name);
    if (deeper) return deeper;
  }
  return undefined;
}

/** The element's `<data>` values by lower-cased attribute name, typed per their keys. */
function readData(
  el: XmlElement,
  keys: ReadonlyMap<string, KeyDef>,
  where: string,
): { values: Map<string, Scalar>; graphics: XmlElement[] } | Fail {
  const values = new Map<string, Scalar>();
  const graphics: XmlElement[] = [];
  for (const data of el.children) {
    if (data.name !== 'data') continue;
    const keyId = data.attrs.get('key') ?? '';
    const def = keys.get(keyId);
    if (!def) {
      return fail(
        'bad_request.import_dangling_reference',
        `${where}: data key ${shown(keyId)} is not declared`,
      );
    }
    if (data.children.length > 0) {
      graphics.push(data);
      continue;
    }
    const value = typedValue(data.text, def, where);
    if (isFail(value)) return value;
    values.set(def.name, value);
  }
  return { values, graphics };
}

const str = (v: Scalar | undefined): string | undefined =>
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

function readNode(
  el: XmlElement,
  keys: ReadonlyMap<string, KeyDef>,
  where: string,
): ForeignNode | Fail {
  const data = readData(el, keys, where);
  if (isFail(data)) return data;
  const v = data.values;
  const rawTags = v.get('tags');
  const tags = rawTags === undefined ? undefined : parseTags(String(rawTags), where);
  if (tags !== undefined && !tags.ok) return tags;
  const rawAssignee = v.get('assignee');
  const assignee =
    rawAssignee === undefined ? undefined : parseList(String(rawAssignee), 'assignee', where);
  if (assignee !== undefined && !assignee.ok) return assignee;
  const geometry = data.graphics.map((g) => find(g, 'Geometry')).find((g) => g !== undefined);
  const label = data.graphics.map((g) => find(g, 'NodeLabel')).find((g) => g !== undefined);
  const node: ForeignNode = {
    fileId: el.attrs.get('id') ?? '',
    title: str(v.get('title') ?? v.get('label') ?? v.get('name')) ?? label?.text.trim(),
    description: str(v.get('description')),
    kind: str(v.get('kind')),
    status: v.get('status') as number | string | undefined,
    dependent: bool(v.get('dependent')),
    x: num(v.get('x')) ?? num(geometry?.attrs.get('x')),
    y: num(v.get('y')) ?? num(geometry?.attrs.get('y')),
    priority: num(v.get('priority')),
    display_id: str(v.get('display_id')),
    version: num(v.get('version')),
    created_time: str(v.get('created_time')),
    last_edited_time: str(v.get('last_edited_time')),
    in_trash: bool(v.get('in_trash')),
    due_date: str(v.get('due_date')),
    start_date: str(v.get('start_date')),
    estimate: num(v.get('estimate')),
  };
  if (tags !== undefined) node.tags = tags.value;
  if (assignee !== undefined) node.assignee = assignee.value;
  return node;
}

function readEdge(
  el: XmlElement,
  keys: ReadonlyMap<string, KeyDef>,
  where: string,
): ForeignLink | Fail {
  const data = readData(el, keys, where);
  if (isFail(data)) return data;
  const v = data.values;
  const source = el.attrs.get('source');
  const target = el.attrs.get('target');
  if (source === undefined || target === undefined) {
    return fail('bad_request.import_invalid', `${where}: an edge needs both source and target`);
  }
  return {
    fileId: el.attrs.get('id'),
    source,
    target,
    link_type: str(v.get('link_type')),
    custom_type_name: str(v.get('custom_link_type_name')),
    type: v.get('type') as number | string | undefined,
    private: bool(v.get('private')),
    was_blocker: bool(v.get('was_blocker')),
    version: num(v.get('version')),
    in_trash: bool(v.get('in_trash')),
    display_id: str(v.get('display_id')),
    created_time: str(v.get('created_time')),
    modified_time: str(v.get('modified_time')),
  };
}

/** Counts elements by a cheap scan, so a million-node file is refused before it is parsed. */
function countTags(text: string, tag: string, limit: number): number {
  const re = new RegExp(`<${tag}[\\s/>]`, 'g');
  let count = 0;
  while (re.exec(text) !== null && count <= limit) count++;
  return count;
}

export function importGraphml(
  text: string,
  ctx: ImportContext,
): Result<ExchangeGraph, ExchangeError> {
  for (const [tag, limit, label] of [
    ['node', MAX_IMPORT_NODES, 'nodes'],
    ['edge', MAX_IMPORT_LINKS, 'edges'],
  ] as const) {
    if (countTags(text, tag, limit) > limit) {
      return fail(
        'bad_request.import_too_large',
        `${WHAT} has more than ${limit} ${label}, the import limit`,
      );
    }
  }
  const parsed = parseXmlSafely(text, WHAT);
  if (!parsed.ok) return parsed;
  const root = parsed.value;
  if (root.name !== 'graphml') {
    return fail(
      'bad_request.import_invalid',
      `${WHAT}: the root element is <${root.name}>, not <graphml>`,
    );
  }
  const keys = readKeys(root);
  if (isFail(keys)) return keys;
  const graphs = root.children.filter((c) => c.name === 'graph');
  const graph = graphs[0];
  if (graph === undefined || graphs.length > 1) {
    return fail(
      'bad_request.import_invalid',
      `${WHAT} must hold exactly one <graph> (it has ${graphs.length})`,
    );
  }
  const graphData = readData(graph, keys, `${WHAT} <graph>`);
  if (isFail(graphData)) return graphData;

  const builder = new ForeignGraphBuilder(ctx);
  const edges: XmlElement[] = [];
  for (const el of graph.children) {
    if (el.name === 'edge') edges.push(el);
    else if (el.name === 'hyperedge') {
      return fail('bad_request.import_invalid', `${WHAT}: hyperedges are not supported`);
    } else if (el.name === 'node') {
      const where = `${WHAT} node ${shown(el.attrs.get('id') ?? '?')}`;
      if (el.attrs.get('id') === undefined)
        return fail('bad_request.import_invalid', `${where}: a node has no id`);
      if (el.children.some((c) => c.name === 'graph')) {
        return fail('bad_request.import_invalid', `${where}: nested graphs are not supported`);
      }
      const node = readNode(el, keys, where);
      if (isFail(node)) return node;
      const added = builder.addNode(node, where);
      if (!added.ok) return added;
    }
  }
  for (const [i, el] of edges.entries()) {
    const where = `${WHAT} edge ${el.attrs.get('id') ?? `#${i + 1}`}`;
    const link = readEdge(el, keys, where);
    if (isFail(link)) return link;
    const added = builder.addLink(link, where);
    if (!added.ok) return added;
  }
  const built = builder.build(str(graphData.values.get('name')));
  return built.ok ? ok(built.value) : built;
}
