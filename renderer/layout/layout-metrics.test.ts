import { describe, expect, it } from 'vitest';
import {
  countCrossings,
  extent,
  segmentsCross,
  straightLinks,
  totalLength,
} from './layout-metrics';

const p = (x: number, y: number) => ({ x, y });

describe('layout metrics', () => {
  it('[U5] two diagonals of a square cross once; parallel, touching or overlapping segments do not', () => {
    expect(segmentsCross(p(0, 0), p(10, 10), p(0, 10), p(10, 0))).toBe(true);
    expect(segmentsCross(p(0, 0), p(10, 0), p(0, 5), p(10, 5))).toBe(false); // parallel
    expect(segmentsCross(p(0, 0), p(10, 0), p(5, 0), p(5, 10))).toBe(false); // T: an end on it
    expect(segmentsCross(p(0, 0), p(10, 0), p(5, 0), p(15, 0))).toBe(false); // overlap
    expect(segmentsCross(p(0, 0), p(4, 4), p(0, 10), p(10, 0))).toBe(false); // would meet further on
  });

  it('[U5] counts crossings of straight links between distinct nodes, not of links sharing a node', () => {
    // a→b and c→d as an X: one crossing. a→d crosses c→b... but shares no node with c→d? It
    // shares d, so only its crossing with c→b counts (they share nothing).
    const links = [
      { source: 'a', target: 'b', points: [p(0, 0), p(10, 10)] },
      { source: 'c', target: 'd', points: [p(0, 10), p(10, 0)] },
      { source: 'a', target: 'd', points: [p(0, 0), p(10, 0)] },
      { source: 'e', target: 'f', points: [p(5, -5), p(5, 20)] },
    ];
    // e→f (x=5, vertical) crosses a→b at (5,5), c→d at (5,5) and a→d at (5,0): 3.
    // a→b × c→d at (5,5): 1. a→d shares a node with both a→b and c→d: 0.
    expect(countCrossings(links)).toBe(4);
  });

  it('[U5] counts every crossing of orthogonal routes, twice when two routes cross twice', () => {
    const links = [
      // A horizontal route with a detour down and back up.
      {
        source: 'a',
        target: 'b',
        points: [p(0, 0), p(20, 0), p(20, 10), p(40, 10), p(40, 0), p(60, 0)],
      },
      // A horizontal line at y=5 crossing both vertical pieces of the detour.
      { source: 'c', target: 'd', points: [p(10, 5), p(50, 5)] },
      // A vertical line far away.
      { source: 'e', target: 'f', points: [p(100, -10), p(100, 10)] },
    ];
    expect(countCrossings(links)).toBe(2);
  });

  it('[U5] total length adds every piece of every polyline', () => {
    const links = [
      { source: 'a', target: 'b', points: [p(0, 0), p(3, 4)] }, // 5
      { source: 'c', target: 'd', points: [p(0, 0), p(10, 0), p(10, 7)] }, // 17
    ];
    expect(totalLength(links)).toBe(22);
    expect(totalLength([])).toBe(0);
  });

  it('[U5] straight links go from the right handle to the left one (LR), bottom to top (TB)', () => {
    const positions = { a: p(0, 0), b: p(300, 100) };
    const size = { width: 200, height: 80, handleY: 30 };
    const edges = [{ source: 'a', target: 'b' }];
    expect(straightLinks(positions, edges, size, 'LR')[0]!.points).toEqual([
      p(200, 30),
      p(300, 130),
    ]);
    expect(straightLinks(positions, edges, size, 'TB')[0]!.points).toEqual([
      p(100, 80),
      p(400, 100),
    ]);
    expect(extent(positions, size)).toEqual({ width: 500, height: 180 });
  });
});
