/**
 * Building a workspace state from loaded records, shared by both snapshot encodings (the
 * exchange form in snapshot.ts and the stored form in stored-snapshot.ts). The decoder hands
 * over records one by one; the builder checks that references hold together, links the
 * entries, and at the end rebuilds the topological order and recomputes derived statuses.
 * Every check answers a message (the caller turns it into `bad_request.invalid_snapshot`), and
 * these checks are the only ones of references and ids: an import's graph is loaded here too
 * (electron/service/prepare-import.ts words a duplicate or dangling one as the import's refusal).
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
import type { ErrorExtras, LinkError } from './errors';
import { loadHistory } from './history-log';
import { blockingCycle, rebuildOrderSteps } from './order';
import { linkBlockerIsSource } from './records';
import { primaryCycleError, shapeRuleBreak } from './rules';
import {
  addIn,
  addOut,
  emptyState,
  nodeEntry,
  setNodeRecord,
  type BaseStatus,
  LinkEntry,
  type NodeEntry,
  type WorkspaceState,
} from './state';
import { desiredWasBlocker, recomputeAllStatuses } from './status';
import { drain, RECORDS_PER_STEP, type Steps } from './steps';

/**
 * A refusal of the builder: the snapshot does not hold together. When a link breaks one of the
 * engine's link rules, `rule` is the engine's own refusal (the error a command breaking it
 * gets) and `link` the offending link's id; when a record repeats an id or refers to a record
 * that is not there, `defect` says which (an import words these as its own refusals).
 */
export class SnapshotDefect extends Error {
  constructor(
    message: string,
    readonly rule?: LinkError,
    readonly link?: string,
    readonly defect?: SnapshotDefectKind,
  ) {
    super(message);
  }
}

/** What does not hold together: an id given twice, or a reference to nothing. */
export type SnapshotDefectKind = NonNullable<ErrorExtras['defect']>;

export interface SnapshotHead {
  owner: string;
  members: readonly Member[];
  link_types: readonly CustomLinkType[];
  historyLimit: number;
}

export interface SnapshotTail {
  /** [PL1] absent: no calendar set. */
  calendar?: WorkCalendar | undefined;
  grants: readonly AccessGrant[];
  counters: Readonly<Record<string, number>>;
  history: { batches: readonly Batch[]; undone: readonly string[] };
}

const duplicate = (message: string): never => {
  throw new SnapshotDefect(message, undefined, undefined, 'duplicate_id');
};
const dangling = (message: string): never => {
  throw new SnapshotDefect(message, undefined, undefined, 'dangling_reference');
};

const ruleDefect = (link: string, rule: LinkError): never => {
  throw new SnapshotDefect(`Link ${link}: ${rule.message}`, rule, link);
};

export class StateBuilder {
  readonly state: WorkspaceState;

  constructor(head: SnapshotHead) {
    const owner = head.members.find((m) => m.id === head.owner);
    if (!owner) dangling(`The owner ${head.owner} is not a member.`);
    const state = emptyState(owner as Member, head.historyLimit);
    for (const m of head.members) {
      if (state.members.has(m.id) && m !== owner) duplicate(`Duplicate member id ${m.id}.`);
      state.members.set(m.id, m);
    }
    for (const t of head.link_types) {
      if (state.linkTypes.has(t.id)) duplicate(`Duplicate custom link type id ${t.id}.`);
      state.linkTypes.set(t.id, t);
    }
    this.state = state;
  }

  /** Adds a node (its record already in the engine's compact shape). */
  addNode(rec: NodeRecord, base: BaseStatus): NodeEntry {
    const state = this.state;
    if (state.nodes.has(rec.id)) duplicate(`Duplicate node id ${rec.id}.`);
    if (!state.members.has(rec.owner))
      dangling(`Node ${rec.id}: owner ${rec.owner} is not a member.`);
    const n = nodeEntry(rec, base, 0);
    state.nodes.set(rec.id, n);
    if (rec.in_trash) state.trashNodes.add(rec.id);
    this.noteDisplayId(rec.display_id);
    return n;
  }

