/**
 * Commands on several elements at once — a selection trashed, restored or purged, several
 * nodes edited, nodes duplicated with the links among them — as ONE batch and ONE undo step
 * [H1] [H2], all or nothing.
 *
 * Each element goes through the single-element handler (node.update, node.trash, link.trash…),
 * so every rule stays where it is; they all write into the same Tx. Between elements the Tx
 * settles (runs the cascade), so each element is checked against the statuses the previous ones
 * left. The first refusal is answered, its message prefixed with the element it concerns (by
 * display id and title, a raw id only for an element the actor cannot see) and `element` set to
 * the id; `execute` then reverts the whole Tx, so nothing changes.
 */
import { err, ok } from '../../model/result';
import { structural } from '../access';
import { linkVisible } from '../visibility';
import { linkError, type LinkError } from '../errors';
import { paramsError } from '../params-error';
import { linkBlockerIsSource } from '../records';
import { NodeUpdateParams, type ParamsOf } from '../schemas';
import type { LinkEntry, NodeEntry } from '../state';
import { Op } from '../constants';
import { done, findLink, findNode, type Ctx, type HandlerResult } from './context';
import { linkCreate, linkRestore, linkTrash, purgeableLink } from './links';
import {
  createNode,
  nameOf,
  nodeRestore,
  nodeTrash,
  nodeUpdate,
  purgeableNode,
  purgeNode,
} from './nodes';

type Kind = 'node' | 'link';

/** How a refused element is named: as the actor may see it. */
function label(ctx: Ctx, kind: Kind, id: string): string {
  if (kind === 'node') {
    const f = findNode(ctx, id);
    if (!f.ok) return `Node ${id}`;
    return nameOf(f.value.node);
  }
  const l = findLink(ctx, id);
  if (!l.ok) return `Link ${id}`;
  return `${l.value.rec.display_id} (${l.value.src.rec.display_id} → ${l.value.tgt.rec.display_id})`;
}

function refusedFor(ctx: Ctx, kind: Kind, id: string, e: LinkError): HandlerResult {
  const name = label(ctx, kind, id);
  // A reason that already starts with the element's name ("TASK-2 X is blocked by …") keeps it.
  const message = e.message.startsWith(`${name} `) ? e.message : `${name}: ${e.message}`;
  return err({ ...e, message, element: id });
}

function twice(ids: readonly string[], kind: Kind): HandlerResult | undefined {
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) {
      return err(
        linkError(`bad_request.duplicate_${kind}`, `The ${kind} ${id} is listed twice.`, {
          element: id,
          object_ids: [id],
        }),
      );
    }
    seen.add(id);
  }
  return undefined;
}

/** Runs `run` for every element in one Tx; the first refusal, named, or undefined. */
function each(
  ctx: Ctx,
  kind: Kind,
  ids: readonly string[],
  run: (id: string) => HandlerResult,
): HandlerResult | undefined {
  for (const id of ids) {
    const r = run(id);
    // Handlers refuse before writing, so the element still reads as it was.
    if (!r.ok) return refusedFor(ctx, kind, id, r.error);
    ctx.tx.settle();
  }
  return undefined;
}

/**
 * Several nodes, one patch. With a status, blockers go first (the topological order the
 * engine keeps), so a selected chain can be completed at once: each completion releases the
 * next node before its turn comes.
 */
export function nodesUpdate(ctx: Ctx, p: ParamsOf<'nodes.update'>): HandlerResult {
  const repeated = twice(p.ids, 'node');
  if (repeated) return repeated;
  const { tags_add, tags_remove, ...fields } = p.patch;
  const ord = (id: string) => ctx.state.nodes.get(id)?.ord ?? -1;
  const ids = fields.status === undefined ? p.ids : [...p.ids].sort((a, b) => ord(a) - ord(b));
  return (
    each(ctx, 'node', ids, (id) => {
      const f = findNode(ctx, id);
      if (!f.ok) return f;
      let tags: string[] | undefined;
      if (tags_add !== undefined || tags_remove !== undefined) {
        const next = new Set(f.value.node.rec.tags);
        for (const t of tags_add ?? []) next.add(t);
        for (const t of tags_remove ?? []) next.delete(t);
        tags = [...next];
      }
      // node.update's own schema: a tag list grown past its limit is too_many_tags [N4].
      const params = NodeUpdateParams.safeParse({ id, ...fields, ...(tags ? { tags } : {}) });
      if (!params.success) return err(paramsError(params.error));
      return nodeUpdate(ctx, params.data);
    }) ?? done
  );
}

/** [R1] Nodes (with their links) and links to trash; a link trashed with its node is done. */
export function selectionTrash(ctx: Ctx, p: ParamsOf<'selection.trash'>): HandlerResult {
  const nodes = p.nodes ?? [];
  const links = p.links ?? [];
  const repeated = twice(nodes, 'node') ?? twice(links, 'link');
  if (repeated) return repeated;
  const withNode = (id: string) =>
    ctx.tx.links.has(id) && ctx.state.links.get(id)?.rec.in_trash === true;
  return (
    each(ctx, 'node', nodes, (id) => nodeTrash(ctx, { id })) ??
    each(ctx, 'link', links, (id) => (withNode(id) ? done : linkTrash(ctx, { id }))) ??
    done
  );
}

