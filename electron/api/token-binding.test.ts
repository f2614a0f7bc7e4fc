import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLiveServer, type LiveServer } from './test-support/live-server';

let server: LiveServer;
/** The open workspace A, and B: an imported copy of A, listing the same members. */
let a: string;
let b: string;
let vera: { id: string; token: string };
const sockets: Socket[] = [];

beforeAll(async () => {
  server = await startLiveServer();
  a = server.workspaceId;
  const added = await server.call('POST', '/api/member', {
    username: 'vera',
    email: 'vera@example.com',
  });
  expect(added.status).toBe(200);
  vera = { id: (added.json.member as { id: string }).id, token: added.json.token as string };
  const file = await fetch(`${server.origin}/api/export?format=json`, {
    headers: { authorization: `Bearer ${server.token}` },
  });
  const imported = await server.call(
    'POST',
    '/api/import?format=json&name=Copy',
    await file.text(),
  );
  expect(imported.status).toBe(200);
  b = (imported.json.workspace as { id: string }).id;
});

afterAll(async () => {
  for (const s of sockets) s.close();
  await server.close();
});

function open(token: string, query: Record<string, string> = {}): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(server.origin, {
      auth: { token },
      query,
      transports: ['websocket'],
      reconnection: false,
    });
    sockets.push(socket);
    socket.on('connect', () => resolve(socket));
    socket.on('connect_error', reject);
  });
}

describe('[X2] a member token opens the workspace it was made for, and no other', () => {
  it('[X2] the imported copy lists the same member id (what made the old token work there)', async () => {
    const res = await server.service.call('members.list', undefined, {
      member: server.owner,
      workspace: b,
    });
    expect(
      res.ok && (res.value as { members: { id: string }[] }).members.map((m) => m.id),
    ).toContain(vera.id);
  });

  it('[X2] reads, exports and changes of workspace B with a token of A are refused with 403', async () => {
    const before = server.call('GET', `/api/graph?workspace=${b}`);
    const graph = await server.call('GET', `/api/graph?workspace=${b}`, undefined, vera.token);
    expect(graph.status).toBe(403);
    expect(graph.json.error).toBe('forbidden.wrong_workspace');
    const file = await fetch(`${server.origin}/api/export?format=json&workspace=${b}`, {
      headers: { authorization: `Bearer ${vera.token}` },
    });
    expect(file.status).toBe(403);
    const change = await server.call(
      'POST',
      `/api/node?workspace=${b}`,
      { title: 'Written through the wrong token' },
      vera.token,
    );
    expect(change.status).toBe(403);
    const links = await server.call(
      'GET',
      `/links.list?workspace=${b}&object=00000000-0000-4000-8000-000000000000`,
      undefined,
      vera.token,
    );
    expect(links.status).toBe(403);
    // B is as it was.
    expect((await server.call('GET', `/api/graph?workspace=${b}`)).json).toEqual(
      (await before).json,
    );
  });

  it('[X2] without ?workspace the token means its own workspace, whichever one the app has open', async () => {
    expect((await server.call('POST', '/rpc/workspace.open', { id: b })).status).toBe(200);
    try {
      const made = await server.call('POST', '/api/node', { title: 'Vera’s note' }, vera.token);
      expect(made.status).toBe(200);
      const inA = await server.call('GET', `/api/graph?workspace=${a}`);
      const titles = (inA.json.graph as { nodes: { title: string }[] }).nodes.map((n) => n.title);
      expect(titles).toContain('Vera’s note');
      const list = await server.call('GET', '/api/workspaces', undefined, vera.token);
      expect(list.json).toMatchObject({ open: a, workspaces: [{ id: a }] });
    } finally {
      await server.call('POST', '/rpc/workspace.open', { id: a });
    }
  });

  it('[X2] a member token never counts as the person, even when it names the owner', async () => {
    const minted = await server.call('POST', '/rpc/token.create', { member: server.owner });
    const ownerOfA = (minted.json.value as { token: string }).token;
    const list = await server.call('GET', '/api/workspaces', undefined, ownerOfA);
    expect((list.json.workspaces as { id: string }[]).map((w) => w.id)).toEqual([a]);
    const other = await server.call('GET', `/api/graph?workspace=${b}`, undefined, ownerOfA);
    expect(other.status).toBe(403);
    const file = await fetch(`${server.origin}/api/export?format=json`, {
      headers: { authorization: `Bearer ${server.token}` },
    });
    const imported = await server.call(
      'POST',
      '/api/import?format=json',
      await file.text(),
      ownerOfA,
    );
    expect(imported.status).toBe(403);
  });

  it('[X2] Socket.IO: a token of A cannot follow B, and is sent no diff of B', async () => {
    await expect(open(vera.token, { workspace: b })).rejects.toThrow(/another workspace/);
    const socket = await open(vera.token);
    const seen: string[] = [];
    socket.on('graph:diff', (d: { workspace: string }) => seen.push(d.workspace));
    expect((await server.call('POST', `/api/node?workspace=${b}`, { title: 'In B' })).status).toBe(
      200,
    );
    // Vera's own change in A (over HTTP, so her socket is not its origin): a diff she may see.
    const inA = await server.call(
      'POST',
      `/api/node?workspace=${a}`,
      { title: 'In A' },
      vera.token,
    );
    expect(inA.status).toBe(200);
    await new Promise((r) => setTimeout(r, 300));
    expect(seen).toEqual([a]);
  });
});
