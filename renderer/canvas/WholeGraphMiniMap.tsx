/**
 * The minimap of large (virtualised) canvases. React Flow's <MiniMap> draws the nodes in React
 * Flow's store, which on a large graph are only the ones handed over for the screen
 * (virtualization/); this one draws every node record of the graph store into a <canvas>.
 *
 * Cheap by construction (docs/canvas-performance.md, "Minimap"):
 * - the nodes are drawn into an offscreen canvas (the layer) only when the records or the
 *   theme change — as solid device-pixel boxes written into an ImageData (about 1 ms for
 *   10,000 nodes, where canvas paths cost several);
 * - a pan or zoom frame, read from React Flow's store in a subscription (no React render),
 *   only copies the layer (scaled, if the viewport reaches past the graph) and draws the mask
 *   and the viewport's outline: a few canvas calls.
 *
 * Clicking or dragging on it centres the view there at the same zoom; the wheel zooms around
 * the pane's centre (as React Flow's MiniMap with `pannable` and `zoomable`).
 */
import { memo, useEffect, useLayoutEffect, useRef } from 'react';
import { Panel, useStoreApi, type ReactFlowState } from '@xyflow/react';
import type { NodeRecord } from '../../shared/model/types';
import { outlineStatuses, type GraphOutline } from '../../shared/contract/graph-outline';
import {
  centredViewport,
  layerPlacement,
  fitFrame,
  minimapFrame,
  nodesBounds,
  packRgba,
  parseColour,
  rasterizeNodes,
  rectToMinimap,
  toWorld,
  viewportRect,
  type MinimapFrame,
  type Size,
} from './minimap-geometry';
import { DEFAULT_NODE_SIZE } from './virtualization';
import { patchNodeLayer, versionOf, type Layer } from './minimap-layer-patch';
import { STATUS_COLOURS, STATUS_VARS as SHARED_STATUS_VARS } from '../../shared/ui-constants';

/** React Flow's MiniMap size and padding (its `offsetScale` of 5). */
export const MINIMAP_SIZE: Size = { width: 200, height: 150 };
const PADDING = 5;
/** Status → CSS variable of its colour (the cards' left border, styles.css). */
const STATUS_VARS = SHARED_STATUS_VARS;
const FALLBACK_COLOURS = STATUS_COLOURS;

export interface MinimapTimings {
  /** Drawing every node into the layer. */
  nodesMs: number;
  count: number;
}

interface Props {
  /** Every node to draw: the graph store's active records. */
  records: readonly NodeRecord[];
  /** Drawn while `records` is empty: the plan's outline, its records loading. */
  outline?: GraphOutline | null;
  /** Redraws when the theme changes (the colours are CSS variables). */
  theme?: string;
  /** For the benchmark: called after each node-layer redraw (keep it stable: a new function
   *  redraws the layer). */
  onNodesDrawn?: (t: MinimapTimings) => void;
}

function cssVar(style: CSSStyleDeclaration, name: string, fallback: string): string {
  return style.getPropertyValue(name).trim() || fallback;
}

/** A CSS colour as a packed pixel; the canvas normalises any CSS colour syntax for us. */
function pixelColour(ctx: CanvasRenderingContext2D, css: string, fallback: string): number {
  ctx.fillStyle = fallback;
  ctx.fillStyle = css;
  const [r, g, b, a] = parseColour(String(ctx.fillStyle)) ?? parseColour(fallback)!;
  return packRgba(r, g, b, a);
}

/**
 * Draws every record into `canvas` (sized for `dpr`) under the frame that fits them all:
 * solid device-pixel boxes written into an ImageData (rasterizeNodes), then put in one call.
 */
function drawNodeLayer(
  canvas: HTMLCanvasElement,
  records: readonly NodeRecord[],
  style: CSSStyleDeclaration,
  dpr: number,
): Layer | null {
  const n = records.length;
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  const kinds = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const r = records[i]!;
    xs[i] = r.position.x;
    ys[i] = r.position.y;
    kinds[i] = r.status;
  }
  return drawPlaces(canvas, { xs, ys, kinds, n }, style, dpr, records);
}

/**
 * A plan's outline while its records load (shared/contract/graph-outline.ts): the same
 * places and statuses, so the same pixels the records then draw. Never patched: the records
 * redraw it.
 */
