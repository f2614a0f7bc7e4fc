/**
 * The records the benches' generated workspaces are made of: task nodes, plain links, random
 * acyclic link sets and the snapshot around them, so each bench states only what its graph
 * does differently.
 */
import type { WorkspaceSnapshot } from '../../shared/engine/index';
import type { LinkRecord, NodeRecord } from '../../shared/model/types';
import { uuid } from './measure';

/** Task `i` (id `uuid(i + 1)`, TASK-`i + 1`), Not started at (0, 0); `fields` override. */
export function taskRecord(
  i: number,
  owner: string,
  time: string,
  fields: Partial<NodeRecord> = {},
): NodeRecord {
  return {
    id: uuid(i + 1),
    display_id: `TASK-${i + 1}`,
    title: '',
    description: '',
    kind: 'task',
    status: 0,
    dependent: true,
    owner,
    position: { x: 0, y: 0 },
    tags: [],
    priority: 0,
    version: 1,
    created_time: time,
    last_edited_time: time,
    in_trash: false,
    ...fields,
  };
}

/** Link `i` (LNK-`i + 1`), primary, or a secondary `is_related_to`. */
export function linkRecord(
  i: number,
  source: string,
  target: string,
  secondary: boolean,
  owner: string,
  time: string,
): LinkRecord {
  return {
    id: uuid(0x10000000 + i),
    display_id: `LNK-${i + 1}`,
    source,
    target,
    ...(secondary ? { link_type: 'is_related_to' as const } : {}),
    type: secondary ? 1 : 0,
    private: false,
    owner,
    was_blocker: false,
    version: 1,
    in_trash: false,
    created_by: owner,
    created_time: time,
    modified_by: owner,
    modified_time: time,
  };
}

/**
 * `l` links between distinct random pairs of `n` nodes, each from the lower to the higher index
 * (so the primary ones form an acyclic blocking graph), 30% secondary; `make` builds link
 * `index` between nodes `a` < `b`.
 */
export function randomLinks(
  rnd: () => number,
  n: number,
  l: number,
  make: (index: number, a: number, b: number, secondary: boolean) => LinkRecord,
): LinkRecord[] {
  const pairs = new Set<number>();
  const links: LinkRecord[] = [];
  while (links.length < l) {
    let a = Math.floor(rnd() * n);
    let b = Math.floor(rnd() * n);
    if (a === b) continue;
    if (a > b) [a, b] = [b, a];
    const key = a * n + b;
    if (pairs.has(key)) continue;
    pairs.add(key);
    links.push(make(links.length, a, b, rnd() < 0.3));
  }
  return links;
}

/** A workspace snapshot of these records, owned by `owner` (its only member). */
export function snapshotOf(
  owner: string,
  nodes: NodeRecord[],
  links: LinkRecord[],
): WorkspaceSnapshot {
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
    counters: { TASK: nodes.length, LNK: links.length },
    history: { limit: 5000, batches: [], undone: [] },
  };
}
