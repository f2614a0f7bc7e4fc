import { describe, expect, it } from 'vitest';
import { getBezierPath, Position } from '@xyflow/react';
import {
  controlBounds,
  curveIntersectsRect,
  curvePoint,
  edgeControlPoints,
  inflateRect,
  segmentIntersectsRect,
  type Rect,
} from './geometry';
import { seeded } from './test-support';

const inside = (x: number, y: number, r: Rect) =>
  x >= r.minX && x <= r.maxX && y >= r.minY && y <= r.maxY;

describe('segmentIntersectsRect', () => {
  const r: Rect = { minX: 0, minY: 0, maxX: 10, maxY: 10 };

  it('answers the obvious cases', () => {
    expect(segmentIntersectsRect(-5, 5, 15, 5, r)).toBe(true); // straight through
    expect(segmentIntersectsRect(2, 2, 3, 3, r)).toBe(true); // wholly inside
    expect(segmentIntersectsRect(-5, -5, -1, 20, r)).toBe(false); // passes to the left
    expect(segmentIntersectsRect(-5, 4, 4, -5, r)).toBe(false); // cuts the corner outside
    expect(segmentIntersectsRect(-5, 6, 6, -5, r)).toBe(true); // cuts the corner inside
    expect(segmentIntersectsRect(10, -3, 10, 3, r)).toBe(true); // runs along the right side
    expect(segmentIntersectsRect(11, -3, 11, 3, r)).toBe(false);
  });

  it('agrees with dense sampling on random segments', () => {
    const rand = seeded(7);
    let hits = 0;
    for (let k = 0; k < 3000; k++) {
      const [x0, y0, x1, y1] = [0, 0, 0, 0].map(() => rand() * 40 - 15) as [
        number,
        number,
        number,
        number,
      ];
      const got = segmentIntersectsRect(x0, y0, x1, y1, r);
      let sampledIn = false;
      let sampledNear = false;
      for (let i = 0; i <= 2000; i++) {
        const t = i / 2000;
        const x = x0 + (x1 - x0) * t;
        const y = y0 + (y1 - y0) * t;
        if (inside(x, y, inflateRect(r, -1e-3))) sampledIn = true;
        if (inside(x, y, inflateRect(r, 0.05))) sampledNear = true;
      }
      if (sampledIn) expect(got).toBe(true);
      if (got) expect(sampledNear).toBe(true);
      if (got) hits++;
    }
    expect(hits).toBeGreaterThan(500); // the sample covered both answers
    expect(hits).toBeLessThan(2500);
  });
});

describe('edge curves', () => {
  it('uses the control points React Flow draws a default edge with', () => {
    for (const [sx, sy, tx, ty] of [
      [0, 0, 300, 120],
      [500, 40, -700, 900],
      [10, 10, 10, 10],
    ] as const) {
      const [path] = getBezierPath({
        sourceX: sx,
        sourceY: sy,
        sourcePosition: Position.Right,
        targetX: tx,
        targetY: ty,
        targetPosition: Position.Left,
      });
      const numbers = path.match(/-?\d+(\.\d+)?(e-?\d+)?/g)!.map(Number);
      expect([...edgeControlPoints(sx, sy, tx, ty, new Float64Array(8))]).toEqual(numbers);
    }
  });

  it('bulges a backward edge outside the box of its two ends', () => {
    const c = edgeControlPoints(1000, 0, 0, 500, new Float64Array(8));
    const b = controlBounds(c);
    expect(b.maxX).toBeCloseTo(1000 + 6.25 * Math.sqrt(1000), 9);
    expect(b.minX).toBeCloseTo(-6.25 * Math.sqrt(1000), 9);
    // A rectangle right of both ends that only the bulge reaches.
    const right: Rect = { minX: 1005, minY: 0, maxX: 1030, maxY: 40 };
    expect(curveIntersectsRect(c, right)).toBe(true);
    expect(segmentIntersectsRect(1000, 0, 0, 500, right)).toBe(false);
  });

  it('agrees with dense sampling of the true curve, within the flattening error', () => {
    const rand = seeded(11);
    let hits = 0;
    for (let k = 0; k < 1500; k++) {
      const c = edgeControlPoints(
        rand() * 2000 - 1000,
        rand() * 2000 - 1000,
        rand() * 2000 - 1000,
        rand() * 2000 - 1000,
        new Float64Array(8),
      );
      const x = rand() * 1600 - 800;
      const y = rand() * 1600 - 800;
      const r: Rect = { minX: x, minY: y, maxX: x + rand() * 300, maxY: y + rand() * 300 };
      const got = curveIntersectsRect(c, r);
      let sampledIn = false;
      let sampledNear = false;
      for (let i = 0; i <= 1000; i++) {
        const p = curvePoint(c, i / 1000);
        // 16 chords of curves this size stray at most a few px from the curve.
        if (inside(p.x, p.y, inflateRect(r, -8))) sampledIn = true;
        if (inside(p.x, p.y, inflateRect(r, 8))) sampledNear = true;
      }
      if (sampledIn) expect(got).toBe(true);
      if (got) expect(sampledNear).toBe(true);
      if (got) hits++;
    }
    expect(hits).toBeGreaterThan(50);
  });

  it('contains the whole curve in the control points box', () => {
    const rand = seeded(3);
    for (let k = 0; k < 200; k++) {
      const c = edgeControlPoints(
        rand() * 4000,
        rand() * 4000,
        rand() * 4000,
        rand() * 4000,
        new Float64Array(8),
      );
      const b = inflateRect(controlBounds(c), 1e-9);
      for (let i = 0; i <= 100; i++) {
        const p = curvePoint(c, i / 100);
        expect(inside(p.x, p.y, b)).toBe(true);
      }
    }
  });
});
