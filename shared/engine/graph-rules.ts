/**
 * The engine's link rules over a whole graph at once (an imported file): every active link
 * must pass `checkLinkRules` against the rest of the graph, as if it were drawn last — the
 * same function, with the same refusal, that a command drawing it would get. A link of a
 * deprecated custom type passes (existing links keep working [C4]); a link that is not in
 * trash must not touch a node in trash ([L8] `source_in_trash` / `target_in_trash`: trashing a
 * node trashes its links, and restoring the node checks the links it brings back).
 *
 * Asking `checkLinkRules` about every link would be quadratic on a long chain (each link walks
 * it for cycles and max_hops). So the walks are screened for the whole graph in one pass per
 * link type, and `checkLinkRules` gives the verdict on the links the screening points at:
 * - the endpoint rules (limits [C1], duplicates [C3] [L8], kinds [C4]) are asked of every link
 *   directly (`localRuleBreak`, linear: it reads the smaller endpoint's links);
 * - a cycle of an acyclic type [C1]: a link closes one exactly when both its ends are in one
 *   strongly connected component of that type's links;
 * - max_hops [C4]: a link's chain is the farthest node upstream of its source plus one plus
 *   the farthest downstream of its target (`reachAlong`). Neither walk can use the link itself
 *   (it starts where the walk starts), so both are per node and computed once. Longest paths
 *   over the components bound them from above; only links whose bound exceeds max_hops walk.
 * Primary cycles [C2] are refused when the state is built (the topological order needs none).
 */
import type { CustomLinkType } from '../model/types';
import { ruleOf } from './constants';
import type { LinkError } from './errors';
import {
  checkLinkRules,
  counts,
  endpointInTrashError,
  localRuleBreak,
  reachAlong,
  type Candidate,
  type RuleOptions,
} from './rules';
import type { LinkEntry, NodeEntry, WorkspaceState } from './state';

/** A link the graph may not hold, and the engine's refusal of it. */
export interface GraphRuleBreak {
  link: LinkEntry;
  error: LinkError;
}

const candidateOf = (l: LinkEntry): Candidate => ({
  source: l.src,
  target: l.tgt,
  link_type: l.rec.link_type,
  custom_link_type: l.rec.custom_link_type,
  type: l.rec.type,
});

/** As the engine re-checks an existing link: itself ignored, deprecated types allowed. */
const asExisting = (l: LinkEntry): RuleOptions => ({
  ignore: new Set([l.rec.id]),
  isNew: false,
  primaryCycle: false,
});

/** The engine's verdict on one link of the graph. */
function verdict(state: WorkspaceState, l: LinkEntry): GraphRuleBreak | undefined {
  const error = checkLinkRules(state, candidateOf(l), asExisting(l));
  return error ? { link: l, error } : undefined;
}

/** The first link of the graph the engine's rules refuse (see above), or undefined. */
export function checkGraphRules(state: WorkspaceState): GraphRuleBreak | undefined {
  const active: LinkEntry[] = [];
  for (const l of state.links.values()) {
    if (l.rec.in_trash) continue;
    if (l.src.rec.in_trash) return { link: l, error: endpointInTrashError('source', l.src.rec.id) };
    if (l.tgt.rec.in_trash) return { link: l, error: endpointInTrashError('target', l.tgt.rec.id) };
    active.push(l);
  }
  for (const l of active) {
    if (localRuleBreak(state, candidateOf(l), asExisting(l))) {
      const found = verdict(state, l);
      if (found) return found;
    }
  }
  const byKey = new Map<string, LinkEntry[]>();
  for (const l of active) {
    const t = customType(state, l);
    if (!ruleOf(l.rec.link_type).acyclic && t?.max_hops === undefined) continue;
    const list = byKey.get(l.key);
    if (list) list.push(l);
    else byKey.set(l.key, [l]);
  }
  for (const links of byKey.values()) {
    const first = links[0] as LinkEntry;
    const suspects = ruleOf(first.rec.link_type).acyclic
      ? closingLinks(links)
      : chainSuspects(first.key, links, customType(state, first)?.max_hops ?? Infinity);
    for (const l of suspects) {
      const found = verdict(state, l);
      if (found) return found;
    }
  }
  return undefined;
}

function customType(state: WorkspaceState, l: LinkEntry): CustomLinkType | undefined {
  const id = l.rec.custom_link_type;
  return id === undefined ? undefined : state.linkTypes.get(id);
}

/** One type's links as a graph of dense node indexes, with its strongly connected components. */
interface TypeGraph {
  nodes: NodeEntry[];
  /** link i goes from node from[i] to node to[i]. */
  from: Int32Array;
  to: Int32Array;
  /** component of each node; components are numbered sinks first (Tarjan's order). */
  comp: Int32Array;
  compCount: number;
}

function typeGraph(links: readonly LinkEntry[]): TypeGraph {
  const index = new Map<NodeEntry, number>();
  const nodes: NodeEntry[] = [];
  const id = (n: NodeEntry): number => {
    let i = index.get(n);
    if (i === undefined) {
      index.set(n, (i = nodes.length));
      nodes.push(n);
    }
    return i;
  };
  const from = new Int32Array(links.length);
  const to = new Int32Array(links.length);
  links.forEach((l, i) => {
    from[i] = id(l.src);
    to[i] = id(l.tgt);
  });
  const { comp, compCount } = components(nodes.length, from, to);
  return { nodes, from, to, comp, compCount };
}

