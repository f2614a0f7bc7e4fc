/**
 * What the overview layer (OverviewLayer.tsx) draws, as typed arrays plus two Flatbush trees:
 * every node's box, status and marks (selected, search hit, dimmed, flashing), every link's ends
 * and kind (primary, blocking right now, dimmed). Built from the canvas's own flow lists (after
 * search, focus and filters: renderer/find/use-find-view.ts), so the overview shows exactly what
 * the cards would. This file builds the index and answers its queries; `update` (the change
 * path: a patch in place, or a rebuild) is overview-patch.ts. Pure: no DOM.
 *
 * The trees are not rebuilt by a patch: they keep the numbering they were built with, and a
 * map from a tree slot to the element's index now (`nodeTreeNow`: -1 for one gone) plus the
 * elements that came since (`nodeExtra`, scanned) answer for the lists as they are.
 */
import Flatbush from 'flatbush';
import type { Rect } from '../virtualization/geometry';
import { CARD } from '../../../shared/ui-constants';
import { nodesBounds } from '../minimap-geometry';
import { edgeControlPoints } from '../virtualization/geometry';
import { outlineStatuses, type GraphOutline } from '../../../shared/contract/graph-outline';
import {
  CARD_H,
  CARD_W,
  LINK,
  MARK,
  linkMarks,
  nodeMarks,
  type OverviewEdgeInput,
  type OverviewNodeInput,
} from './overview-marks';
import { updateIndex } from './overview-patch';
import { IdIndex } from './overview-ids';
import { cardHeight, MAX_EXTRA_H } from './overview-heights';

export {
  CARD_H,
  CARD_W,
  LINK,
  MARK,
  PATCH_MAX,
  type OverviewEdgeInput,
  type OverviewNodeInput,
} from './overview-marks';

export type OverviewUpdate =
  | { kind: 'none' }
  | {
      kind: 'patch';
      /** Node and link slots (as they are now) to repaint. */
      nodes: number[];
      edges: number[];
      /** Flow rectangles to repaint besides: where nodes and links that went were drawn. */
      boxes: Rect[];
    }
  | { kind: 'rebuild' };

/**
 * The index's data. Fields are written only here and by overview-patch.ts (which replaces the
 * arrays on a patch; readers take them as they are at the time).
 */
export class OverviewIndex {
  count: number;
  ids: string[];
  xs: Float64Array;
  ys: Float64Array;
  status: Uint8Array;
  marks: Uint8Array;
  linkCount: number;
  /** Link ends as node positions (links with an end not drawn are left out). */
  src: Int32Array;
  tgt: Int32Array;
  linkMarks: Uint8Array;
  /** The whole graph's box, or null when empty. */
  bounds: Rect | null;
  /** Nodes with a per-frame mark (selected, current hit, flashing): drawn over the layer. */
  overlay: number[] = [];
  /** @internal The lists the index holds (overview-patch.ts diffs the next ones against them). */
  nodeItems: readonly OverviewNodeInput[];
  edgeItems: readonly OverviewEdgeInput[];
  /** @internal Edge list position → link slot (-1: not drawn); null: every edge is drawn, its slot its position. */
  edgeSlot: Int32Array | null;
  /** @internal The links' control boxes' union (or more): a query covering it needs no tree. */
  linkBounds: Rect | null;
  /**
   * @internal The Flatbush trees are built on first use (`prepare`, or the first query that
   * needs one): a plan opens fitted, where the whole plan is drawn without them, so their
   * ~0.1–0.2 s at 100,000 nodes comes after the first frame (OverviewLayer asks when idle).
   * undefined: not built; null: built, empty.
   */
  nodeTreeBuilt: Flatbush | null | undefined = undefined;
  linkTreeBuilt: Flatbush | null | undefined = undefined;
  /** @internal Tree slot → node (link) index now, -1 for one gone; null: the same numbering. */
  nodeTreeNow: Int32Array | null = null;
  linkTreeNow: Int32Array | null = null;
  /** @internal Node id → index now (overview-ids.ts). */
  idIndex: IdIndex;
  /** @internal Nodes (links) that came after the tree was built, ascending: scanned. */
  nodeExtra: number[] = [];
  linkExtra: number[] = [];

