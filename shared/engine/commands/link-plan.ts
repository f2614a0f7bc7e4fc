/**
 * Planning a new link, shared by link.create, link.replace and node.create with a target:
 * the blocking type [L3] [A2], privacy [A3], the structural rules, and whether a trashed twin
 * is restored instead of creating a new link [R2].
 */
import type { AccessLevel, LinkType } from '../../model/types';
import { err, ok, type Result } from '../../model/result';
import { forcedPrivate, mayBlock } from '../access';
import { LINK_PREFIX, Op, ruleOf, typeKey } from '../constants';
import { linkError, type LinkError } from '../errors';
import { checkLinkRules, type Candidate } from '../rules';
import { nextDisplayId, type LinkEntry, type NodeEntry } from '../state';
import { privacyAllows } from '../visibility';
import type { Ctx } from './context';

export interface LinkRequest {
  source: NodeEntry;
  target: NodeEntry;
  sourceLevel: AccessLevel;
  targetLevel: AccessLevel;
  link_type: LinkType | undefined;
  custom_link_type: string | undefined;
  /** The caller's explicit `type`, if any. */
  type: 0 | 1 | undefined;
  /** The type to use when the caller gives none (default: [L3]). */
  fallbackType?: 0 | 1;
  private: boolean | undefined;
}

export interface LinkPlan {
  cand: Candidate;
  private: boolean;
  /** [R2] the trashed same or reversed link to bring back instead of creating one. */
  twin: LinkEntry | undefined;
}

export function planLink(
  ctx: Ctx,
  req: LinkRequest,
  ignore?: ReadonlySet<string>,
): Result<LinkPlan, LinkError> {
  const custom = req.custom_link_type ? ctx.state.linkTypes.get(req.custom_link_type) : undefined;
  const rule = ruleOf(req.link_type, custom);
  const blockerIsSource = rule.blocker === 'source';
  const blocked = blockerIsSource ? req.target : req.source;
  const blockedLevel = blockerIsSource ? req.targetLevel : req.sourceLevel;
  let type: 0 | 1 = req.type ?? req.fallbackType ?? (rule.defaultPrimary ? 0 : 1);
  if (type === 0 && !blocked.rec.dependent) {
    // An explicit request is refused as L6 refuses it; a default quietly becomes secondary.
    if (req.type === 0) {
      return err(
        linkError(
          'bad_request.target_independent',
          'The node this link would block is not dependent; the link must be secondary.',
        ),
      );
    }
    type = 1;
  }
  if (type === 0 && !mayBlock(blockedLevel)) type = 1; // [A2]
  const priv = forcedPrivate(req.sourceLevel, req.targetLevel) || (req.private ?? false); // [A3]
  const cand: Candidate = {
    source: req.source,
    target: req.target,
    link_type: req.link_type,
    custom_link_type: req.custom_link_type,
    type,
  };
  const refused = checkLinkRules(ctx.state, cand, { ignore, isNew: true, primaryCycle: true });
  if (refused) return err(refused);
  return ok({ cand, private: priv, twin: findTrashedTwin(ctx, cand) });
}

/** [R2] A trashed link with the same type between the same two nodes, either way round. */
function findTrashedTwin(ctx: Ctx, c: Candidate): LinkEntry | undefined {
  const key = typeKey(c.link_type, c.custom_link_type);
  const usable = (l: LinkEntry) =>
    l.rec.in_trash && l.key === key && privacyAllows(l.rec, ctx.actor.id);
  return (
    c.source.out.find((l) => l.tgt === c.target && usable(l)) ??
    c.source.in.find((l) => l.src === c.target && usable(l))
  );
}

/** Writes a planned link: restores the twin or creates a new link. */
export function applyLinkPlan(ctx: Ctx, plan: LinkPlan): LinkEntry {
  const { cand } = plan;
  const fields = {
    source: cand.source.rec.id,
    target: cand.target.rec.id,
    type: cand.type,
    private: plan.private,
  };
  const types = {
    ...(cand.link_type !== undefined ? { link_type: cand.link_type } : {}),
    ...(cand.custom_link_type !== undefined ? { custom_link_type: cand.custom_link_type } : {}),
  };
  if (plan.twin) {
    // Drawn again by the actor, in the orientation, type and privacy asked for: it is theirs.
    ctx.tx.editLink(
      plan.twin,
      { ...fields, in_trash: false, owner: ctx.actor.id },
      Op.LINK_RESTORE,
    );
    return plan.twin;
  }
  const now = ctx.tx.now;
  const rec = {
    id: ctx.deps.newId(),
    display_id: nextDisplayId(ctx.state, LINK_PREFIX),
    // Keys in the order of LinkRecordSchema, so a record reads back from JSON identically.
    source: fields.source,
    target: fields.target,
    ...types,
    type: fields.type,
    private: fields.private,
    owner: ctx.actor.id,
    was_blocker: false,
    version: 1,
    in_trash: false,
    created_by: ctx.actor.id,
    created_time: now,
    modified_by: ctx.actor.id,
    modified_time: now,
  };
  return ctx.tx.addLink(rec, Op.LINK_ADD);
}
