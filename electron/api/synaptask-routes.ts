/**
 * SynapTask's REST API (SPEC X3), as SynapTask documents it: each mutation answers
 * `200 {ok: true, diff}`, errors `{ok: false, error, message, trace_id}` with SynapTask's
 * error names. Every route is a thin adapter over one service method.
 */
import type { Hono } from 'hono';
import type { CommandMethodName } from '../../shared/contract/method-names';
import type { Batch } from '../../shared/engine';
import type { Service } from '../service/service';
import type { ApiEnv } from './guards';
import type { RateLimiter } from './rate-limit';
import { callerOf, fail, readJson, type ApiContext } from './respond';

type Verb = 'post' | 'put' | 'delete';

/** Route → the command it runs; the body is the command's parameters as SynapTask names them. */
const MUTATIONS: [Verb, string, CommandMethodName][] = [
  ['post', '/api/link', 'link.create'],
  ['put', '/api/link', 'link.update'],
  ['post', '/api/link/swap', 'link.swap'],
  ['post', '/api/link/trash', 'link.trash'],
  ['post', '/api/link/restore', 'link.restore'],
  ['delete', '/api/link', 'link.purge'],
  ['post', '/api/node', 'node.create'],
  ['put', '/api/node', 'node.update'],
  ['post', '/api/node/trash', 'node.trash'],
  ['post', '/api/node/restore', 'node.restore'],
  ['delete', '/api/node', 'node.purge'],
  ['post', '/api/trash/empty', 'trash.empty'],
];

export function registerSynapTaskRoutes(
  app: Hono<ApiEnv>,
  service: Service,
  limiter: RateLimiter,
): void {
  /** Runs a mutation: rate limit, JSON body, the service, `{ok, diff}`. */
  const mutate = async (
    c: ApiContext,
    method: CommandMethodName,
    adapt?: (body: Record<string, unknown>) => unknown,
  ) => {
    const limited = await limiter.take(c.get('identity').rateKey);
    if (limited) {
      c.header('Retry-After', String(limited.retry_after));
      return fail(c, limited);
    }
    const body = await readJson(c);
    if (!body.ok) return fail(c, body.error);
    const params = adapt && isObject(body.value) ? adapt(body.value) : body.value;
    const result = await service.call(method, params, callerOf(c));
    return result.ok ? c.json({ ok: true, diff: result.value }) : fail(c, result.error);
  };

  for (const [verb, path, method] of MUTATIONS) app[verb](path, (c) => mutate(c, method));

  // Access: SynapTask names the node `id`; the engine's grant names it `node`.
  app.post('/api/node/access', (c) =>
    mutate(c, 'access.grant', ({ id, ...rest }) => ({ node: id, level: 3, branch: true, ...rest })),
  );

  // Members (a local addition): owner only; the member and their token are saved together
  // (the service's member.invite), and the token is answered this once.
  app.post('/api/member', async (c) => {
    const limited = await limiter.take(c.get('identity').rateKey);
    if (limited) {
      c.header('Retry-After', String(limited.retry_after));
      return fail(c, limited);
    }
    const body = await readJson(c);
    if (!body.ok) return fail(c, body.error);
    const invited = await service.call('member.invite', body.value, callerOf(c));
    if (!invited.ok) return fail(c, invited.error);
    const { batch, member, token } = invited.value as {
      batch: Batch;
      member: unknown;
      token: string;
    };
    return c.json({ ok: true, diff: batch, member, token });
  });

  app.get('/api/trash', async (c) => {
    const trash = await service.call('trash.list', undefined, callerOf(c));
    return trash.ok ? c.json({ ok: true, trash: trash.value }) : fail(c, trash.error);
  });

  app.get('/api/history', async (c) => {
    const limit = Number(c.req.query('limit') ?? 100);
    const page = await service.call('history.list', { limit }, callerOf(c));
    return page.ok ? c.json({ ok: true, ...(page.value as object) }) : fail(c, page.error);
  });

  for (const [path, method, key] of [
    ['/api/history/undo', 'history.undo', 'undoOf'],
    ['/api/history/redo', 'history.redo', 'redoOf'],
  ] as const) {
    app.post(path, async (c) => {
      const body = await readJson(c);
      if (!body.ok) return fail(c, body.error);
      const result = await service.call(method, body.value, callerOf(c));
      if (!result.ok) return fail(c, result.error);
      const batch = result.value as Batch;
      return c.json({ ok: true, batchId: batch.batchId, [key]: batch[key], diff: batch });
    });
  }

  app.get('/api/graph', async (c) => {
    const limit = Math.min(Math.max(Number(c.req.query('limit') ?? 10_000) || 10_000, 1), 100_000);
    const offset = Math.max(Number(c.req.query('offset') ?? 0) || 0, 0);
    const view = await service.call('graph.get', undefined, callerOf(c));
    if (!view.ok) return fail(c, view.error);
    const { nodes, links } = view.value as { nodes: { id: string }[]; links: { source: string }[] };
    // Pages are over nodes; each link comes with the page holding its source, so it appears once.
    const page = nodes.slice(offset, offset + limit);
    const onPage = new Set(page.map((n) => n.id));
    return c.json({
      ok: true,
      hasMore: offset + limit < nodes.length,
      graph: { nodes: page, links: links.filter((l) => onPage.has(l.source)) },
    });
  });

  app.get('/api/workspaces', async (c) => {
    const list = await service.call('workspace.list', undefined, callerOf(c));
    return list.ok ? c.json({ ok: true, ...(list.value as object) }) : fail(c, list.error);
  });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
