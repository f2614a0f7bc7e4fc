/**
 * What the canvas hands on once search, focus and filters are applied, as a patched view over
 * the full flow lists (docs/canvas-performance.md, "A search, filter or focus on the change
 * path"): filtered-out nodes (and links touching them) are left out, matches, the focus and
 * the blocker chain are marked with classes (find.css) and everything else is dimmed.
 *
 * `findViewFromScratch` classes (and filters) every element; `advanceFindView` takes a view
 * whose look (filters, chain, focus) is the same and whose full lists were patched from the
 * ones it was made from (flow-elements' `listPatch`), and decides again only what the patch
 * replaced, spliced or appended, the nodes whose match or "current" changed, and the links
 * around nodes shown or hidden by the filters. Its lists record their own patch, so the
 * groups, the viewport index and the overview index follow a change with a search on as they
 * do without one. With nothing active the lists pass through untouched (same arrays).
 */
import type { NodeRecord } from '../../shared/model/types';
import type { LinkgraphFlowEdge, LinkgraphFlowNode } from '../canvas/flow-elements';
import { listPatch, recordPatch, type ListPatch, type ListSplice } from '../canvas/list-patch';
import { matchChanges, type MatchState } from './find-matches';
import type { Reach } from './find-logic';
import { passesFilters } from './find-logic';
import { patchRows, type Rows } from './find-rows';
import { isFiltering, type Chain, type Filters, type Focus } from './find-store';

/** What decides the look (each compared by identity). */
export interface FindLook {
  filters: Filters;
  chain: Chain | null;
  /** The focus's reach (find-reach.ts), and the focus itself. */
  focus: Reach | null;
  focusOn: Focus | null;
  /** The search's matches (find-matches.ts), or null without a query. */
  matches: MatchState | null;
  current: number;
}

export interface FindLists {
  records: NodeRecord[];
  nodes: LinkgraphFlowNode[];
  edges: LinkgraphFlowEdge[];
}

/** Where the full lists' elements are (the graph store's active graph, which they follow). */
export interface FindPlaces {
  nodes: readonly NodeRecord[];
  nodeAt: ReadonlyMap<string, number>;
  linkAt: ReadonlyMap<string, number>;
  around: ReadonlyMap<string, readonly string[]>;
}

export interface FindView {
  look: FindLook;
  input: FindLists;
  output: FindLists;
  nodes: Rows<LinkgraphFlowNode>;
  edges: Rows<LinkgraphFlowEdge>;
  currentId: string | undefined;
  /** Shared by the views patched one from another: only the newest (`head`) is patched. */
  book: { head: FindView | null };
}

const withClass = <T extends { className?: string }>(item: T, className: string): T =>
  (item.className ?? '') === className ? item : { ...item, className };

const isActive = (look: FindLook): boolean =>
  isFiltering(look.filters) ||
  look.chain !== null ||
  look.focus !== null ||
  (look.matches?.list.length ?? 0) > 0;

const currentOf = (look: FindLook): string | undefined => look.matches?.list[look.current]?.id;

/** The classes of a node and a link under `look`. */
function classer(look: FindLook) {
  const { chain, focusOn } = look;
  // The chain, when asked for, is what stands out; otherwise the focus.
  const lit = chain ?? look.focus;
  const matched = look.matches && look.matches.list.length > 0 ? look.matches.book.ranks : null;
  const currentId = currentOf(look);
  return {
    node(id: string): string {
      const c: string[] = [];
      if (matched?.has(id)) c.push('lg-find-match');
      if (id === currentId) c.push('lg-find-current');
      if (lit && !lit.nodes.has(id)) c.push('lg-find-dim');
      if (chain?.nodes.has(id)) c.push(id === chain.id ? 'lg-find-root' : 'lg-find-chain');
      else if (focusOn && id === focusOn.id) c.push('lg-find-root');
      return c.join(' ');
    },
    edge: (id: string): string =>
      chain?.links.has(id) ? 'lg-find-chain' : lit && !lit.links.has(id) ? 'lg-find-dim' : '',
  };
}

