/**
 * The one contract of the service: every method any transport may call, with the zod
 * schema of its parameters and the type of its answer. IPC (preload + main handlers), the
 * renderer's HTTP twin and the local API are all derived from this map, so a method
 * exists in one place only. Engine commands reuse the engine's own parameter schemas.
 */
import { z } from 'zod';
import type { Batch } from '../engine/batch';
import { commandSchemas, type CommandName } from '../engine/schemas';
import { EXPORT_FORMATS, IMPORT_FORMATS } from '../exchange/formats';
import type { LoadView, NextItem, ScheduleView } from '../engine/plan/plan-queries';
import {
  DateSchema,
  LinkTypeSchema,
  NODE_LIMITS,
  NodeKindSchema,
  NodeStatusSchema,
  Uuid,
} from '../model/schemas';
import {
  LINK_ENDPOINT_TYPES,
  LINK_TYPES,
  type CustomLinkType,
  type LinkRecord,
  type AccessLevel,
  type LinkType,
  type Member,
  type NodeRecord,
} from '../model/types';
import type { BlockingSetting, ThemeSetting } from './shell-events';
import type { RecordColumns } from './graph-columns';
import type { GraphOutline } from './graph-outline';
import type { CommandMethodName, MethodName } from './method-names';

export { METHOD_NAMES, isMethodName, type MethodName } from './method-names';

export interface WorkspaceInfo {
  id: string;
  name: string;
}

/** What a member sees of a workspace: nodes and links, already filtered for them (SPEC A1–A4). */
export interface GraphView {
  workspace: WorkspaceInfo;
  /** Whose view this is. */
  member: string;
  nodes: NodeRecord[];
  links: LinkRecord[];
}

/**
 * `graph.get`'s answer in columns (graph-columns.ts): the same records for the same member,
 * smaller and faster to send and parse. Link ends point into the nodes' id column.
 */
export interface GraphColumns {
  workspace: WorkspaceInfo;
  member: string;
  nodes: RecordColumns;
  links: RecordColumns;
}

export interface AppInfo {
  name: string;
  version: string;
  mode: 'electron' | 'serve';
  /** Problems met while opening (a damaged file kept aside, ...), for the person to see. */
  problems: string[];
  /** The member the app speaks for (the workspace owner in the app window). */
  member: string;
}

export interface TrashList {
  nodes: NodeRecord[];
  links: LinkRecord[];
}

export interface HistoryItem {
  batchId: string;
  ts: string;
  /** Who made the change. */
  actor: { username: string; email: string };
  /**
   * The change in words, nodes named by display id and title ("trashed TASK-4 Build API");
   * an undo or redo says what it took back ("Undid: link TASK-1 → TASK-2").
   */
  summary: string;
  undone: boolean;
  undoOf?: string;
  redoOf?: string;
}

/**
 * The history, newest first, with the batches Undo and Redo would act on next (the caller's
 * own undo stack; absent when there is nothing to undo / redo) and what they would take back
 * or re-apply, in words ("link TASK-1 → TASK-2": the UI says "Undid: …" / "Redid: …").
 */
export interface HistoryPage {
  items: HistoryItem[];
  next_undo?: string;
  next_undo_summary?: string;
  next_redo?: string;
  next_redo_summary?: string;
}

/**
 * Who can see a node, and how: `level` is the member's access to it (owner 0 … viewer 3),
 * `grant` their own grant on this node if they have one (else the access comes from owning
 * it or from a branch grant on a node above it).
 */
export interface NodeAccessEntry {
  member: Member;
  level: AccessLevel;
  grant?: { level: AccessLevel; branch: boolean };
}

export interface BlockerStep {
  node: NodeRecord;
  /** The link through which `node` blocks the previous step. */
  link: LinkRecord;
  depth: number;
}

/** An exported file (SPEC F1): its suggested name, media type and text. */
export interface ExportedFile {
  filename: string;
  mediaType: string;
  content: string;
}

export interface LinksPage {
  links: LinkRecord[];
  next_cursor?: string;
  prev_cursor?: string;
}

/**
 * The person's editor preferences, kept in settings (electron-store in the app, the same
 * file in serve): the theme, and how new links are drawn ('' is a plain dependency link; a
 * workspace's custom types are not kept, as they differ per workspace), and the layout's direction.
 */
export interface Preferences {
  theme: ThemeSetting;
  linkDefaults: { linkType: LinkType | ''; blocking: BlockingSetting };
  /** Which way auto-layout lays a plan out: left→right or top→down. */
  layoutDirection: 'LR' | 'TB';
}

const PreferencesPatch = z.strictObject({
  theme: z.enum(['system', 'light', 'dark']).optional(),
  linkDefaults: z
    .strictObject({
      linkType: z.union([z.literal(''), z.enum(LINK_TYPES)]).optional(),
      blocking: z.enum(['default', 'primary', 'secondary']).optional(),
    })
    .optional(),
  layoutDirection: z.enum(['LR', 'TB']).optional(),
});

