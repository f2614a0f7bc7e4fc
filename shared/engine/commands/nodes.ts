/**
 * Node commands: create (optionally linked under a target, as SynapTask's POST /api/node),
 * update [N2]–[N4], trash / restore / purge [R1] [R3], and emptying the trash.
 */
import type { NodeKind, NodeRecord } from '../../model/types';
import { err, ok, type Result } from '../../model/result';
import { KIND_PREFIX, Op } from '../constants';
import { accessOf } from '../access';
import { linkVisible } from '../visibility';
import { linkError, type LinkError } from '../errors';
import { copyNode, NO_TAGS, sharedTags, type NodePatch } from '../records';
import { checkLinkRules, customKindRefusal } from '../rules';
import { isActive, nextDisplayId, type BaseStatus, type NodeEntry } from '../state';
import { blockingLinks } from '../status';
import type { ParamsOf } from '../schemas';
import { done, findEndpoint, findNode, forbidden, type Ctx, type HandlerResult } from './context';
import { applyLinkPlan, planLink } from './link-plan';

const statusBlocked = () =>
  err(linkError('bad_request.status_blocked', 'Blocked is derived and cannot be set by hand.'));

export function nodeCreate(ctx: Ctx, p: ParamsOf<'node.create'>): HandlerResult {
  const made = createNode(ctx, p);
  return made.ok ? done : made;
}

/** node.create's work, answering the new node (nodes.duplicate links the copies). */
export function createNode(ctx: Ctx, p: ParamsOf<'node.create'>): Result<NodeEntry, LinkError> {
  if (p.status === 2) return statusBlocked();
  let target: ReturnType<typeof findEndpoint> | undefined;
  if (p.target !== undefined) {
    target = findEndpoint(ctx, p.target, 'target');
    if (!target.ok) return target;
  }
  const kind = p.kind ?? 'task';
  const now = ctx.tx.now;
  const base: BaseStatus = p.status ?? 0;
  const plain: NodeRecord = {
    id: ctx.deps.newId(),
    display_id: nextDisplayId(ctx.state, KIND_PREFIX[kind]),
    title: p.title,
    description: p.description ?? '',
    kind,
    status: base,
    dependent: p.dependent ?? true,
    owner: ctx.actor.id,
    position: p.position ?? { x: 0, y: 0 },
    tags: p.tags !== undefined ? sharedTags(p.tags) : NO_TAGS,
    priority: p.priority ?? 0,
    version: 1,
    created_time: now,
    last_edited_time: now,
    in_trash: false,
  };
  // [PL1] Planning fields only when given: a node without them keeps the plain shape.
  const rec = hasAnyPlanning(p) ? copyNode(plain, planningPatch(p, {}), 1, now) : plain;
  const node = ctx.tx.addNode(rec, base);
  if (target?.ok) {
    // A brand-new node has no links, so planning cannot meet a duplicate or a cycle.
    const t = target.value;
    const plan = planLink(ctx, {
      source: node,
      target: t.node,
      sourceLevel: 0,
      targetLevel: t.level,
      link_type: undefined,
      custom_link_type: undefined,
      type: undefined,
      fallbackType: t.node.rec.dependent ? 0 : 1,
      private: undefined,
    });
    if (!plan.ok) return plan;
    applyLinkPlan(ctx, plan.value);
  }
  return ok(node);
}

function editableNode(ctx: Ctx, id: string, maxLevel: number, what: string) {
  const f = findNode(ctx, id);
  if (!f.ok) return f;
  if (f.value.level > maxLevel) return forbidden(`${what} needs more access to the node.`);
  return ok(f.value.node);
}

export function nodeUpdate(ctx: Ctx, p: ParamsOf<'node.update'>): HandlerResult {
  const f = editableNode(ctx, p.id, 2, 'Editing');
  if (!f.ok) return f;
  const n = f.value;
  if (n.rec.in_trash) return err(linkError('bad_request.node_in_trash', 'The node is in trash.'));
  if (p.version !== undefined && p.version !== n.rec.version) {
    return err(
      linkError('conflict.version_conflict', 'The node changed since it was read.', {
        object_ids: [n.rec.id],
      }),
    );
  }
  if (p.status === 2) return statusBlocked();
  let base = n.base;
  if (p.status !== undefined && p.status !== n.rec.status) {
    if (n.rec.status === 2) return err(blockedRefusal(ctx, n));
    base = p.status;
  }
  const patch: NodePatch = {};
  if (p.title !== undefined && p.title !== n.rec.title) patch.title = p.title;
  if (p.description !== undefined && p.description !== n.rec.description) {
    patch.description = p.description;
  }
  if (p.kind !== undefined && p.kind !== n.rec.kind) {
    const refused = kindChangeRefusal(ctx, n, p.kind);
    if (refused) return err(refused);
    patch.kind = p.kind;
  }
  if (base !== n.base) patch.status = base;
  if (p.dependent !== undefined && p.dependent !== n.rec.dependent) patch.dependent = p.dependent;
  if (
    p.position !== undefined &&
    (p.position.x !== n.rec.position.x || p.position.y !== n.rec.position.y)
  ) {
    patch.position = { x: p.position.x, y: p.position.y };
  }
  if (p.tags !== undefined && p.tags.join('\u0000') !== n.rec.tags.join('\u0000')) {
    patch.tags = [...p.tags];
  }
  if (p.priority !== undefined && p.priority !== n.rec.priority) patch.priority = p.priority;
  Object.assign(patch, planningPatch(p, n.rec));
  if (Object.keys(patch).length === 0) return ok({ record: false });
  ctx.tx.editNode(n, patch, Op.NODE_UPDATE, base);
  return done;
}

