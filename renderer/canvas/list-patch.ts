/**
 * The canvas's list patches (docs/canvas-performance.md, "The change path"): a list derived
 * from the previous one for a batch says how (`listPatch`: the elements replaced, appended,
 * removed or inserted), so each later step — the find and group views, the viewport index,
 * the overview index — patches the same few elements instead of diffing 100,000.
 */

/**
 * How a patched list differs from the list it was made from (the elements at `indices` were
 * replaced, or appended: those at or past `previous.length`; `rewired`: an edge's ends changed
 * or an edge was appended), so the viewport index (virtualization/
 * flow-sync.ts) checks those few instead of diffing every element.
 *
 * `splice`: elements were also removed, or inserted other than at the end (a node trashed,
 * purged or restored): `removed` are `previous`'s indices, `inserted` and `indices` the new
 * list's. A consumer that cannot follow a splice must start over (or sync in full).
 */
export interface ListPatch {
  previous: readonly unknown[];
  indices: readonly number[];
  rewired: boolean;
  splice?: ListSplice;
}
const patches = new WeakMap<readonly unknown[], ListPatch>();
export const listPatch = (list: readonly unknown[]): ListPatch | undefined => patches.get(list);
/** Says how `list` was patched (for a later step of the canvas's view that patches too). */
export const recordPatch = (list: readonly unknown[], patch: ListPatch): void => {
  patches.set(list, patch);
};

/** Which elements came and went (active-graph.ts `ListEdit`): old indices, new indices. */
export interface ListSplice {
  removed: readonly number[];
  inserted: readonly number[];
}

/**
 * The first step of a patch: with a splice, `previous` with the removed elements taken out and
 * new ones made at the inserted places (`next`, `indices` naming them); else `previous` itself
 * when `records` line up with it. `splice` is what the list patch records (none when the splice
 * only appended). Null: the lists do not line up.
 */
export function startPatch<T extends { id: string }, R extends { id: string }>(
  previous: readonly T[],
  records: readonly R[],
  edit: ListSplice | undefined,
  make: (record: R) => T,
): {
  base: readonly T[];
  next: T[] | null;
  indices: number[];
  splice?: { splice: ListSplice };
} | null {
  if (!edit || (edit.removed.length === 0 && (edit.inserted[0] ?? Infinity) >= previous.length))
    return linesUp(previous, records) ? { base: previous, next: null, indices: [] } : null;
  if (records.length !== previous.length - edit.removed.length + edit.inserted.length) return null;
  const next = spliceElements(previous, edit, (i) => make(records[i]!));
  return {
    base: next,
    next,
    indices: [...edit.inserted],
    splice: { splice: { removed: edit.removed, inserted: edit.inserted } },
  };
}

/**
 * `previous` with the elements at `removed` (its indices, ascending) taken out and `make(i)`
 * put at each of `inserted` (the new list's indices, ascending): one pass of pointer copies.
 */
export function spliceElements<T>(
  previous: readonly T[],
  { removed, inserted }: ListSplice,
  make: (i: number) => T,
): T[] {
  // Native copies and splices (a loop pushing 150,000 elements took ~3 ms).
  const out = previous.slice();
  for (let r = removed.length - 1; r >= 0; r--) out.splice(removed[r]!, 1);
  for (const i of inserted) {
    if (i >= out.length) out.push(make(i));
    else out.splice(i, 0, make(i));
  }
  return out;
}

/**
 * `previous` with `tail` after it, in one copy. A node or link created on the change path is
 * appended to lists of 100,000–150,000 elements: `slice()` then `push` copies the list and then
 * grows the copy (a second copy, as `slice` leaves no room); `concat` sizes it once.
 */
export function appended<T>(previous: readonly T[], tail: readonly T[]): T[] {
  return previous.concat(tail);
}

/**
 * Whether `records` can be `previous` patched: as long or longer, the last element held still
 * in its place. (A node or link inserted before it is among the batch's ids, and its place
 * then holds another element, which the patch loops answer with null.)
 */
function linesUp(previous: readonly { id: string }[], records: readonly { id: string }[]): boolean {
  const held = previous.length;
  if (records.length < held) return false;
  return held === 0 || previous[held - 1]!.id === records[held - 1]!.id;
}
