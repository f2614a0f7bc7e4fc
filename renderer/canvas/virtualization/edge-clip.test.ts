import { describe, expect, it } from 'vitest';
import { Position } from '@xyflow/react';
import { clippedBezierPath, keptClipPath } from './edge-clip';
import { curvePoint, edgeControlPoints, subCurve } from './geometry';
import { queryWindow } from './viewport';
import { seeded } from './test-support';

describe('subCurve', () => {
  it('is the same curve between t0 and t1', () => {
    const rand = seeded(4);
    for (let k = 0; k < 100; k++) {
      const c = edgeControlPoints(
        rand() * 1e4,
        rand() * 1e4,
        rand() * 1e4,
        rand() * 1e4,
        new Float64Array(8),
      );
      const t0 = rand() * 0.5;
      const t1 = 0.5 + rand() * 0.5;
      const s = subCurve(c, t0, t1);
      for (const u of [0, 0.25, 0.5, 0.9, 1]) {
        const a = curvePoint(s, u);
        const b = curvePoint(c, t0 + (t1 - t0) * u);
        expect(a.x).toBeCloseTo(b.x, 6);
        expect(a.y).toBeCloseTo(b.y, 6);
      }
    }
  });
});

describe('clippedBezierPath', () => {
  // Zoom 1, a 1280×800 pane showing flow (0,0)–(1280,800).
  const view = queryWindow({ x: 0, y: 0, zoom: 1, width: 1280, height: 800 });
  const ends = { sourcePosition: Position.Right, targetPosition: Position.Left };

  it('leaves an edge inside the window whole', () => {
    const p = clippedBezierPath(
      { ...ends, sourceX: 100, sourceY: 100, targetX: 600, targetY: 400 },
      view,
      64,
    );
    expect(p.clippedStart).toBe(false);
    expect(p.clippedEnd).toBe(false);
    expect(p.path).toBe('M100,100 C350,100 350,400 600,400');
  });

  it('cuts a long edge down to the window and keeps the label at the true middle', () => {
    const p = clippedBezierPath(
      { ...ends, sourceX: -20_000, sourceY: 300, targetX: 20_000, targetY: 500 },
      view,
      64,
    );
    expect(p.clippedStart).toBe(true);
    expect(p.clippedEnd).toBe(true);
    const nums = p.path.match(/-?\d+(\.\d+)?/g)!.map(Number);
    const [x0, , , , , , x3] = nums as [number, number, number, number, number, number, number];
    // Starts and ends within a chord (~128 px) of the padded window, not 20,000 px away.
    expect(x0).toBeLessThan(view.rect.minX - 64 + 1);
    expect(x0).toBeGreaterThan(view.rect.minX - 64 - 300);
    expect(x3).toBeGreaterThan(view.rect.maxX + 64 - 1);
    expect(x3).toBeLessThan(view.rect.maxX + 64 + 300);
    expect(p.labelX).toBeCloseTo(0, 6);
    expect(p.labelY).toBeCloseTo(400, 6);
  });

  it('draws nothing for an edge outside the window', () => {
    const p = clippedBezierPath(
      { ...ends, sourceX: 9000, sourceY: 0, targetX: 9500, targetY: 0 },
      view,
      64,
    );
    expect(p.path).toBe('');
  });

  it('does not clip edges between other handle sides', () => {
    const p = clippedBezierPath(
      {
        sourcePosition: Position.Bottom,
        targetPosition: Position.Top,
        sourceX: 0,
        sourceY: -9000,
        targetX: 0,
        targetY: 9000,
      },
      view,
      64,
    );
    expect(p.clippedStart).toBe(false);
    expect(p.path.startsWith('M0,-9000')).toBe(true);
  });
});

describe('keptClipPath', () => {
  it('[U5] keeps the links of the cards a zoom keeps to their window, in flow units', () => {
    expect(keptClipPath({ minX: -20, minY: 10, maxX: 300.5, maxY: 140 })).toBe(
      'polygon(-20px 10px, 300.5px 10px, 300.5px 140px, -20px 140px)',
    );
  });

  it('[U5] no window, no clip', () => {
    expect(keptClipPath(null)).toBe('');
  });
});
