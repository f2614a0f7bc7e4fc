/**
 * [A4] `graph.outline` answers a member the outline of exactly the view `graph.get` answers
 * them: no position, status or link of a node they may not see, in the same order; and
 * "view as" is the owner's alone, as for graph.get (shared/contract/graph-outline.ts).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphView } from '../../shared/contract/methods';
import type { GraphOutline } from '../../shared/contract/graph-outline';
import type { Batch } from '../../shared/engine';
import type { Member } from '../../shared/model/types';
import { startService, type StartedService } from './start-service';

let started: StartedService;
let owner: string;
let m: string;
const ids: Record<string, string> = {};

async function call<T>(method: string, params: unknown, member = owner): Promise<T> {
  const r = await started.service.call(method, params, { member });
  if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
  return r.value as T;
}

/** A B C in a chain (A blocks B blocks C), D and E apart; M sees B's branch and D, not E. */
beforeAll(async () => {
  started = await startService({
    dataDir: mkdtempSync(join(tmpdir(), 'linkgraph-outline-')),
    mode: 'serve',
    version: '0.0.0-test',
  });
  owner = started.owner;
  const added = await call<Batch>('member.add', { username: 'mo', email: 'mo@example.com' });
  m = (added.user[0]?.after as Member).id;
  for (const [t, x] of [
    ['A', 0],
    ['B', 300],
    ['C', 600],
    ['D', 900],
    ['E', 1200],
  ] as const) {
    const b = await call<Batch>('node.create', { title: t, position: { x, y: 40 } });
    ids[t] = (b.nodes[0]?.after as { id: string }).id;
  }
  await call('link.create', { source: ids.A, target: ids.B, type: 0 });
  await call('link.create', { source: ids.B, target: ids.C, type: 0 });
  await call('access.grant', { node: ids.B, member: m, level: 3, branch: true });
  await call('access.grant', { node: ids.D, member: m, level: 3, branch: false });
});
afterAll(() => started.hub.closeAll());

/** The places of graph.get's view on the canvas, in order, and the outline's. */
const placesOf = (view: GraphView) => view.nodes.filter((n) => !n.in_trash).map((n) => n.position);
const outlinePlaces = (o: GraphOutline) => o.x.map((x, i) => ({ x, y: o.y[i] }));

describe('[A4] graph.outline', () => {
  it('[A4] a member is outlined exactly their view, in its order', async () => {
    const view = await call<GraphView>('graph.get', undefined, m);
    const outline = await call<GraphOutline>('graph.outline', undefined, m);
    expect(outline.member).toBe(m);
    expect(outline.count).toBe(view.nodes.length);
    expect(outlinePlaces(outline)).toEqual(placesOf(view));
    expect(outline.status).toBe(view.nodes.map((n) => n.status).join(''));
    // M does not see E (the fixture is what it claims): the outline is short of it.
    expect(view.nodes.map((n) => n.id)).not.toContain(ids.E);
    const all = await call<GraphOutline>('graph.outline', undefined);
    expect(outline.count).toBeLessThan(all.count);
    for (const end of outline.blocking) expect(end).toBeLessThan(outline.count);
  });

  it("[A4] the owner sees all four; viewing as M gives M's outline; M may not view as the owner", async () => {
    const all = await call<GraphOutline>('graph.outline', undefined);
    const view = await call<GraphView>('graph.get', undefined);
    expect(all.count).toBe(view.nodes.length);
    expect(outlinePlaces(all)).toEqual(placesOf(view));
    const asM = await call<GraphOutline>('graph.outline', { as: m });
    expect(asM).toEqual(await call<GraphOutline>('graph.outline', undefined, m));
    const refused = await started.service.call('graph.outline', { as: owner }, { member: m });
    expect(refused.ok).toBe(false);
    const bad = await started.service.call('graph.outline', { as: 'nope' }, { member: owner });
    expect(bad.ok).toBe(false);
  });

  it('[A4] a node in the trash leaves the outline', async () => {
    const before = (await call<GraphOutline>('graph.outline', undefined)).count;
    await call('node.trash', { id: ids.D });
    expect((await call<GraphOutline>('graph.outline', undefined)).count).toBe(before - 1);
    await call('node.restore', { id: ids.D });
    expect((await call<GraphOutline>('graph.outline', undefined)).count).toBe(before);
  });
});
