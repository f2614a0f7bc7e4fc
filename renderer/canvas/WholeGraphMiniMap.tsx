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
import {
  centredViewport,
  layerPlacement,
  fitFrame,
  minimapFrame,
  nodesBounds,
  packRgba,
  parseColour,
  rasterizeNodes,
  recolourNode,
  spliceLayer,
  rectToMinimap,
  toWorld,
  viewportRect,
  type MinimapFrame,
  type Rect,
  type Size,
} from './minimap-geometry';
import { DEFAULT_NODE_SIZE } from './virtualization';
import { changedSince, useGraphStore } from '../state/graph-store';
import { listEditOf, type ListEdit } from '../state/active-graph';
import { STATUS_COLOURS, STATUS_VARS as SHARED_STATUS_VARS } from '../../shared/ui-constants';

/** React Flow's MiniMap size and padding (its `offsetScale` of 5). */
export const MINIMAP_SIZE: Size = { width: 200, height: 150 };
const PADDING = 5;
/** Status → CSS variable of its colour (the cards' left border, styles.css). */
const STATUS_VARS = SHARED_STATUS_VARS;
const FALLBACK_COLOURS = STATUS_COLOURS;

/**
 * The drawn node layer: an offscreen canvas, the frame it was drawn in, the nodes' bounds, and
 * what a one-node change needs to recolour only that node's pixels (the change path): the
 * records drawn, the pixels, each pixel's top node, the status colours.
 */
interface Layer {
  canvas: HTMLCanvasElement;
  frame: MinimapFrame;
  bounds: Rect;
  records: readonly NodeRecord[];
  image: ImageData;
  owner: Int32Array;
  colours: number[];
  dpr: number;
  /** The graph store's version when `records` were its active list (else undefined). */
  version?: number;
}

/** The store's version when `records` is its active list. */
function versionOf(records: readonly NodeRecord[]): number | undefined {
  const graph = useGraphStore.getState();
  return records === graph.active.nodes ? graph.version : undefined;
}

/** Above this many changed records a patch is no cheaper than a redraw. */
const PATCH_MAX = 256;

/**
 * Recolours in place the records whose status changed, and draws on top the ones appended to
 * the store's list inside the drawn bounds (created nodes: last in the list, so on top in a
 * full redraw too), when nothing moved or went; answers false when the layer has to be drawn
 * again.
 */
function patchNodeLayer(layer: Layer, records: readonly NodeRecord[], dpr: number): boolean {
  const before = layer.records;
  if (before.length > records.length || layer.dpr !== dpr) return false;
  const changed: number[] = [];
  const differs = (i: number): boolean => {
    const a = before[i];
    const b = records[i];
    if (!a || !b) return true;
    if (a === b) return false;
    if (a.id !== b.id || a.position.x !== b.position.x || a.position.y !== b.position.y)
      return true;
    if (a.status !== b.status) changed.push(i);
    return false;
  };
  // The store's whole active list (no filter or group in between): its change log names the
  // records to look at. A node that came or went shows as a missing or misplaced id.
  const graph = useGraphStore.getState();
  const since =
    records === graph.active.nodes && layer.version !== undefined
      ? changedSince(graph, layer.version)
      : null;
  const held = before.length;
  // Nodes that went, came in the middle or moved (the active list spliced from the one drawn,
  // or replaced in place): patched into the pixels when the frame stays the same.
  const edit = records === graph.active.nodes ? listEditOf(records) : undefined;
  if (since && (edit ? edit.previous === before : held === records.length))
    return spliceNodeLayer(layer, records, dpr, since.nodes, edit);
  if (since) {
    if (since.nodes.size > PATCH_MAX) return false;
    for (const id of since.nodes) {
      const i = graph.active.nodeAt.get(id);
      if (i !== undefined && i >= held) continue; // appended: below
      if (i === undefined || before[i]?.id !== id || differs(i)) return false;
    }
    if (held > 0 && records[held - 1]?.id !== before[held - 1]?.id) return false;
    const b = layer.bounds;
    for (let i = held; i < records.length; i++) {
      const { x, y } = records[i]!.position;
      const inside =
        x >= b.minX &&
        y >= b.minY &&
        x + DEFAULT_NODE_SIZE.width <= b.maxX &&
        y + DEFAULT_NODE_SIZE.height <= b.maxY;
      if (!inside) return false; // the frame would change
    }
  } else if (held !== records.length) return false;
  else {
    for (let i = 0; i < records.length; i++)
      if (differs(i) || changed.length > PATCH_MAX) return false;
  }
  const ctx = layer.canvas.getContext('2d');
  if (!ctx) return false;
  const pixels = new Uint32Array(layer.image.data.buffer);
  const { width, height } = layer.image;
  for (const i of changed) {
    const r = records[i]!;
    const colour = layer.colours[r.status] ?? layer.colours[0]!;
    recolourNode(
      pixels,
      layer.owner,
      width,
      height,
      layer.frame,
      dpr,
      r.position.x,
      r.position.y,
      i,
      DEFAULT_NODE_SIZE,
      colour,
    );
  }
  const added = records.length - held;
  if (added > 0) {
    const xs = new Float64Array(added);
    const ys = new Float64Array(added);
    const kinds = new Uint8Array(added);
    for (let k = 0; k < added; k++) {
      const r = records[held + k]!;
      xs[k] = r.position.x;
      ys[k] = r.position.y;
      kinds[k] = r.status;
    }
    rasterizeNodes(
      pixels,
      width,
      height,
      layer.frame,
      dpr,
      xs,
      ys,
      kinds,
      added,
      DEFAULT_NODE_SIZE,
      layer.colours,
      layer.owner,
      held,
    );
  }
  if (changed.length > 0 || added > 0) ctx.putImageData(layer.image, 0, 0);
  layer.records = records;
  layer.version = versionOf(records);
  return true;
}

