/**
 * The card hand-over spread over frames (docs/canvas-performance.md, "Zoom"): zooming in past
 * the overview layer hands React Flow every card on screen at once (~170–200 at 100,000
 * nodes), and mounting them in one commit took one frame of 300–480 ms. Instead the cards
 * nearest the view's centre come first, STAGGER_CHUNK more each frame, while the overview
 * layer keeps drawing the plan underneath (overview-mode.ts `hold`).
 */
import type { Edge, Node } from '@xyflow/react';
import type { Rect } from './geometry';

/**
 * Cards mounted per frame during a hand-over: at 100,000 nodes 20 a frame gave frames of at
 * most 67–83 ms (425 cards in all; 12 gave 50–67 ms but took over a second; 30, 100 ms).
 */
export const STAGGER_CHUNK = 20;

/**
 * The hand-over's limit one frame on: `chunk` more cards, or no limit at all once that covers
 * the `total` on screen. A finite limit left behind would start a new hand-over (the overview
 * layer held and drawn again, ~10–25 ms) whenever one more card comes on screen later, e.g.
 * the far end of a link just made.
 */
export function nextStaggerLimit(limit: number, chunk: number, total: number): number {
  const next = limit + chunk;
  return next >= total ? Infinity : next;
}

/**
 * The `limit` nodes of `nodes` nearest the centre of `rect` (in the list's own order, which is
 * the tab order), and the edges with both ends among them.
 */
export function nearestFirst<N extends Node, E extends Edge>(
  nodes: readonly N[],
  edges: readonly E[],
  rect: Rect,
  limit: number,
): { nodes: N[]; edges: E[] } {
  if (limit >= nodes.length) return { nodes: nodes.slice(), edges: edges.slice() };
  const cx = (rect.minX + rect.maxX) / 2;
  const cy = (rect.minY + rect.maxY) / 2;
  const order = nodes.map((n, i) => {
    const dx = n.position.x - cx;
    const dy = n.position.y - cy;
    return { i, d: dx * dx + dy * dy };
  });
  order.sort((a, b) => a.d - b.d || a.i - b.i);
  const keep = new Uint8Array(nodes.length);
  for (let k = 0; k < limit; k++) keep[order[k]!.i] = 1;
  const kept = nodes.filter((_, i) => keep[i]);
  const ids = new Set(kept.map((n) => n.id));
  return { nodes: kept, edges: edges.filter((e) => ids.has(e.source) && ids.has(e.target)) };
}
