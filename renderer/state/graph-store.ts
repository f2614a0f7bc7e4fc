/**
 * The canvas's view of the open workspace (zustand): records as the service last answered
 * them, kept current by folding each history batch in (`applyBatch`), plus whose view it is
 * and which nodes are flashing because a cascade just changed them.
 */
import { create } from 'zustand';
import type { Batch } from '../../shared/engine/batch';
import type { GraphView, WorkspaceInfo } from '../../shared/contract/methods';
import type { CustomLinkType, LinkRecord, Member, NodeRecord } from '../../shared/model/types';
import { nextTask, whenIdle } from '../canvas/virtualization/idle';
import { buildActive, updateActive, warmActive, type ActiveGraph } from './active-graph';
import { applyBatch, type Records } from './apply-batch';
import { RecordMap } from './record-map';

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
  /**
   * The change path (docs/canvas-performance.md): `version` counts the records' changes;
   * `scratch` is the version of the last from-scratch load (a consumer older than that starts
   * over); `changes` the ids each recent batch touched, for consumers that patch what changed.
   */
  version: number;
  scratch: number;
  changes: readonly GraphChange[];
  /** Records not in trash, kept up to date batch by batch (active-graph.ts). */
  active: ActiveGraph;
  /**
   * Shows `view` from scratch, with `meanwhile` folded in on top: batches folded in while it
   * was being read, which it may predate (recordBatches).
   */
  setView(view: GraphView, meanwhile?: readonly Arrived[]): void;
  setMembers(members: Member[]): void;
  setCustomTypes(types: CustomLinkType[]): void;
  /** Folds a batch in; `workspace` says whose it is when it was pushed (App.tsx). */
  applyBatch(batch: BatchRecords, workspace?: string): void;
}

/** What of a batch the page's records take. */
export type BatchRecords = Pick<Batch, 'nodes' | 'links'>;

/** A batch folded in, and the workspace it was pushed for (none: this page's own change). */
export interface Arrived {
  batch: BatchRecords;
  workspace?: string;
}

/** Every recordBatches still noting: each gets each batch folded in. */
const recorders = new Set<Arrived[]>();

/** Notes a batch for every recordBatches on (applyBatch does; App.tsx alone while opening). */
export function noteBatch(arrived: Arrived): void {
  for (const seen of recorders) seen.push(arrived);
}

/**
 * Notes every batch folded in from now on; the answered function stops and answers them.
 * A view read from the service meanwhile may be older than some of them (a 100,000-node
 * plan takes a second to read and send), and setView would drop them: reloadView folds them
 * in again on top. Folding a batch in sets each record to its image, so batches the view
 * already holds, folded again in their order, end where it did.
 */
export function recordBatches(): () => Arrived[] {
  const seen: Arrived[] = [];
  recorders.add(seen);
  return () => {
    recorders.delete(seen);
    return seen;
  };
}

/** The ids one batch touched, and the version it made. */
export interface GraphChange {
  version: number;
  nodes: ReadonlySet<string>;
  links: ReadonlySet<string>;
}

/** How many batches back a consumer may catch up by patching (older ones start over). */
const CHANGES_KEPT = 64;

const EMPTY_RECORDS = {
  nodes: RecordMap.empty<NodeRecord>(),
  links: RecordMap.empty<LinkRecord>(),
};

const recordsOf = (view: GraphView): Records => ({
  nodes: RecordMap.byId(view.nodes),
  links: RecordMap.byId(view.links),
});

/** What prepareView made, by the view it was made from (taken by setView). */
const prepared = new WeakMap<GraphView, { records: Records; active: ActiveGraph }>();

/**
 * Makes `view`'s records and their active lists (with the nodes' id index they look ends up
 * in: ~0.15 s at 100,000 nodes) ahead of `setView`, so that a page opening a large plan does
 * it in a task of its own (reloadView) rather than in the commit that shows the records.
 * setView takes them unless batches folded in on top changed the records.
 */
export function prepareView(view: GraphView): { records: Records; active: ActiveGraph } {
  const records = recordsOf(view);
  const made = { records, active: buildActive(records) };
  prepared.set(view, made);
  return made;
}

