/**
 * [H2] The bounded history log and its undo bookkeeping: which original batches are undone.
 */
import type { Batch } from './batch';
import type { WorkspaceState } from './state';

/** A batch that changed nothing: returned to the caller but never recorded in history. */
export function isEmptyBatch(b: Batch): boolean {
  return (
    b.links.length + b.nodes.length + b.user.length + b.access.length + b.link_types.length === 0
  );
}

/** Appends a batch; returns the batch that fell off the end of the bounded log, if any. */
export function recordBatch(state: WorkspaceState, batch: Batch): Batch | undefined {
  const h = state.history;
  h.batches.push(batch);
  h.byId.set(batch.batchId, batch);
  if (batch.undoOf) h.undone.add(batch.undoOf);
  if (batch.redoOf) h.undone.delete(batch.redoOf);
  if (h.batches.length <= h.limit) return undefined;
  const evicted = h.batches.shift() as Batch;
  h.byId.delete(evicted.batchId);
  // An evicted batch keeps its undone mark only so a rollback can put it back exactly.
  evictedUndone.set(evicted, h.undone.delete(evicted.batchId));
  return evicted;
}

const evictedUndone = new WeakMap<Batch, boolean>();

/** Takes the last batch back out of the log (rollback), restoring what it evicted. */
export function unrecordBatch(state: WorkspaceState, batch: Batch, evicted?: Batch): void {
  const h = state.history;
  if (h.batches[h.batches.length - 1] === batch) h.batches.pop();
  h.byId.delete(batch.batchId);
  if (batch.undoOf) h.undone.delete(batch.undoOf);
  if (batch.redoOf) h.undone.add(batch.redoOf);
  if (evicted) {
    h.batches.unshift(evicted);
    h.byId.set(evicted.batchId, evicted);
    if (evictedUndone.get(evicted)) h.undone.add(evicted.batchId);
  }
}
