/**
 * React Flow's local node changes (a card measured, selected, dragged) applied to the canvas's
 * full node list as a patch: only the changed cards are replaced, and the new list records
 * which (list-patch.ts `listPatch`), so the steps after it — the groups' marks, the viewport
 * index, the overview index — look at those few cards instead of all 100,000.
 *
 * `applyNodeChanges` over the whole list walks every node and leaves no patch: each chunk of
 * cards mounted while zooming in (stagger.ts) measured its cards and cost every step after it
 * a pass over the plan (docs/canvas-performance.md, "The hand-over").
 */
import { applyNodeChanges, type Node, type NodeChange } from '@xyflow/react';
import { recordPatch } from './list-patch';

/**
 * `changes` applied to `nodes`: React Flow's own `applyNodeChanges` per changed node, found at
 * `indexOf(id)` (checked); the whole list when a change adds or removes, or a node is not
 * where `indexOf` says.
 */
export function patchNodeChanges<N extends Node>(
  changes: readonly NodeChange<N>[],
  nodes: N[],
  indexOf: (id: string) => number | undefined,
): N[] {
  const byId = new Map<string, NodeChange<N>[]>();
  for (const change of changes) {
    if (change.type === 'add' || change.type === 'remove')
      return applyNodeChanges([...changes], nodes);
    const list = byId.get(change.id);
    if (list) list.push(change);
    else byId.set(change.id, [change]);
  }
  if (byId.size === 0) return nodes;
  const replaced: [number, N][] = [];
  for (const [id, own] of byId) {
    const i = indexOf(id);
    if (i === undefined || nodes[i]?.id !== id) return applyNodeChanges([...changes], nodes);
    const [next] = applyNodeChanges(own, [nodes[i]!]);
    if (next !== nodes[i]) replaced.push([i, next!]);
  }
  if (replaced.length === 0) return nodes;
  const out = nodes.slice();
  for (const [i, node] of replaced) out[i] = node;
  const indices = replaced.map(([i]) => i).sort((a, b) => a - b);
  recordPatch(out, { previous: nodes, indices, rewired: false });
  return out;
}
