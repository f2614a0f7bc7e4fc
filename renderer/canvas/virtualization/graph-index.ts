/**
 * A spatial index over a graph's nodes and edges that answers "what must React Flow draw for
 * this viewport?" in time proportional to the answer, not to the graph.
 *
 * Why this shape:
 * - Flatbush (a packed, static Hilbert R-tree) is the fastest index to build and query, but it
 *   cannot be edited. Positions live in typed arrays; a moved node is marked dirty, the tree's
 *   stale box for it is filtered out of searches, and dirty items are checked by a linear scan.
 *   The trees are rebuilt only when the dirty list outgrows a threshold (or on `compact()`), so
 *   dragging one node costs O(its degree) per frame instead of an O(N log N) rebuild.
 * - Edges are indexed by the bounding box of their Bézier control points (which contains the
 *   curve), then confirmed with a curve–rectangle test, so an edge whose ends are both off
 *   screen but which crosses it is still drawn — with both its far end nodes, since React Flow
 *   draws an edge only when both end nodes are in its node list.
 * - Edges with an unknown end are left out: React Flow would not draw them either. They wait
 *   for a node of that id: one appended later wires them in place.
 * - The change path edits it in place: a node or edge added is dirty until the trees are next
 *   built, one that went is filtered out, and a re-wired edge is one gone plus one added.
 */
import type Flatbush from 'flatbush';
import { Adjacency, grown } from './graph-adjacency';
import { packBoxes } from './packed-trees';
import { NodeBoxes } from './node-boxes';
import { WaitingEnds } from './waiting-ends';
import type { GraphIndexOptions, IndexEdge, IndexNode, ViewResult } from './graph-index-types';
import {
  controlBounds,
  curveIntersectsRect,
  DEFAULT_NODE_SIZE,
  edgeControlPoints,
  type Rect,
} from './geometry';

export type { GraphIndexOptions, IndexEdge, IndexNode, ViewResult } from './graph-index-types';

/**
 * The capacity of the per-item arrays for `count` items: 1/64 more (at least 16), so appends
 * on the change path fill the slack instead of reallocating (growth after that is 1.25×).
 */
export const withSlack = (count: number): number => count + Math.max(16, Math.ceil(count / 64));

export class GraphIndex {
  readonly nodeIds: readonly string[];
  readonly edgeIds: readonly string[];
  private readonly nodeIndexById = new Map<string, number>();
  private readonly box: NodeBoxes;
  /** Edge ends as node positions; -1 when an end is not a known node. */
  private src: Int32Array;
  private tgt: Int32Array;
  private readonly adj: Adjacency;
  /** Edges with an end that is not a node (yet): `appendNode` wires them. */
  private readonly waiting = new WaitingEnds();
  private nodeTree: Flatbush | null = null;
  private edgeTree: Flatbush | null = null;
  /** Edge tree item k is edge treeEdge[k] (edges with an unknown end are not in the tree). */
  private treeEdge: Int32Array = new Int32Array(0);
  private nodeDirty: Uint8Array;
  private edgeDirty: Uint8Array;
  private dirtyNodes: number[] = [];
  private dirtyEdges: number[] = [];
  private readonly threshold: number;
  private readonly size: { width: number; height: number };
  /** Generation stamps instead of Sets: a query marks items with `gen`, no allocation. */
  private gen = 0;
  private nodeMark: Uint32Array;
  private edgeMark: Uint32Array;
  private readonly scratch = new Float64Array(8);
  /** Nodes and edges taken out (removeNode / removeEdge), or null for none. */
  private goneNodes: Set<number> | null = null;
  private goneEdges: Set<number> | null = null;
  /** Times the trees have been built, for tests and diagnostics. */
  builds = 0;
  /** The trees are still to be built (`treesLater`): the next query or `compact()` does. */
  private treesDue = false;

