/**
 * [N2] [N3] [L4] Derived status. A node's visible status is its base status unless it is
 * Blocked; whether it is Blocked depends only on its own fields and on whether the blockers
 * of its active primary links are Completed. Completed is a base status (never derived), so
 * a change of one node can only change the Blocked state of the nodes it blocks directly:
 * the cascade of a command is the set of nodes one blocking hop from what it changed.
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
  type WorkspaceState,
} from './state';

/** [L4] The link blocks its blocked node right now. */
export function actuallyBlocks(l: LinkEntry): boolean {
  if (!isEdge(l)) return false;
  const d = blockedOf(l);
  return d.rec.dependent && d.base !== 3 && blockerOf(l).base !== 3;
}

/**
 * [N2] Blocked when dependent, not Completed, not in trash, and one active primary link has
 * it on the blocked side with a blocker that is not Completed. Reading of the SPEC: a
 * Completed node stays Completed when a new blocker appears ("returns to the status it had
 * before (Available or InProgress)"; L4 stops counting a link once its blocked node is done).
 */
export function computeStatus(n: NodeEntry): NodeStatus {
  // Written out on the entries' flags (see NodeEntry / LinkEntry): this is the inner loop of
  // every cascade and of the full pass. Node flags: base status in bits 0–1, 4 = in trash,
  // 8 = dependent, the outgoing count from bit 4. Link flags & 3: 3 = live with the source blocking, 1 = live with the
  // target blocking.
  const f = n.flags;
  const base = (f & 3) as BaseStatus;
  // Not dependent, Completed, or in trash: never Blocked.
  if ((f & 12) !== 8 || base === 3) return base;
  // actuallyBlocks(l) for the links that have n on their blocked side: a blocker that is
  // neither Completed nor in trash.
  const links = n.links;
  const k = f >>> 4; // outgoing links come first
  for (let i = k; i < links.length; i++) {
    const l = links[i] as LinkEntry;
    if ((l.flags & 3) === 3) {
      const b = l.src.flags;
      if ((b & 3) !== 3 && (b & 4) === 0) return 2;
    }
  }
  for (let i = 0; i < k; i++) {
    const l = links[i] as LinkEntry;
    if ((l.flags & 3) === 1) {
      const b = l.tgt.flags;
      if ((b & 3) !== 3 && (b & 4) === 0) return 2;
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
 * is Completed, true once it blocks, otherwise unchanged.
 */
export function desiredWasBlocker(l: LinkEntry): boolean {
  if (l.rec.type === 1 || blockedOf(l).base === 3) return false;
  if (actuallyBlocks(l)) return true;
  return l.rec.was_blocker;
}

/**
 * From-scratch status of every node, as a map of the nodes whose stored status differs.
 * Used on load, by the invariant tests and by the benchmark; commands never call it.
 */
export function recomputeAllStatuses(state: WorkspaceState): Map<NodeEntry, NodeStatus> {
  const diff = new Map<NodeEntry, NodeStatus>();
  for (const n of state.nodes.values()) {
    const s = computeStatus(n);
    if (s !== n.rec.status) diff.set(n, s);
  }
  return diff;
}
