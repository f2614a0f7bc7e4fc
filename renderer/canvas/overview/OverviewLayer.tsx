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
import {
  STATUS_COLOURS,
  STATUS_INK,
  STATUS_VARS,
  THEME_COLOURS,
} from '../../../shared/ui-constants';
import { packRgba, parseColour, viewportRect } from '../minimap-geometry';
import { inflateRect, rectsIntersect, type Rect } from '../virtualization/geometry';
import { whenIdle } from '../virtualization/idle';
import type { OverviewMode } from './overview-mode';
import {
  contextFill,
  FEW_NODES,
  paintNodes,
  pixelFill,
  strokeLinks,
  type Colour,
  type Frame,
  type OverviewColours,
} from './overview-draw';
import {
  CARD_H,
  CARD_W,
  MARK,
  OverviewIndex,
  type OverviewEdgeInput,
  type OverviewNodeInput,
} from './overview-index';
import {
  cacheRegion,
  cacheServes,
  MOTION_ZOOM_SLACK,
  OVERVIEW_LAYER_BELOW,
  sourceRect,
  type CacheState,
} from './overview-view';

/** Finds the node under a client point at overview zoom (null: none, or not at overview). */
export type OverviewHit = (clientX: number, clientY: number) => string | null;

interface Props {
  nodes: readonly OverviewNodeInput[];
  edges: readonly OverviewEdgeInput[];
  /** Colours are CSS variables: a theme change redraws. */
  theme?: string;
  below?: number;
  /** Set to the hit-test while mounted. */
  hitRef?: MutableRefObject<OverviewHit | null>;
  /** When the layer draws (overview-mode.ts); without it, below `below`. */
  mode?: OverviewMode;
}

const cssVar = (style: CSSStyleDeclaration, name: string) => style.getPropertyValue(name).trim();

function readColours(ctx: CanvasRenderingContext2D, style: CSSStyleDeclaration, dark: boolean) {
  const colour = (css: string, fallback: string, alpha = 1, over?: Colour): Colour => {
    ctx.fillStyle = fallback;
    if (css) ctx.fillStyle = css;
    let [r, g, b] = parseColour(String(ctx.fillStyle)) ?? parseColour(fallback)!;
    if (over && alpha < 1) {
      // Fade into `over` (an opaque pixel), as a dimmed card looks over the canvas background.
      const [br, bg, bb] = parseColour(over.css)!;
      r = Math.round(r * alpha + br * (1 - alpha));
      g = Math.round(g * alpha + bg * (1 - alpha));
      b = Math.round(b * alpha + bb * (1 - alpha));
    }
    return { px: packRgba(r, g, b, 255), css: `rgb(${r}, ${g}, ${b})` };
  };
  const background = colour(cssVar(style, '--lg-bg'), THEME_COLOURS[dark ? 'dark' : 'light'].bg);
  const status = STATUS_VARS.map((v, s) => colour(cssVar(style, v), STATUS_COLOURS[s]!));
  const colours: OverviewColours = {
    status,
    statusDim: STATUS_VARS.map((v, s) =>
      colour(cssVar(style, v), STATUS_COLOURS[s]!, 0.3, background),
    ),
    match: colour('#f59f00', '#f59f00'),
    chain: colour('#c2255c', '#c2255c'),
    linkPrimary: '#5b6070',
    linkSecondary: '#b3b8c3',
    linkBlocking: status[2]!.css,
    linkChain: '#c2255c',
    current: '#e8590c',
    selected: status[0]!.css,
    flash: 'rgba(242, 201, 76, 0.9)',
  };
  return colours;
}

/**
 * From this card width on screen (CSS px) the layer writes each card's display id, as the DOM
 * cards do just above the hand-over zoom: the ids do not vanish when the layer takes over.
 * Only the nodes in view, once per frame (a few hundred fillText calls at most there).
 */
