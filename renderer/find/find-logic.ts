/**
 * Pure helpers behind search, focus and filters. They read the records as the service sent
 * them: "Blocked" is the status the engine derived, and which end of a link blocks comes
 * from the engine's link-type table (flow-elements' linkEnds); no blocking rule is restated.
 */
import type { CustomLinkType, LinkRecord, NodeRecord } from '../../shared/model/types';
import { linkEnds } from '../canvas/flow-elements';
import type { Filters } from './find-store';
import { passesNodeFilter } from '../../shared/model/node-filter';

/** A query as matching reads it: trimmed, lower case ('' matches nothing). */
export const normalQuery = (query: string): string => query.trim().toLowerCase();

/**
 * How well `node` matches `q` (a `normalQuery`): 0 exact display id, then 1 title, 2 display id,
 * 3 tag and 4 description hits; -1 no match.
 */
export function matchRank(node: NodeRecord, q: string): number {
  const id = node.display_id.toLowerCase();
  return id === q
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
}

/** A ranked match; `order` breaks ties (the node's place in the graph's order). */
export interface RankedMatch {
  node: NodeRecord;
  rank: number;
  order: number;
}

/** Best first, then in reading order (top to bottom, left to right), then the graph's order. */
export const compareMatches = (a: RankedMatch, b: RankedMatch): number =>
  a.rank - b.rank ||
  a.node.position.y - b.node.position.y ||
  a.node.position.x - b.node.position.x ||
  a.order - b.order;

/**
 * Nodes matching `query` (case-insensitive) in display id, title, tag or description, best
 * first: exact display id, then title, display id, tag and description hits, each in reading
 * order (top to bottom, left to right) so next/previous walks the canvas predictably.
 */
export function matchNodes(records: readonly NodeRecord[], query: string): NodeRecord[] {
  const q = normalQuery(query);
  if (!q) return [];
  const ranked: RankedMatch[] = [];
  records.forEach((node, order) => {
    const rank = matchRank(node, q);
    if (rank >= 0) ranked.push({ node, rank, order });
  });
  return ranked.sort(compareMatches).map((r) => r.node);
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
