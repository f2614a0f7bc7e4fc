/**
 * What the menu's items do, and the menu kept current: it gathers MenuState from the
 * service and settings, rebuilds the menu after changes (debounced), and performs each
 * action through the service, native dialogs and the shell push channel. Electron is reached
 * only through the ports passed in, so the flows run in tests with fakes.
 */
import { join } from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import type { ShellEvent, ThemeSetting } from '../../shared/contract/shell-events';
import type { WorkspaceInfo } from '../../shared/contract/methods';
import type { ExportFormat } from '../../shared/exchange/formats';
import type { SettingsStore } from '../settings/open-settings';
import type { TokenBook } from '../service/token-book';
import { MAX_RECENT } from '../settings/schema';
import { revokeToken, type LocalApiController } from './local-api';
import { buildMenuTemplate, type MenuActions, type MenuState } from './menu';
import {
  historyAvailability,
  historyStep,
  untitledName,
  withRecent,
  type ShellCall,
} from './service-calls';
import type { TeamWorkspaces } from './team-workspaces';
import { IMPORT_FILTERS, importFileAndOpen, writeExportFile, type FileIo } from './workspace-files';

/** Native dialogs, already parented to the app window by the caller. */
export interface DialogPort {
  openFile(options: { title: string; filters: typeof IMPORT_FILTERS }): Promise<string | null>;
  saveFile(options: { title: string; defaultPath: string }): Promise<string | null>;
  /** Answers the index of the button pressed. */
  ask(options: { message: string; detail: string; buttons: string[] }): Promise<number>;
}

export interface DesktopShellDeps {
  call: ShellCall;
  settings: Pick<SettingsStore, 'get' | 'set'>;
  localApi: LocalApiController;
  /** The token book: File › Local API › Revoke Token revokes through it (announced). */
  tokens: Pick<TokenBook, 'revoke'>;
  dialogs: DialogPort;
  /** Installs a menu built from the template (Menu.setApplicationMenu). */
  setMenu(template: MenuItemConstructorOptions[]): void;
  /** Sends to the app window's renderer, if there is one. */
  send(event: ShellEvent): void;
  setNativeTheme(theme: ThemeSetting): void;
  copyText(text: string): void;
  showAbout(): void;
  openFolder(path: string): Promise<string>;
  dataDir: string;
  documentsDir: string;
  platform: NodeJS.Platform;
  appName: string;
  devTools: boolean;
  owner: string;
  io?: FileIo;
  debounceMs?: number;
  /** File › Open Team Workspace (team-workspaces.ts); absent: no such menu. */
  team?: TeamWorkspaces;
}

export interface DesktopShell {
  actions: MenuActions;
  /** Rebuilds the menu soon (many calls in a row rebuild once). */
  refreshSoon(): void;
  refreshNow(): Promise<void>;
  /** Imports a `.linkgraph.json` (or any importable file) and opens it. */
  openFile(path: string): Promise<boolean>;
  /** The saved theme and link defaults, sent when a page has loaded. */
  sendSavedPreferences(): void;
}

