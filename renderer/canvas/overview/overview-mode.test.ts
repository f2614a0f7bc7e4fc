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
  it('[U5] draws below 0.3 always, between 0.3 and 0.45 while the zoom is changing, and above while a zoom that began with it goes on', () => {
    expect(overviewWanted(0.29, false)).toBe(true);
    expect(overviewWanted(0.35, false)).toBe(false);
    expect(overviewWanted(0.35, true)).toBe(true);
    expect(overviewWanted(0.45, true)).toBe(false);
    expect(overviewWanted(0.8, true, true)).toBe(true);
    expect(overviewWanted(0.8, false, true)).toBe(false);
  });

  it('[U5] a zoom from the overview keeps the layer to its end, however far in, then hands over to cards', () => {
    vi.useFakeTimers();
    const store = fakeStore(0.1);
    const mode = createOverviewMode(store);
    const seen: [boolean, boolean][] = [];
    const stop = mode.subscribe(() => seen.push([mode.get(), mode.moving()]));
    expect([mode.get(), mode.moving()]).toEqual([true, false]);
    for (const z of [0.2, 0.29, 0.32, 0.44, 0.6, 1]) {
      store.zoom(z);
      vi.advanceTimersByTime(16);
      expect([mode.get(), mode.moving()]).toEqual([true, true]);
    }
    vi.advanceTimersByTime(ZOOM_SETTLE_MS);
    expect([mode.get(), mode.moving()]).toEqual([false, false]);
    // Told when the zoom began to move and when it rested (cards then), nothing in between.
    expect(seen).toEqual([
      [true, true],
      [false, false],
    ]);
    stop();
    expect(store.listeners.size).toBe(0);
  });

  it('[U5] a zoom among cards keeps them while it moves, the layer drawn (and hit) under them; below 0.45 the layer takes over until it rests', () => {
    vi.useFakeTimers();
    const store = fakeStore(1);
    const mode = createOverviewMode(store);
    const seen: [boolean, boolean][] = [];
    const stop = mode.subscribe(() => seen.push([mode.get(), mode.moving()]));
    for (const z of [0.9, 0.7, 0.5]) {
      store.zoom(z);
      vi.advanceTimersByTime(16);
      expect([mode.get(), mode.moving()]).toEqual([false, true]);
      // The layer draws around the kept cards, and a click there hits its boxes.
      expect(mode.drawn()).toBe(true);
    }
    vi.advanceTimersByTime(ZOOM_SETTLE_MS);
    expect([mode.get(), mode.moving(), mode.drawn()]).toEqual([false, false, false]);
    // Out into the cards' text-free band: the layer; back in while still moving: still the
    // layer (no card is mounted while a zoom moves); at rest above 0.3, cards.
    store.zoom(0.42);
    expect([mode.get(), mode.moving()]).toEqual([true, true]);
    store.zoom(0.5);
    expect([mode.get(), mode.moving()]).toEqual([true, true]);
    vi.advanceTimersByTime(ZOOM_SETTLE_MS);
    expect([mode.get(), mode.moving()]).toEqual([false, false]);
    expect(seen).toEqual([
      [false, true],
      [false, false],
      [true, true],
      [false, false],
    ]);
    stop();
  });

  it('[U5] the layer can be held while cards are handed over, without changing whether cards are wanted', () => {
    const store = fakeStore(1);
    const mode = createOverviewMode(store);
    let calls = 0;
    const stop = mode.subscribe(() => calls++);
    expect([mode.get(), mode.held()]).toEqual([false, false]);
    mode.hold(true);
    mode.hold(true);
    expect([mode.get(), mode.held(), calls, mode.drawn()]).toEqual([false, true, 1, true]);
    mode.hold(false);
    expect([mode.get(), mode.held(), calls, mode.drawn()]).toEqual([false, false, 2, false]);
    stop();
  });
});