export const useGraphStore = create<GraphState>((set, get) => ({
  workspace: null,
  viewer: null,
  nodes: EMPTY_RECORDS.nodes,
  links: EMPTY_RECORDS.links,
  members: [],
  customTypes: new Map(),
  flashing: new Set(),
  version: 0,
  scratch: 0,
  changes: [],
  active: buildActive(EMPTY_RECORDS),
  setView(view, meanwhile = []) {
    const ready = prepared.get(view);
    prepared.delete(view);
    let records: Records = ready?.records ?? recordsOf(view);
    let folded = false;
    for (const { batch, workspace } of meanwhile) {
      // A plan opening does not know its workspace yet (App.tsx): other plans' batches are left.
      if (workspace !== undefined && workspace !== view.workspace.id) continue;
      const { nodes, links } = applyBatch(records, batch);
      records = { nodes, links };
      folded = true;
    }
    const version = get().version + 1;
    const active = ready && !folded ? ready.active : buildActive(records);
    set({
      workspace: view.workspace,
      viewer: view.member,
      ...records,
      version,
      scratch: version,
      changes: [],
      active,
    });
    // The change path's maps after the first frame (a second after, when idle), so the
    // first change does not build them.
    // Two tasks, not one: together they held the page ~0.23 s at 100,000 nodes.
    whenIdle(() => {
      if (get().active !== active) return;
      warmActive(active);
      nextTask(() => {
        if (get().active === active) records.links.has(''); // the links' id index (RecordMap)
      });
    }, 1000);
  },
  setMembers(members) {
    set({ members });
  },
  setCustomTypes(types) {
    set({ customTypes: new Map(types.map((t) => [t.id, t])) });
  },
  applyBatch(batch, workspace) {
    // Where a change starts on this page: the canvas benchmark measures from here to the frame.
    performance.mark('lg-batch');
    noteBatch({ batch, workspace });
    const state = get();
    const { nodes, links, statusChanged, changedNodes, changedLinks } = applyBatch(state, batch);
    if (changedNodes.size === 0 && changedLinks.size === 0) return;
    const version = state.version + 1;
    const change: GraphChange = { version, nodes: changedNodes, links: changedLinks };
    const next = {
      nodes,
      links,
      version,
      changes: [...state.changes.slice(-(CHANGES_KEPT - 1)), change],
      active: updateActive(state.active, state, { nodes, links }, changedNodes, changedLinks),
    };
    if (statusChanged.length === 0) {
      set(next);
      return;
    }
    set({ ...next, flashing: new Set([...get().flashing, ...statusChanged]) });
    setTimeout(() => {
      const still = new Set(get().flashing);
      for (const id of statusChanged) still.delete(id);
      set({ flashing: still });
    }, FLASH_MS);
  },
}));

/**
 * The ids changed since `version` (the union of the batches after it), or null when the
 * records were loaded from scratch since, or the batches in between are no longer kept.
 */
export function changedSince(
  state: Pick<GraphState, 'version' | 'scratch' | 'changes'>,
  version: number,
): { nodes: Set<string>; links: Set<string> } | null {
  if (version < state.scratch || version > state.version) return null;
  const nodes = new Set<string>();
  const links = new Set<string>();
  if (version === state.version) return { nodes, links };
  const first = state.changes[0];
  if (!first || first.version > version + 1) return null;
  for (const change of state.changes) {
    if (change.version <= version) continue;
    for (const id of change.nodes) nodes.add(id);
    for (const id of change.links) links.add(id);
  }
  return { nodes, links };
}

/**
 * Records not in trash, in a stable order (the canvas's input). For the store's own records
 * this is the list kept batch by batch (no pass over 100,000 records); treat it as read-only.
 */
export const activeNodes = (nodes: ReadonlyMap<string, NodeRecord>): NodeRecord[] => {
  const state = useGraphStore.getState();
  if (nodes === state.nodes) return state.active.nodes as NodeRecord[];
  return [...nodes.values()].filter((n) => !n.in_trash);
};
export const activeLinks = (
  links: ReadonlyMap<string, LinkRecord>,
  nodes: ReadonlyMap<string, NodeRecord>,
): LinkRecord[] => {
  const state = useGraphStore.getState();
  if (links === state.links && nodes === state.nodes) return state.active.links as LinkRecord[];
  return [...links.values()].filter(
    (l) =>
      !l.in_trash &&
      nodes.get(l.source)?.in_trash === false &&
      nodes.get(l.target)?.in_trash === false,
  );
};
