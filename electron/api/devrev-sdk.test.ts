/**
 * SPEC X5: DevRev's own TypeScript SDK (@devrev/typescript-sdk, unchanged) drives our DevRev
 * routes on a real server (the transport forms its SDKs and docs use, sent raw, are in
 * devrev-transport.test.ts).
 * The SDK sends `Authorization: <token>` (no `Bearer `) and an array query parameter as
 * `key="a","b"`; its axios client throws on any non-2xx answer.
 */
import { betaSDK, client, publicSDK } from '@devrev/typescript-sdk';
import { isAxiosError, type AxiosResponse } from 'axios';
import { describe, expect, it } from 'vitest';
import { LINK_TYPES, type CustomLinkType, type NodeRecord } from '../../shared/model/types';
import { createRateLimiter } from './rate-limit';
import { devrevServerPerFile, ids, LT } from './test-support/devrev-hub';
import { startLiveServer } from './test-support/live-server';

const live = devrevServerPerFile();

/** The answer of a request the SDK refused to resolve (axios throws on non-2xx). */
async function refused(call: Promise<unknown>): Promise<AxiosResponse> {
  try {
    await call;
  } catch (e) {
    // The SDK's axios is the CommonJS build: a different AxiosError class than this import's.
    if (isAxiosError(e) && e.response) return e.response;
    throw e;
  }
  throw new Error('the request was expected to be refused');
}

/** The query string the SDK actually sent, decoded (Node's ClientRequest keeps the path). */
const sentQuery = (res: AxiosResponse): string =>
  decodeURIComponent((res.request as { path: string }).path.split('?')[1] ?? '');

const { newNode, hub } = live;

