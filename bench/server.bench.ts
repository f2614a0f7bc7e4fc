/**
 * Team server benchmark (`npm run bench -- server`, docs/team-server.md). In one run:
 * - durable change latency (p50/p99 of `node.create` through the service, answered only once
 *   durable) on the data folder's file store, on PGlite and on PostgreSQL;
 * - throughput of 50 concurrent HTTP clients (`POST /rpc/node.create`, keep-alive) for a few
 *   seconds: on one workspace and on 50 workspaces, with one instance and with two;
 * - cross-instance diff latency: a change made on instance A until a Socket.IO client of
 *   instance B receives it as `graph:diff` (p50/p99);
 * - opening a 100,000-node workspace (with 100,000 links) from PostgreSQL.
 * PostgreSQL is a throwaway cluster (initdb + pg_ctl, as the tests start it), fsync on.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { io as connect } from 'socket.io-client';
import { startService } from '../electron/service/start-service';
import type { Service } from '../electron/service/service';
import { openPostgres } from '../electron/team/pg-database';
import { openTeamLog } from '../electron/team/team-log';
import { startTeamServer } from '../electron/team/team-server';
import { startPostgres } from '../electron/team/test-support/postgres-cluster';
import { bigSnapshot } from './support/big-workspace';
import { gc, median, uuid } from './support/measure';
import { cpuMs, postmasterOn } from './support/proc-cpu';

const VERSION = '0.0.0-bench';
const dirs: string[] = [];
const dir = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'lg-server-bench-'));
  dirs.push(d);
  return d;
};
const ms = (n: number): string => `${n.toFixed(2)} ms`;
const at = (xs: readonly number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
};
const pp = (xs: readonly number[]): string =>
  `p50 ${ms(at(xs, 0.5))}  p99 ${ms(at(xs, 0.99))}  (n=${xs.length})`;
const report = (label: string, value: string): void => console.log(`${label.padEnd(62)} ${value}`);

/** `count` sequential durable `node.create` calls; their latencies in ms. */
async function durableLatency(service: Service, member: string, count: number): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < count + 10; i++) {
    const t = performance.now();
    const made = await service.call('node.create', { title: `latency ${i}` }, { member });
    if (!made.ok) throw new Error(made.error.message);
    if (i >= 10) samples.push(performance.now() - t); // the first ten warm up
  }
  return samples;
}

/** An instance of `npm run server` in its own Node process (as deployed: one process each). */
interface Instance {
  origin: string;
  token: string;
  child: ChildProcess;
}

/**
 * Starts a team server instance on `database` in a child process (the test-support child in
 * observer mode, which is `startTeamServer` as `npm run server` runs it), or with `database` ''
 * another child script (the file-store peer). BENCH_CPU_PROF=dir
 * profiles it (`node --cpu-prof`, written when it is stopped).
 */
async function spawnInstance(
  database: string,
  childScript = '../electron/team/test-support/team-writer-child.ts',
): Promise<Instance> {
  const script = fileURLToPath(new URL(childScript, import.meta.url));
  const profile = process.env.BENCH_CPU_PROF
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`]
    : [];
  const child = spawn(
    process.execPath,
    [...profile, '--import', 'tsx', script, dir(), ...(database ? [database, '0'] : [])],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return new Promise((resolve, reject) => {
    let text = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      text += chunk;
      const [, origin, token] = /^origin (\S+) (\S+)$/m.exec(text) ?? [];
      if (origin && token && /^ready$/m.test(text)) resolve({ origin, token, child });
    });
    child.once('exit', (code) => reject(new Error(`instance exited (${code}) before ready`)));
  });
}

const stopInstance = (instance: Instance): Promise<void> =>
  new Promise((resolve) => {
    instance.child.once('exit', () => resolve());
    instance.child.kill('SIGINT');
  });

// Keep-alive connections, as a member's editor keeps them: one per client.
const agent = new Agent({ keepAlive: true, maxSockets: 256 });

/** POSTs JSON to `url`; answers the status once the whole answer is read. */
function post(url: string, token: string, body: string, headers: Record<string, string> = {}) {
  return new Promise<number>((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          ...headers,
        },
      },
      (res) => {
        res.resume();
        res.once('end', () => resolve(res.statusCode ?? 0));
        res.once('error', reject);
      },
    );
    req.once('error', reject);
    req.end(body);
  });
}

/**
 * 50 HTTP clients writing `node.create` for `seconds` to `targets` (instance + workspace),
 * round-robin, each waiting for its answer before its next change. With `keyed`, every change
 * carries an Idempotency-Key (the exactly-once path).
 */
async function throughput(
  targets: { server: Instance; workspace: string }[],
  seconds: number,
  keyed = false,
): Promise<{ perSecond: number; failed: number; load: number }> {
  // Warm-up, untimed: each workspace opened on its instance (the steady state measured).
  await Promise.all(
    targets.map(({ server, workspace }) =>
      post(
        `${server.origin}/rpc/node.create?workspace=${workspace}`,
        server.token,
        JSON.stringify({ title: 'warm-up' }),
      ),
    ),
  );
  let done = 0;
  let failed = 0;
  const until = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: 50 }, async (_, client) => {
      const { server, workspace } = targets[client % targets.length] as (typeof targets)[number];
      for (let n = 0; performance.now() < until; n++) {
        const status = await post(
          `${server.origin}/rpc/node.create?workspace=${workspace}`,
          server.token,
          JSON.stringify({ title: `client ${client} #${n}` }),
          keyed ? { 'idempotency-key': `bench-${client}-${n}-${uuid(n)}` } : {},
        );
        if (status === 200) done++;
        else failed++;
      }
    }),
  );
  return { perSecond: done / seconds, failed, load: loadavg()[0] ?? NaN };
}

