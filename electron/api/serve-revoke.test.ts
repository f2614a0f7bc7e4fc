/**
 * [X2] `token.revoke` in headless serve (the data folder's settings keep the hashes): a
 * revoked member token is refused at once over HTTP, its open Socket.IO connection is cut,
 * and only the workspace owner may revoke.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io as connect } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHeadless, type Headless } from '../headless';
import { call, must } from '../team/test-support/http';
import { until } from '../team/test-support/two-instances';

describe('revoking a token in headless serve', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'lg-serve-revoke-'));
  let served: Headless;
  let origin: string;
  beforeAll(async () => {
    served = await startHeadless({ dataDir, port: 0, version: '0.2.0' });
    origin = `http://127.0.0.1:${served.api.port}`;
  });
  afterAll(async () => {
    await served?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('[X2] a revoked token is refused over HTTP and its open socket is cut', async () => {
    const invited = (
      await must(origin, served.token, 'POST', '/rpc/member.invite', {
        username: 'rae',
        email: 'rae@example.com',
      })
    ).value as { token: string; token_id: string };
    expect((await call(origin, invited.token, 'GET', '/api/graph')).status).toBe(200);
    const socket = connect(origin, {
      transports: ['websocket'],
      reconnection: false,
      auth: { api_token: invited.token },
    });
    const reasons: string[] = [];
    socket.on('disconnect', (reason) => reasons.push(reason));
    await new Promise((resolve, reject) => {
      socket.on('connected', resolve);
      socket.on('connect_error', reject);
    });
    const byMember = await call(origin, invited.token, 'POST', '/rpc/token.revoke', {
      token_id: invited.token_id,
    });
    expect(byMember.status).toBe(403);

    const revoked = await must(origin, served.token, 'POST', '/rpc/token.revoke', {
      token_id: invited.token_id,
    });
    expect(revoked.value).toEqual({ revoked: [invited.token_id] });
    // Refused at once, as revoked; the cut (sent before the answer, on another connection)
    // lands meanwhile.
    const refused = await call(origin, invited.token, 'GET', '/api/graph');
    expect([refused.status, refused.json.error]).toEqual([401, 'unauthorized.token_revoked']);
    await until(() => reasons.length > 0, 'the socket cut', 2000);
    expect(reasons).toEqual(['io server disconnect']);
    socket.close();
  });

  it('[X2] a restarted serve refuses the owner token it replaced as unknown, not as revoked', async () => {
    const before = served.token;
    await served.close();
    served = await startHeadless({ dataDir, port: 0, version: '0.2.0' });
    origin = `http://127.0.0.1:${served.api.port}`;
    const stale = await call(origin, before, 'GET', '/api/graph');
    expect([stale.status, stale.json.error]).toEqual([401, 'unauthorized.invalid_token']);
    const refusal = await new Promise<string | undefined>((resolve) => {
      const socket = connect(origin, {
        transports: ['websocket'],
        reconnection: false,
        auth: { api_token: before },
      });
      socket.on('connected', () => resolve(`connected${String(socket.close())}`));
      socket.on('connect_error', (e: Error & { data?: { error?: string } }) => {
        socket.close();
        resolve(e.data?.error);
      });
    });
    expect(refusal).toBe('unauthorized.invalid_token');
    expect((await call(origin, served.token, 'GET', '/api/graph')).status).toBe(200);
  });
});
