/**
 * The overview index's splices (overview-patch.ts): a list whose elements came and went is
 * described by its *runs* (stretches of kept elements: old start, old end, new start), so the
 * typed arrays are moved by a few native copies (`copyWithin`, `set`) instead of a pass per
 * element, and an element's old or new index is found among the few runs. What still passes
 * over every link is one tight loop of integers (renumbering link ends after nodes shifted).
 */
import type { ListSplice } from '../flow-elements';
import { ramp } from '../typed-ramp';

export const REBUILD = { kind: 'rebuild' } as const;

/** Runs as flat triples: [oldStart, oldEnd, newStart, …], ascending. */
export type Runs = readonly number[];

/** The runs of a splice of a list of `held` into one of `length`; null when it does not fit. */
export function runsOf(
  held: number,
  length: number,
  { removed, inserted }: ListSplice,
): Runs | null {
  if (held - removed.length + inserted.length !== length) return null;
  const out: number[] = [];
  let k = 0;
  let i = 0;
  let r = 0;
  let a = 0;
  while (k < held || a < inserted.length) {
    if (inserted[a] === i) {
      a++;
      i++;
      continue;
    }
    if (removed[r] === k) {
      r++;
      k++;
      continue;
    }
    const len = Math.min((removed[r] ?? held) - k, (inserted[a] ?? Infinity) - i);
    if (!(len > 0) || k + len > held) return null;
    out.push(k, k + len, i);
    k += len;
    i += len;
  }
  return i === length && r === removed.length ? out : null;
}

/** The old index of new index `i` (-1: it came). */
export function oldOf(runs: Runs, i: number): number {
  for (let j = 0; j < runs.length; j += 3) {
    const start = runs[j + 2]!;
    const len = runs[j + 1]! - runs[j]!;
    if (i < start) return -1;
    if (i < start + len) return runs[j]! + (i - start);
  }
  return -1;
}

/** The new index of old index `o` (-1: it went). */
export function newOf(runs: Runs, o: number): number {
  for (let j = 0; j < runs.length; j += 3) {
    if (o < runs[j]!) return -1;
    if (o < runs[j + 1]!) return runs[j + 2]! + (o - runs[j]!);
  }
  return -1;
}

/** Only removals: the arrays can be moved down in place. */
export const shrinksOnly = (s: ListSplice): boolean => s.inserted.length === 0;
/** Nothing went and what came is at the end: old indices stand. */
export const appendsOnly = (s: ListSplice, held: number): boolean =>
  s.removed.length === 0 && (s.inserted[0] ?? Infinity) >= held;

type Typed = Float64Array | Int32Array | Uint8Array;

/**
 * `old` spliced by `runs` into `length` elements: in place (moved down, answered as a view)
 * when `inPlace` (only removals), else copied into a new array (the new elements left 0).
 */
export function spliceTyped<T extends Typed>(
  old: T,
  runs: Runs,
  length: number,
  inPlace: boolean,
): T {
  if (inPlace) {
    for (let j = 0; j < runs.length; j += 3) old.copyWithin(runs[j + 2]!, runs[j]!, runs[j + 1]!);
    return old.subarray(0, length) as T;
  }
  const out = new (old.constructor as new (n: number) => T)(length);
  for (let j = 0; j < runs.length; j += 3)
    out.set(old.subarray(runs[j]!, runs[j + 1]!), runs[j + 2]!);
  return out;
}

/**
 * `old` with room for `length` elements, the new ones appended (their values are the caller's
 * to set): a view on the same buffer while its slack lasts, else a copy with a quarter more
 * room. A created node or link then costs no copy of 100,000 elements per array.
 */
export function grownTyped<T extends Typed>(old: T, length: number): T {
  const C = old.constructor as new (
    buffer: ArrayBufferLike | number,
    offset?: number,
    length?: number,
  ) => T;
  const room = (old.buffer.byteLength - old.byteOffset) / old.BYTES_PER_ELEMENT;
  if (room >= length) return new C(old.buffer, old.byteOffset, length);
  const out = new C(Math.ceil(length * 1.25) + 16);
  out.set(old);
  return out.subarray(0, length) as T;
}

/**
 * An id list spliced in place (native `splice`s: the ones that went, last first, then the new
 * ones from `idOf` at their places, first first).
 */
export function spliceIds(
  ids: string[],
  { removed, inserted }: ListSplice,
  idOf: (i: number) => string,
): string[] {
  for (let r = removed.length - 1; r >= 0; r--) ids.splice(removed[r]!, 1);
  for (const i of inserted) {
    if (i >= ids.length) ids.push(idOf(i));
    else ids.splice(i, 0, idOf(i));
  }
  return ids;
}

/** Old index → new index (-1: gone) for `held` elements: a native copy per run. */
export function toNewOf(runs: Runs, held: number): Int32Array {
  const out = new Int32Array(held).fill(-1);
  for (let j = 0; j < runs.length; j += 3) {
    ramp(out, runs[j]!, runs[j + 1]! - runs[j]!, runs[j + 2]!);
  }
  return out;
}

/** Renumbers `values` (indices into a spliced list; -1 skipped) in place; false if one went. */
export function renumberValues(values: Int32Array, toNew: Int32Array): boolean {
  for (let l = 0; l < values.length; l++) {
    const o = values[l]!;
    if (o < 0) continue;
    const v = toNew[o]!;
    if (v < 0) return false;
    values[l] = v;
  }
  return true;
}

/**
 * A tree's slot → index map after a renumbering (`before`: null for the identity over the
 * tree's `slots`): `before` is edited in place.
 */
export function compose(before: Int32Array | null, toNew: Int32Array, slots: number): Int32Array {
  if (!before) return toNew.slice(0, slots);
  for (let s = 0; s < before.length; s++) {
    const i = before[s]!;
    before[s] = i >= 0 ? toNew[i]! : -1;
  }
  return before;
}

/** The elements outside a tree after a renumbering: the old ones that stay, plus those new. */
export function follow(
  extra: readonly number[],
  runs: Runs | null,
  inserted: readonly number[],
): number[] {
  const out: number[] = [];
  for (const i of extra) {
    const j = runs ? newOf(runs, i) : i;
    if (j >= 0) out.push(j);
  }
  out.push(...inserted);
  return [...new Set(out)].sort((a, b) => a - b);
}
