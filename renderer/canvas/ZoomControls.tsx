import { useLayoutEffect, useRef } from 'react';
import { Panel, useReactFlow, useStoreApi, type ReactFlowState } from '@xyflow/react';
import type { NodeRecord } from '../../shared/model/types';
import { fitPlan } from './fit-graph';
import './zoom-controls.css';

const ZOOM_MS = 150;

/**
 * The zoom as people read it: a whole percentage, and below 1% two significant digits (a
 * 100,000-node plan fits the window at ~0.3%, which a whole percentage showed as "0%").
 */
export function zoomPercent(zoom: number): string {
  const percent = zoom * 100;
  return percent >= 0.995 ? `${Math.round(percent)}%` : `${Number(percent.toPrecision(2))}%`;
}

/**
 * The zoom one step in (+1) or out (-1): steps of √2 on a fixed grid — 25, 35, 50, 71, 100,
 * 141, 200% — so two presses halve or double, and 100%, 50% and 25% are always reachable. A
 * zoom between grid points (after a wheel or fit) goes to the next grid point that way.
 */
export function steppedZoom(zoom: number, direction: 1 | -1): number {
  const at = Math.log2(zoom) * 2;
  const near = Math.round(at);
  const from = Math.abs(at - near) < 0.01 ? near : direction > 0 ? Math.floor(at) : Math.ceil(at);
  return 2 ** ((from + direction) / 2);
}

type Zoomable = Pick<ReturnType<typeof useReactFlow>, 'getZoom' | 'zoomTo'>;

/**
 * The step being animated: a press while it runs steps on from its target, not from mid-way.
 * It runs until zoomTo's promise settles (on a busy machine the animation's frames come late:
 * stepping from the zoom shown then went to the same grid point twice); a zoom outside its
 * range means something else (a wheel, 100%, fit) moved the view since, and a step long
 * unsettled (an interrupted animation) is forgotten.
 */
let lastStep: { from: number; target: number; at: number; settled: boolean } | null = null;
const FORGET_STEP_MS = 1000;

export function zoomStep(flow: Zoomable, direction: 1 | -1): void {
  const now = performance.now();
  const zoom = flow.getZoom();
  const step = lastStep;
  const running =
    step !== null &&
    !step.settled &&
    now - step.at < FORGET_STEP_MS &&
    zoom >= Math.min(step.from, step.target) - 1e-6 &&
    zoom <= Math.max(step.from, step.target) + 1e-6;
  const from = running ? step.target : zoom;
  const target = steppedZoom(from, direction);
  const next = { from: zoom, target, at: now, settled: false };
  lastStep = next;
  void Promise.resolve(flow.zoomTo(target, { duration: ZOOM_MS })).finally(() => {
    next.settled = true;
  });
}

/**
 * The zoom indicator, bottom-left: "−  87%  +", a 100% button and a fit button, each a
 * labelled button (Tab reaches them; the `+ - 0 F` keys do the same, keyboard/shortcut-keys.ts).
 * The percentage is written straight into its element from a store subscription (as
 * LevelOfDetail does): a zoom frame costs one text update, no React render. Fit fits the
 * records, not React Flow's mounted cards (a virtualised canvas holds only what is on screen),
 * or a plan's outline while its records load (fit-graph.ts `fitPlan`).
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
        onClick={() => zoomStep(flow, -1)}
      >
        −
      </button>
      <output ref={level} className="lg-zoom__level" aria-label="Zoom level" />
      <button
        type="button"
        aria-label="Zoom in"
        title="Zoom in (+)"
        onClick={() => zoomStep(flow, 1)}
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
        onClick={() => fitPlan(flow, records)}
      >
        ⤢ Fit
      </button>
    </Panel>
  );
}
