/**
 * Groups benchmark (`npm run bench -- groups`), issue 14 item 4: the canvas's groups step on a
 * 10,000-node plan. A parts tree (every node but the root has a parent: 4 children each, by
 * `is_parent_of` or `is_part_of` alternately) plus 5,000 random plain links. Medians of:
 *  - `hierarchyOf` (read once per graph change);
 *  - `collapseGroups` with nothing, 100 mid-level parents, and every parent collapsed;
 *  - `applyGroups` over the canvas's lists, first run (new cache) and again with nothing
 *    changed (the per-frame cost while dragging: cards and group edges keep their objects).
 * Target: each well under a 16 ms frame.
 */
import { loadavg } from 'node:os';
import type { LinkgraphFlowEdge, LinkgraphFlowNode } from '../renderer/canvas/flow-elements';
import {
  applyGroups,
  collapseGroups,
  groupEdges,
  groupNodes,
  groupRecords,
  hierarchyOf,
  newGroupCache,
  type Grouped,
} from '../renderer/groups/collapse';
import type { LinkRecord, NodeRecord } from '../shared/model/types';
import { seededRandom } from '../shared/test-support/seeded-random';
import { median, timeUs, uuid } from './support/measure';

const N = 10_000;
const RANDOM_LINKS = 5_000;
const RUNS = 25;
const rnd = seededRandom(14);

const nodes: NodeRecord[] = Array.from({ length: N }, (_, i) => ({
  id: uuid(i + 1),
  display_id: `FEAT-${i + 1}`,
  title: `Feature ${i + 1}`,
  description: '',
  kind: 'feature',
  status: rnd() < 0.2 ? 2 : 0,
  dependent: true,
  owner: uuid(0xffffff),
  position: { x: (i % 100) * 280, y: Math.floor(i / 100) * 130 },
  tags: [],
  priority: 0,
  version: 1,
  created_time: 't',
  last_edited_time: 't',
  in_trash: false,
}));
const links: LinkRecord[] = [];
const link = (source: string, target: string, link_type?: LinkRecord['link_type']) =>
  links.push({
    id: uuid(0x1000000 + links.length),
    display_id: `LNK-${links.length + 1}`,
    source,
    target,
    ...(link_type ? { link_type } : {}),
    type: 0,
    private: false,
    owner: uuid(0xffffff),
    was_blocker: false,
    version: 1,
    in_trash: false,
    created_by: uuid(0xffffff),
    created_time: 't',
    modified_by: uuid(0xffffff),
    modified_time: 't',
  });
for (let i = 1; i < N; i++) {
  const parent = nodes[Math.floor((i - 1) / 4)]!.id;
  const child = nodes[i]!.id;
  if (i % 2) link(parent, child, 'is_parent_of');
  else link(child, parent, 'is_part_of');
}
for (let k = 0; k < RANDOM_LINKS; k++) {
  const a = Math.floor(rnd() * N);
  const b = Math.floor(rnd() * N);
  if (a !== b) link(nodes[a]!.id, nodes[b]!.id);
}
const view: Grouped = {
  records: nodes,
  nodes: nodes.map((record): LinkgraphFlowNode => ({
    id: record.id,
    type: 'linkgraph',
    position: record.position,
    data: { record, flashing: false },
  })),
  edges: links.map((record): LinkgraphFlowEdge => ({
    id: record.id,
    type: 'linkgraph',
    source: record.source,
    target: record.target,
    data: { record, label: 'blocks', blocking: false },
  })),
};
const statusOf = new Map(nodes.map((n) => [n.id, n.status]));
const status = (id: string) => statusOf.get(id);

const ms = (us: number) => `${(us / 1000).toFixed(2)} ms`;
const measure = (fn: () => void) => median(Array.from({ length: RUNS }, () => timeUs(fn)));

const hierarchy = hierarchyOf(links);
const parents = [...hierarchy.children.keys()];
const some = new Set(parents.slice(100, 200)); // mid-level parents
const all = new Set(parents);

console.log(
  `load average ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' / ')}`,
);
console.log(`${N} nodes, ${links.length} links, ${parents.length} parents`);
console.log(`hierarchyOf: ${ms(measure(() => hierarchyOf(links)))}`);
for (const [name, set] of [
  ['nothing', new Set<string>()],
  ['100 parents', some],
  ['every parent', all],
] as const) {
  const collapse = collapseGroups(hierarchy, set, status);
  const hidden = collapse.hiddenBy.size;
  const c = measure(() => collapseGroups(hierarchy, set, status));
  const first = measure(() => applyGroups(view, hierarchy, collapse, newGroupCache()));
  const cache = newGroupCache();
  applyGroups(view, hierarchy, collapse, cache);
  const again = measure(() => applyGroups(view, hierarchy, collapse, cache));
  const out = applyGroups(view, hierarchy, collapse, cache);
  // The canvas memoises the three lists apart (a drag re-runs the cards only).
  const parts = [
    `records ${ms(measure(() => groupRecords(view.records, collapse)))}`,
    `cards ${ms(measure(() => groupNodes(view.nodes, hierarchy, collapse, cache)))}`,
    `edges ${ms(measure(() => groupEdges(view.edges, collapse, cache)))}`,
  ];
  console.log(
    `collapsed ${name} (${hidden} hidden, ${out.nodes.length} cards, ${out.edges.length} edges): ` +
      `collapseGroups ${ms(c)}, applyGroups first ${ms(first)}, unchanged ${ms(again)} ` +
      `(${parts.join(', ')})`,
  );
}
