/**
 * [PL2] The whole schedule from scratch (`buildSchedule`): the oracle of the incremental pass
 * (schedule.ts) and what a first read or a calendar change builds. See docs/planning.md.
 */
import type { WorkCalendar } from '../../model/types';
import { OUT_SHIFT, type LinkEntry, type NodeEntry, type WorkspaceState } from '../state';
import { DUE, EF, ES, openFlags, PlanState, TAIL, UP, UPDUE, WIDTH } from './plan-state';
import { WorkDays } from './work-calendar';

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
