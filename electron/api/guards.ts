/**
 * Request guards for the loopback API. Host and Origin checks stop a web page the person
 * happens to visit from driving the API (DNS rebinding, cross-origin requests); the bearer
 * token says which member is calling.
 */
import type { MiddlewareHandler } from 'hono';
import type { ServiceError } from '../../shared/contract/errors';
import { statusOf } from '../../shared/contract/errors';

export type ApiEnv = { Variables: { member: string } };

export function errorBody(error: ServiceError): Record<string, unknown> {
  const { code, message, ...extras } = error;
  return { ok: false, error: code, message, ...extras };
}

/** Only requests addressed to our own loopback origin, from our own origin (or no browser origin). */
export function loopbackOnly(getPort: () => number): MiddlewareHandler {
  return async (c, next) => {
    const port = getPort();
    const allowed = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
    const host = c.req.header('host') ?? '';
    if (!allowed.has(host)) {
      return c.json(
        errorBody({
          code: 'forbidden.bad_host',
          message: `Requests must be addressed to 127.0.0.1:${port}.`,
        }),
        403,
      );
    }
    const origin = c.req.header('origin');
    if (origin !== undefined && !allowed.has(origin.replace(/^http:\/\//, ''))) {
      return c.json(
        errorBody({
          code: 'forbidden.bad_origin',
          message: 'Cross-origin requests are not allowed.',
        }),
        403,
      );
    }
    await next();
  };
}

/** Resolves the bearer token to a member, or answers 401. */
export function bearerAuth(
  resolve: (token: string) => string | undefined,
): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer ([A-Za-z0-9_-]{1,200})$/.exec(header);
    const member = match?.[1] ? resolve(match[1]) : undefined;
    if (!member) {
      const error: ServiceError = {
        code: 'unauthorized.invalid_token',
        message: 'A valid API token is required (Authorization: Bearer <token>).',
      };
      return c.json(errorBody(error), statusOf(error.code) as 401);
    }
    c.set('member', member);
    await next();
  };
}
