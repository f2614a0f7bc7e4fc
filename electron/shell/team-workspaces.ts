/**
 * File › Open Team Workspace (docs/team-server.md, "In the desktop app"): opens a team
 * server's editor in its own window with a member's token, and remembers the server with the
 * token encrypted by Electron's `safeStorage` (the OS keychain: Keychain, DPAPI, libsecret),
 * never in clear. The person copies the link the server owner handed them
 * (`https://plans.example.com/?token=…`) and chooses Open from Clipboard; a remembered server
 * opens again from the menu.
 *
 * Electron is reached only through the ports passed in (`safeStorage`, the dialog, the
 * clipboard, the window), so the flow runs in tests in Node.
 */
import type { SettingsStore } from '../settings/open-settings';
import type { TeamServerEntry } from '../settings/schema';

/** The part of Electron's `safeStorage` used here. */
export interface TokenCipher {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

export interface TeamWorkspaceDeps {
  safeStorage: TokenCipher;
  settings: Pick<SettingsStore, 'get' | 'set'>;
  /** Asks the person to copy the link; answers the pressed button's index (0: open). */
  ask(options: { message: string; detail: string; buttons: string[] }): Promise<number>;
  readClipboard(): string | Promise<string>;
  /** Opens `url` (the server's editor with `?token=`) in a window of its own. */
  openEditor(url: string): void;
  notice(kind: 'info' | 'error', text: string): void;
  /** Checks the token with the server before anything is remembered (default: fetch). */
  fetch?: typeof fetch;
  now?: () => Date;
}

export interface TeamLink {
  origin: string;
  token: string;
}

const TOKEN = /^[A-Za-z0-9_-]{1,200}$/;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * A server link as the server prints it (`ORIGIN/?token=TOKEN`), or the reason it is not one.
 * Plain http is accepted for loopback only: elsewhere the token would cross the network in
 * clear.
 */
export function parseTeamLink(
  text: string,
): { ok: true; value: TeamLink } | { ok: false; error: string } {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return {
      ok: false,
      error: 'The clipboard holds no link. Copy the server link (https://…/?token=…) first.',
    };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return { ok: false, error: 'A team server link starts with https://.' };
  if (url.protocol === 'http:' && !LOOPBACK.has(url.hostname))
    return {
      ok: false,
      error: `${url.origin} is plain http: the token would cross the network unencrypted. Ask for the https:// link.`,
    };
  const token = url.searchParams.get('token') ?? '';
  if (!TOKEN.test(token))
    return {
      ok: false,
      error: 'The link has no valid ?token=…; ask the server owner for your link.',
    };
  return { ok: true, value: { origin: url.origin, token } };
}

export const editorUrl = (link: TeamLink): string =>
  `${link.origin}/?token=${encodeURIComponent(link.token)}`;

export interface TeamWorkspaces {
  /** File › Open Team Workspace…: from the link on the clipboard. */
  openFromClipboard(): Promise<boolean>;
  /** A remembered server, opened again with its stored token. */
  reopen(origin: string): Promise<boolean>;
  /** The remembered servers' origins, most recent first. */
  remembered(): string[];
  forget(origin: string): void;
}

export function setupTeamWorkspaces(deps: TeamWorkspaceDeps): TeamWorkspaces {
  const { settings, safeStorage } = deps;
  const doFetch = deps.fetch ?? fetch;
  const now = deps.now ?? (() => new Date());

  /** Asks the server whether the token lets the member in; the refusal in words, or null. */
  async function check(link: TeamLink): Promise<string | null> {
    try {
      const res = await doFetch(`${link.origin}/rpc/app.info`, {
        method: 'POST',
        headers: { authorization: `Bearer ${link.token}`, 'content-type': 'application/json' },
        body: '{}',
      });
      await res.arrayBuffer();
      if (res.status === 200) return null;
      if (res.status === 401)
        return `${link.origin} does not accept this token (revoked or mistyped).`;
      return `${link.origin} answered ${res.status}; try again later.`;
    } catch (error) {
      return `${link.origin} could not be reached: ${(error as Error).message}`;
    }
  }

  function remember(link: TeamLink): void {
    // Never in clear: without the OS keychain the server is opened but not remembered.
    if (!safeStorage.isEncryptionAvailable()) {
      deps.notice(
        'info',
        'The system keychain is not available, so the token is not remembered: open the link again next time.',
      );
      return;
    }
    const entry: TeamServerEntry = {
      origin: link.origin,
      token_encrypted: safeStorage.encryptString(link.token).toString('base64'),
      saved_time: now().toISOString(),
    };
    const others = settings.get('teamServers').filter((s) => s.origin !== link.origin);
    settings.set('teamServers', [entry, ...others]);
  }

  async function open(link: TeamLink): Promise<boolean> {
    const refused = await check(link);
    if (refused) {
      deps.notice('error', refused);
      return false;
    }
    remember(link);
    deps.openEditor(editorUrl(link));
    return true;
  }

  return {
    async openFromClipboard() {
      const pressed = await deps.ask({
        message: 'Open a team workspace',
        detail:
          'Copy the link the server owner gave you (https://…/?token=…), then choose Open from Clipboard. The token is kept encrypted by your system keychain.',
        buttons: ['Open from Clipboard', 'Cancel'],
      });
      if (pressed !== 0) return false;
      const link = parseTeamLink(await deps.readClipboard());
      if (!link.ok) {
        deps.notice('error', link.error);
        return false;
      }
      return open(link.value);
    },
    async reopen(origin) {
      const entry = settings.get('teamServers').find((s) => s.origin === origin);
      if (!entry) return false;
      let token: string;
      try {
        if (!safeStorage.isEncryptionAvailable())
          throw new Error('the system keychain is not available');
        token = safeStorage.decryptString(Buffer.from(entry.token_encrypted, 'base64'));
      } catch (error) {
        deps.notice(
          'error',
          `The token for ${origin} cannot be read (${(error as Error).message}): open its link again.`,
        );
        return false;
      }
      return open({ origin, token });
    },
    remembered: () => settings.get('teamServers').map((s) => s.origin),
    forget(origin) {
      settings.set(
        'teamServers',
        settings.get('teamServers').filter((s) => s.origin !== origin),
      );
    },
  };
}
