/**
 * Where member tokens are kept (as hashes): the data folder's settings, or a team server's
 * database (electron/team/team-tokens.ts), which all its instances read.
 */
import type { ServiceError } from '../../shared/contract/errors';
import type { Result } from '../../shared/model/result';
import { forgetToken, storeToken } from '../api/tokens';
import type { SettingsStore } from '../settings/open-settings';

export interface TokenEntry {
  workspace: string;
  member: string;
  label: string;
}

export interface TokenBook {
  /** Keeps the hash of `token` for the entry; refused with nothing kept. */
  store(entry: TokenEntry, token: string): Promise<Result<void, ServiceError>>;
  /** Forgets the token whose hash is `hash` (answers whether there was one). */
  forget(hash: string): Promise<Result<boolean, ServiceError>>;
}

export function settingsTokenBook(settings: SettingsStore): TokenBook {
  return {
    store: async (entry, token) => storeToken(settings, entry, token),
    forget: async (hash) => forgetToken(settings, hash),
  };
}
