/**
 * The canvas's full React Flow lists, kept in step with the graph store by patching what each
 * batch touched (docs/canvas-performance.md, "The change path"). `flowFromScratch` derives
 * every element (a workspace opened, the custom types changed); `advanceFlow` re-derives only
 * the nodes and links a batch touched, the links around touched nodes (their blocking look and
 * names read their ends) and the nodes whose "waits for" changed, splices in or out the nodes
 * and links that came or went (as the active lists did), and falls back to a sync of the whole
 * lists (which keeps every unchanged element) when the lists no longer line up.
 *
 * Pure apart from `waits` and `blocking`, which are edited in place from one state to the next
 * (only the newest state is read; re-running an advance on the same state gives the same lists).
 */
import type { CustomLinkType, LinkRecord, NodeRecord } from '../../shared/model/types';
import { listEditOf, type ActiveGraph } from '../state/active-graph';
import {
  isBlockingNow,
  linkEnds,
  patchFlowEdges,
  patchFlowNodes,
  syncFlowEdges,
  syncFlowNodes,
  type LinkgraphFlowEdge,
  type LinkgraphFlowNode,
  type ListSplice,
} from './flow-elements';
import { FEW_NODES } from './overview/overview-draw';

/** What the lists are derived from (the graph store's fields). */
export interface FlowInput {
  version: number;
  active: ActiveGraph;
  nodesById: ReadonlyMap<string, NodeRecord>;
  flashing: ReadonlySet<string>;
  customTypes: ReadonlyMap<string, CustomLinkType>;
}

export interface FlowLists {
  input: FlowInput;
  nodes: LinkgraphFlowNode[];
  /**
   * Every active link's element, in the active links' order; while `edgesPending`, only the
   * links blocking right now (flowFirstFrame), until `completeEdges`.
   */
  edges: LinkgraphFlowEdge[];
  edgesPending?: true;
  /** Blocked node → the nodes blocking it right now (waitingOn's answer, kept up to date). */
  waits: Map<string, NodeRecord[]>;
  /** Link blocking right now → its blocked end. */
  blocking: Map<string, string>;
}

/** The ids changed between two inputs (graph-store's changedSince), or null: start over. */
export type ChangesSince = (version: number) => { nodes: Set<string>; links: Set<string> } | null;

export function flowFromScratch(input: FlowInput, previous?: FlowLists): FlowLists {
  const { active, nodesById, customTypes, flashing } = input;
  const { waits, blocking } = blockingOf(input);
  return {
    input,
    nodes: syncFlowNodes(previous?.nodes ?? [], active.nodes, flashing, waits),
    edges: syncFlowEdges(previous?.edges ?? [], active.links, customTypes, nodesById),
    waits,
    blocking,
  };
}

/**
 * Which links block right now (link → its blocked end, and their records in the active order)
 * and what each blocked node waits for.
 */
function blockingOf(
  input: FlowInput,
): Pick<FlowLists, 'waits' | 'blocking'> & { links: LinkRecord[] } {
  const { active, nodesById, customTypes } = input;
  const waits = new Map<string, NodeRecord[]>();
  const blocking = new Map<string, string>();
  const links: LinkRecord[] = [];
  for (const link of active.links) {
    if (!isBlockingNow(link, nodesById, customTypes)) continue;
    const ends = linkEnds(link, customTypes);
    const blocker = nodesById.get(ends.blocker);
    if (!blocker) continue;
    blocking.set(link.id, ends.blocked);
    links.push(link);
    const list = waits.get(ends.blocked);
    if (list) list.push(blocker);
    else waits.set(ends.blocked, [blocker]);
  }
  return { waits, blocking, links };
}

/**
 * A plan opened with more links than this, and more nodes than the overview draws every link
 * for (FEW_NODES), shows its first frame before the elements of its links are made.
 */
export const DEFER_EDGES_ABOVE = 20_000;

