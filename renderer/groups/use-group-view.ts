/**
 * Groups as one more step of the canvas's derived view: after search, focus and filters
 * (use-find-view.ts) and before virtualisation, the canvas's lists go through the groups
 * (collapse.ts: records, cards and edges each memoised on their own). Also the actions the
 * card control, the context menus and search use.
 */
import { useEffect, useMemo, useState } from 'react';
import type { NodeRecord } from '../../shared/model/types';
import { activeLinks, activeNodes, useGraphStore } from '../state/graph-store';
import {
  collapseGroups,
  collapsedAncestors,
  groupEdges,
  groupNodes,
  groupRecords,
  hierarchyOf,
  newGroupCache,
  type Grouped,
  type Hierarchy,
} from './collapse';
import { useGroupStore } from './group-store';

/** The parts hierarchy of the open graph (active links only), recomputed when it changes. */
export function useHierarchy(): Hierarchy {
  // The same array until a link of a hierarchy type comes, goes or changes (active-graph.ts).
  const links = useGraphStore((s) => s.active.hierarchyLinks);
  return useMemo(() => hierarchyOf(links), [links]);
}

/** The current graph's hierarchy, outside React (menus, search). */
const currentHierarchy = (): Hierarchy => {
  const { links, nodes } = useGraphStore.getState();
  return hierarchyOf(activeLinks(links, nodes));
};

/** The active records the canvas shows, members of collapsed groups left out: what "fit" fits. */
export function shownRecords(): NodeRecord[] {
  const { nodes } = useGraphStore.getState();
  const active = activeNodes(nodes);
  const { collapsed } = useGroupStore.getState();
  if (collapsed.size === 0) return active;
  const collapse = collapseGroups(currentHierarchy(), collapsed, (id) => nodes.get(id)?.status);
  return groupRecords(active, collapse);
}

export function useGroupView(view: Grouped): Grouped {
  const workspace = useGraphStore((s) => s.workspace?.id ?? null);
  const nodes = useGraphStore((s) => s.nodes);
  const collapsed = useGroupStore((s) => s.collapsed);
  useEffect(() => useGroupStore.getState().switchTo(workspace), [workspace]);
  const hierarchy = useHierarchy();
  const collapse = useMemo(
    () => collapseGroups(hierarchy, collapsed, (id) => nodes.get(id)?.status),
    [hierarchy, collapsed, nodes],
  );
  const [cache] = useState(newGroupCache);
  // Each list on its own: a drag changes the cards only, so the edges are not re-bundled.
  const { records, nodes: cards, edges } = view;
  const grouped = hierarchy.children.size > 0;
  const outRecords = useMemo(() => groupRecords(records, collapse), [records, collapse]);
  const outNodes = useMemo(
    () => groupNodes(cards, hierarchy, collapse, cache),
    [cards, hierarchy, collapse, cache],
  );
  const outEdges = useMemo(() => groupEdges(edges, collapse, cache), [edges, collapse, cache]);
  return useMemo(
    () => (grouped ? { records: outRecords, nodes: outNodes, edges: outEdges } : view),
    [grouped, outRecords, outNodes, outEdges, view],
  );
}

export const collapseGroup = (id: string): void => useGroupStore.getState().collapse([id]);
export const expandGroup = (id: string): void => useGroupStore.getState().expand([id]);

/** Collapses every parent: the outermost ones show as groups. */
export function collapseAllGroups(): void {
  useGroupStore.getState().collapse(currentHierarchy().children.keys());
}

export const expandAllGroups = (): void => useGroupStore.getState().expandAll();

/** Whether a node is a parent in the current graph (for the menus). */
export const isParent = (id: string): boolean =>
  (currentHierarchy().children.get(id)?.length ?? 0) > 0;

/**
 * Expands the collapsed parents hiding `id`, so a search jumping to it can show and select
 * its card (docs/editor.md, "Groups"). Answers whether anything was expanded.
 */
export function revealInGroups(id: string): boolean {
  const store = useGroupStore.getState();
  if (store.collapsed.size === 0) return false;
  const hiding = collapsedAncestors(id, currentHierarchy(), store.collapsed);
  if (hiding.length > 0) store.expand(hiding);
  return hiding.length > 0;
}