  /** Adds a link between two entries already added (undefined: the record names a missing node). */
  addLink(rec: LinkRecord, src: NodeEntry | undefined, tgt: NodeEntry | undefined): void {
    const state = this.state;
    if (state.links.has(rec.id)) duplicate(`Duplicate link id ${rec.id}.`);
    if (!src) return dangling(`Link ${rec.id}: source ${rec.source} is not a node.`);
    if (!tgt) return dangling(`Link ${rec.id}: target ${rec.target} is not a node.`);
    const broken = shapeRuleBreak(state, src, tgt, rec.link_type, rec.custom_link_type);
    if (broken) ruleDefect(rec.id, broken);
    // Every actor is a member and members are never removed (adding one cannot be undone), so
    // a link's people are members in any workspace this engine wrote.
    const members = state.members;
    if (!members.has(rec.owner)) dangling(`Link ${rec.id}: owner ${rec.owner} is not a member.`);
    if (!members.has(rec.created_by)) {
      dangling(`Link ${rec.id}: created_by ${rec.created_by} is not a member.`);
    }
    if (!members.has(rec.modified_by)) {
      dangling(`Link ${rec.id}: modified_by ${rec.modified_by} is not a member.`);
    }
    const l = new LinkEntry(rec, src, tgt, linkBlockerIsSource(state, rec));
    state.links.set(rec.id, l);
    addOut(src, l);
    addIn(tgt, l);
    if (rec.in_trash) state.trashLinks.add(rec.id);
    this.noteDisplayId(rec.display_id);
  }

  private lastPrefix = '';

  /**
   * Keeps the counter of the id's prefix past its number (as `noteDisplayId` does), without
   * slicing a new prefix string for every record: consecutive records mostly share one
   * (ISS-1, ISS-2, …), so the previous prefix is compared in place. Ids not of the form
   * `<prefix>-<digits>` are left alone.
   */
  private noteDisplayId(id: string): void {
    const dash = id.lastIndexOf('-');
    if (dash < 0 || dash === id.length - 1) return;
    let n = 0;
    for (let i = dash + 1; i < id.length; i++) {
      const digit = id.charCodeAt(i) - 48;
      if (digit < 0 || digit > 9) return;
      n = n * 10 + digit;
    }
    let prefix = this.lastPrefix;
    if (dash !== prefix.length || !id.startsWith(prefix)) {
      prefix = this.lastPrefix = id.slice(0, dash);
    }
    const counters = this.state.counters;
    if ((counters.get(prefix) ?? 0) < n) counters.set(prefix, n);
  }

  /** Grants, counters, history; then the order and every derived value. */
  finish(tail: SnapshotTail): WorkspaceState {
    return drain(this.finishSteps(tail));
  }

  /** `finish` in steps (steps.ts): a yield between its passes and every few thousand nodes. */
  *finishSteps(tail: SnapshotTail): Steps<WorkspaceState> {
    const state = this.state;
    for (const g of tail.grants) {
      if (!state.nodes.has(g.node)) dangling(`Grant on node ${g.node}: the node does not exist.`);
      if (!state.members.has(g.member)) dangling(`Grant to ${g.member}: not a member.`);
      let mine = state.grants.get(g.member);
      if (!mine) state.grants.set(g.member, (mine = new Map()));
      if (mine.has(g.node)) duplicate(`Two grants on node ${g.node} for member ${g.member}.`);
      mine.set(g.node, g);
    }
    // Arrays grown by push keep spare capacity (17 slots after the first push); a copy holds
    // exactly its links, which saves ~25 MB on a 100,000-node graph.
    let seen = 0;
    for (const n of state.nodes.values()) {
      if (++seen % RECORDS_PER_STEP === 0) yield;
      if (n.links.length > 1) n.links = n.links.slice();
    }
    yield;
    const stuck = yield* rebuildOrderSteps(state);
    if (stuck.length > 0) {
      // [C2] named as the engine names it when the cycle's last link is drawn.
      const cycle = blockingCycle(state, stuck);
      ruleDefect(cycle.link.rec.id, primaryCycleError(cycle.path));
    }
    // [N2] Statuses derived from scratch, blockers first (a stored status is never trusted).
    yield;
    for (const [n, status] of recomputeAllStatuses(state)) {
      setNodeRecord(n, { ...n.rec, status }, n.base);
    }
    yield;
    // [L4] was_blocker is derived where the rule decides it (true while blocking, false when
    // secondary or the blocked node is done); elsewhere it is history and is kept.
    for (const l of state.links.values()) {
      if (++seen % RECORDS_PER_STEP === 0) yield;
      const w = desiredWasBlocker(l);
      if (w !== l.rec.was_blocker) l.rec = { ...l.rec, was_blocker: w };
    }
    for (const [prefix, n] of Object.entries(tail.counters)) {
      if ((state.counters.get(prefix) ?? 0) < n) state.counters.set(prefix, n);
    }
    loadHistory(state.history, tail.history.batches, tail.history.undone);
    state.calendar = tail.calendar;
    return state;
  }
}
