/**
 * The overview index's change path (docs/canvas-performance.md, "The change path"): takes the
 * canvas's new flow lists and answers what to repaint, patching the index in place, or
 * 'rebuild'. Lists patched from the ones the index holds name what they replaced and, when
 * elements came or went, the splice (flow-elements.ts `listPatch`), so only those are read; a
 * list that is not such a patch is compared element by element by identity (the flow lists
 * keep unchanged objects).
 *
 * A patch: a few nodes' status or marks changed; nodes moved (their boxes and links repainted
 * where they were and are, and they leave the trees for the scanned extras); nodes and links
 * that came (created, restored: drawn where the list puts them) or went (trashed, purged: the
 * boxes they were drawn in are repainted). The arrays are spliced by runs (overview-splice.ts),
 * the link ends renumbered, and the trees kept with a map from their slots to the indices now
 * (overview-index.ts). A link re-wired in place gets its new ends by id (overview-move.ts).
 * A rebuild: a link re-wired to or from an end not drawn, more than PATCH_MAX changes, lists that are
 * no patch of the held ones and differ in length, or a splice while some link is not drawn (a
 * filtered view: an end hidden).
 */
import type { Rect } from '../virtualization/geometry';
import type { ListPatch, ListSplice } from '../list-patch';
import { listPatch } from '../list-patch';
import {
  appendsOnly,
  compose,
  follow,
  newOf,
  oldOf,
  REBUILD,
  renumberValues,
  runsOf,
  shrinksOnly,
  spliceIds,
  spliceTyped,
  grownTyped,
  toNewOf,
  type Runs,
} from './overview-splice';
import {
  MARK,
  PATCH_MAX,
  linkMarks,
  nodeMarks,
  type OverviewEdgeInput,
  type OverviewNodeInput,
} from './overview-marks';
import { nodeBounds, unite, type OverviewIndex, type OverviewUpdate } from './overview-index';
import { move, onEdge, padded, rewire } from './overview-move';
import { cardHeight } from './overview-heights';

