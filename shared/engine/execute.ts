/**
 * `execute`: validate the params with the command's schema, run its handler inside a Tx,
 * then run the cascade, record the batch in history and return it. A refused command is
 * reverted by the Tx (handlers refuse before writing; undo/redo may refuse after writing
 * their images, and an unexpected throw is caught), so it never changes anything.
 */
import { err, ok, type Result } from '../model/result';
import type { Batch } from './batch';
import { linkError, type LinkError } from './errors';
import { paramsError } from './params-error';
import { isEmptyBatch, recordBatch } from './history-log';
import { commandSchemas, type CommandInput, type CommandName, type ParamsOf } from './schemas';
import type { WorkspaceState } from './state';
import { Tx } from './tx';
import type { Ctx, Deps, HandlerResult } from './commands/context';
import {
  accessGrant,
  accessRevoke,
  linkTypeCreate,
  linkTypeUpdate,
  memberAdd,
} from './commands/admin';
import { calendarSet } from './commands/calendar';
import { historyRedo, historyUndo } from './commands/history';
import {
  linkCreate,
  linkPurge,
  linkRestore,
  linkSwap,
  linkTrash,
  linkUpdate,
} from './commands/links';
import {
  nodeCreate,
  nodePurge,
  nodeRestore,
  nodeTrash,
  nodeUpdate,
  nodeMove,
  trashEmpty,
} from './commands/nodes';
import { linkReplace } from './commands/replace';
import {
  nodesDuplicate,
  nodesUpdate,
  selectionPurge,
  selectionRestore,
  selectionTrash,
} from './commands/many';

type Handlers = { [K in CommandName]: (ctx: Ctx, params: ParamsOf<K>) => HandlerResult };

const HANDLERS: Handlers = {
  'node.create': nodeCreate,
  'node.update': nodeUpdate,
  'node.move': nodeMove,
  'node.trash': nodeTrash,
  'node.restore': nodeRestore,
  'node.purge': nodePurge,
  'nodes.update': nodesUpdate,
  'nodes.duplicate': nodesDuplicate,
  'selection.trash': selectionTrash,
  'selection.restore': selectionRestore,
  'selection.purge': selectionPurge,
  'link.create': linkCreate,
  'link.update': linkUpdate,
  'link.swap': linkSwap,
  'link.trash': linkTrash,
  'link.restore': linkRestore,
  'link.purge': linkPurge,
  'link.replace': linkReplace,
  'trash.empty': trashEmpty,
  'link_type.create': linkTypeCreate,
  'link_type.update': linkTypeUpdate,
  'member.add': memberAdd,
  'access.grant': accessGrant,
  'access.revoke': accessRevoke,
  'history.undo': historyUndo,
  'history.redo': historyRedo,
  'calendar.set': calendarSet,
};

export function execute(
  state: WorkspaceState,
  actorMemberId: string,
  command: CommandInput,
  deps: Deps,
): Result<Batch, LinkError> {
  const actor = state.members.get(actorMemberId);
  if (!actor) return err(linkError('unauthorized.unknown_member', 'Unknown member.'));
  const name = (command as { name?: unknown }).name;
  if (typeof name !== 'string' || !Object.hasOwn(commandSchemas, name)) {
    return err(linkError('bad_request.unknown_command', `Unknown command ${String(name)}.`));
  }
  const schema = commandSchemas[name as CommandName];
  const parsed = schema.safeParse((command as { params?: unknown }).params ?? {}, {
    reportInput: true,
  });
  if (!parsed.success) return err(paramsError(parsed.error));

  const counters = new Map(state.counters);
  const tx = new Tx(state, deps.now(), actor.id);
  const ctx: Ctx = { state, actor, tx, deps };
  const handler = HANDLERS[name as CommandName] as (c: Ctx, p: unknown) => HandlerResult;
  let outcome: HandlerResult;
  try {
    outcome = handler(ctx, parsed.data);
  } catch (e) {
    outcome = err(linkError('internal.engine_error', `Engine error: ${String(e)}`));
  }
  if (!outcome.ok) {
    tx.revert();
    state.counters = counters;
    return outcome;
  }
  const { record = true, ...extra } = outcome.value;
  let batch: Batch;
  try {
    batch = tx.finish(
      deps.newId(),
      { id: actor.id, username: actor.username, email: actor.email },
      extra,
    );
  } catch (e) {
    tx.revert();
    state.counters = counters;
    return err(linkError('internal.engine_error', `Engine error: ${String(e)}`));
  }
  const recorded = record && !isEmptyBatch(batch);
  const evicted = recorded ? recordBatch(state, batch) : undefined;
  state.lastCommit = { batchId: batch.batchId, counters, evicted, recorded };
  return ok(batch);
}
