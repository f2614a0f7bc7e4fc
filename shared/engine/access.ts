/**
 * Members and access (SynapTask ACL) and the privilege rules of link creation [A1]–[A4].
 * Levels: 0 owner, 1 admin, 2 editor, 3 viewer; null is no access. The workspace owner (the
 * person using the app) owns every node. A branch grant also covers every node reached from
 * the granted node by stepping to the blocker side of its links.
 */
import type { AccessLevel, LinkRecord } from '../model/types';
import {
  blockedOf,
  blockerOf,
  forEachLink,
  type LinkEntry,
  type NodeEntry,
  type WorkspaceState,
} from './state';

export type Access = AccessLevel | null;

/**
 * Links a branch grant steps through: not trashed on their own. A link trashed together with
 * an endpoint still counts, so trashing a node does not hide the nodes under it from members
 * whose branch grant covers them through it.
 */
export function structural(l: LinkEntry): boolean {
  return !l.rec.in_trash || l.src.rec.in_trash || l.tgt.rec.in_trash;
}

function better(a: Access, b: Access): Access {
  if (a === null) return b;
  if (b === null) return a;
  return a < b ? a : b;
}

/** Access of a member to a node; null when the member has none (or the node does not exist). */
export function accessOf(state: WorkspaceState, memberId: string, nodeId: string): Access {
  const n = state.nodes.get(nodeId);
  if (!n || !state.members.has(memberId)) return null;
  if (memberId === state.ownerId || n.rec.owner === memberId) return 0;
  const mine = state.grants.get(memberId);
  if (!mine) return null;
  let best: Access = mine.get(nodeId)?.level ?? null;
  let hasBranch = false;
  for (const g of mine.values()) if (g.branch) hasBranch = true;
  if (!hasBranch || best === 1) return best;
  // Walk up: every node whose blocker-side descendants include this one.
  const seen = new Set<NodeEntry>([n]);
  const stack = [n];
  while (stack.length > 0) {
    const cur = stack.pop() as NodeEntry;
    forEachLink(cur, (l) => {
      if (blockerOf(l) !== cur || !structural(l)) return;
      const up = blockedOf(l);
      if (seen.has(up)) return;
      seen.add(up);
      const g = mine.get(up.rec.id);
      if (g?.branch) best = better(best, g.level);
      stack.push(up);
    });
    if ((best as Access) !== null && (best as number) <= 1) break;
  }
  return best;
}

/** Access of a member to every node it can reach (for views): node id → level. */
export function accessMap(state: WorkspaceState, memberId: string): Map<string, AccessLevel> {
  const out = new Map<string, AccessLevel>();
  if (!state.members.has(memberId)) return out;
  if (memberId === state.ownerId) {
    for (const id of state.nodes.keys()) out.set(id, 0);
    return out;
  }
  const put = (id: string, level: AccessLevel) => {
    const cur = out.get(id);
    if (cur === undefined || level < cur) out.set(id, level);
  };
  for (const n of state.nodes.values()) if (n.rec.owner === memberId) put(n.rec.id, 0);
  const mine = state.grants.get(memberId);
  if (!mine) return out;
  // Best levels first, so each node is expanded with its best branch level only once.
  const grants = [...mine.values()].sort((a, b) => a.level - b.level);
  const expanded = new Map<NodeEntry, AccessLevel>();
  for (const g of grants) {
    const root = state.nodes.get(g.node);
    if (!root) continue;
    put(g.node, g.level);
    if (!g.branch) continue;
    const stack = [root];
    while (stack.length > 0) {
      const cur = stack.pop() as NodeEntry;
      const done = expanded.get(cur);
      if (done !== undefined && done <= g.level) continue;
      expanded.set(cur, g.level);
      put(cur.rec.id, g.level);
      forEachLink(cur, (l) => {
        if (blockedOf(l) === cur && structural(l)) stack.push(blockerOf(l));
      });
    }
  }
  return out;
}

/** [A3] `private` is forced to true when M's access to the target is viewer, or to the source
 * is viewer and to the target is below owner. */
export function forcedPrivate(sourceLevel: AccessLevel, targetLevel: AccessLevel): boolean {
  return targetLevel >= 3 || (sourceLevel >= 3 && targetLevel >= 1);
}

/** [A2] A member with viewer (or lower) access to the node a link would block may not make it
 * primary. */
export function mayBlock(blockedLevel: Access): boolean {
  return blockedLevel !== null && blockedLevel <= 2;
}

/** [R3] Trash, restore, update and swap of a link: its owner, or editor access to its target
 * and viewer access to its source. */
export function mayEditLink(state: WorkspaceState, memberId: string, rec: LinkRecord): boolean {
  if (rec.owner === memberId || memberId === state.ownerId) return true;
  const t = accessOf(state, memberId, rec.target);
  const s = accessOf(state, memberId, rec.source);
  return t !== null && t <= 2 && s !== null && s <= 3;
}