  /**
   * Built from a plan's outline (shared/contract/graph-outline.ts) while its records load: the
   * same boxes, statuses and blocking links, no ids (a hit finds nothing) and no marks. The
   * canvas's first lists replace it (a rebuild, never a patch).
   */
  readonly fromOutline: boolean;

  /** Whether the node part was taken over from `nodesOf` (the same nodes, new links). */
  readonly nodesTakenOver: boolean;

  /**
   * @param nodesOf an index of this very `nodes` list whose node part is taken over as it is
   * (its arrays, id index and node tree), so that only the links are indexed: a large plan's
   * links arrive after its nodes (the canvas makes them in slices), and its ~100,000 nodes
   * need not be indexed again then (~40 of ~70 ms at 100,000 nodes).
   */
  constructor(
    nodes: readonly OverviewNodeInput[],
    edges: readonly OverviewEdgeInput[],
    outline: GraphOutline | null = null,
    nodesOf: OverviewIndex | null = null,
  ) {
    const n = outline ? outline.count : nodes.length;
    this.fromOutline = outline !== null;
    this.count = n;
    this.nodeItems = nodes;
    this.edgeItems = edges;
    this.nodesTakenOver =
      nodesOf !== null && !outline && !nodesOf.fromOutline && nodesOf.nodeItems === nodes;
    if (nodesOf && this.nodesTakenOver) {
      this.ids = nodesOf.ids;
      this.xs = nodesOf.xs;
      this.ys = nodesOf.ys;
      this.status = nodesOf.status;
      this.marks = nodesOf.marks;
      this.bounds = nodesOf.bounds;
      this.idIndex = nodesOf.idIndex;
      this.nodeTreeBuilt = nodesOf.nodeTreeBuilt;
      this.nodeTreeNow = nodesOf.nodeTreeNow;
      this.nodeExtra = nodesOf.nodeExtra;
    } else {
      this.ids = new Array<string>(n);
      this.xs = new Float64Array(n);
      this.ys = new Float64Array(n);
      this.status = new Uint8Array(n);
      this.marks = new Uint8Array(n);
      const byId = new Map<string, number>();
      if (outline) {
        this.ids.fill('');
        this.xs.set(outline.x);
        this.ys.set(outline.y);
        this.status.set(outlineStatuses(outline));
      } else {
        for (let i = 0; i < n; i++) {
          const node = nodes[i]!;
          this.ids[i] = node.id;
          byId.set(node.id, i);
          this.xs[i] = node.position.x;
          this.ys[i] = node.position.y;
          this.status[i] = node.data.record.status;
          this.marks[i] = nodeMarks(node);
        }
      }
      this.bounds = nodeBounds(this.xs, this.ys, n);
      this.idIndex = new IdIndex(byId, n);
    }
    const idIndex = this.idIndex;
    const m = outline ? outline.blocking.length / 2 : edges.length;
    const src = new Int32Array(m);
    const tgt = new Int32Array(m);
    const lm = new Uint8Array(m);
    const edgeSlot = new Int32Array(m).fill(-1);
    let k = 0;
    for (let e = 0; e < m; e++) {
      let s: number | undefined;
      let t: number | undefined;
      if (outline) {
        s = outline.blocking[2 * e];
        t = outline.blocking[2 * e + 1];
      } else {
        const edge = edges[e]!;
        s = idIndex.get(edge.source);
        t = idIndex.get(edge.target);
      }
      if (s === undefined || t === undefined || s < 0 || t < 0) continue;
      src[k] = s;
      tgt[k] = t;
      // An outline's links are the ones blocking right now (primary, by the rule).
      lm[k] = outline ? LINK.primary | LINK.blocking : linkMarks(edges[e]!);
      edgeSlot[e] = k++;
    }
    this.edgeSlot = k === m ? null : edgeSlot;
    this.linkCount = k;
    this.src = src.subarray(0, k);
    this.tgt = tgt.subarray(0, k);
    this.linkMarks = lm.subarray(0, k);
    let b: Rect | null = null;
    const c = new Float64Array(8);
    for (let l = 0; l < k; l++) b = unite(b, this.linkBox(l, c));
    this.linkBounds = b;
    this.overlay = this.collectOverlay();
  }

