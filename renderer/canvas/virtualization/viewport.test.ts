import { describe, expect, it } from 'vitest';
import { queryWindow, visibleFlowRect, type ViewportState } from './viewport';
import { seeded } from './test-support';

describe('visibleFlowRect', () => {
  it('inverts React Flow transform', () => {
    const v: ViewportState = { x: -200, y: 100, zoom: 2, width: 800, height: 600 };
    expect(visibleFlowRect(v)).toEqual({ minX: 100, minY: -50, maxX: 500, maxY: 250 });
  });
});

describe('queryWindow', () => {
  const SNAP_256 = { cellPx: 256, marginPx: 64 };

  it('always contains the visible rectangle plus the margin', () => {
    const rand = seeded(2);
    for (let k = 0; k < 2000; k++) {
      const v: ViewportState = {
        x: (rand() - 0.5) * 1e5,
        y: (rand() - 0.5) * 1e5,
        zoom: 0.1 + rand() * 3,
        width: 200 + rand() * 2000,
        height: 200 + rand() * 1200,
      };
      const seen = visibleFlowRect(v);
      const { rect } = queryWindow(v, { cellPx: 256, marginPx: 100 });
      // The margin is at least 100 screen px at the bucket's zoom, i.e. >= 100 / zoom / 2.
      const margin = 100 / v.zoom / 2;
      expect(rect.minX).toBeLessThanOrEqual(seen.minX - margin + 1e-6);
      expect(rect.minY).toBeLessThanOrEqual(seen.minY - margin + 1e-6);
      expect(rect.maxX).toBeGreaterThanOrEqual(seen.maxX + margin - 1e-6);
      expect(rect.maxY).toBeGreaterThanOrEqual(seen.maxY + margin - 1e-6);
    }
  });

  it('keeps its key while panning within a cell, and changes it across one', () => {
    const base: ViewportState = { x: -10, y: -10, zoom: 1, width: 1000, height: 700 };
    const key = queryWindow(base, SNAP_256).key;
    expect(queryWindow({ ...base, x: -200 }, SNAP_256).key).toBe(key); // corner still in cell 0
    expect(queryWindow({ ...base, zoom: 1.3 }, SNAP_256).key).toBe(key); // same zoom bucket and cells
    expect(queryWindow({ ...base, zoom: 2.1 }, SNAP_256).key).not.toBe(key);
    expect(queryWindow({ ...base, x: -300 }, SNAP_256).key).not.toBe(key);
    // A pan of 2,000 px changes the window only a handful of times, not per pixel.
    const keys = new Set<string>();
    for (let dx = 0; dx < 2000; dx++) keys.add(queryWindow({ ...base, x: -dx }, SNAP_256).key);
    expect(keys.size).toBe(8); // one per 256 px cell
  });

  it('answers an empty window before the pane is measured', () => {
    expect(queryWindow({ x: 0, y: 0, zoom: 1, width: 0, height: 0 }).key).toBe('empty');
  });
});