/** Outgoing adjacency in compressed rows: the targets of node v are adj[start[v] .. start[v+1]). */
function adjacency(n: number, from: Int32Array, to: Int32Array) {
  const start = new Int32Array(n + 1);
  for (const v of from) start[v + 1] = (start[v + 1] as number) + 1;
  for (let v = 0; v < n; v++) start[v + 1] = (start[v + 1] as number) + (start[v] as number);
  const fill = start.slice(0, n);
  const adj = new Int32Array(from.length);
  from.forEach((v, i) => {
    adj[fill[v] as number] = to[i] as number;
    fill[v] = (fill[v] as number) + 1;
  });
  return { start, adj };
}

/** Tarjan's strongly connected components, iterative (a 75,000-link chain is no recursion). */
function components(n: number, from: Int32Array, to: Int32Array) {
  const { start, adj } = adjacency(n, from, to);
  const comp = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const num = new Int32Array(n).fill(-1);
  const edge = new Int32Array(n); // next edge to look at, per node on the DFS stack
  const stack: number[] = [];
  const dfs: number[] = [];
  let counter = 0;
  let compCount = 0;
  for (let root = 0; root < n; root++) {
    if (num[root] !== -1) continue;
    dfs.push(root);
    num[root] = low[root] = counter++;
    edge[root] = start[root] as number;
    stack.push(root);
    while (dfs.length > 0) {
      const v = dfs[dfs.length - 1] as number;
      const e = edge[v] as number;
      if (e < (start[v + 1] as number)) {
        edge[v] = e + 1;
        const w = adj[e] as number;
        if (num[w] === -1) {
          num[w] = low[w] = counter++;
          edge[w] = start[w] as number;
          stack.push(w);
          dfs.push(w);
        } else if (comp[w] === -1) {
          low[v] = Math.min(low[v] as number, num[w] as number);
        }
        continue;
      }
      dfs.pop();
      const parent = dfs[dfs.length - 1];
      if (parent !== undefined) low[parent] = Math.min(low[parent] as number, low[v] as number);
      if (low[v] === num[v]) {
        let w: number;
        do {
          w = stack.pop() as number;
          comp[w] = compCount;
        } while (w !== v);
        compCount++;
      }
    }
  }
  return { comp, compCount };
}

/** [C1] Links that close a cycle of their (acyclic) type: both ends in one component. */
function closingLinks(links: readonly LinkEntry[]): LinkEntry[] {
  const g = typeGraph(links);
  const found = links.find((_, i) => g.comp[g.from[i] as number] === g.comp[g.to[i] as number]);
  return found ? [found] : [];
}

/**
 * [C4] Links whose chain may be longer than `cap`. A shortest path visits each component of
 * the type's graph at most once and at most all of its nodes, so the farthest node upstream of
 * v is at most (the heaviest chain of components ending at v's, counting nodes) − 1 away, and
 * likewise downstream. Links within the bound are fine; the others are measured exactly with
 * the engine's walk (`reachAlong`, once per node), and only real breaks are returned.
 */
function chainSuspects(key: string, links: readonly LinkEntry[], cap: number): LinkEntry[] {
  const g = typeGraph(links);
  const size = new Float64Array(g.compCount);
  for (const c of g.comp) size[c] = (size[c] as number) + 1;
  // Tarjan numbers sinks first: a link between components goes from a higher to a lower one.
  // So `down` is final for a component once the links leaving every lower one are counted
  // (links by source component, ascending), and `up` once the links entering every higher one
  // are (links by target component, descending).
  const compOf = (ends: Int32Array, i: number) => g.comp[ends[i] as number] as number;
  const down = size.slice(); // heaviest chain of components starting at c, in nodes
  const up = size.slice(); // heaviest chain of components ending at c, in nodes
  const bySource = [...links.keys()].sort((a, b) => compOf(g.from, a) - compOf(g.from, b));
  for (const i of bySource) {
    const c = compOf(g.from, i);
    const d = compOf(g.to, i);
    if (c !== d) down[c] = Math.max(down[c] as number, (size[c] as number) + (down[d] as number));
  }
  const byTarget = [...links.keys()].sort((a, b) => compOf(g.to, b) - compOf(g.to, a));
  for (const i of byTarget) {
    const c = compOf(g.from, i);
    const d = compOf(g.to, i);
    if (c !== d) up[d] = Math.max(up[d] as number, (up[c] as number) + (size[d] as number));
  }
  const follows = (l: LinkEntry) => counts(l, key, undefined);
  const upstream = new Map<NodeEntry, number>();
  const downstream = new Map<NodeEntry, number>();
  const measure = (memo: Map<NodeEntry, number>, n: NodeEntry, forward: boolean): number => {
    let v = memo.get(n);
    if (v === undefined) memo.set(n, (v = reachAlong(n, forward, cap, follows)));
    return v;
  };
  const broken: LinkEntry[] = [];
  links.forEach((l, i) => {
    // (up − 1) + 1 + (down − 1): nodes on the heaviest chains, less the two ends, plus the link.
    const bound = (up[compOf(g.from, i)] as number) + (down[compOf(g.to, i)] as number) - 1;
    if (bound <= cap) return;
    if (measure(upstream, l.src, false) + 1 + measure(downstream, l.tgt, true) > cap) {
      broken.push(l);
    }
  });
  return broken;
}
