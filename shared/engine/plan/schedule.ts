/**
 * [PL2] The schedule: critical-path method over the primary blocking graph, kept up to date
 * incrementally. Derived state (like statuses): never in records, history or snapshots.
 *
 * Time is in working days from the plan start (work-calendar.ts). A node is *open* when it is
 * neither in trash nor Completed; open work takes its `estimate` (0 when none) from its
 * earliest possible start. Completed and trashed nodes take no time and hold nothing back.
 * An edge is an active primary link whose blocked node is dependent (a non-dependent node
 * never waits, [N3]).
 *
 * Per node the schedule keeps what does not depend on the plan as a whole:
 * - forward:  es = max(0, start_date, ef of every blocker); ef = es + estimate;
 * - backward: tail = the longest work after the node (max over blocked d of dur(d) + tail(d)),
 *   due = the latest finish the due dates allow (min of its own due date and, over blocked d,
 *   due(d) − dur(d)).
 * The plan's end (max ef), latest finish lf = min(due, end − tail), latest start, slack and the
 * critical path are read from these in one pass when asked (plan-queries.ts), so a change that
 * moves the plan's end does not rewrite every node.
 *
 * A write marks the nodes whose inputs changed (`dirty`, by the Tx); `refresh` recomputes them
 * and walks on only while a node's contribution to its neighbours changes: downstream in
 * topological order (`ord`, blocker first) for the forward values, upstream in reverse order
 * for the backward ones — the cascade's method (tx.ts). `buildSchedule` is the from-scratch pass.
 */
import type { WorkCalendar } from '../../model/types';
import {
  blockedOf,
  blockerOf,
  isEdge,
  OUT_SHIFT,
  type LinkEntry,
  type NodeEntry,
  type WorkspaceState,
} from '../state';
import { WorkDays } from './work-calendar';

/** The derived schedule values of one node (see the file comment), as reads answer them. */
export interface NodeSched {
  es: number;
  /** Also what the node hands its blocked nodes: 0 for closed work. */
  ef: number;
  tail: number;
  due: number;
  /** What the node hands its blockers: dur + tail and due − dur (0 and ∞ for closed work). */
  up: number;
  upDue: number;
}

// Each node's values live in one Float64Array, WIDTH numbers per node at the slot its entry
// holds (`NodeEntry.sched`): no object and no boxed double per node, so a full pass over
// 100,000 nodes allocates two arrays.
const ES = 0;
const EF = 1;
const TAIL = 2;
const DUE = 3;
const UP = 4;
const UPDUE = 5;
const WIDTH = 6;

/** The schedule of a workspace, with the nodes whose inputs changed since it was refreshed. */
export class PlanState {
  /** Nodes whose planning inputs changed (written by the Tx). */
  readonly dirty = new Set<NodeEntry>();
  /**
   * Nodes whose edges appeared or vanished all at once (trashed, restored, made (in)dependent):
   * their neighbours are recomputed too, since no contribution change would reach them along
   * edges that are gone.
   */
  readonly reseed = new Set<NodeEntry>();
  /** Bumped whenever a value may have changed: read-side caches key on it. */
  version = 0;
  /** Node recomputations of the last refresh (tests and the benchmark read it). */
  visits = 0;
  /** WIDTH values per slot; slots of purged nodes are not reused (a rebuild compacts). */
  vals: Float64Array;
  /** Slots handed out so far. */
  used = 0;

  constructor(
    /** The workspace's nodes (each entry holds its slot in `sched`). */
    readonly nodes: ReadonlyMap<string, NodeEntry>,
    readonly days: WorkDays,
    /** The date the plan start fell back to (no `plan_start` in the calendar). */
    readonly fallbackStart: string,
  ) {
    this.vals = new Float64Array(Math.max(64, nodes.size + 64) * WIDTH);
  }

  /** The node's slot, a fresh one (neutral values) if it has none in this schedule yet. */
  slot(n: NodeEntry): number {
    if (n.sched >= 0 && n.sched < this.used) return n.sched;
    const s = this.used++;
    if ((s + 1) * WIDTH > this.vals.length) {
      const grown = new Float64Array(this.vals.length * 2);
      grown.set(this.vals);
      this.vals = grown;
    }
    const o = s * WIDTH;
    const v = this.vals;
    v[o + ES] = 0;
    v[o + EF] = 0;
    v[o + TAIL] = 0;
    v[o + DUE] = Infinity;
    v[o + UP] = 0;
    v[o + UPDUE] = Infinity;
    n.sched = s;
    return s;
  }

