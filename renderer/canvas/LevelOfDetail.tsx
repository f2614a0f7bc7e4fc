import { useLayoutEffect } from 'react';
import { useStoreApi, type ReactFlowState } from '@xyflow/react';
import {
  DETAIL_ATTRIBUTE,
  EDGES_ATTRIBUTE,
  FAR_BELOW,
  OVERVIEW_BELOW,
  SCALE_VARIABLE,
  detailLevel,
  textScale,
} from './level-of-detail';

/**
 * Keeps `data-lod="near" | "far" | "overview"` on React Flow's root element and the text scale
 * (`--lg-lod-scale`) on its cards' container in step with the zoom (see level-of-detail.ts),
 * and `data-lod-edges` on large graphs. A child of <ReactFlow>; renders nothing and never
 * re-renders on zoom: it writes from a store subscription, in the same task as the viewport
 * change, so the look switches in the frame that crosses the threshold — and only then (the
 * scale moves in quarter-octave steps).
 */
export function LevelOfDetail({
  farBelow = FAR_BELOW,
  overviewBelow = OVERVIEW_BELOW,
  simpleEdges = true,
}: {
  farBelow?: number;
  overviewBelow?: number;
  /** Drop link labels and arrowheads when zoomed out (large graphs: raster cost). */
  simpleEdges?: boolean;
}) {
  const store = useStoreApi();
  useLayoutEffect(() => {
    let element: HTMLElement | null = null;
    // The text scale is set on the cards' container, not the root: every rule that reads it is
    // a card's (styles.css, keyboard.css), and a custom property set on the root restyles all
    // of React Flow's elements (links, panels) each time it steps while zooming.
    let scaled: HTMLElement | null = null;
    let shown: string | null = null;
    let scale = 0;
    const clear = (el: HTMLElement | null) => {
      el?.removeAttribute(DETAIL_ATTRIBUTE);
      el?.removeAttribute(EDGES_ATTRIBUTE);
      scaled?.style.removeProperty(SCALE_VARIABLE);
    };
    // Runs on every store change (each pan or zoom frame): a few compares unless something changed.
    const apply = (s: ReactFlowState) => {
      const zoom = s.transform[2];
      const level = detailLevel(zoom, farBelow, overviewBelow);
      const nextScale = textScale(zoom);
      const current = scaled?.isConnected === true;
      const moved = s.domNode !== element;
      if (!moved && current && level === shown && nextScale === scale) return;
      if (moved) {
        clear(element);
        if (simpleEdges) s.domNode?.setAttribute(EDGES_ATTRIBUTE, 'simple');
      }
      element = s.domNode;
      if (moved || !current)
        scaled = element?.querySelector<HTMLElement>('.react-flow__nodes') ?? element;
      shown = element ? level : null;
      scale = element ? nextScale : 0;
      element?.setAttribute(DETAIL_ATTRIBUTE, level);
      scaled?.style.setProperty(SCALE_VARIABLE, String(nextScale));
    };
    apply(store.getState());
    const unsubscribe = store.subscribe(apply);
    return () => {
      unsubscribe();
      clear(element);
    };
  }, [store, farBelow, overviewBelow, simpleEdges]);
  return null;
}
