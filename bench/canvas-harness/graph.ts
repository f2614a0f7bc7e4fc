/**
 * The benchmark's graph: nodes on a jittered grid (the shape a layout produces), links mostly
 * between near neighbours with a few long ones, as laid-out dependency graphs have. Built from
 * the app's own record types and mapped by the app's own toFlowNodes/toFlowEdges, so both
 * canvases draw exactly what Linkgraph would.
 */
import type { LinkRecord, NodeRecord } from '../../shared/model/types';
import { LINK_TYPES, NODE_KINDS } from '../../shared/model/types';
import { seededRandom } from '../../shared/test-support/seeded-random';

export const GRID = { dx: 300, dy: 160, jitter: 40 } as const;
/** Share of links that go anywhere instead of to a neighbour within 3 grid steps. */
export const LONG_LINK_SHARE = 0.05;

const seeded = seededRandom;

export interface BenchGraph {
  nodes: NodeRecord[];
  links: LinkRecord[];
  cols: number;
  rows: number;
}

export function makeGraph(
  nodeCount: number,
  linkCount: number,
  seed: number,
  longShare = LONG_LINK_SHARE,
): BenchGraph {
  const rand = seeded(seed);
  const cols = Math.ceil(Math.sqrt(nodeCount));
  const rows = Math.ceil(nodeCount / cols);
  const time = '2026-01-01T00:00:00.000Z';
  const nodes: NodeRecord[] = [];
  for (let i = 0; i < nodeCount; i++) {
    const c = i % cols;
    const r = Math.floor(i / cols);
    nodes.push({
      id: `node-${i}`,
      display_id: `ISS-${i + 1}`,
      title: `Task ${i + 1}: ${['Design', 'Build', 'Test', 'Ship'][i % 4]} module ${c}/${r}`,
      description: '',
      kind: NODE_KINDS[i % NODE_KINDS.length]!,
      status: ([0, 1, 2, 3] as const)[Math.floor(rand() * 4)]!,
      dependent: false,
      owner: 'bench',
      position: {
        x: c * GRID.dx + (rand() - 0.5) * 2 * GRID.jitter,
        y: r * GRID.dy + (rand() - 0.5) * 2 * GRID.jitter,
      },
      tags: [],
      priority: 0,
      version: 1,
      created_time: time,
      last_edited_time: time,
      in_trash: false,
    });
  }
  const links: LinkRecord[] = [];
  const near = () => Math.floor(rand() * 7) - 3;
  while (links.length < linkCount && nodeCount > 1) {
    const s = Math.floor(rand() * nodeCount);
    let t: number;
    if (rand() < longShare) t = Math.floor(rand() * nodeCount);
    else {
      const c = Math.min(cols - 1, Math.max(0, (s % cols) + near()));
      const r = Math.min(rows - 1, Math.max(0, Math.floor(s / cols) + near()));
      t = Math.min(nodeCount - 1, r * cols + c);
    }
    if (t === s) continue;
    const k = links.length;
    links.push({
      id: `link-${k}`,
      display_id: `LNK-${k + 1}`,
      source: `node-${s}`,
      target: `node-${t}`,
      link_type: rand() < 0.3 ? LINK_TYPES[k % LINK_TYPES.length] : undefined,
      type: rand() < 0.5 ? 0 : 1,
      private: false,
      owner: 'bench',
      was_blocker: false,
      version: 1,
      in_trash: false,
      created_by: 'bench',
      created_time: time,
      modified_by: 'bench',
      modified_time: time,
    });
  }
  return { nodes, links, cols, rows };
}
