/**
 * The outline first (outline-store.ts; docs/canvas-performance.md, "The outline first"): the
 * page's first view shows a large plan's outline when it comes before the records, drops one
 * that comes after, and clears it once the records are shown; a small plan, or one whose
 * groups are remembered collapsed, is never shown from its outline.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LinkgraphApi } from '../../shared/contract/api';
import { encodeRecords } from '../../shared/contract/graph-columns';
import type { GraphOutline } from '../../shared/contract/graph-outline';
import { ok } from '../../shared/model/result';
import { askOutline, reloadView, setApi, setCurrentMember } from '../app/commands';
import { VIRTUALIZE_ABOVE } from '../canvas/virtualize-above';
import { useGraphStore } from './graph-store';
import { offerOutline, outlineStore } from './outline-store';
import { node } from './test-support/random-batch';

const WORKSPACE = { id: 'w1', name: 'Plan' };

const outlineOf = (count: number, workspace = WORKSPACE): GraphOutline => ({
  workspace,
  member: 'me',
  count,
  x: Array.from({ length: count }, (_, i) => i * 250),
  y: Array.from({ length: count }, () => 0),
  status: '0'.repeat(count),
  blocking: [],
});

/** The page's storage, as the browser keeps it (Node has none). */
class MemoryStorage {
  data = new Map<string, string>();
  getItem = (k: string) => this.data.get(k) ?? null;
  setItem = (k: string, v: string) => void this.data.set(k, v);
}

/** A service answering `graph.outline` and `graph.columns` when the test says so. */
function heldService(count: number) {
  const release: Record<string, () => void> = {};
  const held = (name: string, value: () => unknown) => () =>
    new Promise((resolve) => (release[name] = () => resolve(ok(value()))));
  const nodes = Array.from({ length: count }, (_, i) => node(i));
  const api = {
    'graph.outline': held('outline', () => outlineOf(count)),
    'graph.columns': held('columns', () => ({
      workspace: WORKSPACE,
      member: 'me',
      nodes: encodeRecords(nodes),
      links: encodeRecords([]),
    })),
  } as unknown as LinkgraphApi;
  setApi(api);
  const answer = async (name: 'outline' | 'columns') => {
    release[name]!();
    await new Promise((r) => setTimeout(r, 0));
  };
  return { answer };
}

beforeEach(() => {
  outlineStore.setState({ outline: null });
  useGraphStore.setState({ workspace: null });
  setCurrentMember('me');
});
afterEach(() => {
  delete (globalThis as { localStorage?: unknown }).localStorage;
});

describe('[U5] the outline first', () => {
  it('[U5] an outline that comes first is shown, then cleared once the records are', async () => {
    const service = heldService(VIRTUALIZE_ABOVE + 100);
    let shown = 0;
    const outline = askOutline(() => shown++);
    const loading = reloadView('me', outline);
    await service.answer('outline');
    expect(shown).toBe(1);
    expect(outlineStore.getState().outline?.count).toBe(VIRTUALIZE_ABOVE + 100);
    expect(useGraphStore.getState().nodes.size).toBe(0);
    await service.answer('columns');
    await loading;
    expect(useGraphStore.getState().nodes.size).toBe(VIRTUALIZE_ABOVE + 100);
    expect(outlineStore.getState().outline).toBeNull();
  });

  it('[U5] an outline that comes after the records is dropped', async () => {
    const service = heldService(VIRTUALIZE_ABOVE + 100);
    let shown = 0;
    const outline = askOutline(() => shown++);
    const loading = reloadView('me', outline);
    await service.answer('columns');
    await loading;
    await service.answer('outline');
    expect(shown).toBe(0);
    expect(outlineStore.getState().outline).toBeNull();
  });

  it('[U5] a plan the canvas draws as cards is not shown from its outline', () => {
    expect(offerOutline(outlineOf(VIRTUALIZE_ABOVE))).toBe(false);
    expect(outlineStore.getState().outline).toBeNull();
    // Collapsed groups remembered for its workspace fold it into a few cards when it opens.
    const storage = new MemoryStorage();
    storage.setItem('linkgraph.collapsed-groups.v1', JSON.stringify({ w1: ['p1'] }));
    (globalThis as { localStorage?: unknown }).localStorage = storage;
    expect(offerOutline(outlineOf(VIRTUALIZE_ABOVE + 1))).toBe(false);
    // Another workspace's groups do not count.
    const other = outlineOf(VIRTUALIZE_ABOVE + 1, { id: 'w2', name: 'Other' });
    expect(offerOutline(other)).toBe(true);
    expect(outlineStore.getState().outline).toBe(other);
  });
});
