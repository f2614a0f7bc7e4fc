/**
 * SynapTask's REST API (SPEC X3), as SynapTask documents it: each mutation answers
 * `200 {ok: true, diff}`, errors `{ok: false, error, message, trace_id}` with SynapTask's
 * error names. The documented routes come from the operation table shared with the
 * Socket.IO events (synaptask-operations.ts); the rest are local additions.
 */
import type { Hono } from 'hono';
import { z } from 'zod';
import type { Batch } from '../../shared/engine';
import type { ApiEnv } from './guards';
import type { ApiService } from './limited-service';
import { callerOf, fail, queryObject, readJson, type ApiContext } from './respond';
import {
  runOperation,
  SYNAPTASK_OPERATIONS,
  type SynapTaskOperation,
} from './synaptask-operations';

/** The numeric query parameters of SynapTask's GET routes (the rest pass through as text). */
const PAGE_QUERY = z.object({ limit: z.number(), offset: z.number() });

export function registerSynapTaskRoutes(app: Hono<ApiEnv>, service: ApiService): void {
  /** One operation over HTTP: the query (GET) or JSON body is its payload. */
  const handle = async (c: ApiContext, operation: SynapTaskOperation) => {
    let payload: unknown;
    if (operation.route[0] === 'get') payload = queryObject(c, PAGE_QUERY);
    else {
      const body = await readJson(c);
      if (!body.ok) return fail(c, body.error);
      payload = body.value;
    }
    const result = await runOperation({ service }, operation, payload, callerOf(c));
    return result.ok ? c.json({ ok: true, ...result.value }) : fail(c, result.error);
  };

  for (const operation of SYNAPTASK_OPERATIONS) {
    const [verb, path] = operation.route;
    app[verb](path, (c) => handle(c, operation));
  }

  // Members (a local addition): owner only; the member and their token are saved together
  // (the service's member.invite), and the token is answered this once.
  app.post('/api/member', async (c) => {
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

  app.get('/api/workspaces', async (c) => {
    const list = await service.call('workspace.list', undefined, callerOf(c));
    return list.ok ? c.json({ ok: true, ...(list.value as object) }) : fail(c, list.error);
  });
}
