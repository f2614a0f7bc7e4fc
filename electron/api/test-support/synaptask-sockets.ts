/**
 * What the SynapTask WebSocket tests (SPEC X4) share: one live server per test file, a
 * real socket.io-client connected to it as the owner, and small helpers to send documented
 * events, check typed refusals (which must write nothing) and read the graph.
 */
import { afterAll, beforeAll, expect } from 'vitest';
import {
  io as connect,
  type ManagerOptions,
  type Socket,
  type SocketOptions,
} from 'socket.io-client';
import type { LinkRecord, NodeRecord } from '../../../shared/model/types';
import { startLiveServer, type LiveServer } from './live-server';

export type Ack = Record<string, unknown> & { ok: boolean };
export type Diff = {
  batchId: string;
  nodes: { op: number; before: Partial<NodeRecord>; after: Partial<NodeRecord> }[];
  links: { op: number; before: Partial<LinkRecord>; after: Partial<LinkRecord> }[];
  access: { op: number; after: Record<string, unknown> }[];
};
export type Hello = { ok: boolean; uid: string; client: string; serverTime: string };

export const unknownId = '00000000-0000-4000-8000-000000000000';

/** A live server and the owner's socket for this test file (opened before its tests, closed after). */
export function synaptaskSocketsPerFile() {
  let live: LiveServer | undefined;
  let owner: Socket | undefined;
  const sockets: Socket[] = [];
  const server = (): LiveServer => {
    if (!live) throw new Error('no live server outside the tests');
    return live;
  };

  /** Connects; answers the socket and its `connected` greeting, or rejects with the connect error. */
  function open(
    options: Partial<ManagerOptions & SocketOptions> = { auth: { api_token: server().token } },
    on: LiveServer = server(),
  ): Promise<{ socket: Socket; hello: Hello }> {
    return new Promise((resolve, reject) => {
      const socket = connect(on.origin, {
        transports: ['websocket'],
        reconnection: false,
        ...options,
      });
      sockets.push(socket);
      socket.on('connected', (hello: Hello) => resolve({ socket, hello }));
      socket.on('connect_error', reject);
    });
  }

  beforeAll(async () => {
    live = await startLiveServer();
    owner = (await open()).socket;
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await live?.close();
  });

  const main = (): Socket => {
    if (!owner) throw new Error('no socket outside the tests');
    return owner;
  };
  const ask = (event: string, payload?: unknown, socket = main()): Promise<Ack> =>
    (payload === undefined
      ? socket.timeout(5000).emitWithAck(event)
      : socket.timeout(5000).emitWithAck(event, payload)) as Promise<Ack>;

  /** Sends an event that must be refused with `error`; proves the workspace files did not change. */
  async function refused(event: string, payload: unknown, error: string): Promise<Ack> {
    const before = server().filesOnDisk();
    const ack = await ask(event, payload);
    expect(ack).toMatchObject({ ok: false, error });
    expect(typeof ack.message).toBe('string');
    expect(typeof ack.trace_id).toBe('string');
    expect(server().filesOnDisk()).toEqual(before);
    return ack;
  }

  const diffOf = (ack: Ack): Diff => {
    expect(ack.ok).toBe(true);
    return ack.diff as Diff;
  };

  return {
    server,
    main,
    open,
    ask,
    refused,
    diffOf,
    async newNode(title: string): Promise<NodeRecord> {
      return diffOf(await ask('node:add', { title })).nodes[0]?.after as NodeRecord;
    },
    async newLink(source: string, target: string, type = 0): Promise<LinkRecord> {
      return diffOf(await ask('link:add', { source, target, type })).links[0]?.after as LinkRecord;
    },
    async graph(): Promise<{ nodes: NodeRecord[]; links: LinkRecord[] }> {
      return (await ask('graph:get', { limit: 100_000 })).graph as {
        nodes: NodeRecord[];
        links: LinkRecord[];
      };
    },
  };
}
