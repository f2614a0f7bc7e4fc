/**
 * [H2] The editor's undo stack as the service answers it (history.list → next_undo /
 * next_redo), driven through the service's own method table: sequences of undos, redos and
 * new changes behave as in every editor.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startService, type StartedService } from './start-service';
import type { HistoryPage } from '../../shared/contract/methods';
import type { Batch } from '../../shared/engine';
import type { MethodName } from '../../shared/contract/method-names';

let started: StartedService | undefined;
afterEach(async () => {
  await started?.hub.closeAll();
  started = undefined;
});

async function open() {
  started = await startService({
    dataDir: mkdtempSync(join(tmpdir(), 'linkgraph-history-')),
    mode: 'serve',
    version: '0.0.0-test',
  });
  const { service, owner } = started;
  const call = async <T>(method: MethodName, params: unknown, member = owner): Promise<T> => {
    const r = await service.call(method, params, { member });
    if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
    return r.value as T;
  };
  const page = (member = owner) => call<HistoryPage>('history.list', { limit: 50 }, member);
  const created = async (title: string, member = owner) => {
    const b = await call<Batch>('node.create', { title }, member);
    return { batchId: b.batchId, id: (b.nodes[0]?.after as { id: string }).id };
  };
  const titles = async () => {
    const g = await call<{ nodes: { title: string }[] }>('graph.get', {});
    return g.nodes
      .map((n) => n.title)
      .filter((t) => /^N\d$/.test(t))
      .sort();
  };
  /** What the editor's Undo / Redo buttons do: ask the page, act on what it names. */
  const undo = async () => {
    const p = await page();
    if (!p.next_undo) return undefined;
    return call<Batch>('history.undo', { batchId: p.next_undo });
  };
  const redo = async () => {
    const p = await page();
    if (!p.next_redo) return undefined;
    return call<Batch>('history.redo', { batchId: p.next_redo });
  };
  return { call, page, created, titles, undo, redo, owner };
}

describe('history.list: the undo stack', () => {
  it('[H2] after three undos, three redos redo all three (most recently undone first)', async () => {
    const h = await open();
    const made = [await h.created('N1'), await h.created('N2'), await h.created('N3')];
    expect(await h.titles()).toEqual(['N1', 'N2', 'N3']);
    expect((await h.undo())?.undoOf).toBe(made[2]?.batchId);
    expect((await h.undo())?.undoOf).toBe(made[1]?.batchId);
    expect((await h.undo())?.undoOf).toBe(made[0]?.batchId);
    expect(await h.titles()).toEqual([]);
    expect((await h.page()).next_redo).toBe(made[0]?.batchId);
    expect((await h.redo())?.redoOf).toBe(made[0]?.batchId);
    expect((await h.redo())?.redoOf).toBe(made[1]?.batchId);
    expect((await h.redo())?.redoOf).toBe(made[2]?.batchId);
    expect(await h.titles()).toEqual(['N1', 'N2', 'N3']);
    const end = await h.page();
    expect(end.next_redo).toBeUndefined();
    expect(end.next_undo).toBe(made[2]?.batchId);
  });

  it('[H2] undo, a new change, then redo: nothing to redo', async () => {
    const h = await open();
    await h.created('N1');
    const n2 = await h.created('N2');
    await h.undo();
    expect((await h.page()).next_redo).toBe(n2.batchId);
    const n3 = await h.created('N3');
    const p = await h.page();
    expect(p.next_redo).toBeUndefined();
    expect(p.next_redo_summary).toBeUndefined();
    expect(p.next_undo).toBe(n3.batchId);
    expect(await h.redo()).toBeUndefined();
    expect(await h.titles()).toEqual(['N1', 'N3']);
  });

  it('[H2] interleaved: undo, undo, redo, undo, undo walk the same stack; the stack empties', async () => {
    const h = await open();
    const a = await h.created('N1');
    const b = await h.created('N2');
    expect((await h.undo())?.undoOf).toBe(b.batchId);
    expect((await h.undo())?.undoOf).toBe(a.batchId);
    expect((await h.redo())?.redoOf).toBe(a.batchId);
    expect(await h.titles()).toEqual(['N1']);
    // The redone change is back on the undo stack, N2 still waits on the redo stack.
    const mid = await h.page();
    expect(mid.next_undo).toBe(a.batchId);
    expect(mid.next_redo).toBe(b.batchId);
    expect((await h.undo())?.undoOf).toBe(a.batchId);
    const end = await h.page();
    expect(end.next_redo).toBe(a.batchId);
    expect((await h.redo())?.redoOf).toBe(a.batchId);
    expect((await h.redo())?.redoOf).toBe(b.batchId);
    expect(await h.redo()).toBeUndefined();
    expect(await h.titles()).toEqual(['N1', 'N2']);
  });

  it('[H2] undo, redo, undo, redo of the same change alternate forever', async () => {
    const h = await open();
    const a = await h.created('N1');
    for (let i = 0; i < 3; i++) {
      expect((await h.undo())?.undoOf).toBe(a.batchId);
      expect(await h.titles()).toEqual([]);
      expect((await h.redo())?.redoOf).toBe(a.batchId);
      expect(await h.titles()).toEqual(['N1']);
    }
  });

  it("[H2] Undo is about the person's own changes: another member's change is not on it", async () => {
    const h = await open();
    const mine = await h.created('N1');
    const m = await h.call<Batch>('member.add', { username: 'ann', email: 'ann@example.com' });
    const ann = (m.user[0]?.after as { id: string }).id;
    // Adding a member is not undoable: the stack is as it was.
    expect((await h.page()).next_undo).toBe(mine.batchId);
    const hers = await h.created('N2', ann);
    const page = await h.page();
    expect(page.next_undo).toBe(mine.batchId);
    // The owner still sees every change in the panel, with who made it.
    expect(page.items[0]).toMatchObject({ batchId: hers.batchId, actor: { username: 'ann' } });
    expect((await h.page(ann)).next_undo).toBe(hers.batchId);
    expect((await h.page(ann)).items.map((i) => i.batchId)).toEqual([hers.batchId]);
  });

  it('[H2] a change someone else undid is skipped: Undo goes to the one before', async () => {
    const h = await open();
    const m = await h.call<Batch>('member.add', { username: 'bo', email: 'bo@example.com' });
    const bo = (m.user[0]?.after as { id: string }).id;
    const first = await h.created('N1', bo);
    const second = await h.created('N2', bo);
    // The workspace owner undoes bo's latest change from the history panel.
    await h.call('history.undo', { batchId: second.batchId });
    const page = await h.page(bo);
    expect(page.next_undo).toBe(first.batchId);
    // The owner's own stack now holds it for redo.
    expect((await h.page()).next_redo).toBe(second.batchId);
  });

  it('[H2] the items say what each change did and who made it; undo and redo say what they took back', async () => {
    const h = await open();
    const n = await h.created('N1');
    const page1 = await h.page();
    expect(page1.next_undo_summary).toMatch(/^added TASK-\d+ N1$/);
    await h.undo();
    const page2 = await h.page();
    expect(page2.items[0]?.summary).toMatch(/^Undid: added TASK-\d+ N1$/);
    expect(page2.items[0]).toMatchObject({
      undoOf: n.batchId,
      actor: { username: expect.any(String) },
    });
    expect(page2.items[1]).toMatchObject({ batchId: n.batchId, undone: true });
    expect(page2.next_redo_summary).toMatch(/^added TASK-\d+ N1$/);
    await h.redo();
    expect((await h.page()).items[0]?.summary).toMatch(/^Redid: added TASK-\d+ N1$/);
  });
});
