/**
 * A workspace as JSON, losslessly, and back. Loading validates every record with the zod
 * record schemas, checks that references hold together, rebuilds every index and the
 * topological order, and recomputes derived statuses. A hostile or inconsistent snapshot is
 * an error value, never a throw.
 */
import { z } from 'zod';
import type { AccessGrant, CustomLinkType, LinkRecord, Member, NodeRecord } from '../model/types';
import { err, ok, type Result } from '../model/result';
import {
  AccessGrantSchema,
  CustomLinkTypeSchema,
  LinkRecordSchema,
  MemberSchema,
  NodeRecordSchema,
  Uuid,
} from '../model/schemas';
import { BatchSchema, type Batch } from './batch';
import { DEFAULT_HISTORY_LIMIT } from './constants';
import { linkError, type LinkError } from './errors';
import { rebuildOrder } from './order';
import {
  addIn,
  addOut,
  emptyState,
  nodeEntry,
  noteDisplayId,
  setNodeRecord,
  type BaseStatus,
  LinkEntry,
  type NodeEntry,
  type WorkspaceState,
} from './state';
import { computeStatus, desiredWasBlocker } from './status';
import { compactLink, compactNode, linkBlockerIsSource } from './records';

export const SNAPSHOT_FORMAT = 'linkgraph.workspace';

export interface WorkspaceSnapshot {
  format: typeof SNAPSHOT_FORMAT;
  version: 1;
  owner: string;
  members: Member[];
  nodes: NodeRecord[];
  /** Blocked nodes that return to InProgress (1) or Available (0) when unblocked [N2]. */
  resume_status: Record<string, 0 | 1>;
  links: LinkRecord[];
  link_types: CustomLinkType[];
  grants: AccessGrant[];
  /** Display-id prefix → last number issued. */
  counters: Record<string, number>;
  history: { limit: number; batches: Batch[]; undone: string[] };
}

export const WorkspaceSnapshotSchema = z.strictObject({
  format: z.literal(SNAPSHOT_FORMAT),
  version: z.literal(1),
  owner: Uuid,
  members: z.array(MemberSchema).min(1),
  nodes: z.array(NodeRecordSchema),
  resume_status: z.record(Uuid, z.union([z.literal(0), z.literal(1)])),
  links: z.array(LinkRecordSchema),
  link_types: z.array(CustomLinkTypeSchema),
  grants: z.array(AccessGrantSchema),
  counters: z.record(z.string().max(40), z.number().int().min(0)),
  history: z.strictObject({
    limit: z.number().int().min(1).max(1_000_000),
    batches: z.array(BatchSchema),
    undone: z.array(Uuid),
  }),
});

export interface CreateOptions {
  owner: Member;
  historyLimit?: number;
}

export function createWorkspace(o: CreateOptions): WorkspaceState {
  return emptyState(o.owner, o.historyLimit ?? DEFAULT_HISTORY_LIMIT);
}

export function toSnapshot(state: WorkspaceState): WorkspaceSnapshot {
  const nodes: NodeRecord[] = [];
  const resume: Record<string, 0 | 1> = {};
  for (const n of state.nodes.values()) {
    nodes.push(n.rec);
    if (n.rec.status === 2) resume[n.rec.id] = n.base === 1 ? 1 : 0;
  }
  const grants: AccessGrant[] = [];
  for (const mine of state.grants.values()) for (const g of mine.values()) grants.push(g);
  return {
    format: SNAPSHOT_FORMAT,
    version: 1,
    owner: state.ownerId,
    members: [...state.members.values()],
    nodes,
    resume_status: resume,
    links: [...state.links.values()].map((l) => l.rec),
    link_types: [...state.linkTypes.values()],
    grants,
    counters: Object.fromEntries(state.counters),
    history: {
      limit: state.history.limit,
      batches: [...state.history.batches],
      undone: [...state.history.undone],
    },
  };
}

const bad = (message: string) => err(linkError('bad_request.invalid_snapshot', message));

export interface LoadOptions {
  /**
   * The snapshot comes from the workspace's own checksummed files, written by this engine:
   * skip the per-record schema check (most of the load time on a large workspace) and keep
   * only the structural checks of `build`. Anything from outside (imports) is never trusted.
   */
  trusted?: boolean;
}

export function fromSnapshot(
  input: unknown,
  options: LoadOptions = {},
): Result<WorkspaceState, LinkError> {
  if (options.trusted) {
    const head = input as Partial<WorkspaceSnapshot> | null;
    if (
      head?.format !== SNAPSHOT_FORMAT ||
      head.version !== 1 ||
      !Array.isArray(head.nodes) ||
      !Array.isArray(head.links)
    ) {
      return bad('Not a workspace snapshot.');
    }
    try {
      return build(head as WorkspaceSnapshot);
    } catch (e) {
      return err(linkError('internal.engine_error', `Could not load snapshot: ${String(e)}`));
    }
  }
  const parsed = WorkspaceSnapshotSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return bad(`Invalid snapshot at ${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''}`);
  }
  try {
    return build(parsed.data as WorkspaceSnapshot);
  } catch (e) {
    return err(linkError('internal.engine_error', `Could not load snapshot: ${String(e)}`));
  }
}

/**
 * JSON.parse gives every occurrence of a string its own copy: on a 200,000-link graph the
 * repeated member ids and timestamps weigh more than the graph. Loading shares one copy.
 */