export function updateIndex(
  ix: OverviewIndex,
  nodes: readonly OverviewNodeInput[],
  edges: readonly OverviewEdgeInput[],
): OverviewUpdate {
  const nodePatch = patchFrom(nodes, ix.nodeItems);
  const edgePatch = patchFrom(edges, ix.edgeItems);
  const nodeSplice = spliceOf(nodePatch, ix.count, nodes.length);
  const edgeSplice = spliceOf(edgePatch, ix.edgeItems.length, edges.length);
  if (nodeSplice === null || edgeSplice === null) return REBUILD;
  if (size(nodeSplice) > PATCH_MAX || size(edgeSplice) > PATCH_MAX * 4) return REBUILD;
  const n = nodes.length;
  const m = edges.length;
  const nodeRuns = nodeSplice ? runsOf(ix.count, n, nodeSplice) : null;
  const edgeRuns = edgeSplice ? runsOf(ix.edgeItems.length, m, edgeSplice) : null;
  if ((nodeSplice && !nodeRuns) || (edgeSplice && !edgeRuns)) return REBUILD;
  /** Node indices shift (a node went, or came other than at the end): link ends renumbered. */
  const shifted = nodeSplice !== undefined && !appendsOnly(nodeSplice, ix.count);
  // A splice renumbers link slots as edge positions: every edge must be drawn (no filter).
  if ((shifted || edgeSplice) && ix.edgeSlot) return REBUILD;

  // Nodes replaced in place: a new object that draws the same (React Flow measured a card, say)
  // is no change: at the hand-over zoom hundreds of cards are measured at once, and rebuilding
  // the whole index for them cost a frame of 30–50 ms at 100,000 nodes. Read from the arrays
  // as they are (nothing of the index changes before the end).
  const boxes: Rect[] = [];
  const changedNodes: number[] = [...(nodeSplice?.inserted ?? [])];
  const nodeValues: number[] = [];
  /** Nodes moved (dragged, laid out): new index, x, y. */
  const moves: number[] = [];
  for (const i of nodePatch ? nodePatch.indices : range(0, n)) {
    const o = nodeRuns ? oldOf(nodeRuns, i) : i;
    if (o < 0 || o >= ix.count) continue; // came: made below
    const node = nodes[i]!;
    if (node === ix.nodeItems[o]) continue;
    if (node.id !== ix.ids[o]) return REBUILD;
    const { x, y } = node.position;
    // A card whose title now wraps to another number of lines changes height: its box and its
    // links' ends are redrawn as a moved node's are.
    const moved =
      x !== ix.xs[o] || y !== ix.ys[o] || cardHeight(node) !== cardHeight(ix.nodeItems[o]!);
    if (moved) moves.push(i, x, y);
    const st = node.data.record.status;
    const mk = nodeMarks(node);
    if (!moved && st === ix.status[o] && mk === ix.marks[o]) continue;
    if (changedNodes.length >= PATCH_MAX) return REBUILD;
    changedNodes.push(i);
    nodeValues.push(i, st, mk);
  }
  for (const k of nodeSplice?.removed ?? []) boxes.push(ix.reach(k));

  // Links: with a splice, slots are edge positions; the edges that came get their ends by id.
  const changedLinks: number[] = [];
  const linkValues: number[] = [];
  const newLinks: number[] = [];
  /** Links re-wired in place (their ends edited): slot now, source, target. */
  const rewires: number[] = [];
  const lookup = finder(ix, nodes, nodeSplice, nodeRuns);
  const c = new Float64Array(8);
  if (shifted || edgeSplice) {
    for (const j of edgeSplice?.inserted ?? []) {
      const s = lookup(edges[j]!.source);
      const t = lookup(edges[j]!.target);
      if (s < 0 || t < 0) return REBUILD; // not drawn: the slots would no longer be positions
      newLinks.push(j, s, t, linkMarks(edges[j]!));
      changedLinks.push(j);
    }
    for (const o of edgeSplice?.removed ?? []) boxes.push(padded(ix.linkBox(o, c)));
  }
  for (const j of edgePatch ? edgePatch.indices : range(0, m)) {
    const o = edgeRuns ? oldOf(edgeRuns, j) : j;
    if (o < 0) continue; // came: above
    const edge = edges[j]!;
    const old = ix.edgeItems[o]!;
    if (edge === old) continue;
    if (edge.id !== old.id) return REBUILD;
    const slot = ix.edgeSlot ? ix.edgeSlot[o]! : o;
    const ends = edge.source !== old.source || edge.target !== old.target;
    if (slot < 0 && !ends) continue;
    const mk = linkMarks(edge);
    if (mk === ix.linkMarks[slot] && !ends) continue;
    if (changedLinks.length >= PATCH_MAX * 4) return REBUILD;
    // Slots are edge positions whenever a splice is made.
    const now = edgeRuns ? j : slot;
    if (ends) {
      // Re-wired in place: drawn before and after (else the slots change: rebuild).
      const s = lookup(edge.source);
      const t = lookup(edge.target);
      if (slot < 0 || s < 0 || t < 0) return REBUILD;
      boxes.push(padded(ix.linkBox(slot, c)));
      rewires.push(now, s, t);
    }
    changedLinks.push(now);
    linkValues.push(now, mk);
  }

  // When node indices shift, every link's ends are renumbered into new arrays (old node index
  // → new: one typed fill per run); a kept link whose end went (the lists disagree) rebuilds.
  const nodeToNew = shifted && nodeRuns ? toNewOf(nodeRuns, ix.count) : null;
  const ends = nodeToNew ? renumberedEnds(ix, m, edgeSplice, edgeRuns, nodeToNew) : null;
  if (nodeToNew && !ends) return REBUILD;

  // Only now change anything: a rebuild answer above leaves the index as it was.
  if (nodeSplice && nodeRuns) spliceNodes(ix, nodes, nodeSplice, nodeRuns, nodeToNew);
  for (let j = 0; j < nodeValues.length; j += 3) {
    ix.status[nodeValues[j]!] = nodeValues[j + 1]!;
    ix.marks[nodeValues[j]!] = nodeValues[j + 2]!;
  }
  if (shifted || edgeSplice) spliceLinks(ix, m, edgeSplice, edgeRuns, ends, newLinks);
  for (let j = 0; j < linkValues.length; j += 2) ix.linkMarks[linkValues[j]!] = linkValues[j + 1]!;
  if (rewires.length) rewire(ix, rewires);
  if (moves.length) move(ix, moves, boxes, changedLinks);
  ix.nodeItems = nodes;
  ix.edgeItems = edges;
  if (changedNodes.length === 0 && changedLinks.length === 0 && boxes.length === 0)
    return { kind: 'none' };
  if (changedNodes.length || nodeSplice)
    ix.overlay = followOverlay(ix, ix.overlay, nodeRuns, changedNodes);
  return { kind: 'patch', nodes: changedNodes, edges: changedLinks, boxes };
}

/**
 * The nodes with a per-frame mark after a patch: the ones before, renumbered by `runs` (null:
 * the numbering stands) and kept while still marked, plus the changed ones now marked — instead
 * of a scan of every node's marks (`collectOverlay`, ~1 ms a change at 100,000 nodes).
 */
