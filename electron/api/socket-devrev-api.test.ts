import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import type { LinkRecord, NodeRecord } from '../../shared/model/types';
import { startLiveServer, type LiveServer } from './test-support/live-server';
import { pythonHas, runPython } from './test-support/python';

let server: LiveServer;
const sockets: Socket[] = [];

beforeAll(async () => {
  server = await startLiveServer();
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await server.close();
});

function open(token = server.token): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(server.origin, {
      auth: { token },
      transports: ['websocket'],
      reconnection: false,
    });
    sockets.push(socket);
    socket.on('connect', () => resolve(socket));
    socket.on('connect_error', reject);
  });
}

async function newNode(title: string, kind = 'task'): Promise<NodeRecord> {
  const res = await server.call('POST', '/api/node', { title, kind });
  return (res.json.diff as { nodes: { after: NodeRecord }[] }).nodes[0]?.after as NodeRecord;
}

describe('Socket.IO (SPEC X4)', () => {
  it('[X4] link:add answers an ack {ok, diff} and broadcasts graph:diff to the other clients only', async () => {
    const [sender, watcher] = await Promise.all([open(), open()]);
    const a = await newNode('Socket source');
    const b = await newNode('Socket target');
    const seenBySender: unknown[] = [];
    sender.on('graph:diff', (d) => seenBySender.push(d));
    const broadcast = new Promise<{ workspace: string; batch: { batchId: string } }>((resolve) =>
      watcher.on(
        'graph:diff',
        (d: { workspace: string; batch: { batchId: string; links: unknown[] } }) => {
          if (d.batch.links.length > 0) resolve(d);
        },
      ),
    );
    const ack = (await sender
      .timeout(5000)
      .emitWithAck('link:add', { source: a.id, target: b.id })) as {
      ok: boolean;
      diff: { batchId: string; links: { op: number; after: LinkRecord }[] };
    };
    expect(ack.ok).toBe(true);
    expect(ack.diff.links[0]).toMatchObject({ op: 10, after: { source: a.id, target: b.id } });
    const pushed = await broadcast;
    expect(pushed).toMatchObject({
      workspace: server.workspaceId,
      batch: { batchId: ack.diff.batchId },
    });
    await new Promise((r) => setTimeout(r, 100));
    expect(
      seenBySender.filter(
        (d) => (d as { batch: { batchId: string } }).batch.batchId === ack.diff.batchId,
      ),
    ).toEqual([]);
  });

  it('[X4] a refused link:add acks {ok: false, error} and writes nothing', async () => {
    const socket = await open();
    const before = server.filesOnDisk();
    const ack = (await socket
      .timeout(5000)
      .emitWithAck('link:add', { source: 'nope', target: 'nope' })) as Record<string, unknown>;
    expect(ack).toMatchObject({ ok: false, error: 'bad_request.invalid_uuid' });
    expect(server.filesOnDisk()).toEqual(before);
  });

  it('[A4] graph:diff of a purge carries the node only to members who could see it', async () => {
    const member = async (username: string) => {
      const res = await server.call('POST', '/api/member', {
        username,
        email: `${username}@example.com`,
      });
      return res.json.token as string;
    };
    const [sees, blind] = [await member('sockmira'), await member('socknils')];
    const parent = await newNode('Purge branch');
    await server.call('POST', '/api/node/access', { id: parent.id, email: 'sockmira@example.com' });
    const under = await server.call('POST', '/api/node', {
      title: 'Purged for all',
      description: 'seen by mira',
      target: parent.id,
    });
    const visible = (under.json.diff as { nodes: { op: number; after: NodeRecord }[] }).nodes.find(
      (e) => e.op === 0,
    )?.after as NodeRecord;
    const secret = await newNode('Never shared');
    const conn = { sees: await open(sees), blind: await open(blind) };
    const got: Record<keyof typeof conn, string[]> = { sees: [], blind: [] };
    for (const key of ['sees', 'blind'] as const)
      conn[key].on('graph:diff', (d: unknown) => got[key].push(JSON.stringify(d)));

    for (const id of [visible.id, secret.id]) {
      expect((await server.call('POST', '/api/node/trash', { id })).status).toBe(200);
      expect((await server.call('DELETE', '/api/node', { id })).status).toBe(200);
    }
    // A last change each member is told of: everything before it has been pushed.
    const sentinel = await newNode('Sentinel');
    const told = (key: keyof typeof conn) =>
      new Promise<void>((resolve) =>
        conn[key].on('graph:diff', (d: { batch: { access: unknown[] } }) => {
          if (JSON.stringify(d).includes(sentinel.id)) resolve();
        }),
      );
    const bothTold = Promise.all([told('sees'), told('blind')]);
    for (const email of ['sockmira@example.com', 'socknils@example.com'])
      await server.call('POST', '/api/node/access', { id: sentinel.id, email });
    await bothTold;

    const all = { sees: got.sees.join('\n'), blind: got.blind.join('\n') };
    expect(all.sees).toContain('Purged for all');
    for (const text of [all.sees, all.blind]) {
      expect(text).not.toContain(secret.id);
      expect(text).not.toContain('Never shared');
    }
    expect(all.blind).not.toContain(visible.id);
    expect(all.blind).not.toContain('seen by mira');
  });

  it('[X2] a connection without a valid token is refused', async () => {
    await expect(open('lg_wrong')).rejects.toThrow(/token/i);
  });
});

