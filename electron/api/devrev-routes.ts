/**
 * DevRev-style link endpoints (SPEC X5): `links.create` and `links.replace` answer
 * `201 {link}`, `links.delete`, `links.get`, `links.list` (with `next_cursor`/`prev_cursor`).
 * Errors take DevRev's shape `{type, message, detail, ...extras}` (guards.ts errorReply).
 * The routes only turn DevRev's transport forms into the contract's params; filtering and
 * paging are the engine's (listLinks).
 */
import type { Hono } from 'hono';
import { methods } from '../../shared/contract/methods';
import { Op, devRevLinkType, type Batch } from '../../shared/engine';
import type { LinkRecord, Member, NodeRecord } from '../../shared/model/types';
import type { ApiEnv } from './guards';
import type { ApiService } from './limited-service';
import { callerOf, fail, queryObject, readJson, type ApiContext } from './respond';

/** Everything a DevRev link names by reference (nodes, members), looked up once per answer. */
interface Lookup {
  nodes: Map<string, NodeRecord>;
  members: Map<string, Member>;
}

export function toDevRevLink(link: LinkRecord, lookup: Lookup): Record<string, unknown> {
  const endpoint = (id: string) => {
    const n = lookup.nodes.get(id);
    return {
      id,
      type: n?.kind ?? 'custom_object',
      display_id: n?.display_id ?? '',
      display_name: n?.title ?? '',
    };
  };
  const user = (id: string) => {
    const m = lookup.members.get(id);
    return {
      type: 'dev_user',
      id,
      display_id: m?.username ?? '',
      display_name: m?.username ?? '',
      email: m?.email ?? '',
      state: 'active',
    };
  };
  return {
    id: link.id,
    display_id: link.display_id,
    link_type: devRevLinkType(link),
    ...(link.custom_link_type
      ? { custom_link_type: { id: link.custom_link_type, display_id: link.custom_link_type } }
      : {}),
    source: endpoint(link.source),
    target: endpoint(link.target),
    object_version: link.version,
    created_by: user(link.created_by),
    created_date: link.created_time,
    modified_by: user(link.modified_by),
    modified_date: link.modified_time,
  };
}

export function registerDevRevRoutes(app: Hono<ApiEnv>, service: ApiService): void {
  const lookup = async (c: ApiContext): Promise<Lookup> => {
    const caller = callerOf(c);
    const [view, members] = await Promise.all([
      service.call('graph.get', undefined, caller),
      service.call('members.list', undefined, caller),
    ]);
    return {
      nodes: new Map(
        view.ok ? (view.value as { nodes: NodeRecord[] }).nodes.map((n) => [n.id, n]) : [],
      ),
      members: new Map(
        members.ok ? (members.value as { members: Member[] }).members.map((m) => [m.id, m]) : [],
      ),
    };
  };

  /** The link a create/replace batch produced (a new link, or one restored from trash [R2]). */
  const producedLink = (batch: Batch): LinkRecord | undefined => {
    const entry = batch.links.find(
      (e) => (e.op === Op.LINK_ADD || e.op === Op.LINK_RESTORE) && 'id' in e.after,
    );
    return entry?.after as LinkRecord | undefined;
  };

  const mutate = async (c: ApiContext, method: 'link.create' | 'link.replace' | 'link.trash') => {
    const body = await readJson(c);
    if (!body.ok) return fail(c, body.error);
    const result = await service.call(method, body.value, callerOf(c));
    if (!result.ok) return fail(c, result.error);
    if (method === 'link.trash') return c.json({}, 200);
    const link = producedLink(result.value as Batch);
    if (!link) return fail(c, { code: 'internal.unexpected', message: 'No link was produced.' });
    return c.json({ link: toDevRevLink(link, await lookup(c)) }, 201);
  };
  app.post('/links.create', (c) => mutate(c, 'link.create'));
  app.post('/links.replace', (c) => mutate(c, 'link.replace'));
  app.post('/links.delete', (c) => mutate(c, 'link.trash'));

  /** GET: the query string read as the method's params (arrays in DevRev's forms); POST: the JSON body. */
  const params = async (c: ApiContext, schema?: (typeof methods)['links.list']['params']) => {
    if (c.req.method === 'GET') return { ok: true as const, value: queryObject(c, schema) };
    return readJson(c);
  };

  const get = async (c: ApiContext) => {
    const p = await params(c);
    if (!p.ok) return fail(c, p.error);
    const id = (p.value as { id?: unknown }).id;
    const known = await lookup(c);
    const view = await service.call('graph.get', undefined, callerOf(c));
    const link = view.ok
      ? (view.value as { links: LinkRecord[] }).links.find((l) => l.id === id)
      : undefined;
    if (!link)
      return fail(c, {
        code: 'not_found.link_not_found',
        message: `The link ${String(id)} does not exist.`,
      });
    return c.json({ link: toDevRevLink(link, known) });
  };
  app.get('/links.get', get);
  app.post('/links.get', get);

  const list = async (c: ApiContext) => {
    const p = await params(c, methods['links.list'].params);
    if (!p.ok) return fail(c, p.error);
    const result = await service.call('links.list', p.value, callerOf(c));
    if (!result.ok) return fail(c, result.error);
    const page = result.value as {
      links: LinkRecord[];
      next_cursor?: string;
      prev_cursor?: string;
    };
    const known = await lookup(c);
    return c.json({
      links: page.links.map((l) => toDevRevLink(l, known)),
      ...(page.next_cursor ? { next_cursor: page.next_cursor } : {}),
      ...(page.prev_cursor ? { prev_cursor: page.prev_cursor } : {}),
    });
  };
  app.get('/links.list', list);
  app.post('/links.list', list);

  app.all('/links.*', (c) =>
    fail(c, {
      code: 'not_found.no_such_endpoint',
      message: `No endpoint ${c.req.method} ${c.req.path}.`,
    }),
  );
}
