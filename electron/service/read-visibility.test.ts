/**
 * [A4] Every read of the contract answers a member through the same A1–A4 view `graph.get`
 * uses: whatever `graph.get` hides from them (nodes they have no access to, links with such an
 * endpoint, other members' private links) no other read may answer either. The reads are
 * enumerated from the method table, so a new read method is covered or this test fails naming it.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { READ_METHOD_NAMES, type ReadMethodName } from '../../shared/contract/method-names';
import type { BlockerStep, GraphView } from '../../shared/contract/methods';
import type { Batch } from '../../shared/engine';
import { EXPORT_FORMATS } from '../../shared/exchange/formats';
import type { Member } from '../../shared/model/types';
import { startService, type StartedService } from './start-service';

let started: StartedService;
let ownerId: string;
let m: string;
const ids: Record<string, string> = {};

async function call(method: string, params: unknown, member = ownerId): Promise<unknown> {
  const r = await started.service.call(method, params, { member });
  if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
  return r.value;
}
const node = async (title: string): Promise<string> => {
  const b = (await call('node.create', { title, description: `about ${title}` })) as Batch;
  return (ids[title] = (b.nodes[0]?.after as { id: string }).id);
};
const link = async (name: string, params: object, member = ownerId): Promise<string> => {
  const b = (await call('link.create', params, member)) as Batch;
  return (ids[name] = (b.links[0]?.after as { id: string }).id);
};

/**
 * The workspace: M is a viewer of the branch under B, which takes in A (A blocks B) — but A→B
 * is the owner's private link. H is blocked by B and out of M's reach. M sees K and Z (grants
 * without branch) but not Y between them (Z blocks Y blocks K). M drew a link E1→E2, trashed
 * it, then lost access to E2. T is the owner's, in trash.
 */
beforeAll(async () => {
  started = await startService({
    dataDir: mkdtempSync(join(tmpdir(), 'linkgraph-reads-')),
    mode: 'serve',
    version: '0.0.0-test',
  });
  ownerId = started.owner;
  const added = (await call('member.add', { username: 'mo', email: 'mo@example.com' })) as Batch;
  m = (added.user[0]?.after as Member).id;
  for (const t of ['A', 'B', 'H', 'K', 'Y', 'Z', 'E1', 'E2', 'T']) await node(`Node ${t}`);
  const id = (t: string) => ids[`Node ${t}`] as string;
  await link('A->B', { source: id('A'), target: id('B'), type: 0, private: true });
  await link('B->H', { source: id('B'), target: id('H'), type: 0 });
  await link('Z->Y', { source: id('Z'), target: id('Y'), type: 0 });
  await link('Y->K', { source: id('Y'), target: id('K'), type: 0 });
  await call('access.grant', { node: id('B'), member: m, level: 3, branch: true });
  for (const t of ['K', 'Z'])
    await call('access.grant', { node: id(t), member: m, level: 3, branch: false });
  for (const t of ['E1', 'E2'])
    await call('access.grant', { node: id(t), member: m, level: 2, branch: false });
  await link('E1->E2', { source: id('E1'), target: id('E2'), type: 1 }, m);
  await call('link.trash', { id: ids['E1->E2'] }, m);
  await call('access.revoke', { node: id('E2'), member: m });
  await call('node.trash', { id: id('T') });
});
afterAll(() => started.hub.closeAll());

/** Every read of the contract, with the parameters to ask it (about every entity there is). */
const READS: { [K in ReadMethodName]: (all: string[]) => unknown[] } = {
  'app.info': () => [undefined],
  'preferences.get': () => [undefined],
  'workspace.list': () => [undefined],
  'graph.get': () => [undefined, { as: m }],
  'graph.columns': () => [undefined, { as: m }],
  'graph.outline': () => [undefined, { as: m }],
  'members.list': () => [undefined],
  'link_types.list': () => [undefined],
  'trash.list': () => [undefined],
  'history.list': () => [{ limit: 5000 }],
  'node.blockers': (all) => all.map((id) => ({ id })),
  'node.access': (all) => all.map((id) => ({ id })),
  'links.list': (all) =>
    all.flatMap((object) => [
      { object, direction: 'is_source' },
      { object, direction: 'is_target' },
    ]),
  export: () => EXPORT_FORMATS.map((format) => ({ format })),
  // [PL2] every node is open with no estimate: all are critical, so the critical links would
  // name the owner's private A→B link if the view let it through.
  'plan.schedule': () => [undefined],
  'plan.next': () => [undefined, { limit: 1000 }],
  'plan.load': () => [undefined],
  // The data folder keeps no numbered batches (a team server does: team-batches-since.test.ts).
  'batches.since': () => [{ after: 0 }],
  // Owner only: a member is refused (token.list names members, never nodes or links).
  'tokens.list': () => [undefined],
};

describe('[A4] reads answer a member only what graph.get shows them', () => {
  it('[A4] every read method of the contract is exercised here', () => {
    expect(READ_METHOD_NAMES.filter((name) => !(name in READS))).toEqual([]);
  });

  it('[A4] no read method answers a member a node, link or title graph.get hides from them', async () => {
    const session = await started.hub.session();
    if (!session.ok) throw new Error(session.error.message);
    const { state } = session.value;
    const view = (await call('graph.get', undefined, m)) as GraphView;
    const shown = new Set([...view.nodes.map((n) => n.id), ...view.links.map((l) => l.id)]);
    // The fixture is what it claims: M sees A and B, not the private link between them.
    expect(shown.has(ids['Node A'] as string) && shown.has(ids['Node B'] as string)).toBe(true);
    expect(shown.has(ids['A->B'] as string)).toBe(false);
    const ownerChain = (await call('node.blockers', { id: ids['Node B'] })) as {
      chain: BlockerStep[];
    };
    expect(ownerChain.chain.map((s) => s.link.id)).toContain(ids['A->B']);

    // What must never reach M, each with a name to report it by.
    const hidden = new Map<string, string>();
    for (const n of state.nodes.values()) {
      if (shown.has(n.rec.id)) continue;
      for (const text of [n.rec.id, n.rec.title, n.rec.description])
        if (text) hidden.set(text, `node "${n.rec.title}"`);
    }
    for (const l of state.links.values()) {
      const ends = [l.rec.source, l.rec.target].map((e) => state.nodes.get(e)?.rec.title);
      if (!shown.has(l.rec.id)) hidden.set(l.rec.id, `link ${ends.join(' → ')}`);
    }
    const everyNode = [...state.nodes.keys()];

    const leaks: string[] = [];
    for (const name of READ_METHOD_NAMES) {
      for (const params of READS[name](everyNode)) {
        const answer = await started.service.call(name, params, { member: m });
        // A refusal may repeat what was asked (`The node <id> does not exist.`), nothing more.
        const asked = JSON.stringify(params ?? {});
        const text = JSON.stringify(answer.ok ? answer.value : answer.error);
        const found = [...hidden].filter(
          ([h]) => text.includes(h) && (answer.ok || !asked.includes(h)),
        );
        const what = [...new Set(found.map(([, label]) => label))];
        if (what.length > 0) leaks.push(`${name} ${asked} → ${what.join(', ')}`);
      }
    }
    expect(leaks).toEqual([]);
  });
});
