/**
 * [C2] Primary links must never form a cycle. Rather than searching the whole graph on every
 * new primary link, the engine keeps a topological order of the blocking graph (blocker
 * before blocked) with the Pearce–Kelly dynamic algorithm: a new edge that agrees with the
 * order costs nothing, and one that does not only visits the nodes between its two ends.
 */
import {
  blockedOf,
  blockerOf,
  forEachLink,
  isEdge,
  type LinkEntry,
  type NodeEntry,
  type WorkspaceState,
} from './state';
import { drain, RECORDS_PER_STEP, type Steps } from './steps';

function forEachSuccessor(
  n: NodeEntry,
  ignore: ReadonlySet<string> | undefined,
  fn: (next: NodeEntry, via: LinkEntry) => void,
): void {
  forEachLink(n, (l) => {
    if (blockerOf(l) === n && isEdge(l) && !ignore?.has(l.rec.id)) fn(blockedOf(l), l);
  });
}

function forEachPredecessor(n: NodeEntry, fn: (prev: NodeEntry) => void): void {
  forEachLink(n, (l) => {
    if (blockedOf(l) === n && isEdge(l)) fn(blockerOf(l));
  });
}

/**
 * Would a primary edge blocker → blocked close a cycle (ignoring the links in `ignore`)?
 * Returns the cycle's node ids (blocked … blocker) or undefined. Pure.
 */
export function findCycle(
  blocker: NodeEntry,
  blocked: NodeEntry,
  ignore?: ReadonlySet<string>,
): string[] | undefined {
  if (blocker === blocked) return [blocker.rec.id];
  if (blocker.ord < blocked.ord) return undefined;
  const bound = blocker.ord;
  const parent = new Map<NodeEntry, NodeEntry | null>([[blocked, null]]);
  const stack = [blocked];
  while (stack.length > 0) {
    const n = stack.pop() as NodeEntry;
    let found = false;
    forEachSuccessor(n, ignore, (next) => {
      if (found || parent.has(next) || next.ord > bound) return;
      parent.set(next, n);
      if (next === blocker) found = true;
      else stack.push(next);
    });
    if (found) {
      const path: string[] = [];
      for (let p: NodeEntry | null | undefined = blocker; p; p = parent.get(p)) path.push(p.rec.id);
      return path.reverse();
    }
  }
  return undefined;
}

/**
 * Restores the order after the edge blocker → blocked became active. Returns false when the
 * edge closes a cycle (the order is then left as it was, and the caller must undo the edge).
 */
export function orderInsert(blocker: NodeEntry, blocked: NodeEntry): boolean {
  const lb = blocked.ord;
  const ub = blocker.ord;
  if (ub < lb) return true;
  if (blocker === blocked) return false;
  const forward: NodeEntry[] = [];
  const seenF = new Set<NodeEntry>([blocked]);
  const stack = [blocked];
  while (stack.length > 0) {
    const n = stack.pop() as NodeEntry;
    forward.push(n);
    let cycle = false;
    forEachSuccessor(n, undefined, (next) => {
      if (next === blocker) cycle = true;
      if (next.ord < ub && !seenF.has(next)) {
        seenF.add(next);
        stack.push(next);
      }
    });
    if (cycle) return false;
  }
  const backward: NodeEntry[] = [];
  const seenB = new Set<NodeEntry>([blocker]);
  stack.push(blocker);
  while (stack.length > 0) {
    const n = stack.pop() as NodeEntry;
    backward.push(n);
    forEachPredecessor(n, (prev) => {
      if (prev.ord > lb && !seenB.has(prev)) {
        seenB.add(prev);
        stack.push(prev);
      }
    });
  }
  const byOrd = (a: NodeEntry, b: NodeEntry) => a.ord - b.ord;
  backward.sort(byOrd);
  forward.sort(byOrd);
  const slots = [...backward, ...forward].map((n) => n.ord).sort((a, b) => a - b);
  let i = 0;
  for (const n of backward) n.ord = slots[i++] as number;
  for (const n of forward) n.ord = slots[i++] as number;
  return true;
}

/**
 * Recomputes the whole order (Kahn). Used after loading, and after a failed multi-link
 * operation was reverted. Among the nodes that are free to go next it always takes the one
 * created first (a binary heap on creation order), so the loaded order is the order the
 * engine would have built incrementally, and new links between old nodes usually agree with
 * it. Returns the ids of nodes left on a cycle (empty when acyclic).
 */
