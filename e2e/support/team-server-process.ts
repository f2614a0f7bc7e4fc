/**
 * Starts the real team server (`dist/electron/server.mjs`, built by `npm run build`) on a
 * throwaway PostgreSQL cluster (electron/team/test-support/postgres-cluster.ts), and waits
 * for its ready line `Linkgraph server ready at ORIGIN/?token=TOKEN`.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  startPostgres,
  type PostgresCluster,
} from '../../electron/team/test-support/postgres-cluster';

export const SERVER_ENTRY = join(import.meta.dirname, '..', '..', 'dist', 'electron', 'server.mjs');

export interface TeamServerHandle {
  origin: string;
  /** The owner's token. */
  token: string;
  cluster: PostgresCluster;
  stop(): Promise<void>;
}

export async function startTeamServerProcess(): Promise<TeamServerHandle> {
  if (!existsSync(SERVER_ENTRY))
    throw new Error(`${SERVER_ENTRY} is missing: run "npm run build" first.`);
  const cluster = await startPostgres();
  const dataDir = mkdtempSync(join(tmpdir(), 'linkgraph-e2e-team-'));
  const child = spawn(
    process.execPath,
    [SERVER_ENTRY, '--database', cluster.url, '--data', dataDir, '--listen', '127.0.0.1:0'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const line = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(
      () => reject(new Error(`the team server printed no ready line in 20 s. stderr: ${stderr}`)),
      20_000,
    );
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const ready = /Linkgraph server ready at (\S+)/.exec(stdout);
      if (ready?.[1]) {
        clearTimeout(timer);
        resolve(ready[1]);
      }
    });
    child.on('exit', (code) =>
      reject(new Error(`the team server exited with ${code} before it was ready: ${stderr}`)),
    );
  });
  const url = new URL(line);
  return {
    origin: url.origin,
    token: url.searchParams.get('token') ?? '',
    cluster,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      cluster.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