  /** Gives the nodes slots 0, 1, … in the order given (a fresh schedule: from scratch). */
  allot(order: readonly NodeEntry[]): void {
    if (order.length * WIDTH > this.vals.length) this.vals = new Float64Array(order.length * WIDTH);
    for (let i = 0; i < order.length; i++) (order[i] as NodeEntry).sched = i;
    this.used = order.length;
  }

  /** A node's values (a copy), or undefined when the schedule has none for it. */
  valuesOf(n: NodeEntry): NodeSched | undefined {
    if (n.sched < 0 || n.sched >= this.used) return undefined;
    const o = n.sched * WIDTH;
    const v = this.vals;
    return {
      es: v[o + ES] as number,
      ef: v[o + EF] as number,
      tail: v[o + TAIL] as number,
      due: v[o + DUE] as number,
      up: v[o + UP] as number,
      upDue: v[o + UPDUE] as number,
    };
  }
}

/** Open work: neither in trash nor Completed (visible status). */
export function isOpen(n: NodeEntry): boolean {
  return !n.rec.in_trash && n.rec.status !== 3;
}

/** The working days an open node takes. */
export function durationOf(n: NodeEntry): number {
  return isOpen(n) ? (n.rec.estimate ?? 0) : 0;
}

/** An edge of the schedule: an active primary link onto a dependent node. */
export function isPlanEdge(l: LinkEntry): boolean {
  return isEdge(l) && blockedOf(l).dependent;
}

// ---- one node ----
// The passes read the entries' flags as the status pass does (state.ts, status.ts): node
// flags 4 = in trash, 8 = dependent, (f & 19) === 3 finished; link flags & 3: 3 = live with
// the source blocking, 1 = live with the target blocking. A closed node hands on neutral
// values (ef 0, up 0, upDue ∞), so an edge from or to one needs no trash test. A neighbour
// without a slot yet (created in this Tx) counts as neutral: it is dirty and comes later.

const openFlags = (f: number): boolean => (f & 4) === 0 && (f & 19) !== 3;

/** The forward values of n into its slot o; answers whether its ef changed. */
function forwardValues(plan: PlanState, n: NodeEntry, o: number): boolean {
  const v = plan.vals;
  const before = v[o + EF];
  const f = n.flags;
  if (!openFlags(f)) {
    v[o + ES] = 0;
    v[o + EF] = 0;
    return before !== 0;
  }
  const start = n.rec.start_date;
  let es = start === undefined ? 0 : Math.max(0, plan.days.startIndex(start));
  if ((f & 8) !== 0) {
    const links = n.links;
    const k = f >>> OUT_SHIFT;
    const used = plan.used;
    for (let i = 0; i < links.length; i++) {
      const l = links[i] as LinkEntry;
      // Incoming links (i ≥ k) whose source blocks; outgoing ones whose target blocks.
      const lf = l.flags & 3;
      const b = i >= k ? (lf === 3 ? l.src : undefined) : lf === 1 ? l.tgt : undefined;
      if (b === undefined) continue;
      const bs = b.sched;
      if (bs < 0 || bs >= used) continue;
      const ef = v[bs * WIDTH + EF] as number;
      if (ef > es) es = ef;
    }
  }
  const ef = es + (n.rec.estimate ?? 0);
  v[o + ES] = es;
  v[o + EF] = ef;
  return before !== ef;
}

/** The backward values of n into its slot o; answers whether its contributions changed. */
function backwardValues(plan: PlanState, n: NodeEntry, o: number): boolean {
  const v = plan.vals;
  const upBefore = v[o + UP];
  const upDueBefore = v[o + UPDUE];
  const f = n.flags;
  if (!openFlags(f)) {
    v[o + TAIL] = 0;
    v[o + DUE] = Infinity;
    v[o + UP] = 0;
    v[o + UPDUE] = Infinity;
    return upBefore !== 0 || upDueBefore !== Infinity;
  }
  const own = n.rec.due_date;
  let due = own === undefined ? Infinity : plan.days.dueIndex(own);
  let tail = 0;
  const links = n.links;
  const k = f >>> OUT_SHIFT;
  const used = plan.used;
  for (let i = 0; i < links.length; i++) {
    const l = links[i] as LinkEntry;
    // Outgoing links (i < k) block their target when the source blocks; incoming ones their
    // source when the target blocks.
    const lf = l.flags & 3;
    const d = i < k ? (lf === 3 ? l.tgt : undefined) : lf === 1 ? l.src : undefined;
    if (d === undefined || (d.flags & 8) === 0) continue;
    const ds = d.sched;
    if (ds < 0 || ds >= used) continue;
    const up = v[ds * WIDTH + UP] as number;
    const upDue = v[ds * WIDTH + UPDUE] as number;
    if (up > tail) tail = up;
    if (upDue < due) due = upDue;
  }
  const dur = n.rec.estimate ?? 0;
  v[o + TAIL] = tail;
  v[o + DUE] = due;
  v[o + UP] = tail + dur;
  v[o + UPDUE] = due - dur;
  return upBefore !== tail + dur || upDueBefore !== due - dur;
}

