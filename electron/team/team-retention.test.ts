/**
 * [S1] What a team server forgets on a real PostgreSQL (team-retention.ts, docs/team-server.md
 * "Retention"): request answers older than 24 h and rate budgets whose window ended go, fresh
 * ones stay, a retry within the retention still gets its first answer; two instances pruning
 * at once are harmless; each instance prunes on its own timer, which close() stops.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from './database';
import { openPostgres } from './pg-database';
import type { TeamServer } from './team-server';
import { pruneOnce } from './team-retention';
import { postgresAvailable } from './test-support/postgres-cluster';
import { checkRetention } from './test-support/retention-scenario';
import { useTeamServers } from './test-support/team-servers';

const available = postgresAvailable('retention tests on PostgreSQL');
const HOUR = 60 * 60_000;

describe.runIf(available)('pruning request answers and rate budgets on PostgreSQL', () => {
  const servers = useTeamServers();
  let db: Database;
  let server: TeamServer;
  const start = (retention: { everyMs: number; firstAfterMs: number }) =>
    servers.start({ retention });
  const budgetKeys = async (prefix: string) =>
    (
      await db.query<{ key: string }>('SELECT key FROM rate_budgets WHERE key LIKE $1', [
        `${prefix}%`,
      ])
    ).map((r) => r.key);

  beforeAll(async () => {
    // Its timer would first run in an hour: the passes below are asked for.
    server = await start({ everyMs: HOUR, firstAfterMs: HOUR });
    db = await openPostgres(servers.cluster.url, { poolSize: 2 });
  });
  afterAll(async () => {
    await db?.close();
  });

  it('[S1] request answers older than 24 h and ended rate windows are pruned; fresh ones stay; a retry within the retention answers the first answer', async () => {
    await checkRetention(server, db, 'kept-pg');
  });

  it('[S1] two instances pruning at once remove each old row once and fail nothing', async () => {
    await db.query(
      `INSERT INTO rate_budgets (key, window_start, used, granted)
       SELECT 'twice-' || i, now() - interval '5 minutes', 1, 1 FROM generate_series(1, 50) AS i`,
    );
    const [here, there] = await Promise.all([server.pruning.runNow(), pruneOnce(db)]);
    expect(here.ok && there.ok).toBe(true);
    // One pass held the lock; the other skipped (null) or found nothing left.
    const removed = (r: typeof here) => (r.ok ? (r.value?.rateBudgets ?? 0) : NaN);
    expect(removed(here) + removed(there)).toBe(50);
    expect(await budgetKeys('twice-')).toEqual([]);
  });

  it('[S1] an instance prunes on its own timer, and close() stops it', async () => {
    const ticking = await start({ everyMs: 100, firstAfterMs: 50 });
    await db.query(
      `INSERT INTO rate_budgets (key, window_start, used, granted)
       VALUES ('timer-1', now() - interval '5 minutes', 1, 1)`,
    );
    const deadline = Date.now() + 5000;
    while ((await budgetKeys('timer-')).length > 0 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    expect(await budgetKeys('timer-')).toEqual([]);

    await ticking.close();
    await db.query(
      `INSERT INTO rate_budgets (key, window_start, used, granted)
       VALUES ('timer-2', now() - interval '5 minutes', 1, 1)`,
    );
    // Ten of its turns later, nothing ran: the timer is gone with the instance.
    await new Promise((r) => setTimeout(r, 1000));
    expect(await budgetKeys('timer-')).toEqual(['timer-2']);
    await db.query(`DELETE FROM rate_budgets WHERE key = 'timer-2'`);
  });
});
