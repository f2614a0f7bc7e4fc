/**
 * [PL2] [PL3] Reading the schedule: the whole plan (earliest and latest dates, slack, the
 * critical path, late nodes), "what's next" and the load per assignee per week. Every answer
 * is limited to what the asking member sees (`Sees`, from visibility.ts): the schedule itself
 * is global like statuses (hidden work still holds visible work back), but no hidden node or
 * link is named.
 */
import type { NodeRecord, WorkCalendar } from '../../model/types';
import {
  blockedOf,
  blockerOf,
  type LinkEntry,
  type NodeEntry,
  type WorkspaceState,
} from '../state';
import {
  buildSchedule,
  isOpen,
  isPlanEdge,
  refreshSchedule,
  type NodeSched,
  type PlanState,
} from './schedule';
import { drain, RECORDS_PER_STEP, type Steps } from '../steps';
import { dateOf, dayOf, DEFAULT_WORKING_DAYS, weekdayOf } from './work-calendar';

/** Slack within this of the least slack is "least" (estimates are decimals). */
const EPS = 1e-9;

/**
 * The schedule of the workspace as it is now: built on first use, refreshed when writes
 * left nodes to recompute, rebuilt when it fell back to a plan start that is no longer today.
 */
export function scheduleOf(state: WorkspaceState, today: string): PlanState {
  let plan = state.plan;
  if (!plan || (state.calendar?.plan_start === undefined && plan.fallbackStart !== today)) {
    plan = state.plan = buildSchedule(state, state.calendar, today);
  } else {
    refreshSchedule(state, plan);
  }
  return plan;
}

/** What a member may be told about: a node id they see, a link they see. */
export interface Sees {
  node(id: string): boolean;
  link(l: LinkEntry): boolean;
}

/** One open node on the plan. Indexes are working days from the plan start (index 0). */
export interface ScheduledNode {
  id: string;
  /** Earliest start and finish (working-day indexes) and the days they fall on. */
  es: number;
  ef: number;
  start: string;
  finish: string;
  /** Latest start and finish the due dates and the plan's end allow. */
  ls: number;
  lf: number;
  latest_finish: string;
  /** lf − ef, in working days (negative: the plan cannot meet a due date). */
  slack: number;
  critical: boolean;
  /** Working days the earliest finish is past the node's own due date (absent: not late). */
  late_by?: number;
}

export interface ScheduleView {
  /** The calendar in force (the default one when none was set), with the plan start used. */
  calendar: WorkCalendar & { plan_start: string };
  /** The plan's end: the latest earliest finish (index and last working day). */
  end: number;
  end_date: string;
  nodes: ScheduledNode[];
  /** The critical path: open nodes of least slack, by earliest start. */
  critical: string[];
  /** Links along which the critical path is driven (blocker finishes as the blocked starts). */
  critical_links: string[];
  /** Nodes that finish after their due date, latest first. */
  late: { id: string; late_by: number }[];
}

/** Plan-wide values read from the per-node ones: the end and the least slack. */
interface Totals {
  end: number;
  minSlack: number;
}

function totals(plan: PlanState): Totals {
  let end = 0;
  for (const [, s] of scheduledNodes(plan)) if (s.ef > end) end = s.ef;
  let minSlack = Infinity;
  for (const [n, s] of scheduledNodes(plan)) {
    if (!isOpen(n)) continue;
    const slack = Math.min(s.due, end - s.tail) - s.ef;
    if (slack < minSlack) minSlack = slack;
  }
  return { end, minSlack };
}

/** Every node with its schedule values. */
function* scheduledNodes(plan: PlanState): Generator<[NodeEntry, NodeSched]> {
  for (const n of plan.nodes.values()) {
    const s = plan.valuesOf(n);
    if (s) yield [n, s];
  }
}

