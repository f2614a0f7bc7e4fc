/** Small helpers the route modules share: reading a JSON body, the caller, and error replies. */
import type { Context } from 'hono';
import { z } from 'zod';
import type { ServiceError } from '../../shared/contract/errors';
import { callerFor, errorReply, type ApiEnv } from './guards';
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

/** The calling member (bound to its token's workspace, counting against its budget), and the
 * workspace of `?workspace=ID` if given. */
export function callerOf(c: ApiContext): ApiCaller {
  // A change's `Idempotency-Key` makes a retry answer the first answer (docs/team-server.md).
  return callerFor(c.get('identity'), {
    workspace: c.req.query('workspace'),
    requestKey: c.req.header('idempotency-key'),
  });
}

/** The error answer, in the shape of the API the path belongs to (see errorReply). */
export function fail(c: ApiContext, error: ServiceError): Response {
  return errorReply(c, error);
}

/**
 * One query-string value of an array parameter as its items. DevRev's clients send a list as
 * repeated keys, comma-joined (`a,b`) or comma-joined double-quoted (`"a","b"`, what its
 * TypeScript SDK sends); a quoted item may hold a comma.
 */
export function splitListParam(raw: string): string[] {
  const items: string[] = [];
  for (const token of raw.match(/"[^"]*"|[^,]+/g) ?? []) {
    const t = token.trim();
    const item = t.length >= 2 && t.startsWith('"') && t.endsWith('"') ? t.slice(1, -1) : t;
    if (item !== '') items.push(item);
  }
  return items;
}

/** The schema a field holds, under optional/default wrappers. */
function innerType(field: z.ZodType): z.ZodType {
  let t = field;
  while (t instanceof z.ZodOptional || t instanceof z.ZodDefault) t = t.unwrap() as z.ZodType;
  return t;
}

/**
 * Query-string parameters as the params object of a method's schema (the GET variants of
 * DevRev's POST endpoints): fields the schema declares as arrays collect every value (also
 * `key[]`, axios' own form) split by splitListParam; number fields become numbers; the rest
 * are strings. The schema then validates the result as it would a JSON body.
 */
export function queryObject(c: ApiContext, schema?: z.ZodType): Record<string, unknown> {
  const shape = schema instanceof z.ZodObject ? (schema.shape as Record<string, z.ZodType>) : {};
  const out: Record<string, unknown> = {};
  for (const [rawKey, values] of Object.entries(c.req.queries())) {
    const key = rawKey.endsWith('[]') ? rawKey.slice(0, -2) : rawKey;
    if (key === 'workspace' || values.length === 0) continue;
    const field = Object.hasOwn(shape, key) ? innerType(shape[key] as z.ZodType) : undefined;
    if (field instanceof z.ZodArray) {
      const items = values.flatMap(splitListParam);
      out[key] = [...((out[key] as string[] | undefined) ?? []), ...items];
    } else if (field instanceof z.ZodNumber) out[key] = Number(values[0]);
    else out[key] = values[0];
  }
  return out;
}
