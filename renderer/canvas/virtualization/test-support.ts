/**
 * Seeded random graphs and the brute-force answer the index must match, for the unit tests.
 * The reference walks every node and edge with the same geometry predicates as the index, so
 * any difference is the index's pruning, adjacency or dirty-tracking going wrong.
 */
import {
  curveIntersectsRect,
  DEFAULT_NODE_SIZE,
  edgeControlPoints,
  rectsIntersect,
  type Rect,
} from './geometry';
import type { IndexEdge, IndexNode, ViewResult } from './graph-index';
import { seededRandom } from '../../../shared/test-support/seeded-random';

export { seededRandom as seeded };

export interface RandomGraph {
  nodes: IndexNode[];
  edges: IndexEdge[];
}

/** Nodes scattered over a `span`×`span` plane, some with measured sizes; edges between any
 * two, including self-loops and a few whose end is not a node. */
export function randomGraph(rand: () => number, n: number, m: number, span: number): RandomGraph {
  const nodes: IndexNode[] = [];
  for (let i = 0; i < n; i++) {
    const measured = rand() < 0.3;
    nodes.push({
      id: `n${i}`,
      x: (rand() - 0.5) * span,
      y: (rand() - 0.5) * span,
      width: measured ? 120 + rand() * 200 : undefined,
      height: measured ? 40 + rand() * 120 : undefined,
    });
  }
  const edges: IndexEdge[] = [];
  for (let e = 0; e < m && n > 0; e++) {
    const s = Math.floor(rand() * n);
    const t = rand() < 0.05 ? s : Math.floor(rand() * n);
    edges.push({
      id: `e${e}`,
      source: `n${s}`,
      target: rand() < 0.03 ? `missing${e}` : `n${t}`,
    });
  }
  return { nodes, edges };
}

export function randomRect(rand: () => number, span: number): Rect {
  const w = 50 + rand() * span * 0.4;
  const h = 50 + rand() * span * 0.4;
  const minX = (rand() - 0.6) * span;
  const minY = (rand() - 0.6) * span;
  return { minX, minY, maxX: minX + w, maxY: minY + h };
}

function box(node: IndexNode): Rect {
  const w = node.width ?? DEFAULT_NODE_SIZE.width;
  const h = node.height ?? DEFAULT_NODE_SIZE.height;
  return { minX: node.x, minY: node.y, maxX: node.x + w, maxY: node.y + h };
}

/** The O(N + E) answer: every node and every edge tested directly. */
export function bruteForce(graph: RandomGraph, r: Rect): ViewResult {
  const at = new Map(graph.nodes.map((node, i) => [node.id, i]));
  const visibleNodes: number[] = [];
  graph.nodes.forEach((node, i) => {
    if (rectsIntersect(box(node), r)) visibleNodes.push(i);
  });
  const visible = new Set(visibleNodes);
  const edges: number[] = [];
  const rendered = new Set(visibleNodes);
  const c = new Float64Array(8);
  graph.edges.forEach((edge, e) => {
    const s = at.get(edge.source);
    const t = at.get(edge.target);
    if (s === undefined || t === undefined) return;
    const sb = box(graph.nodes[s]!);
    const tb = box(graph.nodes[t]!);
    edgeControlPoints(sb.maxX, (sb.minY + sb.maxY) / 2, tb.minX, (tb.minY + tb.maxY) / 2, c);
    if (visible.has(s) || visible.has(t) || curveIntersectsRect(c, r)) {
      edges.push(e);
      rendered.add(s);
      rendered.add(t);
    }
  });
  const ascending = (a: number, b: number) => a - b;
  return { nodes: [...rendered].sort(ascending), visibleNodes, edges };
}