describe('DevRev-style endpoints (SPEC X5)', () => {
  it('[X5] links.create answers 201 {link} in DevRev shape; links.get and links.list find it', async () => {
    const product = await newNode('Product P', 'product');
    const capability = await newNode('Capability C', 'capability');
    const created = await server.call('POST', '/links.create', {
      source: capability.id,
      target: product.id,
      link_type: 'is_part_of',
    });
    expect(created.status).toBe(201);
    const link = created.json.link as Record<string, unknown>;
    expect(link).toMatchObject({
      link_type: 'is_part_of',
      source: { id: capability.id, type: 'capability', display_name: 'Capability C' },
      target: { id: product.id, type: 'product' },
      object_version: 1,
      created_by: { type: 'dev_user' },
    });
    const got = await server.call('POST', '/links.get', { id: link.id });
    expect(got).toMatchObject({ status: 200, json: { link: { id: link.id } } });
    const listed = await server.call(
      'GET',
      `/links.list?object=${capability.id}&direction=is_source`,
    );
    expect((listed.json.links as { id: string }[]).map((l) => l.id)).toEqual([link.id]);
  });

  it('[C1][X5] a second parent is refused in DevRev shape with existing_parent and is_same', async () => {
    const parent = await newNode('Parent A', 'capability');
    const other = await newNode('Parent B', 'capability');
    const child = await newNode('Child', 'enhancement');
    expect(
      (
        await server.call('POST', '/links.create', {
          source: parent.id,
          target: child.id,
          link_type: 'is_parent_of',
        })
      ).status,
    ).toBe(201);
    const before = server.filesOnDisk();
    const again = await server.call('POST', '/links.create', {
      source: other.id,
      target: child.id,
      link_type: 'is_parent_of',
    });
    expect(again.status).toBe(400);
    expect(again.json).toMatchObject({
      type: 'artifact_already_attached_to_a_parent',
      existing_parent: parent.id,
      is_same: false,
    });
    expect(typeof again.json.message).toBe('string');
    expect(server.filesOnDisk()).toEqual(before);
  });

  it('[P1][X5] links.replace re-parents a part in one step and answers 201 {link}', async () => {
    const from = await newNode('Capability From', 'capability');
    const to = await newNode('Capability To', 'capability');
    const part = await newNode('Enhancement E', 'enhancement');
    const made = await server.call('POST', '/links.create', {
      source: from.id,
      target: part.id,
      link_type: 'is_parent_of',
    });
    const oldId = (made.json.link as { id: string }).id;
    const replaced = await server.call('POST', '/links.replace', {
      id: oldId,
      source: to.id,
      target: part.id,
      link_type: 'is_parent_of',
    });
    expect(replaced.status).toBe(201);
    expect(replaced.json.link).toMatchObject({
      source: { id: to.id },
      target: { id: part.id },
      link_type: 'is_parent_of',
    });
    expect((replaced.json.link as { id: string }).id).not.toBe(oldId);
  });
});

describe("the seed's own examples", () => {
  it("[X3] seed 004's JavaScript createLink() works against the server", async () => {
    // Verbatim from seed 004, except that it is given our base URL and token.
    async function createLink(
      apiBaseUrl: string,
      apiToken: string,
      sourceId: string,
      targetId: string,
      type = 0,
    ) {
      const resp = await fetch(`${apiBaseUrl}/link`, {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${apiToken}`,
          'Content-Type': 'application/json',
          Accept: 'application/json',
        },
        body: JSON.stringify({ source: sourceId, target: targetId, type }),
      });
      if (!resp.ok) {
        const err = (await resp.json().catch(() => ({}))) as { error?: string };
        throw new Error(`Link create failed: ${resp.status} ${err.error || ''}`);
      }
      return resp.json() as Promise<{ ok: boolean; diff: { links: { op: number }[] } }>;
    }
    const a = await newNode('JS source');
    const b = await newNode('JS target');
    const data = await createLink(`${server.origin}/api`, server.token, a.id, b.id, 0);
    expect(data.ok).toBe(true);
    expect(data.diff.links[0]?.op).toBe(10);
    await expect(createLink(`${server.origin}/api`, server.token, a.id, a.id)).rejects.toThrow(
      'Link create failed: 400 bad_request.self_link_not_allowed',
    );
  });

  const hasRequests = pythonHas(['requests'], 'seed python example');
  it.skipIf(!hasRequests)(
    "[X3] seed 004's Python requests example works against the server",
    async () => {
      const a = await newNode('Py source');
      const b = await newNode('Py target');
      const script = `
import requests, sys, json
API_BASE = sys.argv[1]
API_TOKEN = sys.argv[2]
resp = requests.post(
    f"{API_BASE}/link",
    headers={"Authorization": f"Bearer {API_TOKEN}", "Content-Type": "application/json"},
    json={"source": sys.argv[3], "target": sys.argv[4], "type": 0},
)
if resp.status_code != 200:
    try:
        err = resp.json()
    except Exception:
        err = {}
    raise RuntimeError(f"Link create failed: {resp.status_code} {err}")
data = resp.json()
print(json.dumps(data["diff"]["links"][0]["after"]))
`;
      const run = await runPython(['-c', script, `${server.origin}/api`, server.token, a.id, b.id]);
      expect(run.stderr).toBe('');
      const link = JSON.parse(run.stdout) as LinkRecord;
      expect(link).toMatchObject({ source: a.id, target: b.id, type: 0 });
    },
  );
});
