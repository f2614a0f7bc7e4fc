/**
 * The starter plan a new data folder opens with, so a first launch shows how blocking
 * reads on the canvas instead of an empty page.
 */
import { randomUUID } from 'node:crypto';
import type { LinkRecord, NodeRecord, NodeKind, NodeStatus } from '../../shared/model/types';

export function sampleGraph(
  owner: string,
  now: string,
): { nodes: NodeRecord[]; links: LinkRecord[] } {
  const node = (
    n: number,
    title: string,
    kind: NodeKind,
    status: NodeStatus,
    x: number,
    y: number,
  ): NodeRecord => ({
    id: randomUUID(),
    display_id: `${kind === 'task' ? 'TSK' : kind === 'issue' ? 'ISS' : 'FEAT'}-${n}`,
    title,
    description: '',
    kind,
    status,
    dependent: true,
    owner,
    position: { x, y },
    tags: [],
    priority: 0,
    version: 1,
    created_time: now,
    last_edited_time: now,
    in_trash: false,
  });
  const design = node(1, 'Design the schema', 'task', 1, 0, 0);
  const api = node(2, 'Build the API', 'task', 2, 280, 0);
  const ui = node(3, 'Ship the editor', 'feature', 2, 560, 0);
  const docs = node(4, 'Write the guide', 'task', 0, 280, 160);
  const link = (n: number, source: NodeRecord, target: NodeRecord): LinkRecord => ({
    id: randomUUID(),
    display_id: `LNK-${n}`,
    source: source.id,
    target: target.id,
    type: 0,
    private: false,
    owner,
    was_blocker: true,
    version: 1,
    in_trash: false,
    created_by: owner,
    created_time: now,
    modified_by: owner,
    modified_time: now,
  });
  return { nodes: [design, api, ui, docs], links: [link(1, design, api), link(2, api, ui)] };
}
