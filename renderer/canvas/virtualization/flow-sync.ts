/**
 * Keeps a GraphIndex in step with the React Flow node and edge arrays the app holds, and picks
 * the subset for a query rectangle. Framework-free, so the React hook stays a thin shell.
 *
 * Updates are diffed by object identity, the way React Flow's own `applyNodeChanges` works:
 * an unchanged node keeps its object, so a drag that replaces one node costs an O(N) pointer
 * scan plus O(degree) index work — no rebuild. A node appended by the change path (a created
 * node, list-patch.ts `listPatch`) joins as a dirty item; nodes and links that went (a
 * splice) are taken out of the index's answers, which keeps its numbering (mapped to the
 * lists' positions); adding edges or re-wiring them rebuilds the index (~45 ms at 100,000
 * nodes; see docs/canvas-performance.md).
 *
 * Positions are read as absolute: Linkgraph has no sub-flows (`parentId`), whose positions
 * would be relative to their parent.
 */
import type { Edge, Node } from '@xyflow/react';
import type { Rect } from './geometry';
import { listPatch, type ListSplice } from '../list-patch';
import { GraphIndex, type GraphIndexOptions, type IndexNode } from './graph-index';

export interface FlowSubset<N extends Node, E extends Edge> {
  nodes: N[];
  edges: E[];
}

function toIndexNode(node: Node): IndexNode {
  return {
    id: node.id,
    x: node.position.x,
    y: node.position.y,
    width: nodeWidth(node),
    height: nodeHeight(node),
  };
}

function nodeWidth(node: Node): number | undefined {
  return node.measured?.width ?? node.width ?? node.initialWidth;
}

function nodeHeight(node: Node): number | undefined {
  return node.measured?.height ?? node.height ?? node.initialHeight;
}

function sameWiring(a: readonly Edge[], b: readonly Edge[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x !== y && (x.id !== y.id || x.source !== y.source || x.target !== y.target)) return false;
  }
  return true;
}

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function identity(n: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  return out;
}

/**
 * `at` (list position → index item) less the positions removed, in place: the kept runs moved
 * down natively (`copyWithin`), and a view of the shorter length answered (no 600 kB array
 * allocated and copied per removal at 150,000 links).
 */
function spliceAt(at: Int32Array, { removed }: ListSplice): Int32Array {
  let from = 0;
  let to = 0;
  for (const r of removed) {
    if (to !== from) at.copyWithin(to, from, r);
    to += r - from;
    from = r + 1;
  }
  if (to !== from) at.copyWithin(to, from, at.length);
  return at.subarray(0, at.length - removed.length);
}

/**
 * Index item → list position, or -1 (not in the list). `at` only ever loses entries (a splice)
 * or gains new, higher items at its end (an appended node), so it is ascending: a binary
 * search per item found, instead of an inverse map rebuilt over every item at each splice.
 */
function positionOf(at: Int32Array, item: number): number {
  let lo = 0;
  let hi = at.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (at[mid]! < item) lo = mid + 1;
    else hi = mid;
  }
  return lo < at.length && at[lo] === item ? lo : -1;
}

/** Index items found → list positions, ascending (the list's order). */
function inList(found: number[], at: Int32Array | null): number[] {
  if (!at) return found;
  const sorted = new Int32Array(found.length);
  let n = 0;
  for (const g of found) {
    const i = positionOf(at, g);
    if (i >= 0) sorted[n++] = i;
  }
  // A typed array sorts numerically in native code (a comparator call per compare otherwise).
  return Array.from(sorted.subarray(0, n).sort());
}

export class FlowIndex<N extends Node = Node, E extends Edge = Edge> {
  private nodes: readonly N[];
  private edges: readonly E[];
  private graph: GraphIndex;
  private last: FlowSubset<N, E> = { nodes: [], edges: [] };
  /**
   * After splices: list position → the index's node (edge), ascending (`positionOf` goes
   * back); null while they are the same numbering.
   */
  private nodeAt: Int32Array | null = null;
  private edgeAt: Int32Array | null = null;
  /** Bumped whenever `select` may answer differently for the same rectangle. */
  version = 0;

  constructor(
    nodes: readonly N[],
    edges: readonly E[],
    private readonly options: GraphIndexOptions = {},
  ) {
    this.nodes = nodes;
    this.edges = edges;
    this.graph = new GraphIndex(nodes.map(toIndexNode), edges, options);
  }

  get index(): GraphIndex {
    return this.graph;
  }

