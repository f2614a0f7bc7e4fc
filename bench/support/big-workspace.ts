/** A large workspace for the team server's benchmarks (server.bench.ts, team-snapshot). */
import type { WorkspaceSnapshot } from '../../shared/engine';
import type { LinkRecord, NodeRecord } from '../../shared/model/types';
import { uuid } from './measure';

/** A 100,000-node, 100,000-link workspace snapshot owned by `owner`. */
export function bigSnapshot(owner: string, n = 100_000): WorkspaceSnapshot {
  const t = '2026-01-01T00:00:00.000Z';
  const ids = Array.from({ length: n }, (_, i) => uuid(i + 1));
  const nodes: NodeRecord[] = ids.map((id, i) => ({
    id,
    display_id: `TASK-${i + 1}`,
    title: `Task ${i + 1}`,
    description: '',
    kind: 'task',
    status: 0,
    dependent: true,
    owner,
    position: { x: (i % 300) * 260, y: Math.floor(i / 300) * 120 },
    tags: [],
    priority: 0,
    version: 1,
    created_time: t,
    last_edited_time: t,
    in_trash: false,
  }));
  // Each node but the first blocked by a random earlier one: acyclic, 100,000 - 1 links.
  let seed = 7;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const links: LinkRecord[] = ids.slice(1).map((target, i) => ({
    id: uuid(0x10000000 + i),
    display_id: `LNK-${i + 1}`,
    source: ids[Math.floor(rnd() * (i + 1))] as string,
    target,
    type: 0,
    private: false,
    owner,
    was_blocker: false,
    version: 1,
    in_trash: false,
    created_by: owner,
    created_time: t,
    modified_by: owner,
    modified_time: t,
  }));
  return {
    format: 'linkgraph.workspace',
    version: 1,
    owner,
    members: [{ id: owner, username: 'owner', email: 'owner@example.com' }],
    nodes,
    resume_status: {},
    links,
    link_types: [],
    grants: [],
    counters: { TASK: n, LNK: links.length },
    history: { limit: 5000, batches: [], undone: [] },
  };
}
