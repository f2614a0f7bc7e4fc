/**
 * [H2] Undo writes a batch's `before` images back, redo its `after` images; both are batches
 * themselves. A batch is named by its own id, or by the id of an undo/redo of it (which then
 * stands for the original). Guards: the batch must be done (undo) or undone (redo), and every
 * entity it touched must still be exactly as the batch left it (versions), else `conflict`.
 * Versions return with the images, so undoing a run of batches in reverse order always works
 * and leaves the workspace exactly as it was.
 */
import { err, ok } from '../../model/result';
import type { Batch } from '../batch';
import { linkError } from '../errors';
import { danglingRefs, guardImages, missingNodes, writeImages, type Side } from '../images';
import { checkLinkRules } from '../rules';
import { isActive } from '../state';
import type { ParamsOf } from '../schemas';
import { forbidden, type Ctx, type HandlerResult } from './context';

function original(ctx: Ctx, batchId: string) {
  const h = ctx.state.history;
  const named = h.byId.get(batchId);
  const id = named ? (named.undoOf ?? named.redoOf ?? named.batchId) : batchId;
  const b = h.byId.get(id);
  if (!b) return err(linkError('not_found.batch_not_found', `No batch ${batchId} in history.`));
  if (b.user.length > 0 || b.link_types.length > 0) {
    return err(
      linkError(
        'bad_request.not_undoable',
        'Adding members and defining link types cannot be undone (link types are deprecated instead).',
      ),
    );
  }
  if (b.actor.id !== ctx.actor.id && ctx.actor.id !== ctx.state.ownerId) {
    return forbidden('Only the author of a change (or the workspace owner) may undo it.');
  }
  return ok(b);
}

/** After writing images: the links that became active must satisfy the rules of today. */
function postCheck(ctx: Ctx): HandlerResult | undefined {
  if (ctx.tx.cycleFailed) {
    return err(linkError('conflict.cycle', 'Primary links would form a cycle.'));
  }
  // [C4] A node whose kind the images changed back must still suit its custom-type links.
  const recheck = new Set(ctx.tx.links.keys());
  for (const [id, t] of ctx.tx.nodes) {
    const n = ctx.state.nodes.get(id);
    if (n && t.before && t.before.kind !== n.rec.kind)
      for (const l of n.links) recheck.add(l.rec.id);
  }
  for (const id of recheck) {
    const l = ctx.state.links.get(id);
    // [R1] [L8] A link brought out of trash next to a node that is in trash (its own trash
    // undone after the node went) would come back active with the node, unchecked: refused,
    // as drawing it would be (restore the node first).
    if (l && ctx.tx.links.get(id)?.before?.in_trash && !l.rec.in_trash) {
      const gone = l.src.rec.in_trash ? l.src : l.tgt.rec.in_trash ? l.tgt : undefined;
      if (gone) {
        return err(
          linkError(
            l.src === gone ? 'bad_request.source_in_trash' : 'bad_request.target_in_trash',
            `${gone.rec.display_id} ${gone.rec.title} is in trash: restore it before this link.`,
            { object_ids: [gone.rec.id, l.rec.id] },
          ),
        );
      }
    }
    if (!l || !isActive(l)) continue;
    const cand = {
      source: l.src,
      target: l.tgt,
      link_type: l.rec.link_type,
      custom_link_type: l.rec.custom_link_type,
      type: l.rec.type,
    };
    const refused = checkLinkRules(ctx.state, cand, {
      ignore: new Set([id]),
      isNew: false,
      primaryCycle: false,
    });
    if (refused) return err(refused);
  }
  return undefined;
}

function invert(ctx: Ctx, b: Batch, from: Side, to: Side): HandlerResult | undefined {
  const stale = [
    ...guardImages(ctx.state, b, from),
    ...missingNodes(ctx.state, b, to),
    ...danglingRefs(ctx.state, b, to),
  ];
  if (stale.length > 0) {
    return err(
      linkError('conflict.version_conflict', 'Something this batch touched has changed since.', {
        object_ids: stale,
      }),
    );
  }
  writeImages(ctx.tx, b, to);
  return postCheck(ctx);
}

export function historyUndo(ctx: Ctx, p: ParamsOf<'history.undo'>): HandlerResult {
  const b = original(ctx, p.batchId);
  if (!b.ok) return b;
  if (ctx.state.history.undone.has(b.value.batchId)) {
    return err(linkError('conflict.already_undone', 'The batch is already undone.'));
  }
  return invert(ctx, b.value, 'after', 'before') ?? ok({ undoOf: b.value.batchId });
}

export function historyRedo(ctx: Ctx, p: ParamsOf<'history.redo'>): HandlerResult {
  const b = original(ctx, p.batchId);
  if (!b.ok) return b;
  if (!ctx.state.history.undone.has(b.value.batchId)) {
    return err(linkError('conflict.not_undone', 'The batch is not undone.'));
  }
  return invert(ctx, b.value, 'before', 'after') ?? ok({ redoOf: b.value.batchId });
}
