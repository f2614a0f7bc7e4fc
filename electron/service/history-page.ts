/**
 * The history as the editor shows it, newest first, and which batches Undo and Redo act on
 * next: Undo takes the newest change not yet undone; Redo the change undone most recently,
 * as long as no new change was made since (the usual editor rule).
 */
import { Op, type Batch, type WorkspaceState } from '../../shared/engine';
import type { HistoryItem, HistoryPage } from '../../shared/contract/methods';

export function historyPage(state: WorkspaceState, member: string, limit: number): HistoryPage {
  const { batches, undone } = state.history;
  const mine = (b: Batch) => member === state.ownerId || b.actor.id === member;
  const undoable = (b: Batch) => b.user.length === 0 && b.link_types.length === 0;
  let nextUndo: string | undefined;
  let nextRedo: string | undefined;
  let newChangeSeen = false;
  for (let i = batches.length - 1; i >= 0; i--) {
    const b = batches[i] as Batch;
    if (!mine(b)) continue;
    if (!b.undoOf && !b.redoOf) {
      if (!undone.has(b.batchId) && undoable(b)) {
        nextUndo ??= b.batchId;
        newChangeSeen = true;
      }
    } else if (b.redoOf && !nextUndo && !undone.has(b.redoOf)) {
      nextUndo = b.redoOf;
      newChangeSeen = true;
    } else if (b.undoOf && !newChangeSeen && !nextRedo && undone.has(b.undoOf)) {
      nextRedo = b.undoOf;
    }
    if (nextUndo && (nextRedo || newChangeSeen)) break;
  }
  const items: HistoryItem[] = [];
  for (let i = batches.length - 1; i >= 0 && items.length < limit; i--) {
    const b = batches[i] as Batch;
    if (!mine(b)) continue;
    items.push({
      batchId: b.batchId,
      ts: b.ts,
      actor: { username: b.actor.username, email: b.actor.email },
      summary: summarise(b),
      undone: undone.has(b.batchId),
      ...(b.undoOf ? { undoOf: b.undoOf } : {}),
      ...(b.redoOf ? { redoOf: b.redoOf } : {}),
    });
  }
  return {
    items,
    ...(nextUndo ? { next_undo: nextUndo } : {}),
    ...(nextRedo ? { next_redo: nextRedo } : {}),
  };
}

const OP_WORDS: Record<number, string> = {
  [Op.NODE_ADD]: 'added a node',
  [Op.NODE_STATUS]: 'changed a status',
  [Op.NODE_UPDATE]: 'edited a node',
  [Op.NODE_TRASH]: 'trashed a node',
  [Op.NODE_RESTORE]: 'restored a node',
  [Op.NODE_PURGE]: 'purged a node',
  [Op.LINK_ADD]: 'added a link',
  [Op.LINK_UPDATE]: 'edited a link',
  [Op.LINK_TRASH]: 'trashed a link',
  [Op.LINK_RESTORE]: 'restored a link',
  [Op.LINK_PURGE]: 'purged a link',
  [Op.LINK_SWAP]: 'swapped a link',
  [Op.ACCESS_GRANT]: 'granted access',
  [Op.ACCESS_REVOKE]: 'revoked access',
};

function summarise(b: Batch): string {
  if (b.undoOf) return 'undo';
  if (b.redoOf) return 'redo';
  const first = b.links[0] ?? b.nodes[0] ?? b.access[0];
  return first ? (OP_WORDS[first.op] ?? 'changed the workspace') : 'changed the workspace';
}
