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
import { useGraphStore } from '../state/graph-store';
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

/**
 * The first offset of `step`, `step` + 40, … at which no copy of `ids` lands on a card already
 * there (the same place, within a few pixels): repeated pastes and duplicates never stack.
 */
function clearOffset(ids: readonly string[], step: number): { x: number; y: number } {
  const nodes = useGraphStore.getState().nodes;
  const taken = new Set<string>();
  const key = (x: number, y: number) => `${Math.round(x / 8)},${Math.round(y / 8)}`;
  for (const n of nodes.values()) if (!n.in_trash) taken.add(key(n.position.x, n.position.y));
  for (let d = step; d < step + 40 * 200; d += 40) {
    const lands = ids.some((id) => {
      const p = nodes.get(id)?.position;
      return p !== undefined && taken.has(key(p.x + d, p.y + d));
    });
    if (!lands) return { x: d, y: d };
  }
  return { x: step, y: step };
}

/** Copies of `ids` (and the links among them), offset; the copies become the selection. */
async function duplicate(ids: readonly string[], step: number): Promise<boolean> {
  const offset = clearOffset(ids, step);
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
  if (await duplicate(clip.ids, 40 * (clip.pastes + 1))) selection().pasted();
}

export async function duplicateSelection(): Promise<void> {
  const ids = selection().selectedNodes;
  if (ids.length > 0) await duplicate(ids, 40);
}
