/**
 * Adding a node (toolbar's Add node, or a double-click on the canvas): of the kind chosen in
 * the toolbar, in the free place nearest to the view's centre or to the pointer, so new nodes
 * never land on each other. The new node is selected (its details open).
 */
import { freeSpot } from '../canvas/free-spot';
import { activeNodes, useGraphStore } from '../state/graph-store';
import { useEditorStore } from '../state/editor-store';
import { useUiStore } from '../state/ui-store';
import { command } from './commands';

let queue: Promise<unknown> = Promise.resolve();

/**
 * Creates a node near `near` (canvas coordinates) and answers its id. Adds run one after the
 * other: each looks for free space once the previous node is on the canvas (quick clicks on
 * Add node would otherwise all pick the same place).
 */
export function addNodeNear(near: { x: number; y: number }): Promise<string | null> {
  const next = queue.then(() => create(near));
  queue = next.catch(() => null);
  return next;
}

async function create(near: { x: number; y: number }): Promise<string | null> {
  const kind = useEditorStore.getState().newNodeKind;
  const position = freeSpot(activeNodes(useGraphStore.getState().nodes), near);
  const batch = await command('node.create', {
    title: `New ${kind.replace('_', ' ')}`,
    kind,
    position,
  });
  const created = batch?.nodes[0]?.after;
  if (!created || !('id' in created)) return null;
  useUiStore.getState().select(created.id);
  useEditorStore.getState().selectSoon([created.id]);
  return created.id;
}
