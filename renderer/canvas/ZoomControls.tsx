import { useLayoutEffect, useRef } from 'react';
import { Panel, useReactFlow, useStoreApi, type ReactFlowState } from '@xyflow/react';
import type { NodeRecord } from '../../shared/model/types';
import { fitGraph } from './fit-graph';
import './zoom-controls.css';

const ZOOM_MS = 150;

/** The zoom as people read it: a whole percentage. */
export const zoomPercent = (zoom: number): string => `${Math.round(zoom * 100)}%`;

/**
 * The zoom indicator, bottom-left: "−  87%  +", a 100% button and a fit button, each a
 * labelled button (Tab reaches them; the `+ - 0 F` keys do the same, keyboard/shortcut-keys.ts).
 * The percentage is written straight into its element from a store subscription (as
 * LevelOfDetail does): a zoom frame costs one text update, no React render. Fit fits the
 * records, not React Flow's mounted cards (a virtualised canvas holds only what is on screen).
 */
export function ZoomControls({ records }: { records: readonly NodeRecord[] }) {
  const flow = useReactFlow();
  const store = useStoreApi();
  const level = useRef<HTMLOutputElement>(null);

  useLayoutEffect(() => {
    let shown = '';
    const apply = (s: ReactFlowState) => {
      const text = zoomPercent(s.transform[2]);
      if (text === shown || !level.current) return;
      shown = text;
      level.current.textContent = text;
    };
    apply(store.getState());
    return store.subscribe(apply);
  }, [store]);

  return (
    <Panel position="bottom-left" className="lg-zoom" aria-label="Zoom controls">
      <button
        type="button"
        aria-label="Zoom out"
        title="Zoom out (-)"
        onClick={() => void flow.zoomOut({ duration: ZOOM_MS })}
      >
        −
      </button>
      <output ref={level} className="lg-zoom__level" aria-label="Zoom level" />
      <button
        type="button"
        aria-label="Zoom in"
        title="Zoom in (+)"
        onClick={() => void flow.zoomIn({ duration: ZOOM_MS })}
      >
        +
      </button>
      <button
        type="button"
        aria-label="Zoom to 100%"
        title="Zoom to 100% (0)"
        onClick={() => void flow.zoomTo(1, { duration: ZOOM_MS })}
      >
        100%
      </button>
      <button
        type="button"
        aria-label="Fit the whole plan"
        title="Fit the whole plan (F)"
        onClick={() => fitGraph(flow, records)}
      >
        ⤢ Fit
      </button>
    </Panel>
  );
}
