/**
 * The search's matches kept batch by batch (docs/canvas-performance.md, "A search, filter or
 * focus on the change path"): a batch re-ranks only the nodes it touched (the graph store's
 * change log) and moves them in or out of the sorted list by binary search, instead of ranking
 * 100,000 titles again. A new query, new filters or a change the log no longer reaches starts
 * over (`matchesFromScratch`, which is `matchNodes` over the shown nodes).
 *
 * The matched-id map and the log of which ids joined or left are shared by the states of one
 * query and edited in place: only the newest state (the book's `head`) is advanced; advancing
 * an older one starts over.
 */
import type { NodeRecord } from '../../shared/model/types';
import type { ChangesSince } from '../canvas/flow-lists';
import {
  compareMatches,
  matchRank,
  normalQuery,
  passesFilters,
  type RankedMatch,
} from './find-logic';
import type { Filters } from './find-store';

/** Past this many changed nodes a batch ranks every node again (splicing costs more). */
const PATCH_MAX = 512;
/** How many steps of joined/left ids the book keeps for the find view (find-view.ts). */
const LOG_STEPS = 64;

/** What the states of one query share (edited in place). */
interface MatchBook {
  q: string;
  filters: Filters;
  /** Matched id → its rank and tie-break order. */
  ranks: Map<string, RankedMatch>;
  /** Per step, the ids whose match began, ended or changed rank. */
  log: { step: number; ids: ReadonlySet<string> }[];
  head: MatchState | null;
}

export interface MatchState {
  book: MatchBook;
  step: number;
  /** The graph store's nodes and version the list was made from. */
  nodes: ReadonlyMap<string, NodeRecord>;
  version: number;
  /** The matches, best first (matchNodes' order). */
  list: readonly NodeRecord[];
}

/** A node's place in the graph's order (the record map's slot; matchNodes' tie-break). */
function orderIn(nodes: ReadonlyMap<string, NodeRecord>): (id: string, at: number) => number {
  const orderOf = (nodes as { orderOf?: (id: string) => number }).orderOf;
  return orderOf ? (id) => orderOf.call(nodes, id) : (_id, at) => at;
}

const eligible = (n: NodeRecord | undefined, f: Filters): n is NodeRecord =>
  n !== undefined && !n.in_trash && passesFilters(n, f);

/** The matches of `query` among the nodes the filters show, ranked from scratch. */
export function matchesFromScratch(
  nodes: ReadonlyMap<string, NodeRecord>,
  version: number,
  query: string,
  filters: Filters,
): MatchState {
  const q = normalQuery(query);
  const order = orderIn(nodes);
  const ranks = new Map<string, RankedMatch>();
  const ranked: RankedMatch[] = [];
  let at = 0;
  if (q)
    for (const node of nodes.values()) {
      const i = at++;
      if (!eligible(node, filters)) continue;
      const rank = matchRank(node, q);
      if (rank < 0) continue;
      const entry = { node, rank, order: order(node.id, i) };
      ranks.set(node.id, entry);
      ranked.push(entry);
    }
  ranked.sort(compareMatches);
  const book: MatchBook = { q, filters, ranks, log: [], head: null };
  const state: MatchState = { book, step: 0, nodes, version, list: ranked.map((r) => r.node) };
  book.head = state;
  return state;
}

/**
 * `state` brought to `nodes` (the store's map at `version`): the changed nodes re-ranked and
 * moved, or everything ranked again when the query, the filters or the log say so.
 */
export function advanceMatches(
  state: MatchState | null,
  nodes: ReadonlyMap<string, NodeRecord>,
  version: number,
  query: string,
  filters: Filters,
  since: ChangesSince,
): MatchState {
  const q = normalQuery(query);
  if (!state || state.book.q !== q || state.book.filters !== filters)
    return matchesFromScratch(nodes, version, query, filters);
  if (state.nodes === nodes) return state;
  const { book } = state;
  const change = book.head === state ? since(state.version) : null;
  if (!change || change.nodes.size > PATCH_MAX)
    return matchesFromScratch(nodes, version, query, filters);
  if (!q) return { ...state, nodes, version };
  const order = orderIn(nodes);
  const list = state.list.slice();
  const rankOf = (n: NodeRecord) => book.ranks.get(n.id)!;
  const ids = new Set<string>();
  for (const id of change.nodes) {
    const old = book.ranks.get(id);
    const record = nodes.get(id);
    if (old && old.node === record) continue;
    const rank = eligible(record, filters) ? matchRank(record, q) : -1;
    if (old) {
      let at = lowerBound(list, old, rankOf);
      if (list[at] !== old.node) at = list.indexOf(old.node);
      list.splice(at, 1);
      book.ranks.delete(id);
    }
    if (rank >= 0) {
      const entry = { node: record!, rank, order: order(id, Infinity) };
      book.ranks.set(id, entry);
      list.splice(lowerBound(list, entry, rankOf), 0, entry.node);
    }
    if (!old || rank !== old.rank) ids.add(id);
  }
  const step = state.step + 1;
  book.log.push({ step, ids });
  if (book.log.length > LOG_STEPS) book.log.shift();
  const next: MatchState = { book, step, nodes, version, list };
  book.head = next;
  return next;
}

/**
 * The ids whose match began, ended or changed rank from `from` to `to` (states of one query),
 * or null when `to` is not `from` advanced (another query or filters, or past the log).
 */
export function matchChanges(from: MatchState, to: MatchState): Set<string> | null {
  if (from.book !== to.book) return null;
  const out = new Set<string>();
  if (to.step === from.step) return out;
  const first = from.book.log[0];
  if (!first || first.step > from.step + 1 || to.step < from.step) return null;
  for (const { step, ids } of from.book.log)
    if (step > from.step && step <= to.step) for (const id of ids) out.add(id);
  return out;
}

/** The first place in `list` whose match does not sort before `entry`. */
function lowerBound(
  list: readonly NodeRecord[],
  entry: RankedMatch,
  rankOf: (n: NodeRecord) => RankedMatch,
): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareMatches(rankOf(list[mid]!), entry) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Advances one shared state (the find bar's hooks ask with the same inputs, so share it). */
export function keeper<S, A extends unknown[]>(
  advance: (last: S | null, ...args: A) => S | null,
): (...args: A) => S | null {
  let last: S | null = null;
  return (...args) => (last = advance(last, ...args));
}
