/**
 * A FlowIndex made when first needed (docs/canvas-performance.md, "First frame"): a large plan
 * opens in the overview, where nothing is handed to React Flow, so its index (~0.2 s at
 * 100,000 nodes) is built once the page is idle after the first frame, or at once when a query
 * needs it. It takes the latest lists it was offered when asked for `current()`.
 */
import type { Edge, Node } from '@xyflow/react';
import { FlowIndex } from './flow-sync';
import type { GraphIndexOptions } from './graph-index';

export class LazyFlowIndex<N extends Node, E extends Edge> {
  private flow: FlowIndex<N, E> | null = null;
  private nodes: readonly N[] = [];
  private edges: readonly E[] = [];

  constructor(private readonly options: GraphIndexOptions = {}) {}

  /** The lists the index must hold (cheap; nothing is built). */
  offer(nodes: readonly N[], edges: readonly E[]): void {
    this.nodes = nodes;
    this.edges = edges;
  }

  /** The index if it exists, brought up to the offered lists; answers its version too. */
  current(): { flow: FlowIndex<N, E>; version: number } | null {
    return this.flow
      ? { flow: this.flow, version: this.flow.update(this.nodes, this.edges) }
      : null;
  }

  /**
   * The index as it is, not brought up to the offered lists (while paused nothing is drawn
   * from it: a node removed under the overview must not cost a rebuild on the change path).
   */
  held(): { flow: FlowIndex<N, E>; version: number } | null {
    return this.flow ? { flow: this.flow, version: this.flow.version } : null;
  }

  /** The index, built now from the offered lists if it was not yet. */
  build(): { flow: FlowIndex<N, E>; version: number } {
    this.flow ??= new FlowIndex<N, E>(this.nodes, this.edges, this.options);
    return this.current()!;
  }
}
