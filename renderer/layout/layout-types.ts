/**
 * What a layout is asked and answers. Plain data only: it crosses into the layout worker
 * (renderer/layout/layout.worker.ts) by structured clone.
 */
export type LayoutDirection = 'LR' | 'TB';
export type LayoutEngine = 'elk' | 'dagre';

export interface Point {
  x: number;
  y: number;
}

export interface LayoutRequest {
  nodes: { id: string; width: number; height: number }[];
  /** Links as the canvas draws them: from `source` (a blocker, a parent) to `target`. */
  edges: { id: string; source: string; target: string }[];
  direction: LayoutDirection;
  /** Which engine; absent: the one chosen for the graph's size (engine-choice.ts). */
  engine?: LayoutEngine;
}

export interface LayoutResult {
  engine: LayoutEngine;
  direction: LayoutDirection;
  /** Top-left corner of every node, the layout's own origin at (0, 0). */
  positions: Record<string, Point>;
  /** Orthogonal route of each edge (start, bends, end), when the engine routes edges. */
  routes: Record<string, Point[]>;
}
