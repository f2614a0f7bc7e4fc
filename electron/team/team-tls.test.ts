/**
 * [T4] A team server started with `--tls-cert/--tls-key` serves HTTPS and Socket.IO over TLS
 * (a self-signed certificate made here with openssl; the clients trust exactly it), and its
 * Host/Origin checks keep working for the configured public origin.
 */
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TeamServer } from './team-server';
import { freePort, postgresAvailable } from './test-support/postgres-cluster';
import { useTeamServers } from './test-support/team-servers';
import { httpsCall, selfSignedCertificate, whyNoOpenssl } from './test-support/tls';

const noOpenssl = whyNoOpenssl();
if (noOpenssl) console.warn(`SKIPPED team server TLS tests: ${noOpenssl}`);
const available = postgresAvailable('team server TLS tests') && !noOpenssl;

const PUBLIC_HOST = 'plans.example.test';

describe.runIf(available)('team server over TLS', () => {
  const servers = useTeamServers();
  let server: TeamServer;
  let tls: { cert: string; key: string };
  let port: number;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    tls = selfSignedCertificate([PUBLIC_HOST]);
    port = await freePort();
    server = await servers.start({
      port,
      publicOrigins: [`https://${PUBLIC_HOST}:${port}`],
      tls,
    });
  });
  afterAll(() => {
    for (const s of sockets) s.close();
  });

  const socketTo = (options: Record<string, unknown>) =>
    new Promise<{ socket: Socket; diffs: unknown[] }>((resolve, reject) => {
      const socket = connect(`https://127.0.0.1:${port}`, {
        transports: ['websocket'],
        reconnection: false,
        ...options,
      });
      sockets.push(socket);
      const diffs: unknown[] = [];
      socket.on('graph:diff', (event: unknown) => diffs.push(event));
      socket.on('connected', () => resolve({ socket, diffs }));
      socket.on('connect_error', reject);
    });

  it('[T4] HTTPS and Socket.IO over TLS with the configured certificate; plain HTTP and untrusting clients get nothing', async () => {
    expect(server.readyLine).toMatch(new RegExp(`^Linkgraph server ready at https://`));
    const health = await httpsCall(port, tls.cert, { path: '/api/health' });
    expect(health.status).toBe(200);
    expect(health.json).toMatchObject({ ok: true, team: true, database: 'postgres' });

    // A client that does not trust the certificate, and one speaking plain HTTP, fail.
    await expect(fetch(`https://127.0.0.1:${port}/api/health`)).rejects.toThrow();
    await expect(fetch(`http://127.0.0.1:${port}/api/health`)).rejects.toThrow();
    await expect(
      socketTo({ auth: { api_token: server.token }, rejectUnauthorized: true }),
    ).rejects.toThrow();

    // Socket.IO over wss: a change made over HTTPS arrives as graph:diff.
    const { diffs } = await socketTo({ ca: tls.cert, auth: { api_token: server.token } });
    const made = await httpsCall(port, tls.cert, {
      method: 'POST',
      path: '/api/node',
      headers: { authorization: `Bearer ${server.token}` },
      body: { title: 'over TLS' },
    });
    expect(made.status).toBe(200);
    const deadline = Date.now() + 5000;
    while (diffs.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(JSON.stringify(diffs)).toContain('over TLS');
  });

  it('[T4] Host and Origin over TLS: the public origin and https loopback pass, anything else is refused', async () => {
    const asMember = (host: string, origin?: string) =>
      httpsCall(port, tls.cert, {
        path: '/api/workspaces',
        // The TLS name is checked by the client; the Host header by the server (guards.ts).
        servername: host.startsWith(PUBLIC_HOST) ? PUBLIC_HOST : 'localhost',
        headers: {
          host,
          authorization: `Bearer ${server.token}`,
          ...(origin ? { origin } : {}),
        },
      });
    const publicHost = `${PUBLIC_HOST}:${port}`;
    expect((await asMember(publicHost, `https://${publicHost}`)).status).toBe(200);
    expect((await asMember(`127.0.0.1:${port}`, `https://127.0.0.1:${port}`)).status).toBe(200);
    const wrongScheme = await asMember(publicHost, `http://${publicHost}`);
    expect([wrongScheme.status, wrongScheme.json.error]).toEqual([403, 'forbidden.bad_origin']);
    const plainLoopback = await asMember(`127.0.0.1:${port}`, `http://127.0.0.1:${port}`);
    expect([plainLoopback.status, plainLoopback.json.error]).toEqual([403, 'forbidden.bad_origin']);
    const elsewhere = await asMember(`evil.example:${port}`);
    expect([elsewhere.status, elsewhere.json.error]).toEqual([403, 'forbidden.bad_host']);

    // The Socket.IO handshake is held to the same checks.
    await expect(
      socketTo({
        ca: tls.cert,
        auth: { api_token: server.token },
        extraHeaders: { origin: 'https://evil.example' },
      }),
    ).rejects.toThrow();
    await expect(
      socketTo({
        ca: tls.cert,
        auth: { api_token: server.token },
        extraHeaders: { origin: `https://${publicHost}` },
      }),
    ).resolves.toBeTruthy();
  });
});
