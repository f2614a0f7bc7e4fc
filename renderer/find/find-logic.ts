/**
 * Pure helpers behind search, focus and filters. They read the records as the service sent
 * them: "Blocked" is the status the engine derived, and which end of a link blocks comes
 * from the engine's link-type table (flow-elements' linkEnds); no blocking rule is restated.
 */
import type { CustomLinkType, LinkRecord, NodeRecord } from '../../shared/model/types';
import { linkEnds } from '../canvas/flow-elements';
import type { Filters } from './find-store';
import { passesNodeFilter } from '../../shared/model/node-filter';

/**
 * Nodes matching `query` (case-insensitive) in display id, title, tag or description, best
 * first: exact display id, then title, display id, tag and description hits, each in reading
 * order (top to bottom, left to right) so next/previous walks the canvas predictably.
 */
export function matchNodes(records: readonly NodeRecord[], query: string): NodeRecord[] {
  const q = query.trim().toLowerCase();
  if (!q) return [];
  const ranked: { node: NodeRecord; rank: number }[] = [];
  for (const node of records) {
    const id = node.display_id.toLowerCase();
    const rank =
      id === q
        ? 0
        : node.title.toLowerCase().includes(q)
          ? 1
          : id.includes(q)
            ? 2
            : node.tags.some((t) => t.toLowerCase().includes(q))
              ? 3
              : node.description.toLowerCase().includes(q)
                ? 4
                : -1;
    if (rank >= 0) ranked.push({ node, rank });
  }
  ranked.sort(
    (a, b) =>
      a.rank - b.rank ||
      a.node.position.y - b.node.position.y ||
      a.node.position.x - b.node.position.x,
  );
  return ranked.map((r) => r.node);
}

/** Whether a node is shown under the filters (shared with the exports: node-filter.ts). */
export const passesFilters = (node: NodeRecord, f: Filters): boolean => passesNodeFilter(node, f);

export interface Reach {
  nodes: Set<string>;
  links: Set<string>;
}

/**
 * Everything upstream (what blocks `start`, every level) and/or downstream (what it blocks)
 * along primary links; secondary links block nothing, so they are not part of either side.
 */
export function reach(
  start: string,
  links: readonly LinkRecord[],
  customTypes: ReadonlyMap<string, CustomLinkType>,
  sides: { upstream: boolean; downstream: boolean },
): Reach {
  const up = new Map<string, { node: string; link: string }[]>();
  const down = new Map<string, { node: string; link: string }[]>();
  for (const link of links) {
    if (link.type !== 0) continue;
    const { blocker, blocked } = linkEnds(link, customTypes);
    up.set(blocked, [...(up.get(blocked) ?? []), { node: blocker, link: link.id }]);
    down.set(blocker, [...(down.get(blocker) ?? []), { node: blocked, link: link.id }]);
  }
  const out: Reach = { nodes: new Set([start]), links: new Set() };
  const walk = (next: Map<string, { node: string; link: string }[]>) => {
    const seen = new Set([start]);
    const queue = [start];
    for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
      for (const step of next.get(id) ?? []) {
        out.links.add(step.link);
        out.nodes.add(step.node);
        if (!seen.has(step.node)) {
          seen.add(step.node);
          queue.push(step.node);
        }
      }
    }
  };
  if (sides.upstream) walk(up);
  if (sides.downstream) walk(down);
  return out;
}
