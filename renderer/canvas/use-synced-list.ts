import { useCallback, useEffect, useMemo, useState } from 'react';
import type { NodeRecord } from '../../shared/model/types';
import { changedSince, useGraphStore } from '../state/graph-store';
import {
  advanceFlow,
  completeEdges,
  completeEdgesWith,
  flowFirstFrame,
  type FlowInput,
  type FlowLists,
} from './flow-lists';
import { whenIdle } from './virtualization/idle';
import { flowEdgesInSlices, type LinkgraphFlowEdge, type LinkgraphFlowNode } from './flow-elements';

/**
 * State kept in step with an input (records from the store) that React Flow may also edit
 * locally (drag, select, measure). When the input changes, `derive` advances the state from
 * the previous one during render — React's "adjust state when a prop changes" pattern — so
 * there is no extra effect-driven render.
 */
export function useSyncedState<I, S>(
  input: I,
  derive: (previous: S | null, input: I) => S,
): [S, (update: (current: S) => S) => void] {
  const [state, setState] = useState(() => ({ input, value: derive(null, input) }));
  let current = state;
  if (state.input !== input) {
    current = { input, value: derive(state.value, input) };
    setState(current);
  }
  const update = useCallback(
    (fn: (value: S) => S) => setState((s) => ({ ...s, value: fn(s.value) })),
    [],
  );
  return [current.value, update];
}

type Update<T> = (update: (current: T[]) => T[]) => void;

/** How long after a large plan's first frame its other links' elements are made. */
const COMPLETE_AFTER_MS = 250;
/** Another slice of them is made in an idle turn while it has this much time left (ms). */
const SLICE_ROOM_MS = 15;
/** The longest a slice waits for an idle turn (a pan keeps the page busy), in ms. */
const SLICE_WAIT_MS = 300;

/**
 * The canvas's full node and edge lists (flow-lists.ts): patched with what each batch touched
 * (the graph store's change log), re-derived from scratch when the workspace is loaded again;
 * a large plan's link elements are completed just after its first frame (flowFirstFrame).
 */
export function useFlowLists(): {
  records: NodeRecord[];
  nodes: LinkgraphFlowNode[];
  edges: LinkgraphFlowEdge[];
  setNodes: Update<LinkgraphFlowNode>;
  setEdges: Update<LinkgraphFlowEdge>;
  /** Whether some links' elements are still to be made (a large plan just opened). */
  edgesPending: boolean;
  /** Makes them now (cards are about to show). */
  completeNow: () => void;
} {
  const version = useGraphStore((s) => s.version);
  const active = useGraphStore((s) => s.active);
  const nodesById = useGraphStore((s) => s.nodes);
  const flashing = useGraphStore((s) => s.flashing);
  const customTypes = useGraphStore((s) => s.customTypes);
  const input = useMemo<FlowInput>(
    () => ({ version, active, nodesById, flashing, customTypes }),
    [version, active, nodesById, flashing, customTypes],
  );
  const [lists, setLists] = useSyncedState<FlowInput, FlowLists>(input, (previous, now) =>
    previous
      ? advanceFlow(previous, now, (v) => changedSince(useGraphStore.getState(), v))
      : flowFirstFrame(now),
  );
  // A large plan's first frame is drawn with its blocking links only (flowFirstFrame): the
  // rest are made when the page is idle after that frame is shown — a frame, then
  // COMPLETE_AFTER_MS, like the other work the first frame does not need (whenIdle) — a slice
  // at a time (flowEdgesInSlices), as many slices per idle turn as the turn has room for:
  // made in one go they were a task of ~0.4–0.5 s that froze a pan a second after the plan
  // showed (docs/canvas-performance.md). Keyed on the input, not the lists: React Flow's local
  // edits (select, measure) meanwhile must not start it over.
  const pendingFor = lists.edgesPending ? lists.input : null;
  useEffect(() => {
    if (!pendingFor) return;
    const input = pendingFor;
    const slices = flowEdgesInSlices(input.active.links, input.customTypes, input.nodesById);
    let cancelIdle = (): void => undefined;
    const turn = (deadline?: IdleDeadline): void => {
      let next = slices.next();
      while (!next.done && (deadline?.timeRemaining() ?? 0) > SLICE_ROOM_MS) next = slices.next();
      if (!next.done) {
        cancelIdle = whenIdle(turn, 0, SLICE_WAIT_MS);
        return;
      }
      const edges = next.value;
      setLists((s) => completeEdgesWith(s, { input, edges }));
    };
    const frame = requestAnimationFrame(() => {
      cancelIdle = whenIdle(turn, COMPLETE_AFTER_MS, SLICE_WAIT_MS);
    });
    return () => {
      cancelAnimationFrame(frame);
      cancelIdle();
    };
  }, [pendingFor, setLists]);
  // Cards need their links at once: a zoom to cards before the slices are done makes the rest
  // in one go (as it did before the slices).
  const completeNow = useCallback(() => setLists(completeEdges), [setLists]);
  const setNodes = useCallback<Update<LinkgraphFlowNode>>(
    (fn) => setLists((s) => ({ ...s, nodes: fn(s.nodes) })),
    [setLists],
  );
  const setEdges = useCallback<Update<LinkgraphFlowEdge>>(
    (fn) => setLists((s) => ({ ...s, edges: fn(s.edges) })),
    [setLists],
  );
  return {
    records: active.nodes as NodeRecord[],
    nodes: lists.nodes,
    edges: lists.edges,
    setNodes,
    setEdges,
    edgesPending: pendingFor !== null,
    completeNow,
  };
}
