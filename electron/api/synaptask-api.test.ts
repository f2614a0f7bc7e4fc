import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LinkRecord, NodeRecord } from '../../shared/model/types';
import { createRateLimiter } from './rate-limit';
import { startLiveServer, type LiveServer } from './test-support/live-server';
import { MAX_BODY_BYTES } from './http-server';

let server: LiveServer;
let byTitle: Record<string, NodeRecord>;

async function graph(): Promise<{ nodes: NodeRecord[]; links: LinkRecord[] }> {
  const res = await server.call('GET', '/api/graph');
  return res.json.graph as { nodes: NodeRecord[]; links: LinkRecord[] };
}

beforeAll(async () => {
  server = await startLiveServer();
  byTitle = Object.fromEntries((await graph()).nodes.map((n) => [n.title, n]));
});
afterAll(() => server.close());

/** Runs a request that must be refused, and proves the workspace files did not change. */
async function refused(method: string, path: string, body: unknown, token?: string | null) {
  const before = server.filesOnDisk();
  const res = await server.call(method, path, body, token);
  expect(server.filesOnDisk()).toEqual(before);
  expect(res.json.ok).toBe(false);
  expect(typeof res.json.trace_id).toBe('string');
  return res;
}

describe('SynapTask REST API over a real server and store', () => {
  it('[X3] POST /api/link answers 200 {ok, diff} with the link and the cascade, durably', async () => {
    const design = byTitle['Design the schema'] as NodeRecord;
    const guide = byTitle['Write the guide'] as NodeRecord;
    const before = server.filesOnDisk();
    const res = await server.call('POST', '/api/link', {
      source: design.id,
      target: guide.id,
      type: 0,
    });
    expect(res.status).toBe(200);
    const diff = res.json.diff as {
      links: { op: number; after: LinkRecord }[];
      nodes: { op: number; before: NodeRecord; after: NodeRecord }[];
    };
    expect(res.json.ok).toBe(true);
    expect(diff.links).toHaveLength(1);
    expect(diff.links[0]).toMatchObject({
      op: 10,
      after: { source: design.id, target: guide.id, type: 0 },
    });
    expect(diff.nodes).toContainEqual(
      expect.objectContaining({
        op: 2,
        before: expect.objectContaining({ id: guide.id, status: 0 }),
        after: expect.objectContaining({ id: guide.id, status: 2 }),
      }),
    );
    expect(server.filesOnDisk()).not.toEqual(before);
    const now = await graph();
    expect(now.nodes.find((n) => n.id === guide.id)?.status).toBe(2);
  });

  it('[X3] PUT /api/node completing a blocker unblocks what it blocked', async () => {
    const design = (await graph()).nodes.find((n) => n.title === 'Design the schema') as NodeRecord;
    const res = await server.call('PUT', '/api/node', { id: design.id, status: 3 });
    expect(res.status).toBe(200);
    const statuses = Object.fromEntries((await graph()).nodes.map((n) => [n.title, n.status]));
    expect(statuses).toMatchObject({
      'Design the schema': 3,
      'Build the API': 0,
      'Write the guide': 0,
      'Ship the editor': 2,
    });
  });

  it('[E1] bad JSON, missing params, invalid UUID: 400 with SynapTask names, nothing written', async () => {
    expect(await refused('POST', '/api/link', '{"source":')).toMatchObject({
      status: 400,
      json: { error: 'bad_request.invalid_json' },
    });
    const missing = await refused('POST', '/api/link', {});
    expect(missing.status).toBe(400);
    expect(String(missing.json.error)).toMatch(/^bad_request\./);
    const invalid = await refused('POST', '/api/link', {
      source: 'not-a-uuid',
      target: byTitle['Build the API']?.id,
    });
    expect(invalid).toMatchObject({ status: 400, json: { error: 'bad_request.invalid_uuid' } });
  });

  it('[L8] unknown ids are 404, a self-link 400, a duplicate 409 — each changing nothing', async () => {
    const api = byTitle['Build the API'] as NodeRecord;
    const unknown = await refused('POST', '/api/link', {
      source: api.id,
      target: '00000000-0000-4000-8000-000000000000',
    });
    expect(unknown.status).toBe(404);
    expect(String(unknown.json.error)).toMatch(/^not_found\./);
    expect(await refused('POST', '/api/link', { source: api.id, target: api.id })).toMatchObject({
      status: 400,
      json: { error: 'bad_request.self_link_not_allowed' },
    });
    const design = byTitle['Design the schema'] as NodeRecord;
    expect(await refused('POST', '/api/link', { source: design.id, target: api.id })).toMatchObject(
      {
        status: 409,
        json: { error: 'conflict.duplicate_link' },
      },
    );
    expect(await refused('POST', '/api/link', { source: api.id, target: design.id })).toMatchObject(
      {
        status: 409,
        json: { error: 'conflict.duplicate_reversed_link' },
      },
    );
  });

  it('[X2] a wrong or missing token is 401; a body over the limit is 413', async () => {
    expect(await refused('GET', '/api/graph', undefined, null)).toMatchObject({
      status: 401,
      json: { error: 'unauthorized.invalid_token' },
    });
    expect(await refused('POST', '/api/link', {}, 'lg_not_a_token')).toMatchObject({ status: 401 });
    const huge = JSON.stringify({ source: 'x'.repeat(MAX_BODY_BYTES) });
    expect(await refused('POST', '/api/link', huge)).toMatchObject({
      status: 413,
      json: { max_bytes: MAX_BODY_BYTES },
    });
  });

  it('[R1][X6] trash, list, restore, purge and empty the trash', async () => {
    const { links } = await graph();
    const link = links[0] as LinkRecord;
    expect((await server.call('POST', '/api/link/trash', { id: link.id })).status).toBe(200);
    const trash = await server.call('GET', '/api/trash');
    expect((trash.json.trash as { links: LinkRecord[] }).links.map((l) => l.id)).toContain(link.id);
    expect((await server.call('POST', '/api/link/restore', { id: link.id })).status).toBe(200);
    expect((await graph()).links.map((l) => l.id)).toContain(link.id);
    // Purge only from trash.
    const notTrashed = await refused('DELETE', '/api/link', { id: link.id });
    expect(notTrashed.status).toBeGreaterThanOrEqual(400);
    await server.call('POST', '/api/link/trash', { id: link.id });
    expect((await server.call('DELETE', '/api/link', { id: link.id })).status).toBe(200);
    const emptied = await server.call('POST', '/api/trash/empty', {});
    expect(emptied.status).toBe(200);
    const after = await server.call('GET', '/api/trash');
    expect(after.json.trash).toEqual({ nodes: [], links: [] });
  });

  it('[H2][X6] undo and redo by batch answer {ok, batchId, undoOf|redoOf, diff}', async () => {
    const created = await server.call('POST', '/api/node', { title: 'Undo me' });
    const batchId = (created.json.diff as { batchId: string }).batchId;
    const undo = await server.call('POST', '/api/history/undo', { batchId });
    expect(undo).toMatchObject({ status: 200, json: { ok: true, undoOf: batchId } });
    expect((await graph()).nodes.map((n) => n.title)).not.toContain('Undo me');
    expect(await refused('POST', '/api/history/undo', { batchId })).toMatchObject({
      status: 409,
      json: { error: 'conflict.already_undone' },
    });
    const redo = await server.call('POST', '/api/history/redo', { batchId });
    expect(redo).toMatchObject({ status: 200, json: { ok: true, redoOf: batchId } });
    expect((await graph()).nodes.map((n) => n.title)).toContain('Undo me');
    expect(await refused('POST', '/api/history/redo', { batchId })).toMatchObject({
      status: 409,
      json: { error: 'conflict.not_undone' },
    });
    const history = await server.call('GET', '/api/history');
    expect((history.json.items as unknown[]).length).toBeGreaterThan(3);
  });

  it('[X3] POST /api/member answers a token once; that member sees only what they are granted [A1]', async () => {
    const added = await server.call('POST', '/api/member', {
      username: 'vera',
      email: 'vera@example.com',
    });
    expect(added.status).toBe(200);
    const token = added.json.token as string;
    expect(token).toMatch(/^lg_/);
    const asVera = await server.call('GET', '/api/graph', undefined, token);
    expect(asVera.json.graph).toEqual({ nodes: [], links: [] });
    const editor = byTitle['Ship the editor'] as NodeRecord;
    const grant = await server.call('POST', '/api/node/access', {
      id: editor.id,
      email: 'vera@example.com',
      level: 3,
      branch: false,
    });
    expect(grant.status).toBe(200);
    const seen = (await server.call('GET', '/api/graph', undefined, token)).json.graph as {
      nodes: NodeRecord[];
    };
    expect(seen.nodes.map((n) => n.id)).toEqual([editor.id]);
    // A member cannot manage the person's workspaces, nor see the others.
    const created = await server.call('POST', '/rpc/workspace.create', { name: 'Second plan' });
    expect(created.status).toBe(200);
    expect(
      await refused('POST', '/rpc/workspace.delete', { id: server.workspaceId }, token),
    ).toMatchObject({
      status: 403,
      json: { error: 'forbidden.not_allowed' },
    });
    const listed = await server.call('GET', '/api/workspaces', undefined, token);
    expect((listed.json.workspaces as { id: string }[]).map((w) => w.id)).toEqual([
      server.workspaceId,
    ]);
    const all = await server.call('GET', '/api/workspaces');
    expect((all.json.workspaces as unknown[]).length).toBe(2);
    // Only the owner adds members.
    expect(
      await refused('POST', '/api/member', { username: 'x', email: 'x@example.com' }, token),
    ).toMatchObject({ status: 403 });
  });

  it('[X3] GET /api/graph pages with limit and offset', async () => {
    const all = await graph();
    const first = await server.call('GET', '/api/graph?limit=2&offset=0');
    expect(first.json.hasMore).toBe(all.nodes.length > 2);
    expect((first.json.graph as { nodes: unknown[] }).nodes).toHaveLength(2);
    const rest = await server.call('GET', `/api/graph?limit=100&offset=2`);
    const ids = [
      ...(first.json.graph as { nodes: NodeRecord[] }).nodes,
      ...(rest.json.graph as { nodes: NodeRecord[] }).nodes,
    ].map((n) => n.id);
    expect(ids.sort()).toEqual(all.nodes.map((n) => n.id).sort());
  });
});

