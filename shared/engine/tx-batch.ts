/**
 * Turns what a Tx recorded into its history batch: every touched entity's first "before"
 * against its state now. Entities put back exactly as they were leave no entry.
 */
import type { Batch, BatchActor, Entry, NodeImage, NodeStatusImage } from './batch';
import { Op } from './constants';
import { nodeEntryImage, simpleEntries } from './records';
import { sameCalendar } from './plan/plan-inputs';
import type { Tx } from './tx';

export function batchOfTx(
  tx: Tx,
  batchId: string,
  actor: BatchActor,
  extra: Partial<Batch>,
): Batch {
  const st = tx.state;
  const nodes: Entry<NodeImage | NodeStatusImage>[] = [];
  for (const [id, t] of tx.nodes) {
    const cur = st.nodes.get(id);
    if (cur?.rec === t.before) continue;
    // A cascade's own status change is written short (status only), unless the node came or went.
    const full = t.op !== Op.NODE_STATUS || !t.before || !cur;
    nodes.push({
      op: t.op,
      before: t.before ? nodeEntryImage(full, t.before, t.beforeBase) : {},
      after: cur ? nodeEntryImage(full, cur.rec, cur.base) : {},
    });
  }
  return {
    batchId,
    actor,
    ts: tx.now,
    links: simpleEntries(tx.links, (id) => st.links.get(id)?.rec),
    nodes,
    user: simpleEntries(tx.members, (id) => st.members.get(id)),
    access: simpleEntries(tx.grants, (key) => {
      const [member = '', node = ''] = key.split('|');
      return st.grants.get(member)?.get(node);
    }),
    link_types: simpleEntries(tx.linkTypes, (id) => st.linkTypes.get(id)),
    ...calendarEntries(tx),
    ...extra,
  };
}

/** The batch's `calendar` key, only when the calendar changed (other batches keep their shape). */
function calendarEntries(tx: Tx): Pick<Batch, 'calendar'> {
  const t = tx.calendarTouch;
  const cur = tx.state.calendar;
  if (!t || sameCalendar(t.before, cur)) return {};
  return { calendar: [{ op: t.op, before: t.before ?? {}, after: cur ?? {} }] };
}
