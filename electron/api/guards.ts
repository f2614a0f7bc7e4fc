/**
 * Request guards for the loopback API. Host and Origin checks stop a web page the person
 * happens to visit from driving the API (DNS rebinding, cross-origin requests); the bearer
 * token says which member is calling.
 */
import { randomUUID } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { statusOf, type ServiceError } from '../../shared/contract/errors';
import { toDevRevError } from '../../shared/engine';
import type { ApiCaller } from './limited-service';
import { hashToken, REVOKED, type TokenOwner } from './tokens';

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

/** [X5] DevRev's RPC-style paths (`/links.create`, ...): their errors take DevRev's shape. */
export const isDevRevPath = (path: string): boolean => path.startsWith('/links.');

/** [X5] DevRev's error shape `{type, message, detail, ...extras}`. */
export function devRevErrorBody(error: ServiceError): Record<string, unknown> {
  return {
    ...toDevRevError(error),
    ...(error.max_bytes !== undefined ? { max_bytes: error.max_bytes } : {}),
  };
}

/**
 * The error answer for a request: DevRev's shape on DevRev's paths, SynapTask's elsewhere, with
 * the status of the error's class. A rate-limited answer also carries `Retry-After` (seconds),
 * as DevRev documents and as HTTP clients understand.
 */
export function errorReply(
  c: Context,
  error: ServiceError,
  headers: Record<string, string> = {},
): Response {
  const body = isDevRevPath(c.req.path) ? devRevErrorBody(error) : errorBody(error);
  const extra =
    error.retry_after !== undefined
      ? { ...headers, 'Retry-After': String(error.retry_after) }
      : headers;
  return c.json(body, statusOf(error.code) as 400, extra);
}

/** The loopback origins this server answers to. */
export const allowedHosts = (port: number): Set<string> =>
  new Set([`127.0.0.1:${port}`, `localhost:${port}`]);

/**
 * True for a request addressed to our own loopback origin, from our own origin or no browser
 * origin. A team server reached from other machines also names its public origins
 * (`https://plans.example.com`, docs/team-server.md): a request may then be addressed to one
 * of their hosts, from exactly one of those origins. The checks are never switched off.
 */
export function isLoopbackRequest(
  port: number,
  host: string | undefined,
  origin: string | undefined,
  publicOrigins: readonly string[] = [],
  secure = false,
): 'ok' | 'bad_host' | 'bad_origin' {
  const allowed = allowedHosts(port);
  const publicHosts = publicOrigins.map((o) => new URL(o).host);
  if (!allowed.has(host ?? '') && !publicHosts.includes(host ?? '')) return 'bad_host';
  // Our own loopback origin has the scheme we serve (https with --tls-cert, docs/team-server.md).
  const scheme = secure ? 'https://' : 'http://';
  if (
    origin !== undefined &&
    !(origin.startsWith(scheme) && allowed.has(origin.slice(scheme.length))) &&
    !publicOrigins.includes(origin)
  )
    return 'bad_origin';
  return 'ok';
}

export function loopbackOnly(
  getPort: () => number,
  publicOrigins: readonly string[] = [],
  secure = false,
): MiddlewareHandler {
  return async (c, next) => {
    const port = getPort();
    const verdict = isLoopbackRequest(
      port,
      c.req.header('host'),
      c.req.header('origin'),
      publicOrigins,
      secure,
    );
    if (verdict === 'bad_host') {
      const hosts = [`127.0.0.1:${port}`, ...publicOrigins.map((o) => new URL(o).host)];
      return errorReply(c, {
        code: 'forbidden.bad_host',
        message: `Requests must be addressed to ${hosts.join(' or ')}.`,
      });
    }
    if (verdict === 'bad_origin') {
      return errorReply(c, {
        code: 'forbidden.bad_origin',
        message: 'Cross-origin requests are not allowed.',
      });
    }
    await next();
  };
}

/**
 * Resolves a presented token to whom it speaks for: at once from settings, or (a team
 * server) from the database shared by its instances.
 */
export type TokenResolver = (
  token: string,
) => TokenOwner | typeof REVOKED | undefined | Promise<TokenOwner | typeof REVOKED | undefined>;

/**
 * Parses `Authorization: Bearer <token>` (or a bare token) into an identity; `REVOKED` when
 * the token is known to have been revoked, undefined when it opens nothing else.
 */
export async function identify(
  header: string | undefined,
  resolve: TokenResolver,
): Promise<TokenIdentity | typeof REVOKED | undefined> {
  const match = /^(?:Bearer )?([A-Za-z0-9_-]{1,200})$/.exec(header ?? '');
  const token = match?.[1];
  if (!token) return undefined;
  const owner = await resolve(token);
  if (owner === REVOKED) return REVOKED;
  return owner ? { ...owner, rateKey: hashToken(token) } : undefined;
}

/**
 * The service's caller for a request made with `identity`: the token's workspace binds it, and
 * its changes count against the token's rate budget.
 */
export function callerFor(
  identity: TokenIdentity,
  extra: {
    workspace?: string | undefined;
    origin?: string | undefined;
    requestKey?: string | undefined;
  } = {},
): ApiCaller {
  return {
    member: identity.member,
    rateKey: identity.rateKey,
    ...(identity.workspace ? { boundTo: identity.workspace } : {}),
    ...(extra.workspace ? { workspace: extra.workspace } : {}),
    ...(extra.origin ? { origin: extra.origin } : {}),
    ...(extra.requestKey !== undefined ? { requestKey: extra.requestKey } : {}),
  };
}

/** A token that could not be checked (a team server's database is unreachable): retry. */
export const TOKEN_CHECK_UNAVAILABLE: ServiceError = {
  code: 'unavailable.token_check_failed',
  message: 'The server could not check the token just now; try again in a moment.',
  retry_after: 2,
};

/** A token this server does not know (never made, mistyped, or replaced when it restarted). */
export const UNAUTHORIZED: ServiceError = {
  code: 'unauthorized.invalid_token',
  message: 'A valid API token is required (Authorization: Bearer <token>).',
};

/** A token the workspace owner revoked: the page says so rather than "unknown token". */
export const TOKEN_REVOKED: ServiceError = {
  code: 'unauthorized.token_revoked',
  message: 'This token was revoked by the workspace owner; ask them for a new one.',
};

/**
 * Resolves the token to a member, or answers 401. `Authorization: Bearer <token>` as SynapTask
 * documents it; with `rawToken`, also `Authorization: <token>` without `Bearer `, as DevRev's
 * SDKs send it (SPEC X5). Only DevRev's paths take the raw form: the other APIs keep their
 * documented header, so a SynapTask client with a malformed header hears so.
 */
export function bearerAuth(
  resolve: TokenResolver,
  options: { rawToken?: boolean } = {},
): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const header = c.req.header('authorization');
    let identity: TokenIdentity | typeof REVOKED | undefined;
    try {
      if (header?.startsWith('Bearer ') || options.rawToken)
        identity = await identify(header, resolve);
    } catch (error) {
      // A team server's database did not answer: the token is neither accepted nor refused.
      console.error('[api] resolving a token failed:', (error as Error).message);
      return errorReply(c, TOKEN_CHECK_UNAVAILABLE);
    }
    if (identity === REVOKED) return errorReply(c, TOKEN_REVOKED);
    if (!identity) return errorReply(c, UNAUTHORIZED);
    c.set('identity', identity);
    await next();
  };
}
