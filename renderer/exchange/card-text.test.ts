// The card's size estimate (card-text.ts): the overview layer draws each box at it until the
// cards take over (renderer/canvas/overview/overview-heights.ts). The browser's own layout is
// compared in e2e/planning.spec.ts; here, the planning line's wrapping.
import { describe, expect, it } from 'vitest';
import { CARD } from '../../shared/ui-constants';
import { MAX_PLAN_HEIGHT, planRowHeight } from './card-text';

const ONE_LINE = CARD.planTop + CARD.planLine;
const TWO_LINES = CARD.planTop + 2 * CARD.planLine + CARD.planGap;

describe('[PL1] the planning line in a card’s height', () => {
  it('adds nothing without planning fields, one line for a few', () => {
    expect(planRowHeight({})).toBe(0);
    expect(planRowHeight({ assignee: [] })).toBe(0);
    expect(planRowHeight({ estimate: 2 })).toBe(ONE_LINE);
    expect(planRowHeight({ due_date: '2030-03-08', estimate: 1.5, assignee: ['Ann Lee'] })).toBe(
      ONE_LINE,
    );
  });

  it('wraps as the flex line does: people that do not fit beside the dates go below', () => {
    const seven = ['Ann Lee', 'root', 'Bo Chen', 'Cy Dee', 'Di Eve', 'Ed Fox', 'Flo Gus'];
    expect(planRowHeight({ assignee: seven })).toBe(ONE_LINE);
    expect(planRowHeight({ due_date: '2030-03-20', estimate: 1, assignee: seven })).toBe(TWO_LINES);
    // More people than a card is wide stay on one line of their own (the chips do not wrap).
    const many = Array.from({ length: 32 }, (_, i) => `Person ${i}`);
    expect(planRowHeight({ due_date: '2030-03-20', assignee: many })).toBe(TWO_LINES);
    expect(planRowHeight({ due_date: '2030-03-20', assignee: many })).toBeLessThanOrEqual(
      MAX_PLAN_HEIGHT,
    );
  });
});
