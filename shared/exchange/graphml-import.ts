/**
 * GraphML import: our own exports (every field back, by attribute name) and files from other
 * tools (NetworkX, Gephi, yEd): a node's `title`, `label` or `name` attribute becomes its
 * title, `x`/`y` its position (or yEd's Geometry), and what the file lacks gets the defaults
 * of ForeignGraphBuilder. Each `<data>` value must parse as its key's declared attr.type.
 *
 * The file is read as a stream (xml-guard.ts): each node becomes a record as soon as its
 * element closes and nothing else of it is kept, so memory and time follow the records, not a
 * tree of the document. Keys must be declared before the graph, as the GraphML schema says.
 */
import { err, ok, type Result } from '../model/result';
import { parseList, parseTags } from './field-parse';
import { ForeignGraphBuilder, type ForeignLink, type ForeignNode } from './foreign-graph';
import { IMPORT_LIMITS, type ImportLimits } from './limits';
import {
  exchangeError,
  type ExchangeError,
  type ExchangeGraph,
  type ImportContext,
  shown,
  type Where,
} from './types';
import { scanXmlSafely, type XmlAttrs, type XmlHandler } from './xml-guard';

const WHAT = 'GraphML file';
type Scalar = string | number | boolean;
type Fail = { readonly ok: false; readonly error: ExchangeError };
const fail = (code: ExchangeError['code'], message: string): Fail =>
  err(exchangeError(code, message));

interface KeyDef {
  scope: string;
  name: string;
  type: 'string' | 'int' | 'long' | 'float' | 'double' | 'boolean';
  /** Where a record keeps this key's value (see F); -1: checked against its type, not kept. */
  slot: number;
}

/**
 * The `<data>` names a node or edge is read from, each with a slot in one array reused for
 * every record (a Map cleared per record regrew its table 3 times each: 25,000 records at
 * 10,000 nodes). Slots are numbers fixed here, so reading a record is plain array loads.
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
type Values = (Scalar | undefined)[];

const TYPES: ReadonlySet<string> = new Set(['string', 'int', 'long', 'float', 'double', 'boolean']);

function typedValue(text: string, def: KeyDef, where: Where): Scalar | Fail {
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

const isFail = (v: unknown): v is Fail =>
  typeof v === 'object' && v !== null && (v as { ok?: unknown }).ok === false;

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

/** What one node's `<data>` said, and the yEd graphics found in it. */
function readNode(
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
  const node: ForeignNode = {
    fileId,
    title: str(v[F.title] ?? v[F.label] ?? v[F.name]) ?? label?.trim(),
    description: str(v[F.description]),
    kind: str(v[F.kind]),
    status: v[F.status] as number | string | undefined,
    dependent: bool(v[F.dependent]),
    x: num(v[F.x]) ?? num(geometry?.x),
    y: num(v[F.y]) ?? num(geometry?.y),
    priority: num(v[F.priority]),
    display_id: str(v[F.display_id]),
    version: num(v[F.version]),
    created_time: str(v[F.created_time]),
    last_edited_time: str(v[F.last_edited_time]),
    in_trash: bool(v[F.in_trash]),
    due_date: str(v[F.due_date]),
    start_date: str(v[F.start_date]),
    estimate: num(v[F.estimate]),
  };
  if (tags !== undefined) node.tags = tags.value;
  if (assignee !== undefined) node.assignee = assignee.value;
  return node;
}

function readEdge(v: Readonly<Values>, attrs: XmlAttrs, where: Where): ForeignLink | Fail {
  const source = attrs.source;
  const target = attrs.target;
  if (source === undefined || target === undefined) {
    return fail('bad_request.import_invalid', `${where}: an edge needs both source and target`);
  }
  return {
    fileId: attrs.id,
    source,
    target,
    link_type: str(v[F.link_type]),
    custom_type_name: str(v[F.custom_link_type_name]),
    type: v[F.type] as number | string | undefined,
    private: bool(v[F.private]),
    was_blocker: bool(v[F.was_blocker]),
    version: num(v[F.version]),
    in_trash: bool(v[F.in_trash]),
    display_id: str(v[F.display_id]),
    created_time: str(v[F.created_time]),
    modified_time: str(v[F.modified_time]),
  };
}

function readKey(attrs: XmlAttrs): [string, KeyDef] | Fail {
  const id = attrs.id;
  if (id === undefined) return fail('bad_request.import_invalid', `${WHAT}: a <key> has no id`);
  const type = attrs['attr.type'] ?? 'string';
  // yEd's graphics keys have no attr.name; their content is read structurally below.
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
      scope: attrs.for ?? 'all',
      name,
      type: type as KeyDef['type'],
      slot: SLOTS.get(name) ?? -1,
    },
  ];
}

/** A node or edge of the file, worded only when a message names it. */
class Place {
  constructor(
    private readonly kind: 'node' | 'edge',
    private readonly id: string | undefined,
    private readonly index = 0,
  ) {}

  toString(): string {
    return this.kind === 'node'
      ? `${WHAT} node ${shown(this.id ?? '?')}`
      : `${WHAT} edge ${this.id ?? `#${this.index}`}`;
  }
}

