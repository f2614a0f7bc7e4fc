/**
 * [N2] [N3] [L4] Derived status. A node's visible status is its base status unless it is
 * Blocked. A dependent node — Completed included — is Blocked while one active primary link
 * has it on the blocked side and a blocker that is not *finished* (visible status Completed;
 * a Blocked blocker is unfinished). So blocking cascades through every level: a node's
 * finished state can change by the cascade itself, and the cascade walks on along the
 * blocked side for as long as it does (tx.ts).
 */
import type { NodeStatus } from '../model/types';
import {
  type BaseStatus,
  blockedOf,
  blockerOf,
  forEachLink,
  isEdge,
  type LinkEntry,
  type NodeEntry,
  OUT_SHIFT,
  type WorkspaceState,
} from './state';

/** [L4] The link blocks its blocked node right now. */
export function actuallyBlocks(l: LinkEntry): boolean {
  if (!isEdge(l)) return false;
  return blockedOf(l).dependent && !blockerOf(l).finished;
}

/**
 * [N2] Blocked when dependent, not in trash, and one active primary link has it on the
 * blocked side with a blocker that is not finished. Reads the blockers' current statuses, so
 * the cascade visits blockers before what they block (topological order).
 */
export function computeStatus(n: NodeEntry): NodeStatus {
  // Written out on the entries' flags (see NodeEntry / LinkEntry): this is the inner loop of
  // every cascade. Node flags: base status in bits 0–1, 4 = in trash, 8 = dependent,
  // 16 = Blocked, the outgoing count from bit OUT_SHIFT. A blocker is finished when
  // (flags & 19) === 3. Link flags & 3: 3 = live with the source blocking, 1 = live with the
  // target blocking.
  const f = n.flags;
  const base = (f & 3) as BaseStatus;
  // Not dependent, or in trash: never Blocked.
  if ((f & 12) !== 8) return base;
  const links = n.links;
  const k = f >>> OUT_SHIFT; // outgoing links come first
  for (let i = k; i < links.length; i++) {
    const l = links[i] as LinkEntry;
    if ((l.flags & 3) === 3) {
      const b = l.src.flags;
      if ((b & 19) !== 3 && (b & 4) === 0) return 2;
    }
  }
  for (let i = 0; i < k; i++) {
    const l = links[i] as LinkEntry;
    if ((l.flags & 3) === 1) {
      const b = l.tgt.flags;
      if ((b & 19) !== 3 && (b & 4) === 0) return 2;
    }
  }
  return base;
}

/** The links currently blocking a node (its "why"), in index order. */
export function blockingLinks(n: NodeEntry): LinkEntry[] {
  const out: LinkEntry[] = [];
  forEachLink(n, (l) => {
    if (blockedOf(l) === n && actuallyBlocks(l)) out.push(l);
  });
  return out;
}

/**
 * [L4] What `was_blocker` should become: false once the link is secondary or its blocked node
 * is Completed (its visible status), true once it blocks, otherwise unchanged.
 */
export function desiredWasBlocker(l: LinkEntry): boolean {
  if (l.rec.type === 1 || blockedOf(l).rec.status === 3) return false;
  if (actuallyBlocks(l)) return true;
  return l.rec.was_blocker;
}

/**
 * From-scratch status of every node, as a map of the nodes whose stored status differs. It
 * reads no stored status: nodes are taken in the engine's topological order (`ord`, blocker
 * before blocked, itself proven by the invariant checks) and each is derived from its base
 * status and its blockers' derived statuses. Used on load (after the order is rebuilt) and
 * by the benchmark; commands never call it.
 */
export function recomputeAllStatuses(state: WorkspaceState): Map<NodeEntry, NodeStatus> {
  let size = 0;
  for (const n of state.nodes.values()) if (n.ord >= size) size = n.ord + 1;
  const byOrd: (NodeEntry | undefined)[] = new Array<NodeEntry | undefined>(size).fill(undefined);
  for (const n of state.nodes.values()) byOrd[n.ord] = n;
  /** Derived status by ord (blockers are always derived before what they block). */
  const derived = new Uint8Array(size);
  const diff = new Map<NodeEntry, NodeStatus>();
  for (let i = 0; i < size; i++) {
    const n = byOrd[i];
    if (n === undefined) continue;
    const s = derivedStatus(n, derived);
    derived[i] = s;
    if (s !== n.rec.status) diff.set(n, s);
  }
  return diff;
}

/** computeStatus, reading the blockers' statuses from `derived` (by ord) instead. */
function derivedStatus(n: NodeEntry, derived: Uint8Array): NodeStatus {
  const f = n.flags;
  const base = (f & 3) as BaseStatus;
  if ((f & 12) !== 8) return base;
  const links = n.links;
  const k = f >>> OUT_SHIFT;
  for (let i = k; i < links.length; i++) {
    const l = links[i] as LinkEntry;
    if ((l.flags & 3) === 3 && (l.src.flags & 4) === 0 && derived[l.src.ord] !== 3) return 2;
  }
  for (let i = 0; i < k; i++) {
    const l = links[i] as LinkEntry;
    if ((l.flags & 3) === 1 && (l.tgt.flags & 4) === 0 && derived[l.tgt.ord] !== 3) return 2;
  }
  return base;
}

/**
 * Every node's status derived with no help from the engine at all: not its stored statuses,
 * not its topological order. Each node is derived after its blockers by an explicit
 * depth-first walk (a chain of any length fits). The random-operation test's oracle.
 */
export function deriveAllStatuses(state: WorkspaceState): Map<NodeEntry, NodeStatus> {
  const memo = new Map<NodeEntry, NodeStatus>();
  const onStack = new Set<NodeEntry>();
  const stack: NodeEntry[] = [];
  for (const start of state.nodes.values()) {
    if (memo.has(start)) continue;
    stack.push(start);
    while (stack.length > 0) {
      const n = stack[stack.length - 1] as NodeEntry;
      if (memo.has(n)) {
        stack.pop();
        continue;
      }
      if (!n.dependent || n.trash) {
        memo.set(n, n.base);
        stack.pop();
        continue;
      }
      onStack.add(n);
      let blocked = false;
      let pending = false;
      for (const l of n.links) {
        if (blockedOf(l) !== n || !isEdge(l)) continue;
        const b = blockerOf(l);
        const s = memo.get(b);
        if (s === undefined) {
          // A blocker on the walk's own path would be a primary cycle [C2], which the engine
          // never holds; read it as unfinished rather than loop.
          if (onStack.has(b)) blocked = true;
          else {
            stack.push(b);
            pending = true;
          }
        } else if (s !== 3) blocked = true;
        if (blocked) break;
      }
      if (pending && !blocked) continue; // its blockers first; n is read again after them
      memo.set(n, blocked ? 2 : n.base);
      onStack.delete(n);
      // A break may leave pushed blockers above n: they are settled by the walk in time.
      if (stack[stack.length - 1] === n) stack.pop();
    }
  }
  return memo;
}
