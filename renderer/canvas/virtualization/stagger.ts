/**
 * The card hand-over spread over frames (docs/canvas-performance.md, "Zoom"): leaving the
 * overview layer hands React Flow every card on screen at once (~170–200 at 100,000 nodes),
 * and mounting them in one commit took one frame of 300–480 ms. Instead the cards nearest the
 * view's centre come first, STAGGER_CHUNK more each frame, while the overview layer keeps
 * drawing the plan underneath (overview-mode.ts `hold`). The same when a zoom that kept its
 * cards rests: the cards it kept stay, and those the view grew to show come a chunk a frame.
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

/** How many of `nodes` are not in `mounted` (all of them without it). */
export function newCount(nodes: readonly Node[], mounted: ReadonlySet<string> | null): number {
  if (!mounted) return nodes.length;
  let n = 0;
  for (const node of nodes) if (!mounted.has(node.id)) n++;
  return n;
}

/**
 * The nodes of `nodes` already `mounted` (cards on screen before the zoom rested: they stay,
 * so nothing on screen is taken down and mounted again), plus the `limit` others nearest the
 * centre of `rect`, in the list's own order (the tab order); and the edges with both ends
 * among them.
 */
export function nearestFirst<N extends Node, E extends Edge>(
  nodes: readonly N[],
  edges: readonly E[],
  rect: Rect,
  limit: number,
  mounted: ReadonlySet<string> | null = null,
): { nodes: N[]; edges: E[] } {
  if (limit >= newCount(nodes, mounted)) return { nodes: nodes.slice(), edges: edges.slice() };
  const cx = (rect.minX + rect.maxX) / 2;
  const cy = (rect.minY + rect.maxY) / 2;
  const keep = new Uint8Array(nodes.length);
  const order: { i: number; d: number }[] = [];
  nodes.forEach((n, i) => {
    if (mounted?.has(n.id)) {
      keep[i] = 1;
      return;
    }
    const dx = n.position.x - cx;
    const dy = n.position.y - cy;
    order.push({ i, d: dx * dx + dy * dy });
  });
  order.sort((a, b) => a.d - b.d || a.i - b.i);
  for (let k = 0; k < limit; k++) keep[order[k]!.i] = 1;
  const kept = nodes.filter((_, i) => keep[i]);
  const ids = new Set(kept.map((n) => n.id));
  return { nodes: kept, edges: edges.filter((e) => ids.has(e.source) && ids.has(e.target)) };
}
