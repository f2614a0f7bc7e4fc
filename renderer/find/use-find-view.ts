/**
 * What the canvas hands React Flow once search, focus and filters are applied: filtered-out
 * nodes (and links touching them) are left out — so React Flow's minimap and the large
 * graphs' record minimap show only what passes — while matches, the focus and the blocker
 * chain are marked with classes (find.css) and everything else is dimmed. With nothing
 * active the lists pass through untouched (same arrays, same objects).
 */
import { useMemo } from 'react';
import type { NodeRecord } from '../../shared/model/types';
import type { LinkgraphFlowEdge, LinkgraphFlowNode } from '../canvas/flow-elements';
import { activeLinks, useGraphStore } from '../state/graph-store';
import { isFiltering, useFindStore } from './find-store';
import { matchNodes, passesFilters, reach, type Reach } from './find-logic';

const NO_MATCHES: NodeRecord[] = [];

/** The matches of the current search among the nodes the filters show. */
export function useMatches(): NodeRecord[] {
  const nodes = useGraphStore((s) => s.nodes);
  const query = useFindStore((s) => s.query);
  const filters = useFindStore((s) => s.filters);
  return useMemo(
    () =>
      // No query, no matches: skip the pass over every node (100,000 on a large plan).
      query.trim() === ''
        ? NO_MATCHES
        : matchNodes(
            [...nodes.values()].filter((n) => !n.in_trash && passesFilters(n, filters)),
            query,
          ),
    [nodes, query, filters],
  );
}

/** The focus's nodes and links (upstream and/or downstream of its node), or null. */
export function useFocusReach(): Reach | null {
  const focus = useFindStore((s) => s.focus);
  const nodes = useGraphStore((s) => s.nodes);
  const links = useGraphStore((s) => s.links);
  const customTypes = useGraphStore((s) => s.customTypes);
  return useMemo(
    () => (focus ? reach(focus.id, activeLinks(links, nodes), customTypes, focus) : null),
    [focus, nodes, links, customTypes],
  );
}

const withClass = <T extends { className?: string }>(item: T, className: string): T =>
  (item.className ?? '') === className ? item : { ...item, className };

export function useFindView(
  records: NodeRecord[],
  nodes: LinkgraphFlowNode[],
  edges: LinkgraphFlowEdge[],
): { records: NodeRecord[]; nodes: LinkgraphFlowNode[]; edges: LinkgraphFlowEdge[] } {
  const filters = useFindStore((s) => s.filters);
  const chain = useFindStore((s) => s.chain);
  const current = useFindStore((s) => s.current);
  const focusOn = useFindStore((s) => s.focus);
  const matches = useMatches();
  const focus = useFocusReach();

  return useMemo(() => {
    const filtering = isFiltering(filters);
    if (!filtering && !chain && !focus && matches.length === 0) return { records, nodes, edges };
    const shown = filtering
      ? new Set(records.filter((r) => passesFilters(r, filters)).map((r) => r.id))
      : null;
    // The chain, when asked for, is what stands out; otherwise the focus.
    const lit = chain ?? focus;
    const matchIds = new Set(matches.map((m) => m.id));
    const currentId = matches[current]?.id;
    const nodeClass = (id: string): string => {
      const c: string[] = [];
      if (matchIds.has(id)) c.push('lg-find-match');
      if (id === currentId) c.push('lg-find-current');
      if (lit && !lit.nodes.has(id)) c.push('lg-find-dim');
      if (chain?.nodes.has(id)) c.push(id === chain.id ? 'lg-find-root' : 'lg-find-chain');
      else if (focusOn && id === focusOn.id) c.push('lg-find-root');
      return c.join(' ');
    };
    const edgeClass = (id: string): string =>
      chain?.links.has(id) ? 'lg-find-chain' : lit && !lit.links.has(id) ? 'lg-find-dim' : '';
    return {
      records: shown ? records.filter((r) => shown.has(r.id)) : records,
      nodes: (shown ? nodes.filter((n) => shown.has(n.id)) : nodes).map((n) =>
        withClass(n, nodeClass(n.id)),
      ),
      edges: (shown ? edges.filter((e) => shown.has(e.source) && shown.has(e.target)) : edges).map(
        (e) => withClass(e, edgeClass(e.id)),
      ),
    };
  }, [records, nodes, edges, filters, chain, focus, focusOn, matches, current]);
}
