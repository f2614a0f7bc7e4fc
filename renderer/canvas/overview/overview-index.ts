/**
 * What the overview layer (OverviewLayer.tsx) draws, as typed arrays plus two Flatbush trees:
 * every node's box, status and marks (selected, search hit, dimmed, flashing), every link's ends
 * and kind (primary, blocking right now, dimmed). Built from the canvas's own flow lists (after
 * search, focus and filters: renderer/find/use-find-view.ts), so the overview shows exactly what
 * the cards would.
 *
 * `update` diffs the lists by object identity (the flow lists keep unchanged objects, see
 * flow-elements.ts): a change of a few nodes' status or marks at their old positions is a
 * *patch* (the layer repaints only those boxes), and so are nodes the change path appended (a
 * created node, drawn last); anything else (a move, a removed node, a new link, more than
 * PATCH_MAX changes) is a *rebuild*. Pure: no DOM.
 */
import Flatbush from 'flatbush';
import { CARD } from '../../../shared/ui-constants';
import type { Rect } from '../virtualization/geometry';
import { edgeControlPoints } from '../virtualization/geometry';
import { listPatch } from '../flow-elements';

/** Node marks (bit flags). */
export const MARK = {
  match: 1,
  current: 2,
  dim: 4,
  selected: 8,
  flash: 16,
  /** Blocked node (status 2): its card has the tinted background. */
  root: 32,
} as const;
/** Link marks (bit flags). */
export const LINK = { primary: 1, blocking: 2, dim: 4, chain: 8 } as const;

/** Changed nodes up to which a change is a patch, not a rebuild. */
export const PATCH_MAX = 64;

export interface OverviewNodeInput {
  id: string;
  position: { x: number; y: number };
  className?: string | undefined;
  selected?: boolean | undefined;
  data: { record: { status: number; display_id?: string }; flashing: boolean };
}

export interface OverviewEdgeInput {
  id: string;
  source: string;
  target: string;
  className?: string | undefined;
  data?: { record: { type: number }; blocking: boolean } | undefined;
}

export type OverviewUpdate =
  { kind: 'none' } | { kind: 'patch'; nodes: number[]; edges: number[] } | { kind: 'rebuild' };

export const CARD_W = CARD.width;
export const CARD_H = CARD.height;

function nodeMarks(n: OverviewNodeInput): number {
  let m = 0;
  const c = n.className;
  if (c) {
    if (c.includes('lg-find-match')) m |= MARK.match;
    if (c.includes('lg-find-current')) m |= MARK.current;
    if (c.includes('lg-find-dim')) m |= MARK.dim;
    if (c.includes('lg-find-root') || c.includes('lg-find-chain')) m |= MARK.root;
  }
  if (n.selected) m |= MARK.selected;
  if (n.data.flashing) m |= MARK.flash;
  return m;
}

function linkMarks(e: OverviewEdgeInput): number {
  let m = 0;
  if (e.data?.record.type === 0) m |= LINK.primary;
  if (e.data?.blocking) m |= LINK.blocking;
  const c = e.className;
  if (c) {
    if (c.includes('lg-find-dim')) m |= LINK.dim;
    if (c.includes('lg-find-chain')) m |= LINK.chain;
  }
  return m;
}

export class OverviewIndex {
  // Node fields grow (only in `update`) when the change path appends created nodes.
  count: number;
  readonly ids: string[];
  xs: Float64Array;
  ys: Float64Array;
  status: Uint8Array;
  marks: Uint8Array;
  readonly linkCount: number;
  /** Link ends as node positions (links with an end not drawn are left out). */
  readonly src: Int32Array;
  readonly tgt: Int32Array;
  readonly linkMarks: Uint8Array;
  /** The whole graph's box, or null when empty. */
  bounds: Rect | null;
  /** Nodes [0, treeCount) are in the node tree; later ones (appended) are scanned. */
  private treeCount = 0;
  private nodeItems: readonly OverviewNodeInput[];
  private edgeItems: readonly OverviewEdgeInput[];
  /** Edge list position → link slot (-1: not drawn). */
  private edgeSlot: Int32Array;
  /**
   * The Flatbush trees are built on first use (`prepare`, or the first query that needs one):
   * a plan opens fitted, where the whole plan is drawn without them, so their ~0.1–0.2 s at
   * 100,000 nodes comes after the first frame (OverviewLayer asks for them when idle).
   */
  private nodeTreeBuilt: Flatbush | null | undefined = undefined;
  private linkTreeBuilt: Flatbush | null | undefined = undefined;
  private readonly linkBounds: Rect | null;
  /** Nodes with a per-frame mark (selected, current hit, flashing): drawn over the layer. */
  overlay: number[] = [];

