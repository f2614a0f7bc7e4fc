/**
 * [H2] The bounded history log and its undo bookkeeping: which original batches are undone.
 *
 * Retention is fair between members: when the log is over its limit, the batch that goes is
 * the oldest batch of the member (actor) holding the most batches in it — on a tie, the one
 * whose oldest batch is older. One member's flood of changes therefore pushes out only that
 * member's own batches until they hold no more than anyone else: with k members in the log,
 * each keeps at least their newest ⌊limit / k⌋ batches. With one member it is plain FIFO.
 */
import type { Batch } from './batch';
import type { HistoryState, WorkspaceState } from './state';

/** A batch that changed nothing: returned to the caller but never recorded in history. */
export function isEmptyBatch(b: Batch): boolean {
  return (
    b.links.length +
      b.nodes.length +
      b.user.length +
      b.access.length +
      b.link_types.length +
      (b.calendar?.length ?? 0) ===
    0
  );
}

/** Keeps `counts` in step with the log: +1 when a batch enters it, -1 when it leaves. */
function count(h: HistoryState, batch: Batch, by: 1 | -1): void {
  const n = (h.counts.get(batch.actor.id) ?? 0) + by;
  if (n > 0) h.counts.set(batch.actor.id, n);
  else h.counts.delete(batch.actor.id);
}

/**
 * Where the retention rule cuts: the index of the oldest batch of the largest holder (on a
 * tie, the earliest such batch). The holders come from the kept counts (one entry per
 * member), so a full log costs a scan only up to that batch — index 0 with one member.
 */
function evictionIndex(h: HistoryState): number {
  let most = 0;
  const tied = new Set<string>();
  for (const [actor, n] of h.counts) {
    if (n > most) {
      most = n;
      tied.clear();
    }
    if (n === most) tied.add(actor);
  }
  const batches = h.batches;
  for (let i = 0; i < batches.length; i++) {
    if (tied.has((batches[i] as Batch).actor.id)) return i;
  }
  return 0;
}

/** Drops one batch by the retention rule; answers it and where it was. */
function evictOne(h: HistoryState): { batch: Batch; index: number } {
  const index = evictionIndex(h);
  const [batch] = h.batches.splice(index, 1) as [Batch];
  h.byId.delete(batch.batchId);
  count(h, batch, -1);
  return { batch, index };
}

/** Appends a batch; returns the batch the bounded log dropped to make room, if any. */
export function recordBatch(state: WorkspaceState, batch: Batch): Batch | undefined {
  const h = state.history;
  h.batches.push(batch);
  h.byId.set(batch.batchId, batch);
  count(h, batch, 1);
  if (batch.undoOf) h.undone.add(batch.undoOf);
  if (batch.redoOf) h.undone.delete(batch.redoOf);
  if (h.batches.length <= h.limit) return undefined;
  const { batch: evicted, index } = evictOne(h);
  // An evicted batch keeps its place and undone mark only so a rollback can put it back exactly.
  evictedFrom.set(evicted, { index, undone: h.undone.delete(evicted.batchId) });
  return evicted;
}

const evictedFrom = new WeakMap<Batch, { index: number; undone: boolean }>();

/** Takes the last batch back out of the log (rollback), restoring what it evicted. */
export function unrecordBatch(state: WorkspaceState, batch: Batch, evicted?: Batch): void {
  const h = state.history;
  if (h.batches[h.batches.length - 1] === batch) {
    h.batches.pop();
    count(h, batch, -1);
  }
  h.byId.delete(batch.batchId);
  if (batch.undoOf) h.undone.delete(batch.undoOf);
  if (batch.redoOf) h.undone.add(batch.redoOf);
  if (evicted) {
    const from = evictedFrom.get(evicted);
    h.batches.splice(from?.index ?? 0, 0, evicted);
    h.byId.set(evicted.batchId, evicted);
    count(h, evicted, 1);
    if (from?.undone) h.undone.add(evicted.batchId);
  }
}

/**
 * Fills an empty log with stored batches (oldest first) and their undone marks, keeping what
 * the retention rule keeps when there are more than the limit (a lowered limit).
 */
export function loadHistory(
  h: HistoryState,
  batches: readonly Batch[],
  undone: Iterable<string>,
): void {
  for (const b of batches) {
    h.batches.push(b);
    h.byId.set(b.batchId, b);
    count(h, b, 1);
  }
  while (h.batches.length > h.limit) evictOne(h);
  for (const id of undone) if (h.byId.has(id)) h.undone.add(id);
}