function drawOutlineLayer(
  canvas: HTMLCanvasElement,
  outline: GraphOutline,
  style: CSSStyleDeclaration,
  dpr: number,
): Layer | null {
  const places = {
    xs: Float64Array.from(outline.x),
    ys: Float64Array.from(outline.y),
    kinds: outlineStatuses(outline),
    n: outline.count,
  };
  const layer = drawPlaces(canvas, places, style, dpr, []);
  return layer && { ...layer, fromOutline: true };
}

function drawPlaces(
  canvas: HTMLCanvasElement,
  { xs, ys, kinds, n }: { xs: Float64Array; ys: Float64Array; kinds: Uint8Array; n: number },
  style: CSSStyleDeclaration,
  dpr: number,
  records: readonly NodeRecord[],
): Layer | null {
  const bounds = nodesBounds(xs, ys, n, DEFAULT_NODE_SIZE);
  if (!bounds) return null;
  const frame = fitFrame(bounds, MINIMAP_SIZE, PADDING);
  const width = Math.round(MINIMAP_SIZE.width * dpr);
  const height = Math.round(MINIMAP_SIZE.height * dpr);
  if (canvas.width !== width) canvas.width = width;
  if (canvas.height !== height) canvas.height = height;
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  const colours = STATUS_VARS.map((name, status) =>
    pixelColour(ctx, cssVar(style, name, ''), FALLBACK_COLOURS[status]!),
  );
  const image = ctx.createImageData(width, height);
  const pixels = new Uint32Array(image.data.buffer);
  const owner = new Int32Array(width * height).fill(-1);
  rasterizeNodes(
    pixels,
    width,
    height,
    frame,
    dpr,
    xs,
    ys,
    kinds,
    n,
    DEFAULT_NODE_SIZE,
    colours,
    owner,
  );
  ctx.putImageData(image, 0, 0);
  return {
    canvas,
    frame,
    bounds,
    records,
    image,
    owner,
    colours,
    dpr,
    version: versionOf(records),
  };
}