/** [R1] Nodes (with their links, as node.restore brings them) and links back from trash. */
export function selectionRestore(ctx: Ctx, p: ParamsOf<'selection.restore'>): HandlerResult {
  const nodes = p.nodes ?? [];
  const links = p.links ?? [];
  const repeated = twice(nodes, 'node') ?? twice(links, 'link');
  if (repeated) return repeated;
  const withNode = (id: string) =>
    ctx.tx.links.has(id) && ctx.state.links.get(id)?.rec.in_trash === false;
  return (
    each(ctx, 'node', nodes, (id) => nodeRestore(ctx, { id })) ??
    each(ctx, 'link', links, (id) => (withNode(id) ? done : linkRestore(ctx, { id }))) ??
    done
  );
}

/**
 * [R3] Nodes (with their links) and links deleted for good, from trash only. Every element is
 * checked before anything is removed: a refusal after a removal would put the removed entity
 * back at the end of the workspace's order, which is a change.
 */
export function selectionPurge(ctx: Ctx, p: ParamsOf<'selection.purge'>): HandlerResult {
  const nodeIds = p.nodes ?? [];
  const linkIds = p.links ?? [];
  const repeated = twice(nodeIds, 'node') ?? twice(linkIds, 'link');
  if (repeated) return repeated;
  const nodes: NodeEntry[] = [];
  for (const id of nodeIds) {
    const f = purgeableNode(ctx, id);
    if (!f.ok) return refusedFor(ctx, 'node', id, f.error);
    nodes.push(f.value);
  }
  const purged = new Set(nodes);
  const links: LinkEntry[] = [];
  for (const id of linkIds) {
    const l = ctx.state.links.get(id);
    // A link of a purged node goes with it (node.purge takes its links, whoever owns them).
    if (l && (purged.has(l.src) || purged.has(l.tgt))) continue;
    const f = purgeableLink(ctx, id);
    if (!f.ok) return refusedFor(ctx, 'link', id, f.error);
    links.push(f.value);
  }
  for (const n of nodes) purgeNode(ctx, n);
  for (const l of links) ctx.tx.removeLink(l, Op.LINK_PURGE);
  return done;
}

/**
 * Copies of nodes (copy / paste / duplicate): every field a person set — title, description,
 * kind, status (the base status; Blocked is derived again), dependent, tags, priority — at
 * `offset` from the original, owned by the actor, with new display ids; then copies of the
 * links among them that the actor can see, through link.create (so [A2] [A3] and every rule
 * apply). Trashed originals can be copied (paste after cut), with the links that went to trash
 * with them; a link trashed on its own, and a link of a deprecated custom type (which accepts
 * no new links, [C4]), is not copied.
 */
export function nodesDuplicate(ctx: Ctx, p: ParamsOf<'nodes.duplicate'>): HandlerResult {
  const repeated = twice(p.ids, 'node');
  if (repeated) return repeated;
  const copies = new Map<NodeEntry, NodeEntry>();
  const copied = each(ctx, 'node', p.ids, (id) => {
    const f = findNode(ctx, id);
    if (!f.ok) return f;
    const o = f.value.node;
    const r = o.rec;
    const made = createNode(ctx, {
      title: r.title,
      description: r.description,
      kind: r.kind,
      status: o.base,
      dependent: r.dependent,
      position: { x: r.position.x + p.offset.x, y: r.position.y + p.offset.y },
      tags: [...r.tags],
      priority: r.priority,
      // [PL1] the plan travels with the copy
      ...(r.due_date !== undefined ? { due_date: r.due_date } : {}),
      ...(r.start_date !== undefined ? { start_date: r.start_date } : {}),
      ...(r.estimate !== undefined ? { estimate: r.estimate } : {}),
      ...(r.assignee !== undefined ? { assignee: [...r.assignee] } : {}),
    });
    if (!made.ok) return made;
    copies.set(o, made.value);
    return done;
  });
  if (copied) return copied;
  for (const [o, copy] of copies) {
    for (const l of [...o.links]) {
      const targetCopy = l.src === o ? copies.get(l.tgt) : undefined;
      if (!targetCopy || !structural(l) || !linkVisible(ctx.state, ctx.actor.id, l.rec)) continue;
      const custom = l.rec.custom_link_type
        ? ctx.state.linkTypes.get(l.rec.custom_link_type)
        : undefined;
      if (custom?.is_deprecated) continue;
      // A primary link stays primary where the copy it would block can be blocked; otherwise
      // the default applies (secondary onto a node that is not dependent, [L3]).
      const blocked = linkBlockerIsSource(ctx.state, l.rec) ? targetCopy : copy;
      const type = l.rec.type === 1 ? 1 : blocked.rec.dependent ? 0 : undefined;
      const made = linkCreate(ctx, {
        source: copy.rec.id,
        target: targetCopy.rec.id,
        ...(l.rec.link_type !== undefined ? { link_type: l.rec.link_type } : {}),
        ...(l.rec.custom_link_type !== undefined
          ? { custom_link_type: l.rec.custom_link_type }
          : {}),
        ...(type !== undefined ? { type } : {}),
        private: l.rec.private,
      });
      if (!made.ok) return refusedFor(ctx, 'link', l.rec.id, made.error);
    }
  }
  return ok({});
}
