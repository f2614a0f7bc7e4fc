/**
 * Geometry of the whole-graph minimap (WholeGraphMiniMap.tsx), pure and framework-free: the
 * bounds of all nodes, the viewport in flow coordinates, the world → minimap mapping, where a
 * cached node layer goes when the mapping changes, and the viewport that centres a clicked
 * point. Flow (world) coordinates are React Flow's; minimap coordinates are CSS pixels from
 * the minimap's top-left corner.
 */
import type { Rect } from './virtualization/geometry';

export type { Rect } from './virtualization/geometry';

/** World → minimap: `px = (x - originX) * scale`, `py = (y - originY) * scale`. */
export interface MinimapFrame {
  originX: number;
  originY: number;
  /** Minimap pixels per flow unit. */
  scale: number;
}

export interface Size {
  width: number;
  height: number;
}

/** React Flow's store transform: [translateX, translateY, zoom]. */
export type Transform = readonly [number, number, number];

/**
 * The box around nodes at `xs[i], ys[i]` (top-left corners), each `nodeSize` big; null when
 * there are none.
 */
export function nodesBounds(
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  count: number,
  nodeSize: Size,
): Rect | null {
  if (count === 0) return null;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < count; i++) {
    const x = xs[i]!;
    const y = ys[i]!;
    if (x < minX) minX = x;
    if (y < minY) minY = y;
    if (x > maxX) maxX = x;
    if (y > maxY) maxY = y;
  }
  return { minX, minY, maxX: maxX + nodeSize.width, maxY: maxY + nodeSize.height };
}

/** The part of the flow the pane shows, from React Flow's transform and the pane's size. */
export function viewportRect(transform: Transform, pane: Size): Rect {
  const [tx, ty, zoom] = transform;
  return {
    minX: -tx / zoom,
    minY: -ty / zoom,
    maxX: (pane.width - tx) / zoom,
    maxY: (pane.height - ty) / zoom,
  };
}

export function unionRect(a: Rect, b: Rect | null): Rect {
  if (!b) return a;
  return {
    minX: Math.min(a.minX, b.minX),
    minY: Math.min(a.minY, b.minY),
    maxX: Math.max(a.maxX, b.maxX),
    maxY: Math.max(a.maxY, b.maxY),
  };
}

/**
 * The mapping that fits `content` into a minimap of `size`, `padding` pixels in from each
 * side, centred along the axis with room to spare (the aspect ratio is kept).
 */
export function fitFrame(content: Rect, size: Size, padding: number): MinimapFrame {
  const cw = Math.max(content.maxX - content.minX, 1e-9);
  const ch = Math.max(content.maxY - content.minY, 1e-9);
  const scale = Math.min(
    Math.max(size.width - 2 * padding, 1) / cw,
    Math.max(size.height - 2 * padding, 1) / ch,
  );
  return {
    scale,
    originX: content.minX - (size.width / scale - cw) / 2,
    originY: content.minY - (size.height / scale - ch) / 2,
  };
}

/** The minimap's frame for this moment: all nodes and the viewport, as React Flow's MiniMap. */
export function minimapFrame(
  nodes: Rect | null,
  view: Rect,
  size: Size,
  padding: number,
): MinimapFrame {
  return fitFrame(unionRect(view, nodes), size, padding);
}

export function toMinimap(frame: MinimapFrame, x: number, y: number): { x: number; y: number } {
  return { x: (x - frame.originX) * frame.scale, y: (y - frame.originY) * frame.scale };
}

/** The flow point under minimap pixel (px, py). */
export function toWorld(frame: MinimapFrame, px: number, py: number): { x: number; y: number } {
  return { x: frame.originX + px / frame.scale, y: frame.originY + py / frame.scale };
}

export function rectToMinimap(frame: MinimapFrame, r: Rect): Rect {
  return {
    minX: (r.minX - frame.originX) * frame.scale,
    minY: (r.minY - frame.originY) * frame.scale,
    maxX: (r.maxX - frame.originX) * frame.scale,
    maxY: (r.maxY - frame.originY) * frame.scale,
  };
}

/**
 * Where to draw a node layer rendered under `layer` (covering the minimap's `size`) so that it
 * lines up with `frame`: the destination box for drawImage, in minimap pixels. Lets a pan or
 * zoom that changes the frame (the viewport reaching past the graph) reuse the cached layer.
 */
