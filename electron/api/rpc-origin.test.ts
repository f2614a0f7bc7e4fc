/**
 * [X4] The served editor's own changes are answered once: an `/rpc` call naming the page's
 * socket (x-linkgraph-origin) is not pushed back to that socket, while every other client
 * still gets it; a socket of another token cannot be named (no one can silence a client).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import { RPC_ORIGIN_HEADER } from '../../shared/contract/channel';
import { mintToken } from './tokens';
import { startLiveServer, type LiveServer } from './test-support/live-server';

let server: LiveServer;
let otherToken: string;
const sockets: Socket[] = [];

beforeAll(async () => {
  server = await startLiveServer();
  const minted = mintToken(server.settings, { workspace: '*', member: server.owner, label: 'b' });
  if (!minted.ok) throw new Error(minted.error.message);
  otherToken = minted.value;
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await server.close();
});

function open(token: string): Promise<{ socket: Socket; diffs: string[] }> {
  return new Promise((resolve, reject) => {
    const socket = connect(server.origin, {
      transports: ['websocket'],
      reconnection: false,
      auth: { token },
    });
    sockets.push(socket);
    const diffs: string[] = [];
    socket.on('graph:diff', (e: { batch: { batchId: string } }) => diffs.push(e.batch.batchId));
    socket.on('connected', () => resolve({ socket, diffs }));
    socket.on('connect_error', reject);
  });
}

async function createNode(title: string, origin: string): Promise<string> {
  const res = await fetch(`${server.origin}/rpc/node.create`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${server.token}`,
      'content-type': 'application/json',
      [RPC_ORIGIN_HEADER]: origin,
    },
    body: JSON.stringify({ title }),
  });
  const body = (await res.json()) as { ok: boolean; value: { batchId: string } };
  expect(body.ok).toBe(true);
  return body.value.batchId;
}

const settle = () => new Promise((r) => setTimeout(r, 300));

describe('[X4] the editor’s own change is not pushed back to it', () => {
  it('[X4] the origin socket gets no diff of its own call; another client does', async () => {
    const page = await open(server.token);
    const other = await open(server.token);
    const batchId = await createNode('Mine', page.socket.id ?? '');
    await settle();
    expect(page.diffs).not.toContain(batchId);
    expect(other.diffs).toContain(batchId);
  });

  it('[X4] a socket opened with another token cannot be named as the origin', async () => {
    const stranger = await open(otherToken);
    const batchId = await createNode('Not silenced', stranger.socket.id ?? '');
    await settle();
    expect(stranger.diffs).toContain(batchId);
  });
});
