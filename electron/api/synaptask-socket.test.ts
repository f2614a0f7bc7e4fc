/**
 * SynapTask's WebSocket API (SPEC X4) with a real socket.io-client against a real server and
 * store: both documented ways to authenticate, the `connected` greeting, every documented
 * event with its success and a typed refusal (which writes nothing), the rate limit shared
 * with HTTP, and `graph:diff` filtered per member.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  io as connect,
  type ManagerOptions,
  type Socket,
  type SocketOptions,
} from 'socket.io-client';
import { Op } from '../../shared/engine';
import type { LinkRecord, NodeRecord } from '../../shared/model/types';
import { createRateLimiter } from './rate-limit';
import { startLiveServer, type LiveServer } from './test-support/live-server';

type Ack = Record<string, unknown> & { ok: boolean };
type Diff = {
  batchId: string;
  nodes: { op: number; before: Partial<NodeRecord>; after: Partial<NodeRecord> }[];
  links: { op: number; before: Partial<LinkRecord>; after: Partial<LinkRecord> }[];
  access: { op: number; after: Record<string, unknown> }[];
};
type Hello = { ok: boolean; uid: string; client: string; serverTime: string };

let server: LiveServer;
const sockets: Socket[] = [];

beforeAll(async () => {
  server = await startLiveServer();
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await server.close();
});

/** Connects; answers the socket and its `connected` greeting, or rejects with the connect error. */
function open(
  options: Partial<ManagerOptions & SocketOptions> = { auth: { api_token: server.token } },
  on: LiveServer = server,
): Promise<{ socket: Socket; hello: Hello }> {
  return new Promise((resolve, reject) => {
    const socket = connect(on.origin, {
      transports: ['websocket'],
      reconnection: false,
      ...options,
    });
    sockets.push(socket);
    socket.on('connected', (hello: Hello) => resolve({ socket, hello }));
    socket.on('connect_error', reject);
  });
}

let main: Socket;
const ask = (event: string, payload?: unknown, socket = main): Promise<Ack> =>
  (payload === undefined
    ? socket.timeout(5000).emitWithAck(event)
    : socket.timeout(5000).emitWithAck(event, payload)) as Promise<Ack>;

/** Sends an event that must be refused with `error`; proves the workspace files did not change. */
async function refused(event: string, payload: unknown, error: string): Promise<Ack> {
  const before = server.filesOnDisk();
  const ack = await ask(event, payload);
  expect(ack).toMatchObject({ ok: false, error });
  expect(typeof ack.message).toBe('string');
  expect(typeof ack.trace_id).toBe('string');
  expect(server.filesOnDisk()).toEqual(before);
  return ack;
}

const diffOf = (ack: Ack): Diff => {
  expect(ack.ok).toBe(true);
  return ack.diff as Diff;
};

async function newNode(title: string): Promise<NodeRecord> {
  return diffOf(await ask('node:add', { title })).nodes[0]?.after as NodeRecord;
}
async function newLink(source: string, target: string, type = 0): Promise<LinkRecord> {
  return diffOf(await ask('link:add', { source, target, type })).links[0]?.after as LinkRecord;
}
async function graph(): Promise<{ nodes: NodeRecord[]; links: LinkRecord[] }> {
  return (await ask('graph:get', { limit: 100_000 })).graph as {
    nodes: NodeRecord[];
    links: LinkRecord[];
  };
}
const unknownId = '00000000-0000-4000-8000-000000000000';

