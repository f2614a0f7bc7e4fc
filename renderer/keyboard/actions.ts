/**
 * What each shortcut of the table (shortcut-keys.ts) does. `ACTIONS` must have an entry for
 * every row (the type says so), so a key listed in the `?` dialog always has a handler. Each
 * answers whether it took the key (false: the event goes on as if no shortcut existed). Every
 * change is one service command (one batch, one undo step); refusals are toasts, as for mouse
 * gestures.
 */
import { shownRecords } from '../groups/use-group-view';
import { Op } from '../../shared/engine/constants';
import { addNodeNear } from '../app/add-node';
import { command, currentMember } from '../app/commands';
import { redo, undo } from '../app/history';
import { copySelection, duplicateSelection, paste, trashSelection } from '../app/selection';
import { fitPlan } from '../canvas/fit-graph';
import { newLinkParams } from '../canvas/link-params';
import { zoomStep } from '../canvas/ZoomControls';
import { passesFilters } from '../find/find-logic';
import { useFindStore } from '../find/find-store';
import { useEditorStore } from '../state/editor-store';
import { activeLinks, activeNodes, useGraphStore } from '../state/graph-store';
import { useUiStore } from '../state/ui-store';
import { canvasHandle } from './canvas-handle';
import { cardElement, currentNode, focusedNode, focusNode, inspect } from './focus';
import { useKeyboardStore } from './keyboard-store';
import { MoveBurst } from './move-burst';
import { navigate, type NavKey } from './navigation';
import type { ShortcutId } from './shortcut-keys';

/** One arrow press moves this far (Shift: FAR_STEP), in canvas pixels. */
export const MOVE_STEP = 10;
export const FAR_STEP = 50;
/** A burst of arrow presses is saved this long after the last one. */
export const MOVE_REST_MS = 600;
const ZOOM_MS = 150;

export const moves = new MoveBurst({
  stored: (id) => useGraphStore.getState().nodes.get(id)?.position,
  show: (list) =>
    canvasHandle()
      ?.store.getState()
      .triggerNodeChanges(list.map((m) => ({ type: 'position', id: m.id, position: m.position }))),
  save: async (list) => !!(await command('node.move', { moves: list.map((m) => ({ ...m })) })),
  restMs: MOVE_REST_MS,
  setTimer: (fn, ms) => setTimeout(fn, ms),
  clearTimer: (t) => clearTimeout(t as ReturnType<typeof setTimeout>),
});

/** Runs `fn` once any arrow-key move waiting to be saved is saved (so undo sees it). */
const afterMoves = (fn: () => unknown): true => {
  void moves.flush().then(fn);
  return true;
};

/** The nodes and links shown (active, and passing the filters). */
function shown() {
  const { nodes, links } = useGraphStore.getState();
  const filters = useFindStore.getState().filters;
  const visible = activeNodes(nodes).filter((n) => passesFilters(n, filters));
  const ids = new Set(visible.map((n) => n.id));
  return {
    nodes: visible,
    links: activeLinks(links, nodes).filter((l) => ids.has(l.source) && ids.has(l.target)),
  };
}

function go(key: NavKey): boolean {
  const { nodes, links } = shown();
  const kb = useKeyboardStore.getState();
  const from = currentNode();
  const to = navigate(key, from, nodes, links, kb.lastStep);
  if (!to) {
    if (from) {
      const word = key === 'out' ? 'links to no node' : key === 'in' ? 'has no incoming link' : '';
      const name = useGraphStore.getState().nodes.get(from)?.display_id ?? 'This node';
      if (word) useUiStore.getState().toast('info', `${name} ${word}.`);
    }
    return true;
  }
  kb.setLastStep(to.step);
  focusNode(to.id);
  return true;
}

/** Arrow keys: the selection (or the focused card) moves; saved when the keys rest. */
function move(dx: number, dy: number): boolean {
  const { viewer } = useGraphStore.getState();
  if (viewer && viewer !== currentMember) {
    // "View as" is read-only (app/view-as.ts): say so once, without moving a card for nothing.
    void command('node.move', { moves: [] });
    return true;
  }
  const focused = focusedNode();
  let ids = useEditorStore.getState().selectedNodes;
  if (focused && !ids.includes(focused)) {
    ids = [focused];
    useEditorStore.getState().selectSoon(ids);
  }
  if (ids.length === 0) return false;
  moves.press(ids, dx, dy);
  return true;
}

const arrow = (e: KeyboardEvent, step: number): boolean => {
  const d = {
    ArrowLeft: [-step, 0],
    ArrowRight: [step, 0],
    ArrowUp: [0, -step],
    ArrowDown: [0, step],
  }[e.key];
  return d ? move(d[0] as number, d[1] as number) : false;
};

