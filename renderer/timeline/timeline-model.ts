/**
 * What the timeline draws, from the service's last `plan.schedule` answer and the records
 * ([PL4]): one row per open node in the schedule's order (earliest start), the primary links
 * between scheduled nodes as arrows (blocker's finish → blocked's start, by the engine's
 * blocker side), and the dates the day axis must cover. Built once per answer or batch, so
 * scrolling only slices it (timeline-geometry.ts).
 */
import type { ScheduledNode, ScheduleView } from '../../shared/engine/plan/plan-queries';
import type { WorkDays } from '../../shared/engine/plan/work-calendar';
import { LinkKind, type CustomLinkType, type LinkRecord } from '../../shared/model/types';
import type { NodeRecord } from '../../shared/model/types';
import { linkEnds } from '../canvas/flow-elements';
import { workDaysOf, type RowArrow } from './timeline-geometry';

export interface TimelineArrow extends RowArrow {
  critical: boolean;
}

export interface TimelineModel {
  rows: readonly ScheduledNode[];
  rowOf: ReadonlyMap<string, number>;
  arrows: readonly TimelineArrow[];
  /** The plan start, the plan's end, today and every due date of a row. */
  dates: readonly string[];
  days: WorkDays;
}

export function timelineModel(
  view: ScheduleView,
  nodes: ReadonlyMap<string, NodeRecord>,
  links: ReadonlyMap<string, LinkRecord>,
  customTypes: ReadonlyMap<string, CustomLinkType>,
  today: string,
): TimelineModel {
  const rows = view.nodes;
  const rowOf = new Map<string, number>();
  rows.forEach((r, i) => rowOf.set(r.id, i));
  const critical = new Set(view.critical_links);
  const arrows: TimelineArrow[] = [];
  for (const link of links.values()) {
    if (link.in_trash || link.type !== LinkKind.Primary) continue;
    const { blocker, blocked } = linkEnds(link, customTypes);
    const from = rowOf.get(blocker);
    const to = rowOf.get(blocked);
    if (from === undefined || to === undefined) continue;
    arrows.push({ id: link.id, from, to, critical: critical.has(link.id) });
  }
  const dates = [view.calendar.plan_start, view.end_date, today];
  for (const r of rows) {
    const due = nodes.get(r.id)?.due_date;
    if (due) dates.push(due);
  }
  return { rows, rowOf, arrows, dates, days: workDaysOf(view.calendar) };
}
