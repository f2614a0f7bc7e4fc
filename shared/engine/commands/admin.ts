/**
 * Workspace configuration: custom link types [C4], members, access grants.
 */
import type { AccessGrant, CustomLinkType } from '../../model/types';
import { err, ok, type Result } from '../../model/result';
import { Op } from '../constants';
import { linkError, type LinkError } from '../errors';
import type { ParamsOf } from '../schemas';
import { done, findNode, forbidden, type Ctx, type HandlerResult } from './context';

const sameName = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** [C4] Any member may define a link type; names are unique (case-insensitive). */
export function linkTypeCreate(ctx: Ctx, p: ParamsOf<'link_type.create'>): HandlerResult {
  for (const t of ctx.state.linkTypes.values()) {
    if (sameName(t.name, p.name)) {
      return err(
        linkError('conflict.duplicate_link_type', `A link type named "${p.name}" exists.`, {
          object_ids: [t.id],
        }),
      );
    }
  }
  const t: CustomLinkType = {
    id: ctx.deps.newId(),
    name: p.name,
    forward_name: p.forward_name,
    backward_name: p.backward_name,
    source_types: [...p.source_types],
    target_types: [...p.target_types],
    ...(p.max_hops !== undefined ? { max_hops: p.max_hops } : {}),
    blocker: p.blocker,
    is_deprecated: false,
  };
  ctx.tx.putLinkType(t.id, t, Op.LINK_TYPE_ADD);
  return done;
}

/**
 * [C4] Renaming and (un)deprecating; a type is never deleted, and its blocker side and
 * endpoint kinds are fixed, because existing links were checked against them.
 */
export function linkTypeUpdate(ctx: Ctx, p: ParamsOf<'link_type.update'>): HandlerResult {
  if (ctx.actor.id !== ctx.state.ownerId) {
    return forbidden('Only the workspace owner may change link types.');
  }
  const t = ctx.state.linkTypes.get(p.id);
  if (!t) return err(linkError('not_found.link_type_not_found', 'No such link type.'));
  if (p.name !== undefined && !sameName(p.name, t.name)) {
    for (const other of ctx.state.linkTypes.values()) {
      if (sameName(other.name, p.name)) {
        return err(
          linkError('conflict.duplicate_link_type', `A link type named "${p.name}" exists.`, {
            object_ids: [other.id],
          }),
        );
      }
    }
  }
  const next: CustomLinkType = {
    ...t,
    ...(p.name !== undefined ? { name: p.name } : {}),
    ...(p.forward_name !== undefined ? { forward_name: p.forward_name } : {}),
    ...(p.backward_name !== undefined ? { backward_name: p.backward_name } : {}),
    ...(p.is_deprecated !== undefined ? { is_deprecated: p.is_deprecated } : {}),
  };
  if (JSON.stringify(next) === JSON.stringify(t)) return ok({ record: false });
  ctx.tx.putLinkType(t.id, next, Op.LINK_TYPE_UPDATE);
  return done;
}

/** Only the workspace owner adds members; emails are unique. */
export function memberAdd(ctx: Ctx, p: ParamsOf<'member.add'>): HandlerResult {
  if (ctx.actor.id !== ctx.state.ownerId) {
    return forbidden('Only the workspace owner may add members.');
  }
  for (const m of ctx.state.members.values()) {
    if (m.email.toLowerCase() === p.email.toLowerCase()) {
      return err(
        linkError('conflict.duplicate_member', `${p.email} is already a member.`, {
          object_ids: [m.id],
        }),
      );
    }
  }
  if (p.id !== undefined && ctx.state.members.has(p.id)) {
    return err(
      linkError('conflict.duplicate_member', `A member with id ${p.id} exists already.`, {
        object_ids: [p.id],
      }),
    );
  }
  const id = p.id ?? ctx.deps.newId();
  ctx.tx.putMember(id, { id, username: p.username, email: p.email }, Op.MEMBER_ADD);
  return done;
}

function memberOf(
  ctx: Ctx,
  p: { member?: string | undefined; email?: string | undefined },
): Result<string, LinkError> {
  if (p.member !== undefined) {
    if (ctx.state.members.has(p.member)) return ok(p.member);
  } else if (p.email !== undefined) {
    const email = p.email.toLowerCase();
    for (const m of ctx.state.members.values())
      if (m.email.toLowerCase() === email) return ok(m.id);
  }
  return err(linkError('not_found.member_not_found', 'No such member.'));
}

/** Grants need admin access to the node and never give more than the granter has. */
export function accessGrant(ctx: Ctx, p: ParamsOf<'access.grant'>): HandlerResult {
  const f = findNode(ctx, p.node);
  if (!f.ok) return f;
  if (f.value.level > 1) return forbidden('Granting access needs admin access to the node.');
  const member = memberOf(ctx, p);
  if (!member.ok) return member;
  if (p.level < f.value.level) {
    return forbidden('A grant cannot give more access than the granter has.');
  }
  const grant: AccessGrant = {
    node: p.node,
    member: member.value,
    level: p.level,
    branch: p.branch,
  };
  const cur = ctx.state.grants.get(member.value)?.get(p.node);
  if (cur && cur.level === grant.level && cur.branch === grant.branch) return ok({ record: false });
  ctx.tx.putGrant(member.value, p.node, grant, Op.ACCESS_GRANT);
  return done;
}

export function accessRevoke(ctx: Ctx, p: ParamsOf<'access.revoke'>): HandlerResult {
  const f = findNode(ctx, p.node);
  if (!f.ok) return f;
  if (f.value.level > 1) return forbidden('Revoking access needs admin access to the node.');
  const member = memberOf(ctx, p);
  if (!member.ok) return member;
  if (!ctx.state.grants.get(member.value)?.has(p.node)) {
    return err(linkError('not_found.grant_not_found', 'The member has no grant on this node.'));
  }
  ctx.tx.putGrant(member.value, p.node, undefined, Op.ACCESS_REVOKE);
  return done;
}
