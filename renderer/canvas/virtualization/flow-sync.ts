/**
 * Keeps a GraphIndex in step with the React Flow node and edge arrays the app holds, and picks
 * the subset for a query rectangle. Framework-free, so the React hook stays a thin shell.
 *
 * Updates are diffed by object identity, the way React Flow's own `applyNodeChanges` works:
 * an unchanged node keeps its object, so a drag that replaces one node costs an O(N) pointer
 * scan plus O(degree) index work — no rebuild. A node appended by the change path (a created
 * node, list-patch.ts `listPatch`) joins as a dirty item; nodes and links that came or
 * went and links re-wired are followed in place (follow-patch.ts): the index keeps its
 * numbering, mapped to the lists' positions, instead of a rebuild (~45 ms at 100,000 nodes).
 *
 * Positions are read as absolute: Linkgraph has no sub-flows (`parentId`), whose positions
 * would be relative to their parent.
 */
import type { Edge, Node } from '@xyflow/react';
import type { Rect } from './geometry';
import { listPatch } from '../list-patch';
import { followPatch } from './follow-patch';
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

/**
 * Index item → list position (-1: not in the list), from `at` (list position → item). While
 * `at` is ascending (only removals and appends so far, the common case) a binary search per
 * item found answers it, with no map built per change; once something came in the middle (a
 * restore, a re-wired link: new, higher items there) an inverse map, built when first asked.
 */
class ItemPositions {
  readonly ascending: boolean;
  private inverse: Int32Array | null = null;

  /** `ascending`: known (the map made from an ascending one by removals and appends only). */
  constructor(
    private readonly at: Int32Array,
    private readonly items: number,
    ascending?: boolean,
  ) {
    let asc = true;
    if (ascending !== undefined) asc = ascending;
    else for (let i = 1; i < at.length && asc; i++) asc = at[i - 1]! < at[i]!;
    this.ascending = asc;
  }

  of(item: number): number {
    const at = this.at;
    if (!this.ascending) {
      if (!this.inverse) {
        this.inverse = new Int32Array(this.items).fill(-1);
        for (let i = 0; i < at.length; i++) this.inverse[at[i]!] = i;
      }
      return this.inverse[item] ?? -1;
    }
    let lo = 0;
    let hi = at.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (at[mid]! < item) lo = mid + 1;
      else hi = mid;
    }
    return lo < at.length && at[lo] === item ? lo : -1;
  }
}

/** Index items found → list positions, ascending (the list's order). */
function inList(found: number[], positions: ItemPositions | null): number[] {
  if (!positions) return found;
  const sorted = new Int32Array(found.length);
  let n = 0;
  for (const g of found) {
    const i = positions.of(g);
    if (i >= 0) sorted[n++] = i;
  }
  // A typed array sorts numerically in native code (a comparator call per compare otherwise).
  return Array.from(sorted.subarray(0, n).sort());
}

/**
 * A GraphIndex of the lists, marked `lg-flow-index` on the page's timeline: its build is
 * ~0.2 s at 100,000 nodes, and the large-plan e2e test counts them (overview-100k.spec.ts).
 */
function indexOf(
  nodes: readonly Node[],
  edges: readonly Edge[],
  options: GraphIndexOptions,
): GraphIndex {
  performance.mark('lg-flow-index', { detail: { nodes: nodes.length, edges: edges.length } });
  return new GraphIndex(nodes.map(toIndexNode), edges, options);
}

export class FlowIndex<N extends Node = Node, E extends Edge = Edge> {
  private nodes: readonly N[];
  private edges: readonly E[];
  private graph: GraphIndex;
  private last: FlowSubset<N, E> = { nodes: [], edges: [] };
  /**
   * After splices: list position → the index's node (edge), and back (-1: not in the list);
   * null while they are the same numbering.
   */
  private nodeAt: Int32Array | null = null;
  private nodeIn: ItemPositions | null = null;
  private edgeAt: Int32Array | null = null;
  private edgeIn: ItemPositions | null = null;
  /** Bumped whenever `select` may answer differently for the same rectangle. */
  version = 0;

  constructor(
    nodes: readonly N[],
    edges: readonly E[],
    private readonly options: GraphIndexOptions = {},
  ) {
    this.nodes = nodes;
    this.edges = edges;
    this.graph = indexOf(nodes, edges, options);
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
    const patches = { nodes: nodePatch ?? null, edges: edgePatch ?? null };
    const follows =
      (nodes === this.nodes || nodePatch?.previous === this.nodes) &&
      (edges === this.edges || edgePatch?.previous === this.edges);
    const held = { nodes: this.nodes, edges: this.edges, nodeAt: this.nodeAt, edgeAt: this.edgeAt };
    const maps = follows
      ? followPatch(this.graph, held, nodes, edges, patches, toIndexNode, (g, node) =>
          this.place(g, node),
        )
      : null;
    if (maps) {
      this.nodeAt = maps.nodeAt;
      this.edgeAt = maps.edgeAt;
      // Still ascending when it was (null: the identity) and only removals and appends came.
      const kept = (was: ItemPositions | null, inOrder?: boolean) =>
        inOrder && (was?.ascending ?? true) ? true : undefined;
      this.nodeIn =
        maps.nodeAt &&
        new ItemPositions(maps.nodeAt, this.graph.nodeCount, kept(this.nodeIn, maps.nodesInOrder));
      this.edgeIn =
        maps.edgeAt &&
        new ItemPositions(maps.edgeAt, this.graph.edgeCount, kept(this.edgeIn, maps.edgesInOrder));
      this.nodes = nodes;
      this.edges = edges;
      return ++this.version;
    }
    const prevNodes = this.nodes;
    const sameNodeIds =
      nodes.length === prevNodes.length && nodes.every((n, i) => n.id === prevNodes[i]!.id);
    if (follows || !sameNodeIds || !sameWiring(this.edges, edges)) {
      this.nodes = nodes;
      this.edges = edges;
      this.graph = indexOf(nodes, edges, this.options);
      this.nodeAt = this.nodeIn = this.edgeAt = this.edgeIn = null;
      return ++this.version;
    }
    let changed = edges !== this.edges && !sameItems(edges, this.edges);
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i]!;
      const prev = prevNodes[i]!;
      if (node === prev) continue;
      changed = true; // a new object (e.g. selected, new data) must reach React Flow
      this.place(this.nodeAt ? this.nodeAt[i]! : i, node);
    }
    this.nodes = nodes;
    this.edges = edges;
    if (changed) this.version++;
    return this.version;
  }

  /** Records node item g's position and size. */
  private place(g: number, node: N): void {
    this.graph.moveNode(g, node.position.x, node.position.y);
    const w = nodeWidth(node);
    const h = nodeHeight(node);
    if (w !== undefined && h !== undefined) this.graph.resizeNode(g, w, h);
  }

  /**
   * The nodes and edges to hand to React Flow for `rect`. Returns the previous arrays when
   * the answer has not changed, so React Flow and memoised children see no new props.
   */
  select(rect: Rect): FlowSubset<N, E> {
    const found = this.graph.query(rect);
    const nodes = inList(found.nodes, this.nodeIn).map((i) => this.nodes[i]!);
    const edges = inList(found.edges, this.edgeIn).map((e) => this.edges[e]!);
    const next = {
      nodes: sameItems(nodes, this.last.nodes) ? this.last.nodes : nodes,
      edges: sameItems(edges, this.last.edges) ? this.last.edges : edges,
    };
    if (next.nodes !== this.last.nodes || next.edges !== this.last.edges) this.last = next;
    return this.last;
  }
}
