/**
 * The `export` and `import` methods (SPEC §5, docs/exchange.md "Service and API"). Export
 * picks the graph a member may see and hands it to a pure exporter; import runs a pure
 * importer, makes the result belong to the person importing, loads it with the engine (which
 * recomputes statuses and refuses broken graphs) and only then creates a new workspace from
 * it. The open workspace is never touched by either.
 */
import { randomUUID } from 'node:crypto';
import type { ServiceError } from '../../shared/contract/errors';
import {
  DEFAULT_HISTORY_LIMIT,
  fromSnapshot,
  SNAPSHOT_FORMAT,
  toSnapshot,
  viewFor,
  type WorkspaceSnapshot,
  type WorkspaceState,
} from '../../shared/engine';
import { EXPORTERS, importAs, type ExchangeGraph } from '../../shared/exchange';
import { err, ok, type Result } from '../../shared/model/result';
import type { Member } from '../../shared/model/types';
import { firstRuleBreak } from './import-rules';
import type { Caller, Handler } from './service';
import type { WorkspaceHub } from './workspace-hub';
import type { WorkspaceSession } from './workspace-session';

type SessionFor = (caller: Caller) => Promise<Result<WorkspaceSession, ServiceError>>;

const MAX_WORKSPACE_NAME = 200;

export function exchangeHandlers(
  hub: WorkspaceHub,
  sessionFor: SessionFor,
): { export: Handler<'export'>; import: Handler<'import'> } {
  return {
    export: async ({ format, as }, caller) => {
      const session = await sessionFor(caller);
      if (!session.ok) return session;
      const { state, id } = session.value;
      const viewer = as ?? caller.member;
      if (viewer !== caller.member && caller.member !== state.ownerId) {
        return err({
          code: 'forbidden.not_allowed',
          message: 'Only the workspace owner may export the graph as another member sees it.',
        });
      }
      const member = state.members.get(viewer);
      if (!member) return err({ code: 'not_found.member_not_found', message: 'No such member.' });
      const name = hub.info(id)?.name ?? id;
      // The owner's native JSON is the lossless backup; every other export is a member's view.
      const graph =
        format === 'json' && viewer === state.ownerId
          ? wholeWorkspace(state, name)
          : memberGraph(state, viewer, name);
      const exporter = EXPORTERS[format];
      const seenBy = viewer === caller.member ? '' : `-as-${member.username}`;
      return ok({
        filename: `${fileSafe(name + seenBy)}.${exporter.extension}`,
        mediaType: exporter.mediaType,
        content: exporter.write(graph),
      });
    },

    import: async ({ format, content, name }, caller) => {
      const profile = hub.profile();
      // New workspaces belong to the app's profile (hub.create), so only its owner may import.
      if (caller.member !== profile.id) {
        return err({
          code: 'forbidden.not_allowed',
          message: 'Only the person using the app may import: the new workspace will be theirs.',
        });
      }
      const imported = importAs(format, content, {
        newId: () => randomUUID(),
        now: () => new Date().toISOString(),
        owner: profile,
      });
      if (!imported.ok) return imported;
      const loaded = fromSnapshot(snapshotOf(ownedBy(imported.value, profile)));
      if (!loaded.ok) {
        return err({
          code: 'bad_request.import_breaks_rules',
          message: `The file cannot become a workspace: ${loaded.error.message}`,
        });
      }
      const broken = firstRuleBreak(loaded.value);
      if (broken) {
        return err({
          code: 'bad_request.import_breaks_rules',
          message: `The file cannot become a workspace: ${broken.message}`,
          object_ids: broken.object_ids,
        });
      }
      const title = (name ?? imported.value.name ?? '').trim().slice(0, MAX_WORKSPACE_NAME);
      const workspaceName = title || `Imported ${format} ${new Date().toISOString().slice(0, 10)}`;
      const created = await hub.createFrom(workspaceName, toSnapshot(loaded.value));
      if (!created.ok) return created;
      return ok({ workspace: { id: created.value.id, name: workspaceName } });
    },
  };
}

/** Every record of the workspace, trash and everyone's private links included. */
function wholeWorkspace(state: WorkspaceState, name: string): ExchangeGraph {
  const s = toSnapshot(state);
  return {
    name,
    owner: s.owner,
    members: s.members,
    nodes: s.nodes,
    links: s.links,
    custom_link_types: s.link_types,
    grants: s.grants,
  };
}

/**
 * What one member sees ([A4] via the engine's viewFor): active nodes they have access to and
 * the links they may see. Members and custom link types are listed in full, as `members.list`
 * and `link_types.list` show them to any member; of the grants only the member's own on the
 * nodes they see, since no member may list anyone else's.
 */
function memberGraph(state: WorkspaceState, member: string, name: string): ExchangeGraph {
  const view = viewFor(state, member);
  const own = state.grants.get(member);
  return {
    name,
    owner: state.ownerId,
    members: [...state.members.values()],
    nodes: view.nodes,
    links: view.links,
    custom_link_types: [...state.linkTypes.values()],
    grants: own ? [...own.values()].filter((g) => g.node in view.access) : [],
  };
}

/**
 * The imported graph, owned by the person importing: the file's owner member — and any member
 * of the file that already is the profile (same id or same email, as emails are unique) —
 * becomes the profile, in every reference. Grants to the profile are dropped: the workspace
 * owner owns every node anyway. Foreign formats already name the profile (ctx.owner).
 */
function ownedBy(graph: ExchangeGraph, profile: Member): ExchangeGraph {
  const email = profile.email.toLowerCase();
  const merged = new Set([graph.owner, profile.id]);
  for (const m of graph.members) if (m.email.toLowerCase() === email) merged.add(m.id);
  const to = (id: string): string => (merged.has(id) ? profile.id : id);
  return {
    ...graph,
    owner: profile.id,
    members: [profile, ...graph.members.filter((m) => !merged.has(m.id))],
    nodes: graph.nodes.map((n) => (merged.has(n.owner) ? { ...n, owner: profile.id } : n)),
    links: graph.links.map((l) => ({
      ...l,
      owner: to(l.owner),
      created_by: to(l.created_by),
      modified_by: to(l.modified_by),
    })),
    grants: graph.grants.filter((g) => !merged.has(g.member)),
  };
}

/**
 * A fresh workspace snapshot of the graph: no history (the file's past is not this
 * workspace's), counters rebuilt by the engine from the display ids. A Blocked node's status
 * to return to is not in any file format, so it resumes as Available ([N2]).
 */
function snapshotOf(graph: ExchangeGraph): WorkspaceSnapshot {
  return {
    format: SNAPSHOT_FORMAT,
    version: 1,
    owner: graph.owner,
    members: graph.members,
    nodes: graph.nodes,
    resume_status: {},
    links: graph.links,
    link_types: graph.custom_link_types,
    grants: graph.grants,
    counters: {},
    history: { limit: DEFAULT_HISTORY_LIMIT, batches: [], undone: [] },
  };
}

/** A file name any system accepts: ASCII letters, digits, `.`, `_`, `-`. */
function fileSafe(text: string): string {
  const safe = text
    .normalize('NFKD')
    .replace(/[^\w.-]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, 80);
  return safe || 'linkgraph';
}
