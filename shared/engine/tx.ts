/**
 * The one place the workspace is mutated. A Tx records the first "before" of every entity it
 * touches, keeps every index (endpoints, types, trash, topological order) in step with each
 * change, collects the nodes whose Blocked state may have changed, and at the end runs that
 * cascade and turns the record into the history batch. A Tx can also be reverted exactly.
 */
import type {
  AccessGrant,
  CustomLinkType,
  LinkRecord,
  Member,
  NodeRecord,
  WorkCalendar,
} from '../model/types';
import type { Batch, BatchActor } from './batch';
import { Op, type OpCode } from './constants';
import { orderInsert, rebuildOrder } from './order';
import {
  addIn,
  addOut,
  blockedOf,
  blockerOf,
  forEachLink,
  isEdge,
  nodeEntry,
  removeIn,
  removeOut,
  setNodeRecord,
  type BaseStatus,
  LinkEntry,
  type NodeEntry,
  type WorkspaceState,
} from './state';
import { computeStatus } from './status';
import { copyNode, linkBlockerIsSource, type NodePatch } from './records';
import { refreshSchedule } from './plan/schedule';
import { NodeHeap } from './node-heap';
import { batchOfTx } from './tx-batch';
import { linkPlanInputsDiffer, planInputsDiffer } from './plan/plan-inputs';

interface NodeTouch {
  op: OpCode;
  before: NodeRecord | undefined;
  beforeBase: BaseStatus;
  bumped: boolean;
}
interface Touch<T> {
  op: OpCode;
  before: T | undefined;
  bumped: boolean;
}

const grantKey = (member: string, node: string) => `${member}|${node}`;

export class Tx {
  readonly nodes = new Map<string, NodeTouch>();
  readonly links = new Map<string, Touch<LinkRecord>>();
  readonly grants = new Map<string, Touch<AccessGrant>>();
  readonly members = new Map<string, Touch<Member>>();
  readonly linkTypes = new Map<string, Touch<CustomLinkType>>();
  /** [PL1] The calendar as it was before this Tx, once touched. */
  calendarTouch: Touch<WorkCalendar> | undefined;
  /** Nodes whose Blocked state may have changed: the cascade visits only these. */
  readonly candidates = new Set<NodeEntry>();
  /** Nodes whose only write so far is a cascade status image (undo / redo). */
  readonly statusOnly = new Set<string>();
  /** Set when an edge activated by a raw image write closed a primary cycle. */
  cycleFailed = false;

  constructor(
    readonly state: WorkspaceState,
    readonly now: string,
    readonly actorId: string,
  ) {}

  // ---- raw writes: put an entity's whole record (or remove it), keeping indexes ----

  putNode(id: string, rec: NodeRecord | undefined, base: BaseStatus, op: OpCode): void {
    const st = this.state;
    const old = st.nodes.get(id);
    const touched = this.nodes.get(id);
    if (!touched) {
      this.nodes.set(id, { op, before: old?.rec, beforeBase: old?.base ?? 0, bumped: false });
    } else if (touched.op === Op.NODE_STATUS && op !== Op.NODE_STATUS) {
      // A direct change after a settled cascade (commands on several elements): the entry is
      // that change, with full images, not the cascade's short status image.
      touched.op = op;
    }
    if (!old) {
      if (!rec) return;
      const n = nodeEntry(rec, base, st.nextOrd++);
      st.nodes.set(id, n);
      if (rec.in_trash) st.trashNodes.add(id);
      this.candidates.add(n);
      st.plan?.dirty.add(n);
      return;
    }
    if (st.plan && (!rec || planInputsDiffer(old.rec, rec))) {
      st.plan.dirty.add(old);
      // [PL2] Its edges came or went all at once: the neighbours are recomputed too.
      if (rec && (old.rec.in_trash !== rec.in_trash || old.rec.dependent !== rec.dependent)) {
        st.plan.reseed.add(old);
      }
    }
    if (!rec) {
      for (const l of [...old.links]) this.putLink(l.rec.id, undefined, Op.LINK_PURGE);
      st.nodes.delete(id);
      st.trashNodes.delete(id);
      return;
    }
    const trashChanged = old.rec.in_trash !== rec.in_trash;
    // [N2] What the nodes it blocks read is whether it is finished (visible Completed).
    const finishedChanged = old.finished !== (base === 3 && rec.status !== 2);
    let edgesBefore: Set<LinkEntry> | undefined;
    if (trashChanged) {
      edgesBefore = new Set();
      forEachLink(old, (l) => {
        if (isEdge(l)) edgesBefore?.add(l);
      });
    }
    setNodeRecord(old, rec, base);
    if (rec.in_trash) st.trashNodes.add(id);
    else st.trashNodes.delete(id);
    this.candidates.add(old);
    if (edgesBefore) {
      const was = edgesBefore;
      forEachLink(old, (l) => {
        const now = isEdge(l);
        if (was.has(l) === now) return;
        this.candidates.add(blockedOf(l));
        if (now && !orderInsert(blockerOf(l), blockedOf(l))) this.cycleFailed = true;
      });
    }
    if (finishedChanged) this.addBlockedBy(old, this.candidates);
  }

