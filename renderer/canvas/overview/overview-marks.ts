/**
 * What the overview layer reads from the canvas's flow elements: each node's marks and each
 * link's kind as bit flags (from their classes and data), and the card size every box has.
 * Shared by the index (overview-index.ts), its patching (overview-patch.ts) and the drawing.
 */
import { CARD } from '../../../shared/ui-constants';
import type { NodeRecord } from '../../../shared/model/types';

/** Node marks (bit flags). */
export const MARK = {
  match: 1,
  current: 2,
  dim: 4,
  selected: 8,
  flash: 16,
  /** Blocked node (status 2): its card has the tinted background. */
  root: 32,
} as const;
/** Link marks (bit flags). */
export const LINK = { primary: 1, blocking: 2, dim: 4, chain: 8 } as const;

/** Changed nodes up to which a change is a patch, not a rebuild. */
export const PATCH_MAX = 64;

export const CARD_W = CARD.width;
export const CARD_H = CARD.height;

export interface OverviewNodeInput {
  id: string;
  position: { x: number; y: number };
  className?: string | undefined;
  selected?: boolean | undefined;
  data: {
    /** The record's fields the layer draws, and those the card's height follows. */
    record: { status: number; display_id?: string; title?: string } & Partial<
      Pick<NodeRecord, 'due_date' | 'estimate' | 'assignee'>
    >;
    flashing: boolean;
  };
}

export interface OverviewEdgeInput {
  id: string;
  source: string;
  target: string;
  className?: string | undefined;
  data?: { record: { type: number }; blocking: boolean } | undefined;
}

export function nodeMarks(n: OverviewNodeInput): number {
  let m = 0;
  const c = n.className;
  if (c) {
    if (c.includes('lg-find-match')) m |= MARK.match;
    if (c.includes('lg-find-current')) m |= MARK.current;
    if (c.includes('lg-find-dim')) m |= MARK.dim;
    if (c.includes('lg-find-root') || c.includes('lg-find-chain')) m |= MARK.root;
  }
  if (n.selected) m |= MARK.selected;
  if (n.data.flashing) m |= MARK.flash;
  return m;
}

export function linkMarks(e: OverviewEdgeInput): number {
  let m = 0;
  if (e.data?.record.type === 0) m |= LINK.primary;
  if (e.data?.blocking) m |= LINK.blocking;
  const c = e.className;
  if (c) {
    if (c.includes('lg-find-dim')) m |= LINK.dim;
    if (c.includes('lg-find-chain')) m |= LINK.chain;
  }
  return m;
}
