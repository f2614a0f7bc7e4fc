/**
 * SPEC X5: the transport forms DevRev's SDKs and docs use, sent raw to our DevRev routes on a
 * real server: array query parameters in every spelling, the token with or without `Bearer`,
 * and the {type, message, detail} shape of every error.
 */
import { request as httpRequest } from 'node:http';
import { describe, expect, it } from 'vitest';
import { devrevServerPerFile, ids } from './test-support/devrev-hub';

const live = devrevServerPerFile();
const { hub } = live;

/** A raw request with the owner's token in the given Authorization form. */
async function raw(path: string, auth: 'raw' | 'bearer' | 'none' | string = 'raw') {
  const headers: Record<string, string> = {};
  if (auth === 'raw') headers.authorization = live.server.token;
  else if (auth === 'bearer') headers.authorization = `Bearer ${live.server.token}`;
  else if (auth !== 'none') headers.authorization = auth;
  const res = await fetch(live.server.origin + path, { headers });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

describe('DevRev transport forms, raw (SPEC X5)', () => {
  it('[X5] an array query parameter as repeated keys, comma-joined or quoted comma-joined means the same list', async () => {
    const h = await hub();
    const base = `/links.list?object=${h.center.id}`;
    const want = [h.parentOf, h.dependsOn].sort();
    const forms = [
      '&link_type=is_parent_of&link_type=is_dependent_on',
      '&link_type=is_parent_of,is_dependent_on',
      `&link_type=${encodeURIComponent('"is_parent_of","is_dependent_on"')}`,
      '&link_type="is_parent_of","is_dependent_on"',
      '&link_type[]=is_parent_of&link_type[]=is_dependent_on',
    ];
    for (const form of forms) {
      const res = await raw(base + form);
      expect({ form, status: res.status }).toEqual({ form, status: 200 });
      expect(ids(res.json.links as { id: string }[])).toEqual(want);
    }
    const kinds = await raw(`${base}&object_types="task","issue"`);
    expect(ids(kinds.json.links as { id: string }[])).toEqual(want);
    const bad = await raw(`${base}&link_type=is_parent_of,nope`);
    expect(bad).toMatchObject({
      status: 400,
      json: { type: 'invalid_enum_value', field_name: 'link_type', value: 'nope' },
    });
  });

  it('[X5][X2] DevRev routes take the token with or without Bearer; the other APIs keep Bearer', async () => {
    const h = await hub();
    const path = `/links.list?object=${h.center.id}&direction=is_target`;
    for (const form of ['raw', 'bearer'] as const) {
      const res = await raw(path, form);
      expect({ form, status: res.status }).toEqual({ form, status: 200 });
      expect(ids(res.json.links as { id: string }[])).toEqual([h.inbound]);
    }
    const none = await raw(path, 'none');
    expect(none.status).toBe(401);
    expect(none.json).toEqual({
      type: 'unauthenticated',
      message: expect.any(String),
      detail: 'unauthorized.invalid_token',
    });
    expect((await raw(path, 'lg_not_a_token')).status).toBe(401);
    // SynapTask's REST keeps its documented `Bearer` form (and its own error shape).
    const synaptask = await raw('/api/graph', 'raw');
    expect(synaptask.status).toBe(401);
    expect(synaptask.json).toMatchObject({ ok: false, error: 'unauthorized.invalid_token' });
    expect((await raw('/api/graph', 'bearer')).status).toBe(200);
  });

  it('[X5] every DevRev error answers {type, message, detail}', async () => {
    const post = async (path: string, body: string) => {
      const res = await fetch(live.server.origin + path, {
        method: 'POST',
        headers: { authorization: live.server.token, 'content-type': 'application/json' },
        body,
      });
      return { status: res.status, json: (await res.json()) as Record<string, unknown> };
    };
    const hostile = await new Promise<{ status: number; json: Record<string, unknown> }>(
      (resolve, reject) => {
        const req = httpRequest(
          `${live.server.origin}/links.list?object=x`,
          { headers: { host: 'evil.example', authorization: live.server.token } },
          (res) => {
            let text = '';
            res.on('data', (c: Buffer) => (text += c.toString()));
            res.on('end', () =>
              resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) as never }),
            );
          },
        );
        req.on('error', reject);
        req.end();
      },
    );
    const answers = {
      parse: await post('/links.create', '{not json'),
      missing: await post(
        '/links.get',
        JSON.stringify({ id: '00000000-0000-4000-8000-000000000000' }),
      ),
      invalid: await post('/links.create', JSON.stringify({ source: 'x', target: 'y' })),
      unknownEndpoint: await post('/links.nope', '{}'),
      tooLarge: await post('/links.create', JSON.stringify({ pad: 'x'.repeat(1024 * 1024 + 1) })),
      unauthenticated: await raw('/links.get?id=x', 'none'),
      badHost: hostile,
    };
    expect(
      Object.fromEntries(Object.entries(answers).map(([k, v]) => [k, [v.status, v.json.type]])),
    ).toEqual({
      parse: [400, 'bad_request'],
      missing: [404, 'not_found'],
      invalid: [400, 'bad_request'],
      unknownEndpoint: [404, 'not_found'],
      tooLarge: [413, 'request_entity_too_large'],
      unauthenticated: [401, 'unauthenticated'],
      badHost: [403, 'forbidden'],
    });
    for (const [name, answer] of Object.entries(answers)) {
      expect({
        name,
        message: typeof answer.json.message,
        detail: typeof answer.json.detail,
      }).toEqual({
        name,
        message: 'string',
        detail: 'string',
      });
      expect(answer.json.ok).toBeUndefined();
    }
    expect(answers.tooLarge.json.max_bytes).toBe(1024 * 1024);
  });
});
