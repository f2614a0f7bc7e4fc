/**
 * The overview layer of large canvases (docs/canvas-performance.md, "Overview layer"): below
 * OVERVIEW_LAYER_BELOW the plan is drawn into a <canvas> under React Flow's pane, and React
 * Flow mounts no cards (GraphCanvas). Every node is a box at its card's place in its card's
 * colours (status strip, panel and border once a card is wide enough, a solid status box
 * below); links are drawn under the boxes (only the ones blocking right now, in red, while
 * many nodes are in view); search hits and chain members are ringed; the
 * selection, the current hit and a cascade's flash are drawn over it each frame.
 *
 * Cost is bounded per frame:
 * - the plan is drawn into a cached bitmap covering the view and a margin (overview-view.ts);
 *   a pan or zoom frame copies from it (one drawImage) plus the few per-frame marks, and only
 *   leaving the margin or zooming past ZOOM_SLACK draws a new cache, from the nodes and links a
 *   Flatbush query finds there (all 100,000 only at fit-all, as pixel writes);
 * - a change of a few nodes (a status, a mark) repaints only their boxes in the cache
 *   (OverviewIndex.update → patch), and so do nodes and links that come or go (the boxes they
 *   are or were drawn in); a move redraws the cache.
 *
 * It reads the viewport from React Flow's store in a subscription (no React render per frame),
 * as the minimap and LevelOfDetail do, and renders nothing above the threshold.
 */
import { memo, useEffect, useLayoutEffect, useRef, type MutableRefObject } from 'react';
import { useStoreApi, type ReactFlowState } from '@xyflow/react';
import { viewportRect } from '../minimap-geometry';
import type { Rect } from '../virtualization/geometry';
import { nextTask, whenIdle } from '../virtualization/idle';
import type { OverviewMode } from './overview-mode';
import type { OverviewColours } from './overview-draw';
import { OverviewCache, patchBoxes } from './overview-cache';
import { readColours } from './overview-colours';
import type { GraphOutline } from '../../../shared/contract/graph-outline';
import { OverviewIndex, type OverviewEdgeInput, type OverviewNodeInput } from './overview-index';
import { drawLabels, drawMarks } from './overview-overlay';
import { cacheServes, MOTION_ZOOM_SLACK, OVERVIEW_LAYER_BELOW, sourceRect } from './overview-view';

/** Finds the node under a client point at overview zoom (null: none, or not at overview). */
export type OverviewHit = (clientX: number, clientY: number) => string | null;

interface Props {
  nodes: readonly OverviewNodeInput[];
  edges: readonly OverviewEdgeInput[];
  /**
   * A plan's outline, drawn while `nodes` is empty (its records are loading:
   * shared/contract/graph-outline.ts); the first lists replace it.
   */
  outline?: GraphOutline | null;
  /** Colours are CSS variables: a theme change redraws. */
  theme?: string;
  below?: number;
  /** Set to the hit-test while mounted. */
  hitRef?: MutableRefObject<OverviewHit | null>;
  /** When the layer draws (overview-mode.ts); without it, below `below`. */
  mode?: OverviewMode;
  /**
   * The area whose cards a moving zoom keeps mounted (useVirtualFlow's `kept`): left to them
   * while cards are shown, so the layer's scaled boxes and links do not show beside theirs.
   */
  kept?: Rect | null;
}

/** Quiet time after which a scaled-up cache is drawn sharp (overview-view.ts MOTION_ZOOM_SLACK). */
const SHARPEN_AFTER_MS = 120;

/** Under React Flow's pane (which is transparent), over its background; clicks go to the pane. */
const LAYER_STYLE = {
  position: 'absolute',
  inset: 0,
  width: '100%',
  height: '100%',
  pointerEvents: 'none',
  zIndex: 0,
  visibility: 'hidden',
} as const;

