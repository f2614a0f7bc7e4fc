/**
 * What the person is looking for on the canvas, beside the graph: the search text and which
 * match is current, the focus (a node with what blocks it and/or what it blocks), the
 * "why is this blocked?" chain the service answered, and the filters. Nothing here changes
 * the graph: it only decides what the canvas shows, dims and highlights (use-find-view.ts).
 */
import { create } from 'zustand';
import type { NodeFilter } from '../../shared/model/node-filter';

/** The filters: one definition with the exports' (shared/model/node-filter.ts). */
export type Filters = NodeFilter;

export interface Focus {
  id: string;
  upstream: boolean;
  downstream: boolean;
}

/** The service's `node.blockers` answer for one node, as sets for the canvas. */
export interface Chain {
  id: string;
  nodes: ReadonlySet<string>;
  links: ReadonlySet<string>;
}

export const NO_FILTERS: Filters = {
  hideStatuses: [],
  kind: '',
  tag: '',
  owner: '',
  blockedOnly: false,
};

export const isFiltering = (f: Filters): boolean =>
  f.hideStatuses.length > 0 || f.kind !== '' || f.tag !== '' || f.owner !== '' || f.blockedOnly;

export interface FindState {
  query: string;
  /** Index into the current matches; -1 before the first Enter. */
  current: number;
  focus: Focus | null;
  chain: Chain | null;
  filters: Filters;
  setQuery(query: string): void;
  setCurrent(current: number): void;
  setFocus(focus: Focus | null): void;
  setChain(chain: Chain | null): void;
  setFilters(patch: Partial<Filters>): void;
}

export const useFindStore = create<FindState>((set, get) => ({
  query: '',
  current: -1,
  focus: null,
  chain: null,
  filters: NO_FILTERS,
  setQuery: (query) => set({ query, current: -1 }),
  setCurrent: (current) => set({ current }),
  setFocus: (focus) => set({ focus }),
  setChain: (chain) => set({ chain }),
  setFilters: (patch) => set({ filters: { ...get().filters, ...patch } }),
}));
