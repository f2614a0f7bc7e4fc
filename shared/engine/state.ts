/**
 * The in-memory workspace: records plus the indexes that keep every check local.
 * Records are immutable values: a change replaces the record object, so history images
 * and snapshots can share them safely. Only the entries (and indexes) are mutable.
 */
import type {
  AccessGrant,
  CustomLinkType,
  LinkRecord,
  Member,
  NodeRecord,
  WorkCalendar,
} from '../model/types';
import type { Batch } from './batch';
import type { PlanState } from './plan/schedule';
import { dayOf } from './plan/work-calendar';
import { DEFAULT_HISTORY_LIMIT, typeKey } from './constants';

/** A node's status when nothing blocks it: Blocked (2) is never a base status. */
export type BaseStatus = 0 | 1 | 3;

/** NodeEntry.startDay / dueDay when the record has no such date (a Smi, unlike NaN). */
export const NO_DAY = -0x3fffffff;

/** NodeEntry.flags bits: the base status in the low two bits, then the three mirrors, then the
 * number of outgoing links. Written out by hand in status.ts (the cascade's inner loop). */
const BASE_MASK = 3;
const TRASH = 4;
const DEPENDENT = 8;
/** Mirror of `rec.status === 2`: with the base status it tells whether the node is finished
 * (visible status Completed), which is what its own blocked nodes read [N2]. */
const BLOCKED = 16;
export const OUT_SHIFT = 5;
const LOW_MASK = (1 << OUT_SHIFT) - 1;

/**
 * A node in the workspace: its (immutable) record, its links and the mirrors the status pass
 * and the schedule read. The links of both directions share one array (outgoing first), and
 * the base status, the two boolean mirrors and the outgoing count share one small-integer
 * field: 56 bytes per node plus one array, instead of 80 bytes plus two arrays (the three
 * planning mirrors add 12 bytes, and a fractional estimate its own 12-byte number).
 */
export class NodeEntry {
  rec: NodeRecord;
  /**
   * Every link touching this node, trashed ones included: `links[0 .. outCount)` have it as
   * source, the rest as target. Written only through addOut / addIn / removeOut / removeIn.
   */
  links: LinkEntry[];
  /** Position in a topological order of active primary links (blocker before blocked). */
  ord: number;
  /** base | TRASH | DEPENDENT | BLOCKED | outCount << OUT_SHIFT. */
  flags: number;
  /**
   * [PL2] The node's slot in the schedule's value array while the workspace keeps a schedule
   * (plan/schedule.ts), -1 before it has one: on the entry, not in a map, because the
   * schedule's passes read it for every link (a small integer: 8 bytes per node).
   */
  sched: number;
  /**
   * [PL2] Mirrors of the planning inputs (`estimate ?? 0`; `start_date` and `due_date` as day
   * numbers since 1970-01-01, NO_DAY when unset), set with the record: the schedule's full
   * pass reads them for every node, and reading (and parsing) the records cost it a quarter
   * of its time. Small integers (Smis) but for a fractional estimate.
   */
  est: number;
  startDay: number;
  dueDay: number;

  constructor(rec: NodeRecord, base: BaseStatus, ord: number) {
    this.rec = rec;
    this.links = NO_LINKS;
    this.ord = ord;
    this.flags = nodeFlags(rec, base);
    this.sched = -1;
    this.est = rec.estimate ?? 0;
    this.startDay = rec.start_date === undefined ? NO_DAY : dayOf(rec.start_date);
    this.dueDay = rec.due_date === undefined ? NO_DAY : dayOf(rec.due_date);
  }

