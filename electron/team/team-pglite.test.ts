/**
 * The embedded default (PGlite in the data folder), SPEC S1/T1/T2: the same code path as on
 * PostgreSQL. Every change is fsynced before it is answered (PGlite's own build does not
 * fsync; pglite-database.ts supplies it), a server killed with SIGKILL under concurrent
 * writers reopens with every acknowledged change, and one folder serves one process at a time.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { NodeRecord } from '../../shared/model/types';
import { spawnScript } from '../store/test-support/spawn-child';
import { num } from './database';
import { EMBEDDED_FOLDER } from './open-database';
import { openPglite, pgliteFsyncs } from './pglite-database';
import { startTeamServer } from './team-server';
import { must } from './test-support/http';
import { checkRetention } from './test-support/retention-scenario';

const dataDir = mkdtempSync(join(tmpdir(), 'lg-team-pglite-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('team server on the embedded database (PGlite)', () => {
  it(
    '[S1][T2] a server killed under concurrent writers reopens with every acknowledged change, each fsynced',
    { timeout: 120_000 },
    async () => {
      // The child makes the database (PGlite's initdb), then writes until it is killed.
      const child = spawnScript('../../team/test-support/team-writer-child.ts', [dataDir]);
      expect(await child.waitFor('ready')).toBe(true);

      // While it runs, the folder is its alone.
      await expect(openPglite(join(dataDir, EMBEDDED_FOLDER))).rejects.toThrow(/in use by process/);

      while (child.lines.filter((l) => l.startsWith('ack ')).length < 40)
        await new Promise((r) => setTimeout(r, 20));
      child.child.kill('SIGKILL');
      await child.exited;
      const acked = child.lines.filter((l) => l.startsWith('ack ')).map((l) => l.slice(4));
      expect(child.lines.filter((l) => l.startsWith('error'))).toEqual([]);

      const server = await startTeamServer({ dataDir, port: 0, version: '0.0.0-test' });
      try {
        const reply = await must(server.origin, server.token, 'GET', '/api/graph?limit=5000');
        const titles = new Set((reply.graph as { nodes: NodeRecord[] }).nodes.map((n) => n.title));
        expect(acked.filter((t) => !titles.has(t))).toEqual([]);
        // Each lane's changes are in order: nothing after a gap.
        for (let lane = 0; lane < 4; lane++) {
          const n = [...titles].filter((t) => t.startsWith(`${lane}-`)).length;
          for (let i = 0; i < n; i++) expect(titles.has(`${lane}-${i}`)).toBe(true);
        }
        const rows = await server.started.db.query<{ seq: unknown }>(
          'SELECT seq FROM batches WHERE workspace = $1 ORDER BY seq',
          [server.started.hub.openId()],
        );
        expect(rows.map((r) => num(r.seq))).toEqual(rows.map((_, i) => i + 1));

        // Here too, a change is answered only after PostgreSQL fsynced its WAL.
        const before = pgliteFsyncs();
        await must(server.origin, server.token, 'POST', '/api/node', { title: 'synced' });
        expect(pgliteFsyncs()).toBeGreaterThan(before);
      } finally {
        await server.close();
      }
    },
  );

  it(
    '[S1] a change retried with its Idempotency-Key is answered the first answer and made once (the same SQL as on PostgreSQL)',
    { timeout: 120_000 },
    async () => {
      // The folder the test above made (its initdb done): reopened.
      const server = await startTeamServer({ dataDir, port: 0, version: '0.0.0-test' });
      try {
        const send = async (title: string) => {
          const res = await fetch(`${server.origin}/rpc/node.create`, {
            method: 'POST',
            headers: {
              authorization: `Bearer ${server.token}`,
              'content-type': 'application/json',
              'idempotency-key': "pglite-key-'1",
            },
            body: JSON.stringify({ title }),
          });
          return { status: res.status, json: (await res.json()) as Record<string, unknown> };
        };
        const first = await send('keyed on pglite');
        expect(first.status).toBe(200);
        const again = await send('keyed on pglite');
        expect(again).toEqual(first);
        const other = await send('another change');
        expect(other.status).toBe(409);
        expect(other.json.error).toBe('conflict.idempotency_key_reused');
        const rows = await server.started.db.query<{ seq: unknown }>(
          `SELECT seq FROM batches WHERE workspace = $1 AND position('keyed on pglite' in record) > 0`,
          [server.started.hub.openId()],
        );
        expect(rows).toHaveLength(1);
        expect(
          await server.started.db.query(
            `SELECT 1 FROM batches WHERE position('another change' in record) > 0`,
          ),
        ).toEqual([]);
      } finally {
        await server.close();
      }
    },
  );

  it(
    '[S1] request answers older than 24 h and ended rate windows are pruned on PGlite too; a retry within the retention answers the first answer',
    { timeout: 120_000 },
    async () => {
      const server = await startTeamServer({
        dataDir,
        port: 0,
        version: '0.0.0-test',
        retention: { everyMs: 3_600_000, firstAfterMs: 3_600_000 },
      });
      try {
        await checkRetention(server, server.started.db, 'kept-pglite');
      } finally {
        await server.close();
      }
    },
  );
});
