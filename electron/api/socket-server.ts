/**
 * Socket.IO on the API's port (SPEC X4): `link:add` with an ack `{ok, diff}` or
 * `{ok: false, error}`, and every accepted change broadcast as `graph:diff` to the other
 * connected clients, each filtered for its member. The handshake is held to the same rules
 * as HTTP: loopback Host and Origin, a valid token, the shared mutation rate limit.
 */
import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import type { ServiceError } from '../../shared/contract/errors';
import type { Batch } from '../../shared/engine';
import type { DiffNotice, Service } from '../service/service';
import {
  callerFor,
  errorBody,
  identify,
  isLoopbackRequest,
  UNAUTHORIZED,
  type TokenIdentity,
} from './guards';
import type { RateLimiter } from './rate-limit';
import type { TokenOwner } from './tokens';

export interface SocketOptions {
  service: Service;
  resolveToken: (token: string) => TokenOwner | undefined;
  limiter: RateLimiter;
  getPort: () => number;
  /** The batch as `member` may see it, or null when nothing of it is theirs to see. */
  visibleFor: (member: string, notice: DiffNotice) => Promise<Batch | null>;
}

interface ClientEvents {
  'link:add': (payload: unknown, ack: unknown) => void;
}
interface ServerEvents {
  'graph:diff': (event: { workspace: string; batch: Batch }) => void;
}

interface SocketData {
  identity: TokenIdentity;
  workspace?: string;
}

export function attachSocketServer(http: HttpServer, options: SocketOptions): Server {
  const io = new Server<ClientEvents, ServerEvents, Record<string, never>, SocketData>(http, {
    serveClient: false,
    maxHttpBufferSize: 1024 * 1024,
    allowRequest: (req, callback) => {
      const verdict = isLoopbackRequest(options.getPort(), req.headers.host, req.headers.origin);
      callback(verdict === 'ok' ? null : verdict, verdict === 'ok');
    },
  });

  io.use((socket, next) => {
    const auth = socket.handshake.auth as { token?: unknown } | undefined;
    const presented =
      typeof auth?.token === 'string' ? auth.token : socket.handshake.headers.authorization;
    const identity = identify(presented, options.resolveToken);
    if (!identity)
      return next(
        Object.assign(new Error(UNAUTHORIZED.message), { data: errorBody(UNAUTHORIZED) }),
      );
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
    const data: SocketData = { identity, ...(workspace ? { workspace } : {}) };
    socket.data = data;
    next();
  });

  io.on('connection', (socket) => {
    socket.on('link:add', async (payload: unknown, ack: unknown) => {
      if (typeof ack !== 'function') return; // An ack is the only way to answer; without one, do nothing.
      const reply = ack as (answer: unknown) => void;
      const { identity, workspace } = socket.data as SocketData;
      const limited = await options.limiter.take(identity.rateKey);
      if (limited) return reply(errorBody(limited));
      const result = await options.service.call(
        'link.create',
        payload,
        callerFor(identity, { workspace, origin: socket.id }),
      );
      reply(result.ok ? { ok: true, diff: result.value } : errorBody(result.error as ServiceError));
    });
  });

  options.service.onDiff((notice) => {
    for (const socket of io.sockets.sockets.values()) {
      const data = socket.data as SocketData;
      if (socket.id === notice.origin) continue;
      if (data.workspace && data.workspace !== notice.workspace) continue;
      void options.visibleFor(data.identity.member, notice).then((batch) => {
        if (batch) socket.emit('graph:diff', { workspace: notice.workspace, batch });
      });
    }
  });
  return io;
}
