/**
 * The overview index's change path (docs/canvas-performance.md, "The change path"): takes the
 * canvas's new flow lists and answers what to repaint, patching the index in place, or
 * 'rebuild'. Lists patched from the ones the index holds name what they replaced and, when
 * elements came or went, the splice (flow-elements.ts `listPatch`), so only those are read; a
 * list that is not such a patch is compared element by element by identity (the flow lists
 * keep unchanged objects).
 *
 * A patch: a few nodes' status or marks changed at their old places; nodes and links that came
 * (created, restored: drawn where the list puts them) or went (trashed, purged: the boxes they
 * were drawn in are repainted). The arrays are spliced (one pass of typed-array copies), the
 * link ends renumbered, and the trees kept with a map from their slots to the indices now (see
 * overview-index.ts). A rebuild: a node moved, a link re-wired, more than PATCH_MAX changes,
 * or lists that are no patch of the held ones and differ in length.
 */
import type { Rect } from '../virtualization/geometry';
import type { ListPatch, ListSplice } from '../flow-elements';
import { listPatch } from '../flow-elements';
import { compose, follow, REBUILD, relink, renumber } from './overview-splice';
import {
  CARD_H,
  PATCH_MAX,
  linkMarks,
  nodeMarks,
  type OverviewEdgeInput,
  type OverviewNodeInput,
} from './overview-marks';
import { nodeBounds, unite, type OverviewIndex, type OverviewUpdate } from './overview-index';