  /** Takes the app's latest arrays; returns the (possibly bumped) version. */
  update(nodes: readonly N[], edges: readonly E[]): number {
    if (nodes === this.nodes && edges === this.edges) return this.version;
    // The change path: lists patched from the ones held name the elements they replaced.
    const nodePatch = nodes === this.nodes ? null : listPatch(nodes);
    const edgePatch = edges === this.edges ? null : listPatch(edges);
    if (
      (nodes === this.nodes || nodePatch?.previous === this.nodes) &&
      (edges === this.edges || (edgePatch?.previous === this.edges && !edgePatch.rewired)) &&
      this.splice(nodePatch?.splice, edgePatch?.splice)
    ) {
      const held = this.nodes.length;
      for (const i of nodePatch?.indices ?? [])
        if (nodePatch?.splice || i < held) this.place(i, nodes[i]!);
      // Created nodes, appended to the list: dirty items of the index, no rebuild.
      if (!nodePatch?.splice)
        for (let i = held; i < nodes.length; i++) this.appendNode(i, nodes[i]!);
      this.nodes = nodes;
      this.edges = edges;
      return ++this.version;
    }
    const prevNodes = this.nodes;
    const sameNodeIds =
      nodes.length === prevNodes.length && nodes.every((n, i) => n.id === prevNodes[i]!.id);
    if (!sameNodeIds || !sameWiring(this.edges, edges)) {
      this.nodes = nodes;
      this.edges = edges;
      this.graph = new GraphIndex(nodes.map(toIndexNode), edges, this.options);
      this.nodeAt = this.edgeAt = null;
      return ++this.version;
    }
    let changed = edges !== this.edges && !sameItems(edges, this.edges);
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i]!;
      const prev = prevNodes[i]!;
      if (node === prev) continue;
      changed = true; // a new object (e.g. selected, new data) must reach React Flow
      this.place(i, node);
    }
    this.nodes = nodes;
    this.edges = edges;
    if (changed) this.version++;
    return this.version;
  }

  private place(i: number, node: N): void {
    const g = this.nodeAt ? this.nodeAt[i]! : i;
    this.graph.moveNode(g, node.position.x, node.position.y);
    const w = nodeWidth(node);
    const h = nodeHeight(node);
    if (w !== undefined && h !== undefined) this.graph.resizeNode(g, w, h);
  }

  /** Adds list node i (created) as a node of the index. */
  private appendNode(i: number, node: N): void {
    const g = this.graph.appendNode(toIndexNode(node));
    if (this.nodeAt) {
      const at = new Int32Array(i + 1);
      at.set(this.nodeAt.subarray(0, i));
      at[i] = g;
      this.nodeAt = at;
    }
  }

  /**
   * Follows a splice of the lists (nodes and links that went: list-patch.ts `listPatch`)
   * without a rebuild: the index keeps its numbering, those that went are taken out of its
   * answers, and `nodeAt` (`edgeAt`) maps list positions to the index's (and back, by search:
   * it must stay ascending, so anything that comes in the middle takes the rebuild). False
   * (rebuild) when something came, or a node went whose links did not.
   */
  private splice(nodeSplice?: ListSplice, edgeSplice?: ListSplice): boolean {
    if (!nodeSplice && !edgeSplice) return true;
    // New wiring, or a node come in the middle (restored: its links come back with it).
    if (edgeSplice?.inserted.length || nodeSplice?.inserted.length) return false;
    const edgeAt = (k: number) => (this.edgeAt ? this.edgeAt[k]! : k);
    for (const k of edgeSplice?.removed ?? []) this.graph.removeEdge(edgeAt(k));
    const nodeAt = (k: number) => (this.nodeAt ? this.nodeAt[k]! : k);
    for (const k of nodeSplice?.removed ?? []) if (!this.graph.removeNode(nodeAt(k))) return false;
    if (edgeSplice) this.edgeAt = spliceAt(this.edgeAt ?? identity(this.edges.length), edgeSplice);
    if (nodeSplice) this.nodeAt = spliceAt(this.nodeAt ?? identity(this.nodes.length), nodeSplice);
    return true;
  }

  /**
   * The nodes and edges to hand to React Flow for `rect`. Returns the previous arrays when
   * the answer has not changed, so React Flow and memoised children see no new props.
   */
  select(rect: Rect): FlowSubset<N, E> {
    const found = this.graph.query(rect);
    const nodes = inList(found.nodes, this.nodeAt).map((i) => this.nodes[i]!);
    const edges = inList(found.edges, this.edgeAt).map((e) => this.edges[e]!);
    const next = {
      nodes: sameItems(nodes, this.last.nodes) ? this.last.nodes : nodes,
      edges: sameItems(edges, this.last.edges) ? this.last.edges : edges,
    };
    if (next.nodes !== this.last.nodes || next.edges !== this.last.edges) this.last = next;
    return this.last;
  }
}