  constructor(
    nodes: readonly IndexNode[],
    edges: readonly IndexEdge[],
    options: GraphIndexOptions = {},
  ) {
    const n = nodes.length;
    const m = edges.length;
    const size = options.defaultSize ?? DEFAULT_NODE_SIZE;
    this.size = size;
    this.nodeIds = nodes.map((node) => node.id);
    this.edgeIds = edges.map((edge) => edge.id);
    // Room for what the change path appends (created nodes and links, re-wired links) without
    // copying every per-item array at the first one (~1 ms at 150,000 edges).
    const nodeRoom = withSlack(n);
    const edgeRoom = withSlack(m);
    const box = new NodeBoxes(nodeRoom);
    this.box = box;
    nodes.forEach((node, i) => {
      this.nodeIndexById.set(node.id, i);
      box.set(i, node.x, node.y, node.width ?? size.width, node.height ?? size.height);
    });
    this.src = new Int32Array(edgeRoom);
    this.tgt = new Int32Array(edgeRoom);
    edges.forEach((edge, e) => {
      const s = this.nodeIndexById.get(edge.source) ?? -1;
      const t = this.nodeIndexById.get(edge.target) ?? -1;
      this.src[e] = s;
      this.tgt[e] = t;
      if (s < 0 || t < 0) this.waiting.add(e, edge, s, t);
    });
    this.adj = new Adjacency(n, this.src, this.tgt, m, nodeRoom);
    this.nodeDirty = new Uint8Array(nodeRoom);
    this.edgeDirty = new Uint8Array(edgeRoom);
    this.nodeMark = new Uint32Array(nodeRoom);
    this.edgeMark = new Uint32Array(edgeRoom);
    this.threshold = options.rebuildThreshold ?? Math.max(64, Math.ceil((n + m) / 32));
    if (options.treesLater) this.treesDue = true;
    else this.buildTrees();
  }

  get nodeCount(): number {
    return this.nodeIds.length;
  }

  get edgeCount(): number {
    return this.edgeIds.length;
  }

  /** Room in the per-item arrays (nodes, edges) before an append reallocates them. */
  get capacity(): { nodes: number; edges: number } {
    return { nodes: this.box.capacity, edges: this.src.length };
  }

  /** Items changed since the trees were last built. */
  get pendingChanges(): number {
    return this.dirtyNodes.length + this.dirtyEdges.length;
  }

  indexOfNode(id: string): number | undefined {
    return this.nodeIndexById.get(id);
  }

  /** The node an edge end names, as a new edge would read it (-1: none, or gone). */
  endOf(id: string): number {
    const i = this.nodeIndexById.get(id);
    return i === undefined || this.goneNodes?.has(i) ? -1 : i;
  }

  /** The current box of node i. */
  nodeRect(i: number): Rect {
    return this.box.rect(i);
  }

  /** Edge e's curve (control points), or null when an end is unknown. */
  edgeCurve(e: number, out: Float64Array = new Float64Array(8)): Float64Array | null {
    const s = this.src[e]!;
    const t = this.tgt[e]!;
    if (s < 0 || t < 0) return null;
    const { x, y, w, h } = this.box;
    // Source handle mid-right of its card, target handle mid-left (NodeCard's handles).
    return edgeControlPoints(x[s]! + w[s]!, y[s]! + h[s]! / 2, x[t]!, y[t]! + h[t]! / 2, out);
  }

  edgeEnds(e: number): [number, number] {
    return [this.src[e]!, this.tgt[e]!];
  }

  /** Moves node i; O(degree). Returns false when nothing changed. */
  moveNode(i: number, x: number, y: number): boolean {
    const box = this.box;
    if (box.x[i] === x && box.y[i] === y) return false;
    box.x[i] = x;
    box.y[i] = y;
    this.touchNode(i);
    return true;
  }

  /** Records a measured size for node i; O(degree). Returns false when nothing changed. */
  resizeNode(i: number, width: number, height: number): boolean {
    const box = this.box;
    if (box.w[i] === width && box.h[i] === height) return false;
    box.w[i] = width;
    box.h[i] = height;
    this.touchNode(i);
    return true;
  }

  /**
   * Adds a node with no edges as item `nodeCount` (a created node is last in the canvas's
   * list); it is not in the trees yet, so it is dirty, as a moved node is. Amortised O(1).
   */
  appendNode(node: IndexNode): number {
    const i = this.nodeCount;
    if (i + 1 >= this.box.capacity) this.grow(Math.max(16, Math.ceil((i + 1) * 1.25)));
    this.adj.appendNode(i, this.box.capacity);
    (this.nodeIds as string[]).push(node.id);
    this.nodeIndexById.set(node.id, i);
    const { width, height } = this.size;
    this.box.set(i, node.x, node.y, node.width ?? width, node.height ?? height);
    this.nodeMark[i] = 0;
    this.wireWaiting(node.id, i);
    this.touchNode(i); // marks its edges dirty too, those just wired among them
    return i;
  }

