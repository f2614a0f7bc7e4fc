import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startService, type StartedService } from './start-service';
import { createService } from './service';
import { methods, type BlockerStep } from '../../shared/contract/methods';
import { isCommandMethod } from '../../shared/contract/method-names';
import type { Batch } from '../../shared/engine';

const fresh = (): Promise<StartedService> =>
  startService({
    dataDir: mkdtempSync(join(tmpdir(), 'linkgraph-service-')),
    mode: 'serve',
    version: '0.0.0-test',
  });

describe('the service table', () => {
  it('[E1] refuses an unknown method with not_found', async () => {
    const { service, owner, hub } = await fresh();
    expect(await service.call('graph.delete', {}, { member: owner })).toEqual({
      ok: false,
      error: { code: 'not_found.unknown_method', message: 'There is no method "graph.delete".' },
    });
    await hub.closeAll();
  });

  it('[E1] validates parameters with the shared schema before any handler runs', async () => {
    const { service, owner, hub } = await fresh();
    const bad = await service.call('link.create', { source: 'x', target: 'y' }, { member: owner });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error.code).toBe('bad_request.invalid_uuid');
    const extra = await service.call('graph.get', { as: undefined, evil: 1 }, { member: owner });
    expect(!extra.ok && extra.error.code).toBe('bad_request.invalid_params');
    await hub.closeAll();
  });

  it('[S1] a fresh data folder opens the starter plan, whose statuses come from the engine', async () => {
    const { service, owner, hub } = await fresh();
    const view = await service.call('graph.get', undefined, { member: owner });
    expect(view.ok).toBe(true);
    const nodes = (view as { value: { nodes: { title: string; status: number }[] } }).value.nodes;
    expect(Object.fromEntries(nodes.map((n) => [n.title, n.status]))).toEqual({
      'Design the schema': 1,
      'Build the API': 2,
      'Ship the editor': 2,
      'Write the guide': 0,
    });
    await hub.closeAll();
  });

  it('[S1] every committed change survives a restart of the service', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'linkgraph-service-'));
    const first = await startService({ dataDir, mode: 'serve', version: '0.0.0-test' });
    const created = await first.service.call(
      'node.create',
      { title: 'Durable' },
      { member: first.owner },
    );
    expect(created.ok).toBe(true);
    await first.hub.closeAll();
    const second = await startService({ dataDir, mode: 'serve', version: '0.0.0-test' });
    const view = await second.service.call('graph.get', undefined, { member: second.owner });
    expect(
      (view as { value: { nodes: { title: string }[] } }).value.nodes.map((n) => n.title),
    ).toContain('Durable');
    expect(second.owner).toBe(first.owner);
    await second.hub.closeAll();
  });

  it('[E1] a handler that throws becomes a typed internal error', async () => {
    const service = createService((s) => {
      void s;
      return new Proxy({} as never, {
        get: () => async () => {
          throw new Error('boom');
        },
      });
    });
    const original = console.error;
    console.error = () => {};
    try {
      expect(await service.call('app.info', undefined, { member: 'm' })).toEqual({
        ok: false,
        error: {
          code: 'internal.unexpected',
          message: 'The service failed while handling app.info.',
        },
      });
    } finally {
      console.error = original;
    }
  });

  it('[H1] accepted commands are announced as diffs with their origin', async () => {
    const { service, owner, hub } = await fresh();
    const seen: { origin?: string; batchId: string }[] = [];
    service.onDiff((n) => seen.push({ origin: n.origin, batchId: n.batch.batchId }));
    const made = await service.call(
      'node.create',
      { title: 'Announced' },
      { member: owner, origin: 'tab-1' },
    );
    const refused = await service.call(
      'node.create',
      { title: 'x'.repeat(81) },
      { member: owner, origin: 'tab-1' },
    );
    expect(refused.ok).toBe(false);
    expect(seen).toEqual([
      { origin: 'tab-1', batchId: (made as { value: { batchId: string } }).value.batchId },
    ]);
    await hub.closeAll();
  });
});

