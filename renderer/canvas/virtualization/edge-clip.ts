/**
 * Draw only the on-screen part of long edges. In software rendering (and on weak GPUs) the
 * cost of a frame is dominated by rasterising edge paths, and Chromium replays every path
 * whose box touches a 256 px tile once per tile (a dashed path lays its dashes along its
 * whole length each time). An edge across a 30,000 px plane therefore costs far more than
 * the few hundred pixels of it on screen (docs/canvas-performance.md has the numbers).
 *
 * `useClippedBezierPath` is a drop-in for `getBezierPath` in an edge component: it returns
 * the sub-curve inside the current query window (the snapped, padded viewport of
 * useVirtualFlow), re-computed only when that window changes. The label stays at the middle
 * of the whole curve. When the target end is cut off, leave out `markerEnd` (the arrow would
 * otherwise sit at the cut):
 *
 *   const { path, labelX, labelY, clippedEnd } = useClippedBezierPath(props);
 *   <BaseEdge path={path} markerEnd={clippedEnd ? undefined : markerEnd} ... />
 */
import { useLayoutEffect } from 'react';
import { getBezierPath, Position, useStore, useStoreApi, type EdgeProps } from '@xyflow/react';
import { edgeControlPoints, inflateRect, type Rect, subCurve, visibleCurveRange } from './geometry';
import { DEFAULT_SNAP, type QueryWindow, type SnapOptions } from './viewport';
import { sameWindow, windowSelector } from './window-selector';

export interface ClippedPath {
  path: string;
  labelX: number;
  labelY: number;
  /** The source end is off the drawn piece. */
  clippedStart: boolean;
  /** The target end is off the drawn piece: leave out markerEnd. */
  clippedEnd: boolean;
}

/** Screen pixels kept beyond the window, for stroke width and arrowheads. */
const CLIP_PAD_PX = 64;

type EndPoints = Pick<
  EdgeProps,
  'sourceX' | 'sourceY' | 'targetX' | 'targetY' | 'sourcePosition' | 'targetPosition'
>;

/** The pure part: the path for `p` clipped to `window` grown by `padFlow` (may be < 0). */
export function clippedBezierPath(p: EndPoints, window: QueryWindow, padFlow: number): ClippedPath {
  const [full, labelX, labelY] = getBezierPath(p);
  const whole = { path: full, labelX, labelY, clippedStart: false, clippedEnd: false };
  // Only the shape edgeControlPoints models (NodeCard's handles) is clipped.
  if (p.sourcePosition !== Position.Right || p.targetPosition !== Position.Left) return whole;
  if (window.key === 'empty') return whole;
  const c = edgeControlPoints(p.sourceX, p.sourceY, p.targetX, p.targetY, new Float64Array(8));
  const range = visibleCurveRange(c, inflateRect(window.rect, padFlow));
  if (!range) return { ...whole, path: '', clippedStart: true, clippedEnd: true };
  const [t0, t1] = range;
  if (t0 === 0 && t1 === 1) return whole;
  const s = subCurve(c, t0, t1);
  const f = (i: number) => (s[i] as number).toFixed(1);
  return {
    path: `M${f(0)},${f(1)} C${f(2)},${f(3)} ${f(4)},${f(5)} ${f(6)},${f(7)}`,
    labelX,
    labelY,
    clippedStart: t0 > 0,
    clippedEnd: t1 < 1,
  };
}

/**
 * The window edges are clipped to: the nodes' grid made 8× coarser, kept until it is 4× the
 * area it needs. Clipping only has to cut the long edges down to about the screen, and every
 * mounted edge re-renders when its window changes: with the nodes' own window, all of them
 * re-rendered at every step of a zoom-out (most of React's work while zooming).
 */
export function clipSnap(snap: SnapOptions): SnapOptions {
  return { ...snap, cellPx: snap.cellPx * 8, keepAreaRatio: 4 };
}

/** `getBezierPath` for an edge component, clipped to a window around the view (clipSnap). */
export function useClippedBezierPath(p: EndPoints, snap: SnapOptions = DEFAULT_SNAP): ClippedPath {
  const clip = clipSnap(snap);
  const view = useStore(windowSelector(clip), sameWindow(clip));
  const zoomBucket = Number(view.key.split(':')[0]) || 1;
  // The window's margin is for mounting nodes early; the path only has to cover the snapped
  // view (which holds until the window changes) plus room for strokes and arrowheads.
  return clippedBezierPath(p, view, (CLIP_PAD_PX - snap.marginPx) / zoomBucket);
}

/**
 * CSS `clip-path` keeping an element at the flow's origin (React Flow's edges container) to
 * `rect`, in flow coordinates; '' (no clip) for null.
 */
export function keptClipPath(rect: Rect | null): string {
  if (!rect) return '';
  const { minX: x0, minY: y0, maxX: x1, maxY: y1 } = rect;
  return `polygon(${x0}px ${y0}px, ${x1}px ${y0}px, ${x1}px ${y1}px, ${x0}px ${y1}px)`;
}

/**
 * While a zoom keeps cards (useVirtualFlow's `kept`), their links are drawn only inside the
 * kept window: the overview layer draws the plan around it, each link that crosses the
 * window's edge included, so a link's piece beyond the edge showed twice (the layer's and the
 * card's own, a few pixels apart while the layer's cache is scaled). Set on the one element,
 * not through a variable on the root: that would restyle every mounted card.
 */
export function useKeptLinksClip(kept: Rect | null): void {
  const store = useStoreApi();
  useLayoutEffect(() => {
    const edges = store.getState().domNode?.querySelector<HTMLElement>('.react-flow__edges');
    if (edges) edges.style.clipPath = keptClipPath(kept);
  }, [store, kept]);
}
