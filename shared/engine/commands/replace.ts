/**
 * [P1]–[P3] links.replace (seed 001): trash link `id` and create the new link as one batch,
 * so no orphan state is ever visible. Every check sees the old link as already gone.
 */
import { PART_KINDS, type NodeKind } from '../../model/types';
import { err } from '../../model/result';
import { mayEditLink } from '../access';
import { Op, typeKey } from '../constants';
import { linkError } from '../errors';
import { selfLinkError } from '../rules';
import type { NodeEntry } from '../state';
import type { ParamsOf } from '../schemas';
import { done, findEndpoint, findLink, forbidden, type Ctx, type HandlerResult } from './context';
import { applyLinkPlan, planLink } from './link-plan';

const isPart = (n: NodeEntry) => (PART_KINDS as readonly NodeKind[]).includes(n.rec.kind);
const builtIn = (linkType: string | undefined) => linkType !== 'custom_link';

export function linkReplace(ctx: Ctx, p: ParamsOf<'link.replace'>): HandlerResult {
  const found = findLink(ctx, p.id);
  if (!found.ok) return found;
  const old = found.value;
  if (old.rec.in_trash) return err(linkError('bad_request.link_in_trash', 'The link is in trash.'));
  if (!mayEditLink(ctx.state, ctx.actor.id, old.rec)) {
    return forbidden('Replacing this link needs editor access to its target.');
  }
  if (p.source === p.target) {
    return err(selfLinkError());
  }
  const src = findEndpoint(ctx, p.source, 'source');
  if (!src.ok) return src;
  const tgt = findEndpoint(ctx, p.target, 'target');
  if (!tgt.ok) return tgt;
  // Without a new type the new link keeps the old one's (built-in or custom).
  const inherit = p.link_type === undefined && p.custom_link_type === undefined;
  const linkType = inherit ? old.rec.link_type : p.link_type;
  const customType = inherit ? old.rec.custom_link_type : p.custom_link_type;
  const sameType = typeKey(linkType, customType) === old.key;
  const s = src.value.node;
  const t = tgt.value.node;

  const partsBefore = isPart(old.src) && isPart(old.tgt) && builtIn(old.rec.link_type);
  const partsAfter = isPart(s) && isPart(t) && builtIn(linkType);
  if (!(partsBefore && partsAfter)) {
    // [P3] custom type or a non-part endpoint: same type, and a shared source or target.
    if (!sameType) {
      return err(
        linkError(
          'bad_request.replace_not_allowed',
          'Outside part-to-part links, the new link must keep the same link type.',
        ),
      );
    }
    if (s !== old.src && t !== old.tgt) {
      return err(
        linkError(
          'bad_request.replace_not_allowed',
          'Outside part-to-part links, the new link must keep the source or the target.',
        ),
      );
    }
  }
  if (sameType && s === old.src && t === old.tgt) {
    return err(
      linkError('conflict.duplicate_link', 'The new link is the link being replaced.', {
        object_ids: [old.rec.id],
      }),
    );
  }
  const plan = planLink(
    ctx,
    {
      source: s,
      target: t,
      sourceLevel: src.value.level,
      targetLevel: tgt.value.level,
      link_type: linkType,
      custom_link_type: customType,
      type: undefined,
      fallbackType: sameType ? old.rec.type : undefined,
      private: old.rec.private,
    },
    new Set([old.rec.id]),
  );
  if (!plan.ok) return plan;
  ctx.tx.editLink(old, { in_trash: true }, Op.LINK_TRASH);
  applyLinkPlan(ctx, plan.value);
  return done;
}
