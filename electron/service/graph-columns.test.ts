/**
 * `graph.columns` is `graph.get` in columns: decoded, it answers every member exactly the
 * records `graph.get` answers them [A4], and refuses what `graph.get` refuses.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeGraph } from '../../shared/contract/graph-columns';
import type { GraphColumns, GraphView } from '../../shared/contract/methods';
import type { Batch } from '../../shared/engine';
import type { Member, NodeRecord } from '../../shared/model/types';
import { startService, type StartedService } from './start-service';

let started: StartedService;
let owner: string;
let m: string;
const id: Record<string, string> = {};

async function call<T>(method: string, params: unknown, member = owner): Promise<T> {
  const r = await started.service.call(method, params, { member });
  if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
  return r.value as T;
}
const decode = decodeGraph;

beforeAll(async () => {
  started = await startService({
    dataDir: mkdtempSync(join(tmpdir(), 'linkgraph-columns-')),
    mode: 'serve',
    version: '0.0.0-test',
  });
  owner = started.owner;
  const added = await call<Batch>('member.add', { username: 'mo', email: 'mo@example.com' });
  m = (added.user[0]?.after as Member).id;
  for (const t of ['A', 'B', 'C', 'D']) {
    const b = await call<Batch>('node.create', { title: `Node ${t}`, tags: [t.toLowerCase()] });
    id[t] = (b.nodes[0]?.after as NodeRecord).id;
  }
  await call('node.update', { id: id.A, due_date: '2026-12-01', estimate: 2.5 });
  await call('link.create', { source: id.A, target: id.B, type: 0, private: true });
  await call('link.create', { source: id.B, target: id.C, type: 1, link_type: 'is_related_to' });
  await call('link.create', { source: id.C, target: id.D, type: 0 });
  await call('access.grant', { node: id.B, member: m, level: 3, branch: false });
  await call('access.grant', { node: id.C, member: m, level: 3, branch: false });
  await call('node.trash', { id: id.D });
});
afterAll(() => started.hub.closeAll());

describe('[A4] graph.columns', () => {
  it('[A4] decodes to exactly what graph.get answers the owner, the owner viewing as M, and M', async () => {
    for (const [params, member] of [
      [undefined, owner],
      [{ as: m }, owner],
      [undefined, m],
    ] as const) {
      const view = await call<GraphView>('graph.get', params, member);
      const columns = await call<GraphColumns>('graph.columns', params, member);
      expect(decode(columns)).toEqual(view);
      // Same field order too (what the canvas and exports iterate).
      expect(decode(columns).nodes.map((n) => Object.keys(n))).toEqual(
        view.nodes.map((n) => Object.keys(n)),
      );
    }
    const mine = decode(await call<GraphColumns>('graph.columns', undefined, m));
    expect(mine.nodes.map((n) => n.title).sort()).toEqual(['Node B', 'Node C']);
    expect(mine.links.map((l) => [l.source, l.target])).toEqual([[id.B, id.C]]);
  });

  it('[A4] refuses a member viewing as someone else, as graph.get does', async () => {
    const r = await started.service.call('graph.columns', { as: owner }, { member: m });
    expect(r.ok ? null : r.error.code).toBe('forbidden.not_allowed');
  });
});