/** The view from scratch: every element filtered and classed. */
export function findViewFromScratch(look: FindLook, input: FindLists): FindView {
  const book: FindView['book'] = { head: null };
  const currentId = currentOf(look);
  if (!isActive(look)) {
    const view: FindView = {
      look,
      input,
      output: input,
      nodes: { out: input.nodes, from: null, shown: null },
      edges: { out: input.edges, from: null, shown: null },
      currentId,
      book,
    };
    book.head = view;
    return view;
  }
  const cls = classer(look);
  const { records, nodes, edges } = input;
  let nodeRows: Rows<LinkgraphFlowNode>;
  let edgeRows: Rows<LinkgraphFlowEdge>;
  let outRecords = records;
  if (isFiltering(look.filters)) {
    const shown = new Set<string>();
    const from: number[] = [];
    records.forEach((r, i) => {
      if (!passesFilters(r, look.filters)) return;
      shown.add(r.id);
      from.push(i);
    });
    outRecords = from.map((i) => records[i]!);
    nodeRows = { out: from.map((i) => withClass(nodes[i]!, cls.node(nodes[i]!.id))), from, shown };
    const edgeShown = new Set<string>();
    const edgeFrom: number[] = [];
    edges.forEach((e, i) => {
      if (!shown.has(e.source) || !shown.has(e.target)) return;
      edgeShown.add(e.id);
      edgeFrom.push(i);
    });
    edgeRows = {
      out: edgeFrom.map((i) => withClass(edges[i]!, cls.edge(edges[i]!.id))),
      from: edgeFrom,
      shown: edgeShown,
    };
  } else {
    nodeRows = { out: nodes.map((n) => withClass(n, cls.node(n.id))), from: null, shown: null };
    edgeRows = { out: edges.map((e) => withClass(e, cls.edge(e.id))), from: null, shown: null };
  }
  const view: FindView = {
    look,
    input,
    output: { records: outRecords, nodes: nodeRows.out, edges: edgeRows.out },
    nodes: nodeRows,
    edges: edgeRows,
    currentId,
    book,
  };
  book.head = view;
  return view;
}

/**
 * `view` brought to `look` and `input`: patched when only the matches, the current match or
 * the lists (by a patch) changed, else from scratch.
 */
export function advanceFindView(
  view: FindView | null,
  look: FindLook,
  input: FindLists,
  places: FindPlaces,
): FindView {
  if (view && view.look === look && view.input === input) return view;
  return (view && patchFindView(view, look, input, places)) ?? findViewFromScratch(look, input);
}

function patchFindView(
  view: FindView,
  look: FindLook,
  input: FindLists,
  places: FindPlaces,
): FindView | null {
  const was = view.look;
  if (view.book.head !== view || places.nodes !== input.records) return null;
  if (
    was.filters !== look.filters ||
    was.chain !== look.chain ||
    was.focus !== look.focus ||
    was.focusOn !== look.focusOn
  )
    return null;
  const active = isActive(look);
  if (active !== isActive(was)) return null;
  if (!active) {
    const next: FindView = {
      ...view,
      look,
      input,
      output: input,
      nodes: { out: input.nodes, from: null, shown: null },
      edges: { out: input.edges, from: null, shown: null },
      currentId: currentOf(look),
    };
    view.book.head = next;
    return next;
  }
  // Matches that began or ended, and the current match moved: their nodes' classes.
  let lookIds: Set<string>;
  if (was.matches === look.matches) lookIds = new Set();
  else if (was.matches && look.matches) {
    const changes = matchChanges(was.matches, look.matches);
    if (!changes) return null;
    lookIds = changes;
  } else return null;
  const currentId = currentOf(look);
  if (currentId !== view.currentId) {
    if (view.currentId !== undefined) lookIds.add(view.currentId);
    if (currentId !== undefined) lookIds.add(currentId);
  }

  const nodePatch = patchSince(input.nodes, view.input.nodes);
  const edgePatch = patchSince(input.edges, view.input.edges);
  if (!nodePatch || !edgePatch) return null;
  if (input.records.length !== input.nodes.length) return null;

  const cls = classer(look);
  const filtering = isFiltering(look.filters);
  const { records, nodes, edges } = input;
  const nodeShown = (i: number): boolean =>
    !filtering || (records[i] !== undefined && passesFilters(records[i], look.filters));
  const touchedNodes = indicesOf(nodePatch.indices, lookIds, places.nodeAt, nodes);
  if (!touchedNodes) return null;
  const nodeRows = patchRows(view.nodes, nodes, nodePatch.splice, touchedNodes, (i) =>
    nodeShown(i) && records[i]?.id === nodes[i]!.id
      ? withClass(nodes[i]!, cls.node(nodes[i]!.id))
      : null,
  );
  if (!nodeRows) return null;

  // Links around nodes shown or hidden by the filters: shown when both ends are.
  const endShown = (id: string): boolean => {
    const i = places.nodeAt.get(id);
    return i !== undefined && records[i]?.id === id && nodeShown(i);
  };
  const aroundIds = new Set<string>();
  for (const id of nodeRows.flipped) for (const l of places.around.get(id) ?? []) aroundIds.add(l);
  const touchedEdges = indicesOf(edgePatch.indices, aroundIds, places.linkAt, edges);
  if (!touchedEdges) return null;
  const edgeRows = patchRows(view.edges, edges, edgePatch.splice, touchedEdges, (i) => {
    const e = edges[i]!;
    return endShown(e.source) && endShown(e.target) ? withClass(e, cls.edge(e.id)) : null;
  });
  if (!edgeRows) return null;

  const output: FindLists = {
    records: filtering ? patchedRecords(view, nodeRows, records) : records,
    nodes: nodeRows.out,
    edges: edgeRows.out,
  };
  record(output.nodes, view.output.nodes, nodeRows, false);
  record(output.edges, view.output.edges, edgeRows, edgePatch.rewired);
  const next: FindView = {
    look,
    input,
    output,
    nodes: nodeRows,
    edges: edgeRows,
    currentId,
    book: view.book,
  };
  view.book.head = next;
  return next;
}

