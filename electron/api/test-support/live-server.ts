/**
 * A real service and API server over a fresh data folder, for integration tests: the same
 * code path as `npm run serve`, on a free loopback port.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startService, type StartedService } from '../../service/start-service';
import { startApiServer, type ApiServer } from '../http-server';
import type { RateLimiter } from '../rate-limit';
import { mintToken, tokenResolver } from '../tokens';

export interface LiveServer extends StartedService {
  api: ApiServer;
  token: string;
  origin: string;
  dataDir: string;
  workspaceId: string;
  /** Every file of the open workspace with its bytes, to prove a refusal wrote nothing. */
  filesOnDisk(): Record<string, string>;
  /** fetch against the server with the owner's token (or `token: null` for none). */
  call(
    method: string,
    path: string,
    body?: unknown,
    token?: string | null,
  ): Promise<{ status: number; json: Record<string, unknown> }>;
  close(): Promise<void>;
}

export async function startLiveServer(
  options: { limiter?: RateLimiter; rpcExemptOwner?: boolean; dataDir?: string } = {},
): Promise<LiveServer> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'linkgraph-api-'));
  const started = await startService({ dataDir, mode: 'serve', version: '0.0.0-test' });
  const minted = mintToken(started.settings, {
    workspace: '*',
    member: started.owner,
    label: 'test',
  });
  if (!minted.ok) throw new Error(minted.error.message);
  const token = minted.value;
  const api = await startApiServer({
    service: started.service,
    port: 0,
    resolveToken: tokenResolver(started.settings),
    ...(options.limiter ? { limiter: options.limiter } : {}),
    ...(options.rpcExemptOwner ? { rpcExempt: (member: string) => member === started.owner } : {}),
  });
  const origin = `http://127.0.0.1:${api.port}`;
  const workspaceId = started.hub.openId() ?? '';
  const wsDir = join(dataDir, 'workspaces', workspaceId);
  return {
    ...started,
    api,
    token,
    origin,
    dataDir,
    workspaceId,
    filesOnDisk: () =>
      Object.fromEntries(
        readdirSync(wsDir)
          .filter((f) => f !== 'workspace.lock')
          .map((f) => [f, readFileSync(join(wsDir, f)).toString('base64')]),
      ),
    async call(method, path, body, withToken = token) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (withToken) headers.authorization = `Bearer ${withToken}`;
      const res = await fetch(origin + path, {
        method,
        headers,
        ...(body === undefined
          ? {}
          : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
      });
      const text = await res.text();
      return {
        status: res.status,
        json: text ? (JSON.parse(text) as Record<string, unknown>) : {},
      };
    },
    async close() {
      await api.close();
      await started.hub.closeAll();
    },
  };
}