  /** Adds the nodes n blocks through an edge of the blocking graph. */
  private addBlockedBy(n: NodeEntry, to: { add(n: NodeEntry): unknown }): void {
    forEachLink(n, (l) => {
      if (blockerOf(l) === n && isEdge(l)) to.add(blockedOf(l));
    });
  }

  putLink(id: string, rec: LinkRecord | undefined, op: OpCode): void {
    const st = this.state;
    const old = st.links.get(id);
    const touched = this.links.get(id);
    if (!touched) this.links.set(id, { op, before: old?.rec, bumped: false });
    else if (touched.op === Op.LINK_UPDATE && op !== Op.LINK_UPDATE) touched.op = op; // as nodes
    const wasEdge = old ? isEdge(old) : false;
    const oldBlocker = old && blockerOf(old);
    const oldBlocked = old && blockedOf(old);
    const plan = st.plan;
    if (plan && (!old || !rec || linkPlanInputsDiffer(old.rec, rec))) {
      // [PL2] The schedule reads edges from both ends; was_blocker changes do not count.
      if (old) {
        plan.dirty.add(old.src);
        plan.dirty.add(old.tgt);
      }
      if (rec) {
        plan.dirty.add(this.node(rec.source));
        plan.dirty.add(this.node(rec.target));
      }
    }
    let entry = old;
    if (old && !rec) {
      removeOut(old.src, old);
      removeIn(old.tgt, old);
      st.links.delete(id);
      st.trashLinks.delete(id);
      entry = undefined;
    } else if (old && rec) {
      if (rec.source !== old.rec.source || rec.target !== old.rec.target) {
        removeOut(old.src, old);
        removeIn(old.tgt, old);
        old.src = this.node(rec.source);
        old.tgt = this.node(rec.target);
        addOut(old.src, old);
        addIn(old.tgt, old);
      }
      old.setRecord(rec, linkBlockerIsSource(st, rec));
      if (rec.in_trash) st.trashLinks.add(id);
      else st.trashLinks.delete(id);
    } else if (rec) {
      const src = this.node(rec.source);
      const tgt = this.node(rec.target);
      entry = new LinkEntry(rec, src, tgt, linkBlockerIsSource(st, rec));
      st.links.set(id, entry);
      addOut(src, entry);
      addIn(tgt, entry);
      if (rec.in_trash) st.trashLinks.add(id);
    }
    // Both blocked ends are visited even when no edge changed: `was_blocker` may (L4).
    if (oldBlocked) this.candidates.add(oldBlocked);
    if (entry) this.candidates.add(blockedOf(entry));
    if (entry && isEdge(entry)) {
      const b = blockerOf(entry);
      const d = blockedOf(entry);
      this.candidates.add(d);
      if ((!wasEdge || b !== oldBlocker) && !orderInsert(b, d)) this.cycleFailed = true;
    }
  }

