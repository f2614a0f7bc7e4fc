/**
 * A large plan's outline while its records load (shared/contract/graph-outline.ts;
 * docs/canvas-performance.md, "The outline first"): offered by the page's first `reloadView`
 * when it arrives before the records, cleared once they are shown. Taken only when the canvas
 * would draw that plan with the overview layer anyway: more nodes than a virtualised canvas's
 * threshold, and no collapsed groups remembered for that workspace (they fold the plan into a
 * few cards: the outline would jump). The canvas draws it; the search box only asks whether
 * one shows (no match then means "not loaded yet").
 */
import { createStore, useStore } from 'zustand';
import type { GraphOutline } from '../../shared/contract/graph-outline';
import { VIRTUALIZE_ABOVE } from '../canvas/virtualize-above';
import { remembersCollapsed } from '../groups/group-store';

export const outlineStore = createStore<{ outline: GraphOutline | null }>(() => ({
  outline: null,
}));

export const useOutline = (): GraphOutline | null => useStore(outlineStore, (s) => s.outline);

/** Shows `outline` if the canvas would draw it (above); answers whether it does. */
export function offerOutline(outline: GraphOutline): boolean {
  if (outline.count <= VIRTUALIZE_ABOVE || remembersCollapsed(outline.workspace.id)) return false;
  outlineStore.setState({ outline });
  return true;
}

/** Once the records are shown. */
export function clearOutline(): void {
  if (outlineStore.getState().outline) outlineStore.setState({ outline: null });
}
