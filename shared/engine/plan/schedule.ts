/**
 * [PL2] The schedule: critical-path method over the primary blocking graph, kept up to date
 * incrementally. Derived state (like statuses): never in records, history or snapshots.
 *
 * Time is in working days from the plan start (work-calendar.ts). A node is *open* when it is
 * neither in trash nor Completed; open work takes its `estimate` (0 when none) from its
 * earliest possible start. Completed and trashed nodes take no time and hold nothing back.
 * An edge is an active primary link whose blocked node is dependent (a non-dependent node
 * never waits, [N3]).
 *
 * Per node the schedule keeps what does not depend on the plan as a whole:
 * - forward:  es = max(0, start_date, ef of every blocker); ef = es + estimate;
 * - backward: tail = the longest work after the node (max over blocked d of dur(d) + tail(d)),
 *   due = the latest finish the due dates allow (min of its own due date and, over blocked d,
 *   due(d) − dur(d)).
 * The plan's end (max ef), latest finish lf = min(due, end − tail), latest start, slack and the
 * critical path are read from these in one pass when asked (plan-queries.ts), so a change that
 * moves the plan's end does not rewrite every node.
 *
 * A write marks the nodes whose inputs changed (`dirty`, by the Tx); `refresh` recomputes them
 * and walks on only while a node's contribution to its neighbours changes: downstream in
 * topological order (`ord`, blocker first) for the forward values, upstream in reverse order
 * for the backward ones — the cascade's method (tx.ts). `buildSchedule` (schedule-build.ts) is
 * the from-scratch pass; the values' layout and PlanState are in plan-state.ts.
 */
import {
  blockedOf,
  blockerOf,
  NO_DAY,
  OUT_SHIFT,
  type LinkEntry,
  type NodeEntry,
  type WorkspaceState,
} from '../state';
import { NodeHeap } from '../node-heap';
import {
  EF,
  ES,
  isPlanEdge,
  openFlags,
  TAIL,
  DUE,
  UP,
  UPDUE,
  WIDTH,
  type PlanState,
} from './plan-state';

export { buildSchedule } from './schedule-build';
export { durationOf, isOpen, isPlanEdge, PlanState, type NodeSched } from './plan-state';

// ---- one node ----
// (Flags as in plan-state.ts.) A neighbour without a slot yet (created in this Tx) counts as
// neutral: it is dirty and comes later.

/** The forward values of n into its slot o; answers whether its ef changed. */
function forwardValues(plan: PlanState, n: NodeEntry, o: number): boolean {
  const v = plan.vals;
  const before = v[o + EF];
  const f = n.flags;
  if (!openFlags(f)) {
    v[o + ES] = 0;
    v[o + EF] = 0;
    return before !== 0;
  }
  let es = n.startDay === NO_DAY ? 0 : Math.max(0, plan.days.indexOf(n.startDay));
  if ((f & 8) !== 0) {
    const links = n.links;
    const k = f >>> OUT_SHIFT;
    const used = plan.used;
    for (let i = 0; i < links.length; i++) {
      const l = links[i] as LinkEntry;
      // Incoming links (i ≥ k) whose source blocks; outgoing ones whose target blocks.
      const lf = l.flags & 3;
      const b = i >= k ? (lf === 3 ? l.src : undefined) : lf === 1 ? l.tgt : undefined;
      if (b === undefined) continue;
      const bs = b.sched;
      if (bs < 0 || bs >= used) continue;
      const ef = v[bs * WIDTH + EF] as number;
      if (ef > es) es = ef;
    }
  }
  const ef = es + n.est;
  v[o + ES] = es;
  v[o + EF] = ef;
  return before !== ef;
}

/** The backward values of n into its slot o; answers whether its contributions changed. */
function backwardValues(plan: PlanState, n: NodeEntry, o: number): boolean {
  const v = plan.vals;
  const upBefore = v[o + UP];
  const upDueBefore = v[o + UPDUE];
  const f = n.flags;
  if (!openFlags(f)) {
    v[o + TAIL] = 0;
    v[o + DUE] = Infinity;
    v[o + UP] = 0;
    v[o + UPDUE] = Infinity;
    return upBefore !== 0 || upDueBefore !== Infinity;
  }
  let due = n.dueDay === NO_DAY ? Infinity : plan.days.indexOf(n.dueDay + 1);
  let tail = 0;
  const links = n.links;
  const k = f >>> OUT_SHIFT;
  const used = plan.used;
  for (let i = 0; i < links.length; i++) {
    const l = links[i] as LinkEntry;
    // Outgoing links (i < k) block their target when the source blocks; incoming ones their
    // source when the target blocks.
    const lf = l.flags & 3;
    const d = i < k ? (lf === 3 ? l.tgt : undefined) : lf === 1 ? l.src : undefined;
    if (d === undefined || (d.flags & 8) === 0) continue;
    const ds = d.sched;
    if (ds < 0 || ds >= used) continue;
    const up = v[ds * WIDTH + UP] as number;
    const upDue = v[ds * WIDTH + UPDUE] as number;
    if (up > tail) tail = up;
    if (upDue < due) due = upDue;
  }
  const dur = n.est;
  v[o + TAIL] = tail;
  v[o + DUE] = due;
  v[o + UP] = tail + dur;
  v[o + UPDUE] = due - dur;
  return upBefore !== tail + dur || upDueBefore !== due - dur;
}

// ---- incremental ----

/**
 * Brings the schedule up to date with the dirty nodes (and the neighbours of `reseed` ones);
 * each pass then walks on only while a node's contribution to its neighbours changes.
 */
export function refreshSchedule(state: WorkspaceState, plan: PlanState): void {
  plan.visits = 0;
  if (plan.dirty.size === 0 && plan.reseed.size === 0) return;
  plan.version++;
  const fwd = new NodeHeap(1);
  const bwd = new NodeHeap(-1);
  for (const n of plan.dirty) {
    fwd.add(n);
    bwd.add(n);
  }
  for (const n of plan.reseed) {
    fwd.add(n);
    bwd.add(n);
    for (const l of n.links) {
      if (l.rec.type !== 0) continue;
      fwd.add(l.src);
      fwd.add(l.tgt);
      bwd.add(l.src);
      bwd.add(l.tgt);
    }
  }
  plan.dirty.clear();
  plan.reseed.clear();
  for (let n = fwd.pop(); n; n = fwd.pop()) {
    if (state.nodes.get(n.rec.id) !== n) continue;
    plan.visits++;
    const fresh = n.sched < 0 || n.sched >= plan.used;
    const o = plan.slot(n) * WIDTH;
    if (!forwardValues(plan, n, o) && !fresh) continue;
    for (const l of n.links) if (blockerOf(l) === n && isPlanEdge(l)) fwd.add(blockedOf(l));
  }
  for (let n = bwd.pop(); n; n = bwd.pop()) {
    if (state.nodes.get(n.rec.id) !== n) continue;
    plan.visits++;
    if (!backwardValues(plan, n, plan.slot(n) * WIDTH)) continue;
    for (const l of n.links) if (blockedOf(l) === n && isPlanEdge(l)) bwd.add(blockerOf(l));
  }
}
