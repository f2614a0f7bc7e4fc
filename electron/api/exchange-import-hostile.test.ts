/**
 * Hostile imports (SPEC E1, X2) over the real HTTP API: malformed files, dangling ids, graphs
 * that break the engine rules, files over the limits, a member who is not the owner. Each is
 * refused with a typed error and creates nothing, in the API's list or on disk.
 */
import { request, type ClientRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_IMPORT_BYTES, MAX_IMPORT_NODES } from '../../shared/exchange/limits';
import type { LinkRecord, NodeRecord } from '../../shared/model/types';
import { IMPORT_BODY_LIMITS } from './exchange-routes';
import { exchangeRequests } from './test-support/exchange-requests';
import { startLiveServer, type LiveServer } from './test-support/live-server';

let server: LiveServer;
/** A member who is not the owner of the app. */
let vera: { token: string };
const { raw, exported, workspaceIds, folders } = exchangeRequests(() => server);

beforeAll(async () => {
  server = await startLiveServer();
  const added = await server.call('POST', '/api/member', {
    username: 'vera',
    email: 'vera@example.com',
  });
  vera = { token: added.json.token as string };
});
afterAll(() => server.close());

describe('hostile imports are refused and create nothing', () => {
  /**
   * A POST declaring `length` bytes, whose body `send` writes (in its own time, or not whole);
   * answers the status and the JSON answer.
   */
  function post(
    path: string,
    length: number,
    send: (req: ClientRequest) => void,
    { token = server.token, type = 'application/json' } = {},
  ): Promise<{ status: number; json: Record<string, unknown> }> {
    return new Promise((resolve, reject) => {
      const headers = {
        authorization: `Bearer ${token}`,
        'content-type': type,
        'content-length': String(length),
      };
      const req = request(`${server.origin}${path}`, { method: 'POST', headers }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) }));
      });
      req.on('error', reject);
      send(req);
    });
  }

  /** A POST whose Content-Length says `bytes`; only a few bytes are sent before the answer. */
  const declaredOver = (path: string, bytes: number) =>
    post(path, bytes, (req) => req.write('{"format":"csv"'));

  async function refused(format: string, body: string, token?: string) {
    const before = server.filesOnDisk();
    const listed = await workspaceIds();
    const onDisk = folders();
    const res = await raw('POST', `/api/import?format=${format}`, body, token);
    expect(await workspaceIds()).toEqual(listed);
    expect(folders()).toEqual(onDisk);
    expect(server.filesOnDisk()).toEqual(before);
    const json = JSON.parse(res.text) as Record<string, unknown>;
    expect(json.ok).toBe(false);
    return { status: res.status, json };
  }
  const native = async () =>
    JSON.parse((await exported('format=json')).text) as {
      nodes: NodeRecord[];
      links: LinkRecord[];
    };

  it('[E1] malformed files of each format', async () => {
    for (const [format, body] of [
      ['json', '{"format": "linkgraph", '],
      ['graphml', '<graphml><graph><node id="a"></graph>'],
      ['canvas', '[1, 2'],
      ['csv', 'title,kind\r\n"unclosed,task\r\n'],
    ] as const) {
      const { status, json } = await refused(format, body);
      expect(status).toBe(400);
      expect(String(json.error)).toMatch(/^bad_request\.import_/);
    }
    expect((await refused('dot', 'digraph {}')).status).toBe(400);
  });

  it('[E1] dangling ids', async () => {
    const file = await native();
    const link = file.links[0] as LinkRecord;
    link.target = '99999999-9999-4999-8999-999999999999';
    const { status, json } = await refused('json', JSON.stringify(file));
    expect(status).toBe(400);
    expect(json.error).toBe('bad_request.import_dangling_reference');
    expect(String(json.message)).toContain(link.id);
  });

  it('[C1][C2] a graph that breaks the engine rules: two parents, a primary cycle', async () => {
    const file = await native();
    const [a, b, c] = file.nodes as [NodeRecord, NodeRecord, NodeRecord];
    const template = file.links[0] as LinkRecord;
    const link = (id: string, source: string, target: string, more: Partial<LinkRecord>) => ({
      ...template,
      id,
      display_id: `LNK-${id.slice(0, 2)}`,
      source,
      target,
      ...more,
    });
    const twoParents = {
      ...file,
      links: [
        link('aaaaaaaa-0000-4000-8000-000000000001', a.id, c.id, { link_type: 'is_parent_of' }),
        link('aaaaaaaa-0000-4000-8000-000000000002', b.id, c.id, { link_type: 'is_parent_of' }),
      ],
    };
    const parents = await refused('json', JSON.stringify(twoParents));
    expect(parents).toMatchObject({
      status: 400,
      json: {
        error: 'bad_request.import_breaks_rules',
        rule: 'bad_request.artifact_already_attached_to_a_parent',
        existing_parent: b.id,
        is_same: false,
      },
    });
    expect(String(parents.json.message)).toContain('The child already has a parent.');

    const cycle = {
      ...file,
      links: [
        link('bbbbbbbb-0000-4000-8000-000000000001', a.id, b.id, { type: 0 }),
        link('bbbbbbbb-0000-4000-8000-000000000002', b.id, a.id, { type: 0 }),
      ],
    };
    const cyclic = await refused('json', JSON.stringify(cycle));
    expect(cyclic).toMatchObject({
      status: 400,
      json: { error: 'bad_request.import_breaks_rules', rule: 'conflict.cycle' },
    });
    expect(String(cyclic.json.message)).toContain('Primary links may not form a cycle');

    // Secondary, so no blocking cycle: only the "is part of" table rule refuses it.
    const parts = {
      ...file,
      links: [
        link('cccccccc-0000-4000-8000-000000000001', a.id, b.id, {
          link_type: 'is_part_of',
          type: 1,
        }),
        link('cccccccc-0000-4000-8000-000000000002', b.id, c.id, {
          link_type: 'is_part_of',
          type: 1,
        }),
        link('cccccccc-0000-4000-8000-000000000003', c.id, a.id, {
          link_type: 'is_part_of',
          type: 1,
        }),
      ],
    };
    const partCycle = await refused('json', JSON.stringify(parts));
    expect(partCycle).toMatchObject({
      status: 400,
      json: { error: 'bad_request.import_breaks_rules', rule: 'conflict.cycle' },
    });
    expect(String(partCycle.json.message)).toContain('"is part of" links may not form a cycle.');
  });

  it('[E1] too large: over the byte limit (413) and over the node limit (400)', async () => {
    // A body declared one byte over the limit is refused from its Content-Length, unread: no
    // need to send 256 MiB to prove it.
    for (const [path, max] of [
      ['/api/import?format=csv', MAX_IMPORT_BYTES],
      ['/rpc/import', IMPORT_BODY_LIMITS['/rpc/import']],
    ] as const) {
      const before = await workspaceIds();
      const huge = await declaredOver(path, (max ?? 0) + 1);
      expect(huge).toMatchObject({
        status: 413,
        json: { error: 'payload_too_large.body_too_large', max_bytes: max },
      });
      expect(await workspaceIds()).toEqual(before);
    }
    // The editor's call may carry the file JSON-escaped, up to what one JavaScript string holds.
    expect(IMPORT_BODY_LIMITS['/rpc/import']).toBe(Math.min(2 * MAX_IMPORT_BYTES, 2 ** 29 - 24));
    const rows = Array.from({ length: MAX_IMPORT_NODES + 1 }, (_, i) => `n${i}\r\n`).join('');
    const many = await refused('csv', `title\r\n${rows}`);
    expect(many).toMatchObject({ status: 400, json: { error: 'bad_request.import_too_large' } });
  });

  /** A POST of `body` with its Content-Length, written in `parts` with a pause between. */
  function slowPost(path: string, body: string, parts: number, token: string) {
    const bytes = Buffer.from(body);
    const size = Math.ceil(bytes.length / parts);
    return post(
      path,
      bytes.length,
      (req) => {
        let at = 0;
        const next = () => {
          req.write(bytes.subarray(at, at + size));
          at += size;
          if (at < bytes.length) setTimeout(next, 20);
          else req.end();
        };
        next();
      },
      { token, type: 'text/plain' },
    );
  }

  it('[F1] a file still arriving is imported as it comes; a refusal waits for the whole body', async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => `Étape ${i} \u{1F680}\r\n`).join('');
    const file = `title\r\n${rows}`;
    const made = await slowPost('/api/import?format=csv&name=Slow', file, 7, server.token);
    expect(made).toMatchObject({ status: 200, json: { ok: true, workspace: { name: 'Slow' } } });
    const before = await workspaceIds();
    const member = await slowPost('/api/import?format=csv', file, 7, vera.token);
    expect(member.status).toBe(403);
    expect(await workspaceIds()).toEqual(before);
  });

  it('[X2] only the owner of the app imports', async () => {
    const file = (await exported('format=json')).text;
    expect((await refused('json', file, vera.token)).status).toBe(403);
  });
});
