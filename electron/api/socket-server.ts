/**
 * Socket.IO on the API's port (SPEC X4), as SynapTask documents its WebSocket API: a client
 * authenticates on the handshake, is greeted with `connected`, and every documented event
 * (synaptask-operations.ts, the same table the REST routes use) answers an ack `{ok, ...}` or
 * `{ok: false, error, message}`. Accepted changes are broadcast as `graph:diff` to the other
 * clients, each filtered for its member. The handshake is held to the same rules as HTTP:
 * loopback Host and Origin, a valid token, the shared rate limit.
 */
import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import type { ServiceError } from '../../shared/contract/errors';
import type { Batch } from '../../shared/engine';
import { err, type Result } from '../../shared/model/result';
import { isEmptyBatch } from '../../shared/engine/history-log';
import type { DiffNotice } from '../service/service';
import {
  callerFor,
  errorBody,
  identify,
  isLoopbackRequest,
  TOKEN_CHECK_UNAVAILABLE,
  TOKEN_REVOKED,
  UNAUTHORIZED,
  type TokenIdentity,
  type TokenResolver,
} from './guards';
import type { ApiService } from './limited-service';
import { REVOKED } from './tokens';
import { runOperation, SYNAPTASK_OPERATIONS } from './synaptask-operations';

export interface SocketOptions {
  /** The rate-limited service: each call names its token's budget (`rateKey`). */
  service: ApiService;
  resolveToken: TokenResolver;
  getPort: () => number;
  /** Public origins a team server is reached at, besides loopback (guards.ts). */
  publicOrigins?: readonly string[];
  /** Served over TLS: our loopback origin is https:// (guards.ts). */
  secure?: boolean;
  /** The batch as `member` may see it, or null when nothing of it is theirs to see. */
  visibleFor: (member: string, notice: DiffNotice) => Promise<Batch | null>;
}

/**
 * The paths served. SynapTask's pages disagree (api-reference A2): `/api/ws/connect` uses the
 * default path, `/api/authentication` uses `/ext-socket.io`; both work here, one server each.
 */
export const SOCKET_PATHS = ['/socket.io', '/ext-socket.io'] as const;

interface ServerEvents {
  connected: (hello: { ok: true; uid: string; client: 'api'; serverTime: string }) => void;
  'graph:diff': (event: { workspace: string; batch: Batch }) => void;
  rate_limited: (event: { retry_after: number; error: string; message: string }) => void;
}

interface SocketData {
  identity: TokenIdentity;
  workspace?: string;
}

type ApiSocket = Socket<
  Record<string, (...args: unknown[]) => void>,
  ServerEvents,
  never,
  SocketData
>;

const EVENTS = new Set(SYNAPTASK_OPERATIONS.map((o) => o.event));

export const AUTH_MISSING: ServiceError = {
  code: 'forbidden.auth_missing',
  message:
    'Authentication required (Authorization: Bearer <token> on the handshake, or auth: {api_token}).',
};

/**
 * The token a handshake presents: `auth: {api_token}` (SynapTask), `auth: {token}` (the
 * editor's own channel), or the `Authorization: Bearer` header (SynapTask's other form).
 */
function presentedToken(socket: ApiSocket): string | undefined {
  const auth = socket.handshake.auth as { api_token?: unknown; token?: unknown } | undefined;
  for (const value of [auth?.api_token, auth?.token]) if (typeof value === 'string') return value;
  return socket.handshake.headers.authorization;
}

export interface SocketServer {
  /** Whether a client here follows `workspace` (its diffs must reach this instance). */
  follows(workspace: string): boolean;
  close(): Promise<void>;
  /**
   * True when `socketId` is a connection opened with the same token (`rateKey`): only then
   * may an HTTP call name it as its origin, so no one can silence another client's diffs.
   */
  ownsSocket(socketId: string, rateKey: string | null): boolean;
  /** Cuts every connection opened with the token whose hash is `rateKey` (revoked). */
  disconnectToken(rateKey: string): number;
}

