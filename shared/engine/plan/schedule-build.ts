/**
 * [PL2] The whole schedule from scratch (`buildSchedule`): the oracle of the incremental pass
 * (schedule.ts) and what a first read or a calendar change builds. See docs/planning.md.
 */
import type { WorkCalendar } from '../../model/types';
import { NO_DAY, OUT_SHIFT, type LinkEntry, type NodeEntry, type WorkspaceState } from '../state';
import { DUE, EF, ES, openFlags, PlanState, TAIL, UP, UPDUE, WIDTH } from './plan-state';
import { WorkDays } from './work-calendar';

/**
 * The plan's inputs and edges as typed arrays indexed by slot, a node's slot being its rank in
 * the engine's topological order (`ord`), so every blocker's slot is below its blocked nodes'.
 * Every edge is listed under its blocker: the nodes slot i blocks are
 * outOf[outAt[i] .. outAt[i + 1]).
 */
interface PlanArrays {
  count: number;
  /** 1 for open work. */
  open: Uint8Array;
  /** The duration, the earliest start its start date allows, its own due index (∞: none). */
  dur: Float64Array;
  first: Float64Array;
  ownDue: Float64Array;
  outAt: Int32Array;
  outOf: Int32Array;
}

/**
 * Each node's slot, by `ord`: `ord` values are unique but may leave gaps (purged nodes), so
 * the slots are their ranks — one pass over the entries and one over a typed array. Null when
 * there are no gaps (ords 0 … size − 1: a freshly loaded workspace): the slot is the ord.
 */
function ranks(state: WorkspaceState): Int32Array | null {
  if (state.nextOrd === state.nodes.size) return null;
  let top = 0;
  for (const n of state.nodes.values()) if (n.ord >= top) top = n.ord + 1;
  const rank = new Int32Array(top).fill(-1);
  for (const n of state.nodes.values()) rank[n.ord] = 0;
  let k = 0;
  for (let i = 0; i < top; i++) if (rank[i] === 0) rank[i] = k++;
  return rank;
}

/**
 * Reads the entries into PlanArrays in the map's order (the order they were allocated in, so
 * memory is read mostly in sequence; reading them in topological order jumped all over the
 * heap). A node's inputs come from its entry's mirrors (est, startDay, dueDay), never from its
 * record. Edges are gathered as (blocker, blocked) pairs, then bucketed by blocker (a counting
 * sort on typed arrays). The per-node step is its own small method so that it is optimised
 * once and stays so: one long loop would rely on on-stack replacement anew on every build.
 */
class PlanReader {
  readonly open: Uint8Array;
  readonly dur: Float64Array;
  readonly first: Float64Array;
  readonly ownDue: Float64Array;
  private readonly from: Int32Array;
  private readonly to: Int32Array;
  private edges = 0;
  // Few distinct dates, many nodes: each day is turned into an index once.
  private readonly starts = new Map<number, number>();
  private readonly dues = new Map<number, number>();

  constructor(
    readonly count: number,
    links: number,
    private readonly rank: Int32Array | null,
    private readonly days: WorkDays,
  ) {
    this.open = new Uint8Array(count);
    this.dur = new Float64Array(count);
    this.first = new Float64Array(count);
    this.ownDue = new Float64Array(count).fill(Infinity);
    this.from = new Int32Array(links);
    this.to = new Int32Array(links);
  }

  /** Node n: its slot (written to the entry), inputs and the edges its own links make. */
  read(n: NodeEntry): void {
    const rank = this.rank;
    const i = rank === null ? n.ord : (rank[n.ord] as number);
    n.sched = i;
    const f = n.flags;
    if (openFlags(f)) {
      this.open[i] = 1;
      this.dur[i] = n.est;
      if (n.startDay !== NO_DAY) this.first[i] = this.startOf(n.startDay);
      if (n.dueDay !== NO_DAY) this.ownDue[i] = this.dueOf(n.dueDay);
    }
    const ls = n.links;
    const k = f >>> OUT_SHIFT;
    for (let j = 0; j < k; j++) {
      const l = ls[j] as LinkEntry;
      const lf = l.flags & 3;
      if (lf === 3) {
        // Live, n (the source) blocks the target: an edge when the target is dependent.
        const t = l.tgt;
        if ((t.flags & 8) !== 0) this.edge(i, rank === null ? t.ord : (rank[t.ord] as number));
      } else if (lf === 1 && (f & 8) !== 0) {
        // Live, the target blocks n, which is dependent.
        const t = l.tgt;
        this.edge(rank === null ? t.ord : (rank[t.ord] as number), i);
      }
    }
  }