describe('rate limit', () => {
  it("[X3] the owner's own editor channel is exempt where the server says so", async () => {
    const limited = await startLiveServer({
      limiter: createRateLimiter(1, 60),
      rpcExemptOwner: true,
    });
    try {
      for (let i = 0; i < 3; i++) {
        expect((await limited.call('POST', '/rpc/node.create', { title: `n${i}` })).status).toBe(
          200,
        );
      }
      expect((await limited.call('POST', '/api/node', { title: 'rest' })).status).toBe(200);
      expect((await limited.call('POST', '/api/node', { title: 'rest' })).status).toBe(429);
    } finally {
      await limited.close();
    }
  });

  it('[X2] undo and redo are mutations: they count against the rate limit on REST and /rpc', async () => {
    const limited = await startLiveServer({ limiter: createRateLimiter(4, 60) });
    try {
      const made = await limited.call('POST', '/api/node', { title: 'flood' });
      const batchId = (made.json.diff as { batchId: string }).batchId;
      const undo = await limited.call('POST', '/api/history/undo', { batchId });
      expect(undo.status).toBe(200);
      expect((await limited.call('POST', '/api/history/redo', { batchId })).status).toBe(200);
      expect((await limited.call('POST', '/rpc/history.undo', { batchId })).status).toBe(200);
      const before = limited.filesOnDisk();
      for (const [path, body] of [
        ['/api/history/redo', { batchId }],
        ['/rpc/history.redo', { batchId }],
        ['/api/history/undo', { batchId: undo.json.batchId }],
      ] as const) {
        const res = await limited.call('POST', path, body);
        expect(res.status).toBe(429);
        expect(res.json).toMatchObject({ ok: false, error: 'rate_limited.too_many_requests' });
      }
      expect(limited.filesOnDisk()).toEqual(before);
    } finally {
      await limited.close();
    }
  });

  it('[X3] 300 mutations a minute per token, then 429 with retry_after', async () => {
    const limited = await startLiveServer({ limiter: createRateLimiter(3, 60) });
    try {
      const { nodes } = (await limited.call('GET', '/api/graph')).json.graph as {
        nodes: NodeRecord[];
      };
      const [a, b] = nodes as [NodeRecord, NodeRecord];
      for (let i = 0; i < 3; i++)
        await limited.call('POST', '/api/link', {
          source: a.id,
          target: '00000000-0000-4000-8000-000000000000',
        });
      const before = limited.filesOnDisk();
      const res = await limited.call('POST', '/api/link', { source: a.id, target: b.id });
      expect(res.status).toBe(429);
      expect(res.json).toMatchObject({ ok: false, error: 'rate_limited.too_many_requests' });
      expect(res.json.retry_after).toBeGreaterThan(0);
      expect(limited.filesOnDisk()).toEqual(before);
      // Reads are not limited; the editor's channel counts changes against the same budget.
      expect((await limited.call('GET', '/api/graph')).status).toBe(200);
      expect((await limited.call('POST', '/rpc/graph.get', '')).status).toBe(200);
      expect((await limited.call('POST', '/rpc/node.create', { title: 'x' })).status).toBe(429);
    } finally {
      await limited.close();
    }
  });
});