/** The editor's filters, for an export of "only what the filter shows" (node-filter.ts). */
const ExportFilter = z.strictObject({
  hideStatuses: z.array(NodeStatusSchema).max(4).default([]),
  kind: z.union([z.literal(''), NodeKindSchema]).default(''),
  tag: z.string().max(NODE_LIMITS.tag).default(''),
  owner: z.union([z.literal(''), Uuid]).default(''),
  blockedOnly: z.boolean().default(false),
});

/** Identifier of a workspace folder: short, file-name safe. */
export const WorkspaceId = z.string().regex(/^[a-z0-9-]{1,64}$/, 'invalid workspace id');
const WorkspaceName = z.string().trim().min(1).max(200);
const NoParams = z.strictObject({}).optional();
/** `as`: view the graph as another member sees it (owner only; SPEC A4 "view as"). */
const GraphParams = z.strictObject({ as: Uuid.optional() }).optional();

/** Declares a method: its parameter schema, and (as a type only) what it answers. */
const method =
  <R>() =>
  <P extends z.ZodType>(params: P) => ({ params, result: undefined as unknown as R });

/** Every engine command answers its history batch (the diff). */
type CommandMethods = {
  [K in CommandMethodName]: { params: (typeof commandSchemas)[K]; result: Batch };
};
const commandMethods = Object.fromEntries(
  Object.entries(commandSchemas).map(([name, params]) => [name, { params, result: undefined }]),
) as unknown as CommandMethods;

/** A live API token as `tokens.list` answers it (the token itself is never kept). */
export interface TokenInfo {
  token_id: string;
  member: string;
  label: string;
  created_time: string;
}