export function attachSocketServer(http: HttpServer, options: SocketOptions): SocketServer {
  const deps = { service: options.service };
  const servers = SOCKET_PATHS.map(
    (path) =>
      new Server<Record<string, never>, ServerEvents, never, SocketData>(http, {
        path,
        serveClient: false,
        maxHttpBufferSize: 1024 * 1024,
        allowRequest: (req, callback) => {
          const verdict = isLoopbackRequest(
            options.getPort(),
            req.headers.host,
            req.headers.origin,
            options.publicOrigins,
            options.secure ?? false,
          );
          callback(verdict === 'ok' ? null : verdict, verdict === 'ok');
        },
      }),
  );

  // A refused handshake is a Socket.IO connect error carrying SynapTask's error body as its
  // `data` (socket.io-client: `connect_error` err.data; python-socketio: the `connect_error`
  // handler's `{message, data}`), after which the connection is closed.
  const authenticate = async (socket: ApiSocket, next: (error?: Error) => void) => {
    const presented = presentedToken(socket);
    let unchecked = false;
    const identity = await identify(presented, options.resolveToken).catch((error: unknown) => {
      console.error('[socket] resolving a token failed:', (error as Error).message);
      unchecked = true;
      return undefined;
    });
    if (!identity || identity === REVOKED) {
      const refusal = unchecked
        ? TOKEN_CHECK_UNAVAILABLE
        : identity === REVOKED
          ? TOKEN_REVOKED
          : presented
            ? UNAUTHORIZED
            : AUTH_MISSING;
      return next(Object.assign(new Error(refusal.message), { data: errorBody(refusal) }));
    }
    const asked = socket.handshake.query.workspace;
    // A member's token opens its own workspace only: that is the one this socket follows.
    const workspace = identity.workspace ?? (typeof asked === 'string' ? asked : undefined);
    if (identity.workspace && typeof asked === 'string' && asked !== identity.workspace) {
      const wrong = {
        code: 'forbidden.wrong_workspace',
        message: 'This token belongs to another workspace.',
      } as const;
      return next(Object.assign(new Error(wrong.message), { data: errorBody(wrong) }));
    }
    socket.data = { identity, ...(workspace ? { workspace } : {}) };
    next();
  };

  const onConnection = (socket: ApiSocket) => {
    const { identity, workspace } = socket.data;
    const caller = callerFor(identity, { workspace, origin: socket.id });
    socket.emit('connected', {
      ok: true,
      uid: identity.member,
      client: 'api',
      serverTime: new Date().toISOString(),
    });
    for (const operation of SYNAPTASK_OPERATIONS) {
      socket.on(operation.event, async (...args: unknown[]) => {
        const ack = args.at(-1);
        // An ack is the only way to answer; without one, do nothing (SynapTask always asks one).
        if (typeof ack !== 'function') return;
        const { payload, requestKey } = withoutRequestKey(args.length > 1 ? args[0] : undefined);
        const keyed = requestKey === undefined ? caller : { ...caller, requestKey };
        const result = await runOperation(deps, operation, payload, keyed).catch(
          // Not an expected failure (the service answers those as values): a typed 500, logged.
          (error: unknown): Result<never, ServiceError> => {
            console.error(`[socket] ${operation.event} failed:`, error);
            return err({ code: 'internal.unexpected', message: `${operation.event} failed.` });
          },
        );
        if (result.ok) return void ack({ ok: true, ...result.value });
        const { code, message, retry_after } = result.error;
        if (code.startsWith('rate_limited.') && retry_after !== undefined)
          socket.emit('rate_limited', { retry_after, error: code, message });
        ack(errorBody(result.error));
      });
    }
    socket.onAny((event: string, ...args: unknown[]) => {
      const ack = args.at(-1);
      if (EVENTS.has(event) || typeof ack !== 'function') return;
      ack(errorBody({ code: 'not_found.unknown_event', message: `There is no event "${event}".` }));
    });
  };

  for (const io of servers) {
    io.use((socket, next) => void authenticate(socket as unknown as ApiSocket, next));
    io.on('connection', (socket) => onConnection(socket as unknown as ApiSocket));
  }

  options.service.onDiff((notice) => {
    for (const io of servers) {
      for (const socket of io.sockets.sockets.values()) {
        const data = socket.data;
        if (socket.id === notice.origin) continue;
        if (data.workspace && data.workspace !== notice.workspace) continue;
        void options.visibleFor(data.identity.member, notice).then((batch) => {
          // A batch with nothing left for this member is not sent: even its id and time would
          // tell them that someone changed something they cannot see.
          if (batch && !isEmptyBatch(batch))
            socket.emit('graph:diff', { workspace: notice.workspace, batch });
        });
      }
    }
  });

  return {
    follows: (workspace) =>
      servers.some((io) =>
        [...io.sockets.sockets.values()].some(
          (s) => s.data.workspace === undefined || s.data.workspace === workspace,
        ),
      ),
    // Each server's close also closes the shared HTTP server (harmless twice); see http-server.ts.
    close: async () => {
      await Promise.all(servers.map((io) => io.close()));
    },
    disconnectToken: (rateKey) => {
      let cut = 0;
      for (const io of servers)
        for (const socket of io.sockets.sockets.values())
          if (socket.data.identity?.rateKey === rateKey) {
            socket.disconnect(true);
            cut++;
          }
      return cut;
    },
    ownsSocket: (socketId, rateKey) =>
      rateKey !== null &&
      servers.some((io) => io.sockets.sockets.get(socketId)?.data.identity.rateKey === rateKey),
  };
}

/**
 * A payload's `idempotency_key` (the Socket.IO twin of the `Idempotency-Key` header,
 * docs/team-server.md) taken out of it: the key rides with the caller, the rest is the
 * operation's payload as SynapTask documents it.
 */
function withoutRequestKey(payload: unknown): { payload: unknown; requestKey?: string } {
  if (typeof payload !== 'object' || payload === null || !('idempotency_key' in payload))
    return { payload };
  const { idempotency_key: key, ...rest } = payload as Record<string, unknown>;
  // Not a string: handed on as a key the service refuses by its one rule (handlers.ts).
  return { payload: rest, requestKey: typeof key === 'string' ? key : '' };
}
