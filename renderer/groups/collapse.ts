/**
 * Groups: a collapsed parent of the parts hierarchy stands for everything under it. Pure and
 * framework-free, so the canvas runs it as one more step of its derived view (after search,
 * focus and filters, use-find-view.ts) and the tests run it on plain records.
 *
 * - `hierarchyOf` and `collapseGroups` (group-hierarchy.ts) say which nodes a collapsed
 *   parent hides and which visible card stands for each.
 * - `applyGroups` turns the canvas's lists into the grouped ones: hidden cards left out,
 *   parents marked (child count; members and how many are blocked when collapsed), and the
 *   links of hidden members drawn to the card that stands for them, one per other end and
 *   direction, with a count and the strongest look (blocking > primary > secondary).
 * Everything is linear in what it reads (links once, hidden members once); objects that did
 * not change keep their identity, so the virtualised canvas re-indexes only what changed.
 */
import type { NodeRecord } from '../../shared/model/types';
import type { Collapse, Hierarchy } from './group-hierarchy';
import {
  listPatch,
  recordPatch,
  spliceElements,
  type LinkgraphFlowEdge,
  type LinkgraphFlowNode,
} from '../canvas/flow-elements';

export {
  collapseGroups,
  collapsedAncestors,
  hierarchyOf,
  NO_COLLAPSE,
  type Collapse,
  type Hierarchy,
} from './group-hierarchy';

/** What a parent's card shows: its children, and when collapsed what it hides. */
export interface GroupMark {
  /** Direct children (the control shows on every parent). */
  children: number;
  /** Set when the card is collapsed: every node it hides, and how many are Blocked. */
  collapsed?: { members: number; blocked: number };
}

/** What a grouped link stands for, on the edge drawn to a group card. */
export interface GroupedLinks {
  count: number;
  links: readonly string[];
}

/** Keeps derived objects across calls, so an unchanged card or edge keeps its identity. */
export interface GroupCache {
  nodes: WeakMap<LinkgraphFlowNode, { key: string; node: LinkgraphFlowNode }>;
  /** First bundled edge's id → the edges a group edge was made from, and the edge. */
  edges: Map<string, { from: readonly LinkgraphFlowEdge[]; edge: LinkgraphFlowEdge }>;
  /** The last cards marked with nothing collapsed, for patching the next ones. */
  last?: {
    input: readonly LinkgraphFlowNode[];
    output: LinkgraphFlowNode[];
    hierarchy: Hierarchy;
    groups: Collapse['groups'];
  };
}

export const newGroupCache = (): GroupCache => ({ nodes: new WeakMap(), edges: new Map() });

/** The strongest look first: blocking now, then primary (blocking kind), then secondary. */
const strength = (e: LinkgraphFlowEdge): number =>
  e.data?.blocking ? 2 : e.data?.record.type === 0 ? 1 : 0;

/** Find-view classes (use-find-view.ts) merged: lit beats dimmed, the chain beats both. */
function mergeClasses(classes: readonly (string | undefined)[]): string {
  if (classes.every((c) => !c)) return '';
  const all = new Set<string>();
  let allDim = true;
  for (const c of classes) {
    const parts = (c ?? '').split(' ').filter(Boolean);
    if (!parts.includes('lg-find-dim')) allDim = false;
    for (const p of parts) all.add(p);
  }
  if (!allDim) all.delete('lg-find-dim');
  return [...all].join(' ');
}

export interface Grouped {
  records: NodeRecord[];
  nodes: LinkgraphFlowNode[];
  edges: LinkgraphFlowEdge[];
}

/**
 * The canvas's lists with the groups applied (see the file's comment). `view` is what the
 * find view hands on: cards and edges already filtered and classed.
 */
export function applyGroups(
  view: Grouped,
  hierarchy: Hierarchy,
  collapse: Collapse,
  cache: GroupCache = newGroupCache(),
): Grouped {
  if (hierarchy.children.size === 0) return view;
  return {
    records: groupRecords(view.records, collapse),
    nodes: groupNodes(view.nodes, hierarchy, collapse, cache),
    edges: groupEdges(view.edges, collapse, cache),
  };
}

/** The records without the hidden ones (the large graphs' minimap draws these). */
export function groupRecords(records: NodeRecord[], { hiddenBy }: Collapse): NodeRecord[] {
  return hiddenBy.size === 0 ? records : records.filter((r) => !hiddenBy.has(r.id));
}

/** The cards: hidden ones left out, parents marked (GroupMark). */
export function groupNodes(
  viewNodes: LinkgraphFlowNode[],
  hierarchy: Hierarchy,
  { hiddenBy, groups }: Collapse,
  cache: GroupCache,
): LinkgraphFlowNode[] {
  if (hierarchy.children.size === 0) return viewNodes;
  if (hiddenBy.size === 0) {
    const patched = patchGroupNodes(viewNodes, hierarchy, groups, cache);
    if (patched) return patched;
  }
  // Classes of hidden cards go to their group's card (a search hit inside shows on it).
  const inner = new Map<string, string[]>();
  const nodes: LinkgraphFlowNode[] = [];
  for (const n of viewNodes) {
    const group = hiddenBy.size === 0 ? undefined : hiddenBy.get(n.id);
    if (group === undefined) nodes.push(n);
    else {
      const list = inner.get(group);
      if (list) list.push(n.className ?? '');
      else inner.set(group, [n.className ?? '']);
    }
  }
  for (let i = 0; i < nodes.length; i++)
    nodes[i] = markParent(nodes[i] as LinkgraphFlowNode, hierarchy, groups, inner, cache);
  if (hiddenBy.size === 0) cache.last = { input: viewNodes, output: nodes, hierarchy, groups };
  return nodes;
}

