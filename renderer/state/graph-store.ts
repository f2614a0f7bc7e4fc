/**
 * View state of the canvas (zustand): the workspace's nodes and links as the service last
 * answered them, plus loading and error state.
 */
import { create } from 'zustand';
import type { LinkgraphApi } from '../../shared/contract/api';
import type { GraphView } from '../../shared/contract/methods';

export interface GraphState {
  graph: GraphView | null;
  error: string | null;
  load(api: LinkgraphApi): Promise<void>;
}

export const useGraphStore = create<GraphState>((set) => ({
  graph: null,
  error: null,
  async load(api) {
    const result = await api['graph.get']();
    if (result.ok) set({ graph: result.value, error: null });
    else set({ error: result.error.message });
  },
}));
