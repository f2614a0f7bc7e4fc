/**
 * When the overview layer's cached bitmap can serve a frame, and what part of it to copy. The
 * cache covers the view with a margin on every side at the zoom it was drawn at; a pan inside
 * the margin or a zoom within ZOOM_SLACK of that zoom only copies (scaled) from it, anything
 * else draws a new cache. Pure.
 */
import type { Rect } from '../virtualization/geometry';
import { detailLevel } from '../level-of-detail';
import type { Frame } from './overview-draw';

/** Margin of the cache on each side, as a share of the view's width and height. */
export const CACHE_MARGIN = 0.25;
/** A cache drawn at zoom z serves zooms in [z / ZOOM_SLACK, z * ZOOM_SLACK]. */
export const ZOOM_SLACK = 1.5;

/**
 * Below this zoom the overview layer draws the plan and React Flow mounts no cards. Between it
 * and the cards' text-free look (OVERVIEW_BELOW, 0.45) the DOM cards look like the layer's
 * boxes, so the hand-over shows no jump, and a fit of a few nodes (a focus) still gets cards.
 */
export const OVERVIEW_LAYER_BELOW = 0.3;

export interface CacheState {
  /** What the cache covers, in flow units. */
  rect: Rect;
  zoom: number;
  frame: Frame;
}

/** The flow rectangle a new cache covers for `view`. */
export function cacheRegion(view: Rect, margin = CACHE_MARGIN): Rect {
  const w = view.maxX - view.minX;
  const h = view.maxY - view.minY;
  return {
    minX: view.minX - w * margin,
    minY: view.minY - h * margin,
    maxX: view.maxX + w * margin,
    maxY: view.maxY + h * margin,
  };
}

/**
 * While the view moves, a cache also serves zooming in up to this factor (scaled up, a little
 * soft), and is drawn sharp again once the motion stops (OverviewLayer): a continuous zoom
 * from fit-all to the hand-over re-rasterised the whole plan 8 times in 2 s at ZOOM_SLACK,
 * 30–60 ms each at 100,000 nodes.
 */
export const MOTION_ZOOM_SLACK = 3;

/** Whether the layer draws the cards' full look at this zoom (overview-draw.ts `Frame.near`). */
export const nearLook = (zoom: number): boolean => detailLevel(zoom) === 'near';

export function cacheServes(
  cache: CacheState | null,
  view: Rect,
  zoom: number,
  slackIn = ZOOM_SLACK,
): boolean {
  if (!cache) return false;
  // Drawn in the other look (a zoom across FAR_BELOW): drawn again.
  if (nearLook(zoom) !== (cache.frame.near ?? false)) return false;
  const ratio = zoom / cache.zoom;
  if (ratio > slackIn || ratio < 1 / ZOOM_SLACK) return false;
  const r = cache.rect;
  return view.minX >= r.minX && view.minY >= r.minY && view.maxX <= r.maxX && view.maxY <= r.maxY;
}

/** The cache's device pixels that show `view` (for drawImage's source rectangle). */
export function sourceRect(
  cache: CacheState,
  view: Rect,
): { x: number; y: number; width: number; height: number } {
  const { ox, oy, k } = cache.frame;
  return {
    x: (view.minX - ox) * k,
    y: (view.minY - oy) * k,
    width: (view.maxX - view.minX) * k,
    height: (view.maxY - view.minY) * k,
  };
}

/** The smallest zoom the canvas allows: the whole plan fits with room to spare. */
export function overviewMinZoom(bounds: Rect | null, pane: { width: number; height: number }) {
  if (!bounds || pane.width <= 0 || pane.height <= 0) return 0.05;
  const fit = Math.min(
    pane.width / Math.max(bounds.maxX - bounds.minX, 1),
    pane.height / Math.max(bounds.maxY - bounds.minY, 1),
  );
  return Math.min(0.05, fit / 2);
}
