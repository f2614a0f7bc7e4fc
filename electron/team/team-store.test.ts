/**
 * The team server's store on a real PostgreSQL (a throwaway cluster): SPEC S1/T2 — a change
 * is answered only once committed, survives a server restart and a PostgreSQL crash, and a
 * refused change writes nothing; a cold workspace opens from its snapshot plus the batches
 * after it; the schema is migrated once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { visibleGraph } from '../../shared/engine';
import type { NodeRecord } from '../../shared/model/types';
import { num, type Database } from './database';
import { migrate, readMigrations } from './migrate';
import { openPostgres } from './pg-database';
import { openTeamLog } from './team-log';
import { startTeamServer, type TeamServer } from './team-server';
import { call, must } from './test-support/http';
import {
  postgresAvailable,
  startPostgres,
  type PostgresCluster,
} from './test-support/postgres-cluster';

const available = postgresAvailable('team store tests on PostgreSQL');

describe.runIf(available)('team store on PostgreSQL', () => {
  let cluster: PostgresCluster;
  let dataDir: string;
  let db: Database;
  const servers: TeamServer[] = [];

  const start = async (): Promise<TeamServer> => {
    const server = await startTeamServer({
      database: cluster.url,
      dataDir,
      port: 0,
      version: '0.0.0-test',
    });
    servers.push(server);
    return server;
  };
  const stop = async (server: TeamServer) => {
    servers.splice(servers.indexOf(server), 1);
    await server.close();
  };
  const titles = async (server: TeamServer): Promise<string[]> => {
    const reply = await must(server.origin, server.token, 'GET', '/api/graph?limit=1000');
    return ((reply.graph as { nodes: NodeRecord[] }).nodes ?? []).map((n) => n.title).sort();
  };
  const batchRows = async (workspace: string) =>
    (
      await db.query<{ seq: unknown; record: string }>(
        'SELECT seq, record FROM batches WHERE workspace = $1 ORDER BY seq',
        [workspace],
      )
    ).map((r) => ({ seq: num(r.seq), record: r.record }));

  beforeAll(async () => {
    cluster = await startPostgres();
    dataDir = mkdtempSync(join(tmpdir(), 'lg-team-'));
    db = await openPostgres(cluster.url, { poolSize: 2 });
  }, 60_000);
  afterAll(async () => {
    for (const s of servers.splice(0)) await s.close().catch(() => undefined);
    await db?.close();
    cluster?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('[S1][T2] acknowledged changes survive a server restart and a PostgreSQL crash', async () => {
    let server = await start();
    const workspace = server.started.hub.openId() ?? '';
    const made = ['Plan', 'Build', 'Ship'];
    for (const title of made)
      await must(server.origin, server.token, 'POST', '/api/node', { title });
    // Each answer came after its commit: the rows are there before the server stops.
    expect((await batchRows(workspace)).map((r) => r.seq)).toEqual([1, 2, 3, 4]);
    await stop(server);

    // Like a power cut for PostgreSQL: no shutdown checkpoint, recovery from its WAL.
    cluster.restart('immediate');
    await db.close();
    db = await openPostgres(cluster.url, { poolSize: 2 });
    server = await start();
    expect(server.started.hub.openId()).toBe(workspace);
    expect(await titles(server)).toEqual([...made].sort());
    await must(server.origin, server.token, 'POST', '/api/node', { title: 'After' });
    expect((await batchRows(workspace)).map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]);
    await stop(server);
  });

  it('[S1] a refused change writes nothing and the batches table refuses any edit', async () => {
    const server = await start();
    const workspace = server.started.hub.openId() ?? '';
    const node = (
      (await must(server.origin, server.token, 'POST', '/api/node', { title: 'Alone' })).diff as {
        nodes: { after: NodeRecord }[];
      }
    ).nodes[0]?.after as NodeRecord;
    const before = await batchRows(workspace);
    const snapshotsBefore = await db.query('SELECT workspace, seq FROM snapshots ORDER BY 1, 2');

    const self = await call(server.origin, server.token, 'POST', '/api/link', {
      source: node.id,
      target: node.id,
    });
    expect(self).toMatchObject({
      status: 400,
      json: { error: 'bad_request.self_link_not_allowed' },
    });
    const stale = await call(server.origin, server.token, 'PUT', '/api/node', {
      id: node.id,
      version: node.version + 5,
      title: 'Stale',
    });
    expect(stale).toMatchObject({ status: 409, json: { error: 'conflict.version_conflict' } });

    expect(await batchRows(workspace)).toEqual(before);
    expect(await db.query('SELECT workspace, seq FROM snapshots ORDER BY 1, 2')).toEqual(
      snapshotsBefore,
    );
    // The log is append-only in the database itself, whoever asks.
    await expect(
      db.query('UPDATE batches SET record = $1 WHERE workspace = $2', ['{}', workspace]),
    ).rejects.toThrow(/append-only/);
    await expect(db.query('DELETE FROM batches WHERE workspace = $1', [workspace])).rejects.toThrow(
      /append-only/,
    );
    await stop(server);
  });

  it('[F1] [T1] an import makes a new workspace in the database; a refused file leaves none', async () => {
    const server = await start();
    const before = (await must(server.origin, server.token, 'GET', '/api/workspaces')) as {
      workspaces: { id: string }[];
    };
    const csv = 'title,status\r\nImported one,3\r\nImported two,0\r\n';
    const res = await fetch(`${server.origin}/api/import?format=csv&name=From%20CSV`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.token}`, 'content-type': 'text/csv' },
      body: csv,
    });
    expect(res.status).toBe(200);
    const { workspace } = (await res.json()) as { workspace: { id: string; name: string } };
    expect(workspace.name).toBe('From CSV');
    const graph = await must(
      server.origin,
      server.token,
      'GET',
      `/api/graph?workspace=${workspace.id}`,
    );
    expect((graph.graph as { nodes: NodeRecord[] }).nodes.map((n) => n.title).sort()).toEqual([
      'Imported one',
      'Imported two',
    ]);
    const [row] = await db.query<{ n: string }>(
      'SELECT count(*) AS n FROM workspaces WHERE id = $1',
      [workspace.id],
    );
    expect(Number(row?.n)).toBe(1);
    // Its genesis is kept in the compact form (as the file store keeps an import), which the
    // graph above was read back from.
    const [genesis] = await db.query<{ record: string }>(
      'SELECT record FROM batches WHERE workspace = $1 AND seq = 1',
      [workspace.id],
    );
    const stored = (JSON.parse(genesis!.record) as { genesis: { format: string; version: number } })
      .genesis;
    expect([stored.format, stored.version]).toEqual(['linkgraph.workspace', 2]);
    // A file that is not a Linkgraph workspace is answered 400 and leaves no workspace behind.
    const bad = await fetch(`${server.origin}/api/import?format=json`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.token}` },
      body: '{"format":"not a linkgraph file"}',
    });
    expect(bad.status).toBe(400);
    const after = (await must(server.origin, server.token, 'GET', '/api/workspaces')) as {
      workspaces: { id: string }[];
    };
    expect(after.workspaces.length).toBe(before.workspaces.length + 1);
    await stop(server);
  });

  it('[T1] a cold workspace opens from its latest snapshot plus the batches after it', async () => {
    const server = await start();
    const hub = server.started.hub;
    const created = await hub.create('Cold');
    if (!created.ok) throw new Error(created.error.message);
    const id = created.value.id;
    const owner = server.started.owner;
    const token = server.token;
    const add = (title: string) =>
      must(server.origin, token, 'POST', `/api/node?workspace=${id}`, { title });
    for (const t of ['a', 'b', 'c']) await add(t);
    const compacted = await created.value.compact();
    expect(compacted).toEqual({ ok: true, value: { seq: 4 } });
    for (const t of ['d', 'e']) await add(t);
    const live = visibleGraph(created.value.state, owner);

    // Unused: it leaves memory (nothing follows it), and the next call opens it again.
    // (A notice of its own last commit may still be in flight: the hub skips a workspace while
    // it catches up, so this waits for that to settle.)
    await vi.waitFor(async () => expect(await hub.closeIdle(0)).toContain(id), { timeout: 5000 });
    expect(hub.openIds()).not.toContain(id);
    const reopened = await openTeamLog(db, id);
    if (!reopened.ok) throw new Error(reopened.error.message);
    expect(reopened.value.from).toEqual({ snapshotSeq: 4, replayed: 2 });
    expect(visibleGraph(reopened.value.state, owner)).toEqual(live);
    const graph = await must(server.origin, token, 'GET', `/api/graph?workspace=${id}`);
    expect((graph.graph as { nodes: NodeRecord[] }).nodes.map((n) => n.title).sort()).toEqual([
      'a',
      'b',
      'c',
      'd',
      'e',
    ]);
    expect(hub.openIds()).toContain(id);

    // A snapshot that does not load is passed over: the batches alone rebuild the state.
    await db.query('INSERT INTO snapshots (workspace, seq, content) VALUES ($1, 6, $2)', [
      id,
      '{"format":"not a snapshot"}',
    ]);
    const fallback = await openTeamLog(db, id);
    if (!fallback.ok) throw new Error(fallback.error.message);
    expect(fallback.value.from).toEqual({ snapshotSeq: 4, replayed: 2 });
    expect(fallback.value.problems[0]).toMatch(/snapshot 6 .* could not be loaded/);
    expect(visibleGraph(fallback.value.state, owner)).toEqual(live);
    await stop(server);
  });

  it('[T1] a snapshot is written once enough batches follow the last one', async () => {
    const server = await startTeamServer({
      database: cluster.url,
      dataDir,
      port: 0,
      version: '0.0.0-test',
      hub: { compactAfterBytes: 1500 },
    });
    servers.push(server);
    const created = await server.started.hub.create('Auto');
    if (!created.ok) throw new Error(created.error.message);
    const id = created.value.id;
    const snapshotSeqs = async () =>
      (
        await db.query<{ seq: unknown }>(
          'SELECT seq FROM snapshots WHERE workspace = $1 ORDER BY seq',
          [id],
        )
      ).map((r) => num(r.seq));
    expect(await snapshotSeqs()).toEqual([]);
    for (let i = 0; i < 12; i++)
      await must(server.origin, server.token, 'POST', `/api/node?workspace=${id}`, {
        title: `auto ${i}`,
      });
    // On PostgreSQL snapshots are built on a worker thread (team-snapshot.ts), beside the
    // writes: wait until one is written and none is being written.
    let seqs: number[] = [];
    for (let tries = 0; tries < 100; tries++) {
      seqs = await snapshotSeqs();
      await new Promise((r) => setTimeout(r, 100));
      if (seqs.length > 0 && (await snapshotSeqs()).join() === seqs.join()) break;
    }
    // Some written, at most two kept (the latest and the last-good one before it).
    expect(seqs.length).toBeGreaterThan(0);
    expect(seqs.length).toBeLessThanOrEqual(2);
    const opened = await openTeamLog(db, id);
    if (!opened.ok) throw new Error(opened.error.message);
    expect(opened.value.from.snapshotSeq).toBe(seqs.at(-1));
    expect(opened.value.from.snapshotSeq + opened.value.from.replayed).toBe(13);
    await stop(server);
  });

  it('[T4] a server reached at a public origin answers it, and still refuses any other Host or Origin', async () => {
    const server = await startTeamServer({
      database: cluster.url,
      dataDir,
      port: 0,
      publicOrigins: ['https://plans.example.com'],
      version: '0.0.0-test',
    });
    servers.push(server);
    // What a TLS reverse proxy in front of it forwards: the public Host, the page's Origin.
    const get = (headers: Record<string, string>) =>
      new Promise<number>((resolve, reject) => {
        const req = request(
          { host: '127.0.0.1', port: server.api.port, path: '/api/workspaces', headers },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.on('error', reject);
        req.end();
      });
    const auth = { authorization: `Bearer ${server.token}` };
    expect(server.origin).toBe('https://plans.example.com');
    expect(
      await get({ ...auth, host: 'plans.example.com', origin: 'https://plans.example.com' }),
    ).toBe(200);
    expect(await get({ ...auth, host: `127.0.0.1:${server.api.port}` })).toBe(200);
    expect(await get({ ...auth, host: 'evil.example.com' })).toBe(403);
    expect(
      await get({ ...auth, host: 'plans.example.com', origin: 'https://evil.example.com' }),
    ).toBe(403);
    await stop(server);
  });

  it('[T1] the schema is migrated once; a database newer than this release is refused', async () => {
    expect(await migrate(db)).toEqual([]);
    const rows = await db.query<{ version: number; name: string }>(
      'SELECT version, name FROM schema_migrations ORDER BY version',
    );
    expect(rows.map((r) => r.name)).toEqual(readMigrations().map((m) => m.name));
    await db.query(`INSERT INTO schema_migrations (version, name) VALUES (999, '999_future.sql')`);
    await expect(migrate(db)).rejects.toThrow(/newer than this Linkgraph \(migration 999\)/);
    await db.query('DELETE FROM schema_migrations WHERE version = 999');
  });
});
