/**
 * Whether a large plan is drawn by the overview layer or by cards (docs/canvas-performance.md,
 * "Zoom"), and what the cards do while the zoom is moving.
 *
 * At rest: below OVERVIEW_LAYER_BELOW (0.3) the layer, above it cards.
 *
 * **While the zoom is changing** (until it has rested for ZOOM_SETTLE_MS), no card is mounted
 * that was not already: mounting cards is what made a zoom stutter (a hand-over chunk or a
 * zoom-out's new fringe cost 60–150 ms a frame, against ~17 ms for a frame of the layer).
 * - A zoom that starts with the layer keeps the layer to its end, whatever the zoom (a zoom
 *   from fit-all to a card is drawn by the layer, and cards take over once it rests);
 * - a zoom that starts with cards keeps them (they scale with the view) and the layer draws
 *   underneath, where the view has grown past them (`moving`); below OVERVIEW_BELOW (0.45),
 *   where cards show no text and look like the layer's boxes, the layer takes over.
 * Once the zoom rests, the cards on screen are handed over a few per frame
 * (virtualization/stagger.ts) while the layer is held underneath (`hold`).
 *
 * One object per canvas, shared by GraphCanvas (what React Flow is handed) and OverviewLayer
 * (whether it draws), which both read it synchronously.
 */
import type { ReactFlowState } from '@xyflow/react';
import { OVERVIEW_BELOW } from '../level-of-detail';
import { OVERVIEW_LAYER_BELOW } from './overview-view';

/** Quiet time after the last zoom change before cards are mounted again (the zoom rests). */
export const ZOOM_SETTLE_MS = 150;

/**
 * Whether the layer draws instead of cards: at rest below 0.3; while zooming, below 0.45 or
 * when it already did (`was`: a zoom that starts with the layer keeps it until it rests).
 */
export function overviewWanted(zoom: number, zooming: boolean, was = false): boolean {
  return zoom < OVERVIEW_LAYER_BELOW || (zooming && (was || zoom < OVERVIEW_BELOW));
}

interface FlowStore {
  getState(): Pick<ReactFlowState, 'transform'>;
  subscribe(listener: (state: Pick<ReactFlowState, 'transform'>) => void): () => void;
}

export interface OverviewMode {
  /** Whether the layer draws instead of cards now (as of the last `sync`). */
  get(): boolean;
  /**
   * Whether the zoom is changing (as of the last `sync`): no new card is mounted meanwhile, and
   * the layer draws underneath the cards already there. Listeners are called when it flips.
   */
  moving(): boolean;
  /** Brings the mode up to the store's zoom (idempotent) and answers it. */
  sync(): boolean;
  /**
   * Whether the layer keeps drawing although cards are wanted: while the cards of a hand-over
   * are mounted a few per frame (virtualization/stagger.ts), the layer shows the rest.
   */
  held(): boolean;
  /** Sets `held`; listeners are called when it changes (the layer draws or hides then). */
  hold(on: boolean): void;
  /**
   * Whether the layer draws now (after a `sync`): instead of cards, under a hand-over, or under
   * the cards kept while a zoom moves. A click on the pane then selects the box it hits there.
   */
  drawn(): boolean;
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
  const recompute = (flipped: boolean) => {
    const next = overviewWanted(zoom, zooming, active);
    if (next === active && !flipped) return;
    active = next;
    listeners.forEach((l) => l());
  };
  const sync = () => {
    const z = store.getState().transform[2];
    if (z !== zoom) {
      zoom = z;
      const started = !zooming;
      zooming = true;
      clearTimeout(timer);
      timer = setTimeout(() => {
        zooming = false;
        recompute(true);
      }, settleMs);
      recompute(started);
    }
    return active;
  };
  return {
    get: () => active,
    moving: () => zooming,
    sync,
    held: () => holding,
    drawn: () => sync() || holding || zooming,
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
