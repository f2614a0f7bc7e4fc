/**
 * SynapTask's WebSocket API (SPEC X4) with a real socket.io-client against a real server and
 * store: both documented ways to authenticate, the `connected` greeting, every documented
 * event with its success and a typed refusal (which writes nothing), the rate limit shared
 * with HTTP, and `graph:diff` filtered per member.
 */
import { describe, expect, it } from 'vitest';
import { synaptaskSocketsPerFile, unknownId, type Diff } from './test-support/synaptask-sockets';
import type { NodeRecord } from '../../shared/model/types';
import { createRateLimiter } from './rate-limit';
import { startLiveServer } from './test-support/live-server';

const { server, main, open, ask, refused, diffOf, newNode, graph } = synaptaskSocketsPerFile();

describe('connecting (SPEC X4)', () => {
  it("[X4] auth: {api_token} connects and is greeted by connected {ok, uid, client: 'api', serverTime}", async () => {
    const before = Date.now();
    const { hello } = await open({ auth: { api_token: server().token } });
    expect(hello).toEqual({
      ok: true,
      uid: server().owner,
      client: 'api',
      serverTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/),
    });
    expect(Date.parse(hello.serverTime)).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(hello.serverTime)).toBeLessThanOrEqual(Date.now() + 1000);
  });

  it('[X4] Authorization: Bearer on the handshake (extraHeaders) connects, on /socket.io and /ext-socket.io', async () => {
    const headers = { extraHeaders: { Authorization: `Bearer ${server().token}` } };
    const byHeader = await open(headers);
    expect(byHeader.hello.uid).toBe(server().owner);
    expect((await ask('graph:get', {}, byHeader.socket)).ok).toBe(true);
    const ext = await open({ ...headers, path: '/ext-socket.io' });
    expect(ext.hello.uid).toBe(server().owner);
    expect((await ask('graph:get', {}, ext.socket)).ok).toBe(true);
    const extAuth = await open({ auth: { api_token: server().token }, path: '/ext-socket.io' });
    expect(extAuth.hello.uid).toBe(server().owner);
  });

  it("[X4] the editor's auth: {token} still connects", async () => {
    const { hello } = await open({ auth: { token: server().token } });
    expect(hello.uid).toBe(server().owner);
  });

  it('[X4][X2] no token is refused with forbidden.auth_missing, a wrong one with unauthorized.invalid_token', async () => {
    const missing = await open({}).then(
      () => null,
      (e: Error & { data?: Record<string, unknown> }) => e,
    );
    expect(missing?.message).toMatch(/^Authentication required/);
    expect(missing?.data).toMatchObject({ ok: false, error: 'forbidden.auth_missing' });
    const wrong = await open({ auth: { api_token: 'lg_wrong' } }).then(
      () => null,
      (e: Error & { data?: Record<string, unknown> }) => e,
    );
    expect(wrong?.data).toMatchObject({ ok: false, error: 'unauthorized.invalid_token' });
    const wrongHeader = await open({ extraHeaders: { Authorization: 'Bearer lg_wrong' } }).then(
      () => null,
      (e: Error & { data?: Record<string, unknown> }) => e,
    );
    expect(wrongHeader?.data).toMatchObject({ error: 'unauthorized.invalid_token' });
  });

  it('[X4] an event SynapTask does not document acks not_found.unknown_event', async () => {
    expect(await ask('node:fly', { id: unknownId })).toMatchObject({
      ok: false,
      error: 'not_found.unknown_event',
    });
  });
});

