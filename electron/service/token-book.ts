/**
 * Where member tokens are kept (as hashes): the data folder's settings, or a team server's
 * database (electron/team/team-tokens.ts), which all its instances read.
 */
import type { ServiceError } from '../../shared/contract/errors';
import type { TokenInfo } from '../../shared/contract/methods';
import { ok, type Result } from '../../shared/model/result';
import { forgetToken, storeToken } from '../api/tokens';
import type { SettingsStore } from '../settings/open-settings';

export interface TokenEntry {
  workspace: string;
  member: string;
  label: string;
}

/** Which tokens of a workspace to revoke: one by its hash, or all of a member's. */
export type TokenSelector = { hash: string } | { member: string };

export interface TokenBook {
  /** Keeps the hash of `token` for the entry; refused with nothing kept. */
  store(entry: TokenEntry, token: string): Promise<Result<void, ServiceError>>;
  /** Forgets the token whose hash is `hash` (answers whether there was one). */
  forget(hash: string): Promise<Result<boolean, ServiceError>>;
  /** The workspace's live tokens, oldest first. */
  list(workspace: string): Promise<Result<TokenInfo[], ServiceError>>;
  /** Revokes the workspace's tokens `which` names; answers the hashes revoked. */
  revoke(workspace: string, which: TokenSelector): Promise<Result<string[], ServiceError>>;
  /**
   * Calls `listener` with each revoked token's hash (on a team server: revoked on any
   * instance), so the transports can cut its open connections (api/revoked-sockets.ts).
   * Answers a function that stops the calls (a stopped server stops listening).
   */
  onRevoked?(listener: (hash: string) => void): () => void;
  /**
   * Whether the token whose hash is `hash` was revoked (here: while this process runs; the
   * settings forget a revoked hash), so it is refused as revoked rather than as unknown.
   */
  wasRevoked?(hash: string): boolean;
}

export function settingsTokenBook(settings: SettingsStore): TokenBook {
  const listeners = new Set<(hash: string) => void>();
  // Hashes only, of this run's revocations: after a restart a revoked token is unknown, and
  // the page says the link is no longer valid (the same advice: ask for a new one).
  const revoked = new Set<string>();
  return {
    store: async (entry, token) => storeToken(settings, entry, token),
    forget: async (hash) => forgetToken(settings, hash),
    list: async (workspace) =>
      ok(
        settings
          .get('apiTokens')
          .filter((t) => t.workspace === workspace)
          .map((t) => ({
            token_id: t.hash,
            member: t.member,
            label: t.label,
            created_time: t.created_time,
          })),
      ),
    revoke: async (workspace, which) => {
      const hashes = settings
        .get('apiTokens')
        .filter(
          (t) =>
            t.workspace === workspace &&
            ('hash' in which ? t.hash === which.hash : t.member === which.member),
        )
        .map((t) => t.hash);
      for (const hash of hashes) {
        const forgotten = forgetToken(settings, hash);
        if (!forgotten.ok) return forgotten;
        revoked.add(hash);
        for (const listener of listeners) listener(hash);
      }
      return ok(hashes);
    },
    onRevoked: (listener) => {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    wasRevoked: (hash) => revoked.has(hash),
  };
}
