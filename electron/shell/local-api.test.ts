import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io as connect } from 'socket.io-client';
import { describe, expect, it, vi } from 'vitest';
import { ok } from '../../shared/model/result';
import { mintToken } from '../api/tokens';
import { startService } from '../service/start-service';
import {
  apiOptions,
  createLocalApi,
  revokeToken,
  startLocalApiServer,
  type RunningApi,
} from './local-api';

/** A fake server starter: records starts and stops, answers ports 5001, 5002, … */
function fakeStarter() {
  const log: string[] = [];
  let next = 5000;
  const start = async ({ port }: { port: number }): Promise<RunningApi> => {
    const bound = port || ++next;
    log.push(`start ${bound}`);
    await new Promise((r) => setTimeout(r, 5));
    return { port: bound, close: async () => void log.push(`stop ${bound}`) };
  };
  return { log, start };
}

describe('local API switch', () => {
  it('[X2] starts when turned on, stops when turned off, and never runs two servers', async () => {
    const { log, start } = fakeStarter();
    const api = createLocalApi((port) => ({ port }) as never, start as never);
    expect(api.port()).toBeNull();
    // Two quick clicks on, then off, then on with a fixed port.
    const answers = await Promise.all([
      api.setEnabled(true, 0),
      api.setEnabled(true, 0),
      api.setEnabled(false, 0),
      api.setEnabled(true, 7777),
    ]);
    expect(answers).toEqual([5001, 5001, null, 7777]);
    expect(log).toEqual(['start 5001', 'stop 5001', 'start 7777']);
    expect(api.port()).toBe(7777);
    // A new fixed port restarts the server there.
    expect(await api.setEnabled(true, 7778)).toBe(7778);
    expect(log.slice(-2)).toEqual(['stop 7777', 'start 7778']);
  });

  it('a failed start is reported and does not block the next attempt', async () => {
    let fail = true;
    const api = createLocalApi(
      (port) => ({ port }) as never,
      async ({ port }) => {
        if (fail) throw new Error('EADDRINUSE');
        return { port, close: async () => {} };
      },
    );
    await expect(api.setEnabled(true, 80)).rejects.toThrow('EADDRINUSE');
    expect(api.port()).toBeNull();
    fail = false;
    expect(await api.setEnabled(true, 81)).toBe(81);
  });

  it('[X2] the real server answers member tokens from settings; a revoked token is refused and its open socket is cut', async () => {
    const started = await startService({
      dataDir: mkdtempSync(join(tmpdir(), 'linkgraph-local-api-')),
      mode: 'electron',
      version: '0.1.0',
    });
    const api = createLocalApi(
      (port) => apiOptions(started, port),
      startLocalApiServer(started.tokens),
    );
    try {
      // Turned off and on again: the first server's listener goes with it (nothing leaks).
      await api.setEnabled(true, 0);
      await api.setEnabled(false, 0);
      const port = await api.setEnabled(true, 0);
      const origin = `http://127.0.0.1:${port}`;
      const minted = mintToken(started.settings, {
        workspace: '*',
        member: started.owner,
        label: 'test',
      });
      if (!minted.ok) throw new Error(minted.error.message);
      const token = minted.value;
      const health = await fetch(`${origin}/api/graph`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      expect(health.status).toBe(200);
      // A program connected with it over Socket.IO (as SynapTask's clients do).
      const socket = connect(origin, {
        transports: ['websocket'],
        reconnection: false,
        auth: { api_token: token },
      });
      const reasons: string[] = [];
      socket.on('disconnect', (reason) => reasons.push(reason));
      await new Promise((resolve, reject) => {
        socket.on('connected', resolve);
        socket.on('connect_error', reject);
      });

      const hash = started.settings.get('apiTokens')[0]?.hash ?? '';
      expect(await revokeToken(started.settings, started.tokens, hash)).toEqual(ok(true));
      expect(await revokeToken(started.settings, started.tokens, hash)).toEqual(ok(false));
      // Its socket is cut by the server, and it is refused as revoked.
      await vi.waitFor(() => expect(reasons).toEqual(['io server disconnect']), { timeout: 2000 });
      socket.close();
      const refused = await fetch(`${origin}/api/graph`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      expect(refused.status).toBe(401);
      expect(((await refused.json()) as { error: string }).error).toBe(
        'unauthorized.token_revoked',
      );
      expect(await api.setEnabled(false, 0)).toBeNull();
      await expect(fetch(`${origin}/api/graph`)).rejects.toThrow();
    } finally {
      await api.setEnabled(false, 0);
      await started.hub.closeAll();
    }
  });
});
