/**
 * The GraphML stream reader: a handler of xml-guard.ts' events that follows the document's
 * structure (depth 1 `<graphml>`, depth 2 its `<key>`s and the `<graph>`, depth 3 the graph's
 * nodes, edges and data, depth 4 their data, deeper only yEd graphics) and turns each node into
 * a record as soon as its element closes (graphml-records.ts), keeping nothing else of it.
 * Edges are kept until the end: an edge may name a node written after it.
 */
import type { Result } from '../model/result';
import { ForeignGraphBuilder, type ForeignLink, type ForeignNode } from './foreign-graph';
import type { ImportLimits } from './limits';
import {
  isFail,
  type KeyDef,
  newValues,
  readEdge,
  readKey,
  readNode,
  type Scalar,
  typedValue,
  WHAT,
} from './graphml-records';
import { exchangeError, type ExchangeError, type ImportContext, shown, type Where } from './types';
import type { XmlAttrs, XmlHandler } from './xml-guard';

/** A node or edge of the file, worded only when a message names it. */
export class Place {
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

export const tooMany = (limit: number, label: string): ExchangeError =>
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
  /** Whether its text is read: not for a string nobody keeps (see startData). */
  read: boolean;
  where: Where;
}

/** A key no `<data>` names: where a guess of the next key starts, and a placeholder. */
const startKey = (): KeyDef => ({
  id: '',
  scope: '',
  name: '',
  type: 'string',
  slot: -1,
  next: undefined,
});

/**
 * Where the records of the second half of a file read on another thread go
 * (graphml-halves.ts): kept to be added to the first half's builder, in file order.
 */
export interface RecordSink {
  node(node: ForeignNode): void;
  edge(link: ForeignLink): void;
}

/** Reads one GraphML document from the stream; `importGraphml` adds the edges and builds. */
export class GraphmlReader implements XmlHandler {
  readonly builder: ForeignGraphBuilder;
  private readonly keys = new Map<string, KeyDef>();
  readonly graphValues = new Map<string, Scalar>();
  /** Reused for every node and edge: each is read completely when its element closes. */
  private readonly values = newValues();
  /** Edges are added once every node is known (an edge may name a node written after it). */
  readonly edges: { link: ForeignLink; where: Where }[] = [];
  graphs = 0;
  private inGraph = false;
  /** Nodes and edges read so far (limits; a second half's edges are numbered after them). */
  nodes = 0;
  edgeCount = 0;
  private record: OpenRecord | undefined;
  private data: OpenData | undefined;
  private labelDepth = 0;
  private label = '';
  /** Depth of the innermost open element. */
  private depth = 0;
  /** Where startData's guess of the next key starts: a record's start, per kind (see there). */
  private readonly nodeStart = startKey();
  private readonly edgeStart = startKey();
  private previousKey = startKey();
  private readonly openData: OpenData = {
    depth: 0,
    def: startKey(),
    text: '',
    graphics: false,
    ofGraph: false,
    read: false,
    where: '',
  };

  /** Text is read only as a `<data>` value or a yEd NodeLabel. */
  get wantsText(): boolean {
    const data = this.data;
    return (
      data !== undefined &&
      ((this.depth === data.depth && data.read) || this.depth === this.labelDepth)
    );
  }

  /** `sink`: records go there as they are read instead of to the builder and `edges`. */
  constructor(
    ctx: ImportContext,
    private readonly limits: ImportLimits,
    private readonly sink?: RecordSink,
  ) {
    this.builder = new ForeignGraphBuilder(ctx);
  }

  /**
   * Whether the document so far ends between two children of its one `<graph>`: where a file
   * may be cut for the rest to be read by another reader (graphml-halves.ts).
   */
  get betweenRecords(): boolean {
    return (
      this.graphs === 1 &&
      this.inGraph &&
      this.depth === 2 &&
      this.record === undefined &&
      this.data === undefined
    );
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
        this.previousKey = this.nodeStart;
        this.record = { kind: 'node', attrs, where };
        return undefined;
      }
      case 'edge': {
        if (++this.edgeCount > this.limits.links) return tooMany(this.limits.links, 'edges');
        this.values.fill(undefined);
        this.previousKey = this.edgeStart;
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
    // A file's records name their <data> keys in one order, nearly always: the key that came
    // after the previous one last time is tried first, a string comparison instead of hashing
    // a fresh string for a Map look-up, for each of a 100,000-node file's 1.6 million <data>.
    const previous = this.previousKey;
    const guess = previous.next;
    const def = guess !== undefined && guess.id === keyId ? guess : this.keys.get(keyId);
    if (!def) {
      return exchangeError(
        'bad_request.import_dangling_reference',
        `${where}: data key ${shown(keyId)} is not declared`,
      );
    }
    previous.next = def;
    this.previousKey = def;
    // One object for every <data>: a 100,000-node file has 1.6 million of them.
    const data = this.openData;
    data.depth = depth;
    data.def = def;
    data.text = '';
    data.graphics = false;
    data.ofGraph = ofGraph;
    // A string value no record keeps (our exports' owner, status_name, type_name, created_by…:
    // a third of the file's <data>) is skipped as an element nobody reads is: saxes does not
    // cut its text out, nothing measures it (the file's size limit bounds it). A typed value is
    // read, to be checked against its type; the graph's own data is read whole.
    data.read = ofGraph || def.slot >= 0 || def.type !== 'string';
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
      if (data.graphics || !data.read) return undefined;
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
      if (this.sink) this.sink.edge(link);
      else this.edges.push({ link, where: record.where });
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
    if (!this.sink) return resultError(this.builder.addNode(node, record.where));
    this.sink.node(node);
    return undefined;
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
