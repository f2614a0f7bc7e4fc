/**
 * The local API (SPEC X2) inside the app: off by default, started when the person turns it on
 * (settings `api.enabled`) with the same server headless serve runs, and stopped when turned
 * off. Transitions are serialized, so clicking the menu item twice quickly cannot start two
 * servers or stop one that is still starting.
 */
import { startApiServer, type ApiServerOptions } from '../api/http-server';
import { cutRevokedSockets } from '../api/revoked-sockets';
import { tokenResolver } from '../api/tokens';
import type { SettingsStore } from '../settings/open-settings';
import type { StartedService } from '../service/start-service';
import type { TokenBook } from '../service/token-book';
import type { ServiceError } from '../../shared/contract/errors';
import { ok, type Result } from '../../shared/model/result';

export interface RunningApi {
  port: number;
  close(): Promise<void>;
}

export type StartApi = (options: ApiServerOptions) => Promise<RunningApi>;

export interface LocalApiController {
  /** Starts or stops the server; answers the port it listens on (null: stopped). */
  setEnabled(enabled: boolean, port: number): Promise<number | null>;
  port(): number | null;
}

/** The server's options, as serve.ts builds them, minus the static renderer. */
export function apiOptions(started: StartedService, port: number): ApiServerOptions {
  const { service, settings, tokens } = started;
  return {
    service,
    port,
    resolveToken: tokenResolver(settings, tokens),
  };
}

/**
 * Starts the API server for the local API, cutting the open sockets of each token the token
 * book revokes while it runs (as headless serve and the team server do); its close stops
 * listening.
 */
export function startLocalApiServer(
  tokens: Pick<TokenBook, 'onRevoked'>,
  start: typeof startApiServer = startApiServer,
): StartApi {
  return async (options) => {
    const api = await start(options);
    const stopCutting = cutRevokedSockets(tokens, api);
    return {
      port: api.port,
      close: async () => {
        stopCutting();
        await api.close();
      },
    };
  };
}

export function createLocalApi(
  options: (port: number) => ApiServerOptions,
  start: StartApi,
): LocalApiController {
  let running: RunningApi | null = null;
  let queue: Promise<unknown> = Promise.resolve();

  const apply = async (enabled: boolean, port: number): Promise<number | null> => {
    // A port change while on restarts the server on the new port.
    if (running && (!enabled || (port !== 0 && running.port !== port))) {
      const stopping = running;
      running = null;
      await stopping.close();
    }
    if (enabled && !running) running = await start(options(port));
    return running?.port ?? null;
  };

  return {
    setEnabled(enabled, port) {
      const next = queue.then(() => apply(enabled, port));
      // A failed start must not wedge later transitions.
      queue = next.catch(() => undefined);
      return next;
    },
    port: () => running?.port ?? null,
  };
}

/**
 * File › Local API › Revoke Token: revoked through the token book, as `token.revoke` is: its
 * hash is forgotten, so it no longer opens anything, and the revocation is announced, so the
 * local API cuts its open sockets. Answers whether there was such a token to revoke.
 */
export async function revokeToken(
  settings: Pick<SettingsStore, 'get'>,
  tokens: Pick<TokenBook, 'revoke'>,
  hash: string,
): Promise<Result<boolean, ServiceError>> {
  const entry = settings.get('apiTokens').find((t) => t.hash === hash);
  if (!entry) return ok(false);
  const revoked = await tokens.revoke(entry.workspace, { hash });
  return revoked.ok ? ok(revoked.value.length > 0) : revoked;
}
