/**
 * The overview layer's cached bitmap (OverviewLayer.tsx; docs/canvas-performance.md,
 * "Overview layer"): the plan drawn over the view and a margin (overview-view.ts
 * `cacheRegion`), from which each pan or zoom frame copies; a change of a few nodes repaints
 * only their boxes in it.
 */
import { inflateRect, rectsIntersect, type Rect } from '../virtualization/geometry';
import {
  contextFill,
  FEW_NODES,
  paintNodes,
  pixelFill,
  strokeLinks,
  type Frame,
  type OverviewColours,
} from './overview-draw';
import type { OverviewIndex } from './overview-index';
import { padded } from './overview-move';
import { cacheRegion, nearLook, type CacheState } from './overview-view';

export class OverviewCache {
  readonly canvas = document.createElement('canvas');
  /** What the bitmap holds; null: nothing yet, or stale (redraw before use). */
  state: CacheState | null = null;
  private image: ImageData | null = null;
  private boxes: HTMLCanvasElement | null = null;
  /** Whether the bitmap was drawn dense (pixel boxes, blocking links under them). */
  private dense = false;

  /** Draws the plan around `view` at `zoom` (device pixel ratio `dpr`); answers its ms. */
  render(
    index: OverviewIndex,
    colours: OverviewColours,
    view: Rect,
    zoom: number,
    dpr: number,
  ): number | null {
    const t0 = performance.now();
    const rect = cacheRegion(view);
    const k = zoom * dpr;
    const width = Math.max(1, Math.ceil((rect.maxX - rect.minX) * k));
    const height = Math.max(1, Math.ceil((rect.maxY - rect.minY) * k));
    const c = this.canvas;
    if (c.width !== width || c.height !== height) {
      c.width = width;
      c.height = height;
    }
    const ctx = c.getContext('2d');
    if (!ctx) return null;
    const frame: Frame = { ox: rect.minX, oy: rect.minY, k, near: nearLook(zoom) };
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
    this.dense = count > FEW_NODES;
    if (this.dense) {
      // Dense: the blocking links, then the boxes over them as pixel writes (put into a
      // second canvas, since putImageData would replace the links rather than cover them).
      strokeLinks(ctx, index, index.linksIn(rect), frame, colours, true);
      if (!this.image || this.image.width !== width || this.image.height !== height)
        this.image = ctx.createImageData(width, height);
      const pixels = new Uint32Array(this.image.data.buffer);
      pixels.fill(0);
      paintNodes(index, list, frame, width, height, colours, pixelFill(pixels, width, height));
      const boxes = (this.boxes ??= document.createElement('canvas'));
      if (boxes.width !== width || boxes.height !== height) {
        boxes.width = width;
        boxes.height = height;
      }
      boxes.getContext('2d')?.putImageData(this.image, 0, 0);
      ctx.drawImage(boxes, 0, 0);
    } else {
      // Few: every link under the cards, as React Flow draws them.
      strokeLinks(ctx, index, index.linksIn(rect), frame, colours, false);
      paintNodes(index, list, frame, width, height, colours, contextFill(ctx));
    }
    this.state = { rect, zoom, frame };
    return performance.now() - t0;
  }

  /** Repaints the bitmap where `boxes` (flow rectangles) are. */
  patch(index: OverviewIndex, colours: OverviewColours, boxes: readonly Rect[]): void {
    const state = this.state;
    if (!state) return;
    const ctx = this.canvas.getContext('2d');
    if (!ctx) return;
    const { frame, rect } = state;
    const fill = contextFill(ctx);
    const width = this.canvas.width;
    const height = this.canvas.height;
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
      strokeLinks(ctx, index, index.linksIn(r), frame, colours, this.dense);
      paintNodes(index, index.nodesIn(around), frame, width, height, colours, fill);
      ctx.restore();
    }
  }
}

/** The flow rectangles a patch touches: the changed nodes' boxes and their links' curves. */
export function patchBoxes(
  index: OverviewIndex,
  nodes: readonly number[],
  edges: readonly number[],
) {
  const boxes: Rect[] = nodes.map((i) => index.reach(i));
  const c = new Float64Array(8);
  for (const l of edges) boxes.push(padded(index.linkBox(l, c)));
  return boxes;
}
