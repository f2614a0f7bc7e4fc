/**
 * The React Flow store selector both hooks subscribe with: the query window for the current
 * viewport. One selector per snap setting, shared by every subscriber (useVirtualFlow and
 * each clipped edge), computed once per store state however many subscribe, and compared
 * with `keepsWindow`, so a subscriber re-renders only when its window no longer does — not
 * on every pan or zoom frame.
 */
import type { ReactFlowState } from '@xyflow/react';
import {
  KEEP_AREA_RATIO,
  keepsWindow,
  queryWindow,
  type QueryWindow,
  type SnapOptions,
} from './viewport';

const selectors = new Map<string, (s: ReactFlowState) => QueryWindow>();

export function windowSelector(snap: SnapOptions): (s: ReactFlowState) => QueryWindow {
  // keepAreaRatio only matters to the equality.
  const key = `${snap.cellPx}:${snap.marginPx}`;
  let selector = selectors.get(key);
  if (!selector) {
    // Every subscriber calls this on every store change: answer a repeated state from memory.
    let lastTransform: ReactFlowState['transform'] | null = null;
    let lastWidth = 0;
    let lastHeight = 0;
    let last: QueryWindow | null = null;
    selector = (s) => {
      // Before React Flow has measured its pane, assume the window, to save a pass.
      const width = s.width || window.innerWidth;
      const height = s.height || window.innerHeight;
      if (last && s.transform === lastTransform && width === lastWidth && height === lastHeight) {
        return last;
      }
      lastTransform = s.transform;
      lastWidth = width;
      lastHeight = height;
      last = queryWindow(
        { x: s.transform[0], y: s.transform[1], zoom: s.transform[2], width, height },
        snap,
      );
      return last;
    };
    selectors.set(key, selector);
  }
  return selector;
}

const equalities = new Map<number, (kept: QueryWindow, next: QueryWindow) => boolean>();

/** The selector's equality: the window in use stays while it still does (viewport.ts). */
export function sameWindow(snap: SnapOptions): (kept: QueryWindow, next: QueryWindow) => boolean {
  const ratio = snap.keepAreaRatio ?? KEEP_AREA_RATIO;
  let equality = equalities.get(ratio);
  if (!equality) {
    equality = (kept, next) => keepsWindow(kept, next, ratio);
    equalities.set(ratio, equality);
  }
  return equality;
}
