/**
 * API tokens: 32 random bytes, shown once, stored only as a sha256 hash. Lookups compare
 * hashes in constant time so response timing does not leak how much of a token matched.
 *
 * A token speaks for one member of one workspace (`workspace: '*'` is the person's own token,
 * for every workspace of the data folder): member ids are not unique across workspaces (an
 * imported copy lists the same members), so a token is only ever resolved together with the
 * workspace it was made for.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { ServiceError } from '../../shared/contract/errors';
import { ok, type Result } from '../../shared/model/result';
import type { SettingsStore } from '../settings/open-settings';
import type { ApiTokenEntry } from '../settings/schema';
import { saveSettings } from '../settings/settings-write';

/** The workspace of the person's own tokens: every workspace of the data folder. */
export const ANY_WORKSPACE = '*';

/** Whom a presented token speaks for; `workspace` is absent for the person's own tokens. */
export interface TokenOwner {
  member: string;
  workspace?: string;
}

/**
 * What a resolver answers for a token it knows was revoked (as opposed to one it does not
 * know at all): the caller is then told so (`unauthorized.token_revoked`), not that the token
 * is unknown (`unauthorized.invalid_token`, which is also what a restarted server's replaced
 * token gets).
 */
export const REVOKED = 'revoked';

export const hashToken = (token: string): string =>
  createHash('sha256').update(token).digest('hex');

export const newToken = (): string => `lg_${randomBytes(32).toString('base64url')}`;

/**
 * Stores the hash of `token` for a member (the only time the token exists in clear is in the
 * caller's hands). Refused with nothing stored when the settings cannot be written.
 */
export function storeToken(
  settings: SettingsStore,
  entry: Omit<ApiTokenEntry, 'hash' | 'created_time'>,
  token: string,
  replaceSameLabel = false,
): Result<void, ServiceError> {
  const kept = settings
    .get('apiTokens')
    .filter(
      (t) =>
        !(
          replaceSameLabel &&
          t.label === entry.label &&
          t.member === entry.member &&
          t.workspace === entry.workspace
        ),
    );
  return saveSettings(settings, {
    apiTokens: [
      ...kept,
      { ...entry, hash: hashToken(token), created_time: new Date().toISOString() },
    ],
  });
}

/** Mints a token for a member, stores its hash, and answers the token. */
export function mintToken(
  settings: SettingsStore,
  entry: Omit<ApiTokenEntry, 'hash' | 'created_time'>,
  replaceSameLabel = false,
): Result<string, ServiceError> {
  const token = newToken();
  const stored = storeToken(settings, entry, token, replaceSameLabel);
  return stored.ok ? ok(token) : stored;
}

/** Forgets the token whose hash is `hash` (nothing if there is none). */
export function forgetToken(settings: SettingsStore, hash: string): Result<boolean, ServiceError> {
  const entries = settings.get('apiTokens');
  const kept = entries.filter((entry) => entry.hash !== hash);
  if (kept.length === entries.length) return ok(false);
  const saved = saveSettings(settings, { apiTokens: kept });
  return saved.ok ? ok(true) : saved;
}

/** The token's entry, or undefined. Every stored hash is compared, matched or not. */
export function findToken(
  entries: readonly ApiTokenEntry[],
  token: string,
): ApiTokenEntry | undefined {
  const presented = Buffer.from(hashToken(token), 'hex');
  let found: ApiTokenEntry | undefined;
  for (const entry of entries) {
    const stored = Buffer.from(entry.hash, 'hex');
    if (stored.length === presented.length && timingSafeEqual(stored, presented)) found ??= entry;
  }
  return found;
}

/**
 * Resolves presented tokens against the settings' current list (for the API server).
 * The token book (electron/service/token-book.ts) tells a token revoked while this process
 * runs (the settings keep no trace of it) from one never known here.
 */
export function tokenResolver(
  settings: Pick<SettingsStore, 'get'>,
  book: { wasRevoked?(hash: string): boolean } = {},
): (presented: string) => TokenOwner | typeof REVOKED | undefined {
  return (presented) => {
    const entry = findToken(settings.get('apiTokens'), presented);
    if (!entry) return book.wasRevoked?.(hashToken(presented)) ? REVOKED : undefined;
    return entry.workspace === ANY_WORKSPACE
      ? { member: entry.member }
      : { member: entry.member, workspace: entry.workspace };
  };
}
