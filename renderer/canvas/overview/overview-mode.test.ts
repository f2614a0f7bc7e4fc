import { afterEach, describe, expect, it, vi } from 'vitest';
import { createOverviewMode, overviewWanted, ZOOM_SETTLE_MS } from './overview-mode';

/** React Flow's store, reduced to what the mode reads. */
function fakeStore(zoom: number) {
  let state = { transform: [0, 0, zoom] as [number, number, number] };
  const listeners = new Set<(s: typeof state) => void>();
  return {
    getState: () => state,
    subscribe(l: (s: typeof state) => void) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    zoom(z: number) {
      state = { transform: [0, 0, z] };
      listeners.forEach((l) => l(state));
    },
    listeners,
  };
}

afterEach(() => vi.useRealTimers());

describe('overview mode', () => {
  it('[U5] draws below 0.3 always, between 0.3 and 0.45 only while the zoom is changing', () => {
    expect(overviewWanted(0.29, false)).toBe(true);
    expect(overviewWanted(0.35, false)).toBe(false);
    expect(overviewWanted(0.35, true)).toBe(true);
    expect(overviewWanted(0.45, true)).toBe(false);
  });

  it('[U5] a zoom through the hand-over keeps the layer until it rests, then hands over to cards', () => {
    vi.useFakeTimers();
    const store = fakeStore(0.1);
    const mode = createOverviewMode(store);
    const seen: boolean[] = [];
    const stop = mode.subscribe(() => seen.push(mode.get()));
    expect(mode.get()).toBe(true);
    for (const z of [0.2, 0.29, 0.32, 0.4, 0.44]) {
      store.zoom(z);
      vi.advanceTimersByTime(16);
      expect(mode.get()).toBe(true);
    }
    vi.advanceTimersByTime(ZOOM_SETTLE_MS);
    expect(mode.get()).toBe(false);
    // Zooming on past 0.45 hands over at once; zooming out into the band takes the layer back.
    store.zoom(0.5);
    expect(mode.get()).toBe(false);
    store.zoom(0.42);
    expect(mode.get()).toBe(true);
    vi.advanceTimersByTime(ZOOM_SETTLE_MS);
    expect(mode.get()).toBe(false);
    expect(seen).toEqual([false, true, false]);
    stop();
    expect(store.listeners.size).toBe(0);
  });

  it('[U5] the layer can be held while cards are handed over, without changing whether cards are wanted', () => {
    const store = fakeStore(1);
    const mode = createOverviewMode(store);
    let calls = 0;
    const stop = mode.subscribe(() => calls++);
    expect([mode.get(), mode.held()]).toEqual([false, false]);
    mode.hold(true);
    mode.hold(true);
    expect([mode.get(), mode.held(), calls]).toEqual([false, true, 1]);
    mode.hold(false);
    expect([mode.get(), mode.held(), calls]).toEqual([false, false, 2]);
    stop();
  });
});