type PlanningInput = {
  due_date?: string | null | undefined;
  start_date?: string | null | undefined;
  estimate?: number | null | undefined;
  assignee?: string[] | null | undefined;
};

function hasAnyPlanning(p: PlanningInput): boolean {
  return (
    p.due_date != null ||
    p.start_date != null ||
    p.estimate != null ||
    (p.assignee != null && p.assignee.length > 0)
  );
}

/**
 * [PL1] The planning fields that change: `null` (or an empty assignee list) clears a field the
 * node has; a value equal to the current one is no change.
 */
function planningPatch(p: PlanningInput, cur: Partial<NodeRecord>): NodePatch {
  const patch: NodePatch = {};
  const date = (k: 'due_date' | 'start_date') => {
    const v = p[k];
    if (v === undefined || (v ?? undefined) === cur[k]) return;
    patch[k] = v;
  };
  date('due_date');
  date('start_date');
  if (p.estimate !== undefined && (p.estimate ?? undefined) !== cur.estimate) {
    patch.estimate = p.estimate;
  }
  if (p.assignee !== undefined) {
    const next = p.assignee === null || p.assignee.length === 0 ? undefined : p.assignee;
    const same =
      next === undefined
        ? cur.assignee === undefined
        : cur.assignee !== undefined && next.join('\u0000') === cur.assignee.join('\u0000');
    if (!same) patch.assignee = next === undefined ? null : [...next];
  }
  return patch;
}

/**
 * [N3] [N4] A Blocked node's status cannot change: the refusal lists every blocker, by display
 * id and title, so the person knows what to finish first ("TASK-4 Build API is blocked by
 * TASK-2 Design schema and TASK-3 Write spec."). A blocker the actor may not see, or one
 * blocking through a link they may not see (A1, A4), is only counted. `object_ids`: the first
 * blocker named and its link.
 */
function blockedRefusal(ctx: Ctx, n: NodeEntry): LinkError {
  const named: string[] = [];
  let hidden = 0;
  let first: string[] = [];
  for (const l of blockingLinks(n)) {
    const b = l.blockerIsSource ? l.src : l.tgt;
    const sees =
      accessOf(ctx.state, ctx.actor.id, b.rec.id) !== null &&
      linkVisible(ctx.state, ctx.actor.id, l.rec);
    if (!sees) {
      hidden++;
      continue;
    }
    if (named.length === 0) first = [b.rec.id, l.rec.id];
    named.push(nameOf(b));
  }
  if (hidden > 0)
    named.push(hidden === 1 ? 'a node you cannot see' : `${hidden} nodes you cannot see`);
  const list =
    named.length <= 1
      ? (named[0] ?? 'another node')
      : `${named.slice(0, -1).join(', ')} and ${named[named.length - 1] ?? ''}`;
  return linkError('bad_request.node_blocked', `${nameOf(n)} is blocked by ${list}.`, {
    object_ids: first,
  });
}

/** A node as people know it: display id and title. */
export const nameOf = (n: NodeEntry): string =>
  n.rec.title ? `${n.rec.display_id} ${n.rec.title}` : n.rec.display_id;

/**
 * [C4] A node's kind may change as long as every active link of a custom type on it still
 * allows the new kind at its end (the rule itself is `customKindRefusal`, the one link
 * creation uses). The refusal names the link by display id, or, when the actor may not see
 * it (another member's private link, A4), says only that such a link exists.
 */
function kindChangeRefusal(ctx: Ctx, n: NodeEntry, kind: NodeKind): LinkError | undefined {
  for (const l of n.links) {
    if (l.rec.link_type !== 'custom_link' || !isActive(l)) continue;
    const t = l.rec.custom_link_type ? ctx.state.linkTypes.get(l.rec.custom_link_type) : undefined;
    if (!t) continue;
    const refused = customKindRefusal(
      t,
      l.src === n ? kind : l.src.rec.kind,
      l.tgt === n ? kind : l.tgt.rec.kind,
    );
    if (!refused) continue;
    const seen = linkVisible(ctx.state, ctx.actor.id, l.rec);
    const which = seen
      ? `its link ${l.rec.display_id} ("${t.name}", ${l.src.rec.display_id} → ${l.tgt.rec.display_id})`
      : `a link you cannot see ("${t.name}")`;
    return linkError(
      refused.code,
      `${n.rec.display_id} cannot become ${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind}: ${which} would break; ${refused.message}`,
      seen ? { object_ids: [l.rec.id] } : {},
    );
  }
  return undefined;
}

