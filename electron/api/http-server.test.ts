import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import { ok } from '../../shared/model/result';
import { createService } from '../service/service';
import { startApiServer, MAX_BODY_BYTES, type ApiServer } from './http-server';

const TOKEN = 'lg_test_token_owner';
let api: ApiServer;

beforeAll(async () => {
  const service = createService({
    'app.info': async () => ok({ name: 'Linkgraph', version: '0', mode: 'serve', problems: [] }),
    'workspace.list': async () => ok({ workspaces: [{ id: 'ws-1', name: 'W' }], open: 'ws-1' }),
    'graph.get': async () => ok({ workspace: { id: 'ws-1', name: 'W' }, nodes: [], links: [] }),
  });
  api = await startApiServer({
    service,
    port: 0,
    resolveToken: (t) => (t === TOKEN ? 'member-1' : undefined),
  });
});
afterAll(() => api.close());

/** Raw HTTP so the Host and Origin headers are exactly what a hostile page could send. */
function send(
  path: string,
  {
    method = 'POST',
    headers = {},
    body = '',
  }: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; json: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: api.port,
        path,
        method,
        agent: false,
        headers: { host: `127.0.0.1:${api.port}`, ...headers },
      },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            json: JSON.parse(text) as Record<string, unknown>,
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
const auth = { authorization: `Bearer ${TOKEN}` };

describe('local API transport', () => {
  it('[X2] answers a method call for a valid token', async () => {
    const res = await send('/rpc/workspace.list', { headers: auth });
    expect(res).toEqual({
      status: 200,
      json: { ok: true, value: { workspaces: [{ id: 'ws-1', name: 'W' }], open: 'ws-1' } },
    });
  });

  it('[X2] a wrong or missing token is 401', async () => {
    expect((await send('/rpc/app.info')).status).toBe(401);
    const wrong = await send('/rpc/app.info', { headers: { authorization: 'Bearer lg_wrong' } });
    expect(wrong).toMatchObject({
      status: 401,
      json: { ok: false, error: 'unauthorized.invalid_token' },
    });
  });

  it('[X2] refuses a foreign Host (DNS rebinding) and a foreign Origin', async () => {
    const rebound = await send('/rpc/app.info', {
      headers: { ...auth, host: 'attacker.example:80' },
    });
    expect(rebound).toMatchObject({ status: 403, json: { error: 'forbidden.bad_host' } });
    const crossOrigin = await send('/rpc/app.info', {
      headers: { ...auth, origin: 'https://attacker.example' },
    });
    expect(crossOrigin).toMatchObject({ status: 403, json: { error: 'forbidden.bad_origin' } });
    const sameOrigin = await send('/rpc/app.info', {
      headers: { ...auth, origin: `http://127.0.0.1:${api.port}` },
    });
    expect(sameOrigin.status).toBe(200);
  });

  it('[E1] bad JSON is 400, bad params are 400, unknown method is 404', async () => {
    expect(await send('/rpc/graph.get', { headers: auth, body: '{nope' })).toMatchObject({
      status: 400,
      json: { ok: false, error: 'bad_request.invalid_json' },
    });
    expect(await send('/rpc/graph.get', { headers: auth, body: '{"workspace": 7}' })).toMatchObject(
      {
        status: 400,
        json: { ok: false, error: 'bad_request.invalid_params' },
      },
    );
    expect(await send('/rpc/nope', { headers: auth, body: '{}' })).toMatchObject({
      status: 404,
      json: { error: 'not_found.unknown_method' },
    });
  });

  it('[X2] a body over the limit is 413 with max_bytes', async () => {
    const res = await send('/rpc/graph.get', {
      headers: auth,
      body: 'x'.repeat(MAX_BODY_BYTES + 1),
    });
    expect(res).toMatchObject({ status: 413, json: { ok: false, max_bytes: MAX_BODY_BYTES } });
  });

  it('[X3] GET /api/graph answers {ok, hasMore, graph}', async () => {
    const res = await send('/api/graph', { method: 'GET', headers: auth });
    expect(res).toEqual({
      status: 200,
      json: { ok: true, hasMore: false, graph: { nodes: [], links: [] } },
    });
  });
});
