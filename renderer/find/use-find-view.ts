/**
 * The find bar's hooks: the search's matches, the focus's reach, and the canvas's lists once
 * search, focus and filters are applied (find-view.ts). Each is kept from batch to batch and
 * patched with what the batch touched (find-matches.ts, find-reach.ts), so a change with a
 * search on costs what it costs without one (docs/canvas-performance.md, "A search, filter or
 * focus on the change path"). With nothing active the lists pass through untouched.
 */
import { useMemo } from 'react';
import type { NodeRecord } from '../../shared/model/types';
import type { LinkgraphFlowEdge, LinkgraphFlowNode } from '../canvas/flow-elements';
import { changedSince, useGraphStore } from '../state/graph-store';
import { useSyncedState } from '../canvas/use-synced-list';
import { advanceMatches, keeper, type MatchState } from './find-matches';
import { advanceReach, type ReachState } from './find-reach';
import { normalQuery, type Reach } from './find-logic';
import { advanceFindView, type FindLists, type FindLook, type FindView } from './find-view';
import { useFindStore } from './find-store';

const NO_MATCHES: NodeRecord[] = [];
const since = (version: number) => changedSince(useGraphStore.getState(), version);

// One canvas, one find bar: the search box and the canvas share the newest matches and reach
// (each hook asks with the same inputs and gets the same state back).
const matchesNow = keeper(advanceMatches);
const reachNow = keeper(advanceReach);

/** The search's matches (their state, for the find view), or null without a query. */
export function useMatchState(): MatchState | null {
  const nodes = useGraphStore((s) => s.nodes);
  const version = useGraphStore((s) => s.version);
  const query = useFindStore((s) => s.query);
  const filters = useFindStore((s) => s.filters);
  return useMemo(() => {
    // No query, no matches: no pass over every node (100,000 on a large plan).
    if (normalQuery(query) === '') return null;
    return matchesNow(nodes, version, query, filters, since);
  }, [nodes, version, query, filters]);
}

/** The matches of the current search among the nodes the filters show. */
export function useMatches(): readonly NodeRecord[] {
  return useMatchState()?.list ?? NO_MATCHES;
}

function useReachState(): ReachState | null {
  const focus = useFindStore((s) => s.focus);
  const active = useGraphStore((s) => s.active);
  const version = useGraphStore((s) => s.version);
  const customTypes = useGraphStore((s) => s.customTypes);
  return useMemo(() => {
    return reachNow(focus, active.links, active.linkAt, customTypes, version, since);
  }, [focus, active, version, customTypes]);
}

/** The focus's nodes and links (upstream and/or downstream of its node), or null. */
export function useFocusReach(): Reach | null {
  return useReachState()?.reach ?? null;
}

export function useFindView(
  records: NodeRecord[],
  nodes: LinkgraphFlowNode[],
  edges: LinkgraphFlowEdge[],
): FindLists {
  const filters = useFindStore((s) => s.filters);
  const chain = useFindStore((s) => s.chain);
  const current = useFindStore((s) => s.current);
  const focusOn = useFindStore((s) => s.focus);
  const active = useGraphStore((s) => s.active);
  const matches = useMatchState();
  const focus = useFocusReach();
  const look = useMemo<FindLook>(
    () => ({ filters, chain, focus, focusOn, matches, current }),
    [filters, chain, focus, focusOn, matches, current],
  );
  const input = useMemo(
    () => ({ look, lists: { records, nodes, edges }, active }),
    [look, records, nodes, edges, active],
  );
  const [view] = useSyncedState<typeof input, FindView>(input, (last, now) =>
    advanceFindView(last, now.look, now.lists, now.active),
  );
  return view.output;
}
