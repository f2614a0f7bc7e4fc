/**
 * Whether the canvas draws a plan's outline (renderer/state/outline-store.ts; docs/canvas-
 * performance.md, "The outline first"), and its bounds: while no records are shown yet.
 */
import { useMemo } from 'react';
import type { GraphOutline } from '../../shared/contract/graph-outline';
import { useOutline } from '../state/outline-store';
import { outlineBounds, type Bounds } from './fit-graph';

export interface OutlineView {
  /** The outline to draw, or null. */
  outline: GraphOutline | null;
  /** Its cards' box (what fitting the records will give). */
  bounds: Bounds | null;
}

const NO_OUTLINE: OutlineView = { outline: null, bounds: null };

export function useOutlineView(shownNodes: number): OutlineView {
  const outline = useOutline();
  const usable = outline !== null && shownNodes === 0;
  return useMemo(
    () => (usable && outline ? { outline, bounds: outlineBounds(outline) } : NO_OUTLINE),
    [usable, outline],
  );
}
