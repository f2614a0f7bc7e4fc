/**
 * The window's size and position are remembered (settings key `window`): saved shortly after
 * each move or resize and on close, and restored clamped to a display that is still there —
 * a window saved on a monitor since unplugged must not open off-screen.
 */
import type { Settings } from '../settings/schema';

export type WindowState = Settings['window'];

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface DisplayLike {
  workArea: Rect;
}

export interface RestoredBounds {
  width: number;
  height: number;
  /** Absent: let the system center the window. */
  x?: number;
  y?: number;
}

/** How much of the window must overlap a display for the saved position to be kept. */
const MIN_VISIBLE = 64;
export const MIN_WIDTH = 200;
export const MIN_HEIGHT = 150;

const overlap = (a: Rect, b: Rect): { width: number; height: number } => ({
  width: Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)),
  height: Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)),
});

const clamp = (value: number, low: number, high: number): number =>
  Math.min(Math.max(value, low), Math.max(low, high));

/**
 * Where to open the window: on the display the saved bounds overlap most (by at least
 * MIN_VISIBLE in both directions), else centered on `primary`; never larger than that
 * display's work area, and moved fully inside it. Pure.
 */
export function restoreBounds(
  saved: WindowState,
  displays: readonly DisplayLike[],
  primary: DisplayLike,
): RestoredBounds {
  const wanted = {
    width: Math.max(MIN_WIDTH, Math.round(saved.width)),
    height: Math.max(MIN_HEIGHT, Math.round(saved.height)),
  };
  let best: { display: DisplayLike; area: number } | null = null;
  if (saved.x !== undefined && saved.y !== undefined) {
    const rect = { x: saved.x, y: saved.y, ...wanted };
    for (const display of displays) {
      const o = overlap(rect, display.workArea);
      if (o.width < MIN_VISIBLE || o.height < MIN_VISIBLE) continue;
      const area = o.width * o.height;
      if (!best || area > best.area) best = { display, area };
    }
  }
  const area = (best?.display ?? primary).workArea;
  const width = Math.min(wanted.width, area.width);
  const height = Math.min(wanted.height, area.height);
  if (!best || saved.x === undefined || saved.y === undefined) return { width, height };
  return {
    width,
    height,
    x: clamp(saved.x, area.x, area.x + area.width - width),
    y: clamp(saved.y, area.y, area.y + area.height - height),
  };
}

/** The part of BrowserWindow the tracker uses. */
export interface TrackedWindow {
  on(event: 'move' | 'resize' | 'close', listener: () => void): unknown;
  getNormalBounds(): Rect;
  isMaximized(): boolean;
  isDestroyed(): boolean;
}

/**
 * Saves the window's normal (unmaximized) bounds and whether it is maximized: `debounceMs`
 * after the last move/resize, and at once on close. Answers a function that cancels a
 * pending save.
 */
export function trackWindowState(
  window: TrackedWindow,
  save: (state: WindowState) => void,
  debounceMs = 500,
  timers: Pick<typeof globalThis, 'setTimeout' | 'clearTimeout'> = globalThis,
): () => void {
  let pending: ReturnType<typeof setTimeout> | null = null;
  const cancel = () => {
    if (pending !== null) timers.clearTimeout(pending);
    pending = null;
  };
  const saveNow = () => {
    cancel();
    if (window.isDestroyed()) return;
    const b = window.getNormalBounds();
    save({
      width: Math.max(MIN_WIDTH, Math.round(b.width)),
      height: Math.max(MIN_HEIGHT, Math.round(b.height)),
      x: Math.round(b.x),
      y: Math.round(b.y),
      maximized: window.isMaximized(),
    });
  };
  const later = () => {
    cancel();
    pending = timers.setTimeout(saveNow, debounceMs);
  };
  window.on('move', later);
  window.on('resize', later);
  window.on('close', saveNow);
  return cancel;
}
