import { describe, expect, it } from 'vitest';
import type { NodeRecord } from '../../shared/model/types';
import { CARD_HEIGHT, CARD_WIDTH } from '../exchange/graph-svg';
import { CARD_GAP, freeSpot } from './free-spot';

const at = (x: number, y: number, in_trash = false) =>
  ({ position: { x, y }, in_trash }) as NodeRecord;
const clear = (p: { x: number; y: number }, records: NodeRecord[]) =>
  records.every(
    (n) =>
      n.in_trash ||
      p.x >= n.position.x + CARD_WIDTH + CARD_GAP ||
      n.position.x >= p.x + CARD_WIDTH + CARD_GAP ||
      p.y >= n.position.y + CARD_HEIGHT + CARD_GAP ||
      n.position.y >= p.y + CARD_HEIGHT + CARD_GAP,
  );

describe('new nodes never stack', () => {
  it('an empty place: the card is centred on the point', () => {
    expect(freeSpot([], { x: 500, y: 300 })).toEqual({
      x: Math.round(500 - CARD_WIDTH / 2),
      y: Math.round(300 - CARD_HEIGHT / 2),
    });
  });

  it('ten nodes added at the same centre all land apart, near it', () => {
    const records: NodeRecord[] = [];
    for (let i = 0; i < 10; i++) {
      const p = freeSpot(records, { x: 0, y: 0 });
      expect(clear(p, records)).toBe(true);
      expect(Math.hypot(p.x, p.y)).toBeLessThan(900);
      records.push(at(p.x, p.y));
    }
  });

  it('a trashed card does not take the place', () => {
    const trashed = at(-CARD_WIDTH / 2, -CARD_HEIGHT / 2, true);
    expect(freeSpot([trashed], { x: 0, y: 0 })).toEqual({
      x: Math.round(-CARD_WIDTH / 2),
      y: Math.round(-CARD_HEIGHT / 2),
    });
  });
});
