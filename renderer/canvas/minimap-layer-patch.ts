/**
 * The minimap's change path (docs/canvas-performance.md, "The change path"): the drawn node
 * layer of WholeGraphMiniMap.tsx brought up to the graph store's new active list in place —
 * statuses recoloured, nodes that came, went or moved patched into the pixels — instead of
 * drawing every node again, whenever the frame (the nodes' bounds) stays the same.
 */
import type { NodeRecord } from '../../shared/model/types';
import {
  rasterizeNodes,
  recolourNode,
  spliceLayer,
  type MinimapFrame,
  type Rect,
} from './minimap-geometry';
import { DEFAULT_NODE_SIZE } from './virtualization';
import { ramp } from './typed-ramp';
import { changedSince, useGraphStore } from '../state/graph-store';
import { listEditOf, type ListEdit } from '../state/active-graph';

/**
 * The drawn node layer: an offscreen canvas, the frame it was drawn in, the nodes' bounds, and
 * what a one-node change needs to recolour only that node's pixels (the change path): the
 * records drawn, the pixels, each pixel's top node, the status colours.
 */
export interface Layer {
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
  /** Drawn from a plan's outline (no records): redrawn, not patched, when they come. */
  fromOutline?: true;
}

/** The store's version when `records` is its active list. */
export function versionOf(records: readonly NodeRecord[]): number | undefined {
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
export function patchNodeLayer(layer: Layer, records: readonly NodeRecord[], dpr: number): boolean {
  const before = layer.records;
  if (layer.dpr !== dpr) return false;
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
  // Fewer records and no splice to follow (a filter, a group collapsed): draw again.
  if (held > records.length) return false;
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
  recolourAll(layer, pixels, dpr, records, changed);
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
  // Nodes only appended (created: last in the list): the numbering stands.
  const appendedOnly =
    edit !== undefined &&
    edit.removed.length === 0 &&
    edit.inserted.every((i, k) => i === held + k);
  if (appendedOnly) oldOf = (i) => (i < held ? i : -1);
  else if (edit) {
    const { removed, inserted } = edit;
    toNew = new Int32Array(held);
    const back = new Int32Array(n).fill(-1);
    // By runs between the edits: no read past the ends of `removed`/`inserted` per element
    // (out-of-bounds reads made this loop ~2.5 ms at 100,000 nodes).
    for (let o = 0, i = 0, r = 0, a = 0; o < held;) {
      while (a < inserted.length && inserted[a] === i) {
        a++;
        i++;
      }
      if (r < removed.length && removed[r] === o) {
        toNew[o++] = -1;
        r++;
        continue;
      }
      const untilRemoved = (r < removed.length ? removed[r]! : held) - o;
      const untilInserted = a < inserted.length ? inserted[a]! - i : held;
      const run = Math.min(untilRemoved, untilInserted);
      ramp(toNew, o, run, i);
      ramp(back, i, run, o);
      o += run;
      i += run;
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
  recolourAll(layer, pixels, dpr, records, recolour);
  ctx.putImageData(layer.image, 0, 0);
  layer.records = records;
  layer.version = versionOf(records);
  return true;
}

/** Paints each of `indexes`' pixels in its record's status colour (the layer's owners kept). */
function recolourAll(
  layer: Layer,
  pixels: Uint32Array,
  dpr: number,
  records: readonly NodeRecord[],
  indexes: Iterable<number>,
): void {
  const { width, height } = layer.image;
  for (const i of indexes) {
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
}
