/**
 * The in-memory workspace: records plus the indexes that keep every check local.
 * Records are immutable values: a change replaces the record object, so history images
 * and snapshots can share them safely. Only the entries (and indexes) are mutable.
 */
import type { AccessGrant, CustomLinkType, LinkRecord, Member, NodeRecord } from '../model/types';
import type { Batch } from './batch';
import { DEFAULT_HISTORY_LIMIT } from './constants';

/** A node's status when nothing blocks it: Blocked (2) is never a base status. */
export type BaseStatus = 0 | 1 | 3;

export interface NodeEntry {
  rec: NodeRecord;
  /** [N2] the status the node has whenever it is not Blocked. */
  base: BaseStatus;
  /** Links with this node as source / as target (trashed ones included). */
  out: LinkEntry[];
  in: LinkEntry[];
  /** Position in a topological order of active primary links (blocker before blocked). */
  ord: number;
  /** Mirrors of rec.in_trash and rec.dependent, kept on the entry so the status pass reads
   * one object per node instead of two (it is memory-bound on large graphs). */
  trash: boolean;
  dependent: boolean;
}

export interface LinkEntry {
  rec: LinkRecord;
  src: NodeEntry;
  tgt: NodeEntry;
  /** Type identity (`plain`, a built-in type, or `custom:<id>`). */
  key: string;
  /** [L2] the source is the blocker side. */
  blockerIsSource: boolean;
  /** Mirror of `rec.type === 0 && !rec.in_trash` (see NodeEntry.trash). */
  live: boolean;
}

/** Creates a node entry with its mirrors set. */
export function nodeEntry(rec: NodeRecord, base: BaseStatus, ord: number): NodeEntry {
  return { rec, base, out: [], in: [], ord, trash: rec.in_trash, dependent: rec.dependent };
}

/** Sets a node entry's record and mirrors. */
export function setNodeRecord(n: NodeEntry, rec: NodeRecord, base: BaseStatus): void {
  n.rec = rec;
  n.base = base;
  n.trash = rec.in_trash;
  n.dependent = rec.dependent;
}

export const isLive = (rec: LinkRecord): boolean => rec.type === 0 && !rec.in_trash;

export interface HistoryState {
  limit: number;
  /** Oldest first; at most `limit` long. */
  batches: Batch[];
  byId: Map<string, Batch>;
  /** Ids of original batches that are currently undone. */
  undone: Set<string>;
}

/** What `rollbackBatch` needs to put back besides the batch's own images. */
export interface CommitStash {
  batchId: string;
  counters: Map<string, number>;
  evicted: Batch | undefined;
  recorded: boolean;
}

export interface WorkspaceState {
  nodes: Map<string, NodeEntry>;
  links: Map<string, LinkEntry>;
  linkTypes: Map<string, CustomLinkType>;
  members: Map<string, Member>;
  ownerId: string;
  /** member id → node id → grant. */
  grants: Map<string, Map<string, AccessGrant>>;
  /** Display-id prefix → last number issued. */
  counters: Map<string, number>;
  trashNodes: Set<string>;
  trashLinks: Set<string>;
  /** Type key → links of that type. */
  byType: Map<string, Set<LinkEntry>>;
  nextOrd: number;
  history: HistoryState;
  lastCommit: CommitStash | undefined;
}

export function emptyState(owner: Member, historyLimit = DEFAULT_HISTORY_LIMIT): WorkspaceState {
  return {
    nodes: new Map(),
    links: new Map(),
    linkTypes: new Map(),
    members: new Map([[owner.id, owner]]),
    ownerId: owner.id,
    grants: new Map(),
    counters: new Map(),
    trashNodes: new Set(),
    trashLinks: new Set(),
    byType: new Map(),
    nextOrd: 0,
    history: { limit: historyLimit, batches: [], byId: new Map(), undone: new Set() },
    lastCommit: undefined,
  };
}

/** [L5] A link is active when neither it nor an endpoint is in trash. */
export function isActive(l: LinkEntry): boolean {
  return !l.rec.in_trash && !l.src.rec.in_trash && !l.tgt.rec.in_trash;
}
export function blockerOf(l: LinkEntry): NodeEntry {
  return l.blockerIsSource ? l.src : l.tgt;
}
export function blockedOf(l: LinkEntry): NodeEntry {
  return l.blockerIsSource ? l.tgt : l.src;
}
/** An edge of the blocking graph: an active primary link. */
export function isEdge(l: LinkEntry): boolean {
  return l.rec.type === 0 && isActive(l);
}

/** Calls fn for every link touching the node (each once, self-links cannot exist). */
export function forEachLink(n: NodeEntry, fn: (l: LinkEntry) => void): void {
  for (const l of n.out) fn(l);
  for (const l of n.in) fn(l);
}

export function removeFromArray<T>(arr: T[], item: T): void {
  const i = arr.indexOf(item);
  if (i < 0) return;
  const last = arr.pop() as T;
  if (i < arr.length) arr[i] = last;
}

export function indexLinkType(state: WorkspaceState, l: LinkEntry): void {
  let set = state.byType.get(l.key);
  if (!set) state.byType.set(l.key, (set = new Set()));
  set.add(l);
}
export function unindexLinkType(state: WorkspaceState, l: LinkEntry): void {
  state.byType.get(l.key)?.delete(l);
}

/** Issues the next display id for a prefix (`ISS-13`). */
export function nextDisplayId(state: WorkspaceState, prefix: string): string {
  const n = (state.counters.get(prefix) ?? 0) + 1;
  state.counters.set(prefix, n);
  return `${prefix}-${n}`;
}

/** Keeps the counter past a display id that arrives from outside (replay, snapshot). */
export function noteDisplayId(state: WorkspaceState, displayId: string): void {
  const dash = displayId.lastIndexOf('-');
  if (dash < 0) return;
  const n = Number(displayId.slice(dash + 1));
  if (!Number.isInteger(n)) return;
  const prefix = displayId.slice(0, dash);
  if ((state.counters.get(prefix) ?? 0) < n) state.counters.set(prefix, n);
}

export type { LinkRecord, NodeRecord };
