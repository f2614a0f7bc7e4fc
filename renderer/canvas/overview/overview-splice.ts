/**
 * The overview index's splices (overview-patch.ts): the old ↔ new numbering of a list whose
 * elements came and went, the trees' slot maps carried across it, and the link arrays made
 * again for a new edge list by one walk (typed arrays; the few new links' ends found by id).
 */
import type { Rect } from '../virtualization/geometry';
import type { ListSplice } from '../flow-elements';
import { CARD_H, linkMarks, type OverviewEdgeInput } from './overview-marks';
import type { OverviewIndex } from './overview-index';

export const REBUILD = { kind: 'rebuild' } as const;

export interface Renumbering {
  /** Old index → new (-1: gone). */
  toNew: Int32Array;
  /** New index → old (-1: came). */
  fromOld: Int32Array;
  /** Nothing went and everything that came is at the end: old indices stand. */
  appendOnly: boolean;
}

/** The old ↔ new numbering of a splice of a list of `held` into one of `length` (null: no fit). */
export function renumber(
  held: number,
  length: number,
  { removed, inserted }: ListSplice,
): Renumbering | null {
  if (held - removed.length + inserted.length !== length) return null;
  const toNew = new Int32Array(held);
  const fromOld = new Int32Array(length);
  let k = 0;
  let r = 0;
  let a = 0;
  for (let i = 0; i < length; i++) {
    if (inserted[a] === i) {
      a++;
      fromOld[i] = -1;
      continue;
    }
    while (removed[r] === k) {
      toNew[k++] = -1;
      r++;
    }
    if (k >= held) return null;
    toNew[k] = i;
    fromOld[i] = k++;
  }
  while (removed[r] === k) {
    toNew[k++] = -1;
    r++;
  }
  if (k !== held || r !== removed.length || a !== inserted.length) return null;
  const appendOnly = removed.length === 0 && (inserted[0] ?? length) >= held;
  return { toNew, fromOld, appendOnly };
}

/** A tree's slot → index map after a renumbering (`before`: null for the identity). */
export function compose(before: Int32Array | null, toNew: Int32Array, held: number): Int32Array {
  if (!before) return toNew.length === held ? toNew.slice() : toNew.slice(0, held);
  const out = new Int32Array(before.length);
  for (let s = 0; s < before.length; s++) {
    const i = before[s]!;
    out[s] = i >= 0 ? toNew[i]! : -1;
  }
  return out;
}

/** The elements outside the tree after a renumbering: the old ones that stay, plus those new. */
export function follow(
  extra: readonly number[],
  { toNew }: Pick<Renumbering, 'toNew'>,
  inserted: readonly number[],
): number[] {
  const out: number[] = [];
  for (const i of extra) {
    const j = toNew[i]!;
    if (j >= 0) out.push(j);
  }
  out.push(...inserted);
  return out.sort((a, b) => a - b);
}

export interface Relinked {
  src: Int32Array;
  tgt: Int32Array;
  marks: Uint8Array;
  edgeSlot: Int32Array;
  /** Old link slot → new (-1: gone). */
  toNew: Int32Array;
  /** New slots of links that came, ascending; slots whose marks changed. */
  inserted: number[];
  remarked: number[];
  /** Where the links that went were drawn (with room for their arrowheads' cards). */
  goneBoxes: Rect[];
}

/** The few ends of new links, looked up by id in the new node order (a scan each). */
const LOOKUPS_MAX = 32;

/**
 * The link arrays for the new edge list: each kept edge's slot with its ends renumbered, the
 * edges that came given slots (their ends found by id), the boxes of those that went.
 */
export function relink(
  ix: OverviewIndex,
  edges: readonly OverviewEdgeInput[],
  splice: ListSplice | undefined,
  nodeMap: Renumbering | null,
  ids: readonly string[],
  nodeCount: number,
): Relinked | typeof REBUILD {
  const removed = splice?.removed ?? [];
  const inserted = splice?.inserted ?? [];
  const m = edges.length;
  const src = new Int32Array(m);
  const tgt = new Int32Array(m);
  const marks = new Uint8Array(m);
  const edgeSlot = new Int32Array(m).fill(-1);
  const toNew = new Int32Array(ix.linkCount).fill(-1);
  const out: Relinked = {
    src,
    tgt,
    marks,
    edgeSlot,
    toNew,
    inserted: [],
    remarked: [],
    goneBoxes: [],
  };
  const c = new Float64Array(8);
  const gone = (slot: number) => {
    const b = ix.linkBox(slot, c);
    out.goneBoxes.push({ ...b, minY: b.minY - CARD_H / 2, maxY: b.maxY + CARD_H / 2 });
  };
  let lookups = 0;
  const find = (id: string) => {
    if (++lookups > LOOKUPS_MAX) return -2;
    return ids.indexOf(id);
  };
  const nodeNow = nodeMap ? (i: number) => nodeMap.toNew[i]! : (i: number) => i;
  const cameNodes = nodeMap !== null && nodeMap.fromOld.some((o) => o < 0);
  let k = 0;
  let r = 0;
  let a = 0;
  let slots = 0;
  for (let j = 0; j < m; j++) {
    const edge = edges[j]!;
    if (inserted[a] === j) {
      a++;
      const s = find(edge.source);
      const t = find(edge.target);
      if (s === -2 || t === -2) return REBUILD;
      if (s < 0 || t < 0 || s >= nodeCount || t >= nodeCount) continue;
      src[slots] = s;
      tgt[slots] = t;
      marks[slots] = linkMarks(edge);
      out.inserted.push(slots);
      edgeSlot[j] = slots++;
      continue;
    }
    while (removed[r] === k) {
      const slot = ix.edgeSlot[k++]!;
      if (slot >= 0) gone(slot);
      r++;
    }
    const o = k++;
    const old = ix.edgeItems[o];
    if (!old) return REBUILD;
    if (
      edge !== old &&
      (edge.id !== old.id || edge.source !== old.source || edge.target !== old.target)
    )
      return REBUILD;
    const slot = ix.edgeSlot[o]!;
    if (slot < 0) {
      // Not drawn for want of an end: one that came would draw it (a rebuild, rarely).
      if (cameNodes) {
        const s = find(edge.source);
        const t = find(edge.target);
        if (s === -2 || t === -2 || (s >= 0 && t >= 0)) return REBUILD;
      }
      continue;
    }
    const s = nodeNow(ix.src[slot]!);
    const t = nodeNow(ix.tgt[slot]!);
    if (s < 0 || t < 0) {
      // An end went and the edge stayed (a filtered view): no longer drawn.
      gone(slot);
      continue;
    }
    src[slots] = s;
    tgt[slots] = t;
    const mk = edge === old ? ix.linkMarks[slot]! : linkMarks(edge);
    marks[slots] = mk;
    if (mk !== ix.linkMarks[slot]) out.remarked.push(slots);
    toNew[slot] = slots;
    edgeSlot[j] = slots++;
  }
  while (removed[r] === k) {
    const slot = ix.edgeSlot[k++]!;
    if (slot >= 0) gone(slot);
    r++;
  }
  if (k !== ix.edgeItems.length || r !== removed.length || a !== inserted.length) return REBUILD;
  out.src = src.subarray(0, slots);
  out.tgt = tgt.subarray(0, slots);
  out.marks = marks.subarray(0, slots);
  return out;
}
