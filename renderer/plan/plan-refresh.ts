/**
 * Keeps the plan store current: asks plan.schedule once at start and again after batches
 * that can move the schedule (our own, and other people's diffs), at most once per
 * `REFRESH_MS`, and only while something shows it (scheduleNeeded). A batch that only moved cards or renamed things asks nothing: the check
 * compares only the records the batch replaced, on the fields the schedule reads.
 */
import type { LinkgraphBridge } from '../../shared/contract/api';
import type { LinkRecord, NodeRecord } from '../../shared/model/types';
import { currentMember, getApi } from '../app/commands';
import { changedSince, useGraphStore, type GraphState } from '../state/graph-store';
import { usePlanStore } from './plan-store';

export const REFRESH_MS = 150;

const nodeMoves = (a: NodeRecord, b: NodeRecord) =>
  a.status !== b.status ||
  a.in_trash !== b.in_trash ||
  a.dependent !== b.dependent ||
  a.priority !== b.priority ||
  a.estimate !== b.estimate ||
  a.due_date !== b.due_date ||
  a.start_date !== b.start_date ||
  (a.assignee ?? []).join('\n') !== (b.assignee ?? []).join('\n');
const linkMoves = (a: LinkRecord, b: LinkRecord) =>
  a.type !== b.type ||
  a.in_trash !== b.in_trash ||
  a.source !== b.source ||
  a.target !== b.target ||
  a.link_type !== b.link_type;

function changed<T>(
  before: ReadonlyMap<string, T>,
  after: ReadonlyMap<string, T>,
  moves: (a: T, b: T) => boolean,
): boolean {
  if (before === after) return false;
  if (before.size !== after.size) return true;
  for (const [id, rec] of after) {
    const old = before.get(id);
    if (old === rec) continue;
    if (!old || moves(old, rec)) return true;
  }
  return false;
}

/** `changed` over the ids the store says a batch touched (its change log; no full pass). */
function changedAt<T>(
  ids: ReadonlySet<string>,
  before: ReadonlyMap<string, T>,
  after: ReadonlyMap<string, T>,
  moves: (a: T, b: T) => boolean,
): boolean {
  for (const id of ids) {
    const old = before.get(id);
    const rec = after.get(id);
    if (old === rec) continue;
    if (!old || !rec || moves(old, rec)) return true;
  }
  return false;
}

/** Whether the change from `prev` to `next` can change the schedule or the views of it. */
export function movesSchedule(prev: GraphState, next: GraphState): boolean {
  if (prev.workspace?.id !== next.workspace?.id || prev.viewer !== next.viewer) return true;
  // (States made by hand, as in tests, have no change log: compare them in full.)
  const since =
    prev.version === undefined || !next.changes ? null : changedSince(next, prev.version);
  if (since)
    return (
      changedAt(since.nodes, prev.nodes, next.nodes, nodeMoves) ||
      changedAt(since.links, prev.links, next.links, linkMoves)
    );
  return changed(prev.nodes, next.nodes, nodeMoves) || changed(prev.links, next.links, linkMoves);
}

let inFlight = false;
let again = false;

/**
 * Whether a schedule is worth asking for: a late mark needs a due date, the critical path,
 * What's next and the timeline need their view on. A large plan without dates is not
 * scheduled after every batch just to find nothing to mark (the answer lists every open node).
 */
function scheduleNeeded(): boolean {
  const plan = usePlanStore.getState();
  if (plan.showCritical || plan.nextOpen || plan.timelineOpen) return true;
  return datedNodes() > 0;
}

/** Active nodes with a due date, kept from batch to batch with the store's change log. */
let dated: { version: number; ids: Set<string> } | null = null;
function datedNodes(): number {
  const graph = useGraphStore.getState();
  const since = dated ? changedSince(graph, dated.version) : null;
  if (!dated || !since) {
    const ids = new Set<string>();
    for (const n of graph.active.nodes) if (n.due_date !== undefined) ids.add(n.id);
    dated = { version: graph.version, ids };
  } else {
    for (const id of since.nodes) {
      const n = graph.nodes.get(id);
      if (n && !n.in_trash && n.due_date !== undefined) dated.ids.add(id);
      else dated.ids.delete(id);
    }
    dated.version = graph.version;
  }
  return dated.ids.size;
}

/** Asks plan.schedule (as the member viewed as, when the owner previews one) and stores it. */
export async function refreshSchedule(): Promise<void> {
  if (!scheduleNeeded()) {
    usePlanStore.getState().clearSchedule();
    return;
  }
  if (inFlight) {
    again = true;
    return;
  }
  inFlight = true;
  try {
    const viewer = useGraphStore.getState().viewer;
    const as = viewer && viewer !== currentMember ? { as: viewer } : undefined;
    // Asked directly: a failed refresh is not worth a toast; the next batch asks again.
    const answer = await getApi()['plan.schedule'](as);
    if (answer.ok) usePlanStore.getState().setSchedule(answer.value);
  } finally {
    inFlight = false;
    if (again) {
      again = false;
      void refreshSchedule();
    }
  }
}

/** Starts following the graph store; returns the function that stops it. */
export function installPlanRefresh(): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const soon = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      void refreshSchedule();
    }, REFRESH_MS);
  };
  void refreshSchedule();
  const unsubscribe = useGraphStore.subscribe((next, prev) => {
    if (movesSchedule(prev, next)) soon();
  });
  // A calendar change (another window's calendar.set, or a resync) moves every date but no
  // record: the graph store does not see it, the diff does. setApi was given the bridge.
  const bridge = getApi() as Partial<LinkgraphBridge>;
  const stopDiffs = bridge.onDiff?.((event) => {
    if ('resync' in event || event.batch.calendar?.length) soon();
  });
  // Turning a view on asks at once (the schedule may have been skipped while none was needed).
  const stopViews = usePlanStore.subscribe((next, prev) => {
    if (
      (next.showCritical && !prev.showCritical) ||
      (next.nextOpen && !prev.nextOpen) ||
      (next.timelineOpen && !prev.timelineOpen)
    )
      void refreshSchedule();
  });
  return () => {
    unsubscribe();
    stopViews();
    stopDiffs?.();
    if (timer) clearTimeout(timer);
  };
}
