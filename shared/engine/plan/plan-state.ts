/**
 * [PL2] The schedule's state: each node's values in one Float64Array at the slot its entry
 * holds, the nodes a write marked, and what "open work" and "an edge" mean. Shared by the
 * from-scratch pass (schedule-build.ts) and the incremental one (schedule.ts).
 */
import { blockedOf, isEdge, type LinkEntry, type NodeEntry } from '../state';
import type { WorkDays } from './work-calendar';

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
export const ES = 0;
export const EF = 1;
export const TAIL = 2;
export const DUE = 3;
export const UP = 4;
export const UPDUE = 5;
export const WIDTH = 6;

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

  /** Makes room for slots 0 … count − 1, all handed out (the from-scratch pass fills them). */
  fresh(count: number): void {
    if (count * WIDTH > this.vals.length) this.vals = new Float64Array(count * WIDTH);
    this.used = count;
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
  return isOpen(n) ? n.est : 0;
}

/** An edge of the schedule: an active primary link onto a dependent node. */
export function isPlanEdge(l: LinkEntry): boolean {
  return isEdge(l) && blockedOf(l).dependent;
}

// The passes read the entries' flags as the status pass does (state.ts, status.ts): node
// flags 4 = in trash, 8 = dependent, (f & 19) === 3 finished; link flags & 3: 3 = live with
// the source blocking, 1 = live with the target blocking. A closed node hands on neutral
// values (ef 0, up 0, upDue ∞), so an edge from or to one needs no trash test.

/** Open work, from an entry's flags: neither in trash nor finished. */
export const openFlags = (f: number): boolean => (f & 4) === 0 && (f & 19) !== 3;
