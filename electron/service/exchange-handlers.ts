/**
 * The `export` and `import` methods (SPEC §5, docs/exchange.md "Service and API"). Export
 * picks the graph a member may see and hands it to a pure exporter; import runs a pure
 * importer, makes the result belong to the person importing, loads it with the engine (which
 * recomputes statuses and refuses broken graphs) and only then creates a new workspace from
 * it. The open workspace is never touched by either.
 */
import type { ServiceError } from '../../shared/contract/errors';
import {
  scheduleOf,
  scheduleViewSteps,
  toSnapshot,
  viewFor,
  type WorkspaceState,
} from '../../shared/engine';
import { EXPORTERS, type ExchangeGraph } from '../../shared/exchange';
import type { ExportFormat } from '../../shared/exchange/formats';
import { onlyNodes } from '../../shared/exchange/subset';
import { passesNodeFilter } from '../../shared/model/node-filter';
import { err, ok, type Result } from '../../shared/model/result';
import { seesFor, today } from './plan-handlers';
import { pieceBytes } from './export-stream';
import { runImport } from './run-import';
import type { Caller, FileHandler, Handler } from './service';
import type { Hub } from './hub';
import type { WorkspaceSession } from './workspace-session';

type SessionFor = (caller: Caller) => Promise<Result<WorkspaceSession, ServiceError>>;

/** What an export writes: the file's name and type, the exporter's format and its graph. */
interface PreparedExport {
  filename: string;
  mediaType: string;
  format: ExportFormat;
  graph: ExchangeGraph;
}

export function exchangeHandlers(
  hub: Hub,
  sessionFor: SessionFor,
): {
  export: Handler<'export'>;
  import: Handler<'import'>;
  files: { export: FileHandler<'export'> };
} {
  /** Who may export what, and the graph they get: one place for the text and the file answer. */
  const prepare = async (
    { format, as, only }: Parameters<Handler<'export'>>[0],
    caller: Caller,
  ): Promise<Result<PreparedExport, ServiceError>> => {
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
    const exporter = EXPORTERS[format];
    // One read of one moment, in turns (workspace-session.ts): a plan's schedule view of
    // 100,000 nodes held the API ~0.3–0.8 s in one piece.
    const graph = await session.value.readInTurns(function* () {
      // The owner's native JSON is the lossless backup; every other export is a member's view.
      const full =
        format === 'json' && viewer === state.ownerId
          ? wholeWorkspace(state, name)
          : memberGraph(state, viewer, name);
      // "Only what the filter shows": one subset for every format (shared/exchange/subset.ts).
      const shown = only ? onlyNodes(full, (n) => passesNodeFilter(n, only)) : full;
      // [PL5] The plan's exports get the schedule as the member sees it (plan.schedule's).
      if (exporter.schedule) {
        const plan = scheduleOf(state, today());
        yield;
        shown.schedule = yield* scheduleViewSteps(state, plan, seesFor(state, viewer));
      }
      return shown;
    });
    const seenBy = viewer === caller.member ? '' : `-as-${member.username}`;
    return ok({
      filename: `${fileSafe(name + seenBy)}.${exporter.extension}`,
      mediaType: exporter.mediaType,
      format,
      graph,
    });
  };

  return {
    export: async (params, caller) => {
      const prepared = await prepare(params, caller);
      if (!prepared.ok) return prepared;
      const { filename, mediaType, format, graph } = prepared.value;
      return ok({ filename, mediaType, content: EXPORTERS[format].write(graph) });
    },

    files: {
      // The same file, written in pieces as the client reads it (export-stream.ts): the
      // local API's GET /api/export, which the served editor downloads from.
      export: async (params, caller) => {
        const prepared = await prepare(params, caller);
        if (!prepared.ok) return prepared;
        const { filename, mediaType, format, graph } = prepared.value;
        const body = pieceBytes(EXPORTERS[format].pieces(graph));
        return ok({ filename, mediaType, body });
      },
    },

    import: async ({ format, content, name }, caller) => {
      const profile = hub.profile();
      // New workspaces belong to the app's profile (hub.create), so only its owner may import,
      // and not through a token made for one workspace (tokens.ts).
      if (caller.member !== profile.id || caller.boundTo !== undefined) {
        return err({
          code: 'forbidden.not_allowed',
          message: 'Only the person using the app may import: the new workspace will be theirs.',
        });
      }
      // Parsing, checking every record and every rule, writing the workspace and opening it
      // once take seconds for a large file: all on a worker thread, so the app and the local
      // API keep answering meanwhile. The name may come from the file: the worker answers it.
      const created = await hub.createWritten(async (workspaceId, dir) => {
        const done = await runImport({ format, content, name, profile, workspaceId, dir });
        return done.ok ? ok(done.value.workspaceName) : done;
      });
      if (!created.ok) return created;
      return ok({ workspace: created.value });
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
    ...(s.calendar ? { calendar: s.calendar } : {}),
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

/** A file name any system accepts: ASCII letters, digits, `.`, `_`, `-`. */
function fileSafe(text: string): string {
  const safe = text
    .normalize('NFKD')
    .replace(/[^\w.-]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, 80);
  return safe || 'linkgraph';
}
