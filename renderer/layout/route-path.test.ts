import { describe, expect, it } from 'vitest';
import { CARD } from '../../shared/ui-constants';
import { routePath } from './route-path';
import type { Route } from './route-store';

// A link laid out left→right from a card at (0, 0) to one at (400, 200): out of the source's
// right port, down, into the target's left port (ports CARD.height / 2 down).
const h = CARD.height / 2;
const route: Route = {
  direction: 'LR',
  source: { x: 0, y: 0 },
  target: { x: 400, y: 200 },
  points: [
    { x: CARD.width, y: h },
    { x: 300, y: h },
    { x: 300, y: 200 + h },
    { x: 400, y: 200 + h },
  ],
};
const handles = { sourceX: CARD.width + 6, sourceY: h, targetX: 394, targetY: 200 + h };

describe('laid-out link routes', () => {
  it('[U5] a route whose cards stay put is drawn along its bends, ends at the handles', () => {
    const drawn = routePath(route, handles);
    expect(drawn?.path).toBe(
      `M ${CARD.width + 6},${h} L 292,${h} Q 300,${h} 300,${h + 8} L 300,${200 + h - 8} Q 300,${200 + h} 308,${200 + h} L 394,${200 + h}`,
    );
    // The label sits halfway along the route: on its vertical piece.
    expect(drawn?.labelX).toBe(300);
  });

  it('[U5] a taller card (two title lines) moves the end and keeps the last piece level', () => {
    const lower = { ...handles, targetY: 200 + h + CARD.titleLine / 2 };
    const drawn = routePath(route, lower);
    expect(drawn?.path.endsWith(`308,${lower.targetY} L 394,${lower.targetY}`)).toBe(true);
  });

  it('[U5] once a card is moved away from where the layout put it, the route is not drawn', () => {
    expect(routePath(route, { ...handles, targetX: 394 + 150 })).toBeNull();
    expect(routePath(route, { ...handles, sourceY: h + 200 })).toBeNull();
    expect(routePath(undefined, handles)).toBeNull();
  });
});
