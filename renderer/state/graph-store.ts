/**
 * The canvas's view of the open workspace (zustand): records as the service last answered
 * them, kept current by folding each history batch in (`applyBatch`), plus whose view it is
 * and which nodes are flashing because a cascade just changed them.
 */
import { create } from 'zustand';
import type { Batch } from '../../shared/engine/batch';
import type { GraphView, WorkspaceInfo } from '../../shared/contract/methods';
import type { CustomLinkType, LinkRecord, Member, NodeRecord } from '../../shared/model/types';
import { applyBatch } from './apply-batch';

/** How long a node whose status a cascade changed stays highlighted. */
export const FLASH_MS = 1600;

export interface GraphState {
  workspace: WorkspaceInfo | null;
  /** The member whose graph is shown (the app's member, or whom the person views as). */
  viewer: string | null;
  nodes: ReadonlyMap<string, NodeRecord>;
  links: ReadonlyMap<string, LinkRecord>;
  members: Member[];
  customTypes: ReadonlyMap<string, CustomLinkType>;
  flashing: ReadonlySet<string>;
  setView(view: GraphView): void;
  setMembers(members: Member[]): void;
  setCustomTypes(types: CustomLinkType[]): void;
  applyBatch(batch: Pick<Batch, 'nodes' | 'links'>): void;
}

export const useGraphStore = create<GraphState>((set, get) => ({
  workspace: null,
  viewer: null,
  nodes: new Map(),
  links: new Map(),
  members: [],
  customTypes: new Map(),
  flashing: new Set(),
  setView(view) {
    set({
      workspace: view.workspace,
      viewer: view.member,
      nodes: new Map(view.nodes.map((n) => [n.id, n])),
      links: new Map(view.links.map((l) => [l.id, l])),
    });
  },
  setMembers(members) {
    set({ members });
  },
  setCustomTypes(types) {
    set({ customTypes: new Map(types.map((t) => [t.id, t])) });
  },
  applyBatch(batch) {
    // Where a change starts on this page: the canvas benchmark measures from here to the frame.
    performance.mark('lg-batch');
    const { nodes, links, statusChanged } = applyBatch(get(), batch);
    if (statusChanged.length === 0) {
      set({ nodes, links });
      return;
    }
    set({ nodes, links, flashing: new Set([...get().flashing, ...statusChanged]) });
    setTimeout(() => {
      const still = new Set(get().flashing);
      for (const id of statusChanged) still.delete(id);
      set({ flashing: still });
    }, FLASH_MS);
  },
}));

/** Records not in trash, in a stable order (the canvas's input). */
export const activeNodes = (nodes: ReadonlyMap<string, NodeRecord>): NodeRecord[] =>
  [...nodes.values()].filter((n) => !n.in_trash);
export const activeLinks = (
  links: ReadonlyMap<string, LinkRecord>,
  nodes: ReadonlyMap<string, NodeRecord>,
): LinkRecord[] =>
  [...links.values()].filter(
    (l) =>
      !l.in_trash &&
      nodes.get(l.source)?.in_trash === false &&
      nodes.get(l.target)?.in_trash === false,
  );
