/**
 * Headless serve's start (SPEC X7) as a function, so tests run exactly what `npm run serve`
 * runs: the service over a data folder, a fresh owner token, and the API server (with the
 * built renderer when there is one).
 *
 * Each start mints a new owner token (tokens are stored hashed, so an old one cannot be shown
 * again). When the data folder cannot be written (a full disk), the server still starts,
 * read-only: the token then lives in memory for this run, `/api/health` answers
 * `read_only: true` with the reason, and `notices` says so for the console.
 */
import { startApiServer, type ApiServer } from './api/http-server';
import { cutRevokedSockets } from './api/revoked-sockets';
import { ANY_WORKSPACE, hashToken, newToken, tokenResolver } from './api/tokens';
import { readOnlyNotice } from './service/read-only-gate';
import { startService, type StartedService } from './service/start-service';

export interface Headless {
  started: StartedService;
  api: ApiServer;
  token: string;
  /** `Linkgraph ready at http://127.0.0.1:PORT/?token=TOKEN` */
  readyLine: string;
  /** Lines for the console: problems met at start (a read-only start first). */
  notices: string[];
  close(): Promise<void>;
}

export async function startHeadless(options: {
  dataDir: string;
  port: number;
  version: string;
  staticDir?: string;
}): Promise<Headless> {
  const started = await startService({
    dataDir: options.dataDir,
    mode: 'serve',
    version: options.version,
  });
  const { service, hub, settings, owner } = started;
  const token = newToken();
  const kept = settings
    .get('apiTokens')
    .filter((t) => !(t.label === 'serve' && t.member === owner && t.workspace === ANY_WORKSPACE));
  started.persistAtStart({
    apiTokens: [
      ...kept,
      {
        workspace: ANY_WORKSPACE,
        member: owner,
        label: 'serve',
        hash: hashToken(token),
        created_time: new Date().toISOString(),
      },
    ],
  });

  const api = await startApiServer({
    service,
    port: options.port,
    ...(options.staticDir ? { staticDir: options.staticDir } : {}),
    resolveToken: tokenResolver(settings, started.tokens),
    rpcExempt: (member) => member === owner,
    health: () =>
      settings.readOnly
        ? { read_only: true, reason: readOnlyNotice(settings.readOnly) }
        : { read_only: false },
  });
  // A token revoked through the service (token.revoke): its open Socket.IO connections are cut.
  cutRevokedSockets(started.tokens, api);
  return {
    started,
    api,
    token,
    readyLine: `Linkgraph ready at http://127.0.0.1:${api.port}/?token=${token}`,
    notices: started.problems,
    async close() {
      await api.close();
      await hub.closeAll();
    },
  };
}