export const WholeGraphMiniMap = memo(function WholeGraphMiniMap({
  records,
  outline = null,
  theme,
  onNodesDrawn,
}: Props) {
  const store = useStoreApi();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const layerRef = useRef<Layer | null>(null);
  /** The frame the minimap was last drawn in (for pointer → flow point). */
  const frameRef = useRef<MinimapFrame | null>(null);
  /** Redraws the visible canvas: the cached layer, the mask and the viewport. */
  const drawViewRef = useRef<(s: ReactFlowState) => void>(() => {});
  /** Mask and viewport colours, read from CSS with the layer (not per frame: no style recalc). */
  const coloursRef = useRef({ mask: 'rgba(240, 240, 240, 0.6)', view: '#2f80ed' });

  // The per-frame part: set up once, runs from the store subscription.
  useLayoutEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    let lastTransform: ReactFlowState['transform'] | null = null;
    let lastW = -1;
    let lastH = -1;
    let dpr = 0;
    const drawView = (s: ReactFlowState) => {
      lastTransform = s.transform;
      lastW = s.width;
      lastH = s.height;
      const ctx = canvas.getContext('2d');
      if (!ctx) return;
      const ratio = window.devicePixelRatio || 1;
      if (ratio !== dpr) {
        dpr = ratio;
        canvas.width = Math.round(MINIMAP_SIZE.width * dpr);
        canvas.height = Math.round(MINIMAP_SIZE.height * dpr);
      }
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      ctx.clearRect(0, 0, MINIMAP_SIZE.width, MINIMAP_SIZE.height);
      const { width: W, height: H } = MINIMAP_SIZE;
      if (s.width === 0 || s.height === 0) return;
      const view = viewportRect(s.transform, { width: s.width, height: s.height });
      const layer = layerRef.current;
      const frame = minimapFrame(layer?.bounds ?? null, view, MINIMAP_SIZE, PADDING);
      frameRef.current = frame;
      if (layer) {
        const to = layerPlacement(layer.frame, frame, MINIMAP_SIZE);
        ctx.drawImage(layer.canvas, to.x, to.y, to.width, to.height);
      }
      const v = rectToMinimap(frame, view);
      ctx.beginPath();
      ctx.rect(0, 0, W, H);
      ctx.rect(v.minX, v.minY, v.maxX - v.minX, v.maxY - v.minY);
      ctx.fillStyle = coloursRef.current.mask;
      ctx.fill('evenodd');
      ctx.lineWidth = 1;
      ctx.strokeStyle = coloursRef.current.view;
      ctx.strokeRect(v.minX + 0.5, v.minY + 0.5, v.maxX - v.minX - 1, v.maxY - v.minY - 1);
    };
    drawViewRef.current = drawView;
    // Every store change (each pan or zoom frame and much else): three compares unless the
    // viewport or the pane changed.
    const unsubscribe = store.subscribe((s) => {
      if (s.transform === lastTransform && s.width === lastW && s.height === lastH) return;
      drawView(s);
    });
    drawView(store.getState());
    return () => {
      unsubscribe();
      drawViewRef.current = () => {};
    };
  }, [store]);

  // A one-node change (same records in place, a status changed): recolour its pixels.
  const themeRef = useRef(theme);
  // The per-change part: the node layer, when the records or the theme change.
  useLayoutEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const t0 = performance.now();
    const dpr = window.devicePixelRatio || 1;
    const layer = layerRef.current;
    const drawsOutline = outline !== null && records.length === 0;
    if (
      layer &&
      !layer.fromOutline &&
      !drawsOutline &&
      themeRef.current === theme &&
      patchNodeLayer(layer, records, dpr)
    ) {
      onNodesDrawn?.({ nodesMs: performance.now() - t0, count: records.length });
      drawViewRef.current(store.getState());
      return;
    }
    themeRef.current = theme;
    const style = getComputedStyle(canvas);
    coloursRef.current = {
      mask: cssVar(style, '--lg-minimap-mask', coloursRef.current.mask),
      view: cssVar(style, '--lg-minimap-view', coloursRef.current.view),
    };
    const offscreen = layerRef.current?.canvas ?? document.createElement('canvas');
    layerRef.current = drawsOutline
      ? drawOutlineLayer(offscreen, outline, style, dpr)
      : drawNodeLayer(offscreen, records, style, dpr);
    const nodesMs = performance.now() - t0;
    onNodesDrawn?.({ nodesMs, count: records.length });
    drawViewRef.current(store.getState());
  }, [records, outline, theme, store, onNodesDrawn]);

  // Click or drag: centre the view on the point, keeping the zoom. Wheel: zoom.
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const centreOn = (event: PointerEvent) => {
      const frame = frameRef.current;
      const s = store.getState();
      if (!frame || !s.panZoom) return;
      const box = canvas.getBoundingClientRect();
      const at = toWorld(frame, event.clientX - box.left, event.clientY - box.top);
      void s.panZoom.setViewport(
        centredViewport(at, s.transform[2], { width: s.width, height: s.height }),
      );
    };
    let dragging = false;
    const down = (event: PointerEvent) => {
      if (event.button !== 0) return;
      dragging = true;
      canvas.setPointerCapture?.(event.pointerId);
      centreOn(event);
      event.preventDefault();
    };
    const move = (event: PointerEvent) => {
      if (dragging) centreOn(event);
    };
    const up = (event: PointerEvent) => {
      dragging = false;
      if (canvas.hasPointerCapture?.(event.pointerId))
        canvas.releasePointerCapture(event.pointerId);
    };
    const wheel = (event: WheelEvent) => {
      const s = store.getState();
      if (!s.panZoom) return;
      event.preventDefault();
      const step = event.deltaMode === 1 ? 0.05 : event.deltaMode ? 1 : 0.002;
      void s.panZoom.scaleTo(s.transform[2] * Math.pow(2, -event.deltaY * step));
    };
    canvas.addEventListener('pointerdown', down);
    canvas.addEventListener('pointermove', move);
    canvas.addEventListener('pointerup', up);
    canvas.addEventListener('pointercancel', up);
    canvas.addEventListener('wheel', wheel, { passive: false });
    return () => {
      canvas.removeEventListener('pointerdown', down);
      canvas.removeEventListener('pointermove', move);
      canvas.removeEventListener('pointerup', up);
      canvas.removeEventListener('pointercancel', up);
      canvas.removeEventListener('wheel', wheel);
    };
  }, [store]);

  return (
    <Panel position="bottom-right" className="react-flow__minimap lg-minimap">
      <canvas
        ref={canvasRef}
        className="lg-minimap__canvas"
        role="img"
        aria-label="Minimap"
        data-nodes={records.length}
        width={MINIMAP_SIZE.width}
        height={MINIMAP_SIZE.height}
        style={{ width: MINIMAP_SIZE.width, height: MINIMAP_SIZE.height }}
      />
    </Panel>
  );
});
