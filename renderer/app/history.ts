/**
 * Undo and Redo through the service's history (SPEC H2): each is a batch of its own. The
 * service keeps the undo stack (history.list → next_undo / next_redo: three undos are followed
 * by three redos); the editor asks it which batch is next, acts, and says what it did in the
 * service's words ("Undid: link TASK-1 → TASK-2").
 *
 * `useHistoryStore` holds the last page read, for the toolbar's buttons (disabled when there
 * is nothing to do) and the history panel; it is read again whenever the graph changes.
 */
import { create } from 'zustand';
import type { HistoryItem, HistoryPage } from '../../shared/contract/methods';
import { useGraphStore } from '../state/graph-store';
import { useUiStore } from '../state/ui-store';
import { whenIdle } from '../canvas/virtualization/idle';
import { command, getApi, query } from './commands';

/** The history is read again this long after the graph changes, when the page is idle … */
export const HISTORY_DELAY_MS = 120;
/** … or at the latest this long after that. */
export const HISTORY_IDLE_WAIT_MS = 1000;

/** How many changes the history panel lists. */
export const PANEL_ITEMS = 50;

interface HistoryState {
  page: HistoryPage | null;
  /** The panel lists PANEL_ITEMS changes; the toolbar needs only the next undo / redo. */
  listing: boolean;
  setListing(listing: boolean): void;
}

export const useHistoryStore = create<HistoryState>((set) => ({
  page: null,
  listing: false,
  setListing(listing) {
    set({ listing });
    void refreshHistory();
  },
}));

let asked = 0;
/** Reads the history again (the newest answer wins when several are in flight). */
export async function refreshHistory(): Promise<void> {
  const ticket = ++asked;
  const limit = useHistoryStore.getState().listing ? PANEL_ITEMS : 1;
  let api: ReturnType<typeof getApi>;
  try {
    api = getApi();
  } catch {
    return; // No service (the page could not connect): the buttons stay disabled.
  }
  // Asked directly: a page that cannot read its history just keeps its buttons as they were.
  const result = await api['history.list']({ limit });
  if (result.ok && ticket === asked) useHistoryStore.setState({ page: result.value });
}

/**
 * Keeps the history current: read again (once, shortly after) whenever the graph changes —
 * a change of this page, of another client, an undo, a switch of workspace or view.
 */
export function installHistoryTracking(): () => void {
  // When the page is idle (at most a second later), not on the change path: at 100,000 nodes
  // a change from another client has a 16 ms budget for its frame, and the read's request and
  // answer (~4 ms) landed in it (docs/canvas-performance.md, "Every one-node change kind").
  let cancel = () => {};
  const soon = () => {
    cancel();
    cancel = whenIdle(() => void refreshHistory(), HISTORY_DELAY_MS, HISTORY_IDLE_WAIT_MS);
  };
  // Before the first graph arrives, its arrival asks (once): asking now as well would read the
  // history twice on page load, the first time while the server is busy with the graph.
  if (useGraphStore.getState().workspace) soon();
  const unsubscribe = useGraphStore.subscribe((now, before) => {
    if (now.nodes !== before.nodes || now.links !== before.links || now.viewer !== before.viewer)
      soon();
  });
  return () => {
    cancel();
    unsubscribe();
  };
}

const say = (text: string) => useUiStore.getState().toast('info', text);

export async function undo(): Promise<void> {
  const page = await query('history.list', { limit: 1 });
  if (!page?.next_undo) return say('Nothing to undo.');
  if (await command('history.undo', { batchId: page.next_undo }))
    say(`Undid: ${page.next_undo_summary ?? 'the last change'}`);
  await refreshHistory();
}

export async function redo(): Promise<void> {
  const page = await query('history.list', { limit: 1 });
  if (!page?.next_redo) return say('Nothing to redo.');
  if (await command('history.redo', { batchId: page.next_redo }))
    say(`Redid: ${page.next_redo_summary ?? 'the last undone change'}`);
  await refreshHistory();
}

/** The history panel's Undo / Redo of one listed change (the owner may take back anyone's). */
export async function undoItem(item: HistoryItem): Promise<void> {
  if (await command('history.undo', { batchId: item.batchId })) say(`Undid: ${item.summary}`);
  await refreshHistory();
}

export async function redoItem(item: HistoryItem): Promise<void> {
  if (await command('history.redo', { batchId: item.batchId })) say(`Redid: ${item.summary}`);
  await refreshHistory();
}