const tooMany = (limit: number, label: string): ExchangeError =>
  exchangeError(
    'bad_request.import_too_large',
    `${WHAT} has more than ${limit} ${label}, the import limit`,
  );

/** The node or edge being read (an element directly inside the `<graph>`). */
interface OpenRecord {
  kind: 'node' | 'edge';
  attrs: XmlAttrs;
  where: Where;
  /** First yEd `<y:Geometry>` inside its graphics data, and the text of the first NodeLabel. */
  geometry?: XmlAttrs;
  label?: string;
}

/** A `<data>` element being read: its text, unless it turns out to hold elements (graphics). */
interface OpenData {
  depth: number;
  def: KeyDef;
  text: string;
  graphics: boolean;
  /** A `<data>` of the `<graph>` itself, not of a record. */
  ofGraph: boolean;
  where: Where;
}

/**
 * The stream reader: depth 1 `<graphml>`, depth 2 its `<key>`s and the `<graph>`, depth 3 the
 * graph's nodes, edges and data, depth 4 their data, deeper only yEd graphics.
 */
class GraphmlReader implements XmlHandler {
  readonly builder: ForeignGraphBuilder;
  private readonly keys = new Map<string, KeyDef>();
  readonly graphValues = new Map<string, Scalar>();
  /** Reused for every node and edge: each is read completely when its element closes. */
  private readonly values: Values = new Array<Scalar | undefined>(SLOTS.size).fill(undefined);
  /** Edges are added once every node is known (an edge may name a node written after it). */
  readonly edges: { link: ForeignLink; where: Where }[] = [];
  graphs = 0;
  private inGraph = false;
  private nodes = 0;
  private edgeCount = 0;
  private record: OpenRecord | undefined;
  private data: OpenData | undefined;
  private labelDepth = 0;
  private label = '';
  /** Depth of the innermost open element. */
  private depth = 0;
  private readonly openData: OpenData = {
    depth: 0,
    def: { scope: '', name: '', type: 'string', slot: -1 },
    text: '',
    graphics: false,
    ofGraph: false,
    where: '',
  };

  /** Text is read only as a `<data>` value or a yEd NodeLabel. */
  get wantsText(): boolean {
    return (
      this.data !== undefined && (this.depth === this.data.depth || this.depth === this.labelDepth)
    );
  }

  constructor(
    ctx: ImportContext,
    private readonly limits: ImportLimits,
  ) {
    this.builder = new ForeignGraphBuilder(ctx);
  }

  open(name: string, attrs: XmlAttrs, depth: number): ExchangeError | undefined {
    this.depth = depth;
    if (this.data !== undefined) return this.openInsideData(name, attrs, depth);
    if (depth === 1) {
      if (name === 'graphml') return undefined;
      return exchangeError(
        'bad_request.import_invalid',
        `${WHAT}: the root element is <${name}>, not <graphml>`,
      );
    }
    if (depth === 2) {
      if (name === 'key') {
        const key = readKey(attrs);
        if (!Array.isArray(key)) return key.error;
        if (this.keys.has(key[0])) {
          return exchangeError(
            'bad_request.import_duplicate_id',
            `${WHAT}: duplicate key id ${shown(key[0])}`,
          );
        }
        this.keys.set(key[0], key[1]);
      } else if (name === 'graph') {
        this.graphs++;
        if (this.graphs > 1) return this.graphCount();
        this.inGraph = true;
      }
      return undefined;
    }
    if (depth === 3 && this.inGraph) return this.openInGraph(name, attrs, depth);
    if (depth === 4 && this.record !== undefined) {
      if (name === 'data') return this.startData(attrs, depth, false, this.record.where);
      if (name === 'graph' && this.record.kind === 'node') {
        return exchangeError(
          'bad_request.import_invalid',
          `${this.record.where}: nested graphs are not supported`,
        );
      }
    }
    return undefined;
  }

  private openInGraph(name: string, attrs: XmlAttrs, depth: number): ExchangeError | undefined {
    switch (name) {
      case 'node': {
        if (++this.nodes > this.limits.nodes) return tooMany(this.limits.nodes, 'nodes');
        const where = new Place('node', attrs.id);
        if (attrs.id === undefined) {
          return exchangeError('bad_request.import_invalid', `${where}: a node has no id`);
        }
        this.values.fill(undefined);
        this.record = { kind: 'node', attrs, where };
        return undefined;
      }
      case 'edge': {
        if (++this.edgeCount > this.limits.links) return tooMany(this.limits.links, 'edges');
        this.values.fill(undefined);
        this.record = {
          kind: 'edge',
          attrs,
          where: new Place('edge', attrs.id, this.edgeCount),
        };
        return undefined;
      }
      case 'hyperedge':
        return exchangeError('bad_request.import_invalid', `${WHAT}: hyperedges are not supported`);
      case 'data':
        return this.startData(attrs, depth, true, `${WHAT} <graph>`);
      default:
        return undefined;
    }
  }

