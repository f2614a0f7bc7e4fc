/** A large workspace for the team server's benchmarks (server.bench.ts, team-snapshot). */
import type { WorkspaceSnapshot } from '../../shared/engine';
import { linkRecord, snapshotOf, taskRecord } from './bench-records';
import { uuid } from './measure';

/** A 100,000-node, 100,000-link workspace snapshot owned by `owner`. */
export function bigSnapshot(owner: string, n = 100_000): WorkspaceSnapshot {
  const t = '2026-01-01T00:00:00.000Z';
  const ids = Array.from({ length: n }, (_, i) => uuid(i + 1));
  const nodes = ids.map((_, i) =>
    taskRecord(i, owner, t, {
      title: `Task ${i + 1}`,
      position: { x: (i % 300) * 260, y: Math.floor(i / 300) * 120 },
    }),
  );
  // Each node but the first blocked by a random earlier one: acyclic, 100,000 - 1 links.
  let seed = 7;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const links = ids
    .slice(1)
    .map((target, i) =>
      linkRecord(i, ids[Math.floor(rnd() * (i + 1))] as string, target, false, owner, t),
    );
  return snapshotOf(owner, nodes, links);
}
