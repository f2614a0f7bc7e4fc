import { useLayoutEffect } from 'react';
import { useStoreApi, type ReactFlowState } from '@xyflow/react';
import { DETAIL_ATTRIBUTE, FAR_BELOW, OVERVIEW_BELOW, detailLevel } from './level-of-detail';

/**
 * Keeps `data-lod="near" | "far" | "overview"` on React Flow's root element in step with the zoom (see
 * level-of-detail.ts). A child of <ReactFlow>; renders nothing and never re-renders on zoom:
 * it writes the attribute from a store subscription, in the same task as the viewport change,
 * so the look switches in the frame that crosses the threshold.
 */
export function LevelOfDetail({
  farBelow = FAR_BELOW,
  overviewBelow = OVERVIEW_BELOW,
}: {
  farBelow?: number;
  overviewBelow?: number;
}) {
  const store = useStoreApi();
  useLayoutEffect(() => {
    let element: HTMLElement | null = null;
    let shown: string | null = null;
    // Runs on every store change (each pan or zoom frame): two compares unless something changed.
    const apply = (s: ReactFlowState) => {
      const level = detailLevel(s.transform[2], farBelow, overviewBelow);
      if (s.domNode === element && level === shown) return;
      if (s.domNode !== element) element?.removeAttribute(DETAIL_ATTRIBUTE);
      element = s.domNode;
      shown = element ? level : null;
      element?.setAttribute(DETAIL_ATTRIBUTE, level);
    };
    apply(store.getState());
    const unsubscribe = store.subscribe(apply);
    return () => {
      unsubscribe();
      element?.removeAttribute(DETAIL_ATTRIBUTE);
    };
  }, [store, farBelow, overviewBelow]);
  return null;
}
