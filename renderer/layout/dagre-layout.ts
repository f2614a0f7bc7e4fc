/**
 * The layered layout of dagre (what the editor used first): positions only, links are drawn
 * as the canvas's usual curves.
 */
import dagre from '@dagrejs/dagre';
import type { LayoutRequest, LayoutResult, Point } from './layout-types';

export function dagreLayout(request: LayoutRequest): LayoutResult {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: request.direction, nodesep: 40, ranksep: 90, marginx: 20, marginy: 20 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const { id, width, height } of request.nodes) g.setNode(id, { width, height });
  for (const e of request.edges)
    if (g.hasNode(e.source) && g.hasNode(e.target) && e.source !== e.target)
      g.setEdge(e.source, e.target);
  dagre.layout(g);
  const positions: Record<string, Point> = {};
  for (const { id, width, height } of request.nodes) {
    const laid = g.node(id);
    positions[id] = { x: Math.round(laid.x - width / 2), y: Math.round(laid.y - height / 2) };
  }
  return { engine: 'dagre', direction: request.direction, positions, routes: {} };
}
