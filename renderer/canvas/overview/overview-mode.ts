/**
 * Whether a large plan is drawn by the overview layer or by cards (docs/canvas-performance.md,
 * "Zoom"). Below OVERVIEW_LAYER_BELOW always the layer; between it and the cards' text-free
 * look's upper end (OVERVIEW_BELOW, 0.45) the layer too **while the zoom is changing**, and
 * cards once it has rested for ZOOM_SETTLE_MS. In that band the DOM cards look like the layer's
 * boxes (level-of-detail.ts), so the later hand-over shows nothing new; a continuous zoom
 * through it no longer mounts ~400 cards at 0.3 and re-rasterises them every frame (frames of
 * 50–65 ms there at 100,000 nodes, against ~18 ms for the layer).
 *
 * One object per canvas, shared by GraphCanvas (what React Flow is handed) and OverviewLayer
 * (whether it draws), which both read it synchronously.
 */
import type { ReactFlowState } from '@xyflow/react';
import { OVERVIEW_BELOW } from '../level-of-detail';
import { OVERVIEW_LAYER_BELOW } from './overview-view';

/** Quiet time after the last zoom change before cards take over in the moving band. */
export const ZOOM_SETTLE_MS = 150;

/** The layer draws at this zoom when the zoom is (not) changing. */
export function overviewWanted(zoom: number, zooming: boolean): boolean {
  return zoom < OVERVIEW_LAYER_BELOW || (zooming && zoom < OVERVIEW_BELOW);
}

interface FlowStore {
  getState(): Pick<ReactFlowState, 'transform'>;
  subscribe(listener: (state: Pick<ReactFlowState, 'transform'>) => void): () => void;
}

export interface OverviewMode {
  /** Whether the layer draws now (as of the last `sync`). */
  get(): boolean;
  /** Brings the mode up to the store's zoom (idempotent) and answers it. */
  sync(): boolean;
  /**
   * Whether the layer keeps drawing although cards are wanted: while the cards of a hand-over
   * are mounted a few per frame (virtualization/stagger.ts), the layer shows the rest.
   */
  held(): boolean;
  /** Sets `held`; listeners are called when it changes (the layer draws or hides then). */
  hold(on: boolean): void;
  /** Calls `listener` when the answer changes; useSyncExternalStore's shape. */
  subscribe(listener: () => void): () => void;
}

export function createOverviewMode(store: FlowStore, settleMs = ZOOM_SETTLE_MS): OverviewMode {
  let zoom = store.getState().transform[2];
  let zooming = false;
  let active = overviewWanted(zoom, false);
  let holding = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let unsubscribe: (() => void) | null = null;
  const listeners = new Set<() => void>();
  const recompute = () => {
    const next = overviewWanted(zoom, zooming);
    if (next === active) return;
    active = next;
    listeners.forEach((l) => l());
  };
  const sync = () => {
    const z = store.getState().transform[2];
    if (z !== zoom) {
      zoom = z;
      zooming = true;
      clearTimeout(timer);
      timer = setTimeout(() => {
        zooming = false;
        recompute();
      }, settleMs);
      recompute();
    }
    return active;
  };
  return {
    get: () => active,
    sync,
    held: () => holding,
    hold(on) {
      if (on === holding) return;
      holding = on;
      listeners.forEach((l) => l());
    },
    subscribe(listener) {
      listeners.add(listener);
      unsubscribe ??= store.subscribe(() => void sync());
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) {
          unsubscribe?.();
          unsubscribe = null;
          clearTimeout(timer);
          zooming = false;
          active = overviewWanted(zoom, false);
        }
      };
    },
  };
}
