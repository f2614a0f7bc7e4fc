/**
 * The engine bench's graph: `n` random tasks (20% Completed, 10% In progress, each with its own
 * creation time) and `l` random links between distinct pairs, primary ones from the lower to the
 * higher index (so the blocking graph is acyclic) and 30% secondary `is_related_to`, as a
 * workspace snapshot with the node ids in index order.
 */
import type { WorkspaceSnapshot } from '../../shared/engine/index';
import { linkRecord, randomLinks, snapshotOf, taskRecord } from './bench-records';

/** A distinct creation time per record, as an interactively built graph has. */
const at = (i: number) => new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString();

export function randomEngineGraph(
  rnd: () => number,
  n: number,
  l: number,
  owner: string,
): { ids: string[]; snapshot: WorkspaceSnapshot } {
  const nodes = Array.from({ length: n }, (_, i) => {
    const r = rnd();
    return taskRecord(i, owner, at(i), { status: r < 0.2 ? 3 : r < 0.3 ? 1 : 0 });
  });
  const ids = nodes.map((node) => node.id);
  const links = randomLinks(rnd, n, l, (index, a, b, secondary) =>
    linkRecord(index, ids[a] as string, ids[b] as string, secondary, owner, at(n + index)),
  );
  return { ids, snapshot: snapshotOf(owner, nodes, links) };
}