describe('reads (SPEC X4)', () => {
  it('[X4] graph:get pages with limit and offset like GET /api/graph; a non-object payload is refused', async () => {
    const rest = await server().call('GET', '/api/graph?limit=2&offset=1');
    const ack = await ask('graph:get', { limit: 2, offset: 1 });
    expect(ack).toEqual({ ok: true, hasMore: rest.json.hasMore, graph: rest.json.graph });
    expect((ack.graph as { nodes: unknown[] }).nodes).toHaveLength(2);
    const all = await graph();
    expect(all.nodes.length).toBeGreaterThan(3);
    expect(await ask('graph:get')).toMatchObject({ ok: true, hasMore: false });
    await refused('graph:get', 'everything', 'bad_request.invalid_params');
  });

  it('[X4] trash:page answers {ok, hasMore, nodes, links} a page at a time; a bad payload is refused', async () => {
    const a = await newNode('Trash page A');
    const b = await newNode('Trash page B');
    diffOf(await ask('node:trash', { id: a.id }));
    diffOf(await ask('node:trash', { id: b.id }));
    const whole = await ask('trash:page', {});
    const ids = (whole.nodes as NodeRecord[]).map((n) => n.id);
    expect(ids).toEqual(expect.arrayContaining([a.id, b.id]));
    expect(whole.hasMore).toBe(false);
    const first = await ask('trash:page', { limit: 1, offset: 0 });
    expect(first).toMatchObject({ ok: true, hasMore: true, links: [] });
    expect(first.nodes).toEqual([whole.nodes && (whole.nodes as NodeRecord[])[0]]);
    const rest = await server().call('GET', '/api/trash?limit=1&offset=1');
    expect(await ask('trash:page', { limit: 1, offset: 1 })).toEqual(rest.json);
    await refused('trash:page', [1, 2], 'bad_request.invalid_params');
  });

  it('[X4] history:page answers the history newest first; a bad limit is refused', async () => {
    const made = diffOf(await ask('node:add', { title: 'History page' }));
    const page = await ask('history:page', { scopeType: 'GRAPH', limit: 5 });
    expect(page.ok).toBe(true);
    const items = page.items as { batchId: string; summary: string }[];
    expect(items).toHaveLength(5);
    expect(items[0]?.batchId).toBe(made.batchId);
    await refused('history:page', { limit: 0 }, 'bad_request.invalid_params');
  });
});

describe('broadcast (SPEC X4, A4)', () => {
  it('[X4] graph:diff reaches other clients filtered per member, never the sender', async () => {
    const added = await server().call('POST', '/api/member', {
      username: 'watcher',
      email: 'watcher@example.com',
    });
    const memberToken = added.json.token as string;
    const shared = await newNode('Seen by the watcher');
    diffOf(
      await ask('node:access', { id: shared.id, email: 'watcher@example.com', branch: false }),
    );
    const { socket: watcher, hello } = await open({ auth: { api_token: memberToken } });
    expect(hello.uid).not.toBe(server().owner);
    const seen: { batch: Diff }[] = [];
    watcher.on('graph:diff', (d: { batch: Diff }) => seen.push(d));
    const echoed: unknown[] = [];
    main().on('graph:diff', (d: unknown) => echoed.push(d));
    const hidden = await newNode('Not for the watcher');
    const first = diffOf(await ask('node:update', { id: shared.id, title: 'Seen, renamed' }));
    const alsoHidden = await newNode('Also not for the watcher');
    diffOf(await ask('node:update', { id: hidden.id, title: 'Still hidden' }));
    const last = diffOf(await ask('node:update', { id: shared.id, priority: 7 }));
    await expect.poll(() => seen.length, { timeout: 5000 }).toBeGreaterThanOrEqual(2);
    // Diffs arrive in order: once the last one is in, nothing about the hidden nodes came first.
    expect(seen.map((d) => d.batch.batchId)).toEqual([first.batchId, last.batchId]);
    expect(seen.flatMap((d) => d.batch.nodes.map((n) => n.after.id))).toEqual([
      shared.id,
      shared.id,
    ]);
    expect(JSON.stringify(seen)).not.toContain(hidden.id);
    expect(JSON.stringify(seen)).not.toContain(alsoHidden.id);
    expect(echoed).toEqual([]);
  });
});

describe('rate limit (SPEC X3, X4)', () => {
  it('[X4] past the budget a change acks rate_limited with retry_after and the socket gets rate_limited; HTTP shares the budget', async () => {
    const limited = await startLiveServer({ limiter: createRateLimiter(2, 60) });
    try {
      const { socket } = await open({ auth: { api_token: limited.token } }, limited);
      const events: { retry_after: number }[] = [];
      socket.on('rate_limited', (e: { retry_after: number }) => events.push(e));
      for (const title of ['one', 'two'])
        expect((await ask('node:add', { title }, socket)).ok).toBe(true);
      const before = limited.filesOnDisk();
      const ack = await ask('node:add', { title: 'three' }, socket);
      expect(ack).toMatchObject({ ok: false, error: 'rate_limited.too_many_requests' });
      expect(ack.retry_after).toBeGreaterThan(0);
      expect(typeof ack.message).toBe('string');
      expect(events).toEqual([expect.objectContaining({ retry_after: ack.retry_after })]);
      expect(limited.filesOnDisk()).toEqual(before);
      // Undo is a change too; reads are not counted; HTTP draws on the same budget.
      expect(await ask('history:undo', { batchId: unknownId }, socket)).toMatchObject({
        error: 'rate_limited.too_many_requests',
      });
      expect((await ask('graph:get', {}, socket)).ok).toBe(true);
      const http = await limited.call('POST', '/api/node', { title: 'rest' });
      expect(http.status).toBe(429);
      expect(events).toHaveLength(2);
    } finally {
      await limited.close();
    }
  });
});