describe('several at once through the contract', () => {
  it('[H1] [H2] the several-at-once commands are methods of the table, classed as commands (rate limit), and answer one batch', async () => {
    for (const name of [
      'nodes.update',
      'nodes.duplicate',
      'selection.trash',
      'selection.restore',
      'selection.purge',
    ]) {
      expect(isCommandMethod(name), name).toBe(true);
      expect(Object.hasOwn(methods, name), name).toBe(true);
    }
    const { service, owner, hub } = await fresh();
    const view = await service.call('graph.get', undefined, { member: owner });
    const ids = (view as { value: { nodes: { id: string }[] } }).value.nodes.map((n) => n.id);
    const seen: string[] = [];
    service.onDiff((n) => seen.push(n.batch.batchId));
    const trashed = await service.call('selection.trash', { nodes: ids }, { member: owner });
    expect(trashed.ok).toBe(true);
    const batch = (trashed as { value: Batch }).value;
    expect(batch.nodes.filter((e) => e.op === 4)).toHaveLength(ids.length);
    expect(seen).toEqual([batch.batchId]);
    await hub.closeAll();
  });

  it('[N4] a field breaks its limit with the same code in node.update and nodes.update', async () => {
    const { service, owner, hub } = await fresh();
    const view = await service.call('graph.get', undefined, { member: owner });
    const id = (view as { value: { nodes: { id: string }[] } }).value.nodes[0]?.id as string;
    const codeOf = async (method: 'node.update' | 'nodes.update', params: unknown) => {
      const r = await service.call(method, params, { member: owner });
      return r.ok ? 'ok' : r.error.code;
    };
    expect(await codeOf('node.update', { id, priority: 12 })).toBe('bad_request.invalid_priority');
    expect(await codeOf('nodes.update', { ids: [id], patch: { priority: 12 } })).toBe(
      'bad_request.invalid_priority',
    );
    expect(await codeOf('node.update', { id, tags: ['x'.repeat(51)] })).toBe(
      'bad_request.tag_too_long',
    );
    expect(await codeOf('nodes.update', { ids: [id], patch: { tags_add: ['x'.repeat(51)] } })).toBe(
      'bad_request.tag_too_long',
    );
    await hub.closeAll();
  });
});

describe('node.blockers', () => {
  it('[N2] [A4] answers the chain of blockers, only as far as the caller may see', async () => {
    const { service, owner, hub } = await fresh();
    const me = { member: owner };
    const made: string[] = [];
    for (const title of ['Root', 'Middle', 'Leaf']) {
      const b = await service.call('node.create', { title }, me);
      if (!b.ok) throw new Error(b.error.message);
      made.push(((b.value as Batch).nodes[0]?.after as { id: string }).id);
    }
    const [root, middle, leaf] = made as [string, string, string];
    for (const [source, target] of [
      [root, middle],
      [middle, leaf],
    ] as const) {
      const linked = await service.call('link.create', { source, target, type: 0 }, me);
      expect(linked.ok).toBe(true);
    }
    const titles = async (member: string, id: string) => {
      const r = await service.call('node.blockers', { id }, { member });
      return r.ok
        ? (r.value as { chain: BlockerStep[] }).chain.map((s) => `${s.node.title}@${s.depth}`)
        : r.error.code;
    };
    expect(await titles(owner, leaf)).toEqual(['Middle@1', 'Root@2']);

    // A member granted the leaf alone (no branch) sees the leaf's blocker chain cut to nothing;
    // granted the middle too, the chain shows the middle but not the root.
    const added = await service.call('member.add', { username: 'm', email: 'm@example.com' }, me);
    if (!added.ok) throw new Error(added.error.message);
    const m = ((added.value as Batch).user[0]?.after as { id: string }).id;
    await service.call('access.grant', { node: leaf, member: m, level: 3, branch: false }, me);
    expect(await titles(m, leaf)).toEqual([]);
    await service.call('access.grant', { node: middle, member: m, level: 3, branch: false }, me);
    expect(await titles(m, leaf)).toEqual(['Middle@1']);
    expect(await titles(m, root)).toBe('not_found.node_not_found');

    await service.call('node.trash', { id: leaf }, me);
    expect(await titles(owner, leaf)).toBe('not_found.node_not_found');
    await hub.closeAll();
  });
});
