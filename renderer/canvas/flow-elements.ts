/**
 * Maps the service's records to React Flow's nodes and edges, reusing the previous object
 * for every record that did not change — so memoised node and edge components re-render
 * only for what a diff touched, and React Flow keeps its measurements.
 */
import type { Edge, Node } from '@xyflow/react';
import { LINK_TYPE_RULES, PLAIN_RULE } from '../../shared/engine/constants';
import { isBlockingNow, linkEnds } from '../../shared/engine/blocking-now';
import { STATUS_WORDS } from '../../shared/engine/describe-batch';
import type { CustomLinkType, LinkRecord, NodeRecord } from '../../shared/model/types';
import type { GroupedLinks, GroupMark } from '../groups/collapse';
import { linkAccessibleName, nodeAccessibleName } from './accessible-names';
import { appended, recordPatch, startPatch, type ListSplice } from './list-patch';

// The blocking rules the canvas draws live in shared/engine/blocking-now.ts.
export { isBlockingNow, linkEnds } from '../../shared/engine/blocking-now';
// The list patches moved to list-patch.ts; importers of these names here keep working.
export {
  listPatch,
  recordPatch,
  spliceElements,
  type ListPatch,
  type ListSplice,
} from './list-patch';

/** The indices `from`, …, `to` − 1: the elements a patch appends. */
const appendedIndices = (from: number, to: number): number[] =>
  Array.from({ length: Math.max(0, to - from) }, (_, k) => from + k);

/** Status names by code, as the engine words them (describe-batch's STATUS_WORDS). */
export const STATUS_NAMES = ([0, 1, 2, 3] as const).map((s) => STATUS_WORDS[s]);

/**
 * `group`: set on parents of the parts hierarchy (renderer/groups). `waiting`: the node's
 * accessible name names what it waits for (other records), so it is re-read on every sync.
 */
export type LinkgraphNodeData = {
  record: NodeRecord;
  flashing: boolean;
  waiting?: true;
  group?: GroupMark;
};
export type LinkgraphFlowNode = Node<LinkgraphNodeData, 'linkgraph'>;
/**
 * `blocking`: the link is blocking its blocked node right now (drawn red: the chain at a
 * glance). `waits`: for a primary link, the display id of the end that waits on the other
 * (the engine's blocker side [L2]: for `is_parent_of` the parent waits for its child).
 */
export type LinkgraphEdgeData = {
  record: LinkRecord;
  label: string;
  blocking: boolean;
  waits?: string;
  /** Set on an edge drawn to a collapsed group's card: the links it stands for. */
  group?: GroupedLinks;
};
export type LinkgraphFlowEdge = Edge<LinkgraphEdgeData, 'linkgraph'>;

/**
 * `waits`: for each Blocked node, the nodes blocking it right now (waitingOn), named in its
 * accessible name ("… — Blocked, waits for T-3 Write spec").
 */
export function syncFlowNodes(
  previous: readonly LinkgraphFlowNode[],
  records: readonly NodeRecord[],
  flashing: ReadonlySet<string>,
  waits: ReadonlyMap<string, readonly NodeRecord[]> = new Map(),
): LinkgraphFlowNode[] {
  // Records keep their order between batches, so the old element is usually at the same
  // index: the by-id map is built only when one is not (a 100,000-entry map per change).
  let byId: Map<string, LinkgraphFlowNode> | null = null;
  return records.map((record, i) => {
    let old = previous[i];
    if (old?.id !== record.id)
      old = (byId ??= new Map(previous.map((n) => [n.id, n]))).get(record.id);
    return nodeElement(old, record, flashing.has(record.id), waits.get(record.id));
  });
}

/**
 * The change path: `previous` with only the nodes `ids` re-derived, found by their place in
 * `records` (`at`), and the records past its end appended (created nodes take the last slot:
 * renderer/state/active-graph.ts appends them). With `edit` (the active list's `listEditOf`,
 * when `previous` was made from that edit's list), the nodes that went are taken out and those
 * that came put in at their places first. Null when the lists no longer line up: sync instead.
 */
