/**
 * The React Flow store selector both hooks subscribe with: the query window for the current
 * viewport. One selector per snap setting, shared by every subscriber, and compared by key,
 * so a subscriber re-renders only when the window changes — not on every pan frame.
 */
import type { ReactFlowState } from '@xyflow/react';
import { queryWindow, type QueryWindow, type SnapOptions } from './viewport';

const selectors = new Map<string, (s: ReactFlowState) => QueryWindow>();

export function windowSelector(snap: SnapOptions): (s: ReactFlowState) => QueryWindow {
  const key = `${snap.cellPx}:${snap.marginPx}`;
  let selector = selectors.get(key);
  if (!selector) {
    selector = (s) =>
      queryWindow(
        {
          x: s.transform[0],
          y: s.transform[1],
          zoom: s.transform[2],
          // Before React Flow has measured its pane, assume the window, to save a pass.
          width: s.width || window.innerWidth,
          height: s.height || window.innerHeight,
        },
        snap,
      );
    selectors.set(key, selector);
  }
  return selector;
}

export const sameWindow = (a: QueryWindow, b: QueryWindow): boolean => a.key === b.key;
