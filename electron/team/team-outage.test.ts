/**
 * [T3][S1] PostgreSQL restarted under load, two instances on it: while it is down every
 * change is answered 503 with a retry hint (`Retry-After` on HTTP, `retry_after` in the
 * Socket.IO ack) — never a 500, never a half-made change; once it is back, the same servers
 * accept changes again by themselves, nothing acknowledged is lost, and the other instance
 * catches up on every batch.
 */
import { describe, expect, it } from 'vitest';
import { visibleGraph } from '../../shared/engine';
import { checkInvariants } from '../../shared/engine/test-support/invariants';
import { num } from './database';
import { openTeamLog } from './team-log';
import type { TeamServer } from './team-server';
import { postgresAvailable } from './test-support/postgres-cluster';
import { until, useTwoInstances } from './test-support/two-instances';

const available = postgresAvailable('team server outage tests on PostgreSQL');

interface Outcome {
  title: string;
  via: 'http' | 'socket';
  status: number | string;
  retryAfter?: string | number | undefined;
}

describe.runIf(available)('PostgreSQL restarted under load', () => {
  const two = useTwoInstances();

  it(
    '[T3][S1] a PostgreSQL restart under load is answered 503 + Retry-After, then recovers by itself with nothing acknowledged lost',
    { timeout: 60_000 },
    async () => {
      const { a, b, cluster, db } = two;
      const outcomes: Outcome[] = [];
      let stop = false;
      const acked = () => outcomes.filter((o) => o.status === 200 || o.status === 'ok');

      // Two HTTP lanes on A, one Socket.IO lane on A (each retries after a short pause).
      const httpLane = async (on: TeamServer, lane: string) => {
        for (let n = 0; !stop; n++) {
          const title = `${lane}-${n}`;
          try {
            const res = await fetch(`${on.origin}/api/node`, {
              method: 'POST',
              headers: { authorization: `Bearer ${on.token}`, 'content-type': 'application/json' },
              body: JSON.stringify({ title }),
            });
            await res.text();
            outcomes.push({
              title,
              via: 'http',
              status: res.status,
              retryAfter: res.headers.get('retry-after') ?? undefined,
            });
            if (res.status !== 200) await new Promise((r) => setTimeout(r, 50));
          } catch (error) {
            outcomes.push({ title, via: 'http', status: `thrown ${(error as Error).message}` });
          }
        }
      };
      const socket = (await two.listen(a, a.token)).socket;
      const socketLane = async () => {
        for (let n = 0; !stop; n++) {
          const title = `s-${n}`;
          const ack = (await socket.timeout(10_000).emitWithAck('node:add', { title })) as {
            ok: boolean;
            error?: string;
            retry_after?: number;
          };
          outcomes.push({
            title,
            via: 'socket',
            status: ack.ok ? 'ok' : (ack.error ?? '?'),
            retryAfter: ack.retry_after,
          });
          if (!ack.ok) await new Promise((r) => setTimeout(r, 50));
        }
      };
      const load = Promise.all([httpLane(a, 'h1'), httpLane(a, 'h2'), socketLane()]);

      await until(() => acked().length >= 30, '30 changes before the restart', 15_000);
      await cluster.down('fast');
      const whileDown = outcomes.length;
      await until(
        () =>
          outcomes.slice(whileDown).filter((o) => o.via === 'http').length >= 5 &&
          outcomes.slice(whileDown).some((o) => o.via === 'socket'),
        'refusals while PostgreSQL is down',
      );
      const refusedDown = outcomes.slice(whileDown);
      await cluster.up();
      const back = outcomes.length;
      await until(() => acked().length >= 30 + 30, 'changes after the restart', 20_000);
      stop = true;
      await load;

      // While down: 503 with Retry-After over HTTP, an unavailable ack with retry_after on
      // Socket.IO; nothing else (no 500, no dropped connection).
      for (const o of refusedDown)
        if (o.via === 'http') expect([o.status, o.retryAfter], o.title).toEqual([503, '2']);
        else
          expect([o.status, o.retryAfter], o.title).toEqual([
            'unavailable.database_unreachable',
            2,
          ]);
      const unexpected = outcomes.filter(
        (o) => ![200, 503, 'ok', 'unavailable.database_unreachable'].includes(o.status),
      );
      expect(unexpected).toEqual([]);
      expect(outcomes.slice(back).some((o) => o.status === 200)).toBe(true);
      expect(outcomes.slice(back).some((o) => o.status === 'ok')).toBe(true);

      // Nothing acknowledged is lost: every one is in the database, read afresh.
      const workspace = a.started.hub.openId() ?? '';
      const fresh = await openTeamLog(db, workspace);
      if (!fresh.ok) throw new Error(fresh.error.message);
      const owner = a.started.owner;
      const truth = visibleGraph(fresh.value.state, owner);
      const titles = new Set(truth.nodes.map((n) => n.title));
      expect(acked().filter((o) => !titles.has(o.title))).toEqual([]);
      expect(checkInvariants(fresh.value.state)).toEqual([]);
      const seqs = (
        await db.query<{ seq: unknown }>(
          'SELECT seq FROM batches WHERE workspace = $1 ORDER BY seq',
          [workspace],
        )
      ).map((r) => num(r.seq));
      expect(seqs).toEqual(seqs.map((_, i) => i + 1));

      // A change through B after the restart: B caught up on every batch A committed.
      const viaB = await fetch(`${b.origin}/api/node`, {
        method: 'POST',
        headers: { authorization: `Bearer ${b.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ title: 'via B after the restart' }),
      });
      expect(viaB.status).toBe(200);
      for (const on of [a, b]) {
        const session = await on.started.hub.session(workspace);
        if (!session.ok) throw new Error(session.error.message);
        await session.value.catchUp();
        const seen = new Set(visibleGraph(session.value.state, owner).nodes.map((n) => n.title));
        expect(acked().filter((o) => !seen.has(o.title))).toEqual([]);
        expect(seen.has('via B after the restart')).toBe(true);
      }
    },
  );
});