/**
 * The change path: with nothing collapsed the cards keep their places, so a card list patched
 * from the last one (flow-elements.ts `listPatch`) gets only its replaced cards marked again.
 */
function patchGroupNodes(
  viewNodes: LinkgraphFlowNode[],
  hierarchy: Hierarchy,
  groups: Collapse['groups'],
  cache: GroupCache,
): LinkgraphFlowNode[] | null {
  const last = cache.last;
  const patch = listPatch(viewNodes);
  if (!last || !patch || patch.previous !== last.input) return null;
  if (last.hierarchy !== hierarchy || last.groups !== groups) return null;
  const none = new Map<string, string[]>();
  const mark = (i: number) =>
    markParent(viewNodes[i] as LinkgraphFlowNode, hierarchy, groups, none, cache);
  // Cards that came or went (a node created, trashed, restored): spliced the same way.
  const nodes = patch.splice
    ? spliceElements(last.output, patch.splice, mark)
    : last.output.slice();
  for (const i of patch.indices) nodes[i] = mark(i);
  recordPatch(nodes, {
    previous: last.output,
    indices: patch.indices,
    rewired: false,
    ...(patch.splice ? { splice: patch.splice } : {}),
  });
  cache.last = { input: viewNodes, output: nodes, hierarchy, groups };
  return nodes;
}

/** A card as the groups show it: a parent marked with its children (and what it hides). */
function markParent(
  n: LinkgraphFlowNode,
  hierarchy: Hierarchy,
  groups: Collapse['groups'],
  inner: ReadonlyMap<string, string[]>,
  cache: GroupCache,
): LinkgraphFlowNode {
  const kids = hierarchy.children.get(n.id)?.length ?? 0;
  if (kids === 0) return n;
  const summary = groups.get(n.id);
  const group: GroupMark = summary
    ? { children: kids, collapsed: { ...summary } }
    : { children: kids };
  const className = summary ? mergeClasses([n.className, ...(inner.get(n.id) ?? [])]) : n.className;
  const key = `${kids}|${summary ? `${summary.members}|${summary.blocked}` : ''}|${className ?? ''}`;
  const hit = cache.nodes.get(n);
  if (hit && hit.key === key) return hit.node;
  const node: LinkgraphFlowNode = { ...n, data: { ...n.data, group } };
  if (className !== undefined) node.className = className;
  cache.nodes.set(n, { key, node });
  return node;
}

interface Bundle {
  source: string;
  target: string;
  edges: LinkgraphFlowEdge[];
}

/** The edges: links of hidden members bundled onto their group's card. */
export function groupEdges(
  viewEdges: LinkgraphFlowEdge[],
  { hiddenBy }: Collapse,
  cache: GroupCache,
): LinkgraphFlowEdge[] {
  if (hiddenBy.size === 0) {
    cache.edges.clear();
    return viewEdges;
  }
  const edges: LinkgraphFlowEdge[] = [];
  // By source, then target: no id string is built for an edge unless its bundle is new.
  const bySource = new Map<string, Map<string, Bundle>>();
  const bundles: Bundle[] = [];
  for (const e of viewEdges) {
    const source = hiddenBy.get(e.source) ?? e.source;
    const target = hiddenBy.get(e.target) ?? e.target;
    if (source === e.source && target === e.target) {
      edges.push(e);
      continue;
    }
    if (source === target) continue; // inside one group
    let byTarget = bySource.get(source);
    if (!byTarget) bySource.set(source, (byTarget = new Map()));
    const bundle = byTarget.get(target);
    if (bundle) bundle.edges.push(e);
    else {
      const made = { source, target, edges: [e] };
      byTarget.set(target, made);
      bundles.push(made);
    }
  }
  const live = new Set<string>();
  for (const { source, target, edges: bundle } of bundles) {
    // The same edge objects as last time (the find view keeps an unchanged edge's object):
    // the same group edge. The cache is keyed by the first edge's id, checked by the ends.
    const first = bundle[0] as LinkgraphFlowEdge;
    const hit = cache.edges.get(first.id);
    live.add(first.id);
    if (
      hit &&
      hit.edge.source === source &&
      hit.edge.target === target &&
      hit.from.length === bundle.length &&
      hit.from.every((e, i) => e === bundle[i])
    ) {
      edges.push(hit.edge);
      continue;
    }
    const id = `group:${source}>${target}`;
    let strongest = bundle[0] as LinkgraphFlowEdge;
    for (const e of bundle) if (strength(e) > strength(strongest)) strongest = e;
    const record = strongest.data?.record;
    if (!record) continue;
    const edge: LinkgraphFlowEdge = {
      id,
      type: 'linkgraph',
      source,
      target,
      reconnectable: false,
      deletable: false,
      selectable: false,
      focusable: false,
      // Read as the links it stands for (their names, accessible-names.ts), never as raw ids.
      ariaLabel:
        bundle.length === 1
          ? strongest.ariaLabel
          : `${bundle.length} links: ${bundle
              .slice(0, 3)
              .map((e) => e.ariaLabel ?? '')
              .join('; ')}${bundle.length > 3 ? '; …' : ''}`,
      className: `${mergeClasses(bundle.map((e) => e.className))} lg-edge-group`.trim(),
      data: {
        record,
        label: bundle.length === 1 ? (strongest.data?.label ?? '') : `${bundle.length} links`,
        blocking: strongest.data?.blocking ?? false,
        group: { count: bundle.length, links: bundle.map((e) => e.id) },
      },
    };
    cache.edges.set(first.id, { from: bundle, edge });
    edges.push(edge);
  }
  if (cache.edges.size > live.size) {
    for (const key of cache.edges.keys()) if (!live.has(key)) cache.edges.delete(key);
  }
  return edges;
}
