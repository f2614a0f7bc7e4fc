/**
 * Keeps a GraphIndex in step with the React Flow node and edge arrays the app holds, and picks
 * the subset for a query rectangle. Framework-free, so the React hook stays a thin shell.
 *
 * Updates are diffed by object identity, the way React Flow's own `applyNodeChanges` works:
 * an unchanged node keeps its object, so a drag that replaces one node costs an O(N) pointer
 * scan plus O(degree) index work — no rebuild. A node appended by the change path (a created
 * node, flow-elements.ts `listPatch`) joins as a dirty item; removing nodes, adding edges or
 * re-wiring them rebuilds the index (a few milliseconds for 10,000 nodes; see docs/canvas-performance.md).
 *
 * Positions are read as absolute: Linkgraph has no sub-flows (`parentId`), whose positions
 * would be relative to their parent.
 */
import type { Edge, Node } from '@xyflow/react';
import type { Rect } from './geometry';
import { listPatch } from '../flow-elements';
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

export class FlowIndex<N extends Node = Node, E extends Edge = Edge> {
  private nodes: readonly N[];
  private edges: readonly E[];
  private graph: GraphIndex;
  private last: FlowSubset<N, E> = { nodes: [], edges: [] };
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
      (nodes === this.nodes || (nodePatch?.previous === this.nodes && !nodePatch.splice)) &&
      (edges === this.edges ||
        (edgePatch?.previous === this.edges && !edgePatch.rewired && !edgePatch.splice))
    ) {
      const held = this.nodes.length;
      for (const i of nodePatch?.indices ?? []) if (i < held) this.place(i, nodes[i]!);
      // Created nodes, appended to the list: dirty items of the index, no rebuild.
      for (let i = held; i < nodes.length; i++) this.graph.appendNode(toIndexNode(nodes[i]!));
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
    this.graph.moveNode(i, node.position.x, node.position.y);
    const w = nodeWidth(node);
    const h = nodeHeight(node);
    if (w !== undefined && h !== undefined) this.graph.resizeNode(i, w, h);
  }

  /**
   * The nodes and edges to hand to React Flow for `rect`. Returns the previous arrays when
   * the answer has not changed, so React Flow and memoised children see no new props.
   */
  select(rect: Rect): FlowSubset<N, E> {
    const found = this.graph.query(rect);
    const nodes = found.nodes.map((i) => this.nodes[i]!);
    const edges = found.edges.map((e) => this.edges[e]!);
    const next = {
      nodes: sameItems(nodes, this.last.nodes) ? this.last.nodes : nodes,
      edges: sameItems(edges, this.last.edges) ? this.last.edges : edges,
    };
    if (next.nodes !== this.last.nodes || next.edges !== this.last.edges) this.last = next;
    return this.last;
  }
}
