/**
 * What a person does to several nodes (and links) at once — delete, change status or kind, tag,
 * copy / paste / duplicate — each as ONE service command: one batch, one undo step, all or
 * nothing (the engine's several-at-once commands, docs/engine.md). The selection is the
 * canvas's (editor-store, kept by GraphCanvas).
 */
import { Op } from '../../shared/engine/constants';
import type { Batch } from '../../shared/engine/batch';
import type { NodeKind, NodeStatus } from '../../shared/model/types';
import { useEditorStore } from '../state/editor-store';
import { useUiStore } from '../state/ui-store';
import { command } from './commands';

const selection = () => useEditorStore.getState();
const say = (text: string) => useUiStore.getState().toast('info', text);
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Moves what is selected to the trash (a node's links go with it [R1]). */
export async function trashSelection(
  nodes: readonly string[] = selection().selectedNodes,
  links: readonly string[] = selection().selectedLinks,
): Promise<Batch | null> {
  if (nodes.length === 0 && links.length === 0) return null;
  const batch = await command('selection.trash', {
    ...(nodes.length ? { nodes: [...nodes] } : {}),
    ...(links.length ? { links: [...links] } : {}),
  });
  if (batch) {
    useUiStore.getState().select(null);
    selection().setSelection([], []);
  }
  return batch;
}

export async function setStatus(status: NodeStatus): Promise<void> {
  const ids = [...selection().selectedNodes];
  if (ids.length && (await command('nodes.update', { ids, patch: { status } })))
    say(`Status changed on ${plural(ids.length, 'node')}.`);
}

export async function setKind(kind: NodeKind): Promise<void> {
  const ids = [...selection().selectedNodes];
  if (ids.length && (await command('nodes.update', { ids, patch: { kind } })))
    say(`${plural(ids.length, 'node')} became ${kind.replace('_', ' ')}.`);
}

export async function addTags(tags: readonly string[]): Promise<void> {
  const ids = [...selection().selectedNodes];
  const clean = [...new Set(tags.map((t) => t.trim()).filter(Boolean))];
  if (
    ids.length &&
    clean.length &&
    (await command('nodes.update', { ids, patch: { tags_add: clean } }))
  )
    say(`Tagged ${plural(ids.length, 'node')} ${clean.join(', ')}.`);
}

/** Copies of `ids` (and the links among them), `offset` away; the copies become the selection. */
async function duplicate(
  ids: readonly string[],
  offset: { x: number; y: number },
): Promise<boolean> {
  const batch = await command('nodes.duplicate', { ids: [...ids], offset });
  if (!batch) return false;
  const made = batch.nodes
    .filter((e) => e.op === Op.NODE_ADD && 'id' in e.after)
    .map((e) => (e.after as { id: string }).id);
  selection().selectSoon(made);
  useUiStore.getState().select(null);
  return true;
}

export function copySelection(): void {
  const ids = selection().selectedNodes;
  if (ids.length === 0) return;
  selection().copy(ids);
  say(`Copied ${plural(ids.length, 'node')}.`);
}

/** Pastes the copied nodes; each paste lands a step further, so pastes never stack. */
export async function paste(): Promise<void> {
  const clip = selection().clipboard;
  if (!clip) return say('Nothing to paste: copy nodes first (Ctrl+C).');
  const step = 40 * (clip.pastes + 1);
  if (await duplicate(clip.ids, { x: step, y: step })) selection().pasted();
}

export async function duplicateSelection(): Promise<void> {
  const ids = selection().selectedNodes;
  if (ids.length > 0) await duplicate(ids, { x: 40, y: 40 });
}