export function createDesktopShell(deps: DesktopShellDeps): DesktopShell {
  const { call, settings, dialogs, send } = deps;
  const notice = (kind: 'info' | 'error', text: string) => send({ type: 'notice', kind, text });
  let timer: ReturnType<typeof setTimeout> | null = null;

  async function gatherState(): Promise<MenuState> {
    const [list, members, history] = await Promise.all([
      call('workspace.list'),
      call('members.list'),
      historyAvailability(call),
    ]);
    const workspaces = list.ok ? list.value.workspaces : [];
    const open = list.ok ? list.value.open : null;
    const ids = workspaces.map((w) => w.id);
    let recentIds = settings.get('recentWorkspaces').filter((id) => ids.includes(id));
    if (open) recentIds = withRecent(recentIds, open, ids, MAX_RECENT);
    if (recentIds.join() !== settings.get('recentWorkspaces').join())
      settings.set('recentWorkspaces', recentIds);
    const byId = new Map(workspaces.map((w) => [w.id, w]));
    const api = settings.get('api');
    return {
      platform: deps.platform,
      appName: deps.appName,
      workspaces,
      openWorkspace: open,
      recent: recentIds.map((id) => byId.get(id)).filter((w) => w !== undefined),
      members: members.ok ? members.value.members : [],
      me: deps.owner,
      theme: settings.get('theme'),
      linkDefaults: settings.get('linkDefaults'),
      ...history,
      api: { ...api, listening: deps.localApi.port() },
      tokens: settings.get('apiTokens'),
      devTools: deps.devTools,
      ...(deps.team ? { teamServers: deps.team.remembered() } : {}),
    };
  }

  async function refreshNow(): Promise<void> {
    deps.setMenu(buildMenuTemplate(await gatherState(), actions));
  }

  function refreshSoon(): void {
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      void refreshNow();
    }, deps.debounceMs ?? 200);
  }

  function opened(workspace: WorkspaceInfo, text?: string): void {
    send({ type: 'workspace-opened', workspace: { id: workspace.id, name: workspace.name } });
    if (text) notice('info', text);
    refreshSoon();
  }

  async function openFile(path: string): Promise<boolean> {
    const result = await importFileAndOpen(call, path, deps.io);
    if (!result.ok) {
      notice('error', result.error.message);
      return false;
    }
    opened(result.value, `Imported “${result.value.name}” as a new workspace.`);
    return true;
  }

  async function historyAction(direction: 'undo' | 'redo'): Promise<void> {
    const done = await historyStep(call, direction);
    if (!done.ok) notice('error', done.error.message);
    else if (done.value === null) notice('info', `Nothing to ${direction}.`);
    // The change itself reaches the window as a pushed diff (the menu's origin is not the window's).
    refreshSoon();
  }

  const actions: MenuActions = {
    newWorkspace: () =>
      void (async () => {
        const list = await call('workspace.list');
        const name = untitledName(list.ok ? list.value.workspaces : []);
        const created = await call('workspace.create', { name });
        const open = created.ok ? await call('workspace.open', { id: created.value.id }) : created;
        if (open.ok) opened(open.value);
        else notice('error', open.error.message);
      })(),
    openWorkspace: (id) =>
      void (async () => {
        const open = await call('workspace.open', { id });
        if (open.ok) opened(open.value);
        else notice('error', open.error.message);
      })(),
    importFile: () =>
      void (async () => {
        const path = await dialogs.openFile({ title: 'Import a graph', filters: IMPORT_FILTERS });
        if (path) await openFile(path);
      })(),
    exportAs: (format: ExportFormat) =>
      void (async () => {
        // The owner's view: "view as" exports stay in the renderer's Export menu.
        const file = await call('export', { format });
        if (!file.ok) return notice('error', file.error.message);
        const path = await dialogs.saveFile({
          title: 'Export',
          defaultPath: join(deps.documentsDir, file.value.filename),
        });
        if (!path) return;
        const written = await writeExportFile(path, file.value.content, deps.io);
        if (written.ok) notice('info', `Exported to ${path}.`);
        else notice('error', written.error.message);
      })(),
    undo: () => void historyAction('undo'),
    redo: () => void historyAction('redo'),
    toRenderer: (event) => send(event),
    setTheme: (theme) => {
      settings.set('theme', theme);
      deps.setNativeTheme(theme);
      send({ type: 'set-theme', theme });
      refreshSoon();
    },
    setLinkDefaults: (patch) => {
      const next = { ...settings.get('linkDefaults'), ...patch };
      settings.set('linkDefaults', next);
      send({ type: 'set-link-defaults', ...next });
      refreshSoon();
    },
    setApiEnabled: (enabled) =>
      void (async () => {
        const api = settings.get('api');
        settings.set('api', { ...api, enabled });
        try {
          const port = await deps.localApi.setEnabled(enabled, api.port);
          notice(
            'info',
            port === null ? 'The local API is off.' : `The local API listens on 127.0.0.1:${port}.`,
          );
        } catch (error) {
          settings.set('api', { ...api, enabled: false });
          const reason = error instanceof Error ? error.message : String(error);
          notice('error', `The local API could not start: ${reason}`);
        }
        refreshSoon();
      })(),
    createToken: (member) =>
      void (async () => {
        const minted = await call('token.create', { member, label: 'desktop' });
        if (!minted.ok) return notice('error', minted.error.message);
        // Tokens are stored hashed: this dialog is the only time it can be seen.
        const pressed = await dialogs.ask({
          message: 'New API token',
          detail: `${minted.value.token}\n\nCopy it now: it is shown only this once.`,
          buttons: ['Copy and Close', 'Close'],
        });
        if (pressed === 0) deps.copyText(minted.value.token);
        refreshSoon();
      })(),
    revokeToken: (hash) =>
      void (async () => {
        const pressed = await dialogs.ask({
          message: 'Revoke this token?',
          detail: 'Programs using it will no longer be let in.',
          buttons: ['Revoke', 'Cancel'],
        });
        if (pressed !== 0) return;
        const revoked = await revokeToken(settings, deps.tokens, hash);
        if (!revoked.ok) notice('error', revoked.error.message);
        else if (revoked.value) notice('info', 'The token was revoked.');
        refreshSoon();
      })(),
    about: () => deps.showAbout(),
    openDataFolder: () =>
      void deps.openFolder(deps.dataDir).then((problem) => {
        if (problem) notice('error', `The data folder could not be opened: ${problem}`);
      }),
    ...(deps.team
      ? {
          openTeamWorkspace: () => void deps.team?.openFromClipboard().then(() => refreshSoon()),
          reopenTeamWorkspace: (origin: string) => void deps.team?.reopen(origin),
        }
      : {}),
  };

  return {
    actions,
    refreshSoon,
    refreshNow,
    openFile,
    sendSavedPreferences: () => {
      send({ type: 'set-theme', theme: settings.get('theme') });
      send({ type: 'set-link-defaults', ...settings.get('linkDefaults') });
    },
  };
}
