/**
 * A team server's start as a function, so tests run exactly what `npm run server` runs: the
 * database (PostgreSQL or embedded PGlite, migrated), the team service, a fresh owner token,
 * and the API server — REST, DevRev routes, Socket.IO, /rpc and the served editor — on the
 * address asked for, answering to loopback and to the configured public origins.
 */
import { hostname } from 'node:os';
import { startApiServer, type ApiServer } from '../api/http-server';
import { cutRevokedSockets } from '../api/revoked-sockets';
import { newToken } from '../api/tokens';
import { readOnlyNotice } from '../service/read-only-gate';
import { openDatabase } from './open-database';
import { startTeamService, type StartedTeamService } from './start-team-service';
import { sharedRateLimiter } from './team-rate-limit';
import { startPruning, type Pruning, type RetentionOptions } from './team-retention';
import type { TeamHubOptions } from './team-hub';

export interface TeamServerOptions {
  /** postgres://… ; absent: PGlite embedded in the data folder. */
  database?: string;
  dataDir: string;
  /** Address to listen on (default 127.0.0.1) and port (0: a free one). */
  host?: string;
  port: number;
  /** Origins members reach the server at (`https://plans.example.com`), besides loopback. */
  publicOrigins?: string[];
  version: string;
  staticDir?: string;
  hub?: TeamHubOptions;
  /** PEM certificate and key: serve HTTPS and Socket.IO over TLS (`--tls-cert/--tls-key`). */
  tls?: { cert: string | Buffer; key: string | Buffer };
  /** The mutation budget per token, shared by every instance (default: SPEC X3's 300 a minute). */
  rateLimit?: { points: number; durationSeconds: number; lease?: number };
  /** When request answers and rate budgets are pruned (team-retention.ts; defaults there). */
  retention?: Omit<RetentionOptions, 'rateWindowSeconds'>;
}

export interface TeamServer {
  started: StartedTeamService;
  api: ApiServer;
  /** The owner's token minted at this start. */
  token: string;
  /** Where members reach it: the first public origin, else http(s)://127.0.0.1:PORT */
  origin: string;
  readyLine: string;
  notices: string[];
  /** The periodic pruning of expired request answers and rate budgets (team-retention.ts). */
  pruning: Pruning;
  close(): Promise<void>;
}

export async function startTeamServer(options: TeamServerOptions): Promise<TeamServer> {
  const db = await openDatabase({
    ...(options.database ? { url: options.database } : {}),
    dataDir: options.dataDir,
  });
  let started: StartedTeamService;
  try {
    started = await startTeamService({
      db,
      dataDir: options.dataDir,
      version: options.version,
      // On PostgreSQL a worker thread reads and writes snapshots itself (team-snapshot.ts);
      // PGlite lives in this thread only.
      hub: {
        ...(options.database && db.kind === 'postgres'
          ? { snapshotDatabaseUrl: options.database }
          : {}),
        ...options.hub,
      },
    });
  } catch (error) {
    await db.close();
    throw error;
  }
  const { service, hub, tokens, settings, owner } = started;

  // Each start prints a new owner token (only hashes are kept, so an old one cannot be shown
  // again); the one this instance printed at its previous start on the same address is revoked.
  const label = `server ${hostname()} ${options.host ?? '127.0.0.1'}:${options.port}`;
  if (options.port !== 0) {
    const previous = await db.query<{ hash: string }>(
      'SELECT hash FROM tokens WHERE workspace IS NULL AND member = $1 AND label = $2 AND revoked_time IS NULL',
      [owner, label],
    );
    for (const { hash } of previous) await tokens.forget(hash);
  }
  const token = newToken();
  const stored = await tokens.store({ workspace: null, member: owner, label }, token);
  if (!stored.ok) {
    await started.close();
    throw new Error(stored.error.message);
  }

  let api: ApiServer;
  try {
    api = await startApiServer({
      service,
      port: options.port,
      ...(options.host ? { host: options.host } : {}),
      ...(options.publicOrigins?.length ? { publicOrigins: options.publicOrigins } : {}),
      ...(options.staticDir ? { staticDir: options.staticDir } : {}),
      ...(options.tls ? { tls: options.tls } : {}),
      resolveToken: (presented) => tokens.resolve(presented),
      // A token's budget is counted in the database, so every instance spends the same one.
      limiter: options.rateLimit
        ? sharedRateLimiter(
            db,
            options.rateLimit.points,
            options.rateLimit.durationSeconds,
            options.rateLimit.lease,
          )
        : sharedRateLimiter(db),
      rpcExempt: (member) => member === owner,
      health: () => ({
        team: true,
        database: db.kind,
        ...(settings.readOnly
          ? { read_only: true, reason: readOnlyNotice(settings.readOnly) }
          : { read_only: false }),
      }),
    });
  } catch (error) {
    await started.close();
    throw error;
  }
  // The hub keeps the workspaces a client here follows open, so their diffs reach it.
  hub.setFollowing((workspace) => api.follows(workspace));
  // A token revoked on any instance: its open connections here are cut at once.
  cutRevokedSockets(tokens, api);
  // Expired request answers and rate budgets are removed every hour (stopped by close()).
  const pruning = startPruning(db, {
    ...options.retention,
    ...(options.rateLimit ? { rateWindowSeconds: options.rateLimit.durationSeconds } : {}),
  });
  const scheme = options.tls ? 'https' : 'http';
  const origin = options.publicOrigins?.[0] ?? `${scheme}://127.0.0.1:${api.port}`;
  return {
    started,
    api,
    token,
    origin,
    readyLine: `Linkgraph server ready at ${origin}/?token=${token}`,
    notices: [`database: ${db.kind} (${db.where})`, ...started.problems],
    pruning,
    async close() {
      await pruning.stop();
      await api.close();
      await started.close();
    },
  };
}
