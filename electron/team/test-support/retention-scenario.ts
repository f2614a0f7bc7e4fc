/**
 * The retention check run on PostgreSQL (team-retention.test.ts) and on PGlite
 * (team-pglite.test.ts), so both engines are held to the same: after a pass, request answers
 * older than 24 h and rate budgets whose window ended are gone, fresh ones stay, a retry
 * within the retention is answered its first answer and made once, and a key past it is
 * forgotten (its retry is a new change).
 */
import { expect } from 'vitest';
import type { Database } from '../database';
import type { TeamServer } from '../team-server';

/** POST /rpc/node.create with an Idempotency-Key as the owner: status and JSON. */
async function keyedCreate(
  server: TeamServer,
  key: string,
  title: string,
): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${server.origin}/rpc/node.create`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${server.token}`,
      'content-type': 'application/json',
      'idempotency-key': key,
    },
    body: JSON.stringify({ title }),
  });
  return { status: res.status, json: (await res.json()) as unknown };
}

export async function checkRetention(server: TeamServer, db: Database, tag: string): Promise<void> {
  const workspace = server.started.hub.openId() ?? '';
  const title = (age: string) => `${tag} ${age}`;
  const batchesTitled = async (age: string) =>
    (
      await db.query(
        'SELECT seq FROM batches WHERE workspace = $1 AND position($2 in record) > 0',
        [workspace, JSON.stringify(title(age))],
      )
    ).length;

  const first: Record<string, { status: number; json: unknown }> = {};
  for (const age of ['25h', '23h', 'fresh']) {
    first[age] = await keyedCreate(server, `${tag}-${age}`, title(age));
    expect(first[age]?.status).toBe(200);
  }
  // Stored a day and an hour ago, and a little less than a day ago.
  await db.query(
    `UPDATE request_answers SET created_time = now() - interval '25 hours' WHERE key = $1`,
    [`${tag}-25h`],
  );
  await db.query(
    `UPDATE request_answers SET created_time = now() - interval '23 hours' WHERE key = $1`,
    [`${tag}-23h`],
  );
  // A budget whose 60 s window ended, and one whose window is still open.
  await db.query(
    `INSERT INTO rate_budgets (key, window_start, used, granted) VALUES
       ($1, now() - interval '2 minutes', 300, 0), ($2, now() - interval '30 seconds', 12, 10)`,
    [`${tag}-ended`, `${tag}-open`],
  );

  const pruned = await server.pruning.runNow();
  expect(pruned).toEqual({ ok: true, value: { requestAnswers: 1, rateBudgets: 1 } });
  const keys = await db.query<{ key: string }>(
    'SELECT key FROM request_answers WHERE key LIKE $1 ORDER BY key',
    [`${tag}-%`],
  );
  expect(keys.map((r) => r.key)).toEqual([`${tag}-23h`, `${tag}-fresh`]);
  const budgets = await db.query<{ key: string }>(
    'SELECT key FROM rate_budgets WHERE key LIKE $1 ORDER BY key',
    [`${tag}-%`],
  );
  expect(budgets.map((r) => r.key)).toEqual([`${tag}-open`]);

  // Within the retention: the first answer, byte for byte, and the change made once.
  expect(await keyedCreate(server, `${tag}-23h`, title('23h'))).toEqual(first['23h']);
  expect(await keyedCreate(server, `${tag}-fresh`, title('fresh'))).toEqual(first.fresh);
  expect(await batchesTitled('23h')).toBe(1);
  expect(await batchesTitled('fresh')).toBe(1);
  // Past it, the key is forgotten: its retry is made as a new change.
  const late = await keyedCreate(server, `${tag}-25h`, title('25h'));
  expect(late.status).toBe(200);
  expect(late).not.toEqual(first['25h']);
  expect(await batchesTitled('25h')).toBe(2);

  // A second pass finds nothing more to remove.
  expect(await server.pruning.runNow()).toEqual({
    ok: true,
    value: { requestAnswers: 0, rateBudgets: 0 },
  });
}