  /**
   * The Bézier control points of link `l` (source's right handle → target's left handle, each
   * at its card's middle). `tall`: with the cards' own heights (as drawn from TALL_FROM_K);
   * else, as the link tree holds it, with one-line cards (ends at most MAX_EXTRA_H / 2 higher).
   */
  linkControls(l: number, out: Float64Array, tall = false): Float64Array {
    const s = this.src[l]!;
    const t = this.tgt[l]!;
    return edgeControlPoints(
      this.xs[s]! + CARD_W,
      this.ys[s]! + (tall ? this.heightOf(s) : CARD_H) / 2,
      this.xs[t]!,
      this.ys[t]! + (tall ? this.heightOf(t) : CARD_H) / 2,
      out,
    );
  }

  /** The height of node i's card (flow px): one line for an outline's nodes (no titles yet). */
  heightOf(i: number): number {
    return this.fromOutline ? CARD_H : cardHeight(this.nodeItems[i]!);
  }

  /** The box of link `l`'s control points (what the link tree holds). */
  linkBox(l: number, c = new Float64Array(8)): Rect {
    this.linkControls(l, c);
    return {
      minX: Math.min(c[0]!, c[2]!, c[4]!, c[6]!),
      minY: Math.min(c[1]!, c[7]!),
      maxX: Math.max(c[0]!, c[2]!, c[4]!, c[6]!),
      maxY: Math.max(c[1]!, c[7]!),
    };
  }

  private get nodeTree(): Flatbush | null {
    if (this.nodeTreeBuilt !== undefined) return this.nodeTreeBuilt;
    const n = this.count;
    this.nodeTreeNow = null;
    this.nodeExtra = [];
    if (!n) return (this.nodeTreeBuilt = null);
    const tree = new Flatbush(n);
    for (let i = 0; i < n; i++)
      tree.add(this.xs[i]!, this.ys[i]!, this.xs[i]! + CARD_W, this.ys[i]! + CARD_H);
    tree.finish();
    return (this.nodeTreeBuilt = tree);
  }

  private get linkTree(): Flatbush | null {
    if (this.linkTreeBuilt !== undefined) return this.linkTreeBuilt;
    const k = this.linkCount;
    this.linkTreeNow = null;
    this.linkExtra = [];
    if (!k) return (this.linkTreeBuilt = null);
    const tree = new Flatbush(k);
    const c = new Float64Array(8);
    for (let l = 0; l < k; l++) {
      const b = this.linkBox(l, c);
      tree.add(b.minX, b.minY, b.maxX, b.maxY);
    }
    tree.finish();
    return (this.linkTreeBuilt = tree);
  }

  /** Builds the trees now if not yet (idle time after the first frame). */
  prepare(): void {
    void this.nodeTree;
    void this.linkTree;
  }

  /** @internal Nodes with a per-frame mark (recollected when marks or places change). */
  collectOverlay(): number[] {
    const out: number[] = [];
    const per = MARK.selected | MARK.current | MARK.flash;
    for (let i = 0; i < this.count; i++) if (this.marks[i]! & per) out.push(i);
    return out;
  }

  /**
   * Takes the canvas's new lists: 'none' when nothing this index holds changed, 'patch' with
   * what to repaint when it could follow them in place (overview-patch.ts), 'rebuild'
   * otherwise (make a new index; this one is left as it was).
   */
  update(nodes: readonly OverviewNodeInput[], edges: readonly OverviewEdgeInput[]): OverviewUpdate {
    if (this.fromOutline) return { kind: 'rebuild' };
    return updateIndex(this, nodes, edges);
  }

  /**
   * Nodes whose box touches `r`, ascending (the order they are drawn in). The tree holds
   * one-line boxes: a taller card reaches down up to MAX_EXTRA_H more, so the search does too.
   */
  nodesIn(r: Rect): number[] {
    const tree = this.nodeTree;
    const top = r.minY - MAX_EXTRA_H;
    const found = now(tree ? tree.search(r.minX, top, r.maxX, r.maxY) : [], this.nodeTreeNow);
    for (const i of this.nodeExtra) if (this.touches(i, r)) found.push(i);
    return found.sort((a, b) => a - b);
  }