  putGrant(member: string, node: string, grant: AccessGrant | undefined, op: OpCode): void {
    const key = grantKey(member, node);
    let mg = this.state.grants.get(member);
    if (!this.grants.has(key)) this.grants.set(key, { op, before: mg?.get(node), bumped: true });
    if (grant) {
      if (!mg) this.state.grants.set(member, (mg = new Map()));
      mg.set(node, grant);
    } else if (mg) {
      mg.delete(node);
      if (mg.size === 0) this.state.grants.delete(member);
    }
  }

  putMember(id: string, m: Member | undefined, op: OpCode): void {
    const old = this.state.members.get(id);
    if (!this.members.has(id)) this.members.set(id, { op, before: old, bumped: true });
    if (m) this.state.members.set(id, m);
    else this.state.members.delete(id);
  }

  putLinkType(id: string, t: CustomLinkType | undefined, op: OpCode): void {
    const old = this.state.linkTypes.get(id);
    if (!this.linkTypes.has(id)) this.linkTypes.set(id, { op, before: old, bumped: true });
    if (t) this.state.linkTypes.set(id, t);
    else this.state.linkTypes.delete(id);
  }

  /** [PL1] Sets (or clears) the workspace calendar; the schedule is rebuilt on its next read. */
  putCalendar(cal: WorkCalendar | undefined): void {
    const st = this.state;
    this.calendarTouch ??= { op: Op.CALENDAR_SET, before: st.calendar, bumped: true };
    st.calendar = cal;
    st.plan = undefined;
  }

  private node(id: string): NodeEntry {
    const n = this.state.nodes.get(id);
    if (!n) throw new Error(`link endpoint ${id} does not exist`);
    return n;
  }

  // ---- edits as commands make them: version +1 once per batch, times and authors ----

  addNode(rec: NodeRecord, base: BaseStatus): NodeEntry {
    this.putNode(rec.id, rec, base, Op.NODE_ADD);
    (this.nodes.get(rec.id) as NodeTouch).bumped = true;
    return this.state.nodes.get(rec.id) as NodeEntry;
  }

  editNode(n: NodeEntry, patch: NodePatch, op: OpCode, base = n.base): void {
    const t = this.nodes.get(n.rec.id);
    // Versions only move forward, even after an image wrote an older one back (undo).
    const version = t?.bumped
      ? n.rec.version
      : Math.max(n.rec.version, t?.before?.version ?? 0) + 1;
    this.putNode(n.rec.id, copyNode(n.rec, patch, version, this.now), base, op);
    (this.nodes.get(n.rec.id) as NodeTouch).bumped = true;
  }

  removeNode(n: NodeEntry, op: OpCode): void {
    this.putNode(n.rec.id, undefined, 0, op);
  }

  addLink(rec: LinkRecord, op: OpCode): LinkEntry {
    this.putLink(rec.id, rec, op);
    (this.links.get(rec.id) as Touch<LinkRecord>).bumped = true;
    return this.state.links.get(rec.id) as LinkEntry;
  }

  editLink(l: LinkEntry, patch: Partial<LinkRecord>, op: OpCode): void {
    const t = this.links.get(l.rec.id);
    const version = t?.bumped
      ? l.rec.version
      : Math.max(l.rec.version, t?.before?.version ?? 0) + 1;
    const rec = {
      ...l.rec,
      ...patch,
      version,
      modified_time: this.now,
      modified_by: this.actorId,
    };
    this.putLink(l.rec.id, rec, op);
    (this.links.get(l.rec.id) as Touch<LinkRecord>).bumped = true;
  }

  removeLink(l: LinkEntry, op: OpCode): void {
    this.putLink(l.rec.id, undefined, op);
  }

  // ---- the cascade and the batch ----