  /** Edges held with an unknown end (a node appended later with that id wires them). */
  get dangling(): number {
    return this.waiting.count;
  }

  /** The edges waiting for node `id` get node i as that end; those now whole join the graph. */
  private wireWaiting(id: string, i: number): void {
    const codes = this.waiting.take(id);
    if (!codes) return;
    for (const code of codes) {
      const e = code >> 1;
      if (this.goneEdges?.has(e)) continue;
      if (code & 1) this.tgt[e] = i;
      else this.src[e] = i;
      const s = this.src[e]!;
      const t = this.tgt[e]!;
      if (s < 0 || t < 0) continue; // still waiting for its other end
      this.waiting.count--;
      this.adj.addEdge(e, s, t);
    }
  }

  /**
   * Takes node i out of every answer for good (a node that went, on the change path: the
   * FlowIndex keeps this numbering until it next rebuilds). Its edges must have gone first:
   * false (and nothing done) when one has not.
   */
  removeNode(i: number): boolean {
    const gone = this.goneEdges;
    if (!this.adj.every(i, (e) => gone?.has(e) === true)) return false;
    (this.goneNodes ??= new Set()).add(i);
    return true;
  }

  /** Takes edge e out of every answer for good (a link that went). */
  removeEdge(e: number): void {
    const gone = (this.goneEdges ??= new Set());
    if (gone.has(e)) return;
    gone.add(e);
    if (this.src[e]! < 0 || this.tgt[e]! < 0) this.waiting.count--;
  }

  /**
   * Adds an edge as item `edgeCount` (a link created, or the new wiring of a re-wired one); it
   * is not in the edge tree yet, so it is dirty, as a moved node's edges are. Amortised O(1).
   */
  addEdge(edge: IndexEdge): number {
    const e = this.edgeCount;
    if (e >= this.src.length) {
      const capacity = Math.max(16, Math.ceil((e + 1) * 1.25));
      this.src = grown(this.src, capacity, e);
      this.tgt = grown(this.tgt, capacity, e);
      this.edgeDirty = grown(this.edgeDirty, capacity, e);
      this.edgeMark = grown(this.edgeMark, capacity, e);
    }
    (this.edgeIds as string[]).push(edge.id);
    const s = this.endOf(edge.source);
    const t = this.endOf(edge.target);
    this.src[e] = s;
    this.tgt[e] = t;
    this.edgeMark[e] = 0;
    if (s < 0 || t < 0) this.waiting.add(e, edge, s, t);
    else this.adj.addEdge(e, s, t);
    this.edgeDirty[e] = 1;
    this.dirtyEdges.push(e);
    return e;
  }

  /** Re-wires edge e: it goes, and the edge with its new ends comes as a new item (returned). */
  replaceEdge(e: number, edge: IndexEdge): number {
    this.removeEdge(e);
    return this.addEdge(edge);
  }

  /** Room for `capacity` nodes in the per-node arrays (the first nodeCount items kept). */
  private grow(capacity: number): void {
    const n = this.nodeCount;
    this.box.grow(capacity + 1, n);
    this.nodeDirty = grown(this.nodeDirty, capacity + 1, n);
    this.nodeMark = grown(this.nodeMark, capacity + 1, n);
  }

  /** Rebuilds the trees now if anything moved (e.g. when a drag ends or the app is idle). */
  compact(): void {
    if (this.treesDue || this.pendingChanges > 0) this.buildTrees();
  }

  /** Builds the trees if the constructor left them for later (`treesLater`), else nothing. */
  buildDueTrees(): void {
    if (this.treesDue) this.buildTrees();
  }

  /** The bounding box of every node, or null for an empty graph (for "fit view"). */
  bounds(): Rect | null {
    return this.box.bounds(this.nodeCount, this.goneNodes);
  }

