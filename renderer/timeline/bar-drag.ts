/**
 * What a drag of a bar means ([PL4]), from the service's schedule and the engine's calendar
 * arithmetic: where the bar is drawn meanwhile, what it would set (shown while dragging), and
 * the ONE `node.update` the drop makes. The dragged bar's end sets the estimate (half working
 * days), the bar itself the start date (whole days, onto a working day).
 */
import type { ScheduledNode } from '../../shared/engine/plan/plan-queries';
import type { NodeRecord } from '../../shared/model/types';
import type { DragMode } from './TimelineBar';
import { setEstimate, setStartDate } from './bar-edits';
import {
  barSpan,
  dayOf,
  daysText,
  estimateAtX,
  monthDay,
  startDateAt,
  type DayAxis,
} from './timeline-geometry';
import type { TimelineModel } from './timeline-model';

/** A drag in progress, or a dropped one waiting for the schedule it asked for. */
export interface Drag {
  id: string;
  mode: DragMode;
  dx: number;
  /** Set on drop: shown until a new schedule (`view`) arrives, or the change is refused. */
  waitingFor?: object;
}

/** The estimate an end dragged by dx sets. */
const draggedEstimate = (m: TimelineModel, axis: DayAxis, s: ScheduledNode, dx: number) =>
  estimateAtX(m.days, axis, s.es, barSpan(m.days, axis, s.es, s.ef).x1 + dx);

/** The start date a bar dragged by dx sets. */
const draggedStart = (m: TimelineModel, axis: DayAxis, s: ScheduledNode, dx: number) =>
  startDateAt(m.days, axis, m.days.startDay(s.es), dx);

/** Where a row's bar is drawn: the schedule's span, or where a drag of it has it now. */
export function previewSpan(
  m: TimelineModel,
  axis: DayAxis,
  s: ScheduledNode,
  drag: Drag | null,
): { x0: number; x1: number } {
  if (!drag || drag.id !== s.id || drag.dx === 0) return barSpan(m.days, axis, s.es, s.ef);
  if (drag.mode === 'end')
    return barSpan(m.days, axis, s.es, s.es + draggedEstimate(m, axis, s, drag.dx));
  const es = m.days.startIndex(draggedStart(m, axis, s, drag.dx));
  return barSpan(m.days, axis, es, es + (s.ef - s.es));
}

/** What a drag in progress would set: "4 days", "start Mar 7". */
export function dragText(
  drag: Drag,
  s: ScheduledNode,
  m: TimelineModel,
  axis: DayAxis,
  thisYear: number,
): string {
  if (drag.mode === 'end') return daysText(draggedEstimate(m, axis, s, drag.dx));
  return `start ${monthDay(draggedStart(m, axis, s, drag.dx), thisYear)}`;
}

/**
 * The command a drop makes (true when the engine took it), or null when the drop changes
 * nothing (the same estimate, the same start day).
 */
export function commitDrop(
  m: TimelineModel,
  axis: DayAxis,
  s: ScheduledNode,
  record: NodeRecord,
  mode: DragMode,
  dx: number,
): Promise<boolean> | null {
  if (mode === 'end') {
    const estimate = draggedEstimate(m, axis, s, dx);
    return estimate === (record.estimate ?? 0) ? null : setEstimate(s.id, estimate);
  }
  const start = draggedStart(m, axis, s, dx);
  if (dayOf(start) === m.days.startDay(s.es) || start === record.start_date) return null;
  return setStartDate(s.id, start);
}
