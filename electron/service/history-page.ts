/**
 * The history as the editor shows it, newest first, each change in words with who made it,
 * and which batches Undo and Redo act on next — the undo stack every editor has:
 *
 * - Undo walks back through the member's OWN recent changes (the workspace owner may undo
 *   anyone's change from the history panel, but the Undo button is about what they did).
 * - Redo walks forward through what those undos took back, most recently undone first, so
 *   three undos are followed by three redos.
 * - A new change (not an undo or a redo) clears the redo stack. Adding a member or defining a
 *   link type is not undoable, so it is no step of the stack and leaves it as it is.
 *
 * The stacks are rebuilt from the recorded batches (bounded by the history's retention), then
 * checked against what is actually undone now: a change someone else undid or redid since,
 * or one that fell out of the history, is skipped.
 */
import {
  accessOf,
  describeBatch,
  type Batch,
  type Names,
  type WorkspaceState,
} from '../../shared/engine';
import type { HistoryItem, HistoryPage } from '../../shared/contract/methods';

const undoable = (b: Batch) => b.user.length === 0 && b.link_types.length === 0;

/** The member's undo and redo stacks (latest last), before checking them against today. */
function stacks(batches: readonly Batch[], member: string): { undo: string[]; redo: string[] } {
  const undo: string[] = [];
  let redo: string[] = [];
  const take = (stack: string[], id: string) => {
    const i = stack.lastIndexOf(id);
    if (i >= 0) stack.splice(i, 1);
  };
  for (const b of batches) {
    if (b.actor.id !== member) continue;
    if (b.undoOf) {
      take(undo, b.undoOf);
      take(redo, b.undoOf);
      redo.push(b.undoOf);
    } else if (b.redoOf) {
      take(redo, b.redoOf);
      take(undo, b.redoOf);
      undo.push(b.redoOf);
    } else if (undoable(b)) {
      undo.push(b.batchId);
      redo = [];
    }
  }
  return { undo, redo };
}

/** Names for the summaries: only what this member may see (A1, A4). */
export function namesFor(state: WorkspaceState, member: string): Names {
  const owner = member === state.ownerId;
  return {
    node: (id) => {
      const n = state.nodes.get(id);
      if (!n) return undefined;
      if (!owner && accessOf(state, member, id) === null) return 'hidden';
      return { display_id: n.rec.display_id, title: n.rec.title };
    },
    member: (id) => state.members.get(id)?.username,
    linkType: (id) => state.linkTypes.get(id),
  };
}

export function historyPage(state: WorkspaceState, member: string, limit: number): HistoryPage {
  const { batches, undone, byId } = state.history;
  const names = namesFor(state, member);
  /** What a batch did, in words; an undo or redo says what it took back or re-applied. */
  const summary = (b: Batch): string => {
    const of = b.undoOf ?? b.redoOf;
    const original = of ? byId.get(of) : undefined;
    const what = describeBatch(original ?? b, names);
    if (b.undoOf) return `Undid: ${what}`;
    if (b.redoOf) return `Redid: ${what}`;
    return what;
  };

  const { undo, redo } = stacks(batches, member);
  let nextUndo: Batch | undefined;
  for (let i = undo.length - 1; i >= 0 && !nextUndo; i--) {
    const b = byId.get(undo[i] as string);
    if (b && !undone.has(b.batchId)) nextUndo = b;
  }
  let nextRedo: Batch | undefined;
  for (let i = redo.length - 1; i >= 0 && !nextRedo; i--) {
    const b = byId.get(redo[i] as string);
    if (b && undone.has(b.batchId)) nextRedo = b;
  }

  const mine = (b: Batch) => member === state.ownerId || b.actor.id === member;
  const items: HistoryItem[] = [];
  for (let i = batches.length - 1; i >= 0 && items.length < limit; i--) {
    const b = batches[i] as Batch;
    if (!mine(b)) continue;
    items.push({
      batchId: b.batchId,
      ts: b.ts,
      actor: { username: b.actor.username, email: b.actor.email },
      summary: summary(b),
      undone: undone.has(b.batchId),
      ...(b.undoOf ? { undoOf: b.undoOf } : {}),
      ...(b.redoOf ? { redoOf: b.redoOf } : {}),
    });
  }
  return {
    items,
    ...(nextUndo
      ? { next_undo: nextUndo.batchId, next_undo_summary: describeBatch(nextUndo, names) }
      : {}),
    ...(nextRedo
      ? { next_redo: nextRedo.batchId, next_redo_summary: describeBatch(nextRedo, names) }
      : {}),
  };
}
