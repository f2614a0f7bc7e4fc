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
  const seq = new Map<NodeEntry, number>();
  const indegree = new Map<NodeEntry, number>();
  for (const n of state.nodes.values()) {
    seq.set(n, seq.size);
    indegree.set(n, 0);
  }
  for (const l of state.links.values()) {
    if (isEdge(l)) {
      const d = blockedOf(l);
      indegree.set(d, (indegree.get(d) ?? 0) + 1);
    }
  }
  const heap: NodeEntry[] = [];
  const key = (n: NodeEntry) => seq.get(n) ?? 0;
  const push = (n: NodeEntry) => {
    heap.push(n);
    for (let i = heap.length - 1; i > 0;) {
      const p = (i - 1) >> 1;
      if (key(heap[p] as NodeEntry) <= key(heap[i] as NodeEntry)) break;
      [heap[p], heap[i]] = [heap[i] as NodeEntry, heap[p] as NodeEntry];
      i = p;
    }
  };
  const pop = (): NodeEntry => {
    const top = heap[0] as NodeEntry;
    const last = heap.pop() as NodeEntry;
    if (heap.length > 0) {
      heap[0] = last;
      for (let i = 0; ;) {
        const a = 2 * i + 1;
        const b = a + 1;
        let m = i;
        if (a < heap.length && key(heap[a] as NodeEntry) < key(heap[m] as NodeEntry)) m = a;
        if (b < heap.length && key(heap[b] as NodeEntry) < key(heap[m] as NodeEntry)) m = b;
        if (m === i) break;
        [heap[m], heap[i]] = [heap[i] as NodeEntry, heap[m] as NodeEntry];
        i = m;
      }
    }
    return top;
  };
  for (const [n, d] of indegree) if (d === 0) push(n);
  let next = 0;
  while (heap.length > 0) {
    const n = pop();
    n.ord = next++;
    forEachSuccessor(n, undefined, (m) => {
      const d = (indegree.get(m) ?? 0) - 1;
      indegree.set(m, d);
      if (d === 0) push(m);
    });
  }
  const stuck: string[] = [];
  for (const [n, d] of indegree) {
    if (d > 0) {
      n.ord = next++;
      stuck.push(n.rec.id);
    }
  }
  state.nextOrd = next;
  return stuck;
}
