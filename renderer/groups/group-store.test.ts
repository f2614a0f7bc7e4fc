import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useGroupStore } from './group-store';

/** The page's storage, as the browser keeps it: strings by key (Node has none). */
class MemoryStorage {
  data = new Map<string, string>();
  getItem = (k: string) => this.data.get(k) ?? null;
  setItem = (k: string, v: string) => void this.data.set(k, v);
  removeItem = (k: string) => void this.data.delete(k);
}
const KEY = 'linkgraph.collapsed-groups.v1';
let storage: MemoryStorage;

beforeEach(() => {
  storage = new MemoryStorage();
  (globalThis as { localStorage?: unknown }).localStorage = storage;
  useGroupStore.setState({ workspace: null, collapsed: new Set() });
});
afterEach(() => {
  delete (globalThis as { localStorage?: unknown }).localStorage;
});

describe('groups: collapsed parents remembered per workspace', () => {
  it('[U5] each workspace keeps its own set, and finds it again', () => {
    const s = useGroupStore.getState();
    s.switchTo('ws-a');
    useGroupStore.getState().collapse(['p1', 'p2']);
    useGroupStore.getState().switchTo('ws-b');
    expect(useGroupStore.getState().collapsed.size).toBe(0);
    useGroupStore.getState().collapse(['q']);
    useGroupStore.getState().switchTo('ws-a');
    expect([...useGroupStore.getState().collapsed].sort()).toEqual(['p1', 'p2']);
    useGroupStore.getState().expand(['p1']);
    expect(JSON.parse(storage.getItem(KEY) ?? '{}')).toEqual({ 'ws-a': ['p2'], 'ws-b': ['q'] });
    // Expanding everything forgets the workspace's entry.
    useGroupStore.getState().expandAll();
    expect(JSON.parse(storage.getItem(KEY) ?? '{}')).toEqual({ 'ws-b': ['q'] });
  });

  it('[U5] a damaged entry opens everything expanded and is replaced on the next change', () => {
    storage.setItem(KEY, '{not json');
    useGroupStore.getState().switchTo('ws-a');
    expect(useGroupStore.getState().collapsed.size).toBe(0);
    useGroupStore.getState().collapse(['p']);
    expect(JSON.parse(storage.getItem(KEY) ?? '{}')).toEqual({ 'ws-a': ['p'] });
    storage.setItem(KEY, JSON.stringify({ 'ws-c': [1, 'ok', null] }));
    useGroupStore.getState().switchTo('ws-c');
    expect([...useGroupStore.getState().collapsed]).toEqual(['ok']);
  });

  it('[U5] a storage that refuses only means it is not remembered', () => {
    storage.setItem = () => {
      throw new Error('QuotaExceededError');
    };
    useGroupStore.getState().switchTo('ws-a');
    useGroupStore.getState().collapse(['p']);
    expect([...useGroupStore.getState().collapsed]).toEqual(['p']);
  });
});
