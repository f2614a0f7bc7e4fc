/**
 * Electron main process: one instance per data folder, the service over that folder
 * (settings in electron-store), then one window that loads the built renderer from
 * `app://linkgraph/`. Each feature is set up by its own module in shell/; this file only
 * wires them to Electron's objects.
 */
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  app,
  BrowserWindow,
  clipboard,
  dialog,
  ipcMain,
  Menu,
  nativeTheme,
  protocol,
  safeStorage,
  session,
  shell,
  type BaseWindow,
  type Screen,
} from 'electron';
import ElectronStore from 'electron-store';
import { startService } from './service/start-service';
import { withDurableWrites } from './settings/durable-conf';
import type { Settings } from './settings/schema';
import { APP_INDEX_URL, handleAppProtocol, registerAppScheme } from './shell/app-protocol';
import { createDesktopShell, type DialogPort } from './shell/desktop-shell';
import { setupDiffPush, setupIpc } from './shell/ipc';
import { createFileOpener, setupSingleInstance } from './shell/launch';
import { apiOptions, createLocalApi, startLocalApiServer } from './shell/local-api';
import { createMainWindow } from './shell/main-window';
import { SHELL_EVENT_CHANNEL, type ShellEvent } from '../shared/contract/shell-events';
import { shellCaller } from './shell/service-calls';
import { applyCspHeaders, denyPermissions, setupNavigationGuards } from './shell/security';
import { setupTeamWorkspaces } from './shell/team-workspaces';
import { restoreBounds, trackWindowState } from './shell/window-state';
import { workspaceFileFromArgv } from './shell/workspace-files';

/** electron-store, writing settings.json in full or not at all (settings/durable-conf.ts). */
const DurableElectronStore = withDurableWrites(ElectronStore);

const here = fileURLToPath(new URL('.', import.meta.url));
const rendererDir = join(here, '..', 'renderer');

// `--data DIR` points the app at another data folder (as serve does). Set before the
// single-instance lock, which is held per data folder.
const dataFlag = process.argv.indexOf('--data');
const dataArg = dataFlag >= 0 ? process.argv[dataFlag + 1] : undefined;
if (dataArg) app.setPath('userData', resolve(dataArg));
app.setName('Linkgraph');
registerAppScheme(protocol);

let mainWindow: BrowserWindow | null = null;
const focusWindow = () => {
  if (!mainWindow || mainWindow.isDestroyed()) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
};
let openFile: (path: string) => Promise<unknown> = async () => {};
const opener = createFileOpener((path) => openFile(path));

if (!setupSingleInstance(app, { focus: focusWindow, openFile: (path) => opener.request(path) })) {
  app.quit();
} else {
  setupNavigationGuards(app);
  const launchFile = workspaceFileFromArgv(process.argv, process.cwd());
  if (launchFile) opener.request(launchFile);
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      dialog.showErrorBox(
        'Linkgraph could not start',
        error instanceof Error ? error.message : String(error),
      );
      app.exit(1);
    });
}