const started = performance.now();
console.log(
  `machine: ${cpus().length} cores, load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
const cluster = await startPostgres();
try {
  // ---- throughput: 50 clients against instances in their own processes ----
  const [pa, pb] = [await spawnInstance(cluster.url), await spawnInstance(cluster.url)];
  const createWorkspace = async (name: string, on = pa): Promise<string> => {
    const res = await fetch(`${on.origin}/rpc/workspace.create`, {
      method: 'POST',
      headers: { authorization: `Bearer ${on.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name }),
    });
    const body = (await res.json()) as { ok: boolean; value: { id: string } };
    if (!body.ok) throw new Error(`workspace.create: ${JSON.stringify(body)}`);
    return body.value.id;
  };
  const one = await createWorkspace('bench one');
  // Two sets of 50: the second is first opened by the two-instance run, so each of its
  // workspaces is open on one instance only (as with members routed to one instance); the
  // first, open on A since the one-instance run, is then open on both, and each change is
  // also read and applied by the other instance.
  const many: string[] = [];
  const split: string[] = [];
  for (let i = 0; i < 50; i++) many.push(await createWorkspace(`bench ${i}`));
  for (let i = 0; i < 50; i++) split.push(await createWorkspace(`bench split ${i}`));
  const SECONDS = 4;
  // Where the CPU goes, per change: steadier than changes/s on a machine shared with others.
  const postmaster = postmasterOn(cluster.port);
  const cpuNow = () => ({
    instances: cpuMs(pa.child.pid ?? 0) + cpuMs(pb.child.pid ?? 0),
    postgres: postmaster ? cpuMs(postmaster, true) : NaN,
    clients: (process.cpuUsage().user + process.cpuUsage().system) / 1000,
  });
  const rates = new Map<string, number>();
  // The peer: headless serve on the file store (one process, no database), same clients.
  const files = await spawnInstance('', './support/file-serve-child.ts');
  const fileWorkspaces: string[] = [];
  for (let i = 0; i < 50; i++) fileWorkspaces.push(await createWorkspace(`files ${i}`, files));
  {
    const before = cpuMs(files.child.pid ?? 0);
    const r = await throughput(
      fileWorkspaces.map((w) => ({ server: files, workspace: w })),
      SECONDS,
    );
    const perChange = (cpuMs(files.child.pid ?? 0) - before) / (r.perSecond * SECONDS);
    rates.set('file store', r.perSecond);
    report(
      '50 clients, file store (headless serve), 50 workspaces',
      `${r.perSecond.toFixed(0)} changes/s  (load ${r.load.toFixed(2)})${r.failed ? `  (${r.failed} failed)` : ''}`,
    );
    report('  CPU ms per change: serve', perChange.toFixed(2));
    await stopInstance(files);
  }
  for (const [label, targets, keyed] of [
    ['one instance, one workspace', [{ server: pa, workspace: one }], false],
    ['one instance, 50 workspaces', many.map((w) => ({ server: pa, workspace: w })), false],
    [
      'two instances, one workspace',
      [
        { server: pa, workspace: one },
        { server: pb, workspace: one },
      ],
      false,
    ],
    [
      'two instances, 50 workspaces',
      split.map((w, i) => ({ server: i % 2 ? pb : pa, workspace: w })),
      false,
    ],
    [
      'two instances, 50 workspaces, Idempotency-Key',
      split.map((w, i) => ({ server: i % 2 ? pb : pa, workspace: w })),
      true,
    ],
    [
      'two instances, 50 workspaces open on both',
      many.map((w, i) => ({ server: i % 2 ? pb : pa, workspace: w })),
      false,
    ],
  ] as const) {
    const cpuBefore = cpuNow();
    const r = await throughput([...targets], SECONDS, keyed);
    const cpu = cpuNow();
    const changes = r.perSecond * SECONDS;
    const per = (k: keyof typeof cpu) => ((cpu[k] - cpuBefore[k]) / changes).toFixed(2);
    rates.set(label, r.perSecond);
    report(
      `50 clients, ${label}`,
      `${r.perSecond.toFixed(0)} changes/s  (load ${r.load.toFixed(2)})${r.failed ? `  (${r.failed} failed)` : ''}`,
    );
    report(
      '  CPU ms per change: instances / PostgreSQL / clients',
      `${per('instances')} / ${per('postgres')} / ${per('clients')}`,
    );
  }
  const ratio =
    (rates.get('two instances, 50 workspaces') ?? NaN) /
    (rates.get('one instance, 50 workspaces') ?? NaN);
  report('two instances / one instance, 50 workspaces', `${ratio.toFixed(2)}×`);
  const toFiles =
    (rates.get('two instances, 50 workspaces') ?? NaN) / (rates.get('file store') ?? NaN);
  report('two instances on PostgreSQL / file store, 50 workspaces', `${toFiles.toFixed(2)}×`);
  await Promise.all([stopInstance(pa), stopInstance(pb)]);

  // BENCH_THROUGHPUT_ONLY=1: the throughput figures alone (profiling rounds).
  if (!process.env.BENCH_THROUGHPUT_ONLY) {
    // ---- durable change latency on the three stores ----
    const files = await startService({ dataDir: dir(), mode: 'serve', version: VERSION });
    report(
      'durable change, file store (fsync)',
      pp(await durableLatency(files.service, files.owner, 300)),
    );
    await files.hub.closeAll();

    const pglite = await startTeamServer({ dataDir: dir(), port: 0, version: VERSION });
    report(
      'durable change, PGlite (embedded, fsync)',
      pp(await durableLatency(pglite.started.service, pglite.started.owner, 300)),
    );
    await pglite.close();

    const start = () =>
      startTeamServer({ database: cluster.url, dataDir: dir(), port: 0, version: VERSION });
    const [a, b] = [await start(), await start()];
    report(
      'durable change, PostgreSQL 15 (local, fsync)',
      pp(await durableLatency(a.started.service, a.started.owner, 300)),
    );

    const first = a.started.hub.openId() ?? '';
    // ---- cross-instance diff: made on A, received on B ----
    const socket = connect(b.origin, {
      transports: ['websocket'],
      auth: { api_token: b.token },
      query: { workspace: first },
    });
    await new Promise((resolve) => socket.once('connected', resolve));
    const waiting = new Map<string, (t: number) => void>();
    socket.on('graph:diff', (event: { batch: { nodes: { after?: { title?: string } }[] } }) => {
      const title = event.batch.nodes[0]?.after?.title ?? '';
      waiting.get(title)?.(performance.now());
    });
    const diffs: number[] = [];
    for (let i = 0; i < 310; i++) {
      const title = `cross ${i}`;
      const arrived = new Promise<number>((resolve) => waiting.set(title, resolve));
      const t = performance.now();
      const made = await a.started.service.call(
        'node.create',
        { title },
        { member: a.started.owner, workspace: first },
      );
      if (!made.ok) throw new Error(made.error.message);
      const got = await arrived;
      waiting.delete(title);
      if (i >= 10) diffs.push(got - t);
    }
    socket.close();
    report('cross-instance diff, change on A → graph:diff on B', pp(diffs));

    // ---- opening a 100,000-node workspace from PostgreSQL ----
    const big = bigSnapshot(a.started.owner);
    const inserted = await a.started.hub.createFrom('100k', big);
    if (!inserted.ok) throw new Error(inserted.error.message);
    const bigId = inserted.value.id;
    const db = await openPostgres(cluster.url, { poolSize: 2 });
    const opens: number[] = [];
    for (let i = 0; i < 3; i++) {
      gc();
      const t = performance.now();
      const opened = await openTeamLog(db, bigId);
      if (!opened.ok) throw new Error(opened.error.message);
      opens.push(performance.now() - t);
    }
    report(
      'open a 100,000-node workspace from PostgreSQL (genesis)',
      `median ${ms(median(opens))}`,
    );
    // After a snapshot in the store's compact form (what a used workspace opens from).
    const compacted = await inserted.value.compact();
    if (compacted.ok) {
      const again: number[] = [];
      for (let i = 0; i < 3; i++) {
        gc();
        const t = performance.now();
        const opened = await openTeamLog(db, bigId);
        if (!opened.ok) throw new Error(opened.error.message);
        again.push(performance.now() - t);
      }
      report('open it again from its compact snapshot', `median ${ms(median(again))}`);
    }
    await db.close();
    await a.close();
    await b.close();
  }
} finally {
  cluster.stop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
}
console.log(
  `done in ${((performance.now() - started) / 1000).toFixed(0)} s, load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
process.exit(0);
