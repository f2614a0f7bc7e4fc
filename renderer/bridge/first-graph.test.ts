import { describe, expect, it, vi } from 'vitest';
import type { LinkgraphBridge } from '../../shared/contract/api';
import type { GraphColumns } from '../../shared/contract/methods';
import { askFirstGraph, takeFirstGraph, whenScriptFetched } from './first-graph';

function deferred() {
  let resolve: () => void = () => {};
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

const COLUMNS = {
  workspace: { id: 'w', name: 'W' },
  member: 'm',
  nodes: { count: 0, columns: {} },
  links: { count: 0, columns: {} },
} as GraphColumns;

/** A bridge whose live channel the test opens, counting its graph.columns calls. */
function fakeBridge(live: Promise<void> | null) {
  const asked = vi.fn(async () => ({ ok: true as const, value: COLUMNS }));
  const bridge = {
    'graph.columns': asked,
    ...(live ? { whenLive: () => live } : {}),
  } as unknown as LinkgraphBridge;
  return { bridge, asked };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('the first graph, asked at start', () => {
  it('is asked only once the live channel and the script are both in, and taken once', async () => {
    const live = deferred();
    const script = deferred();
    const { bridge, asked } = fakeBridge(live.promise);
    askFirstGraph(bridge, script.promise);
    await settle();
    expect(asked).toHaveBeenCalledTimes(0);
    live.resolve();
    await settle();
    expect(asked).toHaveBeenCalledTimes(0);
    script.resolve();
    await settle();
    expect(asked).toHaveBeenCalledTimes(1);
    const taken = takeFirstGraph();
    expect(await taken).toEqual({ ok: true, value: COLUMNS });
    // A later load asks again itself.
    expect(takeFirstGraph()).toBeNull();
  });

  it('is not asked early from a bridge without a live channel (the desktop app)', async () => {
    const { bridge, asked } = fakeBridge(null);
    askFirstGraph(bridge, Promise.resolve());
    await settle();
    expect(asked).toHaveBeenCalledTimes(0);
    expect(takeFirstGraph()).toBeNull();
  });

  it('does not wait past its limit for a script that never arrives', async () => {
    vi.useFakeTimers();
    try {
      let settled = false;
      void whenScriptFetched(/\/never-[^/]*\.js$/).then(() => (settled = true));
      await vi.advanceTimersByTimeAsync(1499);
      expect(settled).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect(settled).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });
});
