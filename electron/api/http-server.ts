/**
 * The local HTTP server on 127.0.0.1: the renderer's twin of the IPC bridge (`POST
 * /rpc/:method`), SynapTask's REST API, DevRev-style link endpoints, Socket.IO, and (in
 * headless serve) the built renderer itself. Every route is a thin adapter over the service.
 */
import type { Server as HttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { RPC_ORIGIN_HEADER } from '../../shared/contract/channel';
import type { Service } from '../service/service';
import { registerDevRevRoutes } from './devrev-routes';
import { IMPORT_BODY_LIMITS, registerExchangeRoutes } from './exchange-routes';
import { bearerAuth, errorReply, loopbackOnly, type ApiEnv, type TokenResolver } from './guards';
import { rateLimitedService } from './limited-service';
import { createRateLimiter, createReadQueue, type RateLimiter, type ReadQueue } from './rate-limit';
import { jsonByteSteps } from './json-bytes';
import { inTurns } from '../in-turns';
import { callerOf, fail, readJson } from './respond';
import { attachSocketServer, type SocketServer } from './socket-server';
import { registerSynapTaskRoutes } from './synaptask-routes';

export const MAX_BODY_BYTES = 1024 * 1024;

/** How long a closing server waits for requests in flight before cutting their connections. */
const CLOSE_GRACE_MS = 2000;

export interface ApiServerOptions {
  service: Service;
  /** Resolves a presented token to the member (and workspace) it speaks for. */
  resolveToken: TokenResolver;
  port: number;
  /**
   * The address to listen on (default 127.0.0.1). A team server listening beyond loopback
   * names the origins it is reached at in `publicOrigins`; Host and Origin are checked
   * against them as well as against loopback (guards.ts).
   */
  host?: string;
  publicOrigins?: readonly string[];
  /**
   * Serve HTTPS (and Socket.IO over it) with this PEM certificate and key (a team server's
   * `--tls-cert/--tls-key`). Loopback origins are then `https://127.0.0.1:PORT`.
   */
  tls?: { cert: string | Buffer; key: string | Buffer };
  /** Folder of the built renderer to serve at `/`, if any. */
  staticDir?: string;
  limiter?: RateLimiter;
  /** Expensive reads per token (rate-limit.ts); default: 1 running and 4 waiting per token. */
  readQueue?: ReadQueue;
  /**
   * Members whose `/rpc` changes are not rate-limited: the person at the editor (one gesture,
   * such as auto-layout, may move hundreds of nodes). Everyone else's changes count against
   * the same 300-a-minute budget on every transport. Default: nobody is exempt.
   */
  rpcExempt?: (member: string) => boolean;
  /**
   * More for `/api/health` to say (a read-only start). It must answer at once: health never
   * waits on a workspace or on the read queue.
   */
  health?: () => Record<string, unknown>;
}

export interface ApiServer {
  port: number;
  server: ServerType;
  /** Whether a Socket.IO client here follows `workspace`. */
  follows(workspace: string): boolean;
  /** Cuts the open Socket.IO connections of a revoked token (its hash); answers how many. */
  disconnectToken(hash: string): number;
  close(): Promise<void>;
}

export async function startApiServer(options: ApiServerOptions): Promise<ApiServer> {
  let port = options.port;
  const secure = options.tls !== undefined;
  // Every transport below reaches the service through this one door: the change budget and
  // the queue of expensive reads (health, above the routes, never waits on either).
  const service = rateLimitedService(
    options.service,
    options.limiter ?? createRateLimiter(),
    options.readQueue ?? createReadQueue(),
  );
  const app = new Hono<ApiEnv>();
  app.use(
    '*',
    loopbackOnly(() => port, options.publicOrigins, secure),
  );
  const limitBody = (maxSize: number) =>
    bodyLimit({
      maxSize,
      // The unread rest of the body makes the connection unusable: tell the client not to reuse it.
      onError: (c) =>
        errorReply(
          c,
          {
            code: 'payload_too_large.body_too_large',
            message: `The body exceeds ${maxSize} bytes.`,
            max_bytes: maxSize,
          },
          { Connection: 'close' },
        ),
    });
  const generalLimit = limitBody(MAX_BODY_BYTES);
  // Import routes take whole files, up to the exchange module's limit (exchange-routes.ts).
  const importLimits = new Map(
    Object.entries(IMPORT_BODY_LIMITS).map(([path, max]) => [path, limitBody(max)]),
  );
  app.use('*', (c, next) => (importLimits.get(c.req.path) ?? generalLimit)(c, next));
  app.get('/api/health', (c) => c.json({ ok: true, ...options.health?.() }));

  const authed = bearerAuth(options.resolveToken);
  app.use('/api/*', authed);
  app.use('/rpc/*', authed);
  // DevRev's SDKs send the token without `Bearer ` (SPEC X5).
  app.use('/links.*', bearerAuth(options.resolveToken, { rawToken: true }));

  // Filled in once the Socket.IO server is attached (below), before any page can have a socket.
  let sockets: Pick<SocketServer, 'ownsSocket'> | null = null;
  app.post('/rpc/:method', async (c) => {
    // An empty body means "no parameters" (methods whose params are optional).
    const body =
      (await c.req.text()).trim() === ''
        ? { ok: true as const, value: undefined }
        : await readJson(c);
    if (!body.ok) return fail(c, body.error);
    const params = body.value;
    const method = c.req.param('method');
    // The editor names its own Socket.IO connection, so the change it makes is answered to it
    // once (this reply), not pushed back to it as well (a late push could overwrite a newer
    // answer). Honoured only for a socket opened with the same token.
    const origin = c.req.header(RPC_ORIGIN_HEADER);
    const identity = c.get('identity');
    const caller = {
      ...callerOf(c),
      ...(origin && sockets?.ownsSocket(origin, identity.rateKey) ? { origin } : {}),
    };
    const exempt = options.rpcExempt?.(caller.member) ?? false;
    const result = await service.call(
      method,
      params,
      exempt ? { ...caller, rateKey: null } : caller,
    );
    if (!result.ok) return fail(c, result.error);
    // Encoded once, to ASCII (json-bytes.ts: graph.columns is ~21 MB at 100k), in turns.
    const answer = await inTurns(jsonByteSteps({ ok: true, value: result.value }));
    return c.body(answer, 200, {
      'Content-Type': 'application/json',
    });
  });
  registerSynapTaskRoutes(app, service);
  registerDevRevRoutes(app, service);
  registerExchangeRoutes(app, service);
  app.all('/api/*', (c) =>
    fail(c, {
      code: 'not_found.no_such_endpoint',
      message: `No endpoint ${c.req.method} ${c.req.path}.`,
    }),
  );

  if (options.staticDir) app.use('/*', serveStatic({ root: options.staticDir }));

  const server = await new Promise<ServerType>((resolve) => {
    const where = { fetch: app.fetch, hostname: options.host ?? '127.0.0.1', port: options.port };
    const s = options.tls
      ? serve(
          {
            ...where,
            createServer: createHttpsServer,
            serverOptions: { cert: options.tls.cert, key: options.tls.key },
          },
          () => resolve(s),
        )
      : serve(where, () => resolve(s));
  });
  port = (server.address() as AddressInfo).port;
  const io = attachSocketServer(server as HttpServer, {
    service,
    resolveToken: options.resolveToken,
    getPort: () => port,
    secure,
    ...(options.publicOrigins ? { publicOrigins: options.publicOrigins } : {}),
    // [A4] Each member is sent what the change shows them, as judged when it was made.
    visibleFor: async (member, notice) => notice.visibleTo(member),
  });
  sockets = io;
  return {
    port,
    server,
    follows: (workspace) => io.follows(workspace),
    disconnectToken: (hash) => io.disconnectToken(hash),
    close: async () => {
      const http = server as HttpServer;
      if (!http.listening) return void (await io.close().catch(() => undefined));
      // Keep-alive sockets hold a close open: an open page keeps sending on them (Socket.IO
      // retries its connection every second or so), so idle ones are swept until the server
      // has closed, and whatever is still open after a grace period is cut. Nothing committed
      // is lost: every change is durable before it is answered. The sweep starts first,
      // because io.close() closes the HTTP server too and waits for it.
      const sweep = setInterval(() => http.closeIdleConnections(), 50);
      const cut = setTimeout(() => http.closeAllConnections(), CLOSE_GRACE_MS);
      const closed = new Promise<void>((resolve) => http.once('close', () => resolve()));
      try {
        http.closeIdleConnections();
        await io.close().catch(() => undefined);
        if (http.listening) http.close();
        await closed;
      } finally {
        clearInterval(sweep);
        clearTimeout(cut);
      }
    },
  };
}