/** Delete: the selection (or the focused card) to the trash; the focus goes to a neighbour. */
function trash(): boolean {
  const sel = useEditorStore.getState();
  const focused = focusedNode();
  const nodes =
    sel.selectedNodes.length || sel.selectedLinks.length
      ? sel.selectedNodes
      : focused
        ? [focused]
        : [];
  const links = sel.selectedLinks;
  if (nodes.length === 0 && links.length === 0) return false;
  const gone = new Set(nodes);
  const { nodes: all, links: shownLinks } = shown();
  const start = focused ?? nodes[0] ?? null;
  // Where the focus goes: a node linked to the first one trashed, else the next in reading order.
  const stay = all.filter((n) => !gone.has(n.id));
  const nextTo = start
    ? (navigate('out', start, all, shownLinks, null)?.id ??
      navigate('in', start, all, shownLinks, null)?.id)
    : undefined;
  const after =
    nextTo && !gone.has(nextTo) ? nextTo : (navigate('next', null, stay, [], null)?.id ?? null);
  return afterMoves(async () => {
    const batch = await trashSelection(nodes, links);
    if (batch && after) focusNode(after);
  });
}

function newNode(): boolean {
  const handle = canvasHandle();
  if (!handle) return false;
  const { width, height } = handle.store.getState();
  const centre = handle.flow.screenToFlowPosition({
    x: (handle.store.getState().domNode?.getBoundingClientRect().left ?? 0) + width / 2,
    y: (handle.store.getState().domNode?.getBoundingClientRect().top ?? 0) + height / 2,
  });
  return afterMoves(async () => {
    const id = await addNodeNear(centre);
    if (id) inspect(id);
  });
}

function linkTo(): boolean {
  const from = currentNode();
  if (!from) return false;
  useKeyboardStore.getState().setLinkFrom(from);
  return true;
}

/** Creates the link the picker chose: one command, refusals as toasts (as drawn links). */
export async function createLink(source: string, target: string): Promise<boolean> {
  const params = newLinkParams(source, target);
  const batch = await command('link.create', params, { draw: params });
  if (!batch) return false;
  const ui = useUiStore.getState();
  // [R2] A link that was in the trash comes back: say so (as the canvas does for a drawn one).
  if (batch.links.some((e) => e.op === Op.LINK_RESTORE)) {
    ui.toast('info', 'That link was in the trash: it has been restored.');
  } else {
    const name = (id: string) => useGraphStore.getState().nodes.get(id)?.display_id ?? id;
    ui.toast('info', `Linked ${name(source)} → ${name(target)}.`);
  }
  return true;
}

function zoom(how: 'in' | 'out' | '100' | 'fit'): boolean {
  const handle = canvasHandle();
  if (!handle) return false;
  const { flow } = handle;
  if (how === 'in') zoomStep(flow, 1);
  else if (how === 'out') zoomStep(flow, -1);
  else if (how === '100') void flow.zoomTo(1, { duration: ZOOM_MS });
  else fitPlan(flow, shownRecords());
  return true;
}

function backToCard(): boolean {
  const ui = useUiStore.getState();
  const id = ui.selectedNode;
  if (!id) return false;
  ui.select(null);
  if (cardElement(id) || useGraphStore.getState().nodes.get(id)) focusNode(id);
  return true;
}

export const ACTIONS: Record<ShortcutId, (e: KeyboardEvent) => boolean> = {
  'next-linked': () => go('out'),
  'previous-linked': () => go('in'),
  'next-sibling': () => go('next'),
  'previous-sibling': () => go('previous'),
  inspect: () => {
    // A focused link opens the link inspector; a node, the node inspector.
    const edge = document.activeElement?.closest?.('.react-flow__edge')?.getAttribute('data-id');
    if (edge) {
      useUiStore.getState().selectLink(edge);
      return true;
    }
    const id = focusedNode();
    if (!id) return false;
    inspect(id);
    return true;
  },
  'back-to-card': backToCard,
  move: (e) => arrow(e, MOVE_STEP),
  'move-far': (e) => arrow(e, FAR_STEP),
  'new-node': (e) => !e.repeat && newNode(),
  trash,
  undo: () => afterMoves(undo),
  redo: () => afterMoves(redo),
  copy: () => {
    // Text selected on the page (a toast, a panel) is copied as usual.
    if (window.getSelection()?.toString()) return false;
    copySelection();
    return true;
  },
  paste: () => afterMoves(paste),
  duplicate: () => afterMoves(duplicateSelection),
  'link-to': (e) => !e.repeat && linkTo(),
  search: () => {
    document.querySelector<HTMLInputElement>('input[type="search"]')?.focus();
    return true;
  },
  'zoom-in': () => zoom('in'),
  'zoom-out': () => zoom('out'),
  'zoom-100': () => zoom('100'),
  fit: () => zoom('fit'),
  help: () => {
    useKeyboardStore.getState().setHelpOpen(true);
    return true;
  },
};