// ---- from scratch ----

/** The nodes in topological order (blocker first), from the engine's `ord`. */
function inOrder(state: WorkspaceState): NodeEntry[] {
  const slots: (NodeEntry | undefined)[] = new Array(Math.max(state.nextOrd, state.nodes.size));
  let extra: NodeEntry[] | undefined;
  for (const n of state.nodes.values()) {
    if (n.ord < slots.length && slots[n.ord] === undefined) slots[n.ord] = n;
    else (extra ??= []).push(n);
  }
  const out: NodeEntry[] = [];
  for (const n of slots) if (n !== undefined) out.push(n);
  if (extra) {
    // Only if ords ever repeated (they never should): fall back to a sort.
    out.push(...extra);
    out.sort((a, b) => a.ord - b.ord);
  }
  return out;
}

/**
 * The plan's inputs and edges as typed arrays indexed by slot (= topological position). Each
 * edge is listed once, under the node whose links it was read from (its source): in `out`
 * when that node blocks (the usual case), in `ins` when the other end blocks it (a custom
 * type whose target blocks). Both lists are filled in slot order, so neither needs sorting.
 */
interface PlanArrays {
  count: number;
  /** 1 for open work. */
  open: Uint8Array;
  /** The duration, the earliest start its start date allows, its own due index (∞: none). */
  dur: Float64Array;
  first: Float64Array;
  ownDue: Float64Array;
  /** The nodes slot i blocks: outOf[outAt[i] .. outAt[i + 1]). */
  outAt: Int32Array;
  outOf: Int32Array;
  /** The nodes that block slot i, from its own links: insOf[insAt[i] .. insAt[i + 1]). */
  insAt: Int32Array;
  insOf: Int32Array;
}

/**
 * Reads the entries into PlanArrays, one node at a time (`read`, called in slot order). The
 * per-node step is its own small method so that it is optimised once and stays so: a single
 * loop over 100,000 nodes would rely on on-stack replacement anew on every build.
 */
class PlanReader implements PlanArrays {
  readonly open: Uint8Array;
  readonly dur: Float64Array;
  readonly first: Float64Array;
  readonly ownDue: Float64Array;
  readonly outAt: Int32Array;
  readonly outOf: Int32Array;
  readonly insAt: Int32Array;
  insOf = new Int32Array(64);
  private outs = 0;
  private ins = 0;
  // Few distinct dates, many nodes: each date string is turned into an index once.
  private readonly starts = new Map<string, number>();
  private readonly dues = new Map<string, number>();

  constructor(
    readonly count: number,
    links: number,
    private readonly days: WorkDays,
  ) {
    this.open = new Uint8Array(count);
    this.dur = new Float64Array(count);
    this.first = new Float64Array(count);
    this.ownDue = new Float64Array(count).fill(Infinity);
    this.outAt = new Int32Array(count + 1);
    this.outOf = new Int32Array(links);
    this.insAt = new Int32Array(count + 1);
  }

