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
import {
  CARD_H,
  PATCH_MAX,
  linkMarks,
  nodeMarks,
  type OverviewEdgeInput,
  type OverviewNodeInput,
} from './overview-marks';
import { nodeBounds, unite, type OverviewIndex, type OverviewUpdate } from './overview-index';

const REBUILD = { kind: 'rebuild' } as const;

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
  const replaced = nodePatch ? nodePatch.indices : range(0, n);
  for (const i of replaced) {
    const o = nodeMap ? nodeMap.fromOld[i]! : i;
    if (o < 0 || o >= ix.count) continue; // came: made above
    const node = nodes[i]!;
    if (node === ix.nodeItems[o]) continue;
    if (node.id !== ids[i] || node.position.x !== xs[i] || node.position.y !== ys[i])
      return REBUILD;
    const st = node.data.record.status;
    const mk = nodeMarks(node);
    if (st === status[i] && mk === marks[i]) continue;
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

interface Renumbering {
  /** Old index → new (-1: gone). */
  toNew: Int32Array;
  /** New index → old (-1: came). */
  fromOld: Int32Array;
  /** Nothing went and everything that came is at the end: old indices stand. */
  appendOnly: boolean;
}

/** The old ↔ new numbering of a splice of a list of `held` into one of `length` (null: no fit). */
function renumber(
  held: number,
  length: number,
  { removed, inserted }: ListSplice,
): Renumbering | null {
  if (held - removed.length + inserted.length !== length) return null;
  const toNew = new Int32Array(held);
  const fromOld = new Int32Array(length);
  let k = 0;
  let r = 0;
  let a = 0;
  for (let i = 0; i < length; i++) {
    if (inserted[a] === i) {
      a++;
      fromOld[i] = -1;
      continue;
    }
    while (removed[r] === k) {
      toNew[k++] = -1;
      r++;
    }
    if (k >= held) return null;
    toNew[k] = i;
    fromOld[i] = k++;
  }
  while (removed[r] === k) {
    toNew[k++] = -1;
    r++;
  }
  if (k !== held || r !== removed.length || a !== inserted.length) return null;
  const appendOnly = removed.length === 0 && (inserted[0] ?? length) >= held;
  return { toNew, fromOld, appendOnly };
}

/** A tree's slot → index map after a renumbering (`before`: null for the identity). */
function compose(before: Int32Array | null, toNew: Int32Array, held: number): Int32Array {
  if (!before) return toNew.length === held ? toNew.slice() : toNew.slice(0, held);
  const out = new Int32Array(before.length);
  for (let s = 0; s < before.length; s++) {
    const i = before[s]!;
    out[s] = i >= 0 ? toNew[i]! : -1;
  }
  return out;
}

/** The elements outside the tree after a renumbering: the old ones that stay, plus those new. */
function follow(
  extra: readonly number[],
  { toNew }: Pick<Renumbering, 'toNew'>,
  inserted: readonly number[],
): number[] {
  const out: number[] = [];
  for (const i of extra) {
    const j = toNew[i]!;
    if (j >= 0) out.push(j);
  }
  out.push(...inserted);
  return out.sort((a, b) => a - b);
}

interface Relinked {
  src: Int32Array;
  tgt: Int32Array;
  marks: Uint8Array;
  edgeSlot: Int32Array;
  /** Old link slot → new (-1: gone). */
  toNew: Int32Array;
  /** New slots of links that came, ascending; slots whose marks changed. */
  inserted: number[];
  remarked: number[];
  /** Where the links that went were drawn (with room for their arrowheads' cards). */
  goneBoxes: Rect[];
}

/** The few ends of new links, looked up by id in the new node order (a scan each). */
const LOOKUPS_MAX = 32;

/**
 * The link arrays for the new edge list: each kept edge's slot with its ends renumbered, the
 * edges that came given slots (their ends found by id), the boxes of those that went.
 */
function relink(
  ix: OverviewIndex,
  edges: readonly OverviewEdgeInput[],
  splice: ListSplice | undefined,
  nodeMap: Renumbering | null,
  ids: readonly string[],
  nodeCount: number,
): Relinked | typeof REBUILD {
  const removed = splice?.removed ?? [];
  const inserted = splice?.inserted ?? [];
  const m = edges.length;
  const src = new Int32Array(m);
  const tgt = new Int32Array(m);
  const marks = new Uint8Array(m);
  const edgeSlot = new Int32Array(m).fill(-1);
  const toNew = new Int32Array(ix.linkCount).fill(-1);
  const out: Relinked = {
    src,
    tgt,
    marks,
    edgeSlot,
    toNew,
    inserted: [],
    remarked: [],
    goneBoxes: [],
  };
  const c = new Float64Array(8);
  const gone = (slot: number) => {
    const b = ix.linkBox(slot, c);
    out.goneBoxes.push({ ...b, minY: b.minY - CARD_H / 2, maxY: b.maxY + CARD_H / 2 });
  };
  let lookups = 0;
  const find = (id: string) => {
    if (++lookups > LOOKUPS_MAX) return -2;
    return ids.indexOf(id);
  };
  const nodeNow = nodeMap ? (i: number) => nodeMap.toNew[i]! : (i: number) => i;
  const cameNodes = nodeMap !== null && nodeMap.fromOld.some((o) => o < 0);
  let k = 0;
  let r = 0;
  let a = 0;
  let slots = 0;
  for (let j = 0; j < m; j++) {
    const edge = edges[j]!;
    if (inserted[a] === j) {
      a++;
      const s = find(edge.source);
      const t = find(edge.target);
      if (s === -2 || t === -2) return REBUILD;
      if (s < 0 || t < 0 || s >= nodeCount || t >= nodeCount) continue;
      src[slots] = s;
      tgt[slots] = t;
      marks[slots] = linkMarks(edge);
      out.inserted.push(slots);
      edgeSlot[j] = slots++;
      continue;
    }
    while (removed[r] === k) {
      const slot = ix.edgeSlot[k++]!;
      if (slot >= 0) gone(slot);
      r++;
    }
    const o = k++;
    const old = ix.edgeItems[o];
    if (!old) return REBUILD;
    if (
      edge !== old &&
      (edge.id !== old.id || edge.source !== old.source || edge.target !== old.target)
    )
      return REBUILD;
    const slot = ix.edgeSlot[o]!;
    if (slot < 0) {
      // Not drawn for want of an end: one that came would draw it (a rebuild, rarely).
      if (cameNodes) {
        const s = find(edge.source);
        const t = find(edge.target);
        if (s === -2 || t === -2 || (s >= 0 && t >= 0)) return REBUILD;
      }
      continue;
    }
    const s = nodeNow(ix.src[slot]!);
    const t = nodeNow(ix.tgt[slot]!);
    if (s < 0 || t < 0) {
      // An end went and the edge stayed (a filtered view): no longer drawn.
      gone(slot);
      continue;
    }
    src[slots] = s;
    tgt[slots] = t;
    const mk = edge === old ? ix.linkMarks[slot]! : linkMarks(edge);
    marks[slots] = mk;
    if (mk !== ix.linkMarks[slot]) out.remarked.push(slots);
    toNew[slot] = slots;
    edgeSlot[j] = slots++;
  }
  while (removed[r] === k) {
    const slot = ix.edgeSlot[k++]!;
    if (slot >= 0) gone(slot);
    r++;
  }
  if (k !== ix.edgeItems.length || r !== removed.length || a !== inserted.length) return REBUILD;
  out.src = src.subarray(0, slots);
  out.tgt = tgt.subarray(0, slots);
  out.marks = marks.subarray(0, slots);
  return out;
}
