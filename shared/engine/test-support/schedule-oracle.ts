/**
 * [PL2] The schedule derived a second way, for the invariant checks: memoised recursion over
 * the schedule's edges, independent of the engine's topological order and of the incremental
 * walk. Answers es / ef / tail / due per node id, by the formulas of plan/schedule.ts.
 */
import { blockedOf, blockerOf, type NodeEntry, type WorkspaceState } from '../state';
import { durationOf, isOpen, isPlanEdge, type PlanState } from '../plan/schedule';

export interface OracleValues {
  es: number;
  ef: number;
  tail: number;
  due: number;
}

export function deriveSchedule(
  state: WorkspaceState,
  plan: Pick<PlanState, 'days'>,
): Map<string, OracleValues> {
  const ef = new Map<NodeEntry, number>();
  const esOf = new Map<NodeEntry, number>();
  const up = new Map<NodeEntry, { tail: number; due: number }>();
  const earliest = (n: NodeEntry): number => {
    const known = ef.get(n);
    if (known !== undefined) return known;
    let es =
      n.rec.start_date === undefined ? 0 : Math.max(0, plan.days.startIndex(n.rec.start_date));
    for (const l of n.links) {
      if (blockedOf(l) === n && isPlanEdge(l) && isOpen(blockerOf(l))) {
        es = Math.max(es, earliest(blockerOf(l)));
      }
    }
    if (!isOpen(n)) es = 0;
    const v = isOpen(n) ? es + durationOf(n) : 0;
    esOf.set(n, es);
    ef.set(n, v);
    return v;
  };
  const after = (n: NodeEntry): { tail: number; due: number } => {
    const known = up.get(n);
    if (known) return known;
    let tail = 0;
    let due = n.rec.due_date === undefined ? Infinity : plan.days.dueIndex(n.rec.due_date);
    for (const l of n.links) {
      const d = blockedOf(l);
      if (blockerOf(l) !== n || !isPlanEdge(l) || !isOpen(d)) continue;
      const v = after(d);
      tail = Math.max(tail, v.tail + durationOf(d));
      due = Math.min(due, v.due - durationOf(d));
    }
    const v = isOpen(n) ? { tail, due } : { tail: 0, due: Infinity };
    up.set(n, v);
    return v;
  };
  const out = new Map<string, OracleValues>();
  for (const n of state.nodes.values()) {
    const f = earliest(n);
    const b = after(n);
    out.set(n.rec.id, { es: esOf.get(n) as number, ef: f, ...b });
  }
  return out;
}
