/**
 * A throwaway PostgreSQL cluster for tests: initdb + pg_ctl from the Debian `postgresql`
 * package (or LINKGRAPH_PG_BIN) in a temp folder, on a free loopback port, removed by
 * `stop()`. PostgreSQL refuses to run as root, so under root it runs as the `postgres` user
 * (runuser); otherwise as the current user.
 */
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The folder of initdb/pg_ctl, or null. */
export function postgresBin(): string | null {
  const fromEnv = process.env.LINKGRAPH_PG_BIN;
  if (fromEnv) return existsSync(join(fromEnv, 'initdb')) ? fromEnv : null;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], 'bin') : null;
}

/** Why the PostgreSQL tests cannot run here, or null when they can. */
export function whyNoPostgres(): string | null {
  const bin = postgresBin();
  if (!bin)
    return 'PostgreSQL binaries not found (install Debian postgresql, or set LINKGRAPH_PG_BIN)';
  if (process.getuid?.() === 0) {
    const id = spawnSync('id', ['-u', 'postgres']);
    if (id.status !== 0) return 'running as root and there is no postgres user to run the server';
  }
  return null;
}

/** Logs a loud SKIPPED line when PostgreSQL is missing; answers whether tests may run. */
export function postgresAvailable(suite: string): boolean {
  const missing = whyNoPostgres();
  if (missing) console.warn(`SKIPPED ${suite}: ${missing}`);
  return missing === null;
}

export interface PostgresCluster {
  /** postgres://postgres@127.0.0.1:PORT/postgres */
  url: string;
  port: number;
  /** Stops it with `mode` (fast: clean; immediate: like a crash) and starts it again. */
  restart(mode?: 'fast' | 'immediate'): void;
  /** Stops it without blocking the event loop (the servers under test keep running). */
  down(mode?: 'fast' | 'immediate'): Promise<void>;
  /** Starts it again after `down`, without blocking the event loop. */
  up(): Promise<void>;
  stop(): void;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export async function startPostgres(): Promise<PostgresCluster> {
  const bin = postgresBin();
  if (!bin) throw new Error(whyNoPostgres() ?? 'no PostgreSQL');
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'lg-pg-'));
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString());
    chownSync(dir, uid, gid);
  }
  const run = (tool: string, args: string[]) => {
    const command = asRoot ? 'runuser' : join(bin, tool);
    const argv = asRoot ? ['-u', 'postgres', '--', join(bin, tool), ...args] : args;
    const r = spawnSync(command, argv, { encoding: 'utf8', timeout: 60_000 });
    if (r.status !== 0)
      throw new Error(`${tool} failed (${r.status}): ${r.stderr || r.stdout || r.error}`);
  };
  const data = join(dir, 'data');
  const port = await freePort();
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync']);
  const options = [
    `-p ${port}`,
    `-k ${dir}`,
    '-c listen_addresses=127.0.0.1',
    '-c max_connections=60',
    '-c shared_buffers=16MB',
  ].join(' ');
  const start = () =>
    run('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'log'), '-w', 'start']);
  const stopWith = (mode: string) => run('pg_ctl', ['-D', data, '-m', mode, '-w', 'stop']);
  const runAsync = (tool: string, args: string[]) =>
    new Promise<void>((resolve, reject) => {
      const command = asRoot ? 'runuser' : join(bin, tool);
      const argv = asRoot ? ['-u', 'postgres', '--', join(bin, tool), ...args] : args;
      execFile(command, argv, { timeout: 60_000 }, (error, stdout, stderr) =>
        error
          ? reject(new Error(`${tool} failed: ${stderr || stdout || error.message}`))
          : resolve(),
      );
    });
  start();
  let running = true;
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    restart(mode = 'fast') {
      stopWith(mode);
      start();
    },
    down: (mode = 'fast') => runAsync('pg_ctl', ['-D', data, '-m', mode, '-w', 'stop']),
    up: () =>
      runAsync('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'log'), '-w', 'start']),
    stop() {
      try {
        if (running) stopWith('immediate');
      } finally {
        running = false;
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
