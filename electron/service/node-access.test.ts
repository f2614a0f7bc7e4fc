/**
 * `node.access` (the members panel's "who can see this node"): every member with access and
 * how they have it, as the engine's access rule decides (owner, grant, branch grant); a
 * member is answered only their own entry, and a node they cannot see does not exist.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NodeAccessEntry } from '../../shared/contract/methods';
import type { Batch } from '../../shared/engine';
import type { Member } from '../../shared/model/types';
import { startService, type StartedService } from './start-service';

let started: StartedService;
let owner: string;
const ids: Record<string, string> = {};

async function call(method: string, params: unknown, member = owner): Promise<unknown> {
  const r = await started.service.call(method, params, { member });
  if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
  return r.value;
}
const access = async (id: string, member = owner) =>
  ((await call('node.access', { id }, member)) as { access: NodeAccessEntry[] }).access.map((e) => [
    e.member.username,
    e.level,
    e.grant ? `${e.grant.level}${e.grant.branch ? 'b' : ''}` : '-',
  ]);

beforeAll(async () => {
  started = await startService({
    dataDir: mkdtempSync(join(tmpdir(), 'linkgraph-access-')),
    mode: 'serve',
    version: '0.0.0-test',
  });
  owner = started.owner;
  for (const name of ['ann', 'bob']) {
    const b = (await call('member.add', { username: name, email: `${name}@example.com` })) as Batch;
    ids[name] = (b.user[0]?.after as Member).id;
  }
  for (const t of ['Top', 'Under', 'Apart']) {
    const b = (await call('node.create', { title: t })) as Batch;
    ids[t] = (b.nodes[0]?.after as { id: string }).id;
  }
  // Under blocks Top: a branch grant on Top reaches Under.
  await call('link.create', { source: ids.Under, target: ids.Top, type: 0 });
  await call('access.grant', { node: ids.Top, member: ids.ann, level: 2, branch: true });
  await call('access.grant', { node: ids.Under, member: ids.bob, level: 3, branch: false });
});
afterAll(() => started.hub.closeAll());

describe('[A1] who can see a node', () => {
  it('[A1] the owner is told every member with access, by grant or by branch', async () => {
    const me = (await call('members.list', undefined)) as { members: Member[] };
    const mine = me.members.find((m) => m.id === owner)?.username;
    expect(await access(ids.Top as string)).toEqual([
      [mine, 0, '-'],
      ['ann', 2, '2b'],
    ]);
    expect(await access(ids.Under as string)).toEqual([
      [mine, 0, '-'],
      ['ann', 2, '-'],
      ['bob', 3, '3'],
    ]);
  });

  it('[A1] a member hears only their own entry, and nothing of a node they cannot see', async () => {
    expect(await access(ids.Under as string, ids.bob)).toEqual([['bob', 3, '3']]);
    const hidden = await started.service.call(
      'node.access',
      { id: ids.Apart },
      { member: ids.bob as string },
    );
    expect(hidden.ok ? 'answered' : hidden.error.code).toBe('not_found.node_not_found');
  });
});
