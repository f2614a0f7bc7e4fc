/**
 * Team servers (`startTeamServer`, as `npm run server` runs) on one throwaway PostgreSQL
 * cluster, each with a data folder of its own. `close()` closes the servers still open, stops
 * the cluster and removes the folders. `useTeamServers()` does both around a describe block.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { startTeamServer, type TeamServer, type TeamServerOptions } from '../team-server';
import { startPostgres, type PostgresCluster } from './postgres-cluster';

export interface TeamServers {
  cluster: PostgresCluster;
  /** A server on the cluster, on a free port, in a new data folder; `options` override those. */
  start(options?: Partial<TeamServerOptions>): Promise<TeamServer>;
  close(): Promise<void>;
}

export async function startTeamServers(): Promise<TeamServers> {
  const cluster = await startPostgres();
  const dirs: string[] = [];
  const open = new Set<TeamServer>();
  return {
    cluster,
    async start(options = {}) {
      const dataDir = mkdtempSync(join(tmpdir(), 'lg-team-'));
      dirs.push(dataDir);
      const server = await startTeamServer({
        database: cluster.url,
        dataDir,
        port: 0,
        version: '0.0.0-test',
        ...options,
      });
      open.add(server);
      // A test may close it itself: closed once.
      const close = server.close.bind(server);
      server.close = async () => {
        if (open.delete(server)) await close();
      };
      return server;
    },
    async close() {
      for (const server of [...open]) await server.close();
      cluster.stop();
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * For a describe block: `start` runs before its tests (a minute allowed: initdb and the
 * servers' migrations), `close()` after them. Answers the started value through a stand-in
 * that reads it at use, so the block's tests write `two.a`, `servers.start()` as usual.
 */
export function useStarted<T extends { close(): Promise<void> }>(start: () => Promise<T>): T {
  let started: T | undefined;
  beforeAll(async () => {
    started = await start();
  }, 60_000);
  afterAll(async () => {
    await started?.close();
  });
  return new Proxy({} as T, {
    get: (_, key) => {
      if (!started) throw new Error('Used before its beforeAll started it.');
      return Reflect.get(started, key) as unknown;
    },
  });
}

export const useTeamServers = (): TeamServers => useStarted(startTeamServers);