export function updateIndex(
  ix: OverviewIndex,
  nodes: readonly OverviewNodeInput[],
  edges: readonly OverviewEdgeInput[],
): OverviewUpdate {
  const nodePatch = patchFrom(nodes, ix.nodeItems);
  const edgePatch = patchFrom(edges, ix.edgeItems);
  const nodeSplice = spliceOf(nodePatch, ix.nodeItems.length, nodes.length);
  const edgeSplice = spliceOf(edgePatch, ix.edgeItems.length, edges.length);
  if (nodeSplice === null || edgeSplice === null) return REBUILD;
  if (size(nodeSplice) > PATCH_MAX || size(edgeSplice) > PATCH_MAX * 4) return REBUILD;

  // Nodes: spliced into new arrays (nothing of the index changes before the end).
  const boxes: Rect[] = [];
  const n = nodes.length;
  const nodeMap = nodeSplice ? renumber(ix.count, n, nodeSplice) : null;
  if (nodeSplice && !nodeMap) return REBUILD;
  const removedNodes = nodeSplice?.removed ?? [];
  for (const k of removedNodes) boxes.push(ix.box(k));
  let ids = ix.ids;
  let xs = ix.xs;
  let ys = ix.ys;
  let status = ix.status;
  let marks = ix.marks;
  if (nodeMap) {
    ids = new Array<string>(n);
    xs = new Float64Array(n);
    ys = new Float64Array(n);
    status = new Uint8Array(n);
    marks = new Uint8Array(n);
    const { fromOld } = nodeMap;
    for (let i = 0; i < n; i++) {
      const o = fromOld[i]!;
      if (o >= 0) {
        ids[i] = ix.ids[o]!;
        xs[i] = ix.xs[o]!;
        ys[i] = ix.ys[o]!;
        status[i] = ix.status[o]!;
        marks[i] = ix.marks[o]!;
      } else {
        const node = nodes[i]!;
        ids[i] = node.id;
        xs[i] = node.position.x;
        ys[i] = node.position.y;
        status[i] = node.data.record.status;
        marks[i] = nodeMarks(node);
      }
    }
  }
  // Nodes replaced in place: a new object that draws the same (React Flow measured a card, say)
  // is no change: at the hand-over zoom hundreds of cards are measured at once, and rebuilding
  // the whole index for them cost a frame of 30–50 ms at 100,000 nodes.
  const changedNodes: number[] = [...(nodeSplice?.inserted ?? [])];
  const nodeValues: number[] = [];
  /** Nodes moved (dragged, laid out): index, x, y. */
  const moves: number[] = [];
  const replaced = nodePatch ? nodePatch.indices : range(0, n);
  for (const i of replaced) {
    const o = nodeMap ? nodeMap.fromOld[i]! : i;
    if (o < 0 || o >= ix.count) continue; // came: made above
    const node = nodes[i]!;
    if (node === ix.nodeItems[o]) continue;
    if (node.id !== ids[i]) return REBUILD;
    const { x, y } = node.position;
    const moved = x !== xs[i] || y !== ys[i];
    if (moved) moves.push(i, x, y);
    const st = node.data.record.status;
    const mk = nodeMarks(node);
    if (!moved && st === status[i] && mk === marks[i]) continue;
    if (changedNodes.length >= PATCH_MAX) return REBUILD;
    changedNodes.push(i);
    nodeValues.push(i, st, mk);
  }

  // Links: when nodes were renumbered or links came or went, the link arrays are made again by
  // one walk of the edge list (typed arrays; the few new links' ends found by id).
  const shifted = nodeMap !== null && !nodeMap.appendOnly;
  const relinked = shifted || edgeSplice ? relink(ix, edges, edgeSplice, nodeMap, ids, n) : null;
  if (relinked && 'kind' in relinked) return REBUILD;
  const links = relinked;
  const changedLinks: number[] = links ? [...links.inserted] : [];
  const linkValues: number[] = [];
  if (links) {
    changedLinks.push(...links.remarked);
    for (const b of links.goneBoxes) boxes.push(b);
  } else {
    for (const e of edgePatch ? edgePatch.indices : range(0, edges.length)) {
      const edge = edges[e]!;
      const o = ix.edgeItems[e]!;
      if (edge === o) continue;
      if (edge.id !== o.id || edge.source !== o.source || edge.target !== o.target) return REBUILD;
      const slot = ix.edgeSlot[e]!;
      if (slot < 0) continue;
      const mk = linkMarks(edge);
      if (mk === ix.linkMarks[slot]) continue;
      if (changedLinks.length >= PATCH_MAX * 4) return REBUILD;
      changedLinks.push(slot);
      linkValues.push(slot, mk);
    }
  }

  // The links of moved nodes are drawn anew too.
  const movedLinks = moves.length ? linksAround(moves, n, links ?? ix) : [];
  if (movedLinks.length > PATCH_MAX * 4) return REBUILD;

  // Only now change anything: a rebuild answer above leaves the index as it was.
  const count = ix.count;
  ix.ids = ids;
  ix.xs = xs;
  ix.ys = ys;
  ix.status = status;
  ix.marks = marks;
  ix.count = n;
  for (let j = 0; j < nodeValues.length; j += 3) {
    status[nodeValues[j]!] = nodeValues[j + 1]!;
    marks[nodeValues[j]!] = nodeValues[j + 2]!;
  }
  if (nodeMap && nodeSplice) {
    if (removedNodes.length) ix.bounds = nodeBounds(xs, ys, n);
    else for (const i of nodeSplice.inserted) ix.bounds = unite(ix.bounds, ix.box(i));
    if (ix.nodeTreeBuilt !== undefined) {
      if (!nodeMap.appendOnly) ix.nodeTreeNow = compose(ix.nodeTreeNow, nodeMap.toNew, count);
      ix.nodeExtra = follow(ix.nodeExtra, nodeMap, nodeSplice.inserted);
    }
  }
  if (links) {
    const oldCount = ix.linkCount;
    ix.src = links.src;
    ix.tgt = links.tgt;
    ix.linkMarks = links.marks;
    ix.linkCount = links.src.length;
    ix.edgeSlot = links.edgeSlot;
    const c = new Float64Array(8);
    for (const l of links.inserted) ix.linkBounds = unite(ix.linkBounds, ix.linkBox(l, c));
    if (ix.linkTreeBuilt !== undefined) {
      ix.linkTreeNow = compose(ix.linkTreeNow, links.toNew, oldCount);
      ix.linkExtra = follow(ix.linkExtra, { toNew: links.toNew }, links.inserted);
    }
  }
  for (let j = 0; j < linkValues.length; j += 2) ix.linkMarks[linkValues[j]!] = linkValues[j + 1]!;
  if (moves.length) move(ix, moves, movedLinks, boxes, changedLinks);
  ix.nodeItems = nodes;
  ix.edgeItems = edges;
  if (changedNodes.length === 0 && changedLinks.length === 0 && boxes.length === 0)
    return { kind: 'none' };
  if (changedNodes.length || nodeMap) ix.overlay = ix.collectOverlay();
  return { kind: 'patch', nodes: changedNodes, edges: changedLinks, boxes };
}

