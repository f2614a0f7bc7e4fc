/**
 * [X3][T3] A token's mutation budget on a team server is one, however many instances its
 * calls reach: counted in PostgreSQL (`rate_budgets`, taken in leases), refused past it with
 * 429 + Retry-After over HTTP and the rate_limited ack and event over Socket.IO, with nothing
 * changed; a new window gives the budget again.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../api/tokens';
import { migrate } from './migrate';
import type { TeamServer } from './team-server';
import { sharedRateLimiter } from './team-rate-limit';
import { call, invite } from './test-support/http';
import { postgresAvailable } from './test-support/postgres-cluster';
import { useTeamServers } from './test-support/team-servers';
import { useTwoInstances } from './test-support/two-instances';

const available = postgresAvailable('shared rate limit tests on PostgreSQL');
const BUDGET = 20;
const LEASE = 3;

describe.runIf(available)('rate limits shared by the instances of a team server', () => {
  const two = useTwoInstances({
    rateLimit: { points: BUDGET, durationSeconds: 60, lease: LEASE },
  });

  const titled = async (prefix: string) =>
    Number(
      (
        await two.db.query<{ n: string }>(
          'SELECT count(*) AS n FROM batches WHERE record LIKE $1',
          [`%"title":"${prefix}%`],
        )
      )[0]?.n,
    );

  it('[X3][T3] a token’s changes split across two instances are refused past the one budget, on HTTP and Socket.IO', async () => {
    const { a, b, db } = two;
    const rita = await invite(a, 'rita');
    // Forty changes at once, half through each instance: one budget of 20 between them.
    const replies = await Promise.all(
      Array.from({ length: 2 * BUDGET }, (_, i) =>
        call(i % 2 ? b.origin : a.origin, rita.token, 'POST', '/api/node', { title: `limit-${i}` }),
      ),
    );
    const accepted = replies.filter((r) => r.status === 200);
    const refused = replies.filter((r) => r.status !== 200);
    expect(accepted).toHaveLength(BUDGET);
    for (const r of refused) {
      expect(r.status).toBe(429);
      expect(r.json.error).toBe('rate_limited.too_many_requests');
      expect(r.json.retry_after).toBeGreaterThanOrEqual(50);
      expect(r.json.retry_after).toBeLessThanOrEqual(60);
    }
    // Both instances accepted some (the budget is not one instance's alone) …
    const onA = replies.filter((r, i) => r.status === 200 && i % 2 === 0).length;
    expect(onA).toBeGreaterThan(0);
    expect(onA).toBeLessThan(BUDGET);
    // … and the database holds exactly the accepted changes and the spent budget.
    expect(await titled('limit-')).toBe(BUDGET);
    const [row] = await db.query<{ used: number }>('SELECT used FROM rate_budgets WHERE key = $1', [
      hashToken(rita.token),
    ]);
    expect(row?.used).toBe(BUDGET);

    // Refused with Retry-After on both instances, without asking the database again.
    for (const server of [a, b]) {
      const res = await fetch(`${server.origin}/api/node`, {
        method: 'POST',
        headers: { authorization: `Bearer ${rita.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ title: 'late' }),
      });
      expect(res.status).toBe(429);
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    // Over Socket.IO on B: the rate_limited ack and event; reads are not counted.
    const { socket } = await two.listen(b, rita.token);
    const events: { retry_after: number; error: string }[] = [];
    socket.on('rate_limited', (e: { retry_after: number; error: string }) => events.push(e));
    const ack = (await socket.timeout(5000).emitWithAck('node:add', { title: 'late' })) as {
      ok: boolean;
      error: string;
      retry_after: number;
    };
    expect(ack).toMatchObject({ ok: false, error: 'rate_limited.too_many_requests' });
    expect(ack.retry_after).toBeGreaterThan(0);
    expect(events).toEqual([expect.objectContaining({ retry_after: ack.retry_after })]);
    expect(((await socket.timeout(5000).emitWithAck('graph:get', {})) as { ok: boolean }).ok).toBe(
      true,
    );
    expect(await titled('late')).toBe(0);

    // Another token has its own budget, on either instance.
    const sam = await invite(b, 'sam');
    expect((await call(a.origin, sam.token, 'POST', '/api/node', { title: 's1' })).status).toBe(
      200,
    );
    expect((await call(b.origin, sam.token, 'POST', '/api/node', { title: 's2' })).status).toBe(
      200,
    );
  });

  it('[X3] two limiters on one database hand out one budget per window, and a new window gives it again', async () => {
    const { db } = two;
    await migrate(db);
    const first = sharedRateLimiter(db, 5, 2, 2);
    const second = sharedRateLimiter(db, 5, 2, 2);
    const take = (limiter: typeof first) => limiter.take('window-key', 'node.create');
    const answers = [];
    for (let i = 0; i < 6; i++) answers.push(await take(i % 2 ? second : first));
    // first: 2 (lease), second: 2, first: its lease used up, 1 left in the database …
    expect(answers.filter((x) => x === null)).toHaveLength(5);
    expect(answers.at(-1)?.code).toBe('rate_limited.too_many_requests');
    expect(await take(first)).toMatchObject({ code: 'rate_limited.too_many_requests' });
    // Reads are free.
    expect(await first.take('window-key', 'graph.get')).toBeNull();
    // The window of two seconds ends: the budget is there again, on both.
    await new Promise((r) => setTimeout(r, 2100));
    expect(await take(second)).toBeNull();
    expect(await take(first)).toBeNull();
  });
});

describe.runIf(available)('the owner’s list of tokens on a team server', () => {
  const servers = useTeamServers();
  let server: TeamServer;
  beforeAll(async () => {
    server = await servers.start();
  });

  it('[T4][X2] tokens.list answers the owner each live token by its id (never the token), refuses members, and drops a revoked one', async () => {
    const ann = await invite(server, 'ann');
    const bob = await invite(server, 'bob');
    const list = async (token = server.token) =>
      call(server.origin, token, 'POST', '/rpc/tokens.list', {});
    const first = await list();
    expect(first.status).toBe(200);
    const tokens = (first.json.value as { tokens: { token_id: string; member: string }[] }).tokens;
    expect(tokens.map((t) => [t.token_id, t.member])).toEqual([
      [ann.token_id, ann.member.id],
      [bob.token_id, bob.member.id],
    ]);
    expect(JSON.stringify(first.json)).not.toContain(ann.token);
    const byAnn = await list(ann.token);
    expect([byAnn.status, byAnn.json.error]).toEqual([403, 'forbidden.not_allowed']);
    await call(server.origin, server.token, 'POST', '/rpc/token.revoke', { member: ann.member.id });
    const after = (await list()).json.value as { tokens: { token_id: string }[] };
    expect(after.tokens.map((t) => t.token_id)).toEqual([bob.token_id]);
  });
});
