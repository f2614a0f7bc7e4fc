/**
 * [PL2] Which writes the schedule must hear about (the Tx asks, so a move, a retitle or a
 * was_blocker update costs the schedule nothing), and calendar equality for batches.
 */
import type { LinkRecord, NodeRecord, WorkCalendar } from '../../model/types';

/** [PL2] Whether a node change can move the schedule (a move or a retitle cannot). */
export function planInputsDiffer(a: NodeRecord, b: NodeRecord): boolean {
  return (
    a.status !== b.status ||
    a.in_trash !== b.in_trash ||
    a.dependent !== b.dependent ||
    a.estimate !== b.estimate ||
    a.start_date !== b.start_date ||
    a.due_date !== b.due_date
  );
}

/** [PL2] Whether a link change can move the schedule (was_blocker and privacy cannot). */
export function linkPlanInputsDiffer(a: LinkRecord, b: LinkRecord): boolean {
  return (
    a.type !== b.type ||
    a.in_trash !== b.in_trash ||
    a.source !== b.source ||
    a.target !== b.target ||
    a.link_type !== b.link_type ||
    a.custom_link_type !== b.custom_link_type
  );
}

export function sameCalendar(a: WorkCalendar | undefined, b: WorkCalendar | undefined): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}