/**
 * Several nodes to new positions as one batch. Every node is checked first (it exists, the
 * actor may edit it, it is not in trash, no node twice); then all move, or none does.
 */
export function nodeMove(ctx: Ctx, p: ParamsOf<'node.move'>): HandlerResult {
  const seen = new Set<string>();
  const moving: [NodeEntry, { x: number; y: number }][] = [];
  for (const move of p.moves) {
    if (seen.has(move.id)) {
      return err(
        linkError('bad_request.duplicate_node', `The node ${move.id} is moved twice.`, {
          object_ids: [move.id],
        }),
      );
    }
    seen.add(move.id);
    const f = editableNode(ctx, move.id, 2, 'Moving');
    if (!f.ok) return f;
    if (f.value.rec.in_trash) {
      return err(
        linkError('bad_request.node_in_trash', 'The node is in trash.', { object_ids: [move.id] }),
      );
    }
    const { x, y } = f.value.rec.position;
    if (x !== move.position.x || y !== move.position.y) moving.push([f.value, move.position]);
  }
  if (moving.length === 0) return ok({ record: false });
  for (const [n, position] of moving) {
    ctx.tx.editNode(n, { position: { x: position.x, y: position.y } }, Op.NODE_UPDATE, n.base);
  }
  return done;
}

/** [R1] [R3] The node and its links go to trash; what it blocked is released. */
export function nodeTrash(ctx: Ctx, p: ParamsOf<'node.trash'>): HandlerResult {
  const f = editableNode(ctx, p.id, 1, 'Trashing');
  if (!f.ok) return f;
  const n = f.value;
  if (n.rec.in_trash) return err(linkError('bad_request.node_in_trash', 'The node is in trash.'));
  ctx.tx.editNode(n, { in_trash: true }, Op.NODE_TRASH);
  for (const l of [...n.links]) {
    if (!l.rec.in_trash) ctx.tx.editLink(l, { in_trash: true }, Op.LINK_TRASH);
  }
  return done;
}

/**
 * [R1] The node comes back with its links whose other endpoint is active. A link that would
 * now break a structural rule (another parent was attached meanwhile, a cycle) stays in trash,
 * where restoring it by hand reports why.
 */
export function nodeRestore(ctx: Ctx, p: ParamsOf<'node.restore'>): HandlerResult {
  const f = editableNode(ctx, p.id, 1, 'Restoring');
  if (!f.ok) return f;
  const n = f.value;
  if (!n.rec.in_trash) {
    return err(linkError('bad_request.node_not_in_trash', 'The node is not in trash.'));
  }
  ctx.tx.editNode(n, { in_trash: false }, Op.NODE_RESTORE);
  for (const l of [...n.links]) {
    const other = l.src === n ? l.tgt : l.src;
    if (!l.rec.in_trash || other.rec.in_trash) continue;
    const cand = {
      source: l.src,
      target: l.tgt,
      link_type: l.rec.link_type,
      custom_link_type: l.rec.custom_link_type,
      type: l.rec.type,
    };
    if (checkLinkRules(ctx.state, cand, { isNew: false, primaryCycle: true })) continue;
    ctx.tx.editLink(l, { in_trash: false }, Op.LINK_RESTORE);
  }
  return done;
}

export function purgeNode(ctx: Ctx, n: NodeEntry): void {
  for (const l of [...n.links]) ctx.tx.removeLink(l, Op.LINK_PURGE);
  for (const [member, grants] of ctx.state.grants) {
    if (grants.has(n.rec.id)) ctx.tx.putGrant(member, n.rec.id, undefined, Op.ACCESS_REVOKE);
  }
  ctx.tx.removeNode(n, Op.NODE_PURGE);
}

/** [R3] Only an owner of the node purges it, and only from trash; its links go with it. */
export function nodePurge(ctx: Ctx, p: ParamsOf<'node.purge'>): HandlerResult {
  const f = purgeableNode(ctx, p.id);
  if (!f.ok) return f;
  purgeNode(ctx, f.value);
  return done;
}

/**
 * The checks of node.purge, apart from the write: selection.purge checks every element before
 * removing any (a removal taken back would not return to its place in the workspace's order).
 */
export function purgeableNode(ctx: Ctx, id: string): Result<NodeEntry, LinkError> {
  const f = editableNode(ctx, id, 0, 'Purging');
  if (!f.ok) return f;
  if (!f.value.rec.in_trash) {
    return err(linkError('bad_request.node_not_in_trash', 'Only a node in trash can be purged.'));
  }
  return f;
}

/** Empties the trash for good: the workspace owner's decision. */
export function trashEmpty(ctx: Ctx): HandlerResult {
  if (ctx.actor.id !== ctx.state.ownerId) {
    return forbidden('Only the workspace owner may empty the trash.');
  }
  for (const id of [...ctx.state.trashLinks]) {
    const l = ctx.state.links.get(id);
    if (l) ctx.tx.removeLink(l, Op.LINK_PURGE);
  }
  for (const id of [...ctx.state.trashNodes]) {
    const n = ctx.state.nodes.get(id);
    if (n) purgeNode(ctx, n);
  }
  return done;
}