export function layerPlacement(
  layer: MinimapFrame,
  frame: MinimapFrame,
  size: Size,
): { x: number; y: number; width: number; height: number } {
  const k = frame.scale / layer.scale;
  return {
    x: (layer.originX - frame.originX) * frame.scale,
    y: (layer.originY - frame.originY) * frame.scale,
    width: size.width * k,
    height: size.height * k,
  };
}

/** The viewport (React Flow's {x, y, zoom}) that puts flow point `at` in the pane's centre. */
export function centredViewport(
  at: { x: number; y: number },
  zoom: number,
  pane: Size,
): { x: number; y: number; zoom: number } {
  return { x: pane.width / 2 - at.x * zoom, y: pane.height / 2 - at.y * zoom, zoom };
}

/** A colour as one RGBA pixel of a canvas's ImageData read as Uint32 (byte order of the CPU). */
export function packRgba(r: number, g: number, b: number, a = 255): number {
  return LITTLE_ENDIAN
    ? ((a << 24) | (b << 16) | (g << 8) | r) >>> 0
    : ((r << 24) | (g << 16) | (b << 8) | a) >>> 0;
}
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** `#rgb`, `#rrggbb` or `rgb(a)(r, g, b[, a])` (what a canvas's fillStyle reads back) as RGBA bytes. */
export function parseColour(css: string): [number, number, number, number] | null {
  const s = css.trim();
  let m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(s);
  if (m) {
    const h = m[1]!.length === 3 ? [...m[1]!].map((c) => c + c).join('') : m[1]!;
    return [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16)).concat(255) as [
      number,
      number,
      number,
      number,
    ];
  }
  m = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)(?:[\s,/]+([\d.]+))?\s*\)$/i.exec(s);
  if (!m) return null;
  const a = m[4] === undefined ? 1 : Number(m[4]);
  return [Number(m[1]), Number(m[2]), Number(m[3]), Math.round(a * 255)];
}

/**
 * Draws every node as a solid box of device pixels into `pixels` (a `width`×`height` RGBA
 * buffer read as Uint32, e.g. an ImageData's): node i at (xs[i], ys[i]) in `colours[kinds[i]]`,
 * under `frame` and `dpr` device pixels per minimap pixel, at least one device pixel each way.
 * Plain array writes — for 10,000 nodes well under a millisecond — where one canvas path per
 * colour cost several (docs/canvas-performance.md).
 */
export function rasterizeNodes(
  pixels: Uint32Array,
  width: number,
  height: number,
  frame: MinimapFrame,
  dpr: number,
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  kinds: ArrayLike<number>,
  count: number,
  nodeSize: Size,
  colours: readonly number[],
  /** When given, each pixel's last-drawn node index (for patching one node's colour later). */
  owner?: Int32Array,
  /** The index of node 0 in `owner` (nodes appended to a drawn layer are drawn on top). */
  firstIndex = 0,
): void {
  const k = frame.scale * dpr;
  const w = nodeSize.width * k;
  const h = nodeSize.height * k;
  for (let i = 0; i < count; i++) {
    const left = (xs[i]! - frame.originX) * k;
    const top = (ys[i]! - frame.originY) * k;
    let x0 = Math.round(left);
    let y0 = Math.round(top);
    let x1 = Math.max(Math.round(left + w), x0 + 1);
    let y1 = Math.max(Math.round(top + h), y0 + 1);
    if (x0 < 0) x0 = 0;
    if (y0 < 0) y0 = 0;
    if (x1 > width) x1 = width;
    if (y1 > height) y1 = height;
    if (x1 <= x0 || y1 <= y0) continue; // off the buffer (fill's negative end would wrap)
    const colour = colours[kinds[i]!] ?? colours[0]!;
    for (let y = y0; y < y1; y++) {
      const row = y * width;
      pixels.fill(colour, row + x0, row + x1);
      owner?.fill(firstIndex + i, row + x0, row + x1);
    }
  }
}

/**
 * Recolours node i where it is the node drawn on top (`owner` from rasterizeNodes, same frame
 * and positions): a status change repaints one node's pixels, not the whole layer.
 */