  /** Node n at slot i (slots handed out in order, so its neighbours' slots are known). */
  read(i: number, n: NodeEntry): void {
    const f = n.flags;
    if (openFlags(f)) {
      const rec = n.rec;
      this.open[i] = 1;
      this.dur[i] = rec.estimate ?? 0;
      if (rec.start_date !== undefined) this.first[i] = this.startOf(rec.start_date);
      if (rec.due_date !== undefined) this.ownDue[i] = this.dueOf(rec.due_date);
    }
    this.outAt[i] = this.outs;
    this.insAt[i] = this.ins;
    const ls = n.links;
    const k = f >>> OUT_SHIFT;
    for (let j = 0; j < k; j++) {
      const l = ls[j] as LinkEntry;
      const lf = l.flags & 3;
      if (lf === 3) {
        // Live, n (the source) blocks the target: an edge when the target is dependent.
        const t = l.tgt;
        if ((t.flags & 8) !== 0) this.outOf[this.outs++] = t.sched;
      } else if (lf === 1 && (f & 8) !== 0) {
        // Live, the target blocks n, which is dependent.
        this.addIn(l.tgt.sched);
      }
    }
  }

  /** Closes the lists after the last node. */
  done(): PlanArrays {
    this.outAt[this.count] = this.outs;
    this.insAt[this.count] = this.ins;
    return this;
  }

  private startOf(date: string): number {
    let k = this.starts.get(date);
    if (k === undefined) this.starts.set(date, (k = Math.max(0, this.days.startIndex(date))));
    return k;
  }

  private dueOf(date: string): number {
    let k = this.dues.get(date);
    if (k === undefined) this.dues.set(date, (k = this.days.dueIndex(date)));
    return k;
  }

  private addIn(slot: number): void {
    if (this.ins === this.insOf.length) {
      const grown = new Int32Array(this.ins * 2);
      grown.set(this.insOf);
      this.insOf = grown;
    }
    this.insOf[this.ins++] = slot;
  }
}

/**
 * Forward, blocker first: es = max(first, ef of every blocker); a closed node has ef 0. A
 * node's ES slot gathers its blockers' ef as they are passed (they come first in the order).
 */
function forwardPass(v: Float64Array, p: PlanArrays): void {
  const { count, open, dur, first, outAt, outOf, insAt, insOf } = p;
  for (let i = 0; i < count; i++) {
    const o = i * WIDTH;
    v[o + DUE] = Infinity;
    if (open[i] === 0) {
      v[o + ES] = 0;
      v[o + EF] = 0;
      continue;
    }
    let es = v[o + ES] as number;
    const f = first[i] as number;
    if (f > es) es = f;
    for (let e = insAt[i] as number, end = insAt[i + 1] as number; e < end; e++) {
      const ef = v[(insOf[e] as number) * WIDTH + EF] as number;
      if (ef > es) es = ef;
    }
    const ef = es + (dur[i] as number);
    v[o + ES] = es;
    v[o + EF] = ef;
    for (let e = outAt[i] as number, end = outAt[i + 1] as number; e < end; e++) {
      const od = (outOf[e] as number) * WIDTH + ES;
      if (ef > (v[od] as number)) v[od] = ef;
    }
  }
}

/**
 * Backward, blocked first: tail and due; a closed node hands on up 0 and upDue ∞. A node's
 * TAIL and DUE slots gather what the nodes it blocks through their own links (`ins`) handed on.
 */
function backwardPass(v: Float64Array, p: PlanArrays): void {
  const { count, open, dur, ownDue, outAt, outOf, insAt, insOf } = p;
  for (let i = count - 1; i >= 0; i--) {
    const o = i * WIDTH;
    if (open[i] === 0) {
      v[o + TAIL] = 0;
      v[o + DUE] = Infinity;
      v[o + UP] = 0;
      v[o + UPDUE] = Infinity;
      continue;
    }
    let tail = v[o + TAIL] as number;
    let due = Math.min(v[o + DUE] as number, ownDue[i] as number);
    for (let e = outAt[i] as number, end = outAt[i + 1] as number; e < end; e++) {
      const od = (outOf[e] as number) * WIDTH;
      const up = v[od + UP] as number;
      const upDue = v[od + UPDUE] as number;
      if (up > tail) tail = up;
      if (upDue < due) due = upDue;
    }
    const d = dur[i] as number;
    const up = tail + d;
    const upDue = due - d;
    v[o + TAIL] = tail;
    v[o + DUE] = due;
    v[o + UP] = up;
    v[o + UPDUE] = upDue;
    for (let e = insAt[i] as number, end = insAt[i + 1] as number; e < end; e++) {
      const ob = (insOf[e] as number) * WIDTH;
      if (up > (v[ob + TAIL] as number)) v[ob + TAIL] = up;
      if (upDue < (v[ob + DUE] as number)) v[ob + DUE] = upDue;
    }
  }
}