function lateBy(plan: PlanState, n: NodeEntry, s: NodeSched): number | undefined {
  const due = n.rec.due_date;
  if (due === undefined) return undefined;
  const over = s.ef - plan.days.dueIndex(due);
  return over > EPS ? over : undefined;
}

function scheduled(plan: PlanState, t: Totals, n: NodeEntry, s: NodeSched): ScheduledNode {
  const dur = n.rec.estimate ?? 0;
  const lf = Math.min(s.due, t.end - s.tail);
  const slack = lf - s.ef;
  const late = lateBy(plan, n, s);
  return {
    id: n.rec.id,
    es: s.es,
    ef: s.ef,
    start: dateOf(plan.days.startDay(s.es)),
    finish: dateOf(plan.days.finishDay(s.es, s.ef)),
    ls: lf - dur,
    lf,
    latest_finish: dateOf(plan.days.finishDay(lf - dur, lf)),
    slack,
    critical: slack <= t.minSlack + EPS,
    ...(late !== undefined ? { late_by: late } : {}),
  };
}

const byStart = (a: ScheduledNode, b: ScheduledNode) => a.es - b.es || a.ef - b.ef;

/** [PL2] The whole schedule as a member sees it. */
export function scheduleView(state: WorkspaceState, plan: PlanState, sees: Sees): ScheduleView {
  return drain(scheduleViewSteps(state, plan, sees));
}

/**
 * `scheduleView` in steps (../steps.ts): a yield every RECORDS_PER_STEP nodes and before the
 * sort. The caller keeps the workspace unchanged until it ends (the service's
 * `readInTurns`): the plan's values are read across the steps.
 */
export function* scheduleViewSteps(
  state: WorkspaceState,
  plan: PlanState,
  sees: Sees,
): Steps<ScheduleView> {
  const t = totals(plan);
  const nodes: ScheduledNode[] = [];
  const critical = new Set<NodeEntry>();
  let seen = 0;
  for (const [n, s] of scheduledNodes(plan)) {
    if (++seen % RECORDS_PER_STEP === 0) yield;
    if (!isOpen(n) || !sees.node(n.rec.id)) continue;
    const v = scheduled(plan, t, n, s);
    nodes.push(v);
    if (v.critical) critical.add(n);
  }
  const criticalLinks: string[] = [];
  for (const n of critical) {
    for (const l of n.links) {
      if (blockerOf(l) !== n || !isPlanEdge(l) || !critical.has(blockedOf(l))) continue;
      const b = plan.valuesOf(n);
      const d = plan.valuesOf(blockedOf(l));
      if (b && d && Math.abs(b.ef - d.es) <= EPS && sees.link(l)) criticalLinks.push(l.rec.id);
    }
  }
  yield;
  nodes.sort(byStart);
  const cal = state.calendar;
  return {
    calendar: {
      plan_start: dateOf(plan.days.start),
      working_days: [...(cal?.working_days ?? DEFAULT_WORKING_DAYS)],
      holidays: [...(cal?.holidays ?? [])],
    },
    end: t.end,
    end_date: dateOf(plan.days.finishDay(0, t.end)),
    nodes,
    critical: nodes.filter((v) => v.critical).map((v) => v.id),
    critical_links: criticalLinks.sort(),
    late: nodes
      .filter((v) => v.late_by !== undefined)
      .sort((a, b) => (b.late_by ?? 0) - (a.late_by ?? 0))
      .map((v) => ({ id: v.id, late_by: v.late_by as number })),
  };
}

export interface NextItem extends ScheduledNode {
  node: NodeRecord;
}

export interface NextQuery {
  /** Only work assigned to this name or email (case-insensitive). */
  assignee?: string | undefined;
  limit?: number | undefined;
}

const assignedTo = (rec: NodeRecord, who: string): boolean =>
  rec.assignee?.some((a) => a.toLowerCase() === who) ?? false;

/**
 * [PL3] "What's next": open work that can start (Available or InProgress: not Blocked, not
 * Completed), least slack first, then higher priority, then earliest start, then display id.
 */
