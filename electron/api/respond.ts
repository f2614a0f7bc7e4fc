/** Small helpers the route modules share: reading a JSON body, the caller, and error replies. */
import type { Context } from 'hono';
import { statusOf, type ServiceError } from '../../shared/contract/errors';
import type { Caller } from '../service/service';
import { callerFor, errorBody, type ApiEnv } from './guards';

export type ApiContext = Context<ApiEnv>;

/** The body as JSON (empty body: `{}`), or the 400 to answer. */
export async function readJson(
  c: ApiContext,
): Promise<{ ok: true; value: unknown } | { ok: false; error: ServiceError }> {
  const text = await c.req.text();
  if (text.trim() === '') return { ok: true, value: {} };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return {
      ok: false,
      error: { code: 'bad_request.invalid_json', message: 'The body is not valid JSON.' },
    };
  }
}

/** The calling member, and the workspace of `?workspace=ID` if given. */
export function callerOf(c: ApiContext): Caller {
  return callerFor(c.get('identity'), { workspace: c.req.query('workspace') });
}

export function fail(c: ApiContext, error: ServiceError): Response {
  return c.json(errorBody(error), statusOf(error.code) as 400);
}

/** Query-string parameters as an object (for GET variants of POST endpoints). */
export function queryObject(
  c: ApiContext,
  numeric: readonly string[] = [],
  lists: readonly string[] = [],
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(c.req.queries())) {
    if (key === 'workspace' || value.length === 0) continue;
    if (lists.includes(key)) out[key] = value;
    else if (numeric.includes(key)) out[key] = Number(value[0]);
    else out[key] = value[0];
  }
  return out;
}
