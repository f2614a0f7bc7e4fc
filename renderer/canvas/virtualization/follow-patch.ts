/**
 * Follows one patch of the canvas's React Flow lists (list-patch.ts `listPatch`) in the
 * viewport's GraphIndex without rebuilding it (docs/canvas-performance.md, "The change path"):
 * nodes and links that came join the index as new items, those that went are taken out of its
 * answers, and a re-wired link is its old item gone plus a new one. The index keeps its own
 * numbering; `nodeAt`/`edgeAt` map list positions to its items (null while the two agree).
 */
import type { Edge, Node } from '@xyflow/react';
import type { ListPatch, ListSplice } from '../list-patch';
import type { GraphIndex } from './graph-index';
import type { IndexNode } from './graph-index-types';
import { identity } from '../typed-ramp';

export interface IndexMaps {
  /** List position → the index's node (edge); null while they are the same numbering. */
  nodeAt: Int32Array | null;
  edgeAt: Int32Array | null;
  /**
   * Whether the maps kept the order of the ones followed (only removals and appends: an
   * ascending map stays ascending, so its reader need not check 150,000 entries again).
   */
  nodesInOrder?: boolean;
  edgesInOrder?: boolean;
}

export { identity } from '../typed-ramp';

/**
 * `at` less the positions removed, in place: the kept runs moved down natively (`copyWithin`)
 * and a view of the shorter length answered (no 600 kB array allocated and copied per removal
 * at 150,000 links). The caller owns `at`: a rebuild drops it.
 */
function spliceAt(at: Int32Array, { removed }: ListSplice): Int32Array {
  let from = 0;
  let to = 0;
  for (const r of removed) {
    if (to !== from) at.copyWithin(to, from, r);
    to += r - from;
    from = r + 1;
  }
  if (to !== from) at.copyWithin(to, from, at.length);
  return at.subarray(0, at.length - removed.length);
}

/**
 * `at` for the list `patch` made from one of `held` elements: removed positions dropped, and
 * `add(position)` (a new item) at each position that came. `went`: the items of those removed.
 */
function followList(
  at: Int32Array | null,
  held: number,
  length: number,
  patch: ListPatch | null,
  add: (position: number) => number,
): { at: Int32Array | null; went: number[] } {
  if (!patch) return { at, went: [] };
  const splice = patch.splice;
  if (!splice) {
    // Appended only (created): the new items are the next numbers, often the positions too.
    let out = at;
    for (let i = held; i < length; i++) {
      const g = add(i);
      if (!out && g === i) continue;
      if (!out || out.length <= i) {
        const grownAt = new Int32Array(length);
        grownAt.set((out ?? identity(i)).subarray(0, i));
        out = grownAt;
      }
      out[i] = g;
    }
    return { at: out, went: [] };
  }
  const base = at ?? identity(held);
  const went = splice.removed.map((k) => base[k]!);
  if (splice.inserted.length === 0) return { at: spliceAt(base, splice), went };
  const out = new Int32Array(length);
  const { removed, inserted } = splice;
  // By runs of kept positions, each one native copy (per element this loop took ~3 ms of a
  // re-wired link at 150,000 links: link.replace is a removal plus a link that comes).
  for (let j = 0, k = 0, r = 0, n = 0; j < length;) {
    if (n < inserted.length && inserted[n] === j) {
      n++;
      out[j] = add(j);
      j++;
      continue;
    }
    while (r < removed.length && removed[r] === k) {
      r++;
      k++;
    }
    const run = Math.min(
      (n < inserted.length ? inserted[n]! : length) - j,
      (r < removed.length ? removed[r]! : held) - k,
    );
    if (run <= 0) break; // the lists disagree with the splice (cannot happen for a patch)
    out.set(base.subarray(k, k + run), j);
    j += run;
    k += run;
  }
  return { at: out, went };
}

/**
 * Brings `graph` from the lists `held` to `nodes`/`edges` (each the held list itself or a
 * patch of it); `place(item, node)` records a replaced node's position and size. The new maps,
 * or null when the index must be rebuilt (a node went whose links did not). A node that comes
 * wires the links held with an unknown end that name it (`GraphIndex.appendNode`). Null may
 * leave `graph` half-edited: the caller then drops it.
 */
export function followPatch<N extends Node, E extends Edge>(
  graph: GraphIndex,
  held: IndexMaps & { nodes: readonly N[]; edges: readonly E[] },
  nodes: readonly N[],
  edges: readonly E[],
  patches: { nodes: ListPatch | null; edges: ListPatch | null },
  toIndexNode: (node: N) => IndexNode,
  place: (item: number, node: N) => void,
): IndexMaps | null {
  const nodePatch = patches.nodes;
  const edgePatch = patches.edges;
  const nodesBefore = graph.nodeCount;
  // Nodes first, so that the links that came with them find their ends.
  const nodeFollow = followList(held.nodeAt, held.nodes.length, nodes.length, nodePatch, (i) =>
    graph.appendNode(toIndexNode(nodes[i]!)),
  );
  const nodeAt = nodeFollow.at;
  for (const i of nodePatch?.indices ?? []) {
    const g = nodeAt ? nodeAt[i]! : i;
    if (g < nodesBefore) place(g, nodes[i]!);
  }
  const edgesBefore = graph.edgeCount;
  const edgeFollow = followList(held.edgeAt, held.edges.length, edges.length, edgePatch, (i) =>
    graph.addEdge(edges[i]!),
  );
  let edgeAt = edgeFollow.at;
  for (const e of edgeFollow.went) graph.removeEdge(e);
  let edgesInOrder = keepsOrder(edgePatch, edges.length);
  if (edgePatch?.rewired)
    for (const i of edgePatch.indices) {
      const g = edgeAt ? edgeAt[i]! : i;
      if (g >= edgesBefore) continue; // came in this patch: wired as it is
      const edge = edges[i]!;
      const [s, t] = graph.edgeEnds(g);
      if (s === graph.endOf(edge.source) && t === graph.endOf(edge.target)) continue;
      edgeAt ??= identity(edges.length);
      edgeAt[i] = graph.replaceEdge(g, edge);
      edgesInOrder = false; // a new, higher item in its old place
    }
  // Links before nodes: a node is taken out only once its links have gone.
  for (const g of nodeFollow.went) if (!graph.removeNode(g)) return null;
  return { nodeAt, edgeAt, nodesInOrder: keepsOrder(nodePatch, nodes.length), edgesInOrder };
}

/**
 * Whether a map followed through `patch` stays ascending when it was: removals keep the order,
 * and what came gets new items, higher than any held, so it keeps it only at the list's end.
 */
function keepsOrder(patch: ListPatch | null, length: number): boolean {
  const inserted = patch?.splice?.inserted ?? [];
  return inserted.every((j, k) => j === length - inserted.length + k);
}
