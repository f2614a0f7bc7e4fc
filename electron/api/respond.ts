/** Small helpers the route modules share: reading a JSON body, the caller, and error replies. */
import type { Context } from 'hono';
import { statusOf, type ServiceError } from '../../shared/contract/errors';
import { errorBody, type ApiEnv } from './guards';
import type { ApiCaller } from './limited-service';

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

/** The calling member and their token's rate budget, and the workspace of `?workspace=ID`. */
export function callerOf(c: ApiContext): ApiCaller {
  const workspace = c.req.query('workspace');
  const { member, rateKey } = c.get('identity');
  return { member, rateKey, ...(workspace ? { workspace } : {}) };
}

/** A 429 also says when to retry in the standard header. */
export function retryHeader(c: ApiContext, error: ServiceError): void {
  if (typeof error.retry_after === 'number') c.header('Retry-After', String(error.retry_after));
}

export function fail(c: ApiContext, error: ServiceError): Response {
  retryHeader(c, error);
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