  /** What to draw for the rectangle `r` (flow coordinates, margin already added). */
  query(r: Rect): ViewResult {
    if (this.treesDue || this.pendingChanges > this.threshold) this.buildTrees();
    const gen = this.nextGeneration();
    const visibleNodes: number[] = [];
    const nodeDirty = this.nodeDirty;
    const nodeMark = this.nodeMark;
    const goneNodes = this.goneNodes;
    const goneEdges = this.goneEdges;
    this.nodeTree?.search(r.minX, r.minY, r.maxX, r.maxY, (i) => {
      if (nodeDirty[i]) return false; // its box in the tree is stale; checked below
      if (goneNodes?.has(i)) return false;
      nodeMark[i] = gen;
      visibleNodes.push(i);
      return false; // collected here; the results array would only be thrown away
    });
    const box = this.box;
    for (const i of this.dirtyNodes) {
      if (goneNodes?.has(i)) continue;
      const x = box.x[i]!;
      const y = box.y[i]!;
      if (x <= r.maxX && x + box.w[i]! >= r.minX && y <= r.maxY && y + box.h[i]! >= r.minY) {
        nodeMark[i] = gen;
        visibleNodes.push(i);
      }
    }

    const edges: number[] = [];
    const edgeMark = this.edgeMark;
    const near = (e: number) => {
      if (edgeMark[e] === gen || goneEdges?.has(e)) return;
      edgeMark[e] = gen;
      edges.push(e);
    };
    for (const v of visibleNodes) this.adj.forEach(v, near);
    // Edges with neither end visible that still cross the rectangle.
    const edgeDirty = this.edgeDirty;
    const treeEdge = this.treeEdge;
    this.edgeTree?.search(r.minX, r.minY, r.maxX, r.maxY, (k) => {
      const e = treeEdge[k]!;
      if (edgeDirty[e] || edgeMark[e] === gen || goneEdges?.has(e)) return false;
      if (curveIntersectsRect(this.edgeCurve(e, this.scratch)!, r)) {
        edgeMark[e] = gen;
        edges.push(e);
      }
      return false;
    });
    for (const e of this.dirtyEdges) {
      if (edgeMark[e] === gen || goneEdges?.has(e)) continue;
      const curve = this.edgeCurve(e, this.scratch);
      if (curve && curveIntersectsRect(curve, r)) {
        edgeMark[e] = gen;
        edges.push(e);
      }
    }

    const nodes = visibleNodes.slice();
    for (const e of edges) {
      const s = this.src[e]!;
      const t = this.tgt[e]!;
      if (nodeMark[s] !== gen) {
        nodeMark[s] = gen;
        nodes.push(s);
      }
      if (nodeMark[t] !== gen) {
        nodeMark[t] = gen;
        nodes.push(t);
      }
    }
    const ascending = (a: number, b: number) => a - b;
    return {
      nodes: nodes.sort(ascending),
      visibleNodes: visibleNodes.sort(ascending),
      edges: edges.sort(ascending),
    };
  }

  private touchNode(i: number): void {
    if (!this.nodeDirty[i]) {
      this.nodeDirty[i] = 1;
      this.dirtyNodes.push(i);
    }
    this.adj.forEach(i, (e) => {
      if (!this.edgeDirty[e]) {
        this.edgeDirty[e] = 1;
        this.dirtyEdges.push(e);
      }
    });
  }

  private nextGeneration(): number {
    this.gen++;
    if (this.gen === 0xffffffff) {
      // Wrapped: clear the stamps so an old mark cannot read as current.
      this.nodeMark.fill(0);
      this.edgeMark.fill(0);
      this.gen = 1;
    }
    return this.gen;
  }

  private buildTrees(): void {
    this.builds++;
    this.treesDue = false;
    const { x: nx, y: ny, w: nw, h: nh } = this.box;
    this.nodeTree = packBoxes(this.nodeCount, (i, add) =>
      add(nx[i]!, ny[i]!, nx[i]! + nw[i]!, ny[i]! + nh[i]!),
    );
    const drawable: number[] = [];
    for (let e = 0; e < this.edgeCount; e++) {
      if (this.src[e]! >= 0 && this.tgt[e]! >= 0 && !this.goneEdges?.has(e)) drawable.push(e);
    }
    this.treeEdge = Int32Array.from(drawable);
    this.edgeTree = packBoxes(drawable.length, (k, add) => {
      const b = controlBounds(this.edgeCurve(drawable[k]!, this.scratch)!);
      add(b.minX, b.minY, b.maxX, b.maxY);
    });
    this.nodeDirty.fill(0);
    this.edgeDirty.fill(0);
    this.dirtyNodes = [];
    this.dirtyEdges = [];
  }
}
