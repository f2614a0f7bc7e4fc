/**
 * Link commands: create [A1]–[A3] [R2], update [L6], swap [L7], trash / restore / purge [R1]
 * [R3]. Each validates fully, then writes through the Tx.
 */
import { err, ok, type Result } from '../../model/result';
import { accessOf, forcedPrivate, mayBlock, mayEditLink } from '../access';
import { Op } from '../constants';
import { linkError, type LinkError } from '../errors';
import { checkLinkRules, endpointInTrashError, selfLinkError, type Candidate } from '../rules';
import { blockedOf, type LinkEntry } from '../state';
import type { ParamsOf } from '../schemas';
import { linkBlockerIsSource } from '../records';
import { done, findEndpoint, findLink, forbidden, type Ctx, type HandlerResult } from './context';
import { applyLinkPlan, planLink } from './link-plan';

export function linkCreate(ctx: Ctx, p: ParamsOf<'link.create'>): HandlerResult {
  if (p.source === p.target) return err(selfLinkError());
  const src = findEndpoint(ctx, p.source, 'source');
  if (!src.ok) return src;
  const tgt = findEndpoint(ctx, p.target, 'target');
  if (!tgt.ok) return tgt;
  const plan = planLink(ctx, {
    source: src.value.node,
    target: tgt.value.node,
    sourceLevel: src.value.level,
    targetLevel: tgt.value.level,
    link_type: p.link_type,
    custom_link_type: p.custom_link_type,
    type: p.type,
    private: p.private,
  });
  if (!plan.ok) return plan;
  applyLinkPlan(ctx, plan.value);
  return done;
}

/** A visible link the actor may edit [R3] and that is not in trash [L8]. */
function editable(ctx: Ctx, id: string, version?: number) {
  const l = findLink(ctx, id);
  if (!l.ok) return l;
  if (l.value.rec.in_trash) {
    return err(linkError('bad_request.link_in_trash', 'The link is in trash.'));
  }
  if (!mayEditLink(ctx.state, ctx.actor.id, l.value.rec)) {
    return forbidden('Editing this link needs editor access to its target.');
  }
  if (version !== undefined && version !== l.value.rec.version) {
    return err(
      linkError('conflict.version_conflict', 'The link changed since it was read.', {
        object_ids: [id],
      }),
    );
  }
  return l;
}

function levels(ctx: Ctx, source: string, target: string) {
  return {
    s: accessOf(ctx.state, ctx.actor.id, source) ?? 3,
    t: accessOf(ctx.state, ctx.actor.id, target) ?? 3,
  };
}

export function linkUpdate(ctx: Ctx, p: ParamsOf<'link.update'>): HandlerResult {
  const found = editable(ctx, p.id, p.version);
  if (!found.ok) return found;
  const l = found.value;
  const { s, t } = levels(ctx, l.rec.source, l.rec.target);
  const patch: { type?: 0 | 1; private?: boolean } = {};
  if (p.type !== undefined && p.type !== l.rec.type) {
    if (p.type === 0) {
      const blocked = blockedOf(l);
      if (!blocked.rec.dependent) {
        return err(
          linkError('bad_request.target_independent', 'The blocked node is not dependent.'),
        );
      }
      if (!mayBlock(blocked === l.src ? s : t)) {
        return err(
          linkError('forbidden.forbidden_type', 'Viewers may not block a node with a link.'),
        );
      }
      const refused = checkLinkRules(ctx.state, candidateOf(l, { type: 0 }), {
        ignore: new Set([l.rec.id]),
        isNew: false,
        primaryCycle: true,
      });
      if (refused) return err(refused);
    }
    patch.type = p.type;
  }
  if (p.private !== undefined && p.private !== l.rec.private) {
    if (forcedPrivate(s, t)) {
      return err(
        linkError('forbidden.forbidden_private', 'This link must stay private for you (A3).'),
      );
    }
    patch.private = p.private;
  }
  if (patch.type === undefined && patch.private === undefined) return ok({ record: false });
  ctx.tx.editLink(l, patch, Op.LINK_UPDATE);
  return done;
}