  private startData(
    attrs: XmlAttrs,
    depth: number,
    ofGraph: boolean,
    where: Where,
  ): ExchangeError | undefined {
    const keyId = attrs.key ?? '';
    const def = this.keys.get(keyId);
    if (!def) {
      return exchangeError(
        'bad_request.import_dangling_reference',
        `${where}: data key ${shown(keyId)} is not declared`,
      );
    }
    // One object for every <data>: a 100,000-node file has 1.6 million of them.
    const data = this.openData;
    data.depth = depth;
    data.def = def;
    data.text = '';
    data.graphics = false;
    data.ofGraph = ofGraph;
    data.where = where;
    this.data = data;
    return undefined;
  }

  /** Inside a `<data>`: elements make it graphics data; yEd's geometry and label are read. */
  private openInsideData(name: string, attrs: XmlAttrs, depth: number): undefined {
    (this.data as OpenData).graphics = true;
    const record = this.record;
    if (record?.kind !== 'node') return undefined;
    if (name === 'Geometry') record.geometry ??= attrs;
    else if (name === 'NodeLabel' && record.label === undefined && this.labelDepth === 0) {
      this.labelDepth = depth;
      this.label = '';
    }
    return undefined;
  }

  text(text: string, depth: number): void {
    const data = this.data;
    if (data === undefined) return;
    if (depth === data.depth) data.text += text;
    else if (depth === this.labelDepth) this.label += text;
  }

  close(name: string, depth: number): ExchangeError | undefined {
    this.depth = depth - 1;
    const data = this.data;
    if (data !== undefined) {
      if (depth === this.labelDepth && this.record !== undefined) {
        this.record.label = this.label;
        this.labelDepth = 0;
      }
      if (depth !== data.depth) return undefined;
      this.data = undefined;
      if (data.graphics) return undefined;
      const value = typedValue(data.text, data.def, data.where);
      if (isFail(value)) return value.error;
      if (data.ofGraph) this.graphValues.set(data.def.name, value);
      else if (data.def.slot >= 0) this.values[data.def.slot] = value;
      return undefined;
    }
    if (depth === 3 && this.record !== undefined) return this.closeRecord(this.record);
    if (depth === 2 && name === 'graph') this.inGraph = false;
    return undefined;
  }

  private closeRecord(record: OpenRecord): ExchangeError | undefined {
    this.record = undefined;
    if (record.kind === 'edge') {
      const link = readEdge(this.values, record.attrs, record.where);
      if (isFail(link)) return link.error;
      this.edges.push({ link, where: record.where });
      return undefined;
    }
    const node = readNode(
      this.values,
      record.attrs.id ?? '',
      record.geometry,
      record.label,
      record.where,
    );
    if (isFail(node)) return node.error;
    return resultError(this.builder.addNode(node, record.where));
  }

  graphCount(): ExchangeError {
    return exchangeError(
      'bad_request.import_invalid',
      `${WHAT} must hold exactly one <graph> (it has ${this.graphs > 1 ? 'more than one' : this.graphs})`,
    );
  }
}

const resultError = (r: Result<unknown, ExchangeError>): ExchangeError | undefined =>
  r.ok ? undefined : r.error;

/** Counts `<tag` elements by a cheap scan (stopping past `limit`), to word a refusal. */
function countTags(text: string, tag: string, limit: number): number {
  const open = `<${tag}`;
  let count = 0;
  for (let i = text.indexOf(open); i !== -1 && count <= limit; i = text.indexOf(open, i + 1)) {
    const next = text.charCodeAt(i + open.length);
    // `<node>`, `<node/`, `<node ` (any XML white space), not `<nodes`.
    if (
      next === 0x3e ||
      next === 0x2f ||
      next === 0x20 ||
      next === 0x09 ||
      next === 0x0a ||
      next === 0x0d
    )
      count++;
  }
  return count;
}

export function importGraphml(
  text: string,
  ctx: ImportContext,
): Result<ExchangeGraph, ExchangeError> {
  const limits = ctx.limits ?? IMPORT_LIMITS;
  const scanned = scanXmlSafely(text, WHAT, new GraphmlReader(ctx, limits), {
    maxBytes: limits.bytes,
    // A file over the node limit is refused as such, whatever else is wrong with it (say,
    // duplicate ids among its first nodes): the stream refuses the first node over the limit,
    // and any earlier refusal gives way to a count of the file's `<node` tags. A successful
    // read has counted its nodes as they came, so the count is made only on a refusal.
    overrule: (xml) =>
      countTags(xml, 'node', limits.nodes) > limits.nodes
        ? tooMany(limits.nodes, 'nodes')
        : undefined,
  });
  if (!scanned.ok) return scanned;
  const reader = scanned.value;
  if (reader.graphs !== 1) return err(reader.graphCount());
  for (const { link, where } of reader.edges) {
    const added = reader.builder.addLink(link, where);
    if (!added.ok) return added;
  }
  const built = reader.builder.build(str(reader.graphValues.get('name')));
  return built.ok ? ok(built.value) : built;
}