/** The patch that made `list` from `held` ({indices: []} for the same list), or null. */
function patchFrom(list: readonly unknown[], held: readonly unknown[]): ListPatch | null {
  if (list === held) return { previous: held, indices: [], rewired: false };
  const patch = listPatch(list);
  return patch?.previous === held ? patch : null;
}

/**
 * The splice from the held list to the new one: the patch's, elements appended (a patch that
 * grew), undefined for none; null when the lists differ in length and are no patch (rebuild).
 */
function spliceOf(
  patch: ListPatch | null,
  held: number,
  length: number,
): ListSplice | undefined | null {
  if (patch?.splice) return patch.splice;
  if (length === held) return undefined;
  if (!patch || length < held) return null;
  return { removed: [], inserted: range(held, length) };
}

const size = (s: ListSplice | undefined) => (s ? s.removed.length + s.inserted.length : 0);

function range(from: number, to: number): number[] {
  const out: number[] = [];
  for (let i = from; i < to; i++) out.push(i);
  return out;
}

/** The link slots with an end among the moved nodes (`moves`: index, x, y triples). */
function linksAround(
  moves: readonly number[],
  count: number,
  { src, tgt }: { src: Int32Array; tgt: Int32Array },
): number[] {
  const moved = new Uint8Array(count);
  for (let j = 0; j < moves.length; j += 3) moved[moves[j]!] = 1;
  const out: number[] = [];
  for (let l = 0; l < src.length; l++) if (moved[src[l]!] || moved[tgt[l]!]) out.push(l);
  return out;
}

/**
 * Moves nodes (and their links) in place: the boxes they were drawn in are repainted, they
 * leave the trees for the scanned extras, and the bounds follow (measured again when a node
 * left the bounds' edge).
 */
function move(
  ix: OverviewIndex,
  moves: readonly number[],
  links: readonly number[],
  boxes: Rect[],
  changedLinks: number[],
): void {
  const c = new Float64Array(8);
  for (const l of links) boxes.push(padded(ix.linkBox(l, c)));
  let edge = false;
  const b = ix.bounds;
  for (let j = 0; j < moves.length; j += 3) {
    const i = moves[j]!;
    const old = ix.box(i);
    boxes.push(old);
    if (!b || old.minX <= b.minX || old.minY <= b.minY || old.maxX >= b.maxX || old.maxY >= b.maxY)
      edge = true;
    ix.xs[i] = moves[j + 1]!;
    ix.ys[i] = moves[j + 2]!;
    if (!edge) ix.bounds = unite(ix.bounds, ix.box(i));
  }
  if (edge) ix.bounds = nodeBounds(ix.xs, ix.ys, ix.count);
  for (const l of links) {
    ix.linkBounds = unite(ix.linkBounds, ix.linkBox(l, c));
    changedLinks.push(l);
  }
  if (ix.nodeTreeBuilt) {
    ix.nodeTreeNow = untree(ix.nodeTreeNow, ix.nodeTreeBuilt.numItems, moves, 3);
    ix.nodeExtra = joined(ix.nodeExtra, moves, 3);
  }
  if (ix.linkTreeBuilt && links.length) {
    ix.linkTreeNow = untree(ix.linkTreeNow, ix.linkTreeBuilt.numItems, links, 1);
    ix.linkExtra = joined(ix.linkExtra, links, 1);
  }
}

/** Room for the cards at a link's ends (as the layer repaints a link). */
const padded = (b: Rect): Rect => ({ ...b, minY: b.minY - CARD_H / 2, maxY: b.maxY + CARD_H / 2 });

/** The tree's slot map with the slots of `list`'s elements (every `step`th entry) gone. */
function untree(
  map: Int32Array | null,
  slots: number,
  list: readonly number[],
  step: number,
): Int32Array {
  let out = map;
  if (!out) {
    out = new Int32Array(slots);
    for (let s = 0; s < slots; s++) out[s] = s;
  }
  for (let j = 0; j < list.length; j += step) {
    const s = map ? out.indexOf(list[j]!) : list[j]!;
    if (s >= 0 && s < slots) out[s] = -1;
  }
  return out;
}

/** `extra` with `list`'s elements (every `step`th entry) joined, ascending, once each. */
function joined(extra: readonly number[], list: readonly number[], step: number): number[] {
  const out = new Set(extra);
  for (let j = 0; j < list.length; j += step) out.add(list[j]!);
  return [...out].sort((a, b) => a - b);
}
