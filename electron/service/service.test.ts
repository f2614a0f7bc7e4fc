import { describe, expect, it } from 'vitest';
import { ok } from '../../shared/model/result';
import { createService, type HandlerTable } from './service';

const calls: unknown[] = [];
const handlers: HandlerTable = {
  'app.info': async () => ok({ name: 'Linkgraph', version: '0', mode: 'serve', problems: [] }),
  'workspace.list': async () => ok({ workspaces: [], open: 'ws-1' }),
  'graph.get': async (params) => {
    calls.push(params);
    return ok({ workspace: { id: 'ws-1', name: 'W' }, nodes: [], links: [] });
  },
};

describe('service table', () => {
  const service = createService(handlers);

  it('[E1] refuses an unknown method with not_found, never reaching a handler', async () => {
    const result = await service.call('graph.delete', {}, { member: 'owner' });
    expect(result).toEqual({
      ok: false,
      error: { code: 'not_found.unknown_method', message: 'There is no method "graph.delete".' },
    });
  });

  it('[E1] validates parameters with the contract schema before the handler runs', async () => {
    calls.length = 0;
    const bad = await service.call('graph.get', { workspace: '../../etc' }, { member: 'owner' });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error.code).toBe('bad_request.invalid_params');
    expect(!bad.ok && bad.error.message).toContain('workspace');
    const extra = await service.call(
      'graph.get',
      { workspace: 'ws-1', __proto__: { x: 1 }, evil: 1 },
      { member: 'owner' },
    );
    expect(extra.ok).toBe(false);
    expect(calls).toEqual([]);
    const good = await service.call('graph.get', { workspace: 'ws-1' }, { member: 'owner' });
    expect(good.ok).toBe(true);
    expect(calls).toEqual([{ workspace: 'ws-1' }]);
  });

  it('[E1] turns a handler that throws into a typed internal error', async () => {
    const throwing = createService({
      ...handlers,
      'app.info': async () => {
        throw new Error('boom');
      },
    });
    const original = console.error;
    console.error = () => {};
    try {
      const result = await throwing.call('app.info', undefined, { member: 'owner' });
      expect(result).toEqual({
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
});
