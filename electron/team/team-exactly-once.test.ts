/**
 * A team server's write path on a real PostgreSQL (docs/team-server.md, "Throughput" and "A
 * retried change"):
 * - a write on a workspace no other instance touched is one round trip; one that missed
 *   another instance's commit is guarded by the batch's primary key, taken back out of memory
 *   and made again after catching up, so the state and the numbers stay those of one writer;
 * - [S1] a change sent with a request key whose COMMIT succeeded but whose answer was lost
 *   (the client's connection dropped, the instance SIGKILLed right after COMMIT) is answered
 *   the first answer when retried through the other instance, and is in the database once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io as connect } from 'socket.io-client';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { Batch } from '../../shared/engine';
import type { NodeRecord } from '../../shared/model/types';
import { WorkspaceSession, type Committed } from '../service/workspace-session';
import { spawnScript } from '../store/test-support/spawn-child';
import { literal, num } from './database';
import { openPostgres } from './pg-database';
import { openTeamLog } from './team-log';
import { call, invite } from './test-support/http';
import { postgresAvailable } from './test-support/postgres-cluster';
import { useTwoInstances } from './test-support/two-instances';

const available = postgresAvailable('team write path tests on PostgreSQL');

/** POST /rpc/<method> with an Idempotency-Key: status and JSON. */
async function keyed(
  on: { origin: string },
  token: string,
  method: string,
  params: unknown,
  key: string,
): Promise<{ status: number; json: { ok: boolean; value?: Batch; error?: string } }> {
  const res = await fetch(`${on.origin}/rpc/${method}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      'idempotency-key': key,
    },
    body: JSON.stringify(params),
  });
  return { status: res.status, json: (await res.json()) as never };
}

describe.runIf(available)('the team write path on PostgreSQL', () => {
  const two = useTwoInstances();
  const dirs: string[] = [];

  /** The batches of `workspace` whose record names `title`. */
  const batchesWith = async (workspace: string, title: string) =>
    (
      await two.db.query<{ seq: unknown; record: string }>(
        'SELECT seq, record FROM batches WHERE workspace = $1 AND position($2 in record) > 0',
        [workspace, JSON.stringify(title)],
      )
    ).map((r) => ({ seq: num(r.seq), batch: JSON.parse(r.record) as Batch }));
  const graphTitles = async (on: { origin: string; token: string }) => {
    const reply = await call(on.origin, on.token, 'GET', '/api/graph?limit=1000');
    return ((reply.json.graph as { nodes: NodeRecord[] }).nodes ?? []).map((n) => n.title);
  };

  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('[T3] a write that missed another instance’s commit is made again after catching up; one that did not is one round trip', async () => {
    const workspace = two.a.started.hub.openId() ?? '';
    const owner = two.a.started.owner;
    // Two writers on one workspace that hear nothing of each other (no NOTIFY is passed on):
    // the worst case of a notice arriving late.
    const [dbA, dbB] = [
      await openPostgres(two.cluster.url, { poolSize: 2 }),
      await openPostgres(two.cluster.url, { poolSize: 2 }),
    ];
    try {
      const open = async (db: typeof dbA) => {
        const opened = await openTeamLog(db, workspace);
        if (!opened.ok) throw new Error(opened.error.message);
        return WorkspaceSession.over(workspace, opened.value.state, opened.value.log);
      };
      const [first, second] = [await open(dbA), await open(dbB)];
      const heardBySecond: Committed[] = [];
      second.onExternal((c) => heardBySecond.push(c));
      const spies = {
        aheadA: vi.spyOn(dbA, 'scriptOnce'),
        carefulA: vi.spyOn(dbA, 'scripted'),
        aheadB: vi.spyOn(dbB, 'scriptOnce'),
        carefulB: vi.spyOn(dbB, 'scripted'),
      };
      const madeA = await first.run(owner, { name: 'node.create', params: { title: 'by A' } });
      expect(madeA.ok).toBe(true);
      // Nothing else was written: one script, lock to COMMIT, and no catch-up round trip.
      expect(spies.aheadA).toHaveBeenCalledTimes(1);
      expect(spies.carefulA).not.toHaveBeenCalled();

      const madeB = await second.run(owner, { name: 'node.create', params: { title: 'by B' } });
      expect(madeB.ok).toBe(true);
      // B tried its one-round-trip write on its stale state, the primary key refused it, and
      // it caught up under the lock and wrote again.
      expect(spies.aheadB).toHaveBeenCalledTimes(1);
      await expect(spies.aheadB.mock.results[0]?.value).rejects.toMatchObject({ code: '23505' });
      expect(spies.carefulB).toHaveBeenCalledTimes(1);
      expect(
        heardBySecond.map((c) => (c.batch.nodes[0]?.after as Partial<NodeRecord>).title),
      ).toEqual(['by A']);
      const titlesOf = (s: WorkspaceSession) =>
        [...s.state.nodes.values()].map((n) => n.rec.title).filter((t) => t.startsWith('by '));
      expect(titlesOf(second).sort()).toEqual(['by A', 'by B']);
      // Numbered after A's, once each; the state B wrote from holds A's change.
      const a = await batchesWith(workspace, 'by A');
      const b = await batchesWith(workspace, 'by B');
      expect(a).toHaveLength(1);
      expect(b).toHaveLength(1);
      expect(b[0]?.seq).toBe((a[0]?.seq ?? 0) + 1);
      expect(b[0]?.batch.batchId).toBe(madeB.ok && madeB.value.batch.batchId);
      await first.close();
      await second.close();
    } finally {
      await dbA.close();
      await dbB.close();
    }
  });

  it('[S1] a keyed change whose answer was lost (client connection dropped after COMMIT) is answered the same batch by the other instance, made once', async () => {
    const workspace = two.a.started.hub.openId() ?? '';
    const title = 'lost answer';
    const key = 'retry-1f0c3a';
    const body = JSON.stringify({ title });
    // The client sends the change through A and drops its connection before any answer.
    await new Promise<void>((resolve, reject) => {
      const req = request(`${two.a.origin}/rpc/node.create`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${two.a.token}`,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          'idempotency-key': key,
        },
      });
      req.on('error', () => resolve()); // the destroy below
      req.on('response', () => reject(new Error('the answer was not to arrive')));
      req.end(body, () => setImmediate(() => req.destroy()));
    });
    // A committed it all the same.
    let stored: { seq: number; batch: Batch }[] = [];
    const deadline = Date.now() + 5000;
    while (stored.length === 0 && Date.now() < deadline) {
      stored = await batchesWith(workspace, title);
      if (!stored.length) await new Promise((r) => setTimeout(r, 20));
    }
    expect(stored).toHaveLength(1);

    // The retry through B: the first answer, nothing new made.
    const retried = await keyed(two.b, two.b.token, 'node.create', { title }, key);
    expect(retried.status).toBe(200);
    expect(retried.json.value?.batchId).toBe(stored[0]?.batch.batchId);
    const idOf = (b: Batch | undefined) => (b?.nodes[0]?.after as Partial<NodeRecord>).id;
    expect(idOf(retried.json.value)).toBe(idOf(stored[0]?.batch));
    // Again through A: the same answer, byte for byte.
    const again = await keyed(two.a, two.a.token, 'node.create', { title }, key);
    expect(again.json).toEqual(retried.json);
    expect(await batchesWith(workspace, title)).toHaveLength(1);
    expect((await graphTitles(two.b)).filter((t) => t === title)).toHaveLength(1);
    const [row] = await two.db.query<{ seq: unknown }>(
      'SELECT seq FROM request_answers WHERE workspace = $1 AND key = $2',
      [workspace, key],
    );
    expect(num(row?.seq)).toBe(stored[0]?.seq);
  });

  it('[S1] the same key with another change is refused and changes nothing; a key is its member’s own', async () => {
    const workspace = two.a.started.hub.openId() ?? '';
    const key = 'shared-key-7';
    const first = await keyed(two.a, two.a.token, 'node.create', { title: 'keyed one' }, key);
    expect(first.status).toBe(200);
    const before = await two.db.query('SELECT seq FROM batches WHERE workspace = $1', [workspace]);
    const other = await keyed(two.b, two.b.token, 'node.create', { title: 'keyed two' }, key);
    expect(other.status).toBe(409);
    expect(other.json.error).toBe('conflict.idempotency_key_reused');
    const after = await two.db.query('SELECT seq FROM batches WHERE workspace = $1', [workspace]);
    expect(after).toHaveLength(before.length);
    expect(await batchesWith(workspace, 'keyed two')).toHaveLength(0);

    // Another member with the same key makes their own change and never sees the owner's answer.
    const editor = await invite(two.a, 'keyed-editor');
    const theirs = await keyed(two.a, editor.token, 'node.create', { title: 'keyed one' }, key);
    expect(theirs.json).toMatchObject({ ok: true });
    expect(theirs.status).toBe(200);
    expect(theirs.json.value?.batchId).not.toBe(first.json.value?.batchId);
    expect(await batchesWith(workspace, 'keyed one')).toHaveLength(2);

    const bad = await keyed(two.a, two.a.token, 'node.create', { title: 'x' }, 'has space');
    expect(bad.status).toBe(400);
    expect(bad.json.error).toBe('bad_request.invalid_idempotency_key');
  });

  it('[S1] values written into the scripts read back exactly, whatever their quotes and backslashes', async () => {
    const values = [
      "it's",
      "back\\slash \\' quote",
      "'); DROP TABLE batches; --",
      "$$ $lg$ E'x' \\x00 \\n",
      'ünïcødé 🚀 \u2028',
      JSON.stringify({ title: 'a "quoted" \\ title\nnext line' }),
    ];
    for (const value of values) {
      const [row] = await two.db.query<{ v: string }>(`SELECT ${literal(value)} AS v`);
      expect(row?.v).toBe(value);
    }
    expect(() => literal('nul\0')).toThrow(/NUL/);
    // A key with a quote and a backslash goes through the whole keyed path.
    const key = "k'\\ey";
    const first = await keyed(two.a, two.a.token, 'node.create', { title: 'odd key' }, key);
    const again = await keyed(two.b, two.b.token, 'node.create', { title: 'odd key' }, key);
    expect(first.status).toBe(200);
    expect(again.json).toEqual(first.json);
    const workspace = two.a.started.hub.openId() ?? '';
    expect(await batchesWith(workspace, 'odd key')).toHaveLength(1);
  });

  it('[S1] Socket.IO: a change retried with the same idempotency_key is answered the first answer', async () => {
    const workspace = two.a.started.hub.openId() ?? '';
    const emit = (on: { origin: string; token: string }, payload: unknown) =>
      new Promise<{ ok: boolean; diff?: Batch }>((resolve, reject) => {
        const socket = connect(on.origin, {
          transports: ['websocket'],
          reconnection: false,
          auth: { api_token: on.token },
        });
        socket.on('connect_error', reject);
        socket.on('connected', () =>
          socket.emit('node:add', payload, (answer: { ok: boolean; diff?: Batch }) => {
            socket.close();
            resolve(answer);
          }),
        );
      });
    const payload = { title: 'socket keyed', idempotency_key: 'sock-1' };
    const first = await emit(two.a, payload);
    expect(first.ok).toBe(true);
    const second = await emit(two.b, payload);
    expect(second).toEqual(first);
    expect(await batchesWith(workspace, 'socket keyed')).toHaveLength(1);
  });

  it('[S1] an instance SIGKILLed right after a keyed COMMIT: the retry through the other instance answers that batch, made once', async () => {
    const workspace = two.a.started.hub.openId() ?? '';
    const dir = mkdtempSync(join(tmpdir(), 'lg-team-kill-key-'));
    dirs.push(dir);
    const child = spawnScript(
      '../../team/test-support/team-writer-child.ts',
      [dir, two.cluster.url, '0'],
      [],
      { LINKGRAPH_TEST_KILL_AFTER_KEYED_COMMIT: '1' },
    );
    expect(await child.waitFor('ready')).toBe(true);
    const [, origin, token] = child.lines.find((l) => l.startsWith('origin '))?.split(' ') ?? [];
    const title = 'killed after commit';
    const key = 'kill-after-commit-1';
    // The instance dies between PostgreSQL's answer to COMMIT and its own answer.
    const lost = await keyed({ origin: origin ?? '' }, token ?? '', 'node.create', { title }, key)
      .then(() => 'answered')
      .catch(() => 'lost');
    expect(lost).toBe('lost');
    expect(await child.exited).toBe(null);
    const stored = await batchesWith(workspace, title);
    expect(stored).toHaveLength(1);

    const retried = await keyed(two.b, two.b.token, 'node.create', { title }, key);
    expect(retried.status).toBe(200);
    expect(retried.json.value?.batchId).toBe(stored[0]?.batch.batchId);
    expect(await batchesWith(workspace, title)).toHaveLength(1);
    expect((await graphTitles(two.a)).filter((t) => t === title)).toHaveLength(1);
  });
});