export const OverviewLayer = memo(function OverviewLayer({
  nodes,
  edges,
  outline = null,
  theme,
  below = OVERVIEW_LAYER_BELOW,
  hitRef,
  mode,
  kept = null,
}: Props) {
  const store = useStoreApi();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const indexRef = useRef<OverviewIndex | null>(null);
  const cacheRef = useRef<OverviewCache | null>(null);
  const coloursRef = useRef<OverviewColours | null>(null);
  /** The nodes drawn (their display ids). */
  const nodesRef = useRef<readonly OverviewNodeInput[]>(nodes);
  /** Draws the frame for the store's state (set up once; also after data changes). */
  const drawRef = useRef<(force: boolean) => void>(() => {});
  const keptRef = useRef<Rect | null>(kept);

  // Per frame: a store subscription, as the minimap's.
  useLayoutEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const cache = new OverviewCache();
    cacheRef.current = cache;
    let lastTransform: ReactFlowState['transform'] | null = null;
    let lastW = -1;
    let lastH = -1;
    let shown = false;

    const renderCache = (view: Parameters<typeof cache.render>[2], zoom: number, dpr: number) => {
      const index = indexRef.current;
      const colours = coloursRef.current;
      if (!index || !colours) return;
      const ms = cache.render(index, colours, view, zoom, dpr);
      if (ms !== null) canvas.dataset.cacheMs = ms.toFixed(1);
    };

    const drawFrame = (s: ReactFlowState, force: boolean) => {
      if (!force && s.transform === lastTransform && s.width === lastW && s.height === lastH)
        return;
      lastTransform = s.transform;
      lastW = s.width;
      lastH = s.height;
      const zoom = s.transform[2];
      // Also under the cards while a zoom moves (they stay as they were) or while they mount;
      // and at any zoom while it draws a plan's outline (no cards until the records come).
      const wanted = indexRef.current?.fromOutline === true || (mode ? mode.drawn() : zoom < below);
      const active = wanted && indexRef.current !== null;
      if (active && !shown) flushRef.current(); // lists held while hidden (below)
      if (active !== shown) {
        shown = active;
        canvas.style.visibility = active ? 'visible' : 'hidden';
        canvas.dataset.active = String(active);
      }
      if (!active || s.width === 0 || s.height === 0) return;
      const dpr = window.devicePixelRatio || 1;
      const w = Math.round(s.width * dpr);
      const h = Math.round(s.height * dpr);
      if (canvas.width !== w || canvas.height !== h) {
        canvas.width = w;
        canvas.height = h;
      }
      const ctx = canvas.getContext('2d');
      if (!ctx) return;
      const view = viewportRect(s.transform, { width: s.width, height: s.height });
      if (!cacheServes(cache.state, view, zoom, MOTION_ZOOM_SLACK)) renderCache(view, zoom, dpr);
      else if (!cacheServes(cache.state, view, zoom)) sharpenLater();
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.clearRect(0, 0, w, h);
      const state = cache.state;
      if (!state) return;
      const src = sourceRect(state, view);
      ctx.imageSmoothingEnabled = true;
      ctx.drawImage(cache.canvas, src.x, src.y, src.width, src.height, 0, 0, w, h);
      drawMarks(ctx, indexRef.current, coloursRef.current, view, zoom * dpr);
      const ink = state.frame.near ? coloursRef.current?.ink : undefined;
      drawLabels(ctx, indexRef.current, nodesRef.current, view, zoom, dpr, ink);
      // Under the cards a moving zoom keeps, their area is theirs: their links, their marks.
      const keep = mode && !mode.get() ? keptRef.current : null;
      if (keep) {
        const k = zoom * dpr;
        const x0 = (keep.minX - view.minX) * k;
        const y0 = (keep.minY - view.minY) * k;
        ctx.clearRect(x0, y0, (keep.maxX - keep.minX) * k, (keep.maxY - keep.minY) * k);
      }
    };

    /** A cache scaled up past ZOOM_SLACK is drawn anew once the view has stopped moving. */
    let sharpen: ReturnType<typeof setTimeout> | undefined;
    const sharpenLater = () => {
      clearTimeout(sharpen);
      sharpen = setTimeout(() => {
        const s = store.getState();
        const view = viewportRect(s.transform, { width: s.width, height: s.height });
        if (cacheServes(cache.state, view, s.transform[2])) return;
        cache.state = null;
        drawFrame(s, true);
      }, SHARPEN_AFTER_MS);
    };

    drawRef.current = (force) => drawFrame(store.getState(), force);
    const unsubscribe = store.subscribe((s) => drawFrame(s, false));
    // The mode also flips with no store change (the zoom came to rest): draw or hide then.
    const unsubscribeMode = mode?.subscribe(() => drawFrame(store.getState(), true));
    drawFrame(store.getState(), true);
    return () => {
      unsubscribe();
      unsubscribeMode?.();
      clearTimeout(sharpen);
      drawRef.current = () => {};
      cacheRef.current = null;
    };
  }, [store, below, mode]);

  useLayoutEffect(() => {
    keptRef.current = kept;
    drawRef.current(true);
  }, [kept]);

  // The colours, when the theme changes (CSS variables; read here, never per frame).
  useLayoutEffect(() => {
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const style = getComputedStyle(canvas);
    coloursRef.current = readColours(ctx, style, theme === 'dark');
    if (cacheRef.current) cacheRef.current.state = null;
    drawRef.current(true);
  }, [theme]);

  // Lists that came while the layer was hidden (cards shown): applied in order when the page
  // is idle, or at once when the layer is about to draw (each a patch; a skipped list would
  // rebuild the index), so a change at card zoom does not wait for the overview's patch.
  const pendingRef = useRef<[readonly OverviewNodeInput[], readonly OverviewEdgeInput[]][]>([]);
  const flushRef = useRef(() => {});
  flushRef.current = () => {
    for (const [n, e] of pendingRef.current.splice(0)) applyData(n, e);
  };
  useLayoutEffect(() => {
    // The outline: an index of its own, drawn until the first lists come (they rebuild it).
    if (outline && nodes.length === 0) {
      indexRef.current = new OverviewIndex(nodes, edges, outline);
      if (cacheRef.current) cacheRef.current.state = null;
      drawRef.current(true);
      const canvas = canvasRef.current;
      if (canvas) {
        canvas.dataset.drawn = String(outline.count);
        canvas.dataset.outline = 'true';
      }
      performance.mark('lg-overview-drawn');
      return;
    }
    // The records replacing the outline draw the same pixels (outline-first.test.ts): their
    // index (~0.2–0.3 s at 100,000 nodes) is built in a task of its own, not in the commit
    // that brought them, which is already the page's longest task while a plan opens.
    if (indexRef.current?.fromOutline && nodes.length > 0) {
      pendingRef.current.push([nodes, edges]);
      return nextTask(() => flushRef.current());
    }
    if (canvasRef.current?.dataset.active === 'true' || !indexRef.current) {
      flushRef.current();
      return applyData(nodes, edges);
    }
    pendingRef.current.push([nodes, edges]);
    return whenIdle(() => flushRef.current(), 0, 500);
  }, [nodes, edges, outline]);

  // The data: a new index, or a patch of the changed boxes.
  function applyData(
    nodes: readonly OverviewNodeInput[],
    edges: readonly OverviewEdgeInput[],
  ): (() => void) | undefined {
    const t0 = performance.now();
    // The index numbers nodes in this array's order (a different order rebuilds it).
    nodesRef.current = nodes;
    const index = indexRef.current;
    const result = index ? index.update(nodes, edges) : ({ kind: 'rebuild' } as const);
    const cache = cacheRef.current;
    let cancelPrepare: (() => void) | undefined;
    // Not cancelled when the next lists come before it (a patch would not draw the links).
    let drawLater = false;
    if (result.kind === 'rebuild') {
      // The same nodes with a new link list (a large plan's links, once all made): its
      // nodes' part is taken over, only the links are indexed, and the picture, right but for
      // the links that came, is redrawn in the next task (together ~0.15–0.2 s at 100,000).
      const built = new OverviewIndex(nodes, edges, null, index);
      indexRef.current = built;
      if (built.nodesTakenOver) {
        drawLater = true;
        nextTask(() => {
          if (cacheRef.current) cacheRef.current.state = null;
          drawRef.current(true);
          performance.mark('lg-overview-drawn');
        });
      } else if (cache) cache.state = null;
      // Its trees (hit-tests, zoomed-in draws) once the first frame is out.
      cancelPrepare = whenIdle(() => built.prepare());
    } else if (result.kind === 'patch' && index && cache && coloursRef.current) {
      // Where nodes and links that went were drawn, and the boxes of those changed or new.
      cache.patch(index, coloursRef.current, [
        ...result.boxes,
        ...patchBoxes(index, result.nodes, result.edges),
      ]);
    }
    if (result.kind !== 'none' && !drawLater) drawRef.current(true);
    const canvas = canvasRef.current;
    if (canvas) {
      // `nodes`: drawn from the records; `drawn`: also from an outline (the benches' first frame).
      canvas.dataset.nodes = String(indexRef.current?.count ?? 0);
      canvas.dataset.drawn = canvas.dataset.nodes;
      delete canvas.dataset.outline;
      canvas.dataset.update = result.kind;
      canvas.dataset.updateMs = (performance.now() - t0).toFixed(2);
    }
    if (!drawLater) performance.mark('lg-overview-drawn');
    return cancelPrepare;
  }

  // Hit-testing for clicks on the pane where the layer draws (GraphCanvas's onPaneClick).
  useEffect(() => {
    if (!hitRef) return;
    hitRef.current = (clientX, clientY) => {
      const s = store.getState();
      const index = indexRef.current;
      const zoom = s.transform[2];
      // Wherever the layer draws: also the fringe around the cards a moving zoom keeps (a click
      // on a card itself goes to the card).
      const drawn = mode ? mode.drawn() : zoom < below;
      if (!index || !drawn || !s.domNode) return null;
      const box = s.domNode.getBoundingClientRect();
      const x = (clientX - box.left - s.transform[0]) / zoom;
      const y = (clientY - box.top - s.transform[1]) / zoom;
      return index.hit(x, y, 4 / zoom);
    };
    return () => {
      hitRef.current = null;
    };
  }, [hitRef, store, below, mode]);

  return (
    <canvas
      ref={canvasRef}
      className="lg-overview"
      role="img"
      aria-label="Plan overview"
      style={LAYER_STYLE}
    />
  );
});
