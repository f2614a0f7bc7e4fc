/**
 * From React Flow's viewport (transform + pane size) to the rectangle the index is asked
 * about. The rectangle is snapped outward to a grid so that, while panning or zooming, the
 * answer — and so React's render — changes only when the view crosses a grid line, not on
 * every frame; between those moments React Flow just moves its CSS transform.
 */
import { inflateRect, type Rect } from './geometry';

export interface ViewportState {
  /** React Flow's transform: screen = flow * zoom + (x, y). */
  x: number;
  y: number;
  zoom: number;
  /** Pane size in screen pixels. */
  width: number;
  height: number;
}

export interface SnapOptions {
  /** Grid cell in screen pixels at the zoom bucket's scale; larger = fewer, bigger re-renders. */
  cellPx: number;
  /** Extra border rendered beyond the snapped view, in screen pixels, so nodes mount early. */
  marginPx: number;
  /** keepsWindow's area ratio (default KEEP_AREA_RATIO); 0 re-queries whenever the key changes. */
  keepAreaRatio?: number;
}

// Snapping alone leaves 0–1 cell of slack around the view, which is enough: the window is
// re-queried in the same render as the transform change, so nothing on screen is ever missing.
// Small cells and no margin mount the fewest nodes (81 vs 120 at rest with 256/64), and every
// mounted node costs React Flow work on every frame; measured in docs/canvas-performance.md.
export const DEFAULT_SNAP: SnapOptions = { cellPx: 128, marginPx: 0 };

export interface QueryWindow {
  /** Equal keys mean equal rectangles. */
  key: string;
  rect: Rect;
  /** What the rectangle must cover for this viewport: the visible part plus the margin. */
  need: Rect;
}

/**
 * A window already handed over is kept while it still covers what a new viewport needs and
 * is at most this many times the area of the window that viewport would get. Zooming in
 * then re-queries about once per halving of the view's area instead of at every grid line
 * the shrinking view crosses, and a pan re-queries when the view reaches the window's edge.
 */
export const KEEP_AREA_RATIO = 2;

/** The part of the flow plane on screen. */
export function visibleFlowRect(v: ViewportState): Rect {
  const minX = -v.x / v.zoom;
  const minY = -v.y / v.zoom;
  return { minX, minY, maxX: minX + v.width / v.zoom, maxY: minY + v.height / v.zoom };
}

/**
 * The snapped, margin-padded rectangle to query for this viewport. Zoom is bucketed to powers
 * of two so the grid (in flow units) stays put while zooming within a bucket; the snapped
 * rectangle always contains the visible one, so nothing on screen is ever left out.
 */
export function queryWindow(v: ViewportState, snap: SnapOptions = DEFAULT_SNAP): QueryWindow {
  if (!(v.zoom > 0) || !(v.width > 0) || !(v.height > 0)) {
    const nothing = { minX: 0, minY: 0, maxX: -1, maxY: -1 };
    return { key: 'empty', rect: nothing, need: nothing };
  }
  const bucket = 2 ** Math.floor(Math.log2(v.zoom));
  const cell = snap.cellPx / bucket;
  const seen = visibleFlowRect(v);
  const i0 = Math.floor(seen.minX / cell);
  const j0 = Math.floor(seen.minY / cell);
  // A whole number of cells from the snapped corner, enough for any offset within the first
  // cell: while panning only the corner moves, so the window changes once per cell crossed.
  const cols = Math.ceil((seen.maxX - seen.minX) / cell) + 1;
  const rows = Math.ceil((seen.maxY - seen.minY) / cell) + 1;
  const rect = inflateRect(
    { minX: i0 * cell, minY: j0 * cell, maxX: (i0 + cols) * cell, maxY: (j0 + rows) * cell },
    snap.marginPx / bucket,
  );
  const need = inflateRect(seen, snap.marginPx / bucket);
  return { key: `${bucket}:${i0}:${j0}:${cols}:${rows}`, rect, need };
}

const area = (r: Rect) => Math.max(0, r.maxX - r.minX) * Math.max(0, r.maxY - r.minY);
const contains = (outer: Rect, inner: Rect) =>
  outer.minX <= inner.minX &&
  outer.minY <= inner.minY &&
  outer.maxX >= inner.maxX &&
  outer.maxY >= inner.maxY;

/**
 * Whether `kept` (the window in use) may stay in place of `next` (the window for the new
 * viewport): it covers everything `next` needs and is not too much larger (KEEP_AREA_RATIO).
 * Used as the store selector's equality, so "equal" means "no re-render".
 */
export function keepsWindow(
  kept: QueryWindow,
  next: QueryWindow,
  maxAreaRatio: number = KEEP_AREA_RATIO,
): boolean {
  if (kept.key === next.key) return true;
  if (kept.key === 'empty' || next.key === 'empty' || !(maxAreaRatio > 0)) return false;
  return contains(kept.rect, next.need) && area(kept.rect) <= maxAreaRatio * area(next.rect);
}
