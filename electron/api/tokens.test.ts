import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSettings } from '../settings/open-settings';
import { findToken, hashToken, mintToken } from './tokens';

const minted = (r: ReturnType<typeof mintToken>): string => {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

describe('API tokens', () => {
  it('[X2] are shown once and stored only as a hash', () => {
    const dir = mkdtempSync(join(tmpdir(), 'linkgraph-tokens-'));
    const { settings } = openSettings(dir, '0.1.0');
    const token = minted(mintToken(settings, { workspace: 'ws-1', member: 'm-1', label: 'serve' }));
    expect(token).toMatch(/^lg_[A-Za-z0-9_-]{43}$/);
    const file = readFileSync(join(dir, 'settings.json'), 'utf8');
    expect(file).not.toContain(token);
    expect(file).toContain(hashToken(token));
    expect(findToken(settings.get('apiTokens'), token)?.member).toBe('m-1');
    expect(findToken(settings.get('apiTokens'), token + 'x')).toBeUndefined();
  });

  it('[X7] minting again with the same label replaces the old token', () => {
    const { settings } = openSettings(mkdtempSync(join(tmpdir(), 'linkgraph-tokens-')), '0.1.0');
    const first = minted(
      mintToken(settings, { workspace: 'ws-1', member: 'm-1', label: 'serve' }, true),
    );
    const second = minted(
      mintToken(settings, { workspace: 'ws-1', member: 'm-1', label: 'serve' }, true),
    );
    expect(findToken(settings.get('apiTokens'), first)).toBeUndefined();
    expect(findToken(settings.get('apiTokens'), second)?.member).toBe('m-1');
    expect(settings.get('apiTokens')).toHaveLength(1);
  });
});