describe("DevRev's TypeScript SDK against our server (SPEC X5)", () => {
  it('[X5] links.create / links.get / links.replace / links.delete through the SDK, token without Bearer', async () => {
    const product = await newNode('SDK product', 'product');
    const capA = await newNode('SDK capability A', 'capability');
    const capB = await newNode('SDK capability B', 'capability');
    const created = await live.sdk.linksCreate({
      link_type: LT.IsPartOf,
      source: capA.id,
      target: product.id,
    });
    expect(created.status).toBe(201);
    expect(created.config.headers.Authorization).toBe(live.server.token); // the SDK's raw form
    expect(created.data.link).toMatchObject({
      link_type: 'is_part_of',
      source: { id: capA.id, type: 'capability', display_name: 'SDK capability A' },
      target: { id: product.id, type: 'product' },
    });
    const id = created.data.link.id;

    const got = await live.sdk.linksGet({ id });
    expect(got.status).toBe(200);
    expect(got.data.link).toMatchObject({ id, link_type: 'is_part_of' });
    expect((await live.sdk.linksGetPost({ id })).data.link.id).toBe(id);

    const replaced = await live.sdk.linksReplace({
      id,
      link_type: LT.IsPartOf,
      source: capB.id,
      target: product.id,
    });
    expect(replaced.status).toBe(201);
    expect(replaced.data.link).toMatchObject({
      link_type: 'is_part_of',
      source: { id: capB.id },
      target: { id: product.id },
    });
    const newId = replaced.data.link.id;
    expect(newId).not.toBe(id);
    expect((await refused(live.sdk.linksGet({ id }))).status).toBe(404);

    const deleted = await live.sdk.linksDelete({ id: newId });
    expect(deleted.status).toBe(200);
    expect(deleted.data).toEqual({});
    const gone = await refused(live.sdk.linksGet({ id: newId }));
    expect(gone.status).toBe(404);
    expect(gone.data).toMatchObject({ type: 'not_found', detail: 'not_found.link_not_found' });
    expect(typeof gone.data.message).toBe('string');
  });

  it('[X5] the SDK set up with "Bearer <token>" works too', async () => {
    const bearer = client.setup({
      endpoint: live.server.origin,
      token: `Bearer ${live.server.token}`,
    });
    const a = await newNode('Bearer A');
    const b = await newNode('Bearer B');
    const res = await bearer.linksCreate({ link_type: LT.IsRelatedTo, source: a.id, target: b.id });
    expect(res.config.headers.Authorization).toBe(`Bearer ${live.server.token}`);
    expect(res.status).toBe(201);
    const listed = await bearer.linksList({ object: a.id });
    expect(ids(listed.data.links)).toEqual([res.data.link.id]);
  });

  it('[X5] links.list with one link_type and with several (sent as link_type="a","b")', async () => {
    const h = await hub();
    const one = await live.sdk.linksList({ object: h.center.id, link_type: [LT.IsParentOf] });
    expect(sentQuery(one)).toContain('link_type="is_parent_of"');
    expect(ids(one.data.links)).toEqual([h.parentOf]);

    const two = await live.sdk.linksList({
      object: h.center.id,
      link_type: [LT.IsParentOf, LT.IsDependentOn],
    });
    expect(sentQuery(two)).toContain('link_type="is_parent_of","is_dependent_on"');
    expect(ids(two.data.links)).toEqual([h.parentOf, h.dependsOn].sort());

    // The deprecated `types` is the same filter.
    const old = await live.sdk.linksList({ object: h.center.id, types: [LT.IsRelatedTo] });
    expect(ids(old.data.links)).toEqual([h.related, h.inbound].sort());
  });

  it('[X5] links.list with object_types (the linked object) and direction', async () => {
    const h = await hub();
    const tickets = await live.sdk.linksList({
      object: h.center.id,
      object_types: [publicSDK.LinkEndpointType.Ticket],
    });
    expect(sentQuery(tickets)).toContain('object_types="ticket"');
    expect(ids(tickets.data.links)).toEqual([h.related, h.inbound].sort());
    const several = await live.sdk.linksList({
      object: h.center.id,
      object_types: [publicSDK.LinkEndpointType.Ticket, publicSDK.LinkEndpointType.Issue],
    });
    expect(ids(several.data.links)).toEqual([h.related, h.inbound, h.dependsOn].sort());

    const both = await live.sdk.linksList({ object: h.center.id });
    expect(ids(both.data.links)).toEqual([h.parentOf, h.related, h.dependsOn, h.inbound].sort());
    const out = await live.sdk.linksList({
      object: h.center.id,
      direction: publicSDK.LinksDirection.IsSource,
    });
    expect(ids(out.data.links)).toEqual([h.parentOf, h.related, h.dependsOn].sort());
    const into = await live.sdk.linksList({
      object: h.center.id,
      direction: publicSDK.LinksDirection.IsTarget,
      object_types: [publicSDK.LinkEndpointType.Ticket],
    });
    expect(ids(into.data.links)).toEqual([h.inbound]);
  });

  it('[X5] links.list pages with cursor and mode after/before (next_cursor, prev_cursor)', async () => {
    const center = await newNode('Pager');
    const made: string[] = [];
    for (let i = 0; i < 5; i++) {
      const other = await newNode(`Paged ${i}`, 'task');
      const res = await live.sdk.linksCreate({
        link_type: LT.IsRelatedTo,
        source: center.id,
        target: other.id,
      });
      made.push(res.data.link.id);
    }
    const all = [...made].sort();
    const seen: string[] = [];
    let page = (await live.sdk.linksList({ object: center.id, limit: 2 })).data;
    expect(page.prev_cursor).toBeUndefined();
    seen.push(...page.links.map((l) => l.id));
    while (page.next_cursor) {
      const res = await live.sdk.linksList({
        object: center.id,
        limit: 2,
        cursor: page.next_cursor,
        mode: publicSDK.ListMode.After,
      });
      expect(sentQuery(res)).toContain('mode=after');
      page = res.data;
      seen.push(...page.links.map((l) => l.id));
    }
    expect(seen).toEqual(all);
    expect(page.links.map((l) => l.id)).toEqual(all.slice(4));

    const back = await live.sdk.linksList({
      object: center.id,
      limit: 2,
      cursor: page.prev_cursor as string,
      mode: publicSDK.ListMode.Before,
    });
    expect(back.data.links.map((l) => l.id)).toEqual(all.slice(2, 4));
    expect(back.data).toMatchObject({ next_cursor: all[3], prev_cursor: all[2] });
    const fromEnd = await live.sdk.linksList({
      object: center.id,
      limit: 3,
      mode: publicSDK.ListMode.Before,
    });
    expect(fromEnd.data.links.map((l) => l.id)).toEqual(all.slice(2));
    expect(fromEnd.data.next_cursor).toBeUndefined();
  });

  it('[X5] POST links.list takes the filters as JSON arrays', async () => {
    const h = await hub();
    const res = await live.sdk.linksListPost({
      object: h.center.id,
      link_type: [LT.IsParentOf, LT.IsRelatedTo],
      object_types: [publicSDK.LinkEndpointType.Task, publicSDK.LinkEndpointType.Ticket],
      direction: publicSDK.LinksDirection.IsSource,
    });
    expect(ids(res.data.links)).toEqual([h.parentOf, h.related].sort());
  });

  it('[X5] an unknown link_type is refused as invalid_enum_value, also when it is not the first', async () => {
    const h = await hub();
    const res = await refused(
      live.sdk.linksList({
        object: h.center.id,
        link_type: [LT.IsParentOf, 'is_bogus' as publicSDK.LinkType],
      }),
    );
    expect(res.status).toBe(400);
    expect(res.data).toEqual({
      type: 'invalid_enum_value',
      message: expect.any(String),
      detail: 'bad_request.invalid_params',
      field_name: 'link_type',
      value: 'is_bogus',
      allowed_values: [...LINK_TYPES],
    });
    const mode = await refused(
      live.sdk.linksList({ object: h.center.id, mode: 'sideways' as publicSDK.ListMode }),
    );
    expect(mode.data).toMatchObject({
      type: 'invalid_enum_value',
      field_name: 'mode',
      value: 'sideways',
      allowed_values: ['after', 'before'],
    });
    const kinds = await refused(
      live.sdk.linksList({
        object: h.center.id,
        object_types: ['spaceship' as publicSDK.LinkEndpointType],
      }),
    );
    expect(kinds.data).toMatchObject({
      type: 'invalid_enum_value',
      field_name: 'object_types',
      value: 'spaceship',
    });
    expect(kinds.data.allowed_values).toEqual(expect.arrayContaining(['task', 'article']));

    const before = live.server.filesOnDisk();
    const create = await refused(
      live.sdk.linksCreate({
        link_type: 'is_bogus' as publicSDK.LinkType,
        source: h.center.id,
        target: h.center.id,
      }),
    );
    expect(create.data).toMatchObject({
      type: 'invalid_enum_value',
      field_name: 'link_type',
      value: 'is_bogus',
    });
    expect(live.server.filesOnDisk()).toEqual(before);
  });

  it('[X5] the beta SDK creates and lists custom links, filtered by custom_link_type', async () => {
    const beta = client.setupBeta({ endpoint: live.server.origin, token: live.server.token });
    const define = async (name: string) => {
      const res = await live.server.call('POST', '/rpc/link_type.create', {
        name,
        forward_name: name,
        backward_name: `${name} of`,
      });
      const batch = (res.json as { value: { link_types: { after: CustomLinkType }[] } }).value;
      return batch.link_types[0]?.after as CustomLinkType;
    };
    const feeds = await define('sdk feeds');
    const drains = await define('sdk drains');
    const center = await newNode('Custom hub');
    const link = async (type: CustomLinkType) => {
      const other = await newNode(`via ${type.name}`, 'task');
      const res = await beta.linksCreate({
        link_type: betaSDK.LinkType.CustomLink,
        custom_link_type: type.id,
        source: center.id,
        target: other.id,
      });
      expect(res.status).toBe(201);
      expect(res.data.link.custom_link_type).toMatchObject({ id: type.id });
      return res.data.link.id;
    };
    const fed = await link(feeds);
    await link(drains);
    const res = await beta.linksList({ object: center.id, custom_link_type: [feeds.id] });
    expect(sentQuery(res)).toContain(`custom_link_type="${feeds.id}"`);
    expect(ids(res.data.links)).toEqual([fed]);
  });

  it('[X5] over the rate limit: 429 {type: too_many_requests, message, detail, retry_after} and Retry-After', async () => {
    // One change a minute; the owner's /rpc is exempt, so the nodes are free.
    const limited = await startLiveServer({
      limiter: createRateLimiter(1, 60),
      rpcExemptOwner: true,
    });
    try {
      const api = client.setup({ endpoint: limited.origin, token: limited.token });
      const node = async (title: string) =>
        (
          (await limited.call('POST', '/rpc/node.create', { title })).json as {
            value: { nodes: { after: NodeRecord }[] };
          }
        ).value.nodes[0]?.after as NodeRecord;
      const [a, b, c] = [await node('Limited A'), await node('Limited B'), await node('Limited C')];
      const first = await api.linksCreate({
        link_type: LT.IsRelatedTo,
        source: a.id,
        target: b.id,
      });
      expect(first.status).toBe(201);
      const before = limited.filesOnDisk();
      const res = await refused(
        api.linksCreate({ link_type: LT.IsRelatedTo, source: a.id, target: c.id }),
      );
      expect(res.status).toBe(429);
      expect(res.data).toEqual({
        type: 'too_many_requests',
        message: expect.any(String),
        detail: 'rate_limited.too_many_requests',
        retry_after: expect.any(Number),
      });
      expect(res.data.retry_after).toBeGreaterThan(0);
      expect(res.headers['retry-after']).toBe(String(res.data.retry_after));
      expect(limited.filesOnDisk()).toEqual(before);
    } finally {
      await limited.close();
    }
  });
});