function followOverlay(
  ix: OverviewIndex,
  before: readonly number[],
  runs: Runs | null,
  changed: readonly number[],
): number[] {
  const per = MARK.selected | MARK.current | MARK.flash;
  const out = new Set<number>();
  for (const o of before) {
    const i = runs ? newOf(runs, o) : o;
    if (i >= 0 && ix.marks[i]! & per) out.add(i);
  }
  for (const i of changed) if (ix.marks[i]! & per) out.add(i);
  return [...out].sort((a, b) => a - b);
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

/** A node's new index by id: among those that came, else its old index renumbered. */
function finder(
  ix: OverviewIndex,
  nodes: readonly OverviewNodeInput[],
  splice: ListSplice | undefined,
  runs: Runs | null,
): (id: string) => number {
  return (id) => {
    for (const i of splice?.inserted ?? []) if (nodes[i]!.id === id) return i;
    const o = ix.idIndex.get(id);
    return o < 0 ? -1 : runs ? newOf(runs, o) : o;
  };
}

/**
 * The link ends spliced as the edge list was, into new arrays, and renumbered by `toNew` (the
 * new links' places left -1 for their ends); null when a kept link's end went.
 */
function renumberedEnds(
  ix: OverviewIndex,
  m: number,
  splice: ListSplice | undefined,
  runs: Runs | null,
  toNew: Int32Array,
): { src: Int32Array; tgt: Int32Array } | null {
  const src = runs ? spliceTyped(ix.src, runs, m, false) : ix.src.slice();
  const tgt = runs ? spliceTyped(ix.tgt, runs, m, false) : ix.tgt.slice();
  for (const j of splice?.inserted ?? []) src[j] = tgt[j] = -1;
  return renumberValues(src, toNew) && renumberValues(tgt, toNew) ? { src, tgt } : null;
}

/** The node arrays spliced (moved down in place when nodes only went), the trees' maps kept. */
function spliceNodes(
  ix: OverviewIndex,
  nodes: readonly OverviewNodeInput[],
  splice: ListSplice,
  runs: Runs,
  toNew: Int32Array | null,
): void {
  const n = nodes.length;
  const inPlace = shrinksOnly(splice);
  const edge = splice.removed.some((k) => onEdge(ix.box(k), ix.bounds));
  // Created nodes (appended): the arrays grow into their slack.
  const at = appendsOnly(splice, ix.count)
    ? <T extends Float64Array | Uint8Array>(a: T) => grownTyped(a, n)
    : <T extends Float64Array | Uint8Array>(a: T) => spliceTyped(a, runs, n, inPlace);
  ix.ids = spliceIds(ix.ids, splice, (i) => nodes[i]!.id);
  ix.idIndex.follow(toNew, splice.inserted, (i) => nodes[i]!.id);
  ix.xs = at(ix.xs);
  ix.ys = at(ix.ys);
  ix.status = at(ix.status);
  ix.marks = at(ix.marks);
  ix.count = n;
  for (const i of splice.inserted) {
    const node = nodes[i]!;
    ix.xs[i] = node.position.x;
    ix.ys[i] = node.position.y;
    ix.status[i] = node.data.record.status;
    ix.marks[i] = nodeMarks(node);
  }
  // The bounds shrink only when a node on their edge went; they grow by those that came.
  if (edge) ix.bounds = nodeBounds(ix.xs, ix.ys, n);
  else for (const i of splice.inserted) ix.bounds = unite(ix.bounds, ix.box(i));
  if (ix.nodeTreeBuilt !== undefined) {
    if (toNew) ix.nodeTreeNow = compose(ix.nodeTreeNow, toNew, ix.nodeTreeBuilt?.numItems ?? 0);
    ix.nodeExtra = follow(ix.nodeExtra, runs, splice.inserted);
  }
}

/**
 * The link arrays spliced as the edge list was (slots are edge positions), the new links'
 * ends and marks set (`newLinks`: position, source, target, marks), every end renumbered when
 * node indices shifted (`ends`, made beforehand), the link tree's map kept.
 */
function spliceLinks(
  ix: OverviewIndex,
  m: number,
  splice: ListSplice | undefined,
  runs: Runs | null,
  ends: { src: Int32Array; tgt: Int32Array } | null,
  newLinks: readonly number[],
): void {
  const held = ix.linkCount;
  if (ends) {
    ix.src = ends.src;
    ix.tgt = ends.tgt;
  }
  if (splice && runs) {
    const inPlace = shrinksOnly(splice);
    // Created links (appended): the arrays grow into their slack.
    const at = appendsOnly(splice, held)
      ? <T extends Int32Array | Uint8Array>(a: T) => grownTyped(a, m)
      : <T extends Int32Array | Uint8Array>(a: T) => spliceTyped(a, runs, m, inPlace);
    if (!ends) {
      ix.src = at(ix.src);
      ix.tgt = at(ix.tgt);
    }
    ix.linkMarks = at(ix.linkMarks);
    ix.linkCount = m;
  }
  // New links last: their ends are new indices already.
  for (let j = 0; j < newLinks.length; j += 4) {
    const at = newLinks[j]!;
    ix.src[at] = newLinks[j + 1]!;
    ix.tgt[at] = newLinks[j + 2]!;
    ix.linkMarks[at] = newLinks[j + 3]!;
  }
  const c = new Float64Array(8);
  for (const l of splice?.inserted ?? []) ix.linkBounds = unite(ix.linkBounds, ix.linkBox(l, c));
  if (ix.linkTreeBuilt !== undefined && splice && runs) {
    if (!appendsOnly(splice, held)) {
      const slots = ix.linkTreeBuilt?.numItems ?? 0;
      ix.linkTreeNow = compose(ix.linkTreeNow, toNewOf(runs, held), slots);
    }
    ix.linkExtra = follow(ix.linkExtra, runs, splice.inserted);
  }
}