function interner(): <T extends string>(s: T) => T {
  const seen = new Map<string, string>();
  return <T extends string>(s: T): T => {
    const known = seen.get(s) as T | undefined;
    if (known !== undefined) return known;
    seen.set(s, s);
    return s;
  };
}

function build(s: WorkspaceSnapshot): Result<WorkspaceState, LinkError> {
  const share = interner();
  const owner = s.members.find((m) => m.id === s.owner);
  if (!owner) return bad('The owner is not a member.');
  const state = emptyState(owner, s.history.limit);
  for (const m of s.members) {
    if (state.members.has(m.id) && m !== owner) return bad(`Duplicate member ${m.id}.`);
    state.members.set(m.id, m);
  }
  for (const t of s.link_types) {
    if (state.linkTypes.has(t.id)) return bad(`Duplicate link type ${t.id}.`);
    state.linkTypes.set(t.id, t);
  }
  for (const parsed of s.nodes) {
    const rec = compactNode({
      ...parsed,
      owner: share(parsed.owner),
      created_time: share(parsed.created_time),
      last_edited_time: share(parsed.last_edited_time),
    });
    if (state.nodes.has(rec.id)) return bad(`Duplicate node ${rec.id}.`);
    if (!state.members.has(rec.owner)) return bad(`Node ${rec.id} has an unknown owner.`);
    const base: BaseStatus = rec.status === 2 ? (s.resume_status[rec.id] ?? 0) : rec.status;
    const n: NodeEntry = nodeEntry(rec, base, 0);
    state.nodes.set(rec.id, n);
    if (rec.in_trash) state.trashNodes.add(rec.id);
    noteDisplayId(state, rec.display_id);
  }
  for (const parsed of s.links) {
    const src = state.nodes.get(parsed.source);
    const tgt = state.nodes.get(parsed.target);
    const rec = compactLink({
      ...parsed,
      // The endpoints' own id strings, so a link holds no copy of them.
      source: src?.rec.id ?? parsed.source,
      target: tgt?.rec.id ?? parsed.target,
      // Type names too: JSON.parse gave every `"is_related_to"` its own copy (heap snapshot).
      ...(parsed.link_type !== undefined ? { link_type: share(parsed.link_type) } : {}),
      ...(parsed.custom_link_type !== undefined
        ? { custom_link_type: share(parsed.custom_link_type) }
        : {}),
      owner: share(parsed.owner),
      created_by: share(parsed.created_by),
      modified_by: share(parsed.modified_by),
      created_time: share(parsed.created_time),
      modified_time: share(parsed.modified_time),
    });
    if (state.links.has(rec.id)) return bad(`Duplicate link ${rec.id}.`);
    if (!src || !tgt) return bad(`Link ${rec.id} points at a missing node.`);
    if (src === tgt) return bad(`Link ${rec.id} is a self-link.`);
    if ((rec.link_type === 'custom_link') !== (rec.custom_link_type !== undefined)) {
      return bad(`Link ${rec.id}: custom_link_type goes with link_type custom_link only.`);
    }
    if (rec.custom_link_type !== undefined && !state.linkTypes.has(rec.custom_link_type)) {
      return bad(`Link ${rec.id} has an unknown custom link type.`);
    }
    if (!state.members.has(rec.owner)) return bad(`Link ${rec.id} has an unknown owner.`);
    const l = new LinkEntry(rec, src, tgt, linkBlockerIsSource(state, rec));
    state.links.set(rec.id, l);
    addOut(src, l);
    addIn(tgt, l);
    if (rec.in_trash) state.trashLinks.add(rec.id);
    noteDisplayId(state, rec.display_id);
  }
  for (const g of s.grants) {
    if (!state.nodes.has(g.node) || !state.members.has(g.member)) {
      return bad(`A grant refers to a missing node or member.`);
    }
    let mine = state.grants.get(g.member);
    if (!mine) state.grants.set(g.member, (mine = new Map()));
    mine.set(g.node, g);
  }
  // Arrays grown by push keep spare capacity (17 slots after the first push); a copy holds
  // exactly its links, which saves ~25 MB on a 100,000-node graph.
  for (const n of state.nodes.values()) {
    if (n.links.length > 0) n.links = n.links.slice();
  }
  const stuck = rebuildOrder(state);
  if (stuck.length > 0) return bad(`Primary links form a cycle through ${stuck[0] ?? ''}.`);
  for (const n of state.nodes.values()) {
    const status = computeStatus(n);
    if (status !== n.rec.status) setNodeRecord(n, { ...n.rec, status }, n.base);
  }
  // [L4] was_blocker is derived where the rule decides it (true while blocking, false when
  // secondary or the blocked node is done); elsewhere it is history and is kept.
  for (const l of state.links.values()) {
    const w = desiredWasBlocker(l);
    if (w !== l.rec.was_blocker) l.rec = { ...l.rec, was_blocker: w };
  }
  for (const [prefix, n] of Object.entries(s.counters)) {
    if ((state.counters.get(prefix) ?? 0) < n) state.counters.set(prefix, n);
  }
  const h = state.history;
  for (const b of s.history.batches.slice(-h.limit)) {
    h.batches.push(b);
    h.byId.set(b.batchId, b);
  }
  for (const id of s.history.undone) if (h.byId.has(id)) h.undone.add(id);
  return ok(state);
}