export function whatsNext(plan: PlanState, q: NextQuery, sees: Sees): NextItem[] {
  const t = totals(plan);
  const who = q.assignee?.trim().toLowerCase();
  const items: NextItem[] = [];
  for (const [n, s] of scheduledNodes(plan)) {
    const r = n.rec;
    if (r.in_trash || (r.status !== 0 && r.status !== 1)) continue;
    if (who !== undefined && !assignedTo(r, who)) continue;
    if (!sees.node(r.id)) continue;
    items.push({ ...scheduled(plan, t, n, s), node: r });
  }
  items.sort(
    (a, b) =>
      a.slack - b.slack ||
      b.node.priority - a.node.priority ||
      a.es - b.es ||
      (a.node.display_id < b.node.display_id ? -1 : a.node.display_id > b.node.display_id ? 1 : 0),
  );
  return items.slice(0, q.limit ?? 50);
}

export interface LoadQuery {
  assignee?: string | undefined;
  /** First week shown (the week holding this date); default: the plan start's week. */
  from?: string | undefined;
  /** Weeks shown (default 12). */
  weeks?: number | undefined;
}

export interface LoadView {
  /** The Monday of each week. */
  weeks: string[];
  /** Working days each week has (the calendar's working days minus holidays). */
  capacity: number[];
  /** Working days of scheduled work per assignee per week; `assignee: null` is unassigned. */
  rows: { assignee: string | null; load: number[]; total: number }[];
}

/**
 * [PL3] Load per assignee per week: each open node's scheduled work (its earliest start to
 * earliest finish) counts one working day per working day for every assignee it names (each
 * works on it full time: estimates are durations, not shared effort).
 */
export function loadByWeek(plan: PlanState, q: LoadQuery, sees: Sees): LoadView {
  const days = plan.days;
  const monday = (day: number) => day - (weekdayOf(day) - 1);
  const first = monday(q.from !== undefined ? dayOf(q.from) : days.start);
  const count = q.weeks ?? 12;
  const last = first + count * 7;
  const who = q.assignee?.trim().toLowerCase();
  const rows = new Map<string | null, number[]>();
  const add = (key: string | null, week: number, amount: number) => {
    let row = rows.get(key);
    if (!row) rows.set(key, (row = new Array<number>(count).fill(0)));
    row[week] = (row[week] as number) + amount;
  };
  for (const [n, s] of scheduledNodes(plan)) {
    if (!isOpen(n) || s.ef <= s.es || !sees.node(n.rec.id)) continue;
    const names = n.rec.assignee?.length ? n.rec.assignee : [null];
    const keys = who === undefined ? names : names.filter((a) => a?.toLowerCase() === who);
    if (keys.length === 0) continue;
    // Walk the node's working days from its start day (one binary search, then steps).
    let day = days.dayAt(Math.floor(s.es));
    for (let k = Math.floor(s.es); k < s.ef; k++) {
      while (!days.isWorking(day)) day++;
      if (day >= last) break;
      const amount = Math.min(s.ef, k + 1) - Math.max(s.es, k);
      if (day >= first) {
        const week = Math.floor((day - first) / 7);
        for (const key of keys) add(key, week, amount);
      }
      day++;
    }
  }
  const weeks: string[] = [];
  const capacity: number[] = [];
  for (let w = 0; w < count; w++) {
    const start = first + w * 7;
    weeks.push(dateOf(start));
    let c = 0;
    for (let d = start; d < start + 7; d++) if (days.isWorking(d)) c++;
    capacity.push(c);
  }
  const out = [...rows].map(([assignee, load]) => ({
    assignee,
    load,
    total: load.reduce((a, b) => a + b, 0),
  }));
  out.sort((a, b) =>
    a.assignee === null ? 1 : b.assignee === null ? -1 : a.assignee.localeCompare(b.assignee),
  );
  return { weeks, capacity, rows: out };
}
