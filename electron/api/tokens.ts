/**
 * API tokens: 32 random bytes, shown once, stored only as a sha256 hash. Lookups compare
 * hashes in constant time so response timing does not leak how much of a token matched.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { SettingsStore } from '../settings/open-settings';
import type { ApiTokenEntry } from '../settings/schema';

export const hashToken = (token: string): string =>
  createHash('sha256').update(token).digest('hex');

/** Mints a token for a member, stores its hash, and returns the token (the only time it exists in clear). */
export function mintToken(
  settings: SettingsStore,
  entry: Omit<ApiTokenEntry, 'hash' | 'created_time'>,
  replaceSameLabel = false,
): string {
  const token = `lg_${randomBytes(32).toString('base64url')}`;
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
  settings.set('apiTokens', [
    ...kept,
    { ...entry, hash: hashToken(token), created_time: new Date().toISOString() },
  ]);
  return token;
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