function candidateOf(l: LinkEntry, o: Partial<Candidate> = {}): Candidate {
  return {
    source: l.src,
    target: l.tgt,
    link_type: l.rec.link_type,
    custom_link_type: l.rec.custom_link_type,
    type: l.rec.type,
    ...o,
  };
}

/** [L7] Reverses source and target. */
export function linkSwap(ctx: Ctx, p: ParamsOf<'link.swap'>): HandlerResult {
  const found = editable(ctx, p.id);
  if (!found.ok) return found;
  const l = found.value;
  const { s, t } = levels(ctx, l.rec.target, l.rec.source); // levels in the new orientation
  const newBlocked = linkBlockerIsSource(ctx.state, l.rec) ? l.src : l.tgt;
  const newBlockedLevel = newBlocked === l.tgt ? s : t;
  let type = l.rec.type;
  if (type === 0 && (!mayBlock(newBlockedLevel) || !newBlocked.rec.dependent)) type = 1;
  const cand = candidateOf(l, { source: l.tgt, target: l.src, type });
  const refused = checkLinkRules(ctx.state, cand, {
    ignore: new Set([l.rec.id]),
    isNew: false,
    primaryCycle: true,
  });
  if (refused) return err(refused);
  ctx.tx.editLink(
    l,
    {
      source: l.rec.target,
      target: l.rec.source,
      type,
      private: l.rec.private || forcedPrivate(s, t),
    },
    Op.LINK_SWAP,
  );
  return done;
}

export function linkTrash(ctx: Ctx, p: ParamsOf<'link.trash'>): HandlerResult {
  const found = editable(ctx, p.id);
  if (!found.ok) return found;
  ctx.tx.editLink(found.value, { in_trash: true }, Op.LINK_TRASH);
  return done;
}

export function linkRestore(ctx: Ctx, p: ParamsOf<'link.restore'>): HandlerResult {
  const found = findLink(ctx, p.id);
  if (!found.ok) return found;
  const l = found.value;
  if (!l.rec.in_trash) {
    return err(linkError('bad_request.link_not_in_trash', 'The link is not in trash.'));
  }
  if (l.src.rec.in_trash) {
    return err(endpointInTrashError('source', l.rec.source));
  }
  if (l.tgt.rec.in_trash) {
    return err(endpointInTrashError('target', l.rec.target));
  }
  if (!mayEditLink(ctx.state, ctx.actor.id, l.rec)) {
    return forbidden('Restoring this link needs editor access to its target.');
  }
  const refused = checkLinkRules(ctx.state, candidateOf(l), { isNew: false, primaryCycle: true });
  if (refused) return err(refused);
  ctx.tx.editLink(l, { in_trash: false }, Op.LINK_RESTORE);
  return done;
}

/** [R3] Only the link's owner (or the workspace owner) purges, and only from trash. */
export function linkPurge(ctx: Ctx, p: ParamsOf<'link.purge'>): HandlerResult {
  const found = purgeableLink(ctx, p.id);
  if (!found.ok) return found;
  ctx.tx.removeLink(found.value, Op.LINK_PURGE);
  return done;
}

/** The checks of link.purge, apart from the write (see purgeableNode). */
export function purgeableLink(ctx: Ctx, id: string): Result<LinkEntry, LinkError> {
  const found = findLink(ctx, id);
  if (!found.ok) return found;
  const l = found.value;
  if (!l.rec.in_trash) {
    return err(linkError('bad_request.link_not_in_trash', 'Only a link in trash can be purged.'));
  }
  if (l.rec.owner !== ctx.actor.id && ctx.actor.id !== ctx.state.ownerId) {
    return forbidden('Only the owner of a link may purge it.');
  }
  return found;
}
