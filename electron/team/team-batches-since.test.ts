/**
 * [T5][A4] `batches.since` on a team server: the batches numbered after N, from either
 * instance, in order and paged, each filtered for the caller as of that batch — the same
 * batches, the same filtering, as the caller received live over Socket.IO.
 */
import { describe, expect, it } from 'vitest';
import type { Batch } from '../../shared/engine';
import type { LinkRecord, NodeRecord } from '../../shared/model/types';
import { num } from './database';
import { call, invite as inviteMember, must } from './test-support/http';
import { postgresAvailable } from './test-support/postgres-cluster';
import { until, useTwoInstances } from './test-support/two-instances';

const available = postgresAvailable('team batches-since tests on PostgreSQL');

type Since = { batches: { seq: number; batch: Batch }[]; last: number; more: boolean };

describe.runIf(available)('batches since N', () => {
  const two = useTwoInstances();

  it('[T5][A4] batches after N, paged, filtered per member as of each batch, as they arrived live', async () => {
    const { a, b, db } = two;
    const since = async (on: typeof a, token: string, after: number, limit?: number) =>
      (
        (await must(on.origin, token, 'POST', '/rpc/batches.since', {
          after,
          ...(limit ? { limit } : {}),
        })) as { value: Since }
      ).value;
    const invite = async (username: string) => (await inviteMember(a, username)).token;
    const edna = await invite('edna');
    const victor = await invite('victor');
    const victorLive = await two.listen(b, victor);
    const [{ max }] = (await db.query<{ max: unknown }>('SELECT max(seq) AS max FROM batches')) as [
      { max: unknown },
    ];
    const start = num(max);

    const node = async (title: string, on = a) =>
      ((await must(on.origin, on.token, 'POST', '/api/node', { title })).diff as Batch).nodes[0]
        ?.after as NodeRecord;
    const p = await node('p');
    const q = await node('q', b);
    const hidden = await node('hidden');
    for (const n of [p, q]) {
      for (const [email, level] of [
        ['edna@example.com', 2],
        ['victor@example.com', 3],
      ] as const)
        await must(b.origin, b.token, 'POST', '/api/node/access', {
          id: n.id,
          email,
          level,
          branch: false,
        });
    }
    const secret = (
      (
        await must(a.origin, edna, 'POST', '/api/link', {
          source: p.id,
          target: q.id,
          private: true,
        })
      ).diff as Batch
    ).links[0]?.after as LinkRecord;
    await must(b.origin, b.token, 'PUT', '/api/node', { id: p.id, title: 'p, renamed' });
    await must(a.origin, a.token, 'PUT', '/api/node', { id: hidden.id, title: 'still hidden' });

    // The owner: every batch after `start`, numbered as in the database, from either instance.
    const rows = await db.query<{ seq: unknown }>(
      'SELECT seq FROM batches WHERE workspace = $1 AND seq > $2 ORDER BY seq',
      [a.started.hub.openId(), start],
    );
    const ownerView = await since(b, b.token, start);
    expect(ownerView.batches.map((x) => x.seq)).toEqual(rows.map((r) => num(r.seq)));
    expect(ownerView).toMatchObject({ last: num(rows.at(-1)?.seq), more: false });
    expect(await since(a, a.token, start)).toEqual(ownerView);
    // Not even the owner is answered another member's private link.
    expect(JSON.stringify(ownerView)).not.toContain(secret.id);

    // Paged: three at a time gives the same batches.
    const paged: Since['batches'] = [];
    for (let after = start, more = true; more;) {
      const page = await since(a, a.token, after, 3);
      expect(page.batches.length).toBeLessThanOrEqual(3);
      paged.push(...page.batches);
      ({ last: after, more } = page);
    }
    expect(paged).toEqual(ownerView.batches);

    // Victor (viewer of p and q): exactly the batches he was sent live, filtered the same way.
    await until(
      () => JSON.stringify(victorLive.diffs).includes('p, renamed'),
      "the rename in Victor's diffs",
    );
    const victorView = await since(a, victor, start);
    expect(victorView.batches.map((x) => x.batch)).toEqual(victorLive.diffs);
    const seen = JSON.stringify(victorView);
    expect(seen).not.toContain(secret.id);
    expect(seen).not.toContain(hidden.id);
    expect(seen).toContain('p, renamed');
    // Edna sees her own private link.
    expect(JSON.stringify(await since(b, edna, start))).toContain(secret.id);

    // Past the end: nothing; a number the workspace never had: refused.
    expect(await since(a, victor, ownerView.last)).toEqual({
      batches: [],
      last: ownerView.last,
      more: false,
    });
    const beyond = await call(a.origin, a.token, 'POST', '/rpc/batches.since', {
      after: ownerView.last + 5,
    });
    expect([beyond.status, beyond.json.error]).toEqual([404, 'not_found.no_such_batch']);
    const bad = await call(a.origin, a.token, 'POST', '/rpc/batches.since', { after: -1 });
    expect(bad.status).toBe(400);
  });
});