/**
 * The change path's patch of the layer when nodes went, came or moved (and statuses changed):
 * owners renumbered, the pixels of those gone or moved refilled, those come or moved drawn in
 * order (minimap-geometry.ts `spliceLayer`); false (draw again) when the frame would change:
 * a node went from or moved off the bounds' edge, or came or moved outside them.
 */
function spliceNodeLayer(
  layer: Layer,
  records: readonly NodeRecord[],
  dpr: number,
  ids: ReadonlySet<string>,
  edit: ListEdit | undefined,
): boolean {
  if (ids.size > PATCH_MAX || layer.dpr !== dpr) return false;
  const before = layer.records;
  const held = before.length;
  const n = records.length;
  let toNew: Int32Array | null = null;
  const fromOld = (i: number) => i;
  let oldOf = fromOld;
  if (edit) {
    const { removed, inserted } = edit;
    toNew = new Int32Array(held);
    const back = new Int32Array(n).fill(-1);
    for (let o = 0, i = 0, r = 0, a = 0; o < held; o++) {
      if (removed[r] === o) {
        toNew[o] = -1;
        r++;
        continue;
      }
      while (inserted[a] === i) {
        a++;
        i++;
      }
      toNew[o] = i;
      back[i++] = o;
    }
    oldOf = (i) => back[i]!;
  }
  const b = layer.bounds;
  const { width: W, height: H } = DEFAULT_NODE_SIZE;
  const onEdge = ({ x, y }: NodeRecord['position']) =>
    x <= b.minX || y <= b.minY || x + W >= b.maxX || y + H >= b.maxY;
  const inside = ({ x, y }: NodeRecord['position']) =>
    x >= b.minX && y >= b.minY && x + W <= b.maxX && y + H <= b.maxY;
  for (const k of edit?.removed ?? []) if (onEdge(before[k]!.position)) return false;
  const came = [...(edit?.inserted ?? [])];
  for (const i of came) if (!inside(records[i]!.position)) return false;
  const vacated: number[] = [];
  const recolour: number[] = [];
  const graph = useGraphStore.getState();
  for (const id of ids) {
    const i = graph.active.nodeAt.get(id);
    if (i === undefined) continue; // went (or not active): above
    const o = oldOf(i);
    if (o < 0) continue; // came: above
    const was = before[o];
    const now = records[i]!;
    if (!was || was.id !== now.id) return false;
    if (was === now) continue;
    if (was.position.x !== now.position.x || was.position.y !== now.position.y) {
      if (onEdge(was.position) || !inside(now.position)) return false;
      vacated.push(i);
      came.push(i);
    } else if (was.status !== now.status) recolour.push(i);
  }
  const ctx = layer.canvas.getContext('2d');
  if (!ctx) return false;
  const pixels = new Uint32Array(layer.image.data.buffer);
  const { width, height } = layer.image;
  if (toNew || came.length)
    spliceLayer(
      pixels,
      layer.owner,
      width,
      height,
      layer.frame,
      dpr,
      toNew,
      vacated,
      n,
      (i) => records[i]!,
      came,
      DEFAULT_NODE_SIZE,
      layer.colours,
    );
  for (const i of recolour) {
    const r = records[i]!;
    recolourNode(
      pixels,
      layer.owner,
      width,
      height,
      layer.frame,
      dpr,
      r.position.x,
      r.position.y,
      i,
      DEFAULT_NODE_SIZE,
      layer.colours[r.status] ?? layer.colours[0]!,
    );
  }
  ctx.putImageData(layer.image, 0, 0);
  layer.records = records;
  layer.version = versionOf(records);
  return true;
}

export interface MinimapTimings {
  /** Drawing every node into the layer. */
  nodesMs: number;
  count: number;
}

interface Props {
  /** Every node to draw: the graph store's active records. */
  records: readonly NodeRecord[];
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
    if (layer && themeRef.current === theme && patchNodeLayer(layer, records, dpr)) {
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
    layerRef.current = drawNodeLayer(offscreen, records, style, window.devicePixelRatio || 1);
    const nodesMs = performance.now() - t0;
    onNodesDrawn?.({ nodesMs, count: records.length });
    drawViewRef.current(store.getState());
  }, [records, theme, store, onNodesDrawn]);

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
