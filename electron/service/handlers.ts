/**
 * The service's method table: each contract method implemented over the workspace hub and
 * the engine. Queries answer only what the calling member may see (SPEC A1–A4); commands run
 * through the workspace session (durable before answered) and are announced as diffs.
 */
import {
  accessOf,
  blockerChain,
  getLink,
  getNode,
  linkError,
  listLinks,
  listTrash,
  visibilityFor,
  visibleGraph,
  type Batch,
  type CommandInput,
} from '../../shared/engine';
import { isEmptyBatch } from '../../shared/engine/history-log';
import { COMMAND_METHOD_NAMES, type CommandMethodName } from '../../shared/contract/method-names';
import type {
  AppInfo,
  BlockerStep,
  GraphView,
  NodeAccessEntry,
} from '../../shared/contract/methods';
import { encodeRecordSteps, idIndexSteps } from '../../shared/contract/graph-columns';
import { outlineOf } from '../../shared/contract/graph-outline';
import { inTurns } from '../in-turns';
import type { ServiceError } from '../../shared/contract/errors';
import { err, ok, type Result } from '../../shared/model/result';
import { randomUUID } from 'node:crypto';
import { hashToken, newToken } from '../api/tokens';
import type { SettingsStore } from '../settings/open-settings';
import { exchangeHandlers } from './exchange-handlers';
import { historyPage } from './history-page';
import { planHandlers } from './plan-handlers';
import { preferenceHandlers, type PreferenceStore } from './preferences';
import type { Caller, Handler, HandlerTable, Service } from './service';
import type { Hub } from './hub';
import { settingsTokenBook, type TokenBook } from './token-book';
import type { Committed, WorkspaceSession } from './workspace-session';

export interface AppContext {
  hub: Hub;
  settings: SettingsStore;
  /** Where member tokens are kept; default: settings (a team server: its database). */
  tokens?: TokenBook;
  preferences: PreferenceStore;
  mode: AppInfo['mode'];
  version: string;
  /** Problems met at start (settings kept aside, read-only, ...), as they stand now. */
  problems: () => string[];
}

/** A client's request key: 1–255 printable ASCII characters (as `Idempotency-Key` headers go). */
const REQUEST_KEY = /^[!-~]{1,255}$/;
const badRequestKey: ServiceError = {
  code: 'bad_request.invalid_idempotency_key',
  message: 'An idempotency key is 1 to 255 printable ASCII characters without spaces.',
};

const forbidden = (message: string): ServiceError => ({ code: 'forbidden.not_allowed', message });
const onlyThePerson = forbidden(
  'Only the person who owns this data folder may manage its workspaces.',
);