const LABEL_FROM_PX = 40;
/** The id's size cap on screen (CSS px), as the zoomed-out cards' (styles.css `--lg-far-id`). */
const LABEL_MAX_PX = 13;
const LABEL_MIN_PX = 8;
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
  theme,
  below = OVERVIEW_LAYER_BELOW,
  hitRef,
  mode,
}: Props) {
  const store = useStoreApi();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const indexRef = useRef<OverviewIndex | null>(null);
  const cacheRef = useRef<{ canvas: HTMLCanvasElement; state: CacheState | null } | null>(null);
  const coloursRef = useRef<OverviewColours | null>(null);
  /** The nodes drawn (their display ids). */
  const nodesRef = useRef<readonly OverviewNodeInput[]>(nodes);
  /** Draws the frame for the store's state (set up once; also after data changes). */
  const drawRef = useRef<(force: boolean) => void>(() => {});
  /** Repaints the cache where the given flow rectangles are. */
  const patchRef = useRef<((boxes: Rect[]) => void) | null>(null);

  // Per frame: a store subscription, as the minimap's.
  useLayoutEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const cache = { canvas: document.createElement('canvas'), state: null as CacheState | null };
    cacheRef.current = cache;
    let image: ImageData | null = null;
    let nodesCanvas: HTMLCanvasElement | null = null;
    let lastTransform: ReactFlowState['transform'] | null = null;
    let lastW = -1;
    let lastH = -1;
    let shown = false;
    /** Whether the cache was drawn dense (pixel boxes, blocking links over them). */
    let dense = false;

    const renderCache = (view: Rect, zoom: number, dpr: number) => {
      const index = indexRef.current;
      const colours = coloursRef.current;
      if (!index || !colours) return;
      const t0 = performance.now();
      const rect = cacheRegion(view);
      const k = zoom * dpr;
      const width = Math.max(1, Math.ceil((rect.maxX - rect.minX) * k));
      const height = Math.max(1, Math.ceil((rect.maxY - rect.minY) * k));
      const c = cache.canvas;
      if (c.width !== width || c.height !== height) {
        c.width = width;
        c.height = height;
      }
      const ctx = c.getContext('2d');
      if (!ctx) return;
      const frame: Frame = { ox: rect.minX, oy: rect.minY, k };
      const b = index.bounds;
      const all =
        b !== null &&
        b.minX >= rect.minX &&
        b.minY >= rect.minY &&
        b.maxX <= rect.maxX &&
        b.maxY <= rect.maxY;
      const list = all ? null : index.nodesIn(rect);
      const count = list ? list.length : index.count;
      ctx.clearRect(0, 0, width, height);
      dense = count > FEW_NODES;
      if (dense) {
        // Dense: the blocking links, then the boxes over them as pixel writes (put into a
        // second canvas, since putImageData would replace the links rather than cover them).
        strokeLinks(ctx, index, index.linksIn(rect), frame, colours, true);
        if (!image || image.width !== width || image.height !== height)
          image = ctx.createImageData(width, height);
        const pixels = new Uint32Array(image.data.buffer);
        pixels.fill(0);
        paintNodes(index, list, frame, width, height, colours, pixelFill(pixels, width, height));
        const boxes = (nodesCanvas ??= document.createElement('canvas'));
        if (boxes.width !== width || boxes.height !== height) {
          boxes.width = width;
          boxes.height = height;
        }
        boxes.getContext('2d')?.putImageData(image, 0, 0);
        ctx.drawImage(boxes, 0, 0);
      } else {
        // Few: every link under the cards, as React Flow draws them.
        strokeLinks(ctx, index, index.linksIn(rect), frame, colours, false);
        paintNodes(index, list, frame, width, height, colours, contextFill(ctx));
      }
      cache.state = { rect, zoom, frame };
      canvas.dataset.cacheMs = (performance.now() - t0).toFixed(1);
    };

    const drawFrame = (s: ReactFlowState, force: boolean) => {
      if (!force && s.transform === lastTransform && s.width === lastW && s.height === lastH)
        return;
      lastTransform = s.transform;
      lastW = s.width;
      lastH = s.height;
      const zoom = s.transform[2];
      const wanted = mode ? mode.sync() || mode.held() : zoom < below;
      const active = wanted && indexRef.current !== null;
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
      drawMarks(ctx, view, zoom * dpr);
      drawLabels(ctx, view, zoom, dpr);
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

    /** The display ids of the nodes in view, once a card is wide enough to hold one. */
    const drawLabels = (ctx: CanvasRenderingContext2D, view: Rect, zoom: number, dpr: number) => {
      const index = indexRef.current;
      const cardPx = CARD_W * zoom;
      let drawn = 0;
      const done = () => {
        // How many ids the last frame wrote (e2e reads it; the pixels are a bitmap).
        ctx.canvas.dataset.labels = String(drawn);
      };
      if (!index || cardPx < LABEL_FROM_PX) return done();
      const k = zoom * dpr;
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      let font = 0;
      for (const i of index.nodesIn(view)) {
        const label = nodesRef.current[i]?.data.record.display_id;
        if (!label) continue;
        // As large as the card allows (about 0.62 em per character of a bold sans face).
        const px = Math.min(
          LABEL_MAX_PX,
          CARD_H * zoom * 0.8,
          (cardPx * 0.9) / (label.length * 0.62),
        );
        if (px < LABEL_MIN_PX) continue;
        const size = Math.round(px * dpr);
        if (size !== font) {
          font = size;
          ctx.font = `700 ${size}px system-ui, sans-serif`;
        }
        // In the status's ink (≥ 4.5:1 on its fill), faded with a dimmed box; centred.
        ctx.fillStyle = STATUS_INK[index.status[i] as 0 | 1 | 2 | 3] ?? STATUS_INK[0];
        ctx.globalAlpha = index.marks[i]! & MARK.dim ? 0.35 : 1;
        const x = (index.xs[i]! + CARD_W / 2 - view.minX) * k;
        const y = (index.ys[i]! + CARD_H / 2 - view.minY) * k;
        ctx.fillText(label, x, y);
        drawn++;
      }
      ctx.globalAlpha = 1;
      done();
    };

    /** The selection, the current hit and flashing nodes, over the cached layer. */
    const drawMarks = (ctx: CanvasRenderingContext2D, view: Rect, k: number) => {
      const index = indexRef.current;
      const colours = coloursRef.current;
      if (!index || !colours || index.overlay.length === 0) return;
      for (const i of index.overlay) {
        const m = index.marks[i]!;
        const x = (index.xs[i]! - view.minX) * k;
        const y = (index.ys[i]! - view.minY) * k;
        const cw = CARD_W * k;
        const ch = CARD_H * k;
        // At least 8 device px, so a mark shows at fit-all where a card is a pixel or two.
        const hw = Math.max(cw, 8) / 2;
        const hh = Math.max(ch, 8) / 2;
        const cx = x + cw / 2;
        const cy = y + ch / 2;
        const ring = (colour: string, width: number, out: number) => {
          ctx.strokeStyle = colour;
          ctx.lineWidth = width;
          ctx.strokeRect(cx - hw - out, cy - hh - out, 2 * (hw + out), 2 * (hh + out));
        };
        if (m & MARK.flash) ring(colours.flash, 4, 3);
        if (m & MARK.current) ring(colours.current, 3, 2);
        if (m & MARK.selected) ring(colours.selected, 2, 1);
      }
    };

    /** Repaints the cache where `boxes` (flow rectangles) are, or all of it when they are many. */
    const patchCache = (boxes: Rect[]) => {
      const index = indexRef.current;
      const colours = coloursRef.current;
      const state = cache.state;
      if (!index || !colours || !state) return;
      const ctx = cache.canvas.getContext('2d');
      if (!ctx) return;
      const { frame, rect } = state;
      const fill = contextFill(ctx);
      const width = cache.canvas.width;
      const height = cache.canvas.height;
      // Ring and mark room around a box, in flow units.
      const pad = 6 / frame.k;
      for (const box of boxes) {
        const r = inflateRect(box, pad);
        if (!rectsIntersect(r, rect)) continue;
        const x0 = Math.floor((r.minX - frame.ox) * frame.k);
        const y0 = Math.floor((r.minY - frame.oy) * frame.k);
        const x1 = Math.ceil((r.maxX - frame.ox) * frame.k);
        const y1 = Math.ceil((r.maxY - frame.oy) * frame.k);
        ctx.save();
        ctx.beginPath();
        ctx.rect(x0, y0, x1 - x0, y1 - y0);
        ctx.clip();
        ctx.clearRect(x0, y0, x1 - x0, y1 - y0);
        // Whatever the cleared box held: the nodes (and rings) reaching into it, and links.
        const around = inflateRect(r, pad);
        strokeLinks(ctx, index, index.linksIn(r), frame, colours, dense);
        paintNodes(index, index.nodesIn(around), frame, width, height, colours, fill);
        ctx.restore();
      }
    };

    drawRef.current = (force) => drawFrame(store.getState(), force);
    patchRef.current = patchCache;
    const unsubscribe = store.subscribe((s) => drawFrame(s, false));
    // The mode also flips with no store change (the zoom came to rest): draw or hide then.
    const unsubscribeMode = mode?.subscribe(() => drawFrame(store.getState(), true));
    drawFrame(store.getState(), true);
    return () => {
      unsubscribe();
      unsubscribeMode?.();
      clearTimeout(sharpen);
      drawRef.current = () => {};
      patchRef.current = null;
      cacheRef.current = null;
    };
  }, [store, below, mode]);

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

  // The data: a new index, or a patch of the changed boxes.
  useLayoutEffect(() => {
    const t0 = performance.now();
    // The index numbers nodes in this array's order (a different order rebuilds it).
    nodesRef.current = nodes;
    const index = indexRef.current;
    const result = index ? index.update(nodes, edges) : ({ kind: 'rebuild' } as const);
    const patch = patchRef.current;
    let cancelPrepare: (() => void) | undefined;
    if (result.kind === 'rebuild') {
      const built = new OverviewIndex(nodes, edges);
      indexRef.current = built;
      if (cacheRef.current) cacheRef.current.state = null;
      // Its trees (hit-tests, zoomed-in draws) once the first frame is out.
      cancelPrepare = whenIdle(() => built.prepare());
    } else if (result.kind === 'patch' && index && patch) {
      // Where nodes and links that went were drawn, and the boxes of those changed or new.
      const boxes = [...result.boxes, ...result.nodes.map((i) => index.box(i))];
      const c = new Float64Array(8);
      for (const l of result.edges) {
        index.linkControls(l, c);
        boxes.push({
          minX: Math.min(c[0]!, c[2]!, c[4]!, c[6]!),
          minY: Math.min(c[1]!, c[7]!) - CARD_H / 2,
          maxX: Math.max(c[0]!, c[2]!, c[4]!, c[6]!),
          maxY: Math.max(c[1]!, c[7]!) + CARD_H / 2,
        });
      }
      patch(boxes);
    }
    if (result.kind !== 'none') drawRef.current(true);
    const canvas = canvasRef.current;
    if (canvas) {
      canvas.dataset.nodes = String(indexRef.current?.count ?? 0);
      canvas.dataset.update = result.kind;
      canvas.dataset.updateMs = (performance.now() - t0).toFixed(2);
    }
    performance.mark('lg-overview-drawn');
    return cancelPrepare;
  }, [nodes, edges]);

  // Hit-testing for clicks on the pane at overview zoom (GraphCanvas's onPaneClick).
  useEffect(() => {
    if (!hitRef) return;
    hitRef.current = (clientX, clientY) => {
      const s = store.getState();
      const index = indexRef.current;
      const zoom = s.transform[2];
      const active = mode ? mode.sync() : zoom < below;
      if (!index || !active || !s.domNode) return null;
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