/**
 * The lists a plan opens with (docs/canvas-performance.md, "First frame"). A large plan opens
 * fitted, drawn by the overview layer, which at that size draws only the links blocking right
 * now: so the first frame gets those links' elements only (`edgesPending`), and the other
 * ~150,000 (~0.3 s with their accessible names, and their garbage) are made right after it
 * (`completeEdges`). Anything else is `flowFromScratch`.
 */
export function flowFirstFrame(input: FlowInput): FlowLists {
  const ahead = madeAhead.get(input.active);
  if (ahead) {
    madeAhead.delete(input.active);
    const was = ahead.input;
    if (
      was.nodesById === input.nodesById &&
      was.customTypes === input.customTypes &&
      was.flashing === input.flashing
    )
      return { ...ahead, input };
  }
  const { active, nodesById, customTypes, flashing } = input;
  if (active.links.length <= DEFER_EDGES_ABOVE || active.nodes.length <= FEW_NODES)
    return flowFromScratch(input);
  // The blocking links as blockingOf met them (not a filter of every link by id: 150,000
  // look-ups, each hashing an id string for the first time, ~0.1 s before the first frame).
  const { waits, blocking, links: blockingLinks } = blockingOf(input);
  return {
    input,
    nodes: syncFlowNodes([], active.nodes, flashing, waits),
    edges: syncFlowEdges([], blockingLinks, customTypes, nodesById),
    edgesPending: true,
    waits,
    blocking,
  };
}

/** First frames made ahead (prepareFirstFrame), by the active lists they were made from. */
const madeAhead = new WeakMap<ActiveGraph, FlowLists>();

/**
 * `flowFirstFrame` made ahead of the render that needs it (~0.2 s at 100,000 nodes), so that a
 * page opening a large plan makes it in a task of its own (reloadView), not in the commit that
 * shows the records. That render's `flowFirstFrame` takes it if its input has the same active
 * lists, records, custom types and flashing nodes (else it makes its own).
 */
export function prepareFirstFrame(input: FlowInput): FlowLists {
  const made = flowFirstFrame(input);
  madeAhead.set(input.active, made);
  return made;
}

/** The lists with every link's element made (the first frame's blocking ones kept). */
export function completeEdges(state: FlowLists): FlowLists {
  if (!state.edgesPending) return state;
  const { active, customTypes, nodesById } = state.input;
  const { edgesPending: _pending, ...rest } = state;
  return { ...rest, edges: syncFlowEdges(state.edges, active.links, customTypes, nodesById) };
}

/**
 * `completeEdges` with the elements made beforehand, in slices (flowEdgesInSlices of the
 * links of `made.input`): the state's own elements — the first frame's blocking links, which
 * React Flow may have selected since — are kept in their places. When the state has moved on
 * from that input, or its elements do not line up with the links, `completeEdges` instead.
 * Takes `made.edges` over (edited in place).
 */
export function completeEdgesWith(
  state: FlowLists,
  made: { input: FlowInput; edges: LinkgraphFlowEdge[] },
): FlowLists {
  if (!state.edgesPending) return state;
  const edges = made.edges;
  if (state.input !== made.input || edges.length !== made.input.active.links.length)
    return completeEdges(state);
  // The state's elements are some of the links, in the links' order (blockingOf met them so).
  const own = state.edges;
  let j = 0;
  for (let i = 0; i < edges.length && j < own.length; i++) {
    const mine = own[j] as LinkgraphFlowEdge;
    if ((edges[i] as LinkgraphFlowEdge).id === mine.id) {
      edges[i] = mine;
      j++;
    }
  }
  if (j < own.length) return completeEdges(state);
  const { edgesPending: _pending, ...rest } = state;
  return { ...rest, edges };
}

