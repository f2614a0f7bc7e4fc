/**
 * Request guards for the loopback API. Host and Origin checks stop a web page the person
 * happens to visit from driving the API (DNS rebinding, cross-origin requests); the bearer
 * token says which member is calling.
 */
import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { ServiceError } from '../../shared/contract/errors';
import type { Caller } from '../service/service';
import { hashToken, type TokenOwner } from './tokens';

/**
 * What a valid token stands for. `rateKey` identifies the token without holding it;
 * `workspace` is the one workspace a member's token opens (absent: the person's own token).
 */
export interface TokenIdentity {
  member: string;
  rateKey: string;
  workspace?: string;
}
export type ApiEnv = { Variables: { identity: TokenIdentity } };

export function errorBody(error: ServiceError): Record<string, unknown> {
  const { code, message, ...extras } = error as ServiceError & { status?: number };
  delete (extras as { status?: number }).status;
  // SynapTask's error shape carries a trace id to quote when reporting a problem.
  return { ok: false, error: code, message, ...extras, trace_id: randomUUID() };
}

/** The loopback origins this server answers to. */
export const allowedHosts = (port: number): Set<string> =>
  new Set([`127.0.0.1:${port}`, `localhost:${port}`]);

/** True for a request addressed to our own loopback origin, from our own origin or no browser origin. */
export function isLoopbackRequest(
  port: number,
  host: string | undefined,
  origin: string | undefined,
): 'ok' | 'bad_host' | 'bad_origin' {
  const allowed = allowedHosts(port);
  if (!allowed.has(host ?? '')) return 'bad_host';
  if (origin !== undefined && !allowed.has(origin.replace(/^http:\/\//, ''))) return 'bad_origin';
  return 'ok';
}

export function loopbackOnly(getPort: () => number): MiddlewareHandler {
  return async (c, next) => {
    const port = getPort();
    const verdict = isLoopbackRequest(port, c.req.header('host'), c.req.header('origin'));
    if (verdict === 'bad_host') {
      return c.json(
        errorBody({
          code: 'forbidden.bad_host',
          message: `Requests must be addressed to 127.0.0.1:${port}.`,
        }),
        403,
      );
    }
    if (verdict === 'bad_origin') {
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

/** Parses `Authorization: Bearer <token>` (or a bare token) into an identity. */
export function identify(
  header: string | undefined,
  resolve: (token: string) => TokenOwner | undefined,
): TokenIdentity | undefined {
  const match = /^(?:Bearer )?([A-Za-z0-9_-]{1,200})$/.exec(header ?? '');
  const token = match?.[1];
  if (!token) return undefined;
  const owner = resolve(token);
  return owner ? { ...owner, rateKey: hashToken(token) } : undefined;
}

/** The service's caller for a request made with `identity` (the token's workspace binds it). */
export function callerFor(
  identity: TokenIdentity,
  extra: { workspace?: string | undefined; origin?: string | undefined } = {},
): Caller {
  return {
    member: identity.member,
    ...(identity.workspace ? { boundTo: identity.workspace } : {}),
    ...(extra.workspace ? { workspace: extra.workspace } : {}),
    ...(extra.origin ? { origin: extra.origin } : {}),
  };
}

export const UNAUTHORIZED: ServiceError = {
  code: 'unauthorized.invalid_token',
  message: 'A valid API token is required (Authorization: Bearer <token>).',
};

/** Resolves the bearer token to a member, or answers 401. */
export function bearerAuth(
  resolve: (token: string) => TokenOwner | undefined,
): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const header = c.req.header('authorization');
    const identity = header?.startsWith('Bearer ') ? identify(header, resolve) : undefined;
    if (!identity) return c.json(errorBody(UNAUTHORIZED), 401);
    c.set('identity', identity);
    await next();
  };
}
