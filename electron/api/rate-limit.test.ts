import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { METHOD_NAMES, isMutation } from '../../shared/contract/method-names';
import { ok } from '../../shared/model/result';
import type { Service } from '../service/service';
import { startService } from '../service/start-service';
import { rateLimitedService } from './limited-service';
import { createRateLimiter, createReadQueue } from './rate-limit';

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

describe('a streamed file holds its read slot until it is read', () => {
  /** A service whose every file is a body of two chunks, read only when the client asks. */
  const streaming = {
    file: async () =>
      ok({
        filename: 'plan.json',
        mediaType: 'application/json',
        body: new ReadableStream<Uint8Array>(
          {
            start(controller) {
              controller.enqueue(new Uint8Array([1]));
              controller.enqueue(new Uint8Array([2]));
              controller.close();
            },
          },
          { highWaterMark: 0 },
        ),
      }),
  } as unknown as Service;
  const caller = { member: 'm', rateKey: 'token-a' };

  it('[X2] while one export is being written, the same token’s next waits its turn; after its last byte, the slot comes back', async () => {
    // One running, none waiting: a second read while the first holds the slot is refused.
    const limited = rateLimitedService(streaming, createRateLimiter(), createReadQueue(1, 0));
    const first = await limited.file('export', {}, caller);
    if (!first.ok) throw new Error(first.error.message);
    // Long after the answer came (its first piece), but with the body still unread.
    await new Promise((r) => setTimeout(r, 50));
    const during = await limited.file('export', {}, caller);
    expect(during).toMatchObject({ ok: false, error: { code: 'rate_limited.too_many_reads' } });

    const reader = first.value.body.getReader();
    expect((await reader.read()).value).toEqual(new Uint8Array([1]));
    expect((await reader.read()).value).toEqual(new Uint8Array([2]));
    expect((await reader.read()).done).toBe(true);
    // The slot is given back as long after the read as the read took (rate-limit.ts): it
    // was held ~50 ms, so well after that.
    await new Promise((r) => setTimeout(r, 200));
    const after = await limited.file('export', {}, caller);
    expect(after.ok).toBe(true);
    if (after.ok) await after.value.body.cancel();
  });

  it('[X2] a download given up gives its slot back too', async () => {
    const limited = rateLimitedService(streaming, createRateLimiter(), createReadQueue(1, 0));
    const first = await limited.file('export', {}, caller);
    if (!first.ok) throw new Error(first.error.message);
    await first.value.body.cancel();
    await new Promise((r) => setTimeout(r, 50));
    expect((await limited.file('export', {}, caller)).ok).toBe(true);
  });
});
