/**
 * A big plan shaped like a laid-out one (the canvas's 100,000-node e2e test and benchmark):
 * bigGraph's nodes on their grid of 100 columns, with links only between neighbours — along a
 * row (every tenth a primary "blocks" link, the rest secondary) and, from every other node, to
 * the one below, and more from odd nodes until there are 1.5 links per node (100,000 nodes:
 * 150,000 links). (bigGraph's own links form a binary heap across
 * the whole grid, which no layout would produce.)
 */
import type { ExchangeGraph } from '../types';
import type { LinkRecord } from '../../model/types';
import { bigGraph, link, uuid } from './fixtures';

export const PLAN_COLUMNS = 100;

export function laidOutPlan(count: number): ExchangeGraph {
  const graph = bigGraph(count);
  const links: LinkRecord[] = [];
  let l = 0;
  const id = (i: number) => uuid(100 + i);
  for (let i = 0; i < count; i++) {
    if (i % PLAN_COLUMNS !== PLAN_COLUMNS - 1 && i + 1 < count) {
      links.push(
        i % 10 === 0
          ? link(l++, id(i), id(i + 1))
          : link(l++, id(i), id(i + 1), { link_type: 'is_related_to', type: 1 }),
      );
    }
    if (i % 2 === 0 && i + PLAN_COLUMNS < count) {
      links.push(link(l++, id(i), id(i + PLAN_COLUMNS), { link_type: 'is_related_to', type: 1 }));
    }
  }
  // Up to 1.5 links per node: more down-links, from odd nodes, from the top.
  const want = Math.floor(count * 1.5);
  for (let i = 1; links.length < want && i + PLAN_COLUMNS < count; i += 2) {
    links.push(link(l++, id(i), id(i + PLAN_COLUMNS), { link_type: 'is_related_to', type: 1 }));
  }
  return { ...graph, name: `Plan of ${count}`, links };
}