export function patchFlowNodes(
  previous: readonly LinkgraphFlowNode[],
  records: readonly NodeRecord[],
  at: ReadonlyMap<string, number>,
  ids: Iterable<string>,
  flashing: ReadonlySet<string>,
  waits: ReadonlyMap<string, readonly NodeRecord[]>,
  edit?: ListSplice,
): LinkgraphFlowNode[] | null {
  const made = (record: NodeRecord) =>
    nodeElement(undefined, record, flashing.has(record.id), waits.get(record.id));
  const start = startPatch(previous, records, edit, made);
  if (!start) return null;
  let { next } = start;
  const { base, indices } = start;
  // Created nodes (last in the map's order) appended first, in one copy of the list.
  const tail = appendedIndices(base.length, records.length);
  if (tail.length > 0)
    next = appended(
      next ?? previous,
      tail.map((i) => made(records[i]!)),
    );
  for (const id of ids) {
    const i = at.get(id);
    if (i === undefined || i >= base.length) continue;
    const old = base[i];
    const record = records[i];
    if (!old || !record || old.id !== id || record.id !== id) return null;
    const element = nodeElement(old, record, flashing.has(id), waits.get(id));
    if (element === old) continue;
    (next ??= previous.slice())[i] = element;
    indices.push(i);
  }
  indices.push(...tail);
  if (!next) return previous as LinkgraphFlowNode[];
  recordPatch(next, { previous, indices, rewired: false, ...start.splice });
  return next;
}

/** One node's element: the old one while nothing it shows changed. */
function nodeElement(
  old: LinkgraphFlowNode | undefined,
  record: NodeRecord,
  flash: boolean,
  waitsFor: readonly NodeRecord[] | undefined,
): LinkgraphFlowNode {
  // Unchanged and waiting for nothing, before or now: its name cannot have changed either
  // (no string built per node per change on a large plan).
  const same = old !== undefined && old.data.record === record && old.data.flashing === flash;
  if (same && !waitsFor && !old.data.waiting) return old;
  const ariaLabel = nodeAccessibleName(record, waitsFor);
  if (same && old.ariaLabel === ariaLabel) return old;
  return {
    ...old,
    id: record.id,
    type: 'linkgraph',
    position: record.position,
    ariaLabel,
    data: { record, flashing: flash, ...(waitsFor ? { waiting: true as const } : {}) },
  };
}

/** [N2][L2] For each node, the nodes whose links block it right now (their blocker ends). */
export function waitingOn(
  links: readonly LinkRecord[],
  nodes: ReadonlyMap<string, NodeRecord>,
  customTypes: ReadonlyMap<string, CustomLinkType>,
): Map<string, NodeRecord[]> {
  const waits = new Map<string, NodeRecord[]>();
  for (const link of links) {
    if (!isBlockingNow(link, nodes, customTypes)) continue;
    const ends = linkEnds(link, customTypes);
    const blocker = nodes.get(ends.blocker);
    if (!blocker) continue;
    const list = waits.get(ends.blocked);
    if (list) list.push(blocker);
    else waits.set(ends.blocked, [blocker]);
  }
  return waits;
}

/**
 * Links are focusable but out of the page's Tab sequence (tabIndex -1): React Flow draws the
 * edge layer before the node layer, so Tab would reach every link before the first card.
 * tab-order.ts brings them back into the sequence right after the cards.
 */
const EDGE_DOM = { tabIndex: -1, 'aria-roledescription': 'link' } as const;

/**
 * The name a link shows on the canvas: its type's forward name; a plain link says "blocks"
 * only while it is primary (a secondary one blocks nothing).
 */
export function linkLabel(
  link: Pick<LinkRecord, 'type' | 'link_type' | 'custom_link_type'>,
  customTypes: ReadonlyMap<string, CustomLinkType>,
): string {
  if (!link.link_type) return link.type === 0 ? PLAIN_RULE.forward : 'non-blocking link';
  if (link.link_type === 'custom_link') {
    return customTypes.get(link.custom_link_type ?? '')?.forward_name ?? 'custom link';
  }
  return LINK_TYPE_RULES[link.link_type].forward;
}

/**
 * `changedNodes`: the nodes whose records changed since `previous` was made, when the caller
 * knows them (the change path); otherwise they are found by comparing the node maps.
 */
export function syncFlowEdges(
  previous: readonly LinkgraphFlowEdge[],
  records: readonly LinkRecord[],
  customTypes: ReadonlyMap<string, CustomLinkType>,
  nodes: ReadonlyMap<string, NodeRecord>,
  changedNodes?: ReadonlySet<string>,
): LinkgraphFlowEdge[] {
  let byId: Map<string, LinkgraphFlowEdge> | null = null;
  // Whether a link blocks depends on its record and its two ends: when none of them changed
  // since `previous` was made, the old element stands (no rule lookups for 150,000 links).
  const before = madeFrom.get(previous);
  // The nodes whose record changed since then (one pointer compare per node; a batch changes few).
  let changed: ReadonlySet<string> | null = null;
  if (before && before.customTypes === customTypes) {
    if (changedNodes) changed = changedNodes;
    else {
      const found = new Set<string>();
      if (before.nodes !== nodes)
        for (const [id, n] of nodes) if (before.nodes.get(id) !== n) found.add(id);
      changed = found;
    }
  }
  const result = records.map((record, i): LinkgraphFlowEdge => {
    let old = previous[i];
    if (old?.id !== record.id)
      old = (byId ??= new Map(previous.map((e) => [e.id, e]))).get(record.id);
    if (
      old &&
      changed &&
      old.data?.record === record &&
      !changed.has(record.source) &&
      !changed.has(record.target)
    )
      return old;
    return edgeElement(old, record, customTypes, nodes);
  });
  madeFrom.set(result, { nodes, customTypes });
  return result;
}