  constructor(nodes: readonly OverviewNodeInput[], edges: readonly OverviewEdgeInput[]) {
    const n = nodes.length;
    this.count = n;
    this.nodeItems = nodes;
    this.edgeItems = edges;
    this.ids = new Array<string>(n);
    this.xs = new Float64Array(n);
    this.ys = new Float64Array(n);
    this.status = new Uint8Array(n);
    this.marks = new Uint8Array(n);
    const byId = new Map<string, number>();
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    for (let i = 0; i < n; i++) {
      const node = nodes[i]!;
      this.ids[i] = node.id;
      byId.set(node.id, i);
      const x = node.position.x;
      const y = node.position.y;
      this.xs[i] = x;
      this.ys[i] = y;
      this.status[i] = node.data.record.status;
      this.marks[i] = nodeMarks(node);
      if (x < minX) minX = x;
      if (y < minY) minY = y;
      if (x > maxX) maxX = x;
      if (y > maxY) maxY = y;
    }
    this.bounds = n ? { minX, minY, maxX: maxX + CARD_W, maxY: maxY + CARD_H } : null;
    const m = edges.length;
    const src = new Int32Array(m);
    const tgt = new Int32Array(m);
    const lm = new Uint8Array(m);
    this.edgeSlot = new Int32Array(m).fill(-1);
    let k = 0;
    for (let e = 0; e < m; e++) {
      const edge = edges[e]!;
      const s = byId.get(edge.source);
      const t = byId.get(edge.target);
      if (s === undefined || t === undefined) continue;
      src[k] = s;
      tgt[k] = t;
      lm[k] = linkMarks(edge);
      this.edgeSlot[e] = k++;
    }
    this.linkCount = k;
    this.src = src.subarray(0, k);
    this.tgt = tgt.subarray(0, k);
    this.linkMarks = lm.subarray(0, k);
    // The links' control boxes' union: a query covering it needs no tree (fit-all).
    const c = new Float64Array(8);
    let lx0 = Infinity;
    let ly0 = Infinity;
    let lx1 = -Infinity;
    let ly1 = -Infinity;
    for (let l = 0; l < k; l++) {
      this.linkControls(l, c);
      lx0 = Math.min(lx0, c[0]!, c[2]!, c[4]!, c[6]!);
      ly0 = Math.min(ly0, c[1]!, c[7]!);
      lx1 = Math.max(lx1, c[0]!, c[2]!, c[4]!, c[6]!);
      ly1 = Math.max(ly1, c[1]!, c[7]!);
    }
    this.linkBounds = k ? { minX: lx0, minY: ly0, maxX: lx1, maxY: ly1 } : null;
    this.overlay = this.collectOverlay();
  }

  /** The Bézier control points of link `l` (source's right handle → target's left handle). */
  linkControls(l: number, out: Float64Array): Float64Array {
    const s = this.src[l]!;
    const t = this.tgt[l]!;
    return edgeControlPoints(
      this.xs[s]! + CARD_W,
      this.ys[s]! + CARD_H / 2,
      this.xs[t]!,
      this.ys[t]! + CARD_H / 2,
      out,
    );
  }

  private get nodeTree(): Flatbush | null {
    if (this.nodeTreeBuilt !== undefined) return this.nodeTreeBuilt;
    const n = this.count;
    if (!n) return (this.nodeTreeBuilt = null);
    const tree = new Flatbush(n);
    for (let i = 0; i < n; i++)
      tree.add(this.xs[i]!, this.ys[i]!, this.xs[i]! + CARD_W, this.ys[i]! + CARD_H);
    tree.finish();
    this.treeCount = n;
    return (this.nodeTreeBuilt = tree);
  }

