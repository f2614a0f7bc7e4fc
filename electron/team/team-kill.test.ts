/**
 * [S1][T2][T3] Two team server instances on one PostgreSQL, each a child process as `npm run
 * server` runs it. Ten rounds: a writer instance makes changes from four concurrent writers
 * and is killed with SIGKILL mid-stream; every change it acknowledged is in the database and
 * visible through the other instance, numbered without a gap, and the rules hold.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkInvariants } from '../../shared/engine/test-support/invariants';
import type { NodeRecord } from '../../shared/model/types';
import { spawnScript, type RunningChild } from '../store/test-support/spawn-child';
import { num, type Database } from './database';
import { openPostgres } from './pg-database';
import { openTeamLog } from './team-log';
import { must } from './test-support/http';
import {
  postgresAvailable,
  startPostgres,
  type PostgresCluster,
} from './test-support/postgres-cluster';
import { until } from './test-support/two-instances';

const available = postgresAvailable('team server SIGKILL test on PostgreSQL');
const CHILD = '../../team/test-support/team-writer-child.ts';
const ROUNDS = 10;

describe.runIf(available)('an instance killed under concurrent writers', () => {
  let cluster: PostgresCluster;
  let db: Database;
  let observer: RunningChild;
  const dirs: string[] = [];
  const dir = () => {
    const d = mkdtempSync(join(tmpdir(), 'lg-team-kill-'));
    dirs.push(d);
    return d;
  };

  beforeAll(async () => {
    cluster = await startPostgres();
    db = await openPostgres(cluster.url, { poolSize: 2 });
  }, 60_000);
  afterAll(async () => {
    observer?.child.kill('SIGTERM');
    await observer?.exited;
    await db?.close();
    cluster?.stop();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it(
    `[S1][T3] ${ROUNDS} rounds of SIGKILL under four writers: every acknowledged change is in PostgreSQL and visible through the other instance`,
    { timeout: 90_000 },
    async () => {
      // The other instance: a server only (no writers of its own).
      observer = spawnScript(CHILD, [dir(), cluster.url, '0']);
      expect(await observer.waitFor('ready')).toBe(true);
      const [, origin = '', token = ''] =
        observer.lines.find((l) => l.startsWith('origin '))?.split(' ') ?? [];
      const titlesOnObserver = async () => {
        const reply = await must(origin, token, 'GET', '/api/graph?limit=10000');
        return new Set((reply.graph as { nodes: NodeRecord[] }).nodes.map((n) => n.title));
      };

      const acked: string[] = [];
      // The next round's instance starts while this round's is checked (startup is most of
      // a round's time).
      const spawnWriter = (round: number) =>
        spawnScript(CHILD, [dir(), cluster.url, '4', `r${round}.`]);
      let next = spawnWriter(0);
      for (let round = 0; round < ROUNDS; round++) {
        const writer = next;
        expect(await writer.waitFor('ready'), `round ${round} started`).toBe(true);
        const acks = () => writer.lines.filter((l) => l.startsWith('ack '));
        await until(() => acks().length >= 12, `round ${round} acknowledgements`, 20_000);
        writer.child.kill('SIGKILL');
        await writer.exited;
        if (round + 1 < ROUNDS) next = spawnWriter(round + 1);
        expect(writer.lines.filter((l) => l.startsWith('error'))).toEqual([]);
        const mine = acks().map((l) => l.slice(4));
        acked.push(...mine);

        // Visible through the other instance (it hears of each commit by NOTIFY).
        let seen = await titlesOnObserver();
        const deadline = Date.now() + 5000;
        while (mine.some((t) => !seen.has(t)) && Date.now() < deadline) {
          await new Promise((r) => setTimeout(r, 50));
          seen = await titlesOnObserver();
        }
        expect(
          mine.filter((t) => !seen.has(t)),
          `round ${round}`,
        ).toEqual([]);
      }

      // In the database, read afresh: all of them, numbered without a gap, rules intact.
      const [{ id } = { id: '' }] = await db.query<{ id: string }>(
        'SELECT id FROM workspaces WHERE deleted_time IS NULL',
      );
      const fresh = await openTeamLog(db, id);
      if (!fresh.ok) throw new Error(fresh.error.message);
      const titles = new Set([...fresh.value.state.nodes.values()].map((n) => n.rec.title));
      expect(acked.length).toBeGreaterThanOrEqual(ROUNDS * 12);
      expect(acked.filter((t) => !titles.has(t))).toEqual([]);
      expect(checkInvariants(fresh.value.state)).toEqual([]);
      const seqs = (
        await db.query<{ seq: unknown }>(
          'SELECT seq FROM batches WHERE workspace = $1 ORDER BY seq',
          [id],
        )
      ).map((r) => num(r.seq));
      expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    },
  );
});
