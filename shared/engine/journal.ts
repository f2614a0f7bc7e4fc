/**
 * For the store: re-applying committed batches from the journal on load, and taking back the
 * batch `execute` just returned when writing it to disk failed.
 */
import { err, ok, type Result } from '../model/result';
import { BatchSchema, isEmptyImage, type Batch } from './batch';
import { linkError, type LinkError } from './errors';
import { isEmptyBatch, recordBatch, unrecordBatch } from './history-log';
import { writeImages } from './images';
import { noteDisplayId, type WorkspaceState } from './state';
import { Tx } from './tx';

/**
 * Re-applies an already-committed batch: writes its `after` images and records it in history
 * as `execute` did. Checks only the batch's shape (it was validated when it was executed).
 */
export function replayBatch(state: WorkspaceState, batch: unknown): Result<void, LinkError> {
  const parsed = BatchSchema.safeParse(batch);
  if (!parsed.success) {
    return err(linkError('bad_request.invalid_batch', `Not a batch: ${parsed.error.message}`));
  }
  const b = parsed.data as Batch;
  const tx = new Tx(state, b.ts, b.actor.id);
  try {
    writeImages(tx, b, 'after');
  } catch (e) {
    tx.revert();
    return err(
      linkError('bad_request.invalid_batch', `Batch does not fit the state: ${String(e)}`),
    );
  }
  if (tx.cycleFailed) {
    tx.revert();
    return err(linkError('bad_request.invalid_batch', 'Batch would close a primary cycle.'));
  }
  for (const e of b.nodes)
    if (!isEmptyImage(e.after) && 'display_id' in e.after) noteDisplayId(state, e.after.display_id);
  for (const e of b.links) if (!isEmptyImage(e.after)) noteDisplayId(state, e.after.display_id);
  // Like execute: a batch that changed nothing is not part of the history.
  if (!isEmptyBatch(b)) recordBatch(state, b);
  state.lastCommit = undefined;
  return ok(undefined);
}

/**
 * Exactly undoes the batch `execute` just returned (images, counters, history), recording
 * nothing. Only the last executed batch can be rolled back.
 */
export function rollbackBatch(state: WorkspaceState, batch: Batch): Result<void, LinkError> {
  const last = state.lastCommit;
  if (!last || last.batchId !== batch.batchId) {
    return err(
      linkError('conflict.not_last_batch', 'Only the batch just executed can be rolled back.'),
    );
  }
  const tx = new Tx(state, batch.ts, batch.actor.id);
  writeImages(tx, batch, 'before');
  state.counters = last.counters;
  if (last.recorded) unrecordBatch(state, batch, last.evicted);
  state.lastCommit = undefined;
  return ok(undefined);
}