  private get linkTree(): Flatbush | null {
    if (this.linkTreeBuilt !== undefined) return this.linkTreeBuilt;
    const k = this.linkCount;
    if (!k) return (this.linkTreeBuilt = null);
    const tree = new Flatbush(k);
    const c = new Float64Array(8);
    for (let l = 0; l < k; l++) {
      this.linkControls(l, c);
      tree.add(
        Math.min(c[0]!, c[2]!, c[4]!, c[6]!),
        Math.min(c[1]!, c[7]!),
        Math.max(c[0]!, c[2]!, c[4]!, c[6]!),
        Math.max(c[1]!, c[7]!),
      );
    }
    tree.finish();
    return (this.linkTreeBuilt = tree);
  }

  /** Builds the trees now if not yet (idle time after the first frame). */
  prepare(): void {
    void this.nodeTree;
    void this.linkTree;
  }

  private collectOverlay(): number[] {
    const out: number[] = [];
    const per = MARK.selected | MARK.current | MARK.flash;
    for (let i = 0; i < this.count; i++) if (this.marks[i]! & per) out.push(i);
    return out;
  }

  /**
   * Takes the canvas's new lists: 'none' when nothing this index holds changed, 'patch' with the
   * changed node and link slots when only marks or statuses of a few changed (applied in place),
   * 'rebuild' otherwise (make a new index).
   */
  update(nodes: readonly OverviewNodeInput[], edges: readonly OverviewEdgeInput[]): OverviewUpdate {
    if (edges.length !== this.edgeItems.length) return { kind: 'rebuild' };
    // The change path: a list patched from the one held names the elements it replaced
    // (flow-elements.ts `listPatch`), so only those are compared; otherwise every one is.
    const nodeAt = changedAt(nodes, this.nodeItems);
    const edgeAt = changedAt(edges, this.edgeItems);
    // Created nodes appended by the change path (and no new link): added as a patch, drawn
    // last (on top, as a new index would draw them) and scanned by queries until the tree is
    // next built. Anything else that changes the count rebuilds.
    const added = nodes.length - this.count;
    if (added < 0 || (added > 0 && (!nodeAt || added > PATCH_MAX))) return { kind: 'rebuild' };
    // A new object that draws the same (React Flow measured a card, say) is no change: at the
    // hand-over zoom hundreds of cards are measured at once, and rebuilding the whole index
    // for them cost a frame of 30–50 ms at 100,000 nodes.
    const changedNodes: number[] = [];
    const nodeValues: number[] = [];
    const old = this.nodeItems;
    for (let k = 0, n = nodeAt ? nodeAt.length : nodes.length; k < n; k++) {
      const i = nodeAt ? nodeAt[k]! : k;
      if (i >= this.count) continue; // appended: below
      const node = nodes[i]!;
      if (node === old[i]) continue;
      if (
        node.id !== this.ids[i] ||
        node.position.x !== this.xs[i] ||
        node.position.y !== this.ys[i]
      )
        return { kind: 'rebuild' };
      const status = node.data.record.status;
      const marks = nodeMarks(node);
      if (status === this.status[i] && marks === this.marks[i]) continue;
      if (changedNodes.length >= PATCH_MAX) return { kind: 'rebuild' };
      changedNodes.push(i);
      nodeValues.push(status, marks);
    }
    for (let i = this.count; i < nodes.length; i++) {
      if (changedNodes.length >= PATCH_MAX) return { kind: 'rebuild' };
      changedNodes.push(i);
      nodeValues.push(nodes[i]!.data.record.status, nodeMarks(nodes[i]!));
    }
    const changedLinks: number[] = [];
    const linkValues: number[] = [];
    const oldEdges = this.edgeItems;
    for (let k = 0, n = edgeAt ? edgeAt.length : edges.length; k < n; k++) {
      const e = edgeAt ? edgeAt[k]! : k;
      const edge = edges[e]!;
      if (edge === oldEdges[e]) continue;
      const o = oldEdges[e]!;
      if (edge.id !== o.id || edge.source !== o.source || edge.target !== o.target)
        return { kind: 'rebuild' };
      const slot = this.edgeSlot[e]!;
      if (slot < 0) continue;
      const marks = linkMarks(edge);
      if (marks === this.linkMarks[slot]) continue;
      if (changedLinks.length >= PATCH_MAX * 4) return { kind: 'rebuild' };
      changedLinks.push(slot);
      linkValues.push(marks);
    }
    // Only now change anything: a rebuild answer above leaves the index as it was.
    if (added > 0) this.append(nodes);
    changedNodes.forEach((i, j) => {
      this.status[i] = nodeValues[2 * j]!;
      this.marks[i] = nodeValues[2 * j + 1]!;
    });
    changedLinks.forEach((slot, j) => (this.linkMarks[slot] = linkValues[j]!));
    this.nodeItems = nodes;
    this.edgeItems = edges;
    if (changedNodes.length === 0 && changedLinks.length === 0) return { kind: 'none' };
    if (changedNodes.length) this.overlay = this.collectOverlay();
    return { kind: 'patch', nodes: changedNodes, edges: changedLinks };
  }

