/**
 * What every command handler receives, and the lookups they share. A handler validates
 * everything first and returns an error before touching anything; only then does it write,
 * always through `ctx.tx`.
 */
import type { Member } from '../../model/types';
import { err, ok, type Result } from '../../model/result';
import { accessOf, type Access } from '../access';
import { linkVisible } from '../visibility';
import type { Batch } from '../batch';
import { linkError, type LinkError } from '../errors';
import type { LinkEntry, NodeEntry, WorkspaceState } from '../state';
import { endpointInTrashError } from '../rules';
import type { Tx } from '../tx';

export interface Deps {
  newId(): string;
  now(): string;
}

export interface Ctx {
  state: WorkspaceState;
  actor: Member;
  tx: Tx;
  deps: Deps;
}

/** What a handler adds to its batch; `record: false` keeps it out of the undo history. */
export type Outcome = Pick<Batch, 'undoOf' | 'redoOf'> & { record?: boolean };
export type HandlerResult = Result<Outcome, LinkError>;

export interface Found {
  node: NodeEntry;
  level: NonNullable<Access>;
}

/** [A1] A node the actor cannot see is reported exactly like one that does not exist. */
export function findNode(
  ctx: Ctx,
  id: string,
  role: 'node' | 'source' | 'target' = 'node',
): Result<Found, LinkError> {
  const node = ctx.state.nodes.get(id);
  const level = node ? accessOf(ctx.state, ctx.actor.id, id) : null;
  if (!node || level === null) {
    return err(linkError(`not_found.${role}_not_found`, `The ${role} ${id} does not exist.`));
  }
  return ok({ node, level });
}

/** An active (not trashed) endpoint for a new link. */
export function findEndpoint(
  ctx: Ctx,
  id: string,
  role: 'source' | 'target',
): Result<Found, LinkError> {
  const f = findNode(ctx, id, role);
  if (f.ok && f.value.node.rec.in_trash) {
    return err(endpointInTrashError(role, id));
  }
  return f;
}

/** [A4] A link the actor cannot see is reported exactly like one that does not exist. */
export function findLink(ctx: Ctx, id: string): Result<LinkEntry, LinkError> {
  const l = ctx.state.links.get(id);
  if (!l || !linkVisible(ctx.state, ctx.actor.id, l.rec)) {
    return err(linkError('not_found.link_not_found', `The link ${id} does not exist.`));
  }
  return ok(l);
}

export const forbidden = (message: string) => err(linkError('forbidden.forbidden', message));
export const done: HandlerResult = ok({});