export function advanceFlow(state: FlowLists, input: FlowInput, since: ChangesSince): FlowLists {
  const before = state.input;
  if (before === input) return state;
  const change = before.customTypes === input.customTypes ? since(before.version) : null;
  if (!change)
    return state.edges.length === 0 && state.nodes.length === 0
      ? flowFirstFrame(input)
      : flowFromScratch(input, state);
  const { active, nodesById, customTypes, flashing } = input;

  // Links to re-derive: the changed ones and those around changed nodes.
  const links = new Set(change.links);
  for (const id of change.nodes) for (const l of active.around.get(id) ?? []) links.add(l);
  // Nodes whose "waits for" may change: those links' ends, and the old blocked end of a
  // changed link that blocked before.
  const waiting = new Set<string>();
  for (const id of links) {
    const was = state.blocking.get(id);
    if (was !== undefined) {
      waiting.add(was);
      state.blocking.delete(id);
    }
    const link = active.linkAt.has(id) ? nodesLink(active, id) : undefined;
    if (link) {
      waiting.add(link.source);
      waiting.add(link.target);
    }
  }
  for (const id of waiting) rewait(id, state, input);

  const nodeIds = new Set([...change.nodes, ...waiting]);
  if (before.flashing !== flashing) {
    for (const id of before.flashing) if (!flashing.has(id)) nodeIds.add(id);
    for (const id of flashing) if (!before.flashing.has(id)) nodeIds.add(id);
  }
  // Nodes or links that came or went: spliced the way the active lists were, when those were
  // made from the lists these were (one batch on).
  const nodeEdit = editFrom(active.nodes, before.active.nodes);
  const linkEdit = editFrom(active.links, before.active.links);
  const nodes =
    patchFlowNodes(
      state.nodes,
      active.nodes,
      active.nodeAt,
      nodeIds,
      flashing,
      state.waits,
      nodeEdit,
    ) ?? syncFlowNodes(state.nodes, active.nodes, flashing, state.waits);
  // Links still pending (flowFirstFrame): all of them made now, the blocking ones kept.
  const edges = state.edgesPending
    ? syncFlowEdges(state.edges, active.links, customTypes, nodesById, change.nodes)
    : (patchFlowEdges(
        state.edges,
        active.links,
        active.linkAt,
        links,
        customTypes,
        nodesById,
        linkEdit,
      ) ?? syncFlowEdges(state.edges, active.links, customTypes, nodesById, change.nodes));
  return { input, nodes, edges, waits: state.waits, blocking: state.blocking };
}

/** The splice that made `list` from `from` (active-graph.ts `listEditOf`), if it was. */
function editFrom(list: readonly unknown[], from: readonly unknown[]): ListSplice | undefined {
  if (list === from) return undefined;
  const edit = listEditOf(list);
  return edit?.previous === from ? edit : undefined;
}

const nodesLink = (active: ActiveGraph, id: string): LinkRecord | undefined =>
  active.links[active.linkAt.get(id) ?? -1];

/** Re-reads which links block `node` right now, in the active links' order. */
function rewait(node: string, state: FlowLists, input: FlowInput): void {
  const { active, nodesById, customTypes } = input;
  const found: { at: number; blocker: NodeRecord }[] = [];
  for (const id of active.around.get(node) ?? []) {
    if (state.blocking.get(id) === node) state.blocking.delete(id);
    const at = active.linkAt.get(id);
    const link = at === undefined ? undefined : active.links[at];
    if (at === undefined || !link || !isBlockingNow(link, nodesById, customTypes)) continue;
    const ends = linkEnds(link, customTypes);
    if (ends.blocked !== node) continue;
    const blocker = nodesById.get(ends.blocker);
    if (!blocker) continue;
    state.blocking.set(id, node);
    found.push({ at, blocker });
  }
  if (found.length === 0) {
    state.waits.delete(node);
    return;
  }
  found.sort((a, b) => a.at - b.at);
  state.waits.set(
    node,
    found.map((f) => f.blocker),
  );
}
