/**
 * The height of each node's box in the overview layer: its card's, as the card's title wraps
 * (renderer/exchange/card-text.ts, the estimate the whole-plan pictures use), so that the boxes
 * the layer draws up to the hand-over zoom are the cards that then replace them, with its
 * planning line (due date, estimate, assignees) when it has one. A card's other rows are the
 * same for every card.
 */
import { CARD } from '../../../shared/ui-constants';
import {
  cardSize,
  MAX_PLAN_HEIGHT,
  MAX_TITLE_LINES,
  planRowHeight,
} from '../../exchange/card-text';
import type { OverviewNodeInput } from './overview-marks';

/** The most a box is taller than a one-line card (CARD.height). */
export const MAX_EXTRA_H = (MAX_TITLE_LINES - 1) * CARD.titleLine + MAX_PLAN_HEIGHT;

/**
 * Device pixels per flow unit from which boxes get their cards' heights: a title line is a
 * pixel or more there. Below (a plan fitted whole), every box is a one-line card, so the first
 * frame of a large plan estimates no title.
 */
export const TALL_FROM_K = 1 / CARD.titleLine;

/** Records are replaced when they change, never changed in place: one estimate each. */
const heights = new WeakMap<object, number>();

/** The height of node's card (flow px), from its title. */
export function cardHeight(node: OverviewNodeInput): number {
  const record = node.data.record;
  let h = heights.get(record);
  if (h === undefined) {
    h = record.title === undefined ? CARD.height : cardSize({ title: record.title }).height;
    h += planRowHeight(record);
    heights.set(record, h);
  }
  return h;
}
