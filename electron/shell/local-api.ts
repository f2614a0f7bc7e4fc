/**
 * The local API (SPEC X2) inside the app: off by default, started when the person turns it on
 * (settings `api.enabled`) with the same server headless serve runs, and stopped when turned
 * off. Transitions are serialized, so clicking the menu item twice quickly cannot start two
 * servers or stop one that is still starting.
 */
import type { ApiServerOptions } from '../api/http-server';
import { tokenResolver } from '../api/tokens';
import type { SettingsStore } from '../settings/open-settings';
import type { StartedService } from '../service/start-service';

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

/** File › Local API › Revoke Token: forgets the token's hash, so it no longer opens anything. */
export function revokeToken(settings: Pick<SettingsStore, 'get' | 'set'>, hash: string): boolean {
  const entries = settings.get('apiTokens');
  const kept = entries.filter((entry) => entry.hash !== hash);
  if (kept.length === entries.length) return false;
  settings.set('apiTokens', kept);
  return true;
}
