import { describe, expect, it } from 'vitest';
import {
  keepsWindow,
  queryWindow,
  visibleFlowRect,
  type QueryWindow,
  type ViewportState,
} from './viewport';
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

describe('keepsWindow', () => {
  const base: ViewportState = { x: -10, y: -10, zoom: 1, width: 1280, height: 800 };
  const covers = (w: QueryWindow, v: ViewportState) => {
    const seen = visibleFlowRect(v);
    return (
      w.rect.minX <= seen.minX &&
      w.rect.minY <= seen.minY &&
      w.rect.maxX >= seen.maxX &&
      w.rect.maxY >= seen.maxY
    );
  };
  /** Replays viewports the way the store selector does: returns the windows handed out. */
  const replay = (views: ViewportState[]) => {
    const handed: QueryWindow[] = [];
    let kept: QueryWindow | null = null;
    for (const v of views) {
      const next = queryWindow(v);
      if (!kept || !keepsWindow(kept, next)) {
        kept = next;
        handed.push(next);
      }
      expect(covers(kept, v)).toBe(true);
    }
    return handed;
  };

  it('keeps a window that covers the new view and is not too large', () => {
    const w = queryWindow(base);
    expect(keepsWindow(w, w)).toBe(true);
    // Zooming in a little: the old window still covers the smaller view.
    expect(keepsWindow(w, queryWindow({ ...base, zoom: 1.2 }))).toBe(true);
    // Zooming in far: the old window is more than twice the area the new view would get.
    expect(keepsWindow(w, queryWindow({ ...base, zoom: 1.9 }))).toBe(false);
    // Zooming out: the old window no longer covers the view.
    expect(keepsWindow(w, queryWindow({ ...base, zoom: 0.9 }))).toBe(false);
    // Panning past the window's edge.
    expect(keepsWindow(w, queryWindow({ ...base, x: -10 - 300 }))).toBe(false);
    expect(keepsWindow(w, queryWindow({ ...base, x: 0 }))).toBe(true);
  });

  it('never keeps a window across an empty one', () => {
    const empty = queryWindow({ ...base, width: 0 });
    expect(keepsWindow(empty, queryWindow(base))).toBe(false);
    expect(keepsWindow(queryWindow(base), empty)).toBe(false);
  });

  it('re-queries less than half as often as the bare grid while zooming, always covering the view', () => {
    // The benchmark's motion: zoom swinging 0.5×–2× around the screen centre.
    const fx = 15_000;
    const fy = 8_000;
    const views: ViewportState[] = [];
    for (let t = 0; t < 4000; t += 16) {
      const zoom = 2 ** Math.sin((2 * Math.PI * t) / 2000);
      views.push({ x: 640 - fx * zoom, y: 400 - fy * zoom, zoom, width: 1280, height: 800 });
    }
    // The window as it was before zoom steps and keeping: re-queried at every key change.
    const keys = views.map((v) => queryWindow(v).key);
    const keyChanges = keys.filter((k, i) => i === 0 || k !== keys[i - 1]).length;
    const handed = replay(views);
    expect(handed.length).toBeLessThan(keyChanges / 2);
    expect(handed.length).toBeGreaterThan(4); // it does follow the view
  });

  it('re-queries about once per cell while panning, always covering the view', () => {
    const views: ViewportState[] = [];
    for (let dx = 0; dx < 2000; dx++) views.push({ ...base, x: -dx });
    const handed = replay(views);
    // 128 px cells: at most one re-query per cell crossed, at least one per two cells.
    expect(handed.length).toBeLessThanOrEqual(Math.ceil(2000 / 128) + 1);
    expect(handed.length).toBeGreaterThanOrEqual(Math.floor(2000 / 256));
  });
});
