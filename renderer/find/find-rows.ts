/**
 * One list of the find view (find-view.ts) patched from the last one: the full list's patch
 * (its replaced, spliced and appended elements) plus the elements whose look changed are
 * decided again — shown or not under the filters, and with which classes — and every other
 * element of the last view is kept, as the same object. The answer says what it replaced,
 * removed and inserted, in the view's own indices, for the list patch the later steps read.
 */
import type { ListSplice } from '../canvas/list-patch';
import { spliceElements } from '../canvas/list-patch';

/** A view list, and (filtering) where each of its elements is in the full list. */
export interface Rows<T> {
  out: T[];
  /** Filtering: each element's index in the full list, ascending; null: the full list's. */
  from: number[] | null;
  /** Filtering: the ids shown (edited in place: only the newest view is patched). */
  shown: Set<string> | null;
}

export interface RowsPatch<T> extends Rows<T> {
  /** Replaced or inserted, in `out`'s indices (ascending). */
  indices: number[];
  /** Removed (the last view's indices) and inserted (the new one's), when any. */
  splice?: ListSplice;
  /** Ids whose shown state flipped (their links are decided again). */
  flipped: string[];
}

/**
 * `last` brought to `input`, the full list (`splice`: how it was spliced from the list `last`
 * was made from), with the full list's elements at `touched` (ascending new indices) decided
 * again by `decide` (the element as shown, or null: hidden). Null when the lists do not line up.
 */
export function patchRows<T extends { id: string }>(
  last: Rows<T>,
  input: readonly T[],
  splice: ListSplice | undefined,
  touched: readonly number[],
  decide: (i: number) => T | null,
): RowsPatch<T> | null {
  return last.from === null || last.shown === null
    ? patchAll(last, input, splice, touched, decide)
    : patchShown(last as Required<Rows<T>>, last.from, last.shown, input, splice, touched, decide);
}

/** Nothing filtered: the view is the full list element for element (native splices). */
function patchAll<T extends { id: string }>(
  last: Rows<T>,
  input: readonly T[],
  splice: ListSplice | undefined,
  touched: readonly number[],
  decide: (i: number) => T | null,
): RowsPatch<T> | null {
  const shownAt = (i: number): T | null => decide(i);
  let failed = false;
  const must = (i: number): T => {
    const el = shownAt(i);
    if (el === null) failed = true;
    return el ?? input[i]!;
  };
  let out: T[] | null = splice ? spliceElements(last.out, splice, must) : null;
  const indices = splice ? [...splice.inserted] : [];
  for (const i of touched) {
    const base = out ?? last.out;
    if (i > base.length) return null;
    const el = must(i);
    if (i === base.length) (out ??= last.out.slice()).push(el);
    else if (base[i] === el) continue;
    else (out ??= last.out.slice())[i] = el;
    indices.push(i);
  }
  if (failed) return null;
  const result = out ?? last.out;
  if (result.length !== input.length) return null;
  return {
    out: result,
    from: null,
    shown: null,
    indices: ascending(indices),
    ...(splice ? { splice } : {}),
    flipped: [],
  };
}

/**
 * Filtering: without a splice and with no element shown or hidden, the touched elements are
 * replaced where they are; otherwise one pass over the view merges the kept elements (their
 * full-list indices moved by the splice) with the touched ones shown now.
 */
function patchShown<T extends { id: string }>(
  last: Rows<T>,
  lastFrom: number[],
  shown: Set<string>,
  input: readonly T[],
  splice: ListSplice | undefined,
  touched: readonly number[],
  decide: (i: number) => T | null,
): RowsPatch<T> | null {
  // The touched elements: shown now (and the element) or not, and shown before or not.
  const now = new Map<number, T | null>();
  const flipped: string[] = [];
  for (const i of touched) {
    const id = input[i]?.id;
    if (id === undefined) return null;
    const el = decide(i);
    now.set(i, el);
    if ((el !== null) !== shown.has(id)) flipped.push(id);
  }
  const touchedIds = new Set<string>();
  for (const i of touched) touchedIds.add(input[i]!.id);

  if (!splice && flipped.length === 0) {
    let out: T[] | null = null;
    const indices: number[] = [];
    for (const [i, el] of now) {
      if (el === null) continue;
      const k = search(lastFrom, i);
      if (lastFrom[k] !== i || last.out[k]?.id !== el.id) return null;
      if (last.out[k] === el) continue;
      (out ??= last.out.slice())[k] = el;
      indices.push(k);
    }
    return {
      out: out ?? last.out,
      from: lastFrom,
      shown,
      indices: ascending(indices),
      flipped,
    };
  }

  // Kept elements' new full-list indices: less the removed before, plus the inserted before.
  const removed = splice?.removed ?? [];
  const inserted = splice?.inserted ?? [];
  const out: T[] = [];
  const from: number[] = [];
  const indices: number[] = [];
  const removedOut: number[] = [];
  const insertedOut: number[] = [];
  // The touched elements not shown before but shown now, ascending.
  const coming = [...now]
    .filter(([i, el]) => el !== null && !shown.has(input[i]!.id))
    .map(([i]) => i)
    .sort((a, b) => a - b);
  let c = 0;
  const bring = (upTo: number) => {
    for (; c < coming.length && coming[c]! < upTo; c++) {
      insertedOut.push(out.length);
      indices.push(out.length);
      from.push(coming[c]!);
      out.push(now.get(coming[c]!)!);
    }
  };
  let r = 0;
  let s = 0;
  for (let k = 0; k < last.out.length; k++) {
    const old = lastFrom[k]!;
    while (r < removed.length && removed[r]! < old) r++;
    if (r < removed.length && removed[r] === old) {
      removedOut.push(k);
      continue;
    }
    const squeezed = old - r;
    while (s < inserted.length && inserted[s]! <= squeezed + s) s++;
    const i = squeezed + s;
    const kept = last.out[k]!;
    if (input[i]?.id !== kept.id) return null;
    bring(i);
    if (!touchedIds.has(kept.id)) {
      from.push(i);
      out.push(kept);
      continue;
    }
    const el = now.get(i);
    if (el === undefined) return null;
    if (el === null) {
      removedOut.push(k);
      continue;
    }
    if (el !== kept) indices.push(out.length);
    from.push(i);
    out.push(el);
  }
  bring(Infinity);
  for (const id of flipped) {
    if (shown.has(id)) shown.delete(id);
    else shown.add(id);
  }
  // Removed ids that were shown leave the shown set (a restored one is decided again).
  for (const k of removedOut) {
    const id = last.out[k]!.id;
    if (!touchedIds.has(id)) shown.delete(id);
  }
  const appendedOnly = removedOut.length === 0 && insertedOut.every((k) => k >= last.out.length);
  const withSplice =
    removedOut.length > 0 || insertedOut.length > 0
      ? appendedOnly
        ? {}
        : { splice: { removed: removedOut, inserted: insertedOut } }
      : {};
  return { out, from, shown, indices: ascending(indices), ...withSplice, flipped };
}

/** The first index of `sorted` holding a value ≥ `value`. */
function search(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function ascending(list: number[]): number[] {
  list.sort((a, b) => a - b);
  return list.filter((v, i) => i === 0 || list[i - 1] !== v);
}