/**
 * [PL2] The whole schedule from scratch: one forward and one backward pass in `ord` order.
 * Writes every node's `sched` (so it also repairs whatever an earlier schedule left there).
 *
 * Slots are handed out in topological order, so a node's slot is its position in that order
 * and every blocker's slot is below its blocked nodes'. The entries and their links are read
 * once into typed arrays indexed by slot (readPlan); both passes then run on those arrays
 * alone, with no object per node or edge: the values the incremental path reads and writes
 * (forwardValues, backwardValues) are the same numbers in the same slots.
 */
export function buildSchedule(
  state: WorkspaceState,
  calendar: WorkCalendar | undefined,
  fallbackStart: string,
): PlanState {
  const plan = new PlanState(state.nodes, new WorkDays(calendar, fallbackStart), fallbackStart);
  const order = inOrder(state);
  plan.allot(order);
  const reader = new PlanReader(order.length, state.links.size, plan.days);
  for (let i = 0; i < order.length; i++) reader.read(i, order[i] as NodeEntry);
  const arrays = reader.done();
  // Fresh slots are zeros: es 0 and tail 0 are the floors the passes gather on; the forward
  // pass sets each due to ∞ (none) before the backward one gathers on it.
  forwardPass(plan.vals, arrays);
  backwardPass(plan.vals, arrays);
  return plan;
}

// ---- incremental ----

/**
 * Brings the schedule up to date with the dirty nodes (and the neighbours of `reseed` ones);
 * each pass then walks on only while a node's contribution to its neighbours changes.
 */
export function refreshSchedule(state: WorkspaceState, plan: PlanState): void {
  plan.visits = 0;
  if (plan.dirty.size === 0 && plan.reseed.size === 0) return;
  plan.version++;
  const fwd = new NodeHeap(1);
  const bwd = new NodeHeap(-1);
  for (const n of plan.dirty) {
    fwd.add(n);
    bwd.add(n);
  }
  for (const n of plan.reseed) {
    fwd.add(n);
    bwd.add(n);
    for (const l of n.links) {
      if (l.rec.type !== 0) continue;
      fwd.add(l.src);
      fwd.add(l.tgt);
      bwd.add(l.src);
      bwd.add(l.tgt);
    }
  }
  plan.dirty.clear();
  plan.reseed.clear();
  for (let n = fwd.pop(); n; n = fwd.pop()) {
    if (state.nodes.get(n.rec.id) !== n) continue;
    plan.visits++;
    const fresh = n.sched < 0 || n.sched >= plan.used;
    const o = plan.slot(n) * WIDTH;
    if (!forwardValues(plan, n, o) && !fresh) continue;
    for (const l of n.links) if (blockerOf(l) === n && isPlanEdge(l)) fwd.add(blockedOf(l));
  }
  for (let n = bwd.pop(); n; n = bwd.pop()) {
    if (state.nodes.get(n.rec.id) !== n) continue;
    plan.visits++;
    if (!backwardValues(plan, n, plan.slot(n) * WIDTH)) continue;
    for (const l of n.links) if (blockedOf(l) === n && isPlanEdge(l)) bwd.add(blockerOf(l));
  }
}

/**
 * A binary heap of nodes by topological position, each node at most once per pass:
 * `dir` 1 pops the smallest `ord` first (forward), -1 the largest (backward).
 */
class NodeHeap {
  private readonly items: NodeEntry[] = [];
  private readonly seen = new Set<NodeEntry>();

  constructor(private readonly dir: 1 | -1) {}

  add(n: NodeEntry): void {
    if (this.seen.has(n)) return;
    this.seen.add(n);
    const a = this.items;
    const key = n.ord * this.dir;
    let i = a.length;
    a.push(n);
    while (i > 0) {
      const p = (i - 1) >> 1;
      const parent = a[p] as NodeEntry;
      if (parent.ord * this.dir <= key) break;
      a[i] = parent;
      i = p;
    }
    a[i] = n;
  }

  pop(): NodeEntry | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length === 0 || last === undefined) return top;
    const key = last.ord * this.dir;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= a.length) break;
      const r = l + 1;
      const c =
        r < a.length && (a[r] as NodeEntry).ord * this.dir < (a[l] as NodeEntry).ord * this.dir
          ? r
          : l;
      if ((a[c] as NodeEntry).ord * this.dir >= key) break;
      a[i] = a[c] as NodeEntry;
      i = c;
    }
    a[i] = last;
    return top;
  }
}
