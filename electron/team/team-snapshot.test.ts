/**
 * [T1] On PostgreSQL a team server builds its snapshots on a worker thread that reads the
 * workspace from the database as of the batch asked for: the snapshot opens to exactly the
 * state the instance holds, and changes committed while the worker runs are kept after it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toSnapshot } from '../../shared/engine';
import type { Database } from './database';
import { openPostgres } from './pg-database';
import type { TeamServer } from './team-server';
import { openTeamLog } from './team-log';
import { must } from './test-support/http';
import { postgresAvailable } from './test-support/postgres-cluster';
import { useTeamServers } from './test-support/team-servers';

const available = postgresAvailable('team snapshot worker tests on PostgreSQL');

describe.runIf(available)('snapshots on a worker thread', () => {
  const servers = useTeamServers();
  let server: TeamServer;
  let db: Database;
  beforeAll(async () => {
    server = await servers.start();
    db = await openPostgres(servers.cluster.url, { poolSize: 2 });
  });
  afterAll(async () => {
    await db?.close();
  });

  const latestSnapshot = async (workspace: string) =>
    Number(
      (
        await db.query<{ seq: string }>(
          'SELECT max(seq) AS seq FROM snapshots WHERE workspace = $1',
          [workspace],
        )
      )[0]?.seq ?? 0,
    );

  it('[T1] a snapshot built by the worker opens to the instance’s state; changes made meanwhile are kept', async () => {
    const { origin, token } = server;
    for (let i = 0; i < 12; i++) await must(origin, token, 'POST', '/api/node', { title: `n${i}` });
    const opened = await server.started.hub.session();
    if (!opened.ok) throw new Error(opened.error.message);
    const session = opened.value;
    const log = (session as unknown as { log: { compactsFromState: boolean; seq: number } }).log;
    expect(log.compactsFromState).toBe(false);
    const asOf = log.seq;
    expect(asOf).toBe(13); // genesis + 12 changes

    // The worker runs while five more changes commit.
    const compacting = session.compact();
    const more = Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        must(origin, token, 'POST', '/api/node', { title: `later${i}` }),
      ),
    );
    const [compacted] = await Promise.all([compacting, more]);
    expect(compacted).toEqual({ ok: true, value: { seq: asOf } });
    expect(await latestSnapshot(session.id)).toBe(asOf);

    // Opened afresh: the worker's snapshot plus the five batches after it equal memory.
    const fresh = await openTeamLog(db, session.id);
    if (!fresh.ok) throw new Error(fresh.error.message);
    expect(fresh.value.from).toEqual({ snapshotSeq: asOf, replayed: 5 });
    expect(toSnapshot(fresh.value.state)).toEqual(toSnapshot(session.state));
    const titles = toSnapshot(fresh.value.state).nodes.map((n) => n.title);
    expect(titles).toEqual(expect.arrayContaining(['n0', 'n11', 'later0', 'later4']));

    // A second snapshot keeps the first as the last-good backup.
    const again = await session.compact();
    expect(again).toEqual({ ok: true, value: { seq: asOf + 5 } });
    const kept = await db.query<{ seq: string }>(
      'SELECT seq FROM snapshots WHERE workspace = $1 ORDER BY seq',
      [session.id],
    );
    expect(kept.map((r) => Number(r.seq))).toEqual([asOf, asOf + 5]);
  });
});
