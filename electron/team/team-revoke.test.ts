/**
 * [T3][X3] Revoking a member's token (`token.revoke`, owner only) on a team server with two
 * instances: at once, on both, its HTTP calls are refused and its open Socket.IO connections
 * are cut; a new handshake with it is refused. Other tokens keep working.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hashToken } from '../api/tokens';
import { startTeamServer } from './team-server';
import { call, invite as inviteMember, must } from './test-support/http';
import { freePort, postgresAvailable } from './test-support/postgres-cluster';
import { until, useTwoInstances } from './test-support/two-instances';
import { io as connect } from 'socket.io-client';

const available = postgresAvailable('team token revocation tests on PostgreSQL');

describe.runIf(available)('revoking tokens on a team server', () => {
  const two = useTwoInstances();

  /** A Socket.IO handshake with `token`: 'connected', or the refusal's error code. */
  const handshake = (origin: string, token: string) =>
    new Promise<string>((resolve) => {
      const s = connect(origin, {
        transports: ['websocket'],
        reconnection: false,
        auth: { api_token: token },
      });
      s.on('connected', () => {
        s.close();
        resolve('connected');
      });
      s.on('connect_error', (e: Error & { data?: { error?: string } }) => {
        s.close();
        resolve(e.data?.error ?? e.message);
      });
    });

  const invite = async (username: string) => {
    const value = await inviteMember(two.a, username);
    return { token: value.token, id: value.token_id, member: value.member.id };
  };

  it('[T3] a revoked token is refused over HTTP and its sockets are cut, on both instances, at once', async () => {
    const { a, b } = two;
    const rita = await invite('rita');
    const sam = await invite('sam');
    // Rita works through both instances; Sam through B.
    expect((await call(b.origin, rita.token, 'GET', '/api/graph')).status).toBe(200);
    expect((await call(a.origin, rita.token, 'GET', '/api/graph')).status).toBe(200);
    const ritaOnA = await two.listen(a, rita.token);
    const ritaOnB = await two.listen(b, rita.token);
    const samOnB = await two.listen(b, sam.token);

    // Only the owner may revoke.
    const bySam = await call(b.origin, sam.token, 'POST', '/rpc/token.revoke', {
      token_id: rita.id,
    });
    expect([bySam.status, bySam.json.error]).toEqual([403, 'forbidden.not_allowed']);
    const bad = await call(a.origin, a.token, 'POST', '/rpc/token.revoke', {
      token_id: rita.id,
      member: rita.member,
    });
    expect(bad.status).toBe(400);

    const revoked = await must(a.origin, a.token, 'POST', '/rpc/token.revoke', {
      token_id: rita.id,
    });
    expect(revoked.value).toEqual({ revoked: [rita.id] });
    // On A, the instance that revoked it: refused at once, and cut (the cut is sent before
    // the answer, on another connection, so it may land a moment after it).
    const onA = await call(a.origin, rita.token, 'GET', '/api/graph');
    // Told it was revoked (not that it is unknown): the page says so in those words.
    expect([onA.status, onA.json.error]).toEqual([401, 'unauthorized.token_revoked']);
    await until(() => ritaOnA.disconnects.length > 0, "Rita's socket on A cut", 2000);
    expect(ritaOnA.disconnects).toEqual(['io server disconnect']);
    // On B, by the notice: the socket is cut, and from then on HTTP is refused too.
    await until(() => ritaOnB.disconnects.length > 0, "Rita's socket on B cut");
    expect(ritaOnB.disconnects).toEqual(['io server disconnect']);
    const onB = await call(b.origin, rita.token, 'GET', '/api/graph');
    expect([onB.status, onB.json.error]).toEqual([401, 'unauthorized.token_revoked']);
    // A new handshake with it is refused, as revoked; Sam is untouched.
    expect(await handshake(b.origin, rita.token)).toBe('unauthorized.token_revoked');
    expect(samOnB.socket.connected).toBe(true);
    expect((await call(b.origin, sam.token, 'GET', '/api/graph')).status).toBe(200);
    // Revoked once: asking again finds nothing.
    const again = await call(a.origin, a.token, 'POST', '/rpc/token.revoke', { token_id: rita.id });
    expect([again.status, again.json.error]).toEqual([404, 'not_found.token_not_found']);
    // The database keeps the hash, marked revoked.
    const [row] = await two.db.query<{ revoked: boolean }>(
      'SELECT revoked_time IS NOT NULL AS revoked FROM tokens WHERE hash = $1',
      [rita.id],
    );
    expect(row?.revoked).toBe(true);
  });

  it('[T3] revoking a member revokes every token of theirs in the workspace', async () => {
    const { a, b } = two;
    const tess = await invite('tess');
    const second = await must(b.origin, b.token, 'POST', '/rpc/token.create', {
      member: tess.member,
      label: 'laptop',
    });
    const laptop = second.value as { token: string; token_id: string };
    const onB = await two.listen(b, laptop.token);
    const revoked = await must(b.origin, b.token, 'POST', '/rpc/token.revoke', {
      member: tess.member,
    });
    expect(((revoked.value as { revoked: string[] }).revoked ?? []).sort()).toEqual(
      [tess.id, laptop.token_id].sort(),
    );
    await until(() => onB.disconnects.length > 0, "Tess's socket on B cut", 2000);
    expect(onB.disconnects).toEqual(['io server disconnect']);
    // B revoked them; A never held them, so it asks the database: refused on both.
    for (const token of [tess.token, laptop.token])
      for (const on of [a, b])
        expect((await call(on.origin, token, 'GET', '/api/graph')).status).toBe(401);
  });

  it('[T3][X2] the owner token a restart replaced, and a token never made, are refused as unknown, not as revoked', async () => {
    // An instance on a fixed address: its restart revokes the owner token it printed before.
    const port = await freePort();
    const dataDir = mkdtempSync(join(tmpdir(), 'lg-team-restart-'));
    try {
      const start = () =>
        startTeamServer({ database: two.cluster.url, dataDir, port, version: '0.0.0-test' });
      const first = await start();
      const before = first.token;
      expect((await call(first.origin, before, 'GET', '/api/graph')).status).toBe(200);
      await first.close();
      const second = await start();
      try {
        const [row] = await two.db.query<{ revoked: boolean }>(
          'SELECT revoked_time IS NOT NULL AS revoked FROM tokens WHERE hash = $1',
          [hashToken(before)],
        );
        expect(row?.revoked).toBe(true);
        const stale = await call(second.origin, before, 'GET', '/api/graph');
        expect([stale.status, stale.json.error]).toEqual([401, 'unauthorized.invalid_token']);
        expect(await handshake(second.origin, before)).toBe('unauthorized.invalid_token');
        const never = await call(second.origin, 'lg_never-made', 'GET', '/api/graph');
        expect([never.status, never.json.error]).toEqual([401, 'unauthorized.invalid_token']);
        expect(await handshake(second.origin, second.token)).toBe('connected');
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
