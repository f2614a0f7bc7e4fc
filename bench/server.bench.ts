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
import { performance } from 'node:perf_hooks';
import { io as connect } from 'socket.io-client';
import { startService } from '../electron/service/start-service';
import type { Service } from '../electron/service/service';
import { openPostgres } from '../electron/team/pg-database';
import { openTeamLog } from '../electron/team/team-log';
import { startTeamServer, type TeamServer } from '../electron/team/team-server';
import { startPostgres } from '../electron/team/test-support/postgres-cluster';
import type { WorkspaceSnapshot } from '../shared/engine';
import type { LinkRecord, NodeRecord } from '../shared/model/types';
import { gc, median, uuid } from './support/measure';

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

/** 50 HTTP clients writing for `seconds` to `targets` (instance + workspace), round-robin. */
async function throughput(
  targets: { server: TeamServer; workspace: string }[],
  seconds: number,
): Promise<{ perSecond: number; failed: number }> {
  let done = 0;
  let failed = 0;
  const until = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: 50 }, async (_, client) => {
      const { server, workspace } = targets[client % targets.length] as (typeof targets)[number];
      for (let n = 0; performance.now() < until; n++) {
        const res = await fetch(`${server.origin}/rpc/node.create?workspace=${workspace}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ title: `client ${client} #${n}` }),
        });
        await res.arrayBuffer();
        if (res.status === 200) done++;
        else failed++;
      }
    }),
  );
  return { perSecond: done / seconds, failed };
}

/** A 100,000-node, 100,000-link workspace snapshot owned by `owner`. */
function bigSnapshot(owner: string, n = 100_000): WorkspaceSnapshot {
  const t = '2026-01-01T00:00:00.000Z';
  const ids = Array.from({ length: n }, (_, i) => uuid(i + 1));
  const nodes: NodeRecord[] = ids.map((id, i) => ({
    id,
    display_id: `TASK-${i + 1}`,
    title: `Task ${i + 1}`,
    description: '',
    kind: 'task',
    status: 0,
    dependent: true,
    owner,
    position: { x: (i % 300) * 260, y: Math.floor(i / 300) * 120 },
    tags: [],
    priority: 0,
    version: 1,
    created_time: t,
    last_edited_time: t,
    in_trash: false,
  }));
  // Each node but the first blocked by a random earlier one: acyclic, 100,000 - 1 links.
  let seed = 7;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const links: LinkRecord[] = ids.slice(1).map((target, i) => ({
    id: uuid(0x10000000 + i),
    display_id: `LNK-${i + 1}`,
    source: ids[Math.floor(rnd() * (i + 1))] as string,
    target,
    type: 0,
    private: false,
    owner,
    was_blocker: false,
    version: 1,
    in_trash: false,
    created_by: owner,
    created_time: t,
    modified_by: owner,
    modified_time: t,
  }));
  return {
    format: 'linkgraph.workspace',
    version: 1,
    owner,
    members: [{ id: owner, username: 'owner', email: 'owner@example.com' }],
    nodes,
    resume_status: {},
    links,
    link_types: [],
    grants: [],
    counters: { TASK: n, LNK: links.length },
    history: { limit: 5000, batches: [], undone: [] },
  };
}

const started = performance.now();
console.log(
  `machine: ${cpus().length} cores, load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
const cluster = await startPostgres();
try {
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

  // ---- throughput: 50 clients ----
  const one = a.started.hub.openId() ?? '';
  const many: string[] = [];
  for (let i = 0; i < 50; i++) {
    const made = await a.started.service.call(
      'workspace.create',
      { name: `bench ${i}` },
      { member: a.started.owner },
    );
    if (!made.ok) throw new Error(made.error.message);
    many.push((made.value as { id: string }).id);
  }
  const SECONDS = 4;
  for (const [label, targets] of [
    ['one instance, one workspace', [{ server: a, workspace: one }]],
    ['one instance, 50 workspaces', many.map((w) => ({ server: a, workspace: w }))],
    [
      'two instances, one workspace',
      [
        { server: a, workspace: one },
        { server: b, workspace: one },
      ],
    ],
    ['two instances, 50 workspaces', many.map((w, i) => ({ server: i % 2 ? b : a, workspace: w }))],
  ] as const) {
    const r = await throughput([...targets], SECONDS);
    report(
      `50 clients, ${label}`,
      `${r.perSecond.toFixed(0)} changes/s${r.failed ? `  (${r.failed} failed)` : ''}`,
    );
  }

  // ---- cross-instance diff: made on A, received on B ----
  const socket = connect(b.origin, {
    transports: ['websocket'],
    auth: { api_token: b.token },
    query: { workspace: one },
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
      { member: a.started.owner, workspace: one },
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
  report('open a 100,000-node workspace from PostgreSQL (genesis)', `median ${ms(median(opens))}`);
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
