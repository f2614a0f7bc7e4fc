/**
 * Electron main process: opens settings (electron-store) and the service, then one window
 * that loads the built renderer. Each feature is set up by its own module in shell/.
 */
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, ipcMain, session } from 'electron';
import ElectronStore from 'electron-store';
import { appHandlers } from './service/handlers';
import { createService } from './service/service';
import { ensureOpenWorkspace, readGraphFile } from './service/workspace-registry';
import { openSettings } from './settings/open-settings';
import type { Settings } from './settings/schema';
import { setupIpc } from './shell/ipc';
import { denyPermissions, secureWebPreferences, setupNavigationGuards } from './shell/security';

const here = fileURLToPath(new URL('.', import.meta.url));
const rendererDir = join(here, '..', 'renderer');

// `--data DIR` points the app at another data folder (as serve does).
const dataFlag = process.argv.indexOf('--data');
const dataArg = dataFlag >= 0 ? process.argv[dataFlag + 1] : undefined;
if (dataArg) app.setPath('userData', resolve(dataArg));
app.setName('Linkgraph');

setupNavigationGuards(app);

app.whenReady().then(() => {
  const dataDir = app.getPath('userData');
  const { settings, problems } = openSettings(
    dataDir,
    app.getVersion(),
    (options) => new ElectronStore<Settings>({ ...options, name: options?.configName }),
  );
  const workspace = ensureOpenWorkspace(settings, dataDir);
  const service = createService(
    appHandlers({ dataDir, settings, mode: 'electron', version: app.getVersion(), problems }),
  );
  setupIpc(ipcMain, service, rendererDir, () => readGraphFile(dataDir, workspace.id).owner);
  denyPermissions(session.defaultSession);

  const { width, height } = settings.get('window');
  const window = new BrowserWindow({
    width,
    height,
    title: 'Linkgraph',
    show: false,
    webPreferences: secureWebPreferences(join(here, 'preload.cjs')),
  });
  window.once('ready-to-show', () => window.show());
  void window.loadFile(join(rendererDir, 'index.html'));
});

app.on('window-all-closed', () => app.quit());