export const methods = {
  'app.info': method<AppInfo>()(NoParams),
  /** The person's preferences (the data folder's person only). */
  'preferences.get': method<Preferences>()(NoParams),
  /** Changes some preferences and answers all of them (the data folder's person only). */
  'preferences.set': method<Preferences>()(PreferencesPatch),
  'workspace.list': method<{ workspaces: WorkspaceInfo[]; open: string }>()(NoParams),
  'workspace.create': method<WorkspaceInfo>()(z.strictObject({ name: WorkspaceName })),
  'workspace.open': method<WorkspaceInfo>()(z.strictObject({ id: WorkspaceId })),
  'workspace.rename': method<WorkspaceInfo>()(
    z.strictObject({ id: WorkspaceId, name: WorkspaceName }),
  ),
  'workspace.delete': method<{ deleted: string }>()(z.strictObject({ id: WorkspaceId })),
  /** `as`: view the graph as another member sees it (owner only; SPEC A4 "view as"). */
  'graph.get': method<GraphView>()(GraphParams),
  /** `graph.get` in columns (graph-columns.ts): what the editor loads a plan with. */
  'graph.columns': method<GraphColumns>()(GraphParams),
  /** What the overview draws of the same view at fit-all (graph-outline.ts): asked first. */
  'graph.outline': method<GraphOutline>()(GraphParams),
  'members.list': method<{ members: Member[]; owner: string }>()(NoParams),
  'link_types.list': method<{ custom: CustomLinkType[] }>()(NoParams),
  'trash.list': method<TrashList>()(NoParams),
  'history.list': method<HistoryPage>()(
    z.strictObject({ limit: z.number().int().min(1).max(5000).optional() }).optional(),
  ),
  'node.blockers': method<{ chain: BlockerStep[] }>()(z.strictObject({ id: Uuid })),
  /**
   * Who can see a node (the members panel). The workspace owner is answered every member
   * with access; anyone else only their own entry (the grants of others are not theirs).
   */
  'node.access': method<{ access: NodeAccessEntry[] }>()(z.strictObject({ id: Uuid })),
  /**
   * [X5] DevRev links.list. Filters combine (every one given must hold); a list filter
   * holds when any of its values matches. `types` is DevRev's deprecated name of `link_type`.
   */
  'links.list': method<LinksPage>()(
    z.strictObject({
      object: Uuid,
      direction: z.enum(['is_source', 'is_target']).optional(),
      link_type: z.array(LinkTypeSchema).max(100).optional(),
      types: z.array(LinkTypeSchema).max(100).optional(),
      custom_link_type: z.array(Uuid).max(100).optional(),
      object_types: z.array(z.enum(LINK_ENDPOINT_TYPES)).max(100).optional(),
      limit: z.number().int().min(1).max(1000).optional(),
      cursor: z.string().max(200).optional(),
      mode: z.enum(['after', 'before']).optional(),
    }),
  ),
  /**
   * Mints an API token for a member (owner only); the token is shown this once. `token_id`
   * (the sha256 of the token, all that is stored) names it to `token.revoke`.
   */
  'token.create': method<{ token: string; token_id: string; member: string }>()(
    z.strictObject({ member: Uuid, label: z.string().max(200).optional() }),
  ),
  /**
   * The workspace's live tokens (owner only), oldest first: whom each speaks for, its label
   * and when it was made — never the token itself. `token_id` names it to `token.revoke`.
   */
  'tokens.list': method<{ tokens: TokenInfo[] }>()(NoParams),
  /**
   * Adds a member and mints their API token (owner only): both are saved or neither is
   * (`POST /api/member`). The token is shown this once.
   */
  'member.invite': method<{ batch: Batch; member: Member; token: string; token_id: string }>()(
    commandSchemas['member.add'].omit({ id: true }),
  ),
  /**
   * Revokes tokens of the workspace (owner only): one by its `token_id`, or every token of a
   * `member`. At once, on every instance of a team server: its HTTP calls are refused and its
   * open Socket.IO connections are cut. Answers the ids revoked (none: `not_found`).
   */
  'token.revoke': method<{ revoked: string[] }>()(
    z
      .strictObject({
        token_id: z
          .string()
          .regex(/^[0-9a-f]{64}$/, 'token_id is the 64 hex digits token.create answered')
          .optional(),
        member: Uuid.optional(),
      })
      .refine((p) => (p.token_id === undefined) !== (p.member === undefined), {
        message: 'Name exactly one of token_id or member.',
      }),
  ),
  /**
   * [T5] The workspace's history batches numbered after `after` (a team server's per-workspace
   * sequence; 0: from the start), each as the caller may see it, judged as of that batch
   * [A4]; batches with nothing for the caller are left out. `last` is the next call's
   * `after`; `more` says batches follow. For offline sync. Team servers only.
   */
  'batches.since': method<{
    batches: { seq: number; batch: Batch }[];
    last: number;
    more: boolean;
  }>()(
    z.strictObject({
      after: z.number().int().min(0),
      limit: z.number().int().min(1).max(1000).optional(),
    }),
  ),
  /** [F1] The workspace as a file, as seen by the caller (or by `as`: owner only). */
  export: method<ExportedFile>()(
    z.strictObject({
      format: z.enum(EXPORT_FORMATS),
      as: Uuid.optional(),
      /** Only the nodes these filters show, and the links between them (node-filter.ts). */
      only: ExportFilter.optional(),
    }),
  ),
  /**
   * [F1] A file becomes a NEW workspace owned by the person importing; the open one is
   * untouched. `content` is the file's text, or its UTF-8 bytes: in chunks, or as they arrive
   * (the local API's raw body, an async iterable read by the import as the upload goes on:
   * decoded on the import's worker thread, never on the thread that answers the API). It is
   * bounded by the importers (MAX_IMPORT_BYTES), which answer `bad_request.import_too_large`
   * rather than a generic parameter error.
   */
  import: method<{ workspace: WorkspaceInfo }>()(
    z.strictObject({
      format: z.enum(IMPORT_FORMATS),
      content: z.union([
        z.string(),
        z.array(z.instanceof(Uint8Array)),
        z.custom<AsyncIterable<Uint8Array>>(
          (v) => typeof v === 'object' && v !== null && Symbol.asyncIterator in v,
          'Expected text, bytes or a stream of bytes',
        ),
      ]),
      name: WorkspaceName.optional(),
    }),
  ),
  /**
   * [PL2] The schedule of open work as the caller (or, for the owner, `as`) sees it: per node
   * earliest/latest start and finish (working-day indexes and dates), slack, critical, late_by;
   * the critical path and its links; late nodes; the calendar in force (docs/planning.md).
   */
  'plan.schedule': method<ScheduleView>()(z.strictObject({ as: Uuid.optional() }).optional()),
  /** [PL3] Open, unblocked work by least slack, then priority (higher first); `assignee` filters. */
  'plan.next': method<{ items: NextItem[] }>()(
    z
      .strictObject({
        assignee: z.string().trim().min(1).max(254).optional(),
        limit: z.number().int().min(1).max(1000).optional(),
      })
      .optional(),
  ),
  /** [PL3] Working days of scheduled work per assignee per week (from `from`'s week). */
  'plan.load': method<LoadView>()(
    z
      .strictObject({
        assignee: z.string().trim().min(1).max(254).optional(),
        from: DateSchema.optional(),
        weeks: z.number().int().min(1).max(260).optional(),
      })
      .optional(),
  ),
  ...commandMethods,
} as const satisfies Record<MethodName, { params: z.ZodType; result: unknown }>;

export type MethodParams<M extends MethodName> = z.input<(typeof methods)[M]['params']>;
export type MethodResult<M extends MethodName> = (typeof methods)[M]['result'];

/** Compile-time proof that the contract's command names are exactly the engine's. */
export const commandNamesMatch: [CommandName] extends [CommandMethodName]
  ? [CommandMethodName] extends [CommandName]
    ? true
    : false
  : false = true;
