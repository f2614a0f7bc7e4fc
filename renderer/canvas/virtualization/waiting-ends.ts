/**
 * The edges of a GraphIndex that name a node it does not have (yet): React Flow would not draw
 * them, so they stay out of the index's answers, waiting for a node of that id — one appended
 * later wires them in place instead of the FlowIndex rebuilding.
 */
import type { IndexEdge } from './graph-index-types';

export class WaitingEnds {
  /** Edges held with an unknown end. */
  count = 0;
  /** Unknown end id → the edges waiting for it, as 2e (source) or 2e + 1 (target). */
  private byId: Map<string, number[]> | null = null;

  /** Edge e waits for the ends it lacks (s or t is -1). */
  add(e: number, edge: IndexEdge, s: number, t: number): void {
    this.count++;
    const byId = (this.byId ??= new Map());
    const wait = (id: string, code: number) => {
      const list = byId.get(id);
      if (list) list.push(code);
      else byId.set(id, [code]);
    };
    if (s < 0) wait(edge.source, 2 * e);
    if (t < 0) wait(edge.target, 2 * e + 1);
  }

  /** The edges waiting for node `id` (2e: its source, 2e + 1: its target), no longer kept. */
  take(id: string): readonly number[] | undefined {
    const codes = this.byId?.get(id);
    if (codes) this.byId!.delete(id);
    return codes;
  }
}
