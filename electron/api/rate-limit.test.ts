import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { METHOD_NAMES, isMutation } from '../../shared/contract/method-names';
import { startService } from '../service/start-service';
import { rateLimitedService } from './limited-service';
import { createRateLimiter } from './rate-limit';

describe('mutation rate limit', () => {
  it('[X3] allows the budget, then answers rate_limited with retry_after, per token', async () => {
    const limiter = createRateLimiter(3, 60);
    for (let i = 0; i < 3; i++) expect(await limiter.take('token-a', 'node.create')).toBeNull();
    const refused = await limiter.take('token-a', 'link.create');
    expect(refused?.code).toBe('rate_limited.too_many_requests');
    expect(refused?.retry_after).toBeGreaterThanOrEqual(59);
    expect(refused?.retry_after).toBeLessThanOrEqual(60);
    expect(await limiter.take('token-b', 'node.create')).toBeNull();
    expect(await limiter.take('token-a', 'graph.get')).toBeNull();
  });

  it('[X2] every mutation of the method table counts against the budget on the way to the service; no read does', async () => {
    const { service, owner, hub } = await startService({
      dataDir: mkdtempSync(join(tmpdir(), 'linkgraph-limit-')),
      mode: 'serve',
      version: '0.0.0-test',
    });
    const limited = rateLimitedService(service, createRateLimiter(1, 60));
    const counted: string[] = [];
    for (const method of METHOD_NAMES) {
      // A budget of one per key: the second call of a counted method is refused. Parameters
      // are invalid on purpose, so no call changes anything.
      const caller = { member: owner, rateKey: `key-${method}` };
      await limited.call(method, { invalid: true }, caller);
      const second = await limited.call(method, { invalid: true }, caller);
      if (!second.ok && second.error.code === 'rate_limited.too_many_requests')
        counted.push(method);
    }
    expect(counted).toEqual(METHOD_NAMES.filter(isMutation));
    expect(counted).toEqual(expect.arrayContaining(['history.undo', 'history.redo']));
    // The exempt caller (the person at the editor over /rpc) is never counted.
    const exempt = { member: owner, rateKey: null };
    for (let i = 0; i < 3; i++) {
      const r = await limited.call('history.undo', { invalid: true }, exempt);
      expect(!r.ok && r.error.code).toBe('bad_request.invalid_params');
    }
    await hub.closeAll();
  });
});
