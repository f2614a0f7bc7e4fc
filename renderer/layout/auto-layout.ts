/**
 * Auto-layout with dagre (a maintained layered-graph layout, as React Flow's docs suggest):
 * blockers left of what they block. Returns only the positions that change.
 */
import dagre from '@dagrejs/dagre';
import type { LinkRecord, NodeRecord, Position } from '../../shared/model/types';
import { CARD } from '../../shared/ui-constants';

/** A card's size (shared/ui-constants.ts) plus room for a second title line. */
export const NODE_WIDTH = CARD.width;
export const NODE_HEIGHT = CARD.height + CARD.titleLine;

export function layoutPositions(
  nodes: readonly NodeRecord[],
  links: readonly LinkRecord[],
): Map<string, Position> {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: 'LR', nodesep: 40, ranksep: 90, marginx: 20, marginy: 20 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const node of nodes) g.setNode(node.id, { width: NODE_WIDTH, height: NODE_HEIGHT });
  for (const link of links)
    if (g.hasNode(link.source) && g.hasNode(link.target)) g.setEdge(link.source, link.target);
  dagre.layout(g);
  const moved = new Map<string, Position>();
  for (const node of nodes) {
    const laid = g.node(node.id);
    const position = {
      x: Math.round(laid.x - NODE_WIDTH / 2),
      y: Math.round(laid.y - NODE_HEIGHT / 2),
    };
    if (position.x !== node.position.x || position.y !== node.position.y)
      moved.set(node.id, position);
  }
  return moved;
}
