/**
 * SynapTask's WebSocket API (SPEC X4) driven by python-socketio, SynapTask's documented
 * Python client, against a real server and store: the docs' connect example, both ways to
 * authenticate, both paths, and the documented events (test-support/synaptask_socket_client.py).
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Op } from '../../shared/engine';
import type { LinkRecord, NodeRecord } from '../../shared/model/types';
import { pythonHas, runPython } from './test-support/python';
import { startLiveServer, type LiveServer } from './test-support/live-server';

type Ack = Record<string, unknown> & { ok: boolean };
type Entry = { op: number; before: Record<string, unknown>; after: Record<string, unknown> };
type DiffAck = Ack & { diff: { batchId: string; nodes: Entry[]; links: Entry[] } };
type Graph = { nodes: NodeRecord[]; links: LinkRecord[] };
interface Report {
  example_hello: Record<string, unknown>;
  example_transport: string;
  hello: Record<string, unknown>;
  transport: string;
  graph_get: Ack & { hasMore: boolean; graph: Graph };
  ids: { a: string; b: string };
  node_add: DiffAck;
  link_add: DiffAck;
  link_self: Ack;
  link_update: DiffAck;
  link_swap: DiffAck;
  link_trash: DiffAck;
  trash_page: Ack & { links: LinkRecord[] };
  link_restore: DiffAck;
  undo: DiffAck & { batchId: string; undoOf: string };
  undo_again: Ack;
  redo: DiffAck & { batchId: string; redoOf: string };
  graph_after: Ack & { graph: Graph };
  header: { hello: Record<string, unknown>; graph_get: Ack & { hasMore: boolean; graph: Graph } };
  header_ext: { hello: Record<string, unknown>; graph_get: Ack & { graph: Graph } };
  unauthorized: {
    connected: boolean;
    exception?: string;
    connect_error?: { message: string; data: Record<string, unknown> }[];
  };
}

const hasSocketIo = pythonHas(['socketio', 'websocket', 'requests'], 'python-socketio client');

let server: LiveServer;
let report: Report;
let before: Graph;

beforeAll(async () => {
  if (!hasSocketIo) return;
  server = await startLiveServer();
  before = (await server.call('GET', '/api/graph?limit=1000')).json.graph as Graph;
  const script = join(__dirname, 'test-support', 'synaptask_socket_client.py');
  const run = await runPython([script, server.origin, server.token]);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  report = JSON.parse(run.stdout) as Report;
}, 60_000);
afterAll(async () => {
  await server?.close();
});

const rfc3339 = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;

describe.skipIf(!hasSocketIo)('python-socketio against the server (SPEC X4)', () => {
  it('[X4] the documented example sio.connect(URL, auth={"api_token": TOKEN}) is greeted by connected', () => {
    const greeting = { ok: true, uid: server.owner, client: 'api' };
    expect(report.example_hello).toMatchObject(greeting);
    expect(report.example_hello.serverTime).toMatch(rfc3339);
    expect(report.hello).toMatchObject(greeting);
    expect(report.transport).toBe('websocket');
  });

  it("[X4] headers={'Authorization': 'Bearer …'} connects on /socket.io and /ext-socket.io", () => {
    expect(report.header.hello).toMatchObject({ ok: true, uid: server.owner });
    expect(report.header.graph_get).toMatchObject({ ok: true, hasMore: true });
    expect(report.header.graph_get.graph.nodes).toHaveLength(1);
    expect(report.header_ext.hello).toMatchObject({ ok: true, uid: server.owner });
    expect(report.header_ext.graph_get.graph.nodes).toHaveLength(1);
  });

  it('[X4] without a token python-socketio sees connect_error with forbidden.auth_missing', () => {
    expect(report.unauthorized.connected).toBe(false);
    expect(report.unauthorized.connect_error?.[0]?.message).toMatch(/^Authentication required/);
    expect(report.unauthorized.connect_error?.[0]?.data).toMatchObject({
      ok: false,
      error: 'forbidden.auth_missing',
    });
  });

  it('[X4] graph:get answers the graph GET /api/graph answers', () => {
    expect(report.graph_get).toMatchObject({ ok: true, hasMore: false });
    expect(report.graph_get.graph).toEqual(before);
  });

  it('[X4] node:add and link:add ack {ok, diff}; a self-link acks a typed refusal', () => {
    const { a, b } = report.ids;
    expect(report.node_add.diff.nodes[0]).toMatchObject({
      op: Op.NODE_ADD,
      after: { id: a, title: 'Python A' },
    });
    expect(report.link_add.diff.links[0]).toMatchObject({
      op: Op.LINK_ADD,
      after: { source: a, target: b, type: 0 },
    });
    expect(report.link_self).toMatchObject({
      ok: false,
      error: 'bad_request.self_link_not_allowed',
    });
  });

  it('[X4] link:update, link:swap, link:trash, trash:page, link:restore', () => {
    const { a, b } = report.ids;
    const id = report.link_add.diff.links[0]?.after.id as string;
    expect(report.link_update.diff.links[0]).toMatchObject({
      op: Op.LINK_UPDATE,
      after: { id, type: 1 },
    });
    expect(report.link_swap.diff.links[0]).toMatchObject({
      op: Op.LINK_SWAP,
      after: { id, source: b, target: a },
    });
    expect(report.link_trash.diff.links[0]).toMatchObject({
      op: Op.LINK_TRASH,
      after: { id, in_trash: true },
    });
    expect(report.trash_page).toMatchObject({ ok: true, hasMore: false });
    expect(report.trash_page.links.map((l) => l.id)).toEqual([id]);
    expect(report.link_restore.diff.links[0]).toMatchObject({
      op: Op.LINK_RESTORE,
      after: { id, in_trash: false },
    });
  });

  it('[X4] history:undo and history:redo ack {ok, batchId, undoOf|redoOf, diff}; a second undo is refused', async () => {
    const restored = report.link_restore.diff.batchId;
    expect(report.undo).toMatchObject({ ok: true, undoOf: restored });
    expect(report.undo.batchId).toBe(report.undo.diff.batchId);
    expect(report.undo_again).toMatchObject({ ok: false, error: 'conflict.already_undone' });
    expect(report.redo).toMatchObject({ ok: true, redoOf: restored });
    // Redone: the swapped secondary link is back, as the socket and REST both read it.
    const id = report.link_add.diff.links[0]?.after.id as string;
    const expected = { id, source: report.ids.b, target: report.ids.a, type: 1, in_trash: false };
    expect(report.graph_after.graph.links.find((l) => l.id === id)).toMatchObject(expected);
    const rest = (await server.call('GET', '/api/graph')).json.graph as Graph;
    expect(rest.links.find((l) => l.id === id)).toMatchObject(expected);
  });
});