async function start(): Promise<void> {
  const started = await startService({
    dataDir: app.getPath('userData'),
    mode: 'electron',
    version: app.getVersion(),
    settingsFactory: (options) =>
      new DurableElectronStore<Settings>({ ...options, name: options?.configName }),
  });
  const { settings } = started;
  handleAppProtocol(protocol, rendererDir);
  applyCspHeaders(session.defaultSession);
  denyPermissions(session.defaultSession);
  nativeTheme.themeSource = settings.get('theme');
  app.setAboutPanelOptions({
    applicationName: 'Linkgraph',
    applicationVersion: app.getVersion(),
    copyright: 'Draw dependencies visually and plan offline.',
  });

  // `screen` throws if touched before `ready`; it is looked up here rather than bound by a
  // top-level ESM import, which may read it while the module is linked.
  const { screen } = createRequire(import.meta.url)('electron') as { screen: Screen };
  const saved = settings.get('window');
  const window = createMainWindow(BrowserWindow, {
    preload: join(here, 'preload.cjs'),
    bounds: restoreBounds(saved, screen.getAllDisplays(), screen.getPrimaryDisplay()),
  });
  mainWindow = window;
  if (saved.maximized) window.maximize();
  trackWindowState(window, (state) => settings.set('window', state));
  window.once('ready-to-show', () => window.show());

  const send = (event: ShellEvent) => {
    if (!window.isDestroyed()) window.webContents.send(SHELL_EVENT_CHANNEL, event);
  };
  const parent = (): BaseWindow | undefined => (window.isDestroyed() ? undefined : window);
  const dialogs: DialogPort = {
    openFile: async (options) => {
      const props = { ...options, properties: ['openFile' as const] };
      const w = parent();
      const chosen = await (w ? dialog.showOpenDialog(w, props) : dialog.showOpenDialog(props));
      return chosen.canceled ? null : (chosen.filePaths[0] ?? null);
    },
    saveFile: async (options) => {
      const w = parent();
      const chosen = await (w ? dialog.showSaveDialog(w, options) : dialog.showSaveDialog(options));
      return chosen.canceled ? null : (chosen.filePath ?? null);
    },
    ask: async (options) => {
      const box = { ...options, type: 'info' as const, defaultId: 0, cancelId: 1 };
      const w = parent();
      return (await (w ? dialog.showMessageBox(w, box) : dialog.showMessageBox(box))).response;
    },
  };

  // File › Open Team Workspace: a team server's own editor in a window of its own (a sandboxed
  // page of that origin, no preload: it talks to its server over HTTP like a browser tab),
  // the token kept encrypted by the OS keychain (safeStorage).
  const team = setupTeamWorkspaces({
    safeStorage,
    settings,
    ask: dialogs.ask,
    readClipboard: () => clipboard.readText(),
    openEditor: (url) => {
      const teamWindow = new BrowserWindow({
        width: 1280,
        height: 800,
        webPreferences: {
          sandbox: true,
          contextIsolation: true,
          nodeIntegration: false,
          partition: 'team',
        },
      });
      void teamWindow.loadURL(url);
    },
    notice: (kind, text) => send({ type: 'notice', kind, text }),
  });

  const localApi = createLocalApi(
    (port) => apiOptions(started, port),
    startLocalApiServer(started.tokens),
  );
  const desktop = createDesktopShell({
    call: shellCaller(started.service, () => ({ member: started.owner, origin: 'shell' })),
    settings,
    localApi,
    tokens: started.tokens,
    dialogs,
    setMenu: (template) => Menu.setApplicationMenu(Menu.buildFromTemplate(template)),
    send,
    setNativeTheme: (theme) => (nativeTheme.themeSource = theme),
    copyText: (text) => clipboard.writeText(text),
    showAbout: () => app.showAboutPanel(),
    openFolder: (path) => shell.openPath(path),
    dataDir: app.getPath('userData'),
    documentsDir: app.getPath('documents'),
    platform: process.platform,
    appName: 'Linkgraph',
    devTools: !app.isPackaged,
    owner: started.owner,
    team,
  });

  setupIpc(
    ipcMain,
    started.service,
    () => started.owner,
    (method) => {
      // The renderer switched or changed workspaces: Open, Open Recent and View As follow.
      if (method.startsWith('workspace.') || method === 'import' || method === 'member.add')
        desktop.refreshSoon();
    },
  );
  setupDiffPush(started, () => BrowserWindow.getAllWindows().map((w) => w.webContents));
  // Undo/Redo availability changes with every accepted change.
  started.service.onDiff(() => desktop.refreshSoon());
  window.webContents.on('did-finish-load', () => desktop.sendSavedPreferences());
  // The toolbar saved a preference through the service: the native theme and the menu's
  // check marks follow it.
  started.preferences.onChange((prefs) => {
    nativeTheme.themeSource = prefs.theme;
    desktop.refreshSoon();
  });

  if (settings.get('api').enabled) {
    localApi.setEnabled(true, settings.get('api').port).catch((error: unknown) => {
      const reason = error instanceof Error ? error.message : String(error);
      send({ type: 'notice', kind: 'error', text: `The local API could not start: ${reason}` });
    });
  }

  let quitting = false;
  app.on('before-quit', (event) => {
    if (quitting) return;
    // Stop the API and flush every workspace before the process ends.
    event.preventDefault();
    quitting = true;
    void Promise.allSettled([localApi.setEnabled(false, 0), started.hub.closeAll()]).finally(() =>
      app.quit(),
    );
  });

  await desktop.refreshNow();
  openFile = (path) => desktop.openFile(path);
  opener.ready();
  // Never a dev server: the window only ever loads the packaged files through app://.
  await window.loadURL(APP_INDEX_URL);
}

app.on('window-all-closed', () => app.quit());
