import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as ioClient } from 'socket.io-client';
import { startLiveServer, type LiveServer } from './test-support/live-server';

let server: LiveServer;
let big: string;
let memberToken: string;

beforeAll(async () => {
  server = await startLiveServer();
  // A large workspace: exporting it takes the main thread a while each time.
  const rows = Array.from({ length: 20_000 }, (_, i) => `step ${i}\r\n`).join('');
  const imported = await server.call('POST', '/api/import?format=csv&name=Big', `title\r\n${rows}`);
  expect(imported.status).toBe(200);
  big = (imported.json.workspace as { id: string }).id;
  const added = await server.call('POST', `/api/member?workspace=${big}`, {
    username: 'rita',
    email: 'rita@example.com',
  });
  memberToken = added.json.token as string;
}, 120_000);

afterAll(() => server.close());

/** How long the latest export took: its read slot cools down that long after it (rate-limit.ts). */
let lastExportMs = 0;
const exportBig = async (token = server.token) => {
  const started = performance.now();
  const res = await fetch(`${server.origin}/api/export?format=json&workspace=${big}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const body = await res.text();
  const at = performance.now();
  lastExportMs = at - started;
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body, at };
};

describe('[X2] expensive reads are limited per token, and health does not wait for them', () => {
  it('[X2] 12 concurrent exports from one token: the excess is refused 429, the rest answered in full, and health answers while they run', async () => {
    // Twelve open connections first, as twelve clients would have: the requests then arrive
    // together, as they did in the report (client and server share this process's thread).
    await Promise.all(Array.from({ length: 12 }, () => fetch(`${server.origin}/api/health`)));
    const exports = Array.from({ length: 12 }, () => exportBig());
    // Sent once the exports are all in: it must not wait behind them.
    await new Promise((r) => setImmediate(r));
    const health = fetch(`${server.origin}/api/health`).then(async (r) => ({
      status: r.status,
      json: (await r.json()) as Record<string, unknown>,
      at: performance.now(),
    }));
    const answers = await Promise.all(exports);
    const h = await health;

    const refused = answers.filter((a) => a.status === 429);
    const served = answers.filter((a) => a.status === 200);
    expect(refused.length).toBeGreaterThan(0);
    expect(served.length + refused.length).toBe(12);
    // 1 running and 4 waiting per token: at least 5 are served.
    expect(served.length).toBeGreaterThanOrEqual(5);
    for (const r of refused) {
      expect(JSON.parse(r.body)).toMatchObject({
        ok: false,
        error: 'rate_limited.too_many_reads',
        retry_after: 1,
      });
      expect(r.retryAfter).toBe('1');
    }
    for (const s of served) expect(JSON.parse(s.body).nodes).toHaveLength(20_000);

    expect(h).toMatchObject({ status: 200, json: { ok: true } });
    // Health was answered before the queued exports were all done.
    expect(h.at).toBeLessThan(Math.max(...served.map((s) => s.at)));
  });

  it('[X2] the limit is per token: another token’s export is served while one token’s queue is full', async () => {
    const flood = Array.from({ length: 8 }, () => exportBig());
    const other = await exportBig(memberToken);
    expect(other.status).toBe(200);
    const answers = await Promise.all(flood);
    expect(answers.some((a) => a.status === 429)).toBe(true);
    // And once the queue has drained, the first token is served again.
    expect((await exportBig()).status).toBe(200);
  });
});

describe('[X2] [X4] the read queue is the service door’s, so every transport shares it', () => {
  it('[X4] 12 concurrent graph:get over Socket.IO from one token: the excess acks rate_limited.too_many_reads', async () => {
    // The token's lane idle first: the slot of the export above is held for as long again as
    // the export took (its worker's start included), and a held slot would serve one read less.
    await new Promise((r) => setTimeout(r, lastExportMs + 100));
    const socket = ioClient(server.origin, {
      transports: ['websocket'],
      auth: { api_token: server.token },
      query: { workspace: big },
    });
    try {
      await new Promise<void>((resolve, reject) => {
        socket.once('connected', () => resolve());
        socket.once('connect_error', reject);
      });
      const acks = await Promise.all(
        Array.from(
          { length: 12 },
          () =>
            new Promise<{ ok: boolean; error?: string; graph?: { nodes: unknown[] } }>((resolve) =>
              socket.emit('graph:get', { limit: 100_000 }, resolve),
            ),
        ),
      );
      const refused = acks.filter((a) => !a.ok);
      expect(refused.length).toBeGreaterThan(0);
      for (const r of refused) expect(r.error).toBe('rate_limited.too_many_reads');
      const served = acks.filter((a) => a.ok);
      expect(served.length).toBeGreaterThanOrEqual(5);
      for (const s of served) expect(s.graph?.nodes).toHaveLength(20_000);
    } finally {
      socket.close();
    }
  });
});
