/**
 * The overview index's change path, in place, for geometry (overview-patch.ts decides): nodes
 * moved and links re-wired. What they were drawn over is repainted, they leave the trees (whose
 * boxes for them are stale) for the scanned extras, and the bounds follow.
 */
import type { Rect } from '../virtualization/geometry';
import { CARD_H } from './overview-marks';
import { MAX_EXTRA_H } from './overview-heights';
import { nodeBounds, unite, type OverviewIndex } from './overview-index';

export const onEdge = (box: Rect, b: Rect | null): boolean =>
  !b || box.minX <= b.minX || box.minY <= b.minY || box.maxX >= b.maxX || box.maxY >= b.maxY;

/** The link slots with an end among the moved nodes (`moves`: index, x, y triples). */
function linksAround(ix: OverviewIndex, moves: readonly number[]): number[] {
  const moved = new Uint8Array(ix.count);
  for (let j = 0; j < moves.length; j += 3) moved[moves[j]!] = 1;
  const out: number[] = [];
  const { src, tgt } = ix;
  for (let l = 0; l < src.length; l++) if (moved[src[l]!] || moved[tgt[l]!]) out.push(l);
  return out;
}

/**
 * Moves nodes (and their links) in place: the boxes they were drawn in are repainted, they
 * leave the trees for the scanned extras, and the bounds follow (measured again when a node
 * left the bounds' edge).
 */
export function move(
  ix: OverviewIndex,
  moves: readonly number[],
  boxes: Rect[],
  changedLinks: number[],
): void {
  const links = linksAround(ix, moves);
  const c = new Float64Array(8);
  for (const l of links) boxes.push(padded(ix.linkBox(l, c)));
  let edge = false;
  for (let j = 0; j < moves.length; j += 3) {
    const i = moves[j]!;
    const old = ix.box(i);
    boxes.push(ix.reach(i));
    if (onEdge(old, ix.bounds)) edge = true;
    ix.xs[i] = moves[j + 1]!;
    ix.ys[i] = moves[j + 2]!;
    if (!edge) ix.bounds = unite(ix.bounds, ix.box(i));
  }
  if (edge) ix.bounds = nodeBounds(ix.xs, ix.ys, ix.count);
  for (const l of links) {
    ix.linkBounds = unite(ix.linkBounds, ix.linkBox(l, c));
    changedLinks.push(l);
  }
  if (ix.nodeTreeBuilt) {
    ix.nodeTreeNow = untree(ix.nodeTreeNow, ix.nodeTreeBuilt.numItems, moves, 3);
    ix.nodeExtra = joined(ix.nodeExtra, moves, 3);
  }
  if (ix.linkTreeBuilt && links.length) {
    ix.linkTreeNow = untree(ix.linkTreeNow, ix.linkTreeBuilt.numItems, links, 1);
    ix.linkExtra = joined(ix.linkExtra, links, 1);
  }
}

/**
 * Room for the cards at the ends of a link whose box is `b` (`linkBox`: one-line cards'
 * middles), as the layer repaints a link: a card's half above, and below a half plus what a
 * taller card adds (its middle, where the link ends when drawn tall, is lower too).
 */
export const padded = (b: Rect): Rect => ({
  ...b,
  minY: b.minY - CARD_H / 2,
  maxY: b.maxY + CARD_H / 2 + MAX_EXTRA_H,
});

/** The tree's slot map with the slots of `list`'s elements (every `step`th entry) gone. */
function untree(
  map: Int32Array | null,
  slots: number,
  list: readonly number[],
  step: number,
): Int32Array {
  let out = map;
  if (!out) {
    out = new Int32Array(slots);
    for (let s = 0; s < slots; s++) out[s] = s;
  }
  for (let j = 0; j < list.length; j += step) {
    const s = map ? out.indexOf(list[j]!) : list[j]!;
    if (s >= 0 && s < slots) out[s] = -1;
  }
  return out;
}

/** `extra` with `list`'s elements (every `step`th entry) joined, ascending, once each. */
function joined(extra: readonly number[], list: readonly number[], step: number): number[] {
  const out = new Set(extra);
  for (let j = 0; j < list.length; j += step) out.add(list[j]!);
  return [...out].sort((a, b) => a - b);
}

/**
 * Re-wires links in place (`rewires`: slot, source, target triples, in the numbering now; the
 * boxes they were drawn in were taken beforehand): the link tree's box for each is stale, so
 * each leaves it for the scanned extras, and the links' bounds grow by the new curves.
 */
export function rewire(ix: OverviewIndex, rewires: readonly number[]): void {
  const c = new Float64Array(8);
  for (let j = 0; j < rewires.length; j += 3) {
    const l = rewires[j]!;
    ix.src[l] = rewires[j + 1]!;
    ix.tgt[l] = rewires[j + 2]!;
    ix.linkBounds = unite(ix.linkBounds, ix.linkBox(l, c));
  }
  if (ix.linkTreeBuilt) {
    ix.linkTreeNow = untree(ix.linkTreeNow, ix.linkTreeBuilt.numItems, rewires, 3);
    ix.linkExtra = joined(ix.linkExtra, rewires, 3);
  }
}
