/**
 * Two team server instances (`startTeamServer`, as `npm run server` runs) on one throwaway
 * PostgreSQL cluster, plus a direct connection to the database for checks, and Socket.IO
 * clients that are all closed at the end.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io as connect, type Socket } from 'socket.io-client';
import type { Database } from '../database';
import { openPostgres } from '../pg-database';
import { startTeamServer, type TeamServer } from '../team-server';
import { startPostgres, type PostgresCluster } from './postgres-cluster';

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

export async function startTwoInstances(): Promise<TwoInstances> {
  const cluster = await startPostgres();
  const dirs: string[] = [];
  const sockets: Socket[] = [];
  const start = () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'lg-team-two-'));
    dirs.push(dataDir);
    return startTeamServer({ database: cluster.url, dataDir, port: 0, version: '0.0.0-test' });
  };
  const [a, b] = await Promise.all([start(), start()]);
  const db = await openPostgres(cluster.url, { poolSize: 2 });
  return {
    cluster,
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
      await a.close();
      await b.close();
      await db.close();
      cluster.stop();
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Waits (up to 5 s) until `check` holds. */
export async function until(check: () => boolean, what: string, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