describe('connecting (SPEC X4)', () => {
  beforeAll(async () => {
    main = (await open()).socket;
  });

  it("[X4] auth: {api_token} connects and is greeted by connected {ok, uid, client: 'api', serverTime}", async () => {
    const before = Date.now();
    const { hello } = await open({ auth: { api_token: server.token } });
    expect(hello).toEqual({
      ok: true,
      uid: server.owner,
      client: 'api',
      serverTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/),
    });
    expect(Date.parse(hello.serverTime)).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(hello.serverTime)).toBeLessThanOrEqual(Date.now() + 1000);
  });

  it('[X4] Authorization: Bearer on the handshake (extraHeaders) connects, on /socket.io and /ext-socket.io', async () => {
    const headers = { extraHeaders: { Authorization: `Bearer ${server.token}` } };
    const byHeader = await open(headers);
    expect(byHeader.hello.uid).toBe(server.owner);
    expect((await ask('graph:get', {}, byHeader.socket)).ok).toBe(true);
    const ext = await open({ ...headers, path: '/ext-socket.io' });
    expect(ext.hello.uid).toBe(server.owner);
    expect((await ask('graph:get', {}, ext.socket)).ok).toBe(true);
    const extAuth = await open({ auth: { api_token: server.token }, path: '/ext-socket.io' });
    expect(extAuth.hello.uid).toBe(server.owner);
  });

  it("[X4] the editor's auth: {token} still connects", async () => {
    const { hello } = await open({ auth: { token: server.token } });
    expect(hello.uid).toBe(server.owner);
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
    const rest = await server.call('GET', '/api/graph?limit=2&offset=1');
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
    const rest = await server.call('GET', '/api/trash?limit=1&offset=1');
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

describe('node events (SPEC X4)', () => {
  it('[X4] node:add acks {ok, diff} with op 0 and the full node; a title over 80 is refused', async () => {
    const diff = diffOf(await ask('node:add', { title: 'Added by socket', priority: 4 }));
    expect(diff.nodes[0]).toMatchObject({
      op: Op.NODE_ADD,
      before: {},
      after: { title: 'Added by socket', priority: 4 },
    });
    expect((await graph()).nodes.map((n) => n.title)).toContain('Added by socket');
    await refused('node:add', { title: 'x'.repeat(81) }, 'bad_request.title_too_long');
  });

  it('[X4] node:update changes only the fields given; an unknown node is refused', async () => {
    const node = await newNode('Before update');
    const diff = diffOf(await ask('node:update', { id: node.id, title: 'After update' }));
    expect(diff.nodes[0]).toMatchObject({
      op: Op.NODE_UPDATE,
      after: { id: node.id, title: 'After update' },
    });
    const now = (await graph()).nodes.find((n) => n.id === node.id);
    expect(now).toMatchObject({ title: 'After update', priority: node.priority });
    await refused('node:update', { id: unknownId, title: 'Ghost' }, 'not_found.node_not_found');
  });

  it('[X4] node:trash, node:restore and node:delete; each refused in the wrong trash state', async () => {
    const node = await newNode('Trash cycle');
    await refused('node:restore', { id: node.id }, 'bad_request.node_not_in_trash');
    await refused('node:delete', { id: node.id }, 'bad_request.node_not_in_trash');
    expect(diffOf(await ask('node:trash', { id: node.id })).nodes[0]).toMatchObject({
      op: Op.NODE_TRASH,
      after: { id: node.id, in_trash: true },
    });
    await refused('node:trash', { id: node.id }, 'bad_request.node_in_trash');
    expect(diffOf(await ask('node:restore', { id: node.id })).nodes[0]).toMatchObject({
      op: Op.NODE_RESTORE,
      after: { id: node.id },
    });
    expect((await graph()).nodes.map((n) => n.id)).toContain(node.id);
    diffOf(await ask('node:trash', { id: node.id }));
    expect(diffOf(await ask('node:delete', { id: node.id })).nodes[0]).toMatchObject({
      op: Op.NODE_PURGE,
      before: { id: node.id },
      after: {},
    });
    expect(((await ask('trash:page', {})).nodes as NodeRecord[]).map((n) => n.id)).not.toContain(
      node.id,
    );
  });

  it('[X4] node:access grants a member by email (default viewer, branch); an unknown email is refused', async () => {
    const added = await server.call('POST', '/api/member', {
      username: 'sock',
      email: 'sock@example.com',
    });
    expect(added.status).toBe(200);
    const node = await newNode('Shared by socket');
    const diff = diffOf(await ask('node:access', { id: node.id, email: 'sock@example.com' }));
    expect(diff.access[0]).toMatchObject({
      op: Op.ACCESS_GRANT,
      after: { level: 3, branch: true },
    });
    const seen = await server.call('GET', '/api/graph', undefined, added.json.token as string);
    expect((seen.json.graph as { nodes: NodeRecord[] }).nodes.map((n) => n.id)).toContain(node.id);
    await refused(
      'node:access',
      { id: node.id, email: 'nobody@example.com' },
      'not_found.member_not_found',
    );
  });
});

describe('link events (SPEC X4)', () => {
  it('[X4] link:add acks {ok, diff} with op 10; a self-link is refused', async () => {
    const a = await newNode('Link A');
    const b = await newNode('Link B');
    const diff = diffOf(await ask('link:add', { source: a.id, target: b.id }));
    expect(diff.links[0]).toMatchObject({
      op: Op.LINK_ADD,
      after: { source: a.id, target: b.id, type: 0 },
    });
    await refused('link:add', { source: a.id, target: a.id }, 'bad_request.self_link_not_allowed');
  });

  it('[X4] link:update changes the type; a malformed id is refused', async () => {
    const link = await newLink((await newNode('Upd A')).id, (await newNode('Upd B')).id);
    const diff = diffOf(await ask('link:update', { id: link.id, type: 1 }));
    expect(diff.links[0]).toMatchObject({ op: Op.LINK_UPDATE, after: { id: link.id, type: 1 } });
    expect((await graph()).links.find((l) => l.id === link.id)?.type).toBe(1);
    await refused('link:update', { id: 'not-a-uuid', type: 0 }, 'bad_request.invalid_uuid');
  });

  it('[X4] link:swap reverses source and target; an unknown link is refused', async () => {
    const a = await newNode('Swap A');
    const b = await newNode('Swap B');
    const link = await newLink(a.id, b.id, 1);
    const diff = diffOf(await ask('link:swap', { id: link.id }));
    expect(diff.links[0]).toMatchObject({
      op: Op.LINK_SWAP,
      after: { id: link.id, source: b.id, target: a.id },
    });
    expect((await graph()).links.find((l) => l.id === link.id)).toMatchObject({
      source: b.id,
      target: a.id,
    });
    await refused('link:swap', { id: unknownId }, 'not_found.link_not_found');
  });

  it('[X4] link:trash, link:restore and link:delete; each refused in the wrong trash state', async () => {
    const link = await newLink((await newNode('LT A')).id, (await newNode('LT B')).id, 1);
    await refused('link:restore', { id: link.id }, 'bad_request.link_not_in_trash');
    await refused('link:delete', { id: link.id }, 'bad_request.link_not_in_trash');
    expect(diffOf(await ask('link:trash', { id: link.id })).links[0]).toMatchObject({
      op: Op.LINK_TRASH,
      after: { id: link.id, in_trash: true },
    });
    expect(((await ask('trash:page', {})).links as LinkRecord[]).map((l) => l.id)).toContain(
      link.id,
    );
    await refused('link:trash', { id: link.id }, 'bad_request.link_in_trash');
    expect(diffOf(await ask('link:restore', { id: link.id })).links[0]).toMatchObject({
      op: Op.LINK_RESTORE,
      after: { id: link.id, in_trash: false },
    });
    diffOf(await ask('link:trash', { id: link.id }));
    expect(diffOf(await ask('link:delete', { id: link.id })).links[0]).toMatchObject({
      op: Op.LINK_PURGE,
      before: { id: link.id },
      after: {},
    });
    expect((await graph()).links.map((l) => l.id)).not.toContain(link.id);
  });
});

describe('history events (SPEC X4)', () => {
  it('[X4] history:undo and history:redo ack {ok, batchId, undoOf|redoOf, diff}; repeating either is refused', async () => {
    const made = diffOf(await ask('node:add', { title: 'Undo by socket' }));
    const undo = await ask('history:undo', { batchId: made.batchId });
    expect(undo).toMatchObject({ ok: true, undoOf: made.batchId });
    expect(undo.batchId).toBe((undo.diff as Diff).batchId);
    expect(undo.batchId).not.toBe(made.batchId);
    expect((await graph()).nodes.map((n) => n.title)).not.toContain('Undo by socket');
    await refused('history:undo', { batchId: made.batchId }, 'conflict.already_undone');
    const redo = await ask('history:redo', { batchId: made.batchId });
    expect(redo).toMatchObject({ ok: true, redoOf: made.batchId });
    expect(redo.batchId).toBe((redo.diff as Diff).batchId);
    expect((await graph()).nodes.map((n) => n.title)).toContain('Undo by socket');
    await refused('history:redo', { batchId: made.batchId }, 'conflict.not_undone');
  });
});

describe('broadcast (SPEC X4, A4)', () => {
  it('[X4] graph:diff reaches other clients filtered per member, never the sender', async () => {
    const added = await server.call('POST', '/api/member', {
      username: 'watcher',
      email: 'watcher@example.com',
    });
    const memberToken = added.json.token as string;
    const shared = await newNode('Seen by the watcher');
    diffOf(
      await ask('node:access', { id: shared.id, email: 'watcher@example.com', branch: false }),
    );
    const { socket: watcher, hello } = await open({ auth: { api_token: memberToken } });
    expect(hello.uid).not.toBe(server.owner);
    const seen: { batch: Diff }[] = [];
    watcher.on('graph:diff', (d: { batch: Diff }) => seen.push(d));
    const echoed: unknown[] = [];
    main.on('graph:diff', (d: unknown) => echoed.push(d));
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
