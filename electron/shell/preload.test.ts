import { beforeAll, describe, expect, it, vi } from 'vitest';
import { DIFF_CHANNEL } from '../../shared/contract/api';
import { METHOD_NAMES } from '../../shared/contract/method-names';
import { SHELL_EVENT_CHANNEL } from '../../shared/contract/shell-events';

// Electron's modules are replaced before the preload runs: what it hands to exposeInMainWorld
// is exactly what the page's `window.linkgraph` would be.
const fake = vi.hoisted(() => {
  const listeners = new Map<string, Set<(event: unknown, payload: unknown) => void>>();
  const exposed: Record<string, Record<string, unknown>> = {};
  const invoked: { channel: string; params: unknown }[] = [];
  return {
    listeners,
    exposed,
    invoked,
    emit(channel: string, payload: unknown) {
      for (const l of listeners.get(channel) ?? []) l({ sender: 'electron internals' }, payload);
    },
  };
});

vi.mock('electron', () => ({
  contextBridge: {
    exposeInMainWorld: (key: string, api: Record<string, unknown>) => {
      fake.exposed[key] = api;
    },
  },
  ipcRenderer: {
    invoke: async (channel: string, params: unknown) => {
      fake.invoked.push({ channel, params });
      return { ok: true, value: channel };
    },
    on: (channel: string, listener: (event: unknown, payload: unknown) => void) => {
      const set = fake.listeners.get(channel) ?? new Set();
      set.add(listener);
      fake.listeners.set(channel, set);
    },
    removeListener: (channel: string, listener: (event: unknown, payload: unknown) => void) => {
      fake.listeners.get(channel)?.delete(listener);
    },
  },
}));

type Bridge = Record<string, (...args: unknown[]) => unknown>;
let bridge: Bridge;

beforeAll(async () => {
  await import('../preload');
  bridge = fake.exposed.linkgraph as Bridge;
});

describe('preload bridge', () => {
  it('[X1] exposes only window.linkgraph: one function per method, onDiff and onShellEvent', () => {
    expect(Object.keys(fake.exposed)).toEqual(['linkgraph']);
    expect(Object.keys(bridge).sort()).toEqual([...METHOD_NAMES, 'onDiff', 'onShellEvent'].sort());
    for (const value of Object.values(bridge)) expect(typeof value).toBe('function');
    expect(Object.isFrozen(bridge)).toBe(true);
  });

  it('[X1] each method invokes its own channel with the params, nothing else', async () => {
    const answer = await bridge['graph.get']?.({ as: 'm' });
    expect(answer).toEqual({ ok: true, value: 'linkgraph:graph.get' });
    expect(fake.invoked.at(-1)).toEqual({ channel: 'linkgraph:graph.get', params: { as: 'm' } });
  });

  it('[X1] diff listeners get the payload, never the Electron event, and can unsubscribe', () => {
    const got: unknown[] = [];
    const off = bridge.onDiff?.((d: unknown) => got.push(d)) as () => void;
    fake.emit(DIFF_CHANNEL, { workspace: 'w', batch: 1 });
    off();
    fake.emit(DIFF_CHANNEL, { workspace: 'w', batch: 2 });
    expect(got).toEqual([{ workspace: 'w', batch: 1 }]);
  });

  it('keeps shell events sent before the page subscribed, then delivers live ones', () => {
    fake.emit(SHELL_EVENT_CHANNEL, { type: 'set-theme', theme: 'dark' });
    fake.emit(SHELL_EVENT_CHANNEL, { type: 'fit-view' });
    const got: unknown[] = [];
    const off = bridge.onShellEvent?.((e: unknown) => got.push(e)) as () => void;
    fake.emit(SHELL_EVENT_CHANNEL, { type: 'delete-selection' });
    off();
    fake.emit(SHELL_EVENT_CHANNEL, { type: 'fit-view' });
    expect(got).toEqual([
      { type: 'set-theme', theme: 'dark' },
      { type: 'fit-view' },
      { type: 'delete-selection' },
    ]);
  });
});