export function rebuildOrder(state: WorkspaceState): string[] {
  return drain(rebuildOrderSteps(state));
}

/**
 * `rebuildOrder` in steps (steps.ts): a yield between its passes and every RECORDS_PER_STEP
 * nodes placed. On the first open of a 100,000-node plan the whole pass was one step of
 * 60–100 ms, the longest left in the open (docs/store.md, "Opening in turns").
 */
export function* rebuildOrderSteps(state: WorkspaceState): Steps<string[]> {
  // Nodes by creation order (the Map keeps insertion order); each entry's `ord` holds its
  // index here while the pass runs, so typed arrays replace per-node Maps (this runs on
  // every open: 100,000 nodes in tens of milliseconds).
  const nodes = [...state.nodes.values()];
  const count = nodes.length;
  for (let i = 0; i < count; i++) (nodes[i] as NodeEntry).ord = i;
  const indegree = new Int32Array(count);
  for (const l of state.links.values()) {
    if (!isEdge(l)) continue;
    const d = blockedOf(l).ord;
    indegree[d] = (indegree[d] as number) + 1;
  }
  // A binary min-heap of creation indexes: among the free nodes, the one created first.
  const heap = new Int32Array(count);
  let size = 0;
  const push = (v: number) => {
    let i = size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const up = heap[p] as number;
      if (up <= v) break;
      heap[i] = up;
      i = p;
    }
    heap[i] = v;
  };
  const pop = (): number => {
    const top = heap[0] as number;
    const last = heap[--size] as number;
    let i = 0;
    for (;;) {
      const a = 2 * i + 1;
      if (a >= size) break;
      const b = a + 1;
      const m = b < size && (heap[b] as number) < (heap[a] as number) ? b : a;
      if ((heap[m] as number) >= last) break;
      heap[i] = heap[m] as number;
      i = m;
    }
    heap[i] = last;
    return top;
  };
  yield;
  for (let i = 0; i < count; i++) if (indegree[i] === 0) push(i);
  const rank = new Int32Array(count).fill(-1);
  let next = 0;
  while (size > 0) {
    if (next % RECORDS_PER_STEP === RECORDS_PER_STEP - 1) yield;
    const i = pop();
    rank[i] = next++;
    const n = nodes[i] as NodeEntry;
    for (const l of n.links) {
      if (!isEdge(l) || blockerOf(l) !== n) continue;
      const m = blockedOf(l).ord;
      const d = (indegree[m] as number) - 1;
      indegree[m] = d;
      if (d === 0) push(m);
    }
  }
  const stuck: string[] = [];
  for (let i = 0; i < count; i++) {
    if ((rank[i] as number) < 0) {
      rank[i] = next++;
      stuck.push((nodes[i] as NodeEntry).rec.id);
    }
  }
  for (let i = 0; i < count; i++) (nodes[i] as NodeEntry).ord = rank[i] as number;
  state.nextOrd = next;
  return stuck;
}

/**
 * A blocking cycle among the nodes `rebuildOrder` left unordered (`stuck`, non-empty): one of
 * its links and the cycle's nodes as `findCycle` lists them for that link (its blocked node
 * first, its blocker last). Every stuck node has a stuck blocker, so stepping from blocked to
 * blocker must come back to a node already seen; O(stuck nodes + their links).
 */
export function blockingCycle(
  state: WorkspaceState,
  stuck: readonly string[],
): { link: LinkEntry; path: string[] } {
  const inStuck = new Set<NodeEntry>();
  for (const id of stuck) {
    const n = state.nodes.get(id);
    if (n) inStuck.add(n);
  }
  const walk: NodeEntry[] = [];
  const via: LinkEntry[] = [];
  const at = new Map<NodeEntry, number>();
  let n = state.nodes.get(stuck[0] as string) as NodeEntry;
  for (;;) {
    const seen = at.get(n);
    if (seen !== undefined) {
      const path = walk.slice(seen).map((m) => m.rec.id);
      return { link: via[via.length - 1] as LinkEntry, path: path.reverse() };
    }
    at.set(n, walk.length);
    walk.push(n);
    const here = n;
    const step = here.links.find(
      (l) => isEdge(l) && blockedOf(l) === here && inStuck.has(blockerOf(l)),
    );
    if (!step) throw new Error('blockingCycle: a stuck node without a stuck blocker');
    via.push(step);
    n = blockerOf(step);
  }
}