  private touches(i: number, r: Rect): boolean {
    const x = this.xs[i]!;
    const y = this.ys[i]!;
    return x <= r.maxX && x + CARD_W >= r.minX && y <= r.maxY && y + CARD_H + MAX_EXTRA_H >= r.minY;
  }

  /** Links whose control box touches `r` (every link, without the tree, when `r` holds them all). */
  linksIn(r: Rect): number[] {
    const b = this.linkBounds;
    if (!b) return [];
    if (r.minX <= b.minX && r.minY <= b.minY && r.maxX >= b.maxX && r.maxY >= b.maxY) {
      const all = new Array<number>(this.linkCount);
      for (let l = 0; l < this.linkCount; l++) all[l] = l;
      return all;
    }
    const tree = this.linkTree;
    // The tree's ends are one-line cards' middles; a taller card's is up to MAX_EXTRA_H / 2 lower.
    const top = r.minY - MAX_EXTRA_H / 2;
    const found = now(tree ? tree.search(r.minX, top, r.maxX, r.maxY) : [], this.linkTreeNow);
    const c = new Float64Array(8);
    const reach = { ...r, minY: top };
    for (const l of this.linkExtra) if (intersects(this.linkBox(l, c), reach)) found.push(l);
    return found;
  }

  /** The box of node i as a one-line card (the trees' and the bounds' box). */
  box(i: number): Rect {
    const x = this.xs[i]!;
    const y = this.ys[i]!;
    return { minX: x, minY: y, maxX: x + CARD_W, maxY: y + CARD_H };
  }

  /** Where node i can be drawn at any zoom (the tallest card's box): what a repaint covers. */
  reach(i: number): Rect {
    const box = this.box(i);
    return { ...box, maxY: box.maxY + MAX_EXTRA_H };
  }

  /**
   * The node under flow point (x, y): the topmost (last drawn) box containing it; else, within
   * `slop` flow units, the nearest box (so a card a pixel tall can still be clicked); else null.
   */
  hit(x: number, y: number, slop: number): string | null {
    const r = { minX: x - slop, minY: y - slop, maxX: x + slop, maxY: y + slop };
    const near = this.nodesIn(r);
    let best = -1;
    let bestDist = Infinity;
    for (const i of near) {
      const dx = Math.max(this.xs[i]! - x, 0, x - this.xs[i]! - CARD_W);
      const dy = Math.max(this.ys[i]! - y, 0, y - this.ys[i]! - this.heightOf(i));
      const d = dx * dx + dy * dy;
      if (d < bestDist || (d === bestDist && i > best)) {
        best = i;
        bestDist = d;
      }
    }
    // An outline's nodes have no ids yet: nothing to select until the records are in.
    return best >= 0 ? this.ids[best]! || null : null;
  }
}

/** Tree slots → indices now (dropping those gone). */
function now(found: number[], map: Int32Array | null): number[] {
  if (!map) return found;
  const out: number[] = [];
  for (const slot of found) {
    const i = map[slot]!;
    if (i >= 0) out.push(i);
  }
  return out;
}

const intersects = (a: Rect, b: Rect): boolean =>
  a.minX <= b.maxX && a.maxX >= b.minX && a.minY <= b.maxY && a.maxY >= b.minY;

/** The smallest rectangle holding both (either may be null). */
export function unite(a: Rect | null, b: Rect | null): Rect | null {
  if (!a || !b) return a ?? b;
  return {
    minX: Math.min(a.minX, b.minX),
    minY: Math.min(a.minY, b.minY),
    maxX: Math.max(a.maxX, b.maxX),
    maxY: Math.max(a.maxY, b.maxY),
  };
}

/** The box of the first `n` nodes' cards, or null for none (the minimap's own bounds, card-sized). */
export const nodeBounds = (xs: Float64Array, ys: Float64Array, n: number): Rect | null =>
  nodesBounds(xs, ys, n, CARD);
