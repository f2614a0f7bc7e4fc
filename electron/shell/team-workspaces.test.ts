/**
 * [T4] File › Open Team Workspace: the link is checked with a real team server, the server is
 * remembered in the settings file with its token encrypted — never in clear — and opened
 * again from there; a revoked token, a damaged secret or a missing keychain are told in words.
 *
 * The OS keychain (Electron's safeStorage) cannot be reached from Node: where the tests need
 * it, AES-256-GCM from node:crypto stands in — a real cipher, named loudly in the test names.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSettings } from '../settings/open-settings';
import { startTeamServer, type TeamServer } from '../team/team-server';
import { must } from '../team/test-support/http';
import {
  postgresAvailable,
  startPostgres,
  type PostgresCluster,
} from '../team/test-support/postgres-cluster';
import { parseTeamLink, setupTeamWorkspaces, type TokenCipher } from './team-workspaces';

/** STAND-IN for the OS keychain: AES-256-GCM with a key held in memory. */
function aesStandIn(available = true): TokenCipher {
  const key = randomBytes(32);
  return {
    isEncryptionAvailable: () => available,
    encryptString(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    decryptString(encrypted) {
      const decipher = createDecipheriv('aes-256-gcm', key, encrypted.subarray(0, 12));
      decipher.setAuthTag(encrypted.subarray(12, 28));
      return Buffer.concat([decipher.update(encrypted.subarray(28)), decipher.final()]).toString(
        'utf8',
      );
    },
  };
}

describe('team server links', () => {
  it('[T4] a link is https (plain http only on loopback) with a well-formed token', () => {
    expect(parseTeamLink(' https://plans.example.com/?token=lg_abc-1 ')).toEqual({
      ok: true,
      value: { origin: 'https://plans.example.com', token: 'lg_abc-1' },
    });
    expect(parseTeamLink('http://127.0.0.1:4100/?token=lg_x').ok).toBe(true);
    for (const bad of [
      'http://plans.example.com/?token=lg_x',
      'https://plans.example.com/',
      'https://plans.example.com/?token=a%20b',
      'ftp://x/?token=a',
      'not a link',
    ])
      expect(parseTeamLink(bad).ok, bad).toBe(false);
  });
});

const available = postgresAvailable('Open Team Workspace tests');

describe.runIf(available)('File › Open Team Workspace against a real team server', () => {
  let cluster: PostgresCluster;
  let server: TeamServer;
  const dirs: string[] = [];
  const dir = () => {
    const d = mkdtempSync(join(tmpdir(), 'lg-team-open-'));
    dirs.push(d);
    return d;
  };
  beforeAll(async () => {
    cluster = await startPostgres();
    server = await startTeamServer({
      database: cluster.url,
      dataDir: dir(),
      port: 0,
      version: '0.0.0-test',
    });
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    cluster?.stop();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  const invite = async (username: string) => {
    const reply = await must(server.origin, server.token, 'POST', '/rpc/member.invite', {
      username,
      email: `${username}@example.com`,
    });
    return reply.value as { token: string; token_id: string };
  };

  const desktop = (cipher: TokenCipher, clipboard: string, dataDir = dir()) => {
    const { settings } = openSettings(dataDir, '0.2.0');
    const opened: string[] = [];
    const notices: string[] = [];
    const team = setupTeamWorkspaces({
      safeStorage: cipher,
      settings,
      ask: async () => 0,
      readClipboard: () => clipboard,
      openEditor: (url) => opened.push(url),
      notice: (_kind, text) => notices.push(text),
    });
    return { team, settings, opened, notices, dataDir };
  };

  it('[T4] (STAND-IN: AES-256-GCM from node:crypto in place of the OS keychain) a checked link opens the editor and is remembered encrypted, then reopens', async () => {
    const member = await invite('mia');
    const cipher = aesStandIn();
    const d = desktop(cipher, `${server.origin}/?token=${member.token}`);
    expect(await d.team.openFromClipboard()).toBe(true);
    expect(d.opened).toEqual([`${server.origin}/?token=${member.token}`]);
    expect(d.team.remembered()).toEqual([server.origin]);
    // On disk: the server, and the token only as ciphertext.
    const file = readFileSync(join(d.dataDir, 'settings.json'), 'utf8');
    expect(file).toContain(server.origin);
    expect(file).not.toContain(member.token);
    const [entry] = d.settings.get('teamServers');
    expect(cipher.decryptString(Buffer.from(entry?.token_encrypted ?? '', 'base64'))).toBe(
      member.token,
    );

    // Reopened from the menu: the stored token, decrypted, opens it again.
    expect(await d.team.reopen(server.origin)).toBe(true);
    expect(d.opened).toHaveLength(2);
    expect(d.opened[1]).toBe(d.opened[0]);

    // Once the owner revokes the token, reopening is refused in words and nothing opens.
    await must(server.origin, server.token, 'POST', '/rpc/token.revoke', {
      token_id: member.token_id,
    });
    expect(await d.team.reopen(server.origin)).toBe(false);
    expect(d.opened).toHaveLength(2);
    expect(d.notices.at(-1)).toMatch(/does not accept this token/);

    // A damaged secret (another keychain, a tampered file) is told, not used.
    d.settings.set('teamServers', [
      { ...entry!, token_encrypted: Buffer.from('junk').toString('base64') },
    ]);
    expect(await d.team.reopen(server.origin)).toBe(false);
    expect(d.notices.at(-1)).toMatch(/cannot be read/);
    d.team.forget(server.origin);
    expect(d.team.remembered()).toEqual([]);
  });

  it('[T4] (STAND-IN cipher reports the keychain unavailable) the server opens but the token is not remembered, not even in clear', async () => {
    const member = await invite('noor');
    const d = desktop(aesStandIn(false), `${server.origin}/?token=${member.token}`);
    expect(await d.team.openFromClipboard()).toBe(true);
    expect(d.opened).toHaveLength(1);
    expect(d.team.remembered()).toEqual([]);
    expect(d.notices.at(-1)).toMatch(/keychain is not available/);
    expect(readFileSync(join(d.dataDir, 'settings.json'), 'utf8')).not.toContain(member.token);
  });

  it('[T4] a bad or refused link opens nothing and remembers nothing', async () => {
    for (const clipboard of [
      'hello',
      `${server.origin}/?token=lg_not_a_token_of_this_server`,
      `http://plans.example.com/?token=lg_x`,
    ]) {
      const d = desktop(aesStandIn(), clipboard);
      expect(await d.team.openFromClipboard(), clipboard).toBe(false);
      expect(d.opened).toEqual([]);
      expect(d.team.remembered()).toEqual([]);
      expect(d.notices).toHaveLength(1);
    }
  });
});
