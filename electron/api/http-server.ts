/**
 * The local HTTP server on 127.0.0.1: the renderer's twin of the IPC bridge (`POST
 * /rpc/:method`), the public API, and (in headless serve) the built renderer itself.
 */
import type { Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { statusOf } from '../../shared/contract/errors';
import type { Service } from '../service/service';
import { bearerAuth, errorBody, loopbackOnly, type ApiEnv } from './guards';

export const MAX_BODY_BYTES = 1024 * 1024;

export interface ApiServerOptions {
  service: Service;
  /** Resolves a presented token to the member id it belongs to. */
  resolveToken: (token: string) => string | undefined;
  port: number;
  /** Folder of the built renderer to serve at `/`, if any. */
  staticDir?: string;
}

export interface ApiServer {
  port: number;
  server: ServerType;
  close(): Promise<void>;
}

export async function startApiServer(options: ApiServerOptions): Promise<ApiServer> {
  let port = options.port;
  const app = new Hono<ApiEnv>();
  app.use(
    '*',
    loopbackOnly(() => port),
  );
  app.use(
    '*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) =>
        c.json(
          errorBody({
            code: 'payload_too_large.body_too_large',
            message: `The body exceeds ${MAX_BODY_BYTES} bytes.`,
            max_bytes: MAX_BODY_BYTES,
          }),
          413,
        ),
    }),
  );
  app.get('/api/health', (c) => c.json({ ok: true }));

  const authed = bearerAuth(options.resolveToken);
  app.post('/rpc/:method', authed, async (c) => {
    let params: unknown;
    try {
      const text = await c.req.text();
      params = text.length ? JSON.parse(text) : undefined;
    } catch {
      return c.json(
        errorBody({ code: 'bad_request.invalid_json', message: 'The body is not valid JSON.' }),
        400,
      );
    }
    const result = await options.service.call(c.req.param('method'), params, {
      member: c.get('member'),
    });
    if (result.ok) return c.json({ ok: true, value: result.value });
    return c.json(errorBody(result.error), statusOf(result.error.code) as 400);
  });
  app.get('/api/graph', authed, async (c) => {
    const result = await options.service.call('graph.get', undefined, { member: c.get('member') });
    if (!result.ok) return c.json(errorBody(result.error), statusOf(result.error.code) as 400);
    const { nodes, links } = result.value as { nodes: unknown[]; links: unknown[] };
    return c.json({ ok: true, hasMore: false, graph: { nodes, links } });
  });
  app.all('/api/*', (c) =>
    c.json(
      errorBody({
        code: 'not_found.no_such_endpoint',
        message: `No endpoint ${c.req.method} ${c.req.path}.`,
      }),
      404,
    ),
  );

  if (options.staticDir) {
    app.use('/*', serveStatic({ root: options.staticDir }));
  }

  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: options.port }, () =>
      resolve(s),
    );
  });
  port = (server.address() as AddressInfo).port;
  return {
    port,
    server,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((e) => (e ? reject(e) : resolve()));
        // Idle keep-alive sockets would otherwise hold the close open for seconds.
        (server as HttpServer).closeIdleConnections();
      }),
  };
}