  /** [N2] the status the node has whenever it is not Blocked. */
  get base(): BaseStatus {
    return (this.flags & BASE_MASK) as BaseStatus;
  }
  set base(base: BaseStatus) {
    this.flags = (this.flags & ~BASE_MASK) | base;
  }
  /** Mirrors of rec.in_trash and rec.dependent, kept on the entry so the status pass reads
   * one object per node instead of two (it is memory-bound on large graphs). */
  get trash(): boolean {
    return (this.flags & TRASH) !== 0;
  }
  get dependent(): boolean {
    return (this.flags & DEPENDENT) !== 0;
  }
  /** [N2] Finished: its visible status is Completed (Completed and not re-blocked). A Blocked
   * node is unfinished whatever it was before, so it blocks what it blocks. */
  get finished(): boolean {
    return (this.flags & (BASE_MASK | BLOCKED)) === 3;
  }
  /** How many of `links` are outgoing (they come first). */
  get outCount(): number {
    return this.flags >>> OUT_SHIFT;
  }
  /** Links with this node as source (a copy). */
  get out(): LinkEntry[] {
    return this.links.slice(0, this.outCount);
  }
  /** Links with this node as target (a copy). */
  get in(): LinkEntry[] {
    return this.links.slice(this.outCount);
  }
}

function nodeFlags(rec: NodeRecord, base: BaseStatus): number {
  return (
    base |
    (rec.in_trash ? TRASH : 0) |
    (rec.dependent ? DEPENDENT : 0) |
    (rec.status === 2 ? BLOCKED : 0)
  );
}

/** LinkEntry.flags bits. */
const LIVE = 1;
const BLOCKER_IS_SOURCE = 2;

/**
 * A link in the workspace: its (immutable) record, its endpoints' entries and the mirrors the
 * status pass reads. The two booleans share one small-integer field and the type identity is
 * derived from the record: 56 bytes per link instead of 72 (3 MB on 200,000 links).
 */
export class LinkEntry {
  rec: LinkRecord;
  src: NodeEntry;
  tgt: NodeEntry;
  /** LIVE | BLOCKER_IS_SOURCE; read through `live` and `blockerIsSource`. */
  flags: number;

  constructor(rec: LinkRecord, src: NodeEntry, tgt: NodeEntry, blockerIsSource: boolean) {
    this.rec = rec;
    this.src = src;
    this.tgt = tgt;
    this.flags = linkFlags(rec, blockerIsSource);
  }

  /** Type identity (`plain`, a built-in type, or `custom:<id>`), one shared string per type. */
  get key(): string {
    return typeKey(this.rec.link_type, this.rec.custom_link_type);
  }
  /** [L2] the source is the blocker side. */
  get blockerIsSource(): boolean {
    return (this.flags & BLOCKER_IS_SOURCE) !== 0;
  }
  /** Mirror of `rec.type === 0 && !rec.in_trash` (see NodeEntry.trash). */
  get live(): boolean {
    return (this.flags & LIVE) !== 0;
  }

  /** Sets the record and its mirrors. */
  setRecord(rec: LinkRecord, blockerIsSource: boolean): void {
    this.rec = rec;
    this.flags = linkFlags(rec, blockerIsSource);
  }
}

function linkFlags(rec: LinkRecord, blockerIsSource: boolean): number {
  return (isLive(rec) ? LIVE : 0) | (blockerIsSource ? BLOCKER_IS_SOURCE : 0);
}

/**
 * The one (frozen) empty link array every node without outgoing / incoming links shares until
 * its first link: a fresh `[]` per side is 32 bytes, ~1 MB on a 100,000-node graph.
 * Always add through `addOut` / `addIn`.
 */
const NO_LINKS = Object.freeze([]) as unknown as LinkEntry[];

/** Creates a node entry with its mirrors set. */
export function nodeEntry(rec: NodeRecord, base: BaseStatus, ord: number): NodeEntry {
  return new NodeEntry(rec, base, ord);
}