  /**
   * [N2] [L4] Recomputes the status of every candidate and `was_blocker` of its links, in
   * topological order (blocker before blocked), so each node reads its blockers' final
   * statuses and is visited once. A node whose finished state changes passes the cascade on
   * to the nodes it blocks: the walk goes up a chain exactly as far as something changes.
   */
  cascade(): void {
    const heap = new NodeHeap(1);
    for (const n of this.candidates) heap.add(n);
    for (let n = heap.pop(); n; n = heap.pop()) {
      if (this.state.nodes.get(n.rec.id) !== n) continue;
      const wasFinished = n.finished;
      const s = computeStatus(n);
      if (s !== n.rec.status) {
        const t = this.nodes.get(n.rec.id);
        if (t?.before && this.statusOnly.has(n.rec.id) && t.before.status === s) {
          // An undone cascade that other changes keep in force: the node stays as it was.
          this.putNode(n.rec.id, t.before, t.beforeBase, t.op);
        } else {
          this.editNode(n, { status: s }, Op.NODE_STATUS);
        }
      }
      if (n.finished !== wasFinished) this.addBlockedBy(n, heap);
      const k = n.outCount;
      this.refreshWasBlocker(n, k, n.links.length, true);
      this.refreshWasBlocker(n, 0, k, false);
    }
  }

  /**
   * Runs the cascade for what was written so far and starts collecting afresh: commands on
   * several elements call it between elements, so each element's checks read the statuses
   * the previous ones left (completing a chain blocker first, then what it blocked).
   */
  settle(): void {
    this.cascade();
    this.candidates.clear();
  }

  /** [L4] `was_blocker` of the links with n on their blocked side (desiredWasBlocker, inlined
   * because this runs for every node of every cascade). */
  private refreshWasBlocker(n: NodeEntry, from: number, to: number, nIsTarget: boolean): void {
    // editLink never moves links between nodes, so n.links keeps its order meanwhile.
    const links = n.links;
    for (let i = from; i < to; i++) {
      const l = links[i] as LinkEntry;
      if (l.blockerIsSource !== nIsTarget) continue;
      const r = l.rec;
      let w = r.was_blocker;
      if (r.type === 1 || n.rec.status === 3) w = false;
      else if (!w) {
        const b = nIsTarget ? l.src : l.tgt;
        const active = !r.in_trash && !b.rec.in_trash && !n.rec.in_trash;
        if (active && n.rec.dependent && !b.finished) w = true;
      }
      if (w !== r.was_blocker) this.editLink(l, { was_blocker: w }, Op.LINK_UPDATE);
    }
  }

  /** Runs the cascade (and the schedule) and returns the batch describing everything this Tx
   * changed. */
  finish(batchId: string, actor: BatchActor, extra: Partial<Batch> = {}): Batch {
    this.cascade();
    if (this.state.plan) refreshSchedule(this.state, this.state.plan);
    return batchOfTx(this, batchId, actor, extra);
  }

  /** Puts every touched entity back exactly as it was before this Tx. */
  revert(): void {
    const r = new Tx(this.state, this.now, this.actorId);
    for (const [id, t] of this.nodes) if (t.before) r.putNode(id, t.before, t.beforeBase, t.op);
    // Deactivations first, as in writeImages: no transient primary cycle.
    for (const [id, t] of this.links)
      if (!t.before || t.before.in_trash) r.putLink(id, t.before, t.op);
    for (const [id, t] of this.links)
      if (t.before && !t.before.in_trash) r.putLink(id, t.before, t.op);
    for (const [id, t] of this.nodes) if (!t.before) r.putNode(id, undefined, 0, t.op);
    for (const [key, t] of this.grants) {
      const [member = '', node = ''] = key.split('|');
      r.putGrant(member, node, t.before, t.op);
    }
    for (const [id, t] of this.members) r.putMember(id, t.before, t.op);
    for (const [id, t] of this.linkTypes) r.putLinkType(id, t.before, t.op);
    if (this.calendarTouch) r.putCalendar(this.calendarTouch.before);
    if (this.cycleFailed || r.cycleFailed) rebuildOrder(this.state);
  }
}
