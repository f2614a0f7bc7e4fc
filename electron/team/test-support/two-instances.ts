/**
 * Two team server instances (team-servers.ts) on one throwaway PostgreSQL cluster, plus a
 * direct connection to the database for checks, and Socket.IO clients that are all closed at
 * the end.
 */
import { io as connect, type Socket } from 'socket.io-client';
import type { Database } from '../database';
import { openPostgres } from '../pg-database';
import type { TeamServer, TeamServerOptions } from '../team-server';
import type { PostgresCluster } from './postgres-cluster';
import { startTeamServers, useStarted } from './team-servers';

export interface TwoInstances {
  cluster: PostgresCluster;
  db: Database;
  a: TeamServer;
  b: TeamServer;
  /** A Socket.IO client of `on` with `token`, once greeted; its diffs and disconnects are kept. */
  listen(on: TeamServer, token: string): Promise<Listener>;
  close(): Promise<void>;
}

export interface Listener {
  socket: Socket;
  diffs: unknown[];
  disconnects: string[];
}

/** `options` go to both instances (e.g. a rate limit). */
export async function startTwoInstances(
  options: Partial<TeamServerOptions> = {},
): Promise<TwoInstances> {
  const servers = await startTeamServers();
  const sockets: Socket[] = [];
  // Started together: the first workspace is made once, by whichever takes the lock first.
  const [a, b] = await Promise.all([servers.start(options), servers.start(options)]);
  const db = await openPostgres(servers.cluster.url, { poolSize: 2 });
  return {
    cluster: servers.cluster,
    db,
    a,
    b,
    listen: (on, token) =>
      new Promise((resolve, reject) => {
        const socket = connect(on.origin, {
          transports: ['websocket'],
          reconnection: false,
          auth: { api_token: token },
        });
        sockets.push(socket);
        const listener: Listener = { socket, diffs: [], disconnects: [] };
        socket.on('graph:diff', (event: { batch: unknown }) => listener.diffs.push(event.batch));
        socket.on('disconnect', (reason) => listener.disconnects.push(reason));
        socket.on('connected', () => resolve(listener));
        socket.on('connect_error', reject);
      }),
    async close() {
      for (const s of sockets) s.close();
      await db.close();
      await servers.close();
    },
  };
}

/** Two instances for a describe block: started before its tests, closed after them. */
export const useTwoInstances = (options: Partial<TeamServerOptions> = {}): TwoInstances =>
  useStarted(() => startTwoInstances(options));

/** Waits (up to 5 s) until `check` holds. */
export async function until(check: () => boolean, what: string, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