/** Adds a link to a node's outgoing links. */
export function addOut(n: NodeEntry, l: LinkEntry): void {
  const k = n.outCount;
  if (n.links === NO_LINKS) n.links = [l];
  else {
    const links = n.links;
    // The first incoming link (if any) moves to the end to make room.
    links.push(links[k] ?? l);
    links[k] = l;
  }
  n.flags += 1 << OUT_SHIFT;
}
/** Adds a link to a node's incoming links. */
export function addIn(n: NodeEntry, l: LinkEntry): void {
  if (n.links === NO_LINKS) n.links = [l];
  else n.links.push(l);
}
/** Removes a link from a node's outgoing links (nothing if it is not there). */
export function removeOut(n: NodeEntry, l: LinkEntry): void {
  const links = n.links;
  const last = n.outCount - 1;
  const i = links.indexOf(l);
  if (i < 0 || i > last) return;
  // The last outgoing link fills the hole, the last link fills its place.
  links[i] = links[last] as LinkEntry;
  links[last] = links[links.length - 1] as LinkEntry;
  links.pop();
  n.flags -= 1 << OUT_SHIFT;
}
/** Removes a link from a node's incoming links (nothing if it is not there). */
export function removeIn(n: NodeEntry, l: LinkEntry): void {
  const links = n.links;
  const i = links.indexOf(l, n.outCount);
  if (i < 0) return;
  const last = links.pop() as LinkEntry;
  if (i < links.length) links[i] = last;
}

/** Sets a node entry's record and mirrors. */
export function setNodeRecord(n: NodeEntry, rec: NodeRecord, base: BaseStatus): void {
  const old = n.rec;
  n.rec = rec;
  n.flags = nodeFlags(rec, base) | (n.flags & ~LOW_MASK);
  if (rec.estimate !== old.estimate) n.est = rec.estimate ?? 0;
  if (rec.start_date !== old.start_date) {
    n.startDay = rec.start_date === undefined ? NO_DAY : dayOf(rec.start_date);
  }
  if (rec.due_date !== old.due_date) {
    n.dueDay = rec.due_date === undefined ? NO_DAY : dayOf(rec.due_date);
  }
}

export const isLive = (rec: LinkRecord): boolean => rec.type === 0 && !rec.in_trash;

export interface HistoryState {
  limit: number;
  /** Oldest first; at most `limit` long. */
  batches: Batch[];
  byId: Map<string, Batch>;
  /** Ids of original batches that are currently undone. */
  undone: Set<string>;
  /** Actor id → how many of `batches` are theirs (the retention rule reads it, history-log.ts). */
  counts: Map<string, number>;
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
  /**
   * Type key → links of that type, built on demand from the links (nothing in the engine
   * needs it: every rule reads the endpoints' own link arrays). Kept for diagnostics and the
   * invariant tests; a stored global index cost ~6 MB on a 200,000-link graph.
   */
  readonly byType: Map<string, Set<LinkEntry>>;
  nextOrd: number;
  history: HistoryState;
  lastCommit: CommitStash | undefined;
  /** [PL1] The workspace calendar; undefined until set (Monday–Friday, no holidays). */
  calendar: WorkCalendar | undefined;
  /**
   * [PL2] The derived schedule, built on the first planning read and then kept up to date by
   * every Tx (docs/planning.md). Undefined until asked for, and dropped when the calendar
   * changes: a workspace nobody plans pays nothing for it.
   */
  plan: PlanState | undefined;
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
    get byType() {
      return linksByType(this.links);
    },
    nextOrd: 0,
    history: {
      limit: historyLimit,
      batches: [],
      byId: new Map(),
      undone: new Set(),
      counts: new Map(),
    },
    lastCommit: undefined,
    calendar: undefined,
    plan: undefined,
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

/** Calls fn for every link touching the node (each once, self-links cannot exist), outgoing
 * first. */
export function forEachLink(n: NodeEntry, fn: (l: LinkEntry) => void): void {
  for (const l of n.links) fn(l);
}

/** Type key → links of that type, computed from the links (see WorkspaceState.byType). */
export function linksByType(links: Map<string, LinkEntry>): Map<string, Set<LinkEntry>> {
  const byType = new Map<string, Set<LinkEntry>>();
  for (const l of links.values()) {
    let set = byType.get(l.key);
    if (!set) byType.set(l.key, (set = new Set()));
    set.add(l);
  }
  return byType;
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
