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

  // Members (a local addition): owner only; answers the new member's token once.
  app.post('/api/member', async (c) => {
    const caller = callerOf(c);
    const members = await service.call('members.list', undefined, caller);
    if (!members.ok) return fail(c, members.error);
    if ((members.value as { owner: string }).owner !== caller.member) {
      return fail(c, {
        code: 'forbidden.not_allowed',
        message: 'Only the workspace owner may add members.',
      });
    }
    const body = await readJson(c);
    if (!body.ok) return fail(c, body.error);
    const added = await service.call('member.add', body.value, caller);
    if (!added.ok) return fail(c, added.error);
    const member = (added.value as Batch).user[0]?.after;
    if (!member || !('id' in member))
      return fail(c, { code: 'internal.unexpected', message: 'No member was added.' });
    // Part of the same request, which has already counted against the caller's budget.
    const token = await service.call(
      'token.create',
      { member: member.id, label: 'member' },
      { ...caller, rateKey: null },
    );
    if (!token.ok) return fail(c, token.error);
    return c.json({
      ok: true,
      diff: added.value,
      member,
      token: (token.value as { token: string }).token,
    });
  });

  app.get('/api/workspaces', async (c) => {
    const list = await service.call('workspace.list', undefined, callerOf(c));
    return list.ok ? c.json({ ok: true, ...(list.value as object) }) : fail(c, list.error);
  });
}
