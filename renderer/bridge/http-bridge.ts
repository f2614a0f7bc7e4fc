/**
 * The browser twin of the preload bridge, for headless serve: the same methods over
 * `POST /rpc/:method` on the page's own origin with the bearer token, and pushed diffs over
 * the Socket.IO channel of SPEC X4.
 */
import { io } from 'socket.io-client';
import type { DiffEvent, LinkgraphBridge } from '../../shared/contract/api';
import { RPC_ORIGIN_HEADER } from '../../shared/contract/channel';
import { METHOD_NAMES, type MethodName } from '../../shared/contract/method-names';
import type { ServiceError } from '../../shared/contract/errors';
import { err, ok, type Result } from '../../shared/model/result';
import { endAccess } from './access-ended';
import { httpFileExports } from './http-export';
import { httpFileImports } from './http-import';

export function createHttpBridge(token: string, base = ''): LinkgraphBridge {
  let socket: ReturnType<typeof io> | null = null;
  let revoked = false;
  // Only a token the server once accepted can be revoked; one refused from the start is the
  // page's opening message (App.tsx).
  let accepted = false;
  // The server no longer accepts the token (a call answered 401, or the live connection was
  // refused): the page is told (access-ended.ts, panels/AccessRevoked.tsx).
  const tellRevoked = (code: ServiceError['code']) => {
    if (revoked || !accepted) return;
    revoked = true;
    socket?.disconnect();
    endAccess(code);
  };
  const call = async (
    method: MethodName,
    params: unknown,
  ): Promise<Result<unknown, ServiceError>> => {
    let response: Response;
    try {
      response = await fetch(`${base}/rpc/${method}`, {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${token}`,
          'Content-Type': 'application/json',
          // The change this call makes is answered here; the server does not push it back
          // to this page's own socket as well (it could arrive late and undo a newer answer).
          ...(socket?.id ? { [RPC_ORIGIN_HEADER]: socket.id } : {}),
        },
        body: params === undefined ? '' : JSON.stringify(params),
      });
    } catch {
      return err({
        code: 'internal.unreachable',
        message: 'The Linkgraph server cannot be reached.',
      });
    }
    const body = (await response.json().catch(() => null)) as
      | { ok: true; value: unknown }
      | ({ ok: false; error: ServiceError['code'] } & Omit<ServiceError, 'code'>)
      | null;
    if (body?.ok === true) {
      accepted = true;
      return ok(body.value);
    }
    if (body?.ok === false) {
      const { ok: _ok, error: code, ...rest } = body;
      if (response.status === 401 && code.startsWith('unauthorized.')) tellRevoked(code);
      return err({ ...rest, code });
    }
    return err({
      code: 'internal.bad_response',
      message: `The server answered ${response.status}.`,
    });
  };
  const methods = Object.fromEntries(
    METHOD_NAMES.map((m) => [m, (params?: unknown) => call(m, params)]),
  );

  const listeners = new Set<(event: DiffEvent) => void>();
  /** Settled by the socket's first `connect`: from then on every change is pushed to it. */
  let flowing: Promise<void> | null = null;
  const onDiff = (listener: (event: DiffEvent) => void) => {
    listeners.add(listener);
    if (!socket) {
      const live = io(base || undefined, { auth: { token }, transports: ['websocket'] });
      socket = live;
      flowing = new Promise((resolve) => live.once('connect', () => resolve()));
      socket.on('graph:diff', (event: DiffEvent) => listeners.forEach((l) => l(event)));
      // Socket.IO reconnects by itself; whatever changed meanwhile was never pushed. Caught up
      // once the server accepted the token again (its `connect`), not when the transport is
      // back: a restarted server that no longer knows the token refuses it (connect_error),
      // and the page then says so instead of failing to reload.
      let connectedBefore = false;
      socket.on('connect', () => {
        if (connectedBefore) listeners.forEach((l) => l({ workspace: '', resync: true }));
        connectedBefore = true;
      });
      // The server cut this connection itself (it does so when the token is revoked) and
      // Socket.IO will not reconnect by itself: ask whether the token still opens anything.
      // Yes (another reason): connect again and catch up; no: the call tells it was revoked.
      socket.on('disconnect', (reason) => {
        if (reason !== 'io server disconnect' || revoked) return;
        void call('app.info', undefined).then((answer) => {
          if (!answer.ok || revoked) return;
          socket?.connect(); // caught up on its `connect`, above
        });
      });
      socket.on('connect_error', (error: Error & { data?: { error?: ServiceError['code'] } }) => {
        const code = error.data?.error;
        if (code?.startsWith('unauthorized.')) tellRevoked(code);
      });
    }
    return () => {
      listeners.delete(listener);
    };
  };
  const diffsFlowing = () => flowing ?? Promise.resolve();
  // The browser has no application menu or file association: nothing is ever pushed.
  const onShellEvent: LinkgraphBridge['onShellEvent'] = () => () => {};
  // Exports are fetched as files and imports posted as files, never read by the page
  // (http-export.ts, http-import.ts).
  return Object.assign(
    { ...methods, onDiff, onShellEvent, diffsFlowing } as LinkgraphBridge,
    httpFileExports(token, base),
    httpFileImports(token, base),
  );
}
