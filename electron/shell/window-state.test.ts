import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { restoreBounds, trackWindowState, type Rect, type WindowState } from './window-state';

const laptop = { workArea: { x: 0, y: 0, width: 1440, height: 875 } };
const rightMonitor = { workArea: { x: 1440, y: 0, width: 2560, height: 1400 } };
const saved = (s: Partial<WindowState>): WindowState => ({
  width: 1280,
  height: 800,
  maximized: false,
  ...s,
});

describe('window size and position', () => {
  it('keeps a saved position that is on a display', () => {
    expect(restoreBounds(saved({ x: 100, y: 50 }), [laptop, rightMonitor], laptop)).toEqual({
      width: 1280,
      height: 800,
      x: 100,
      y: 50,
    });
    expect(
      restoreBounds(saved({ x: 2000, y: 300, width: 1600 }), [laptop, rightMonitor], laptop),
    ).toEqual({ width: 1600, height: 800, x: 2000, y: 300 });
  });

  it('centers on the primary display when the saved display is gone', () => {
    // Saved on the right monitor, which is unplugged now.
    expect(restoreBounds(saved({ x: 2000, y: 300 }), [laptop], laptop)).toEqual({
      width: 1280,
      height: 800,
    });
    // Barely visible (a 20px sliver) counts as gone.
    expect(restoreBounds(saved({ x: 1420, y: 0 }), [laptop], laptop)).toEqual({
      width: 1280,
      height: 800,
    });
  });

  it('shrinks to the work area and pulls a half-visible window fully inside', () => {
    expect(
      restoreBounds(saved({ x: 1000, y: 600, width: 3000, height: 2000 }), [laptop], laptop),
    ).toEqual({ width: 1440, height: 875, x: 0, y: 0 });
    expect(restoreBounds(saved({ x: 900, y: 500 }), [laptop], laptop)).toEqual({
      width: 1280,
      height: 800,
      x: 160,
      y: 75,
    });
    expect(restoreBounds(saved({ x: -600, y: -100 }), [laptop], laptop)).toEqual({
      width: 1280,
      height: 800,
      x: 0,
      y: 0,
    });
  });

  it('picks the display the window overlaps most, and never a size below the minimum', () => {
    // Straddles both displays, mostly on the right one.
    expect(restoreBounds(saved({ x: 1300, y: 100 }), [laptop, rightMonitor], laptop)).toEqual({
      width: 1280,
      height: 800,
      x: 1440,
      y: 100,
    });
    expect(restoreBounds(saved({ width: 10, height: 10 }), [laptop], laptop)).toEqual({
      width: 200,
      height: 150,
    });
  });

  it('saves the normal bounds once after a burst of moves, and at once on close', () => {
    vi.useFakeTimers();
    try {
      const window = Object.assign(new EventEmitter(), {
        bounds: { x: 10, y: 20, width: 900, height: 600 } as Rect,
        maximized: false,
        getNormalBounds() {
          return this.bounds;
        },
        isMaximized() {
          return this.maximized;
        },
        isDestroyed: () => false,
      });
      const saves: WindowState[] = [];
      trackWindowState(window, (s) => saves.push(s), 500);

      window.emit('move');
      window.bounds = { x: 30, y: 40, width: 900, height: 600 };
      window.emit('move');
      vi.advanceTimersByTime(499);
      expect(saves).toEqual([]);
      window.emit('resize');
      window.bounds = { x: 30, y: 40, width: 1000.4, height: 700 };
      vi.advanceTimersByTime(500);
      expect(saves).toEqual([{ x: 30, y: 40, width: 1000, height: 700, maximized: false }]);

      window.maximized = true;
      window.emit('resize');
      window.emit('close');
      expect(saves).toEqual([
        { x: 30, y: 40, width: 1000, height: 700, maximized: false },
        { x: 30, y: 40, width: 1000, height: 700, maximized: true },
      ]);
      vi.advanceTimersByTime(1000);
      expect(saves).toHaveLength(2); // the pending save was replaced by the one on close
    } finally {
      vi.useRealTimers();
    }
  });
});
