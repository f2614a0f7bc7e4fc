/**
 * Where keyboard focus is on the canvas, and moving it: a node reached by a key becomes the
 * selection, is scrolled into view when it is off screen (by its record, so it works on a
 * virtualised canvas where the card is not mounted yet), and its card gets the focus once it
 * is on the canvas.
 */
import { CARD } from '../../shared/ui-constants';
import { OVERVIEW_BELOW } from '../canvas/level-of-detail';
import { OVERVIEW_LAYER_BELOW } from '../canvas/overview/overview-view';
import { useEditorStore } from '../state/editor-store';
import { useGraphStore } from '../state/graph-store';
import { useUiStore } from '../state/ui-store';
import { canvasHandle } from './canvas-handle';

const NODE = '.react-flow__node';
/** Frames to wait for a card to be mounted before giving up on focusing it. */
const MOUNT_FRAMES = 90;

/** The node whose card has the focus, or null. */
export function focusedNode(): string | null {
  const el = document.activeElement?.closest?.(NODE);
  return el?.getAttribute('data-id') ?? null;
}

/** What node keys act on: the focused card, else the only selected node, else the inspected one. */
export function currentNode(): string | null {
  const selected = useEditorStore.getState().selectedNodes;
  const only = selected.length === 1 ? selected[0] : undefined;
  return focusedNode() ?? only ?? useUiStore.getState().selectedNode;
}

export function cardElement(id: string): HTMLElement | null {
  const root = canvasHandle()?.store.getState().domNode ?? document;
  return root.querySelector<HTMLElement>(`${NODE}[data-id="${CSS.escape(id)}"]`);
}

/** Calls `then` with the element `find` answers, as soon as it exists (or never, after a while). */
export function whenPresent<T>(find: () => T | null, then: (found: T) => void): void {
  let frames = 0;
  const tick = () => {
    const found = find();
    if (found) then(found);
    else if (frames++ < MOUNT_FRAMES) requestAnimationFrame(tick);
  };
  tick();
}

/**
 * Pans (at the same zoom) so the node's card is on screen, when it is not. Below the overview
 * layer's zoom a large plan mounts no cards, and there is no card to focus: the view then
 * also zooms in, to where cards are mounted and show their display ids (OVERVIEW_BELOW).
 */
export function reveal(id: string): void {
  const handle = canvasHandle();
  const record = useGraphStore.getState().nodes.get(id);
  if (!handle || !record) return;
  const { transform, width, height } = handle.store.getState();
  const [tx, ty, now] = transform;
  const noCard = now < OVERVIEW_LAYER_BELOW && cardElement(id) === null;
  const zoom = noCard ? OVERVIEW_BELOW : now;
  const left = record.position.x * zoom + tx;
  const top = record.position.y * zoom + ty;
  const margin = 24;
  const inside =
    left >= margin &&
    top >= margin &&
    left + CARD.width * zoom <= width - margin &&
    top + CARD.height * zoom <= height - margin;
  if (inside && !noCard) return;
  void handle.flow.setCenter(
    record.position.x + CARD.width / 2,
    record.position.y + CARD.height / 2,
    { zoom, duration: 0 },
  );
}

/**
 * Moves the keyboard focus to a node: selects it (the inspector follows when it is open),
 * scrolls it into view and focuses its card.
 */
export function focusNode(id: string): void {
  if (!useGraphStore.getState().nodes.get(id)) return;
  useEditorStore.getState().selectSoon([id]);
  const ui = useUiStore.getState();
  if (ui.selectedNode !== null && ui.selectedNode !== id) ui.select(id);
  reveal(id);
  // A card just mounted is hidden until React Flow has measured it, and a hidden element
  // cannot take the focus: wait until it is shown.
  whenPresent(
    () => {
      const el = cardElement(id);
      return el && getComputedStyle(el).visibility !== 'hidden' ? el : null;
    },
    (el) => el.focus({ preventScroll: true }),
  );
}

/** Opens the inspector on a node and puts the focus in its first field. */
export function inspect(id: string): void {
  const record = useGraphStore.getState().nodes.get(id);
  if (!record) return;
  useUiStore.getState().select(id);
  useEditorStore.getState().selectSoon([id]);
  // The panel of this node (a panel open on another node is re-rendered first).
  whenPresent(
    () => {
      const panel = document.querySelector<HTMLElement>('.lg-node-panel');
      if (panel?.querySelector('h2')?.textContent !== record.display_id) return null;
      return (
        panel.querySelector<HTMLElement>('input:not([disabled])') ??
        panel.querySelector<HTMLElement>('button')
      );
    },
    (el) => el.focus(),
  );
}