export function appHandlers(ctx: AppContext): (service: Service) => HandlerTable {
  const { hub } = ctx;
  const tokens = ctx.tokens ?? settingsTokenBook(ctx.settings);

  /**
   * The workspace a call is about: the one asked for, else the token's own, else the open
   * one. A member's token opens its own workspace only (member ids repeat across
   * workspaces: an imported copy lists the same members).
   */
  const workspaceOf = (caller: Caller): Result<string | null, ServiceError> => {
    const id = caller.workspace ?? caller.boundTo ?? hub.openId();
    if (caller.boundTo !== undefined && id !== caller.boundTo) {
      return err({
        code: 'forbidden.wrong_workspace',
        message: 'This token belongs to another workspace; it opens only that one.',
      });
    }
    return ok(id);
  };

  /** The caller's workspace session, once the caller is known to be one of its members. */
  const sessionFor = async (caller: Caller): Promise<Result<WorkspaceSession, ServiceError>> => {
    const id = workspaceOf(caller);
    if (!id.ok) return id;
    const session = await hub.session(id.value);
    if (!session.ok) return session;
    if (!session.value.state.members.has(caller.member)) {
      return err({
        code: 'unauthorized.not_a_member',
        message: 'You are not a member of this workspace.',
      });
    }
    return session;
  };

  /** [A4] What `as` (default: the caller) sees; only the owner may view as someone else. */
  const memberGraph = async (
    as_: string | undefined,
    caller: Caller,
  ): Promise<Result<GraphView, ServiceError>> => {
    const session = await sessionFor(caller);
    if (!session.ok) return session;
    const { state, id } = session.value;
    const as = as_ ?? caller.member;
    if (as !== caller.member && caller.member !== state.ownerId) {
      return err(forbidden('Only the workspace owner may view the graph as another member.'));
    }
    if (!state.members.has(as))
      return err({ code: 'not_found.member_not_found', message: 'No such member.' });
    const view = visibleGraph(state, as);
    return ok({
      workspace: hub.info(id) ?? { id, name: id },
      member: as,
      nodes: view.nodes,
      links: view.links,
    });
  };

  /**
   * The person using the app (the data folder's profile), as opposed to a member with a
   * token: a token made for one workspace never speaks for the person, whoever it names.
   */
  const isPerson = (caller: Caller): boolean =>
    caller.boundTo === undefined && caller.member === hub.profile().id;

  return (service) => {
    const command =
      <M extends CommandMethodName>(name: M): Handler<M> =>
      async (params, caller) => {
        const key = caller.requestKey;
        if (key !== undefined && !REQUEST_KEY.test(key)) return err(badRequestKey);
        const session = await sessionFor(caller);
        if (!session.ok) return session;
        // [A4] The caller's own answer is filtered like everyone's diff: a cascade may move
        // nodes they cannot see, and not even those nodes' ids may reach them.
        const answerOf = ({ batch, audience }: Committed) =>
          audience.visibleTo(caller.member) ?? emptied(batch);
        const input = { name, params } as CommandInput;
        let committed: Committed;
        if (key === undefined) {
          const result = await session.value.run(caller.member, input);
          if (!result.ok) return result;
          committed = result.value;
        } else {
          const result = await session.value.runOnce(caller.member, input, key, answerOf);
          if (!result.ok) return result;
          // A retry answered from its key made nothing new: its batch was announced the first time.
          if (result.value.committed === null) return ok(result.value.answer as Batch);
          committed = result.value.committed;
        }
        const { batch, audience } = committed;
        service.emitDiff({
          workspace: session.value.id,
          batch,
          origin: caller.origin,
          visibleTo: (member) => audience.visibleTo(member),
        });
        return ok(answerOf(committed));
      };
    const commands = Object.fromEntries(
      COMMAND_METHOD_NAMES.map((name) => [name, command(name)]),
    ) as {
      [M in CommandMethodName]: Handler<M>;
    };

    return {
      ...commands,
      ...exchangeHandlers(hub, sessionFor),
      ...planHandlers(sessionFor),
      ...preferenceHandlers(ctx.preferences, isPerson),
      'app.info': async (_params, caller) => {
        const session = await sessionFor(caller);
        return ok({
          name: 'Linkgraph',
          version: ctx.version,
          mode: ctx.mode,
          problems: [
            ...ctx.problems(),
            ...(session.ok ? session.value.problems : [session.error.message]),
          ],
          member: caller.member,
        });
      },
      'workspace.list': async (_params, caller) => {
        if (isPerson(caller)) return ok({ workspaces: hub.list(), open: hub.openId() ?? '' });
        // A member sees the workspace their token belongs to, not the person's other plans.
        const session = await sessionFor(caller);
        if (!session.ok) return session;
        const info = hub.info(session.value.id);
        return ok({ workspaces: info ? [info] : [], open: session.value.id });
      },
      'workspace.create': async ({ name }, caller) => {
        if (!isPerson(caller)) return err(onlyThePerson);
        const created = await hub.create(name);
        return created.ok ? ok({ id: created.value.id, name }) : created;
      },
      'workspace.open': async ({ id }, caller) =>
        isPerson(caller) ? hub.setOpen(id) : err(onlyThePerson),
      'workspace.rename': async ({ id, name }, caller) =>
        isPerson(caller) ? hub.rename(id, name) : err(onlyThePerson),
      'workspace.delete': async ({ id }, caller) =>
        isPerson(caller) ? hub.remove(id) : err(onlyThePerson),
      'graph.get': (params, caller) => memberGraph(params?.as, caller),
      // The same view, in columns (graph-columns.ts): the editor's load of a large plan.
      'graph.columns': async (params, caller) => {
        const view = await memberGraph(params?.as, caller);
        if (!view.ok) return view;
        const { workspace, member, nodes, links } = view.value;
        // In turns (in-turns.ts): at 100,000 nodes the columns are ~0.3 s of work.
        const encodedNodes = await inTurns(encodeRecordSteps(nodes));
        const index = await inTurns(idIndexSteps(nodes));
        const refs = { keys: ['source', 'target'], index };
        const encodedLinks = await inTurns(encodeRecordSteps(links, refs));
        return ok({ workspace, member, nodes: encodedNodes, links: encodedLinks });
      },
      // What the overview draws of that view (graph-outline.ts): the editor asks it first, to
      // show a large plan while its columns are made and sent (one piece: 40–90 ms at 100k).
      'graph.outline': async (params, caller) => {
        const view = await memberGraph(params?.as, caller);
        if (!view.ok) return view;
        const session = await sessionFor(caller);
        if (!session.ok) return session;
        const { workspace, member, nodes, links } = view.value;
        const { state } = session.value;
        const records = { get: (id: string) => state.nodes.get(id)?.rec };
        return ok(outlineOf(workspace, member, nodes, links, records, state.linkTypes));
      },
      'members.list': async (_params, caller) => {
        const session = await sessionFor(caller);
        if (!session.ok) return session;
        const { state } = session.value;
        return ok({ members: [...state.members.values()], owner: state.ownerId });
      },
      'link_types.list': async (_params, caller) => {
        const session = await sessionFor(caller);
        return session.ok ? ok({ custom: [...session.value.state.linkTypes.values()] }) : session;
      },
      'trash.list': async (_params, caller) => {
        const session = await sessionFor(caller);
        if (!session.ok) return session;
        const { state } = session.value;
        const trash = listTrash(state);
        if (caller.member === state.ownerId) return ok(trash);
        // Other members see the trashed items they own (what they may restore, SPEC R3) — and
        // of those only what the A1–A4 view shows them: not a link to a node they lost.
        const sees = visibilityFor(state, caller.member);
        return ok({
          nodes: trash.nodes.filter((n) => n.owner === caller.member),
          links: trash.links.filter((l) => l.owner === caller.member && sees.link(l)),
        });
      },
      'history.list': async (params, caller) => {
        const session = await sessionFor(caller);
        return session.ok
          ? ok(historyPage(session.value.state, caller.member, params?.limit ?? 100))
          : session;
      },
      'node.blockers': async ({ id }, caller) => {
        const session = await sessionFor(caller);
        if (!session.ok) return session;
        const { state } = session.value;
        // Per entity, not a whole view: this answers a hover, on graphs of 100,000 nodes too.
        const sees = visibilityFor(state, caller.member);
        if (!sees.node(id) || getNode(state, id)?.in_trash)
          return err(linkError('not_found.node_not_found', `The node ${id} does not exist.`));
        const chain = blockerChain(state, id);
        if (!chain.ok) return chain;
        const steps: BlockerStep[] = [];
        for (const step of chain.value.chain) {
          const node = getNode(state, step.blocker);
          const link = getLink(state, step.link);
          // Blocking is global, but a member is shown only the steps they may see: a step is
          // its link, so both of its ends and its privacy count [A4].
          if (node && link && sees.link(link)) steps.push({ node, link, depth: step.depth });
        }
        return ok({ chain: steps });
      },
      'node.access': async ({ id }, caller) => {
        const session = await sessionFor(caller);
        if (!session.ok) return session;
        const { state } = session.value;
        if (!visibilityFor(state, caller.member).node(id) || getNode(state, id)?.in_trash)
          return err(linkError('not_found.node_not_found', `The node ${id} does not exist.`));
        const owner = caller.member === state.ownerId;
        const access: NodeAccessEntry[] = [];
        for (const member of state.members.values()) {
          if (!owner && member.id !== caller.member) continue;
          const level = accessOf(state, member.id, id);
          if (level === null) continue;
          const grant = state.grants.get(member.id)?.get(id);
          access.push({
            member: { ...member },
            level,
            ...(grant ? { grant: { level: grant.level, branch: grant.branch } } : {}),
          });
        }
        return ok({ access });
      },
      'links.list': async (params, caller) => {
        const session = await sessionFor(caller);
        if (!session.ok) return session;
        // DevRev's deprecated `types` adds to `link_type`; absent direction means both.
        const linkTypes = [...(params.link_type ?? []), ...(params.types ?? [])];
        return listLinks(session.value.state, {
          object: params.object,
          ...(params.direction ? { direction: params.direction } : {}),
          ...(linkTypes.length ? { link_types: linkTypes } : {}),
          ...(params.custom_link_type ? { custom_link_types: params.custom_link_type } : {}),
          ...(params.object_types ? { object_types: params.object_types } : {}),
          ...(params.limit !== undefined ? { limit: params.limit } : {}),
          ...(params.cursor !== undefined ? { cursor: params.cursor } : {}),
          ...(params.mode ? { mode: params.mode } : {}),
          member: caller.member,
        });
      },
      'tokens.list': async (_params, caller) => {
        const session = await sessionFor(caller);
        if (!session.ok) return session;
        const { state, id } = session.value;
        if (caller.member !== state.ownerId)
          return err(forbidden('Only the workspace owner may see its tokens.'));
        const listed = await tokens.list(id);
        return listed.ok ? ok({ tokens: listed.value }) : listed;
      },
      'token.create': async ({ member, label }, caller) => {
        const session = await sessionFor(caller);
        if (!session.ok) return session;
        const { state, id } = session.value;
        if (caller.member !== state.ownerId)
          return err(forbidden('Only the workspace owner may create tokens.'));
        if (!state.members.has(member))
          return err({ code: 'not_found.member_not_found', message: 'No such member.' });
        const token = newToken();
        const stored = await tokens.store({ workspace: id, member, label: label ?? 'api' }, token);
        return stored.ok ? ok({ token, token_id: hashToken(token), member }) : stored;
      },
      'batches.since': async ({ after, limit }, caller) => {
        const session = await sessionFor(caller);
        if (!session.ok) return session;
        if (!hub.batchesSince)
          return err({
            code: 'bad_request.not_a_team_server',
            message: 'Batches by number are kept by team servers only (npm run server).',
          });
        const read = await hub.batchesSince(session.value.id, after, limit ?? 500);
        if (!read.ok) return read;
        const batches: { seq: number; batch: Batch }[] = [];
        for (const { seq, audience } of read.value.entries) {
          const batch = audience.visibleTo(caller.member);
          if (batch && !isEmptyBatch(batch)) batches.push({ seq, batch });
        }
        return ok({ batches, last: read.value.last, more: read.value.more });
      },
      'token.revoke': async ({ token_id, member }, caller) => {
        const session = await sessionFor(caller);
        if (!session.ok) return session;
        const { state, id } = session.value;
        if (caller.member !== state.ownerId)
          return err(forbidden('Only the workspace owner may revoke tokens.'));
        const revoked = await tokens.revoke(
          id,
          token_id !== undefined ? { hash: token_id } : { member: member ?? '' },
        );
        if (!revoked.ok) return revoked;
        if (revoked.value.length === 0)
          return err({
            code: 'not_found.token_not_found',
            message: 'No such token in this workspace (or it was revoked already).',
          });
        return ok({ revoked: revoked.value });
      },
      'member.invite': async ({ username, email }, caller) => {
        const session = await sessionFor(caller);
        if (!session.ok) return session;
        const { state, id: workspace } = session.value;
        if (caller.member !== state.ownerId)
          return err(forbidden('Only the workspace owner may add members.'));
        // Both saved or neither: the token's hash is saved first, bound to the id the member
        // will get, so it opens nothing until the member exists; if the member cannot be
        // added, the hash is removed again (and would stay inert if even that failed).
        const id = randomUUID();
        const token = newToken();
        const stored = await tokens.store({ workspace, member: id, label: 'member' }, token);
        if (!stored.ok) return stored;
        const added = await commands['member.add']({ id, username, email }, caller);
        if (!added.ok) {
          const forgotten = await tokens.forget(hashToken(token));
          if (!forgotten.ok)
            console.error(`[service] an unused token hash stays: ${forgotten.error.message}`);
          return added;
        }
        const member = state.members.get(id);
        if (!member) return err({ code: 'internal.unexpected', message: 'No member was added.' });
        return ok({ batch: added.value, member: { ...member }, token, token_id: hashToken(token) });
      },
    };
  };
}

/** A batch with nothing in it a member may see (its id, author and time are theirs: they made it). */
function emptied(batch: Batch): Batch {
  return { ...batch, nodes: [], links: [], access: [], user: [], link_types: [] };
}
