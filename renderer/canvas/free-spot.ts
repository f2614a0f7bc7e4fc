/**
 * Where a new card goes: the free place nearest to a point (the view's centre, or where the
 * person double-clicked), so new nodes never land on top of each other. Pure, for tests.
 */
import type { NodeRecord } from '../../shared/model/types';
import { CARD } from '../../shared/ui-constants';

const CARD_WIDTH = CARD.width;
const CARD_HEIGHT = CARD.height;

/** Space kept between cards. */
export const CARD_GAP = 24;
/** The search's grid, and how far out it looks before giving up (rings of the grid). */
const STEP_X = 40;
const STEP_Y = 30;
const MAX_RINGS = 60;

const overlaps = (x: number, y: number, n: NodeRecord): boolean =>
  x < n.position.x + CARD_WIDTH + CARD_GAP &&
  n.position.x < x + CARD_WIDTH + CARD_GAP &&
  y < n.position.y + CARD_HEIGHT + CARD_GAP &&
  n.position.y < y + CARD_HEIGHT + CARD_GAP;

/**
 * The top-left corner of a card centred as near to `centre` as possible without touching any
 * of `records` (active ones; trashed cards are not on the canvas), on a 40×30 grid around it.
 */
export function freeSpot(
  records: readonly NodeRecord[],
  centre: { x: number; y: number },
): { x: number; y: number } {
  const origin = { x: centre.x - CARD_WIDTH / 2, y: centre.y - CARD_HEIGHT / 2 };
  // Only cards near enough to matter are tested (the search never goes further than this).
  const reach = MAX_RINGS * Math.max(STEP_X, STEP_Y) + CARD_WIDTH + CARD_GAP;
  const near = records.filter(
    (n) =>
      !n.in_trash &&
      Math.abs(n.position.x - origin.x) < reach &&
      Math.abs(n.position.y - origin.y) < reach,
  );
  for (let ring = 0; ring <= MAX_RINGS; ring++) {
    let best: { x: number; y: number; d: number } | null = null;
    for (let i = -ring; i <= ring; i++) {
      for (let j = -ring; j <= ring; j++) {
        if (Math.max(Math.abs(i), Math.abs(j)) !== ring) continue;
        const x = Math.round(origin.x + i * STEP_X);
        const y = Math.round(origin.y + j * STEP_Y);
        const d = (i * STEP_X) ** 2 + (j * STEP_Y) ** 2;
        if (best && d >= best.d) continue;
        if (!near.some((n) => overlaps(x, y, n))) best = { x, y, d };
      }
    }
    if (best) return { x: best.x, y: best.y };
  }
  // Everything near is full: below the lowest card near the point.
  const bottom = Math.max(...near.map((n) => n.position.y + CARD_HEIGHT));
  return { x: Math.round(origin.x), y: Math.round(bottom + CARD_GAP) };
}