/** The records of the shown nodes, patched like the nodes (each card's own record). */
function patchedRecords(
  view: FindView,
  rows: { out: readonly LinkgraphFlowNode[]; from: readonly number[] | null; indices: number[] },
  records: NodeRecord[],
): NodeRecord[] {
  const last = view.output.records;
  if (rows.out === view.output.nodes) return last;
  if (rows.from === view.nodes.from) {
    const out = last.slice();
    for (const k of rows.indices) out[k] = rows.out[k]!.data.record;
    return out;
  }
  return rows.from!.map((i) => records[i]!);
}

/** Says how a view list was made from the last one (for the steps after the find view). */
function record<T>(
  list: readonly T[],
  previous: readonly T[],
  rows: { indices: number[]; splice?: ListSplice },
  rewired: boolean,
): void {
  if (list === previous) return;
  const came = rows.indices.some((k) => k >= previous.length) || rows.splice !== undefined;
  recordPatch(list, {
    previous,
    indices: rows.indices,
    rewired: rewired || came,
    ...(rows.splice ? { splice: rows.splice } : {}),
  });
}

/**
 * How `list` was patched from `from`: one patch, or several folded into one render (local
 * changes and a batch) joined — at most one of them a splice, and none before it appending;
 * the indices before the splice moved through it. Null: not a patch of `from`.
 */
function patchSince(
  list: readonly unknown[],
  from: readonly unknown[],
): { indices: readonly number[]; splice?: ListSplice; rewired: boolean } | null {
  if (list === from) return { indices: [], rewired: false };
  const steps: ListPatch[] = [];
  for (let at: readonly unknown[] = list; at !== from;) {
    const patch = listPatch(at);
    if (!patch || steps.length === 8) return null;
    steps.push(patch);
    at = patch.previous;
  }
  if (steps.length === 1) return steps[0]!;
  steps.reverse();
  const spliceAt = steps.findIndex((s) => s.splice);
  if (spliceAt >= 0 && steps.findIndex((s, k) => k !== spliceAt && s.splice) >= 0) return null;
  let indices = new Set<number>();
  for (const [k, step] of steps.entries()) {
    if (k === spliceAt) {
      if ([...indices].some((i) => i >= step.previous.length)) return null;
      indices = new Set(
        moved(
          [...indices].sort((a, b) => a - b),
          step.splice!,
        ),
      );
    }
    for (const i of step.indices) indices.add(i);
  }
  return {
    indices: [...indices],
    rewired: steps.some((s) => s.rewired),
    ...(spliceAt >= 0 ? { splice: steps[spliceAt]!.splice } : {}),
  };
}

/** Ascending indices of a list moved through a splice of it (the removed ones dropped). */
function moved(indices: readonly number[], { removed, inserted }: ListSplice): number[] {
  const out: number[] = [];
  let r = 0;
  let s = 0;
  for (const old of indices) {
    while (r < removed.length && removed[r]! < old) r++;
    if (removed[r] === old) continue;
    const squeezed = old - r;
    while (s < inserted.length && inserted[s]! <= squeezed + s) s++;
    out.push(squeezed + s);
  }
  return out;
}

/** The patch's indices and the ids' places (checked), ascending; null if an id is misplaced. */
function indicesOf(
  indices: readonly number[],
  ids: ReadonlySet<string>,
  at: ReadonlyMap<string, number>,
  list: readonly { id: string }[],
): number[] | null {
  const out = new Set(indices);
  for (const id of ids) {
    const i = at.get(id);
    if (i === undefined) continue;
    if (list[i]?.id !== id) return null;
    out.add(i);
  }
  return [...out].sort((a, b) => a - b);
}