  /** Appends nodes [count, nodes.length) (their status and marks are set by the caller). */
  private append(nodes: readonly OverviewNodeInput[]): void {
    const n = nodes.length;
    const grow = <T extends Float64Array | Uint8Array>(old: T, made: T): T => {
      made.set(old);
      return made;
    };
    this.xs = grow(this.xs, new Float64Array(n));
    this.ys = grow(this.ys, new Float64Array(n));
    this.status = grow(this.status, new Uint8Array(n));
    this.marks = grow(this.marks, new Uint8Array(n));
    let b = this.bounds;
    for (let i = this.count; i < n; i++) {
      const { id, position } = nodes[i]!;
      this.ids.push(id);
      this.xs[i] = position.x;
      this.ys[i] = position.y;
      const box = {
        minX: position.x,
        minY: position.y,
        maxX: position.x + CARD_W,
        maxY: position.y + CARD_H,
      };
      b = b
        ? {
            minX: Math.min(b.minX, box.minX),
            minY: Math.min(b.minY, box.minY),
            maxX: Math.max(b.maxX, box.maxX),
            maxY: Math.max(b.maxY, box.maxY),
          }
        : box;
    }
    this.bounds = b;
    this.count = n;
  }

  /** Nodes whose box touches `r`, ascending (the order they are drawn in). */
  nodesIn(r: Rect): number[] {
    const tree = this.nodeTree;
    const found = tree ? tree.search(r.minX, r.minY, r.maxX, r.maxY) : [];
    for (let i = this.treeCount; i < this.count; i++) if (this.touches(i, r)) found.push(i);
    return found.sort((a, b) => a - b);
  }

  private touches(i: number, r: Rect): boolean {
    const x = this.xs[i]!;
    const y = this.ys[i]!;
    return x <= r.maxX && x + CARD_W >= r.minX && y <= r.maxY && y + CARD_H >= r.minY;
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
    return this.linkTree?.search(r.minX, r.minY, r.maxX, r.maxY) ?? [];
  }

  /** The box of node i. */
  box(i: number): Rect {
    const x = this.xs[i]!;
    const y = this.ys[i]!;
    return { minX: x, minY: y, maxX: x + CARD_W, maxY: y + CARD_H };
  }

  /**
   * The node under flow point (x, y): the topmost (last drawn) box containing it; else, within
   * `slop` flow units, the nearest box (so a card a pixel tall can still be clicked); else null.
   */
  hit(x: number, y: number, slop: number): string | null {
    const tree = this.nodeTree;
    const near = tree ? tree.search(x - slop, y - slop, x + slop, y + slop) : [];
    const r = { minX: x - slop, minY: y - slop, maxX: x + slop, maxY: y + slop };
    for (let i = this.treeCount; i < this.count; i++) if (this.touches(i, r)) near.push(i);
    let best = -1;
    let bestDist = Infinity;
    for (const i of near) {
      const dx = Math.max(this.xs[i]! - x, 0, x - this.xs[i]! - CARD_W);
      const dy = Math.max(this.ys[i]! - y, 0, y - this.ys[i]! - CARD_H);
      const d = dx * dx + dy * dy;
      if (d < bestDist || (d === bestDist && i > best)) {
        best = i;
        bestDist = d;
      }
    }
    return best >= 0 ? this.ids[best]! : null;
  }
}

/** The indices a patched list replaced in `held` ([] for the same list), or null: compare all. */
function changedAt(list: readonly unknown[], held: readonly unknown[]): readonly number[] | null {
  if (list === held) return [];
  const patch = listPatch(list);
  return patch?.previous === held && !patch.splice ? patch.indices : null;
}