  /** The edges bucketed by blocker. */
  done(): PlanArrays {
    const { count, from, to, edges } = this;
    const outAt = new Int32Array(count + 1);
    for (let e = 0; e < edges; e++) {
      const b = (from[e] as number) + 1;
      outAt[b] = (outAt[b] as number) + 1;
    }
    for (let i = 0; i < count; i++) outAt[i + 1] = (outAt[i + 1] as number) + (outAt[i] as number);
    const fill = outAt.slice(0, count);
    const outOf = new Int32Array(edges);
    for (let e = 0; e < edges; e++) {
      const b = from[e] as number;
      const at = fill[b] as number;
      fill[b] = at + 1;
      outOf[at] = to[e] as number;
    }
    const { open, dur, first, ownDue } = this;
    return { count, open, dur, first, ownDue, outAt, outOf };
  }

  private edge(blocker: number, blocked: number): void {
    this.from[this.edges] = blocker;
    this.to[this.edges++] = blocked;
  }

  private startOf(day: number): number {
    let k = this.starts.get(day);
    if (k === undefined) this.starts.set(day, (k = Math.max(0, this.days.indexOf(day))));
    return k;
  }

  private dueOf(day: number): number {
    let k = this.dues.get(day);
    if (k === undefined) this.dues.set(day, (k = this.days.indexOf(day + 1)));
    return k;
  }
}

/**
 * Forward, blocker first: es = max(first, ef of every blocker); a closed node has ef 0. Each
 * node's start gathers its blockers' ef as they are passed (they come first in the order), in
 * a compact array of its own: the pushes land anywhere, and one number per node keeps them in
 * cache where the six-wide value array would not. Its own values are written in sequence.
 */
function forwardPass(v: Float64Array, p: PlanArrays): void {
  const { count, open, dur, first, outAt, outOf } = p;
  const gathered = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const o = i * WIDTH;
    v[o + DUE] = Infinity;
    if (open[i] === 0) {
      v[o + ES] = 0;
      v[o + EF] = 0;
      continue;
    }
    let es = gathered[i] as number;
    const f = first[i] as number;
    if (f > es) es = f;
    const ef = es + (dur[i] as number);
    v[o + ES] = es;
    v[o + EF] = ef;
    for (let e = outAt[i] as number, end = outAt[i + 1] as number; e < end; e++) {
      const t = outOf[e] as number;
      if (ef > (gathered[t] as number)) gathered[t] = ef;
    }
  }
}

/**
 * Backward, blocked first: tail and due from what the nodes it blocks hand on (up, upDue: read
 * from compact arrays, as the forward pass gathers); a closed node hands on up 0 and upDue ∞.
 */
function backwardPass(v: Float64Array, p: PlanArrays): void {
  const { count, open, dur, ownDue, outAt, outOf } = p;
  const ups = new Float64Array(count);
  const upDues = new Float64Array(count);
  for (let i = count - 1; i >= 0; i--) {
    const o = i * WIDTH;
    if (open[i] === 0) {
      v[o + TAIL] = 0;
      v[o + DUE] = Infinity;
      v[o + UP] = 0;
      v[o + UPDUE] = Infinity;
      upDues[i] = Infinity;
      continue;
    }
    let tail = 0;
    let due = ownDue[i] as number;
    for (let e = outAt[i] as number, end = outAt[i + 1] as number; e < end; e++) {
      const t = outOf[e] as number;
      const up = ups[t] as number;
      const upDue = upDues[t] as number;
      if (up > tail) tail = up;
      if (upDue < due) due = upDue;
    }
    const d = dur[i] as number;
    v[o + TAIL] = tail;
    v[o + DUE] = due;
    v[o + UP] = ups[i] = tail + d;
    v[o + UPDUE] = upDues[i] = due - d;
  }
}

/**
 * [PL2] The whole schedule from scratch: one forward and one backward pass in `ord` order.
 * Writes every node's `sched` (so it also repairs whatever an earlier schedule left there).
 *
 * A node's slot is its rank in topological order, so every blocker's slot is below its
 * blocked nodes'. The entries and their links are read once into typed arrays indexed by slot
 * (PlanReader); both passes then run on those arrays alone, with no object per node or edge:
 * the values the incremental path reads and writes (forwardValues, backwardValues) are the
 * same numbers in the same slots.
 */
export function buildSchedule(
  state: WorkspaceState,
  calendar: WorkCalendar | undefined,
  fallbackStart: string,
): PlanState {
  const plan = new PlanState(state.nodes, new WorkDays(calendar, fallbackStart), fallbackStart);
  const count = state.nodes.size;
  plan.fresh(count);
  const reader = new PlanReader(count, state.links.size, ranks(state), plan.days);
  for (const n of state.nodes.values()) reader.read(n);
  const arrays = reader.done();
  forwardPass(plan.vals, arrays);
  backwardPass(plan.vals, arrays);
  return plan;
}