export function recolourNode(
  pixels: Uint32Array,
  owner: Int32Array,
  width: number,
  height: number,
  frame: MinimapFrame,
  dpr: number,
  x: number,
  y: number,
  i: number,
  nodeSize: Size,
  colour: number,
): void {
  const k = frame.scale * dpr;
  const left = (x - frame.originX) * k;
  const top = (y - frame.originY) * k;
  const x0 = Math.max(0, Math.round(left));
  const y0 = Math.max(0, Math.round(top));
  const x1 = Math.min(width, Math.max(Math.round(left + nodeSize.width * k), Math.round(left) + 1));
  const y1 = Math.min(height, Math.max(Math.round(top + nodeSize.height * k), Math.round(top) + 1));
  for (let py = y0; py < y1; py++)
    for (let p = py * width + x0, end = py * width + x1; p < end; p++)
      if (owner[p] === i) pixels[p] = colour;
}

/** A node as the layer draws it (a record will do). */
export interface LayerNode {
  position: { x: number; y: number };
  status: number;
}

/**
 * Brings a drawn layer (`pixels`, `owner` from rasterizeNodes) to what a full redraw of the
 * nodes now would give, when nodes went, came or moved but the frame is the same (none went
 * from the bounds' edge, none came outside them): owners renumbered by `toNew` (old index →
 * new, -1 gone; null: the numbering stands), the pixels of nodes gone and of `vacated` ones
 * (moved: new indices) cleared and refilled by the nodes now covering them, in order, and the
 * `came` nodes (new indices: came or moved) drawn where no later node is on top.
 */
export function spliceLayer(
  pixels: Uint32Array,
  owner: Int32Array,
  width: number,
  height: number,
  frame: MinimapFrame,
  dpr: number,
  toNew: Int32Array | null,
  vacated: readonly number[],
  count: number,
  node: (i: number) => LayerNode,
  came: readonly number[],
  nodeSize: Size,
  colours: readonly number[],
): void {
  const moved = new Uint8Array(count);
  for (const i of vacated) moved[i] = 1;
  const hole = new Uint8Array(width * height);
  let hx0 = width;
  let hy0 = height;
  let hx1 = -1;
  let hy1 = -1;
  for (let p = 0; p < owner.length; p++) {
    const o = owner[p]!;
    if (o < 0) continue;
    const now = toNew ? toNew[o]! : o;
    if (now >= 0 && !moved[now]) {
      owner[p] = now;
      continue;
    }
    hole[p] = 1;
    owner[p] = -1;
    pixels[p] = 0;
    const x = p % width;
    const y = (p - x) / width;
    if (x < hx0) hx0 = x;
    if (x > hx1) hx1 = x;
    if (y < hy0) hy0 = y;
    if (y > hy1) hy1 = y;
  }
  const k = frame.scale * dpr;
  const w = nodeSize.width * k;
  const h = nodeSize.height * k;
  /** Paints node i within the pixel rectangle: into holes, or where no later node is on top. */
  const draw = (i: number, rx0: number, ry0: number, rx1: number, ry1: number, holes: boolean) => {
    const n = node(i);
    const left = (n.position.x - frame.originX) * k;
    // Most nodes miss the rectangle (the holes' refill asks every node): out before rounding.
    if (left >= rx1 || left + w + 2 < rx0) return;
    const top = (n.position.y - frame.originY) * k;
    if (top >= ry1 || top + h + 2 < ry0) return;
    const x0 = Math.max(rx0, Math.round(left));
    const y0 = Math.max(ry0, Math.round(top));
    const x1 = Math.min(rx1, Math.max(Math.round(left + w), Math.round(left) + 1));
    const y1 = Math.min(ry1, Math.max(Math.round(top + h), Math.round(top) + 1));
    if (x1 <= x0 || y1 <= y0) return;
    const colour = colours[n.status] ?? colours[0]!;
    for (let y = y0; y < y1; y++)
      for (let p = y * width + x0, end = y * width + x1; p < end; p++)
        if (holes ? hole[p] : owner[p]! < i) {
          pixels[p] = colour;
          owner[p] = i;
        }
  };
  // The holes, refilled in drawing order: the last node covering a pixel ends on top.
  if (hx1 >= 0) for (let i = 0; i < count; i++) draw(i, hx0, hy0, hx1 + 1, hy1 + 1, true);
  // Nodes drawn anew: over what an earlier node drew, under what a later one did.
  for (const i of came) draw(i, 0, 0, width, height, false);
}