/**
 * Every link's element made anew, as `syncFlowEdges([], records, …)` makes them, a slice of
 * `slice` links at a time: the generator yields between slices, so that a large plan's
 * 150,000 elements (~0.4 s of work at 100,000 nodes) are made over several turns of the page
 * (use-synced-list.ts) instead of in one task that freezes a pan.
 */
export function* flowEdgesInSlices(
  records: readonly LinkRecord[],
  customTypes: ReadonlyMap<string, CustomLinkType>,
  nodes: ReadonlyMap<string, NodeRecord>,
  slice = EDGE_SLICE,
): Generator<void, LinkgraphFlowEdge[], void> {
  const result: LinkgraphFlowEdge[] = [];
  for (const record of records) {
    result.push(edgeElement(undefined, record, customTypes, nodes));
    if (result.length % slice === 0) yield;
  }
  madeFrom.set(result, { nodes, customTypes });
  return result;
}

/** Links per slice of flowEdgesInSlices: ~10–15 ms of work on the 2-core bench machine. */
export const EDGE_SLICE = 5_000;

/**
 * The change path: `previous` with only the links `ids` re-derived (found by `at`), the links
 * that went taken out and those that came put in (`edit`, as for the nodes); or null when the
 * lists no longer line up: sync instead.
 */
export function patchFlowEdges(
  previous: readonly LinkgraphFlowEdge[],
  records: readonly LinkRecord[],
  at: ReadonlyMap<string, number>,
  ids: Iterable<string>,
  customTypes: ReadonlyMap<string, CustomLinkType>,
  nodes: ReadonlyMap<string, NodeRecord>,
  edit?: ListSplice,
): LinkgraphFlowEdge[] | null {
  const made = (record: LinkRecord) => edgeElement(undefined, record, customTypes, nodes);
  const start = startPatch(previous, records, edit, made);
  if (!start) return null;
  let { next } = start;
  const { base, indices } = start;
  // A link that came is new wiring for the indexes, as are created links (last in the map's
  // order), appended first in one copy of the list.
  const tail = appendedIndices(base.length, records.length);
  let rewired = indices.length > 0 || tail.length > 0;
  if (tail.length > 0)
    next = appended(
      next ?? previous,
      tail.map((i) => made(records[i]!)),
    );
  for (const id of ids) {
    const i = at.get(id);
    if (i === undefined || i >= base.length) continue;
    const old = base[i];
    const record = records[i];
    if (!old || !record || old.id !== id || record.id !== id) return null;
    const element = edgeElement(old, record, customTypes, nodes);
    if (element === old) continue;
    (next ??= previous.slice())[i] = element;
    indices.push(i);
    if (element.source !== old.source || element.target !== old.target) rewired = true;
  }
  indices.push(...tail);
  const result = next ?? (previous as LinkgraphFlowEdge[]);
  if (next) recordPatch(next, { previous, indices, rewired, ...start.splice });
  madeFrom.set(result, { nodes, customTypes });
  return result;
}

/** One link's element: the old one while nothing it shows changed. */
function edgeElement(
  old: LinkgraphFlowEdge | undefined,
  record: LinkRecord,
  customTypes: ReadonlyMap<string, CustomLinkType>,
  nodes: ReadonlyMap<string, NodeRecord>,
): LinkgraphFlowEdge {
  const blocking = isBlockingNow(record, nodes, customTypes);
  const waits =
    record.type === 0 ? nodes.get(linkEnds(record, customTypes).blocked)?.display_id : undefined;
  const ariaLabel = linkAccessibleName(record, nodes, customTypes, blocking);
  if (
    old &&
    old.data?.record === record &&
    old.data.blocking === blocking &&
    old.data.waits === waits &&
    old.ariaLabel === ariaLabel
  )
    return old;
  return {
    ...old,
    id: record.id,
    type: 'linkgraph',
    source: record.source,
    target: record.target,
    ariaLabel,
    domAttributes: EDGE_DOM,
    reconnectable: true,
    data: {
      record,
      label: linkLabel(record, customTypes),
      blocking,
      ...(waits ? { waits } : {}),
    },
  };
}

/** The inputs each synced edge list was made from (for the unchanged-link shortcut). */
const madeFrom = new WeakMap<
  readonly LinkgraphFlowEdge[],
  { nodes: ReadonlyMap<string, NodeRecord>; customTypes: ReadonlyMap<string, CustomLinkType> }
>();
