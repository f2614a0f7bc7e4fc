/**
 * Team server snapshots (`npm run bench -- team-snapshot`, docs/team-server.md): how long a
 * snapshot of a 100,000-node (+ 99,999 links) workspace stalls the instance's event loop,
 * built on the main thread from the session's state (as before, and still on PGlite) and on
 * the worker thread that reads the workspace from PostgreSQL (team-snapshot.ts). The event
 * loop's delay is sampled every 10 ms while the snapshot is written, and a timer asks every
 * 5 ms how late it runs (what a request arriving then would wait).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { openPostgres } from '../electron/team/pg-database';
import { openTeamLog } from '../electron/team/team-log';
import { startTeamServer } from '../electron/team/team-server';
import { startPostgres } from '../electron/team/test-support/postgres-cluster';
import { bigSnapshot } from './support/big-workspace';
import { gc } from './support/measure';

const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
console.log(`machine: ${cpus().length} cores, load average ${load()}`);
const cluster = await startPostgres();
const dir = mkdtempSync(join(tmpdir(), 'lg-snap-bench-'));
const server = await startTeamServer({
  database: cluster.url,
  dataDir: dir,
  port: 0,
  version: '0.0.0-bench',
});
const db = await openPostgres(cluster.url, { poolSize: 2 });
try {
  for (const [label, onWorker] of [
    ['main thread (from the state)', false],
    ['worker thread (from PostgreSQL)', true],
  ] as const) {
    const made = await server.started.hub.createFrom(label, bigSnapshot(server.started.owner));
    if (!made.ok) throw new Error(made.error.message);
    const opened = await openTeamLog(
      db,
      made.value.id,
      onWorker ? { snapshotDatabaseUrl: cluster.url } : {},
    );
    if (!opened.ok) throw new Error(opened.error.message);
    gc();
    const histogram = monitorEventLoopDelay({ resolution: 10 });
    let late = 0;
    let last = performance.now();
    const ticker = setInterval(() => {
      const now = performance.now();
      late = Math.max(late, now - last - 5);
      last = now;
    }, 5);
    histogram.enable();
    const t = performance.now();
    const written = await opened.value.log.compact(opened.value.state);
    const took = performance.now() - t;
    histogram.disable();
    clearInterval(ticker);
    if (!written.ok) throw new Error(written.error.message);
    console.log(
      `100k snapshot, ${label.padEnd(32)} written in ${(took / 1000).toFixed(2)} s; event loop ` +
        `delay max ${(histogram.max / 1e6).toFixed(0)} ms, p99 ${(histogram.percentile(99) / 1e6).toFixed(0)} ms; ` +
        `a 5 ms timer at most ${late.toFixed(0)} ms late`,
    );
  }
  console.log(`load average after: ${load()}`);
} finally {
  await db.close();
  await server.close();
  cluster.stop();
  rmSync(dir, { recursive: true, force: true });
}
